"""Threshold lists inside a sentence that also awards a grade."""

from __future__ import annotations

from decimal import Decimal

import pytest

from auditor.annotate.grades import stated_scheme, threshold_clauses


@pytest.mark.parametrize("dash", ["—", "–", "-", "～"])
def test_range_dashes_state_the_band(dash: str) -> None:
    text = f"（90分及以上为优，80{dash}89分为良，60{dash}79分为中，60分以下为差）"
    scheme = stated_scheme(text, 0)
    assert scheme is not None
    assert [(b.grade, b.minimum) for b in scheme.bands] == [
        ("优", Decimal(90)), ("良", Decimal(80)), ("中", Decimal(60)), ("差", Decimal(0))]


def test_grade_before_the_bracket_is_awarded_not_defined() -> None:
    text = "绩效得分96.25分，评价等级为良（90分及以上为优，80～89分为良，60～79分为中，60分以下为差）。"
    clauses = [text[a:b] for a, b in threshold_clauses(text)]
    assert clauses[0] == "（90分及以上为优"
    scheme = stated_scheme(text, 0)
    assert scheme is not None and (scheme.bands[0].grade, scheme.bands[0].minimum) == ("优", 90)


def test_awarding_clauses_are_not_thresholds() -> None:
    assert threshold_clauses("自评得分93.78分，等级为良。") == []
