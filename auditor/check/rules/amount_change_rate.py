"""amount.change_rate: a year-on-year change rate against the two amounts it compares.

Reports compare spending with the year before, most often for the 三公 funds: 会议费12.40万元，
比上年的15.80万元下降18.6% (the earlier level stated), or 支出38.62万元，比上年减少4.18万元，
下降9.77% (the difference stated). Either way the rate follows from the report's own figures:
(上年 − 本年) ÷ 上年, or the difference ÷ the earlier level. The three figures must stand in
one sentence, one right after another, and the rate's word must say which way it went;
the computed rate is an interval from the rounding of both amounts, and a stated rate that
meets it (also when truncated) passes. A rate whose direction contradicts the amounts (下降
while the amount grew) is reported too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from auditor.annotate.numbers import Figure, format_decimal
from auditor.annotate.quantities import quantities, role_text
from auditor.check.amounts import rate_agrees, shown
from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Document, Span
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

_DOWN = re.compile(r"下降|减少|降低|压减|节约")
_UP = re.compile(r"增长|增加|上升|提高|上涨")
_EARLIER = re.compile(r"(?:比|较|同比)(?:上年|上一年|去年|上年度|2\d{3}年)")
_HUNDRED = Decimal(100)


def _direction(label: str) -> str | None:
    down, up = _DOWN.search(label), _UP.search(label)
    if bool(down) == bool(up):
        return None
    return "down" if down else "up"


def _compared(now: Span, other: Span, rate: Span) -> bool:
    """This year's amount, last year's (比上年… an amount), then a rate, in one sentence of
    the running text."""
    sentence = now.attrs.get("sentence")
    return (sentence is not None
            and sentence == other.attrs.get("sentence") == rate.attrs.get("sentence")
            and now.attrs["kind"] == other.attrs["kind"] == "amount"
            and rate.attrs["kind"] == "percent" and now.attrs["role"] != "change"
            and now.attrs.get("table") is None and other.attrs["role"] == "change"
            and bool(_EARLIER.search(role_text(other.attrs["label"]))))


def _interval(now: Figure, other: Figure, difference: str | None,
              direction: str) -> tuple[Decimal, Decimal] | None:
    """The change in percent, from the current amount and either the earlier one
    (``difference`` None) or the stated difference in the direction ``difference``."""
    if difference is None:
        if other.lo <= 0:
            return None
        lo, hi = now.lo / other.hi * _HUNDRED, now.hi / other.lo * _HUNDRED
        return (_HUNDRED - hi, _HUNDRED - lo) if direction == "down" else (lo - _HUNDRED,
                                                                           hi - _HUNDRED)
    if difference == "down":  # earlier = now + difference
        return (other.lo / (now.hi + other.lo) * _HUNDRED,
                other.hi / (now.lo + other.hi) * _HUNDRED)
    if now.lo - other.hi <= 0:
        return None
    return (other.lo / (now.hi - other.lo) * _HUNDRED,
            other.hi / (now.lo - other.hi) * _HUNDRED)


@register
class ChangeRate(Rule):
    id = "amount.change_rate"
    category = "amount.rate_mismatch"
    severity = "medium"
    name = L10n("同比增减率与金额不符", "Year-on-year change rate differs from the amounts")
    description = L10n(
        "“比上年…下降/增长x%”中的增减率应等于（本年−上年）÷上年；按两个金额的舍入区间判断。",
        "A rate in “比上年… 下降/增长 x%” must equal (this year − last year) ÷ last year, "
        "within the rounding of both amounts.",
    )
    example = "会议费12.40万元，比上年的15.80万元下降18.6%（应为21.52%）。"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        # the quantities layer is in text order; amounts and rates keep it
        spans = [q for q in quantities(doc) if q.attrs["kind"] in ("amount", "percent")]
        for now, other, rate in zip(spans, spans[1:], spans[2:], strict=False):
            if not _compared(now, other, rate):
                continue
            direction = _direction(role_text(rate.attrs["label"]))
            stated = rate.attrs.get("figure")
            if direction is None or stated is None or rate.attrs["approx"] \
                    or now.attrs["approx"] or other.attrs["approx"]:
                continue
            difference = _direction(role_text(other.attrs["label"]))
            a, b = now.attrs["canonical"], other.attrs["canonical"]
            if difference is None and a.value != b.value \
                    and (a.value < b.value) != (direction == "down"):
                yield self._wrong_way(doc, now, other, rate, direction)
                continue
            computed = _interval(a, b, difference, direction)
            if computed is None or rate_agrees(stated, computed):
                continue
            yield self._finding(doc, now, other, rate, stated, computed, difference)

    def _formula(self, now: Span, other: Span, difference: str | None) -> str:
        if difference is None:
            return f"|{now.text} − {other.text}| ÷ {other.text} × 100%"
        unit = now.attrs["unit"]
        a, b = now.attrs["canonical"].value, other.attrs["canonical"].value
        earlier = a + b if difference == "down" else a - b
        return f"{other.text} ÷ {shown(earlier, unit)}{unit or ''} × 100%"

    def _finding(self, doc: Document, now: Span, other: Span, rate: Span, stated: Figure,
                 computed: tuple[Decimal, Decimal], difference: str | None) -> Finding:
        formula = self._formula(now, other, difference)
        middle = format_decimal(((computed[0] + computed[1]) / 2).quantize(Decimal("0.01")))
        lo, hi = (format_decimal(x.quantize(Decimal("0.0001"))) for x in computed)
        return self.finding(
            doc, now.start, rate.end,
            L10n(f"增减率写为{stated}%，按前后两个金额计算为{middle}%",
                 f"The change is stated as {stated}% but the two amounts give {middle}%"),
            L10n(f"{formula} = {middle}%；考虑舍入，计算值在[{lo}%, {hi}%]之间，与所写的"
                 f"{stated}%不符。",
                 f"{formula} = {middle}%; with rounding the rate lies in [{lo}%, {hi}%], "
                 f"which does not fit the stated {stated}%."),
            L10n("核对本年数、上年数和增减率", "check this year's and last year's figures and the "
                 "rate"),
            confidence=0.8,
            data={"stated": f"{stated}%", "computed": f"{middle}%", "formula": formula})

    def _wrong_way(self, doc: Document, now: Span, other: Span, rate: Span,
                   direction: str) -> Finding:
        said = L10n("下降", "a fall") if direction == "down" else L10n("增长", "a rise")
        was = L10n("增长", "a rise") if direction == "down" else L10n("下降", "a fall")
        return self.finding(
            doc, now.start, rate.end,
            L10n(f"写为{said.zh}，但本年{now.text}比上年{other.text}实为{was.zh}",
                 f"Stated as {said.en}, but {now.text} against last year's {other.text} is "
                 f"{was.en}"),
            L10n(f"本年{now.text}，上年{other.text}，变化方向与“{rate.attrs['label']}”相反。",
                 f"This year {now.text}, last year {other.text}: the change goes the other "
                 f"way than “{rate.attrs['label']}”."),
            L10n("核对两个年度的金额和增减方向", "check both years' figures and the direction"),
            confidence=0.8)
