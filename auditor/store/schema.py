"""The SQLite schema of the results store, as numbered migrations.

``PRAGMA user_version`` records how many migrations a database has had; opening a store
applies the missing ones in order, so a results.db from an older auditor keeps working and
a dashboard can rely on the documented tables (docs/store.md). A migration is only ever
appended, never edited: databases in the field have already run the old ones.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: runs, cached per-document audits, findings, files of each run
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'interrupted')),
        root TEXT NOT NULL,
        auditor_version TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        config_hash TEXT NOT NULL,
        rules TEXT NOT NULL,
        workers INTEGER NOT NULL,
        files_total INTEGER NOT NULL DEFAULT 0,
        files_audited INTEGER NOT NULL DEFAULT 0,
        files_cached INTEGER NOT NULL DEFAULT 0,
        files_failed INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        source TEXT NOT NULL,
        format TEXT,
        title TEXT,
        department TEXT,
        region TEXT,
        fiscal_year INTEGER,
        kind TEXT,
        run_id INTEGER REFERENCES runs(id),
        audited_at TEXT NOT NULL,
        seconds REAL,
        UNIQUE (sha256, fingerprint)
    );
    CREATE TABLE documents (
        sha256 TEXT PRIMARY KEY,
        format TEXT NOT NULL,
        blocks BLOB NOT NULL
    );
    CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        run_id INTEGER REFERENCES runs(id),
        rule_id TEXT NOT NULL,
        category TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
        confidence REAL NOT NULL,
        message_zh TEXT NOT NULL,
        message_en TEXT NOT NULL,
        evidence TEXT NOT NULL,
        loc_line INTEGER,
        loc_page INTEGER,
        loc_paragraph INTEGER,
        loc_table INTEGER,
        loc_row INTEGER,
        loc_col INTEGER,
        start_offset INTEGER,
        end_offset INTEGER,
        explanation_zh TEXT NOT NULL,
        explanation_en TEXT NOT NULL,
        suggestion_zh TEXT NOT NULL,
        suggestion_en TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}',
        related TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX findings_report ON findings (report_id, run_id);
    CREATE INDEX findings_category ON findings (category, severity);
    CREATE TABLE run_files (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        sha256 TEXT,
        report_id INTEGER REFERENCES reports(id),
        status TEXT NOT NULL CHECK (status IN ('audited', 'cached', 'unreadable', 'crashed')),
        error_code TEXT,
        error_zh TEXT,
        error_en TEXT,
        score REAL,
        grade TEXT,
        grade_en TEXT,
        score_detail TEXT,
        high INTEGER NOT NULL DEFAULT 0,
        medium INTEGER NOT NULL DEFAULT 0,
        low INTEGER NOT NULL DEFAULT 0,
        risk_rank INTEGER,
        sampled INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, path)
    );
    CREATE VIEW errors AS
        SELECT run_id, path, sha256, status, error_code, error_zh, error_en
        FROM run_files WHERE status IN ('unreadable', 'crashed');
    CREATE VIEW results AS
        SELECT f.run_id, f.path, f.status, f.sha256, r.title, r.department, r.region,
               r.fiscal_year, r.kind, r.format, f.score, f.grade, f.grade_en,
               f.high, f.medium, f.low, f.risk_rank, f.sampled, f.report_id
        FROM run_files f LEFT JOIN reports r ON r.id = f.report_id;
    """,
    # 2: what the reader could not read as text (scanned pages, embedded objects), as JSON
    """
    ALTER TABLE reports ADD COLUMN read_notes TEXT NOT NULL DEFAULT '[]';
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
