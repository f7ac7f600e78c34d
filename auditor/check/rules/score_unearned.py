"""score.unearned: an indicator scored above what its own target and actual support.

The official formulas (domain.md): a forward target (≥) earns the full weight when the
actual reaches it, else actual/target × weight; a reverse target (≤) earns the full weight
when the actual stays within it, else loses the overshoot share, nothing from twice the
target; qualitative tiers earn 80–100% (achieved), 60–80% (partly), 0–60% (not achieved).
Targets, actuals and weights are taken as exact; only the stated score is read with its
rounding interval, so 4.8 for a computed 4.75 passes while 5 for a computed 4 does not.

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

from auditor.annotate.score_tables import Indicator, table_indicators
from auditor.annotate.targets import Value
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

# A point in time: [2024年|次年]9月[30日|上旬|底…], or a part of the year (年底, 三季度).
_POINT = re.compile(
    r"(?:(?P<year>(?:19|20)\d\d)\s*年?\s*(?=年|[\d第上下一二三四])|(?P<next>次年|翌年|第二年)\s*)?"
    r"(?:(?:(?P<from>1[0-2]|0?[1-9])\s*(?:月份?)?\s*[-—–~～至到]\s*)?"
    r"(?<![\d.个])(?P<month>1[0-2]|0?[1-9])\s*月份?"
    r"\s*(?:(?P<day>[12]\d|3[01]|0?[1-9])\s*[日号]|(?P<part>上旬|中旬|下旬|初|中|底|末))?"
    r"|(?P<season>年底|年末|年度?内|年中|上半年|下半年|第?[一二三四1-4]季度))")
# A first figure right before 前 is a deadline even when its form is not understood (9.30前).
_BEFORE_NUMBER = re.compile(r"[\d.]+\s*[日号月]?\s*[之以]?前")
_BEFORE = re.compile(r"^\s*(?:完成|完工|竣工)?\s*(?:之前|以前|前|之内|以内|内)")
_AFTER = re.compile(r"^\s*(?:完成|完工|竣工)?\s*(?:之后|以后|后|起)")
_PART_DAYS = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "中": (11, 20),
              "下旬": (21, 31), "底": (21, 31), "末": (21, 31)}
_SEASONS = {"年底": (12, 21, 12, 31), "年末": (12, 21, 12, 31), "年内": (1, 1, 12, 31),
            "年度内": (1, 1, 12, 31), "年中": (6, 1, 7, 31), "上半年": (1, 1, 6, 31),
            "下半年": (7, 1, 12, 31)}
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# Days are counted as month × 32 + day and years × 400, so that only their order matters.
_NEVER = 10**6


class _Cap(NamedTuple):
    """The highest supportable score and how it was reached; ``below`` when only full marks
    are excluded (a missed deadline) and any lower score stands."""

    best: Decimal
    formula: L10n
    below: bool = False


def _timed(value: Value | None) -> bool:
    """Whether a target or actual cell speaks of a date: its first figure, if any, is part of
    a point in time (9月前, 2024年8月底, 年底前, but not 年内完成率≥95%), or is directly
    followed by 前 (9.30前)."""
    if value is None:
        return False
    m = _POINT.search(value.text)
    first = re.search(r"\d", value.text)
    if m is not None and (first is None or m.start() <= first.start() < m.end()):
        return True
    return first is not None and _BEFORE_NUMBER.match(value.text, first.start()) is not None


def _span(m: re.Match[str], years: bool) -> tuple[int, int]:
    """Earliest and latest day a point in time can mean (8月底: 21st to 31st of August)."""
    if m.group("season"):
        q = m.group("season")
        if q in _SEASONS:
            m1, d1, m2, d2 = _SEASONS[q]
        else:
            n = _QUARTER[q.removeprefix("第")[0]]
            m1, d1, m2, d2 = 3 * n - 2, 1, 3 * n, 31
    else:
        m2 = int(m.group("month"))
        m1 = int(m.group("from")) if m.group("from") else m2
        if m.group("day"):
            d1 = d2 = int(m.group("day"))
        else:
            d1, d2 = _PART_DAYS.get(m.group("part") or "", (1, 31))
    year = (int(m.group("year")) if years and m.group("year") else 0) + (1 if m.group("next") else 0)
    return year * 400 + m1 * 32 + d1, year * 400 + m2 * 32 + d2


def _points(value: Value, years: bool, target: bool) -> tuple[int, int] | None:
    """(earliest, latest) day the cell allows; a deadline (前, 内) opens its start for an
    actual, an 后/起 opens its end, and a target that is not a deadline is not understood."""
    lo, hi = _NEVER, -_NEVER
    for m in _POINT.finditer(value.text):
        first, last = _span(m, years)
        after = value.text[m.end():]
        if _AFTER.match(after):
            if target:
                return None
            last = _NEVER
        elif _BEFORE.match(after) and not target:
            first = -_NEVER
        lo, hi = min(lo, first), max(hi, last)
    return (lo, hi) if lo <= hi else None


def _deadline(ind: Indicator) -> _Cap | None:
    """A missed deadline: the completion lies wholly after the latest day the target allows."""
    t, a, w = ind.target, ind.actual, ind.weight
    if t is None or a is None or w is None:
        return None
    years = all(m.group("year") for v in (t, a) for m in _POINT.finditer(v.text))
    target, actual = _points(t, years, target=True), _points(a, years, target=False)
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
    if _timed(t) or _timed(a):
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

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for ind in table_indicators(doc):
            if ind.score is None or ind.weight is None:
                continue
            cap = _quantitative(ind) or _qualitative(ind)
            if cap is None:
                continue
            best, formula = cap.best, cap.formula
            if ind.score.value < best if cap.below else ind.score.lo <= best:
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
