"""What one worker process does with one file; everything here crosses a process boundary.

A task carries the file, its configuration and the per-document rules to run; the outcome
carries the findings, the report's metadata and the reader snapshot back to the parent,
which alone writes the store. The annotated document travels back only when the parent
needs it (cross-report rules, xlsx/html output). Per-document rules see one document
(``ctx.batch == [doc]``); every rule that compares reports is a ``BatchRule`` and runs in
the parent over the whole batch.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from auditor.check import run_checks
from auditor.engine import ReportResult, load_document
from auditor.model.document import Document
from auditor.read import read_path
from auditor.store import snapshot


@dataclass
class Task:
    path: str
    sha256: str
    config: dict[str, Any]
    rule_ids: list[str] = field(default_factory=list)
    keep_document: bool = False
    snapshot: bytes | None = None
    # the span layers and attributes the kept document needs (cross-report rules); None:
    # all of them (the xlsx/html outputs show every annotation)
    keep_layers: tuple[str, ...] | None = None


@dataclass
class Outcome:
    path: str
    sha256: str
    result: ReportResult
    meta: dict[str, Any]
    snapshot: bytes | None
    seconds: float


def _meta(doc: Document | None) -> dict[str, Any]:
    if doc is None:
        return {}
    m = doc.metadata
    return {"format": doc.format, "title": m.title, "department": m.department,
            "region": m.region, "fiscal_year": m.fiscal_year, "kind": m.kind,
            "read_notes": [n.record() for n in doc.notes]}


def audit_file(task: Task) -> Outcome:
    """Read, snapshot, annotate and check one file with the per-document rules."""
    start = time.perf_counter()
    taken: list[bytes | None] = []

    def read(path: str) -> Document:
        doc = read_path(path)
        taken.append(snapshot.dump(doc))
        return doc

    result = load_document(task.path, task.config, read)
    result.sha256 = task.sha256
    if result.document is not None and task.rule_ids:
        result.findings = run_checks([result.document], task.config, task.rule_ids)[0]
    meta = _meta(result.document)
    result.document = _kept(result.document, task)
    return Outcome(task.path, task.sha256, result, meta, taken[0] if taken else None,
                   time.perf_counter() - start)


def restore_file(task: Task) -> Outcome:
    """The annotated document of a report audited before: from its snapshot, else the file."""
    start = time.perf_counter()
    blob = task.snapshot

    def read(path: str) -> Document:
        return snapshot.load(blob, path, task.sha256) if blob else read_path(path)

    result = load_document(task.path, task.config, read)
    result.sha256 = task.sha256
    meta = _meta(result.document)
    result.document = _kept(result.document, task)
    return Outcome(task.path, task.sha256, result, meta, None, time.perf_counter() - start)


def _kept(doc: Document | None, task: Task) -> Document | None:
    """What of the document travels back to the parent, which holds all of them."""
    if doc is None or not task.keep_document:
        return None
    return doc if task.keep_layers is None else doc.keeping(task.keep_layers)
