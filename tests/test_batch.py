"""auditor batch: parallel audit, resume after interruption, cross-report rules over cached
reports, unreadable files, worker crashes, ranking and the stratified sample."""

from __future__ import annotations

import io
import os
import pickle
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from auditor.annotate import annotate
from auditor.batch import BatchOptions, run_batch, scan
from auditor.batch.fingerprint import ruleset_fingerprint
from auditor.batch.pool import DIED, parallel
from auditor.batch.progress import Reporter
from auditor.batch.scan import other_files
from auditor.batch.spotcheck import parse_sample, rank, sample_size, stratified_sample
from auditor.check.registry import RULES, BatchRule, CheckContext
from auditor.cli.common import available_formats
from auditor.cli.main import main
from auditor.config import load_config
from auditor.model.document import Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n
from auditor.read import read_path
from auditor.store import Store
from tests.conftest import requires_shared, seed_files

DEPARTMENTS = ["示例区财政局", "示例区教育局", "示例区卫生健康局"]


def _report(department: str, number: int, shared: str = "") -> str:
    return (
        f"{department}2024年度项目支出绩效自评报告\n"
        "一、基本情况\n"
        f"本项目年初预算{100 + number}万元，全年支出{90 + number}万元。\n"
        f"{shared or f'第{number}号项目按计划完成了{number + 3}项任务。'}\n"
        "二、评价结论\n"
        f"项目自评得分{90 + number % 5}分，等级为优。\n"
    )


def _corpus(root: Path, n: int = 6) -> list[Path]:
    for i in range(n):
        department = DEPARTMENTS[i % len(DEPARTMENTS)]
        folder = root / f"dept{i % len(DEPARTMENTS)}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"report{i}.txt").write_text(_report(department, i), encoding="utf-8")
    return scan(root)


@pytest.fixture
def config(tmp_path: Path) -> dict[str, Any]:
    return load_config(start=tmp_path)


