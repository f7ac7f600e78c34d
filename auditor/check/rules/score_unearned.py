"""score.unearned: an indicator scored above what its own target and actual support.

The official formulas (domain.md): a forward target (≥) earns the full weight when the
actual reaches it, else actual/target × weight; a reverse target (≤) earns the full weight
when the actual stays within it, else loses the overshoot share, nothing from twice the
target; qualitative tiers earn 80–100% (achieved), 60–80% (partly), 0–60% (not achieved).
Targets, actuals and weights are taken as exact; only the stated score is read with its
rounding interval, so 4.8 for a computed 4.75 passes while 5 for a computed 4 does not. The
interval is that of the table's most precise score: where other scores are written to two
decimals (9.87), a 10 stands for 10.00.

A timeliness target such as 9月前 or 12月底前 is a deadline, not the number 9: 8月底 meets
it, though 8 < 9. When the target or actual names a point in time the two are compared as
dates, and only a completion that lies wholly after the most lenient reading of the
deadline (9月前 read as by the end of September) counts as missed; a missed deadline has
no official formula, so it is reported only when it still got full marks. A pair that
cannot be read as dates with confidence (9.30前, 9月后, a cell with no date) is not judged
at all, since a guess would flag reports that met their deadline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from auditor.annotate.numbers import Figure
from auditor.annotate.score_tables import Indicator, table_indicators
from auditor.check.deadlines import day_range, is_timed, years_stated
from auditor.check.registry import CheckContext, Rule, register
from auditor.check.score_arithmetic import num, short
from auditor.model.document import Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

# Indicators where smaller is better; without an explicit ≤ their direction is unknown.
_REVERSE_NAME = re.compile(r"变动率|差异率|结余率|投诉|事故|超支|偏差|成本|误差|发生率|损失|违规")
_TIER_CAP = {"partly": Decimal("0.8"), "not": Decimal("0.6")}
_TIER_ZH = {"partly": "部分达成（60%–80%）", "not": "未达成（0–60%）"}
_TIER_EN = {"partly": "partly achieved (60–80%)", "not": "not achieved (0–60%)"}

class _Cap(NamedTuple):
    """The highest supportable score and how it was reached; ``below`` when only full marks
    are excluded (a missed deadline) and any lower score stands."""

    best: Decimal
    formula: L10n
    below: bool = False


def _deadline(ind: Indicator) -> _Cap | None:
    """A missed deadline: the completion lies wholly after the latest day the target allows."""
    t, a, w = ind.target, ind.actual, ind.weight
    if t is None or a is None or w is None:
        return None
    years = years_stated(t, a)
    target, actual = day_range(t, years, target=True), day_range(a, years, target=False)
    if target is None or actual is None or actual[0] <= target[1]:
        return None
    return _Cap(w.value, L10n(
        f"时效指标：实际完成时间“{a.text}”晚于目标期限“{t.text}”，未按期完成不应得满分",
        f"timeliness target: the completion “{a.text}” falls after the deadline “{t.text}”, so "
        "full marks are not earned"), below=True)


def _quantitative(ind: Indicator) -> _Cap | None:
    """The highest supportable score from a numeric target and actual, dates compared as
    dates; none when the two cannot be compared."""
    t, a, w = ind.target, ind.actual, ind.weight
    if is_timed(t) or is_timed(a):
        return _deadline(ind)
    if t is None or a is None or w is None or t.number is None or a.number is None:
        return None
    if t.unit and a.unit and t.unit != a.unit:
        return None
    target, actual = t.number, a.number
    unit = t.unit or a.unit or ""
    if t.op == "<=":
        if actual.value <= target.value:
            return None
        if target.value <= 0:
            return _Cap(Decimal(0), L10n(
                f"反向指标（≤{target}{unit}）：实际值{actual}超出上限，不应得满分",
                f"reverse target (≤{target}{unit}): the actual {actual} exceeds the ceiling, so full "
                "marks are not earned"))
        share = (actual.value - target.value) / target.value
        best = max(Decimal(0), 1 - share) * w.value
        return _Cap(best, L10n(
            f"反向指标（≤{target}{unit}）：得分 = 分值 × (1 − 超出比例) = {w} × (1 − ({actual} − {target})"
            f"/{target}) = {num(best)}（实际值达目标值两倍时为0）",
            f"reverse target (≤{target}{unit}): score = weight × (1 − overshoot) = {w} × (1 − "
            f"({actual} − {target})/{target}) = {num(best)} (0 from twice the target)"))
    if t.op not in (">=", "=", None) or target.value <= 0:
        return None
    if t.op is None and _REVERSE_NAME.search(ind.name):
        return None
    if actual.value >= target.value:
        return None
    best = min(Decimal(1), actual.value / target.value) * w.value
    return _Cap(best, L10n(
        f"正向指标（≥{target}{unit}）：得分 = 实际值/目标值 × 分值 = {actual}/{target} × {w} = {num(best)}",
        f"forward target (≥{target}{unit}): score = actual/target × weight = {actual}/{target} × {w} "
        f"= {num(best)}"))


def _qualitative(ind: Indicator) -> _Cap | None:
    a, w = ind.actual, ind.weight
    if a is None or w is None or a.number is not None or a.tier not in _TIER_CAP:
        return None
    best = _TIER_CAP[a.tier] * w.value
    return _Cap(best, L10n(
        f"定性指标，完成情况“{a.text}”属{_TIER_ZH[a.tier]}：最高得分 = {w} × "
        f"{num(_TIER_CAP[a.tier] * 100)}% = {num(best)}",
        f"qualitative indicator, “{a.text}” is {_TIER_EN[a.tier]}: at most {w} × "
        f"{num(_TIER_CAP[a.tier] * 100)}% = {num(best)}"))


@register
class ScoreUnearned(Rule):
    id = "score.unearned"
    category = "score.unearned"
    severity = "high"
    name = L10n("指标得分高于实际完成情况", "Indicator score not earned")
    description = L10n(
        "按正向（≥）、反向（≤）指标计分公式和定性指标分档，核对指标得分是否高于其目标值与"
        "实际值所能支持的分数，如实际值未达目标却得满分；时限指标按日期比较（9月前、8月底），"
        "逾期仍得满分的也列出。",
        "Checks each indicator's score against what its target and actual support (forward "
        "≥ and reverse ≤ formulas, qualitative tiers), e.g. full marks with the target missed; "
        "deadlines are compared as dates (9月前, 8月底) and a missed one with full marks is "
        "listed.",
    )
    example = "目标值≥20批次，实际值16批次，分值5分，得分5分。"

    def _over_weight(self, doc: Document, ind: Indicator) -> Finding:
        """A score above the indicator's weight, which no result can earn."""
        name = short(ind.name)
        return self.finding(
            doc, ind.start, ind.end,
            L10n(f"“{name}”得分{ind.score}分，超过其分值{ind.weight}分",
                 f"“{name}” scores {ind.score}, above its weight of {ind.weight}"),
            L10n(f"一项指标最多得满分（分值{ind.weight}分），报告给了{ind.score}分。",
                 f"An indicator earns at most its weight ({ind.weight}); the report gives "
                 f"{ind.score}."),
            L10n("核对该指标的分值和得分", "check the indicator's weight and score"),
            confidence=0.9,
            data={"indicator": ind.name, "weight": str(ind.weight), "score": str(ind.score)})

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        indicators = table_indicators(doc)
        precision: dict[int, int] = {}
        for ind in indicators:
            if ind.score is not None:
                precision[ind.table] = max(precision.get(ind.table, 0), ind.score.decimals)
        for ind in indicators:
            if ind.score is None or ind.weight is None:
                continue
            if ind.score.value > ind.weight.value:
                yield self._over_weight(doc, ind)
                continue
            cap = _quantitative(ind) or _qualitative(ind)
            if cap is None:
                continue
            best, formula = cap.best, cap.formula
            # a table that scores 9.87 writes a score of 10 for 10.00, not for 9.5–10.5
            stated = Figure(ind.score.value, max(ind.score.decimals, precision[ind.table]))
            if ind.score.value < best if cap.below else stated.lo <= best:
                continue
            full = ind.score.value >= ind.weight.value
            target = ind.target.text if ind.target else "—"
            actual = ind.actual.text if ind.actual else "—"
            most = (L10n("未按期完成，不应得满分", "full marks are not earned when late") if cap.below
                    else L10n(f"最多应得{num(best)}分", f"at most {num(best)} earned"))
            yield self.finding(
                doc, ind.start, ind.end,
                L10n(f"“{short(ind.name)}”目标值“{short(target, 20)}”、实际值“{short(actual, 20)}”，"
                     f"{'却得满分' if full else '得分'}{ind.score}分（{most.zh}）",
                     f"“{short(ind.name)}”: target {target}, actual {actual}, yet scored "
                     f"{ind.score} of {ind.weight} ({most.en})"),
                formula + L10n(f"；报告得分{ind.score}分（分值{ind.weight}分）。",
                               f"; the report gives {ind.score} (weight {ind.weight})."),
                L10n("按计分规则重新计算该指标得分，或说明实际值。",
                     "Recompute the score with the scoring rule, or explain the actual value."),
                confidence=0.85 if ind.actual and ind.actual.number is not None else 0.6,
                data={"indicator": ind.name, "weight": str(ind.weight), "score": str(ind.score),
                      "max_supported": f"<{num(best)}" if cap.below else num(best),
                      "target": target, "actual": actual},
            )
