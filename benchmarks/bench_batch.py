"""Batch throughput: ``auditor batch`` over a folder of mixed .txt/.docx/.pdf reports.

Builds the folder at run time in a temporary directory from the seed reports of
../shared/seeds (their three formats), each copy made unique so no two files share a
sha256: a numbered line appended to a .txt, a numbered paragraph added to a .docx, a
numbered comment after the end of a .pdf. Then it times, with the given workers:

- a cold batch (empty results.db), reported as files per second;
- the same batch again, where every report is reused from the store (resume), once
  writing only the database and once rebuilding the documents from their snapshots as
  the xlsx/html outputs need;
- writing results.xlsx and results.html for all reports.

Run: ``python benchmarks/bench_batch.py --files 200 --workers 2``; record the printed
table in docs/benchmarks.md ("Batch").
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

from auditor.batch import BatchOptions, BatchSummary, run_batch, scan
from auditor.batch.outputs import resolve, write_documents
from auditor.config import load_config

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _unique_docx(source: Path, target: Path, number: int) -> None:
    import docx

    document = docx.Document(str(source))
    document.add_paragraph(f"（基准测试副本 {number}）")
    document.save(str(target))


def build_corpus(folder: Path, count: int) -> dict[str, int]:
    """``count`` unique reports, formats in turn, spread over ten sub-folders."""
    sources = {
        "txt": sorted(SEEDS.glob("*.txt")),
        "docx": sorted((SEEDS / "docx").glob("*.docx")),
        "pdf": sorted((SEEDS / "pdf").glob("*.pdf")),
    }
    if not all(sources.values()):
        raise SystemExit(f"seed reports not found under {SEEDS}")
    kinds = list(sources)
    made = dict.fromkeys(kinds, 0)
    for number in range(count):
        kind = kinds[number % len(kinds)]
        seed = sources[kind][(number // len(kinds)) % len(sources[kind])]
        target = folder / f"batch{number % 10}" / f"{number:04d}_{seed.stem}.{kind}"
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "txt":
            text = seed.read_text(encoding="utf-8")
            target.write_text(f"{text}\n（基准测试副本 {number}）\n", encoding="utf-8")
        elif kind == "docx":
            _unique_docx(seed, target, number)
        else:
            target.write_bytes(seed.read_bytes() + f"\n% copy {number}\n".encode())
        made[kind] += 1
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="auditor-bench-"))
    try:
        made = build_corpus(work / "in", args.files)
        files = scan(work / "in")
        config = load_config(start=work)
        targets = resolve(str(work / "out"))
        quiet = io.StringIO()

        def batch(keep: bool = True) -> tuple[float, BatchSummary]:
            opts = BatchOptions(workers=args.workers, keep_documents=keep, progress=quiet)
            start = time.perf_counter()
            summary = run_batch(files, work / "in", targets.db, config, opts)
            return time.perf_counter() - start, summary

        runs = [("cold (empty store)", *batch()),
                ("resumed, database only", *batch(keep=False)),
                ("resumed, documents rebuilt for xlsx/html", *batch())]
        summary = runs[-1][2]
        start = time.perf_counter()
        write_documents(targets, summary.results, "zh", config)
        render = time.perf_counter() - start
        sizes = {p.name: p.stat().st_size // 1024 for p in targets.documents}
        print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()}")
        print(f"corpus: {len(files)} files ({', '.join(f'{n} .{k}' for k, n in made.items())}),"
              f" {len(summary.errors)} unreadable")
        print("| run | workers | files | audited / reused | seconds | files/s |")
        print("|---|---|---|---|---|---|")
        for label, seconds, result in runs:
            statuses = list(result.statuses.values())
            print(f"| {label} | {args.workers} | {len(files)} | {statuses.count('audited')} / "
                  f"{statuses.count('cached')} | {seconds:.1f} | {len(files) / seconds:.1f} |")
        print(f"| xlsx + html for all | - | {len(files)} | - | {render:.1f} | - |")
        print(f"outputs: {sizes} KiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
