"""Shared arithmetic and wording of the money checks: sums, differences, rates, in words.

Every money finding must show its computation (the total, each addend with its label, the
computed sum, the difference) in both languages and as ``data``; building that text in one
place keeps the rules short and their messages alike. Figures are compared in 元 with the
rounding interval of how each was written (numbers.consistent), and shown in the unit the
report used for the total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from auditor.annotate.numbers import MONEY_UNITS, Figure, consistent, format_decimal, sum_figures
from auditor.model.document import Document, Span
from auditor.model.l10n import L10n


@dataclass(frozen=True)
class Amount:
    """A figure with the name a reader knows it by, in 元 and as written."""

    label: str
    figure: Figure
    unit: str | None

    @classmethod
    def of(cls, span: Span, label: str | None = None) -> Amount:
        a = span.attrs
        return cls(label if label is not None else a["label"], a["canonical"], a["unit"])


def display_unit(amounts: Sequence[Amount]) -> str | None:
    for amount in amounts:
        if amount.unit in MONEY_UNITS:
            return amount.unit
    return None


def shown(value: Decimal, unit: str | None, decimals: int | None = None) -> str:
    """A value in 元 shown in ``unit`` (万元 …), to ``decimals`` places when given."""
    factor = MONEY_UNITS.get(unit or "", Decimal(1))
    scaled = value / factor
    if decimals is not None and decimals >= 0:
        return format(scaled.quantize(Decimal(1).scaleb(-decimals)), "f")
    return format_decimal(scaled)


def places(figure: Figure, unit: str | None) -> int:
    factor = MONEY_UNITS.get(unit or "", Decimal(1))
    return max(figure.decimals + (factor.adjusted() if factor > 0 else 0), 0)


def reconciles(total: Figure, parts: Sequence[Figure], segments: Sequence[int] = ()) -> bool:
    """Parts add up to the total, as one list or as several breakdowns split at ``segments``."""
    if consistent(total, parts):
        return True
    if not segments:
        return False
    bounds = [0, *segments, len(parts)]
    runs = [parts[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    return all(len(run) > 0 and consistent(total, run) for run in runs)


@dataclass(frozen=True)
class SumReport:
    """The computation of a failed sum, worded for people and machines."""

    message: L10n
    explanation: L10n
    suggestion: L10n
    data: dict[str, object]


def short_label(label: str, limit: int = 16) -> str:
    """A label short enough for a one-line message; the head noun is at the end."""
    return label if len(label) <= limit else "…" + label[-(limit - 2):]


def describe_sum(total: Amount, parts: Sequence[Amount], where: L10n | None = None) -> SumReport:
    unit = display_unit([total, *parts])
    unit_text = unit or ""
    digits = max(places(p.figure, unit) for p in parts)
    value, lo, hi = sum_figures(p.figure for p in parts)
    total_text = shown(total.figure.value, unit, places(total.figure, unit))
    sum_text = shown(value, unit, digits)
    diff = total.figure.value - value
    diff_text = shown(diff, unit, max(digits, places(total.figure, unit)))
    addends = " + ".join(
        f"{p.label or '（未命名）'} {shown(p.figure.value, unit, places(p.figure, unit))}"
        for p in parts)
    addends_en = " + ".join(
        f"{p.label or '(unnamed)'} {shown(p.figure.value, unit, places(p.figure, unit))}"
        for p in parts)
    place = where or L10n("", "")
    name = short_label(total.label) or "合计"
    direction = L10n("少", "short of") if diff > 0 else L10n("多", "more than")
    gap = shown(abs(diff), unit, max(digits, places(total.figure, unit)))
    message = L10n(
        f"{place.zh}{name}{total_text}{unit_text}与分项之和{sum_text}{unit_text}不一致"
        f"（分项之和{direction.zh}{gap}{unit_text}）",
        f"{place.en}{short_label(total.label) or 'total'} {total_text} {unit_text} differs from the sum of "
        f"its parts {sum_text} {unit_text} (the parts come to {gap} {unit_text} "
        f"{direction.en} the total)",
    )
    interval = (f"[{shown(total.figure.lo, unit)}, {shown(total.figure.hi, unit)}]",
                f"[{shown(lo, unit)}, {shown(hi, unit)}]")
    explanation = L10n(
        f"分项：{addends} = {sum_text}{unit_text}；合计：{name} {total_text}{unit_text}。"
        f"按各数字所写小数位的舍入区间计算，合计区间{interval[0]}与分项之和区间{interval[1]}"
        f"不重叠，差异超出四舍五入误差。",
        f"Parts: {addends_en} = {sum_text} {unit_text}; total: {total.label or 'total'} "
        f"{total_text} {unit_text}. Taking each figure's rounding interval from the decimals "
        f"it was written with, the total's interval {interval[0]} does not overlap the summed "
        f"parts' interval {interval[1]}, so the gap is not rounding.",
    )
    suggestion = L10n(
        f"核对{name}及各分项金额，使分项之和与合计一致（或补充遗漏的分项）。",
        "Check the total and each part so that the parts add up to the total "
        "(or add the missing part).",
    )
    data: dict[str, object] = {
        "unit": unit,
        "total": {"label": total.label, "value": total_text},
        "parts": [{"label": p.label, "value": shown(p.figure.value, unit,
                                                   places(p.figure, unit))} for p in parts],
        "sum": sum_text,
        "difference": diff_text,
        "total_interval": [shown(total.figure.lo, unit), shown(total.figure.hi, unit)],
        "sum_interval": [shown(lo, unit), shown(hi, unit)],
    }
    return SumReport(message, explanation, suggestion, data)


def labelled_start(doc: Document, span: Span) -> int:
    """Where the evidence for a text figure starts: at its label when the label precedes it
    (a filler such as 为 or 达 may stand between)."""
    label = span.attrs.get("label") or ""
    if not label:
        return span.start
    found = doc.text.rfind(label, max(0, span.start - len(label) - 4), span.start)
    block = doc.block_at(span.start)
    return found if found >= block.start else span.start


def rate_interval(numerator: Figure, denominator: Figure) -> tuple[Decimal, Decimal] | None:
    """The percentage numerator/denominator can be, given both figures' rounding."""
    if denominator.lo <= 0 or numerator.lo < 0:
        return None
    hundred = Decimal(100)
    return numerator.lo / denominator.hi * hundred, numerator.hi / denominator.lo * hundred


def rate_agrees(stated: Figure, computed: tuple[Decimal, Decimal]) -> bool:
    """A stated rate agrees when its interval meets the computed one.

    The stated interval also covers truncation (99.97% written as 99.9%), and a rate
    written as 100% agrees with an execution above the budget, which reports cap at 100%.
    """
    lo, hi = computed
    unit = stated.half_unit * 2
    if stated.value == 100 and lo >= 100:
        return True
    return stated.lo <= hi and lo <= stated.value + unit
