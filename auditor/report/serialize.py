"""The JSON structure of one audited report, shared by every machine-readable format."""

from __future__ import annotations

from typing import Any

from auditor.engine import ReportResult
from auditor.model.finding import SEVERITY_RANK
from auditor.score import grade_label


def score_dict(score: dict[str, Any] | None, lang: str = "zh") -> dict[str, Any] | None:
    """The quality score with its grade in the output language."""
    if score is None:
        return None
    return {"score": score["score"], "grade": grade_label(score, lang),
            "deductions": score.get("deductions", {}), "categories": score.get("categories", {})}


def report_dict(result: ReportResult, lang: str = "zh") -> dict[str, Any]:
    doc = result.document
    out: dict[str, Any] = {
        "source": result.source,
        "sha256": result.sha256,
        "format": doc.format if doc else None,
        "title": doc.metadata.title if doc else None,
        "department": doc.metadata.department if doc else None,
        "fiscal_year": doc.metadata.fiscal_year if doc else None,
        "kind": doc.metadata.kind if doc else None,
        "region": doc.metadata.region if doc else None,
        "sections": [
            {
                "title": s.title,
                "type": s.type,
                "level": s.level,
                "line": s.loc.line,
                "location": s.loc.to_dict(),
            }
            for s in (doc.sections if doc else [])
        ],
        "score": score_dict(result.score, lang),
        "counts": {
            sev: sum(1 for f in result.findings if f.severity == sev)
            for sev in sorted(SEVERITY_RANK, key=SEVERITY_RANK.__getitem__, reverse=True)
        },
        "findings": [f.to_dict(lang) for f in result.findings],
        "read_notes": [n.to_dict(lang) for n in (doc.notes if doc else [])],
        "error": result.error.get(lang) if result.error else None,
    }
    if result.error_code:
        out["error_code"] = result.error_code
    return out


def results_dict(results: list[ReportResult], lang: str = "zh") -> dict[str, Any]:
    return {"reports": [report_dict(r, lang) for r in results]}
