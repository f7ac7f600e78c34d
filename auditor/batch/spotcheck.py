"""Which reports a reviewer should open first, and a reproducible sample to check.

Ranking: reports with more high-severity findings come first, then those with the lower
quality score (auditor.score), then more medium and low findings; the path breaks ties, so
the same results always give the same list.

Sample: ``--sample 10%`` or ``--sample 20`` draws that many reports at random, stratified by
department (``doc.metadata.department``; reports whose department was not recognised form
one stratum). Each department gets its proportional share, rounded by the largest
remainder with ties broken by the seeded generator, and the reports inside a department are
drawn with ``random.Random(seed)``; same files, same seed, same sample.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from typing import Any

UNKNOWN = "\0unknown"


def risk_key(row: dict[str, Any]) -> tuple[int, float, int, int, str]:
    return (-int(row["high"]), float(row["score"]), -int(row["medium"]), -int(row["low"]),
            str(row["path"]))


def rank(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows sorted riskiest first, each given its 1-based ``risk_rank``."""
    ranked = sorted(rows, key=risk_key)
    for number, row in enumerate(ranked, 1):
        row["risk_rank"] = number
    return ranked


def parse_sample(text: str) -> tuple[float | None, int | None]:
    """``"10%"`` → (0.1, None); ``"20"`` → (None, 20); ValueError when neither."""
    text = text.strip()
    if text.endswith("%"):
        share = float(text[:-1]) / 100
        if not 0 < share <= 1:
            raise ValueError(text)
        return share, None
    count = int(text)
    if count <= 0:
        raise ValueError(text)
    return None, count


def sample_size(total: int, share: float | None, count: int | None) -> int:
    if share is not None:
        return min(total, max(1, math.ceil(share * total - 1e-9))) if total else 0
    return min(total, count or 0)


def stratified_sample(rows: list[dict[str, Any]], size: int, seed: int) -> list[dict[str, Any]]:
    """``size`` rows drawn per department in proportion to its share of the batch."""
    rng = random.Random(seed)
    strata: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: str(r["path"])):
        strata[row.get("department") or UNKNOWN].append(row)
    names = sorted(strata)
    total = len(rows)
    quotas = {name: size * len(strata[name]) / total for name in names} if total else {}
    counts = {name: math.floor(q) for name, q in quotas.items()}
    order = sorted(names, key=lambda n: (-(quotas[n] - counts[n]), rng.random()))
    for name in order[: size - sum(counts.values())]:
        counts[name] += 1
    chosen: list[dict[str, Any]] = []
    for name in names:
        chosen.extend(rng.sample(strata[name], counts[name]))
    return sorted(chosen, key=lambda r: str(r["path"]))
