"""indicator.missing_value: indicators without a target or an actual, or none at all.

Three cases: a score-table row whose target or actual cell is empty (the column exists, the
value does not; 小计/合计 rows are not indicators and are never read as such); a 绩效指标：… sentence naming indicators with no figure at all, in a report
without an indicator table; and a results section in a report that has neither an
indicator table nor any indicator figure — the outcome is then asserted, not measured.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.annotate.score_tables import table_indicators
from auditor.check.registry import CheckContext, Rule, register
from auditor.check.score_arithmetic import short
from auditor.model.document import Document, Section
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

# Any measured quantity counts as an indicator figure: a rate, an amount or a count.
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|‰|万元|亿元|元|人次|批次|次|人|户|家|项|个|件|场|篇|期|天"
                     r"|小时|公里|千米|米|平方米|亩|册|份|条|所|名|台|套|辆|吨|分)")
_RESULTS_HEADING = re.compile(r"实现|完成|绩效|指标|产出|效益|效果")
_MIN_PROSE = 20
_LATER = ("conclusion", "problems", "measures", "application")
# An indicator name, not a statement: 任务完成率, 群众满意度, 培训人次.
_NAME_LIKE = re.compile(r"(?:率|度|数|量|人次|比例|占比|时间|周期|面积|规模)$")


def _results_without_figures(doc: Document) -> Section | None:
    """The first results section, when no results section states any figure and the report
    goes on past it (an excerpt cut off inside its results proves nothing)."""
    results = [s for s in doc.sections if s.type == "results"]
    if not results:
        return None
    prose = 0
    for section in results:
        for block in doc.blocks[section.first + 1 : section.last + 1]:
            if block.kind != "table" and _FIGURE.search(block.text):
                return None
            prose += len(block.text) if block.kind == "paragraph" and "。" in block.text else 0
    if prose < _MIN_PROSE:
        return None  # headings without sentences (a table of contents) assert nothing
    first = results[0]
    if not _RESULTS_HEADING.search(first.title):
        return None
    later = any(s.type in _LATER and s.first > results[-1].last for s in doc.sections)
    return first if later else None


@register
class IndicatorMissingValue(Rule):
    id = "indicator.missing_value"
    category = "indicator.missing_value"
    severity = "medium"
    name = L10n("指标缺少目标值或实际值", "Indicator without a target or actual value")
    description = L10n(
        "评分表中指标缺目标值或实际值；“绩效指标：”只列名称无任何数值；或目标完成情况部分"
        "没有任何指标及数据。",
        "An indicator with no target or no actual value, a 绩效指标：list with no figures, or "
        "a results section with no indicators at all.",
    )
    example = "绩效指标：工作任务完成率"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        indicators = table_indicators(doc)
        for ind in indicators:
            missing = [(zh, en) for zh, en, has, value in (
                ("目标值", "target", ind.has_target, ind.target),
                ("实际值", "actual value", ind.has_actual, ind.actual),
            ) if has and (value is None or value.empty)]
            if not missing:
                continue
            zh = "、".join(m[0] for m in missing)
            en = " and ".join(m[1] for m in missing)
            yield self.finding(
                doc, ind.start, ind.end,
                L10n(f"指标“{short(ind.name)}”缺少{zh}", f"Indicator “{short(ind.name)}” has no {en}"),
                L10n(f"评分表有{zh}栏，但该指标的对应单元格为空，得分{ind.score or '—'}无从核对。",
                     f"The table has a column for it but the cell is empty, so the score "
                     f"{ind.score or '—'} cannot be verified."),
                L10n(f"补填该指标的{zh}。", f"Fill in the indicator's {en}."),
                confidence=0.8,
                data={"indicator": ind.name, "missing": [m[1] for m in missing]},
            )
        if indicators:
            return
        prose = doc.spans.get("prose_indicators", [])
        for span in prose:
            if span.attrs["numbers"] or not all(_NAME_LIKE.search(i) for i in span.attrs["items"]):
                continue
            items = "、".join(span.attrs["items"])
            yield self.at_span(
                doc, span,
                L10n(f"绩效指标只列名称，没有目标值或完成值：{short(items, 40)}",
                     f"Indicators named without any target or actual value: {short(items, 40)}"),
                L10n(f"“{short(span.text, 40)}”列出{len(span.attrs['items'])}项指标，均无数值，"
                     "报告中也没有指标评分表。",
                     f"{len(span.attrs['items'])} indicator(s) listed without a figure, and the "
                     "report has no indicator score table."),
                L10n("为每项指标写明目标值和实际完成值（或附自评表）。",
                     "State each indicator's target and actual value, or attach the score table."),
                confidence=0.7,
                data={"items": span.attrs["items"]},
            )
        if prose:
            return
        section = _results_without_figures(doc)
        if section is None or section.heading is None:
            return
        heading = doc.blocks[section.heading]
        yield self.finding(
            doc, heading.start, heading.end,
            L10n(f"“{short(section.title, 30)}”部分没有任何绩效指标及数据",
                 f"The results section “{short(section.title, 30)}” gives no indicator values"),
            L10n("报告没有指标评分表，目标完成情况部分也没有带数值的指标（目标值、完成值或百分比）。",
                 "The report has no indicator table, and its results section states no "
                 "indicator with a figure (target, actual or percentage)."),
            L10n("按产出、效益、满意度指标逐项写明目标值、实际值和得分。",
                 "List the output, effect and satisfaction indicators with target, actual and "
                 "score."),
            confidence=0.6,
        )
