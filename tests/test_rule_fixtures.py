"""Every rule's YAML cases (tests/fixtures/rules/<rule id>.yml), sqlfluff style.

A case is a report text and the number of findings the rule must raise on it (``expect``);
``contains`` lists strings the findings' evidence or message must include, ``excludes``
strings that no finding's message may include. Cases with ``texts`` are a
batch of reports, for cross-report rules. Every registered rule must have at least one
failing case (expect > 0) and one passing case (expect: 0).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from auditor.check import run_checks
from auditor.check.registry import load_rules
from tests.conftest import doc_from_text

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def _cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(FIXTURES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            out.append((data["rule"], case))
    return out


CASES = _cases()


@pytest.mark.parametrize(("rule_id", "case"), CASES, ids=[f"{r}:{c['name']}" for r, c in CASES])
def test_rule_case(rule_id: str, case: dict[str, Any]) -> None:
    texts = case.get("texts") or [case["text"]]
    docs = [doc_from_text(t, f"<case {i}>") for i, t in enumerate(texts)]
    config = case.get("config", {})
    findings = run_checks(docs, config, only=[rule_id])
    first = findings[0]
    got = [f"{f.message.zh} | {f.evidence}" for f in first]
    assert len(first) == case["expect"], got
    for needle in case.get("contains", []):
        assert any(needle in f.evidence or needle in f.message.zh for f in first), (needle, got)
    for needle in case.get("excludes", []):
        assert all(needle not in f.message.zh for f in first), (needle, got)
    for f in first:
        assert f.category == load_rules()[rule_id].category
        assert f.evidence and f.explanation.zh and f.suggestion.zh and f.message.en


def test_every_rule_has_pass_and_fail_cases() -> None:
    by_rule: dict[str, list[int]] = {}
    for rule_id, case in CASES:
        by_rule.setdefault(rule_id, []).append(case["expect"])
    for rule_id in load_rules():
        expects = by_rule.get(rule_id)
        assert expects, f"{rule_id} has no fixture file"
        assert any(e > 0 for e in expects), f"{rule_id} has no failing case"
        assert any(e == 0 for e in expects), f"{rule_id} has no passing case"