def test_scan_is_recursive_sorted_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    for name in ["b/c/z.TXT", "a.docx", "b/y.pdf", "notes.md", ".hidden/x.txt", "~$lock.docx",
                 "old.doc", "w.wps"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    rel = [p.relative_to(tmp_path).as_posix() for p in scan(tmp_path)]
    assert rel == ["a.docx", "b/c/z.TXT", "b/y.pdf", "old.doc", "w.wps"]
    # what is left out is named, so that nothing handed in disappears without a word
    assert [p.name for p in other_files(tmp_path)] == ["notes.md"]


def test_cli_batch_names_the_files_it_does_not_audit(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "in"
    _corpus(root, 1)
    (root / "自评表.xlsx").write_bytes(b"PK")
    args = ["batch", str(root), "--out", str(tmp_path / "out.db"), "--workers", "1",
            "--config", str(_empty_config(tmp_path))]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "未审核的其他文件（1 份" in printed and "自评表.xlsx" in printed
    assert main(["batch", str(root / "自评表.xlsx"), "--out", str(tmp_path / "x.db")]) == 2
    assert "是一个文件" in capsys.readouterr().err


def test_interrupted_batch_resumes_without_redoing_work(tmp_path: Path,
                                                        config: dict[str, Any]) -> None:
    root = tmp_path / "in"
    files = _corpus(root)
    db = tmp_path / "results.db"
    seen: list[str] = []

    def interrupt_after_two(path: str, status: str) -> None:
        seen.append(path)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(files, root, db, config, BatchOptions(workers=2, on_file=interrupt_after_two))
    store = Store(db)
    assert store.run(1)["status"] == "interrupted"
    store.close()

    resumed = run_batch(files, root, db, config, BatchOptions(workers=2))
    by_status: dict[str, set[str]] = {}
    for path, status in resumed.statuses.items():
        by_status.setdefault(status, set()).add(path)
    assert by_status["cached"] == set(seen)
    assert by_status["audited"] == {str(p) for p in files} - set(seen)

    fresh = run_batch(files, root, tmp_path / "fresh.db", config, BatchOptions(workers=1))
    key = [(r["path"], r["score"], r["high"], r["medium"], r["low"]) for r in resumed.ranked]
    assert key == [(r["path"], r["score"], r["high"], r["medium"], r["low"])
                   for r in fresh.ranked]

    again = run_batch(files, root, db, config, BatchOptions(workers=2))
    assert set(again.statuses.values()) == {"cached"}


def test_changed_settings_mean_a_new_audit(tmp_path: Path, config: dict[str, Any]) -> None:
    root = tmp_path / "in"
    files = _corpus(root, 2)
    db = tmp_path / "results.db"
    run_batch(files, root, db, config, BatchOptions(workers=1))
    stricter = {**config, "severity": {"text.typo": "high"}}
    summary = run_batch(files, root, db, stricter, BatchOptions(workers=1))
    assert set(summary.statuses.values()) == {"audited"}


def test_fingerprint_follows_rules_and_settings(config: dict[str, Any]) -> None:
    base = ruleset_fingerprint(config, ["a", "b"])
    assert base == ruleset_fingerprint(dict(config), ["b", "a"])
    assert base != ruleset_fingerprint(config, ["a"])
    assert base != ruleset_fingerprint({**config, "phrases": {"x": ["y"]}}, ["a", "b"])


class _TestBatchRule(BatchRule):
    """What the test rules below share: registered under a real category."""

    category: ClassVar[str] = "duplicate.cross_report"
    severity: ClassVar[Any] = "medium"
    name: ClassVar[L10n] = L10n("测试规则", "test rule")
    description: ClassVar[L10n] = L10n("测试规则", "test rule")


class SharedParagraph(_TestBatchRule):
    """Test rule: a body paragraph found word for word in another report of the batch."""

    id: ClassVar[str] = "test.shared_paragraph"

    def check_batch(self, docs: list[Document], ctx: CheckContext
                    ) -> Iterator[tuple[int, Finding]]:
        owners: dict[str, list[int]] = {}
        for i, doc in enumerate(docs):
            for block in doc.paragraphs[2:]:
                owners.setdefault(block.text, []).append(i)
        for i, doc in enumerate(docs):
            for block in doc.paragraphs[2:]:
                others = [docs[j].source for j in owners[block.text] if j != i]
                if others:
                    yield i, self.finding(
                        doc, block.start, block.end, L10n("与其他报告相同", "same as another"),
                        L10n("见 " + "、".join(others), "see " + ", ".join(others)),
                        L10n("改写", "rewrite"), 0.9)


def test_cross_report_rule_covers_reports_skipped_as_cached(
        tmp_path: Path, config: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(RULES, SharedParagraph.id, SharedParagraph)
    root = tmp_path / "in"
    root.mkdir()
    copied = "项目采用公开招标方式确定供应商，资金拨付严格履行审批程序。"
    (root / "a.txt").write_text(_report(DEPARTMENTS[0], 1, copied), encoding="utf-8")
    (root / "b.txt").write_text(_report(DEPARTMENTS[1], 2, copied), encoding="utf-8")
    (root / "c.txt").write_text(_report(DEPARTMENTS[2], 3), encoding="utf-8")
    files = scan(root)
    db = tmp_path / "results.db"
    first = run_batch(files, root, db, config, BatchOptions(workers=2))
    second = run_batch(files, root, db, config, BatchOptions(workers=2))
    assert set(second.statuses.values()) == {"cached"}
    for summary in (first, second):
        flagged = {r.source for r in summary.results
                   if any(f.rule_id == SharedParagraph.id for f in r.findings)}
        assert flagged == {str(root / "a.txt"), str(root / "b.txt")}
    store = Store(db)
    by_run = Counter(row[0] for row in store.conn.execute(
        "SELECT run_id FROM findings WHERE rule_id = ?", (SharedParagraph.id,)))
    store.close()
    assert by_run == {1: 2, 2: 2}  # stored per run, never folded into the report cache


class LayerProbe(_TestBatchRule):
    """Test rule: records the span layers and attributes of the documents it is given."""

    id: ClassVar[str] = "test.layer_probe"
    layers: ClassVar[tuple[str, ...]] = ("dates", "report_year")
    seen: ClassVar[list[tuple[set[str], set[str], int]]] = []

    def check_batch(self, docs: list[Document], ctx: CheckContext
                    ) -> Iterator[tuple[int, Finding]]:
        LayerProbe.seen.extend((set(d.spans), set(d.attrs), len(d.sentences)) for d in docs)
        return iter(())


@pytest.mark.parametrize("cached", [False, True])
def test_batch_keeps_only_the_layers_cross_report_rules_read(
        tmp_path: Path, config: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
        cached: bool) -> None:
    """Thousands of documents wait in memory for the cross-report rules: the rest of each
    document's annotations is dropped, whether it was just audited or restored."""
    monkeypatch.setitem(RULES, LayerProbe.id, LayerProbe)
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(_report(DEPARTMENTS[0], 1), encoding="utf-8")
    db = tmp_path / "results.db"
    if cached:
        run_batch(scan(root), root, db, config, BatchOptions(workers=1))
    LayerProbe.seen.clear()
    run_batch(scan(root), root, db, config, BatchOptions(workers=1))
    ((spans, attrs, sentences),) = LayerProbe.seen
    assert spans == {"dates"} and attrs == {"report_year"} and sentences > 0
    LayerProbe.seen.clear()
    run_batch(scan(root), root, db, config, BatchOptions(workers=1, keep_documents=True))
    ((spans, attrs, _),) = LayerProbe.seen
    assert {"dates", "quantities", "statements"} <= spans and "score_tables" in attrs


def test_unreadable_files_are_listed_and_the_batch_goes_on(tmp_path: Path,
                                                           config: dict[str, Any]) -> None:
    root = tmp_path / "in"
    _corpus(root, 2)
    (root / "empty.txt").write_bytes(b"")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(200))
    files = scan(root)
    db = tmp_path / "results.db"
    summary = run_batch(files, root, db, config, BatchOptions(workers=2))
    failed = {Path(e["path"]).name: e for e in summary.errors}
    assert set(failed) == {"empty.txt", "broken.pdf"}
    assert all(e["error"].zh and e["error"].en for e in failed.values())
    assert len(summary.ranked) == 2
    again = run_batch(files, root, db, config, BatchOptions(workers=2))
    assert {Path(p).name for p, s in again.statuses.items() if s == "unreadable"} == set(failed)


def _explode(n: int) -> int:
    """Worker function for the pool test: dies on 3, raises on 5."""
    if n == 3:
        os._exit(1)
    if n == 5:
        raise ValueError("bad input 5")
    return n * n


def test_worker_crashes_are_caught_per_file() -> None:
    outcomes = {task: (result, error) for task, result, error in parallel(_explode, list(range(8)), 2)}
    assert set(outcomes) == set(range(8))
    assert outcomes[3] == (None, DIED)
    assert outcomes[5][0] is None and "ValueError" in outcomes[5][1].en  # type: ignore[union-attr]
    assert {n: r for n, (r, e) in outcomes.items() if e is None} == {
        n: n * n for n in range(8) if n not in (3, 5)}


def _rows(counts: dict[str, int]) -> list[dict[str, Any]]:
    rows = []
    for department, n in counts.items():
        for i in range(n):
            rows.append({"path": f"{department}/{i}.txt", "department": department or None,
                         "score": 90.0 - i, "high": 0, "medium": i % 2, "low": 0})
    return rows


def test_sample_is_stratified_and_reproducible() -> None:
    rows = _rows({"财政局": 10, "教育局": 6, "卫健局": 4})
    size = sample_size(len(rows), *parse_sample("50%"))
    assert size == 10
    first = stratified_sample(rows, size, seed=7)
    assert first == stratified_sample(list(reversed(rows)), size, seed=7)
    assert Counter(r["department"] for r in first) == {"财政局": 5, "教育局": 3, "卫健局": 2}
    draws = {tuple(r["path"] for r in stratified_sample(rows, size, seed)) for seed in range(20)}
    assert len(draws) > 10


def test_sample_rounding_gives_every_seat_once() -> None:
    rows = _rows({"甲": 1, "乙": 1, "丙": 1, "": 2})
    for seed in range(10):
        sample = stratified_sample(rows, 2, seed)
        assert len(sample) == 2 == len({r["path"] for r in sample})
    assert sample_size(5, *parse_sample("20")) == 5
    assert sample_size(200, *parse_sample("10%")) == 20
    assert sample_size(3, *parse_sample("10%")) == 1
    for bad in ["0%", "150%", "-3", "ten"]:
        with pytest.raises(ValueError):
            parse_sample(bad)


def test_ranking_puts_high_severity_then_low_score_first() -> None:
    rows = [
        {"path": "a", "score": 60.0, "high": 0, "medium": 5, "low": 0},
        {"path": "b", "score": 85.0, "high": 1, "medium": 0, "low": 0},
        {"path": "c", "score": 95.0, "high": 0, "medium": 1, "low": 0},
        {"path": "d", "score": 60.0, "high": 0, "medium": 2, "low": 9},
    ]
    assert [(r["path"], r["risk_rank"]) for r in rank(rows)] == [
        ("b", 1), ("a", 2), ("d", 3), ("c", 4)]


def test_plain_progress_lines_have_count_and_eta() -> None:
    stream = io.StringIO()
    with Reporter("审核", 2, stream) as progress:
        progress.advance("a.txt", "3 条发现")
        progress.advance("b.txt", "0 条发现")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("[1/2 ") and "ETA" in lines[0] and "a.txt: 3 条发现" in lines[0]


@requires_shared
def test_annotated_documents_cross_process_boundaries() -> None:
    for path in seed_files("txt")[:2] + seed_files("docx")[:1]:
        doc = annotate(read_path(path))
        again = pickle.loads(pickle.dumps(doc))
        assert again.text == doc.text and again.metadata == doc.metadata


def test_cli_batch_writes_database_xlsx_and_html(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    if not {"xlsx", "html"} <= set(available_formats()):
        pytest.skip("xlsx/html formats not available in this build")
    openpyxl = pytest.importorskip("openpyxl")
    root = tmp_path / "in"
    files = _corpus(root, 4)
    (root / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    args = ["batch", str(root), "--out", str(out), "--workers", "2", "--sample", "50%",
            "--seed", "3", "--config", str(_empty_config(tmp_path))]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "抽查清单" in printed and "随机抽样" in printed and "empty.txt" in printed
    assert "内容完全相同的文件" not in printed
    assert (out / "results.db").is_file()
    workbook = openpyxl.load_workbook(out / "results.xlsx")
    # the reports sheet answers "which report first, and why": spot-check order, the
    # sample, the main finding; unreadable files last
    sheet = workbook["报告汇总"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["抽查顺序", "随机抽中"] and "首要问题" in header
    body = list(sheet.iter_rows(min_row=2, values_only=True))
    ranks = [row[0] for row in body if row[0] is not None]
    assert ranks == sorted(ranks) == list(range(1, len(files) + 1))
    assert body[-1][2].endswith("empty.txt") and body[-1][0] is None
    assert sum(1 for row in body if row[1] == "是") == 2
    page = (out / "results.html").read_text(encoding="utf-8")
    assert all(p.name in page for p in files)
    assert "抽查顺序" in page and "首要问题" in page
    assert main([*args, "--lang", "en"]) == 0
    printed_en = capsys.readouterr().out
    assert "4 reused" in printed_en
    assert [p for p, _ in _sample(printed)] == [p for p, _ in _sample(printed_en)]
    assert len(_sample(printed)) == 2


def test_cli_batch_names_files_handed_in_twice(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The same report under two names is audited once and pointed out."""
    root = tmp_path / "in"
    files = _corpus(root, 2)
    twice = root / "再次提交.txt"
    twice.write_bytes(files[0].read_bytes())
    args = ["batch", str(root), "--out", str(tmp_path / "out"), "--workers", "1",
            "--config", str(_empty_config(tmp_path))]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "内容完全相同的文件（1 组" in printed
    assert f"{files[0]} = {twice}" in printed or f"{twice} = {files[0]}" in printed
    assert "新审核 2 份，沿用已有结果 1 份（以前审核过，或与本批次其他文件内容相同）" in printed


def test_cli_batch_lists_content_it_could_not_read_also_when_reused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A report with scanned pages is audited, and the pages left unread are listed, from
    the store too when a rerun reuses the audit."""
    from tests.pdf_maker import Page, make_pdf

    root = tmp_path / "in"
    _corpus(root, 2)
    lines = ["示例区文化馆2024年度部门整体支出绩效自评报告", "一、基本情况", "本馆年度预算120万元。"]
    scan_page = Page(picture=(30, 30, 535, 780))
    (root / "文化馆.pdf").write_bytes(
        make_pdf([Page([(72, 80 + 30 * i, t) for i, t in enumerate(lines)]), scan_page]))
    args = ["batch", str(root), "--out", str(tmp_path / "out"), "--workers", "1",
            "--config", str(_empty_config(tmp_path))]
    for _ in range(2):
        assert main(args) == 0
        printed = capsys.readouterr().out
        assert "部分内容未能读取的文件（1 份，这些内容未审核）" in printed
        assert f"{root / '文化馆.pdf'}: 第2页是图片" in printed
    store = Store(tmp_path / "out" / "results.db")
    notes = [store.report_meta(r["report_id"])["read_notes"] for r in store.files(1)]
    store.close()
    assert sorted(len(n) for n in notes) == [0, 0, 1]


def _sample(printed: str) -> list[tuple[str, str]]:
    """(path, department) lines of the printed random sample."""
    lines = printed.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("== 随机抽样", "== Random")))
    out = []
    for line in lines[start + 1:]:
        if line.startswith("=="):
            break
        path, department = line.split()
        out.append((path, department))
    return out


def _empty_config(tmp_path: Path) -> Path:
    cfg = tmp_path / "auditor.toml"
    cfg.write_text("", encoding="utf-8")
    return cfg


@pytest.mark.parametrize(("extra", "needle"), [
    (["--sample", "0%"], "--sample"),
    (["--workers", "0"], "--workers"),
    (["--rules", "no.such"], "no.such"),
])
def test_cli_batch_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                extra: list[str], needle: str) -> None:
    root = tmp_path / "in"
    _corpus(root, 1)
    assert main(["--lang", "en", "batch", str(root), "--out", str(tmp_path / "r.db"), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and needle in err


def test_cli_batch_needs_a_folder_with_reports(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path / "missing")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["batch", str(tmp_path / "empty")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2 and "auditor audit" in lines[0]


def test_cli_batch_out_must_be_a_results_name_or_folder(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "in"
    _corpus(root, 1)
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    assert main(["--lang", "en", "batch", str(root), "--out", str(notes)]) == 2
    assert "--out" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "keep me"


def test_the_forkserver_leaves_ctrl_c_to_the_parent(tmp_path: Path) -> None:
    """Interrupted while importing the pipeline for its warm-up, the forkserver printed a
    traceback: it ignores SIGINT, and importing the module anywhere else changes nothing."""
    import signal
    import subprocess
    import sys

    import auditor.batch.forkserver_signals  # noqa: F401

    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    (tmp_path / "probe.py").write_text(
        "import signal\n"
        "open(__file__ + '.out', 'w').write(str(signal.getsignal(signal.SIGINT) == signal.SIG_IGN))\n",
        encoding="utf-8")
    script = ("import multiprocessing as mp\n"
              "from concurrent.futures import ProcessPoolExecutor\n"
              "ctx = mp.get_context('forkserver')\n"
              "ctx.set_forkserver_preload(['auditor.batch.forkserver_signals', 'probe'])\n"
              "with ProcessPoolExecutor(1, mp_context=ctx) as pool:\n"
              "    pool.submit(abs, -1).result()\n")
    subprocess.run([sys.executable, "-c", script], cwd=tmp_path, check=True, timeout=120,
                   env={**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])})
    assert (tmp_path / "probe.py.out").read_text(encoding="utf-8") == "True"
