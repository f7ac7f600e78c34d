"""The embedded results database of ``auditor batch`` (schema: docs/store.md).

One writer, the batch's parent process, commits each report as soon as its worker returns
it, so an interrupted batch loses at most the reports in flight. A report's own findings
are cached by (file sha256, ruleset fingerprint) and reused by later runs; cross-report
findings, scores and ranks depend on the whole batch and are stored per run.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from auditor.model.finding import Finding
from auditor.model.l10n import L10n
from auditor.model.location import Location
from auditor.store.schema import MIGRATIONS, SCHEMA_VERSION

_LOC_COLUMNS = ("line", "page", "paragraph", "table", "row", "col")
_FINDING_COLUMNS = (
    "report_id", "run_id", "rule_id", "category", "severity", "confidence", "message_zh",
    "message_en", "evidence", *(f"loc_{c}" for c in _LOC_COLUMNS), "start_offset",
    "end_offset", "explanation_zh", "explanation_en", "suggestion_zh", "suggestion_en",
    "fingerprint", "data", "related",
)
_META = ("format", "title", "department", "region", "fiscal_year", "kind")


class StoreError(Exception):
    """A results database that cannot be opened or used; the message says what to do."""

    def __init__(self, message: L10n) -> None:
        super().__init__(message.zh)
        self.l10n = message


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def migrate(conn: sqlite3.Connection, where: str) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(L10n(
            f"结果数据库 {where} 由更新版本的 auditor 创建（结构版本 {version}）；请升级 auditor 或换一个 --out",
            f"results database {where} was made by a newer auditor (schema {version}); "
            "upgrade auditor or choose another --out"))
    for number in range(version, SCHEMA_VERSION):
        with conn:
            conn.executescript(MIGRATIONS[number])
            conn.execute(f"PRAGMA user_version = {number + 1}")


class Store:
    """Results of batch runs in one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path)
            self.conn.execute("PRAGMA foreign_keys = ON")
            # one commit per report: WAL with NORMAL sync keeps that cheap and crash-safe
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            migrate(self.conn, self.path)
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(L10n(
                f"无法打开结果数据库 {self.path}（{exc}）；请确认它是 auditor 的结果文件，或换一个 --out",
                f"cannot open results database {self.path} ({exc}); "
                "check it is an auditor results file or choose another --out")) from None
        self.conn.row_factory = sqlite3.Row

    def close(self) -> None:
        self.conn.close()

    # --- runs ---------------------------------------------------------------------------

    def start_run(self, root: str, version: str, fingerprint: str, config_hash: str,
                  rules: list[str], workers: int) -> int:
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO runs (started_at, status, root, auditor_version, fingerprint,"
                " config_hash, rules, workers) VALUES (?, 'running', ?, ?, ?, ?, ?, ?)",
                (_now(), root, version, fingerprint, config_hash, json.dumps(rules), workers))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str) -> None:
        counts = {row["status"]: row["n"] for row in self.conn.execute(
            "SELECT status, COUNT(*) AS n FROM run_files WHERE run_id = ? GROUP BY status",
            (run_id,))}
        with self.conn:
            self.conn.execute(
                "UPDATE runs SET finished_at = ?, status = ?, files_total = ?, files_audited = ?,"
                " files_cached = ?, files_failed = ? WHERE id = ?",
                (_now(), status, sum(counts.values()), counts.get("audited", 0),
                 counts.get("cached", 0), counts.get("unreadable", 0) + counts.get("crashed", 0),
                 run_id))

    def run(self, run_id: int) -> dict[str, Any]:
        row = self.conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return dict(row) if row else {}

    # --- reports ------------------------------------------------------------------------

    def cached_report(self, sha256: str, fingerprint: str) -> int | None:
        row = self.conn.execute("SELECT id FROM reports WHERE sha256 = ? AND fingerprint = ?",
                                (sha256, fingerprint)).fetchone()
        return int(row["id"]) if row else None

    def save_report(self, run_id: int, sha256: str, fingerprint: str, source: str,
                    meta: dict[str, Any], findings: list[Finding], snapshot: bytes | None,
                    seconds: float) -> int:
        """A report's own audit, its findings and its document snapshot, in one commit."""
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO reports (sha256, fingerprint, source, format, title, department,"
                " region, fiscal_year, kind, read_notes, run_id, audited_at, seconds)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (sha256, fingerprint, source, *(meta.get(k) for k in _META),
                 json.dumps(meta.get("read_notes") or [], ensure_ascii=False), run_id, _now(),
                 round(seconds, 3)))
            report_id = int(cur.lastrowid or 0)
            self._insert_findings(report_id, None, findings)
            if snapshot is not None:
                self.conn.execute(
                    "INSERT OR REPLACE INTO documents (sha256, format, blocks) VALUES (?, ?, ?)",
                    (sha256, meta.get("format") or "", snapshot))
        return report_id

    def report_meta(self, report_id: int) -> dict[str, Any]:
        row = self.conn.execute(f"SELECT {', '.join(_META)}, read_notes FROM reports WHERE id = ?",
                                (report_id,)).fetchone()
        if not row:
            return {}
        return dict(row) | {"read_notes": json.loads(row["read_notes"])}

    def snapshot(self, sha256: str) -> bytes | None:
        row = self.conn.execute("SELECT blocks FROM documents WHERE sha256 = ?",
                                (sha256,)).fetchone()
        return bytes(row["blocks"]) if row else None

    # --- findings -----------------------------------------------------------------------

    def _insert_findings(self, report_id: int, run_id: int | None,
                         findings: list[Finding]) -> None:
        rows = []
        for f in findings:
            loc = f.location
            rows.append((
                report_id, run_id, f.rule_id, f.category, f.severity, f.confidence,
                f.message.zh, f.message.en, f.evidence, *(getattr(loc, c) for c in _LOC_COLUMNS),
                f.start, f.end, f.explanation.zh, f.explanation.en, f.suggestion.zh,
                f.suggestion.en, f.fingerprint(),
                json.dumps(f.data, ensure_ascii=False, default=str),
                json.dumps(f.related, ensure_ascii=False, default=str),
            ))
        marks = ", ".join("?" for _ in _FINDING_COLUMNS)
        self.conn.executemany(
            f"INSERT INTO findings ({', '.join(_FINDING_COLUMNS)}) VALUES ({marks})", rows)

    def save_batch_findings(self, run_id: int, report_id: int, findings: list[Finding]) -> None:
        """Cross-report findings: they hold for this run's batch only."""
        with self.conn:
            self._insert_findings(report_id, run_id, findings)

    def findings(self, report_id: int, run_id: int | None = None) -> list[Finding]:
        """The report's own findings, plus the cross-report ones of ``run_id`` if given."""
        rows = self.conn.execute(
            "SELECT * FROM findings WHERE report_id = ? AND (run_id IS NULL OR run_id = ?)"
            " ORDER BY id", (report_id, run_id if run_id is not None else -1))
        return [_finding(row) for row in rows]

    # --- files of a run -----------------------------------------------------------------

    def save_file(self, run_id: int, path: str, sha256: str | None, report_id: int | None,
                  status: str, error: L10n | None = None, error_code: str | None = None) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO run_files (run_id, path, sha256, report_id, status,"
                " error_code, error_zh, error_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, path, sha256, report_id, status, error_code,
                 error.zh if error else None, error.en if error else None))

    def save_scores(self, run_id: int, rows: list[dict[str, Any]]) -> None:
        """Score, grade, severity counts, risk rank and sample flag of each readable file."""
        with self.conn:
            self.conn.executemany(
                "UPDATE run_files SET score = :score, grade = :grade, grade_en = :grade_en,"
                " score_detail = :detail, high = :high, medium = :medium, low = :low,"
                " risk_rank = :risk_rank, sampled = :sampled WHERE run_id = :run_id AND path = :path",
                [{**row, "run_id": run_id} for row in rows])

    def files(self, run_id: int) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT * FROM results WHERE run_id = ? ORDER BY path", (run_id,))]

    def errors(self, run_id: int) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT * FROM errors WHERE run_id = ? ORDER BY path", (run_id,))]


def _finding(row: sqlite3.Row) -> Finding:
    loc = Location(**{c: row[f"loc_{c}"] for c in _LOC_COLUMNS})
    return Finding(
        rule_id=row["rule_id"], category=row["category"], severity=row["severity"],
        confidence=row["confidence"], message=L10n(row["message_zh"], row["message_en"]),
        evidence=row["evidence"], location=loc,
        explanation=L10n(row["explanation_zh"], row["explanation_en"]),
        suggestion=L10n(row["suggestion_zh"], row["suggestion_en"]),
        start=row["start_offset"], end=row["end_offset"], data=json.loads(row["data"]),
        related=json.loads(row["related"]),
    )
