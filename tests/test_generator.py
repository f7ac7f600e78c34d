"""The synthetic report generator against the whole rule set.

A clean report must raise no finding in any category the generator can inject; each
injected defect must be found, by a finding of its category, on one of the lines where it
was put; repairing the report restores the clean text and removes that finding. The cases
are the generator's registry, so a newly registered defect is tested without a new test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.annotate import annotate
from auditor.check import run_checks
from auditor.check.registry import load_rules
from auditor.model.finding import Finding
from auditor.read import read_path, read_text
from corpora.generator import DEFECTS, Report, generate, inject
from corpora.generator.__main__ import main

KINDS = {"department": 11, "project": 12}
CATEGORIES = sorted({d.category for d in DEFECTS.values()})


def _audit(report: Report) -> list[Finding]:
    doc = annotate(read_text(report.text(), f"<synthetic {report.facts.seed}>"))
    return run_checks([doc], report.audit_config())[0]


def _describe(findings: list[Finding]) -> list[str]:
    return [f"{f.rule_id} L{f.location.line}: {f.message.zh} | {f.evidence[:50]}" for f in findings]


def test_same_seed_same_report() -> None:
    assert generate(5, "project").text() == generate(5, "project").text()
    assert generate(5, "project").text() != generate(6, "project").text()


def test_script_writes_readable_reports(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path), "--n", "3", "--seed", "4"]) == 0
    paths = sorted(tmp_path.glob("*.txt"))
    assert len(paths) == 3
    for path in paths:
        doc = annotate(read_path(str(path)))
        assert str(doc.metadata.fiscal_year) in path.name
        assert doc.tables and doc.metadata.kind in path.name


def test_clean_figures_reconcile() -> None:
    for seed in range(40):
        f = generate(seed).facts
        assert f.budget == f.fiscal + f.other_income
        assert f.spent <= f.budget
        assert f.total == sum(i.score for i in f.indicators)
        assert f.kind != "department" or f.lines[0].budget == f.personnel + f.public


@pytest.mark.parametrize("seed", [3, 11, 12, 27])
def test_clean_report_raises_nothing(seed: int) -> None:
    findings = [f for f in _audit(generate(seed)) if f.category in CATEGORIES]
    assert not findings, _describe(findings)


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_injected_defect_is_found_and_repaired(name: str, kind: str) -> None:
    category = DEFECTS[name].category
    if not any(cls.category == category for cls in load_rules().values()):
        pytest.skip(f"no rule of category {category} is registered")
    report = generate(KINDS[kind], kind)
    clean = report.text()
    injection = inject(report, name)
    assert report.text() != clean
    lines = report.text().split("\n")
    assert any(injection.expected.needle in lines[n - 1] for n in injection.expected.lines)
    findings = [f for f in _audit(report) if f.category == category]
    hits = [f for f in findings if f.location.line in injection.expected.lines]
    assert hits, (sorted(injection.expected.lines), _describe(findings))
    repaired = injection.repair()
    assert repaired.text() == clean
    left = [f for f in _audit(repaired) if f.category == category]
    assert not left, _describe(left)
