"""The pipeline end to end: read → annotate → check → score, for a batch of files.

All files of one call form one batch so cross-report rules see every document; a file
that cannot be read becomes an error entry and the rest of the batch is still audited.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.annotate import annotate
from auditor.check import run_checks
from auditor.model.document import Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n
from auditor.read import ReadError, read_path


@dataclass
class ReportResult:
    source: str
    sha256: str | None = None
    document: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    error: L10n | None = None
    error_code: str | None = None
    score: dict[str, Any] | None = None
    # in a batch: the place in the spot-check order (1 = open first) and the random sample
    risk_rank: int | None = None
    sampled: bool = False


def _sha256(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def load_document(path: str, config: dict[str, Any],
                  read: Callable[[str], Document] = read_path) -> ReportResult:
    """Read and annotate one file; failures become an error entry, never an exception.

    ``read`` replaces the reader, e.g. to rebuild a document from a stored snapshot.
    """
    try:
        doc = annotate(read(path), config)
    except ReadError as exc:
        return ReportResult(path, _sha256(path), error=L10n(exc.message("zh"), exc.message("en")),
                            error_code=exc.code)
    except Exception as exc:  # a reader bug must not end a batch of hundreds of files
        return ReportResult(
            path,
            _sha256(path),
            error=L10n(
                f"读取时发生内部错误（{type(exc).__name__}）：{path}；请将该文件反馈给维护者",
                f"Internal error while reading ({type(exc).__name__}): {path}; "
                "please report this file to the maintainers",
            ),
            error_code="internal",
        )
    return ReportResult(path, doc.sha256, document=doc)


def audit_documents(results: list[ReportResult], config: dict[str, Any],
                    only: list[str] | None = None) -> list[ReportResult]:
    """Run checks and scoring over the readable documents of a batch, in place."""
    from auditor.score import score_report

    readable = [r for r in results if r.document is not None]
    docs = [r.document for r in readable if r.document is not None]
    for result, findings in zip(readable, run_checks(docs, config, only), strict=True):
        result.findings = findings
    for result in readable:
        result.score = score_report(result.findings, config)
    return results


def audit_paths(paths: list[str], config: dict[str, Any],
                only: list[str] | None = None) -> list[ReportResult]:
    return audit_documents([load_document(p, config) for p in paths], config, only)
