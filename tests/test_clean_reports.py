"""Precision on well-written reports: tests/data/clean_reports holds project-written reports
whose every figure was computed (sums, execution rates, scores, grades, years), with
specific problems and measures that answer them. Audited together as one batch, they must
give no finding at all: each one would be a finding a reviewer dismisses."""

from __future__ import annotations

from pathlib import Path

from auditor.check import run_checks
from auditor.engine import load_document

CLEAN = Path(__file__).parent / "data" / "clean_reports"


def test_clean_reports_give_no_findings() -> None:
    paths = sorted(CLEAN.glob("*.txt"))
    assert len(paths) >= 10
    docs = []
    for path in paths:
        result = load_document(str(path), {})
        assert result.document is not None, result.error
        docs.append(result.document)
    found = [f"{path.name} {f.location.describe().zh}: {f.rule_id} {f.message.zh}"
             for path, findings in zip(paths, run_checks(docs, {}), strict=True)
             for f in findings]
    assert found == []
