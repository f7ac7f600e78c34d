"""Language stage cost per 20,000-character report: section classification.

Times ``classify_sections`` (the section classifier annotator: heading context, n-gram
features looked up in one vectorised pass, the linear model and the forward-backward
smoothing) on documents already annotated up to it, so the number is the classifier's own
cost. Inputs: the synthetic
20,000-character report of bench_read.py, and the seed reports of ../shared/seeds joined and
cut to 20,000 characters (read at run time, never stored). Median of 20 runs after a
warm-up that loads the model.

Boilerplate scoring (``mark_statements``: problem/measure statements, phrase share,
specificity, nearest boilerplate, problem–measure links) is timed the same way on the same
documents, plus a report whose problems and measures sections hold a quarter of its
20,000 characters (sentences of corpora/boilerplate/), the worst realistic case.

``--duplicates`` adds duplicate.cross_report on synthetic batches of 250 to 2,000 reports
(a shared preamble, template sentences with varying figures, one copied paragraph) to show
that its cost grows about linearly with the batch, as the MinHash LSH index intends;
``--duplicates 1000,10000`` times other batch sizes (10,000 reports take a few minutes,
most of it annotating them).

Run: ``python benchmarks/bench_language.py [--duplicates [SIZES]]``; record the tables in
docs/benchmarks.md ("Language").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from auditor.annotate import annotate
from auditor.annotate.section_classifier import classify_sections
from auditor.annotate.statements import mark_statements
from auditor.model.document import Document
from auditor.read import read_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_read import SEEDS, synthetic_report  # noqa: E402

CHARS = 20_000
REPEAT = 20
NO_CLASSIFIER = {"sections": {"classifier": False}}


def seeds_report(chars: int = CHARS) -> str | None:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        return None
    text = "\n".join(f.read_text(encoding="utf-8") for f in files)
    return text[:chars]


def time_classifier(doc: Document) -> float:
    """Median ms of the whole classifier annotator (it keeps no cache between runs)."""
    classify_sections(doc, {})
    runs = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        classify_sections(doc, {})
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def problem_heavy_report(chars: int = CHARS) -> str:
    """A synthetic report whose last quarter is problems and measures sections."""
    import yaml

    folder = Path(__file__).resolve().parents[1] / "corpora" / "boilerplate"
    problems: list[str] = []
    measures: list[str] = []
    for name in ("generic.yml", "specific.yml"):
        for entry in yaml.safe_load((folder / name).read_text(encoding="utf-8"))["sections"]:
            problems += entry["problems"]
            measures += entry["measures"]
    tail = ["五、存在的问题及原因"]
    while sum(len(p) + 1 for p in tail) < chars // 8:
        tail.append(f"{len(tail)}、{problems[len(tail) % len(problems)]}")
    tail.append("六、改进措施")
    while sum(len(p) + 1 for p in tail) < chars // 4:
        tail.append(measures[len(tail) % len(measures)])
    body = "\n".join(tail)
    return synthetic_report(chars - len(body) - 2) + "\n\n" + body  # end any table first


def time_statements(doc: Document) -> tuple[float, int]:
    """Median ms of boilerplate scoring, and how many statements it scored."""
    mark_statements(doc, {})
    runs = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        mark_statements(doc, {})
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), len(doc.spans.get("statements", []))


def batch_of_reports(n: int, seed: int = 0) -> list[Document]:
    """``n`` annotated reports of ~40 sentences each: a district preamble every report shares,
    a sentence template with varying figures, and one paragraph copied between two reports."""
    import random

    rng = random.Random(seed)
    verbs = ["培训", "巡查", "督导", "调研", "宣传", "检查", "座谈", "演练", "走访", "评审"]
    docs = []
    for i in range(n):
        lines = [f"示例区第{i}局2024年度部门整体支出绩效自评报告", "三、绩效目标实现情况",
                 "全区各部门认真贯彻落实区委区政府决策部署，扎实推进各项工作任务落地见效。"]
        lines += [f"全年开展{rng.choice(verbs)}{rng.randint(2, 90)}次，覆盖{rng.randint(100, 9000)}"
                  f"人，形成报告{rng.randint(1, 30)}份，登记编号{rng.randint(10**6, 10**7)}。"
                  for _ in range(40)]
        if i in (1, n - 1):
            lines.append("全年组织安全生产大检查3轮，排查整改隐患47处，约谈重点单位负责人12人次。")
        docs.append(annotate(read_text("\n".join(lines) + "\n", f"{i}.txt"), NO_CLASSIFIER))
    return docs


def time_duplicates(sizes: tuple[int, ...]) -> None:
    """Seconds of duplicate.cross_report alone per batch size: growth should be ~linear."""
    from auditor.check import run_checks

    print(f"{'reports':>8} {'sentences':>9} {'duplicate s':>11} {'findings':>8}")
    for n in sizes:
        docs = batch_of_reports(n)
        start = time.perf_counter()
        results = run_checks(docs, {}, only=["duplicate.cross_report"])
        seconds = time.perf_counter() - start
        print(f"{n:8d} {sum(len(d.sentences) for d in docs):9d} {seconds:11.2f} "
              f"{sum(len(r) for r in results):8d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duplicates", nargs="?", const="250,500,1000,2000", default=None,
                        metavar="SIZES", help="also time duplicate.cross_report on batches "
                        "of these sizes (comma-separated)")
    args = parser.parse_args()
    inputs = {"synthetic 20,000-char report": synthetic_report(CHARS)}
    seeds = seeds_report()
    if seeds is not None:
        inputs["seeds joined, 20,000 chars"] = seeds
    inputs["problem-heavy 20,000 chars"] = problem_heavy_report(CHARS)
    print(f"{'input':32} {'blocks':>6} {'classify ms':>11} {'statements':>10} "
          f"{'boilerplate ms':>14} {'total ms':>8}")
    for name, text in inputs.items():
        doc = annotate(read_text(text, name), NO_CLASSIFIER)
        classify = time_classifier(doc)
        boilerplate, n = time_statements(doc)
        print(f"{name:32} {len(doc.blocks):6d} {classify:11.1f} {n:10d} {boilerplate:14.1f} "
              f"{classify + boilerplate:8.1f}")
    if args.duplicates:
        time_duplicates(tuple(int(n) for n in args.duplicates.split(",")))


if __name__ == "__main__":
    main()
