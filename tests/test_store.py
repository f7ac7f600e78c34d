"""The results store: migrations, findings and document snapshots survive a round trip."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from auditor.model.document import Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n
from auditor.model.location import Location
from auditor.read import read_path, read_text
from auditor.store import SCHEMA_VERSION, Store, StoreError, snapshot
from tests.conftest import requires_shared, seed_files

TABLES = {"runs", "reports", "documents", "findings", "run_files"}
DASHBOARD_COLUMNS = {"department", "region", "fiscal_year", "kind", "score", "grade", "risk_rank"}


def _finding(rule: str = "text.typo", start: int = 3) -> Finding:
    return Finding(
        rule_id=rule, category="text.typo", severity="low", confidence=0.8,
        message=L10n("重复字", "doubled character"), evidence="了了",
        location=Location(line=2, table=1, row=0, col=3),
        explanation=L10n("了|了", "了|了"), suggestion=L10n("删去一个", "delete one"),
        start=start, end=start + 2, data={"pair": "了了", "n": [1, 2]},
        related=[{"source": "b.txt", "line": 4}],
    )


def test_new_store_has_current_schema(tmp_path: Path) -> None:
    Store(tmp_path / "r.db").close()
    conn = sqlite3.connect(tmp_path / "r.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert TABLES | {"errors", "results"} <= names
    columns = {r[1] for r in conn.execute("PRAGMA table_info(results)")}
    assert columns >= DASHBOARD_COLUMNS
    conn.close()
    Store(tmp_path / "r.db").close()  # reopening applies nothing twice


def test_a_database_of_the_first_schema_is_upgraded_in_place(tmp_path: Path) -> None:
    """Reports stored before read notes existed read as having none."""
    from auditor.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO reports (sha256, fingerprint, source, audited_at) "
                 "VALUES ('a', 'f', 'old.txt', 'then')")
    conn.commit()
    conn.close()
    store = Store(path)
    assert store.report_meta(1)["read_notes"] == []
    store.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_or_foreign_database_is_refused_clearly(tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer auditor|更新版本"):
        Store(newer)
    foreign = tmp_path / "notes.db"
    foreign.write_text("not a database " * 100, encoding="utf-8")
    with pytest.raises(StoreError) as err:
        Store(foreign)
    assert "--out" in err.value.l10n.en and "\n" not in err.value.l10n.zh


def test_report_cache_and_findings_round_trip(tmp_path: Path) -> None:
    store = Store(tmp_path / "r.db")
    run = store.start_run("in", "0.1", "fp1", "cfg", ["text.typo"], 2)
    meta = {"format": "txt", "title": "t", "department": "示例局", "region": None,
            "fiscal_year": 2024, "kind": "project"}
    report = store.save_report(run, "abc", "fp1", "in/a.txt", meta, [_finding()], b"snap", 0.5)
    assert store.cached_report("abc", "fp1") == report
    assert store.cached_report("abc", "fp2") is None  # another ruleset: audit again
    assert store.findings(report) == [_finding()]
    assert store.report_meta(report)["fiscal_year"] == 2024
    assert store.snapshot("abc") == b"snap"

    store.save_batch_findings(run, report, [_finding("dup.rule", 9)])
    assert [f.rule_id for f in store.findings(report, run)] == ["text.typo", "dup.rule"]
    later = store.start_run("in", "0.1", "fp1", "cfg", ["text.typo"], 2)
    assert [f.rule_id for f in store.findings(report, later)] == ["text.typo"]
    store.close()


def test_run_files_errors_and_counts(tmp_path: Path) -> None:
    store = Store(tmp_path / "r.db")
    run = store.start_run("in", "0.1", "fp", "cfg", [], 1)
    report = store.save_report(run, "s1", "fp", "a.txt", {}, [], None, 0.1)
    store.save_file(run, "a.txt", "s1", report, "audited")
    store.save_file(run, "b.txt", "s2", report, "cached")
    store.save_file(run, "c.pdf", "s3", None, "unreadable", L10n("坏", "bad"), "pdf_broken")
    store.save_scores(run, [{"path": "a.txt", "score": 90.0, "grade": "优", "grade_en": "excellent",
                             "detail": "{}", "high": 0, "medium": 1, "low": 2, "risk_rank": 1,
                             "sampled": 1}])
    store.finish_run(run, "finished")
    row = store.run(run)
    assert (row["status"], row["files_total"], row["files_audited"], row["files_cached"],
            row["files_failed"]) == ("finished", 3, 1, 1, 1)
    assert [(e["path"], e["error_code"], e["error_en"]) for e in store.errors(run)] == [
        ("c.pdf", "pdf_broken", "bad")]
    first = store.files(run)[0]
    assert (first["path"], first["score"], first["risk_rank"], first["sampled"]) == (
        "a.txt", 90.0, 1, 1)
    store.close()


def _same_layout(a: Document, b: Document) -> None:
    assert a.text == b.text
    assert [blk.kind for blk in a.blocks] == [blk.kind for blk in b.blocks]
    for offset in range(0, len(a.text), max(1, len(a.text) // 400)):
        assert a.location_at(offset) == b.location_at(offset), offset


def test_snapshot_rebuilds_text_tables_and_locations() -> None:
    doc = read_text("示例局2024年度绩效自评报告\n一、基本情况\n\t项目\n\t金额\n\n\t经费\n\t12.5\n\n正文。\n")
    assert doc.tables
    _same_layout(doc, snapshot.load(snapshot.dump(doc) or b"", doc.source, doc.sha256))


@requires_shared
@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_snapshot_of_real_documents(kind: str) -> None:
    files = seed_files(kind)[:1]
    if not files:
        pytest.skip(f"no {kind} seeds")
    try:
        doc = read_path(files[0])
    except ImportError as exc:  # that format's reader has not landed in this build
        pytest.skip(f"{kind} reader unavailable: {exc}")
    blob = snapshot.dump(doc)
    assert blob is not None
    _same_layout(doc, snapshot.load(blob, doc.source, doc.sha256))
