"""Report quality score, 0-100, and its grade, from the report's findings.

Each finding deducts ``weight[severity] × confidence`` points, so a doubtful finding costs
less than a certain one. Within one category the findings are taken largest first and the
n-th counts ``decay**(n-1)``, and a category deducts at most ``category_cap``: one
systematic problem (forty doubled characters) must not outweigh three different ones.
The scheme is in docs/scoring.md; every number comes from ``[score]`` of the configuration
(rules/defaults.toml). The result depends only on the findings, never on their order, so
the same report always gets the same score.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from auditor.model.finding import Finding

DEFAULT_WEIGHTS = {"high": 10.0, "medium": 4.0, "low": 1.0}
DEFAULT_DECAY = 0.6
DEFAULT_GRADES = [
    {"floor": 90, "zh": "优", "en": "excellent"},
    {"floor": 80, "zh": "良", "en": "good"},
    {"floor": 60, "zh": "中", "en": "fair"},
    {"floor": 0, "zh": "差", "en": "poor"},
]


def _points(f: Finding, weights: dict[str, float], factor: float) -> float:
    return float(weights.get(f.severity, 0.0)) * f.confidence * factor


def _order(f: Finding, weights: dict[str, float]) -> tuple[float, str, int, str]:
    """Largest deduction first; ties broken by content so input order never matters."""
    return (-_points(f, weights, 1.0), f.rule_id, f.start if f.start is not None else -1,
            f.fingerprint())


def grade_for(score: float, grades: list[dict[str, Any]]) -> dict[str, Any]:
    """The grade with the highest floor at or below ``score``."""
    ranked = sorted(grades, key=lambda g: -float(g["floor"]))
    for grade in ranked:
        if score >= float(grade["floor"]):
            return grade
    return ranked[-1]


def score_report(findings: list[Finding], config: dict[str, Any]) -> dict[str, Any]:
    """``{"score", "grade", "grade_en", "deductions", "categories"}`` for one report.

    ``deductions`` maps each category to the points it cost (rounded to 2 decimals, and the
    score is 100 minus exactly these rounded addends); ``categories`` adds the count of
    findings and whether the cap applied.
    """
    settings = config.get("score", {})
    weights = {**DEFAULT_WEIGHTS, **settings.get("weights", {})}
    decay = float(settings.get("decay", DEFAULT_DECAY))
    cap = float(settings.get("category_cap", 0) or 0)
    category_weights = settings.get("category_weights", {})
    by_category: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_category[f.category].append(f)
    deductions: dict[str, float] = {}
    categories: dict[str, dict[str, Any]] = {}
    for category in sorted(by_category):
        items = sorted(by_category[category], key=lambda f: _order(f, weights))
        factor = float(category_weights.get(category, 1.0))
        raw = sum(_points(f, weights, factor) * decay**n for n, f in enumerate(items))
        capped = bool(cap) and raw > cap
        deductions[category] = round(min(raw, cap) if capped else raw, 2)
        categories[category] = {"count": len(items), "deduction": deductions[category],
                                "capped": capped}
    score = round(max(0.0, 100.0 - sum(deductions.values())), 1)
    grade = grade_for(score, settings.get("grades") or DEFAULT_GRADES)
    return {
        "score": score,
        "grade": grade["zh"],
        "grade_en": grade.get("en", grade["zh"]),
        "deductions": deductions,
        "categories": categories,
    }


def grade_label(score: dict[str, Any], lang: str) -> str:
    return str(score.get("grade_en") if lang == "en" else score.get("grade"))
