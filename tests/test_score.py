"""The report quality score: weights, diminishing returns, cap, grades, configuration."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from auditor.config import load_config
from auditor.engine import audit_paths
from auditor.model.finding import Finding
from auditor.model.l10n import L10n
from auditor.model.location import Location
from auditor.score import score_report


def _finding(category: str = "text.typo", severity: str = "low", confidence: float = 1.0,
             n: int = 0) -> Finding:
    return Finding(f"rule.{category}", category, severity, confidence,  # type: ignore[arg-type]
                   L10n("m", "m"), f"evidence {n}", Location(line=n + 1),
                   L10n("e", "e"), L10n("s", "s"), start=n * 10, end=n * 10 + 5)


@pytest.fixture(scope="module")
def config() -> dict:
    return load_config(start=Path("/"))


def test_no_findings_scores_full_marks_and_top_grade(config: dict) -> None:
    result = score_report([], config)
    assert result["score"] == 100.0
    assert result["grade"] == "优" and result["grade_en"] == "excellent"
    assert result["deductions"] == {}


def test_deduction_is_severity_weight_times_confidence(config: dict) -> None:
    weights = config["score"]["weights"]
    result = score_report([_finding("amount.sum_mismatch", "high", 0.5)], config)
    assert result["deductions"] == {"amount.sum_mismatch": weights["high"] * 0.5}
    assert result["score"] == 100 - weights["high"] * 0.5


def test_findings_of_one_category_have_diminishing_returns(config: dict) -> None:
    decay = config["score"]["decay"]
    w = config["score"]["weights"]["medium"]
    same = score_report([_finding("text.artifact", "medium", n=i) for i in range(3)], config)
    assert same["deductions"]["text.artifact"] == pytest.approx(w * (1 + decay + decay**2),
                                                                abs=0.01)
    spread = score_report([_finding(c, "medium") for c in
                           ("text.artifact", "text.typo", "year.mismatch")], config)
    assert spread["score"] < same["score"]


def test_largest_deduction_counts_in_full(config: dict) -> None:
    weights = config["score"]["weights"]
    decay = config["score"]["decay"]
    result = score_report([_finding("text.typo", "low", n=0),
                           _finding("text.typo", "high", n=1)], config)
    assert result["deductions"]["text.typo"] == pytest.approx(
        weights["high"] + weights["low"] * decay, abs=0.01)


def test_category_deduction_is_capped(config: dict) -> None:
    cap = config["score"]["category_cap"]
    many = [_finding("claim.unsupported", "high", n=i) for i in range(50)]
    result = score_report(many, config)
    assert result["deductions"]["claim.unsupported"] == cap
    assert result["categories"]["claim.unsupported"] == {"count": 50, "deduction": cap,
                                                         "capped": True}


def test_score_is_100_minus_the_listed_deductions_and_never_negative(config: dict) -> None:
    findings = [_finding(c, "high", 0.9, n=i) for i, c in enumerate(
        ["year.mismatch", "amount.sum_mismatch", "score.sum_mismatch", "claim.contradiction",
         "text.typo"] * 4)]
    result = score_report(findings[:6], config)
    assert result["score"] == round(100 - sum(result["deductions"].values()), 1)
    many = [_finding(c, "high", n=i) for i, c in enumerate(
        ["year.mismatch", "amount.sum_mismatch", "score.sum_mismatch", "claim.contradiction",
         "text.typo", "text.artifact"] * 5)]
    assert score_report(many, config)["score"] == 0.0
    assert score_report(many, config)["grade"] == "差"


def test_order_of_findings_does_not_change_the_score(config: dict) -> None:
    findings = [_finding(c, s, conf, n=i) for i, (c, s, conf) in enumerate(
        [("text.typo", "low", 0.65), ("text.typo", "low", 0.85), ("year.mismatch", "high", 0.7),
         ("year.mismatch", "medium", 0.9), ("text.artifact", "low", 0.5)])]
    expected = score_report(findings, config)
    rng = random.Random(7)
    for _ in range(5):
        shuffled = findings[:]
        rng.shuffle(shuffled)
        assert score_report(shuffled, config) == expected


def test_scheme_is_configurable_in_auditor_toml(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text(
        "[score]\nweights = { low = 5.0 }\ndecay = 1.0\ncategory_cap = 0\n"
        '[score.category_weights]\n"text.typo" = 2.0\n'
        '[[score.grades]]\nfloor = 85\nzh = "优秀"\nen = "A"\n'
        '[[score.grades]]\nfloor = 0\nzh = "一般"\nen = "B"\n', encoding="utf-8")
    config = load_config(start=tmp_path)
    result = score_report([_finding("text.typo", "low", n=i) for i in range(2)], config)
    assert result["deductions"] == {"text.typo": 20.0}  # 2 findings × 5 points × 2.0, no decay
    assert (result["score"], result["grade"], result["grade_en"]) == (80.0, "一般", "B")
    assert score_report([], config)["grade"] == "优秀"


def test_pipeline_scores_each_report(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("本单位认真开展绩效自评工作。\n", encoding="utf-8")
    slip = tmp_path / "slip.txt"
    slip.write_text("本单位依法选举了了区人大常委会组成人员。\n", encoding="utf-8")
    config = load_config(start=tmp_path)
    results = audit_paths([str(clean), str(slip)], config, only=["text.typo"])
    assert results[0].score is not None and results[0].score["score"] == 100.0
    assert results[1].score is not None and results[1].score["score"] < 100.0
    assert "text.typo" in results[1].score["deductions"]
    again = audit_paths([str(slip)], config, only=["text.typo"])
    assert again[0].score == results[1].score
