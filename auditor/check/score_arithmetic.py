"""The score rules' arithmetic and wording: exact whole-number scores, addends, intervals.

Every computed finding lists its addends and the rounding interval it was judged by, so a
reviewer can redo the sum by hand; keeping the wording in one place keeps it identical.
"""

from __future__ import annotations

from decimal import Decimal

from auditor.annotate.numbers import Figure, format_decimal
from auditor.model.l10n import L10n


def assigned_sum(parts: list[tuple[str, Figure]]) -> tuple[Decimal, Decimal, Decimal]:
    """(value, lo, hi) of the parts' sum. A score or weight written as a whole number is
    exact — reviewers assign 10 or 5 points, they do not round 9.6 to 10 — while one written
    with decimals keeps its rounding interval (4.74 may stand for 4.7368)."""
    value, lo, hi = Decimal(0), Decimal(0), Decimal(0)
    for _, f in parts:
        value += f.value
        lo += f.value if f.decimals == 0 else f.lo
        hi += f.value if f.decimals == 0 else f.hi
    return value, lo, hi


def scores_add_up(total: Figure, parts: list[tuple[str, Figure]]) -> bool:
    """The interval rule, with whole-number scores and weights taken as exact."""
    _, lo, hi = assigned_sum(parts)
    return lo <= total.hi and total.lo <= hi


def short(name: str, limit: int = 14) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1] + "…"


def addends(parts: list[tuple[str, Figure]]) -> L10n:
    """10（专项调研）+ 5（视察评议）= 15, with the interval of the sum."""
    value, lo, hi = assigned_sum(parts)
    terms = " + ".join(f"{f}（{short(n)}）" if n else str(f) for n, f in parts)
    text = f"{terms} = {format_decimal(value)}"
    return L10n(
        f"{text}（整数分值为精确值，带小数的按其末位±半个单位，和的区间为"
        f"[{format_decimal(lo)}, {format_decimal(hi)}]）",
        f"{text} (whole numbers exact, decimals ± half a unit of their last digit: the sum lies in "
        f"[{format_decimal(lo)}, {format_decimal(hi)}])",
    )


def interval(figure: Figure) -> str:
    return f"[{format_decimal(figure.lo)}, {format_decimal(figure.hi)}]"


def num(value: Decimal, places: int = 2) -> str:
    return format_decimal(round(value, places))
