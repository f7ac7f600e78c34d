"""Report quality score, 0-100: each finding deducts severity × confidence points.

Repeated findings of one category count with diminishing returns (the n-th weighs
``decay**(n-1)``), so one systematic problem does not bury a report under a hundred
identical deductions. Weights live in rules/defaults.toml under [score].
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from auditor.model.finding import Finding

DEFAULT_WEIGHTS = {"high": 10.0, "medium": 4.0, "low": 1.0}
DEFAULT_DECAY = 0.6
DEFAULT_BANDS = [(90, "优"), (80, "良"), (60, "中"), (0, "差")]


def score_report(findings: list[Finding], config: dict[str, Any]) -> dict[str, Any]:
    settings = config.get("score", {})
    weights = {**DEFAULT_WEIGHTS, **settings.get("weights", {})}
    decay = float(settings.get("decay", DEFAULT_DECAY))
    by_category: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_category[f.category].append(f)
    breakdown: dict[str, float] = {}
    for category, items in sorted(by_category.items()):
        items = sorted(items, key=lambda f: -weights[f.severity] * f.confidence)
        breakdown[category] = round(
            sum(weights[f.severity] * f.confidence * decay**n for n, f in enumerate(items)), 2
        )
    score = round(max(0.0, 100.0 - sum(breakdown.values())), 1)
    bands = settings.get("bands") or DEFAULT_BANDS
    grade = next(label for floor, label in sorted(bands, reverse=True) if score >= floor)
    return {"score": score, "grade": grade, "deductions": breakdown}
