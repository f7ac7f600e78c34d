"""claim.score_without_table: a total score stated with no scoring table behind it.

A total such as 总得分为97.84分 is the sum of indicator scores; without the indicator table
(权重/分值/得分), a scored list of indicators in the text, or a reference to an attached
score sheet (详见附件, 评分表, 自评表), the reader cannot see where it comes from. Only a
whole report is judged (see ``is_whole_report``): an excerpt may simply stop before its table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.check.registry import CheckContext, Rule, register
from auditor.check.rules.structure_missing_conclusion import is_whole_report, stated_totals
from auditor.model.document import Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

_SCORE_HEAD = re.compile(r"得分|分值|权重|评分")
_ATTACHED = re.compile(r"(?:详见|见|附)[^。；\n]{0,8}(?:附件|附表)|评分表|自评表|打分表|评价表|指标体系表")
_PROSE_SCORE = re.compile(r"得\s*\d+(?:\.\d+)?\s*分|得分\s*[为:：]?\s*\d+(?:\.\d+)?\s*分|扣\s*\d+(?:\.\d+)?\s*分")
_MIN_ROWS = 3
_MIN_PROSE = 3


def has_score_table(doc: Document) -> bool:
    for block in doc.tables:
        assert block.table is not None
        if len(block.table.rows) < _MIN_ROWS:
            continue
        if any(_SCORE_HEAD.search(c.text) and len(c.text) <= 10
               for row in block.table.rows for c in row):
            return True
    return False


@register
class ScoreWithoutTable(Rule):
    id = "claim.score_without_table"
    category = "claim.unsupported"
    severity = "medium"
    name = L10n("总分缺少评分表支撑", "Total score with no scoring table")
    description = L10n(
        "报告给出了总得分，但没有指标评分表、逐项得分或所附评分表的说明。",
        "The report states a total score but has no indicator score table, no itemised "
        "scores and no reference to an attached score sheet.",
    )
    example = "根据考核评分细则，总得分为97.84分，结果：优秀。（全文无评分表）"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if not is_whole_report(doc) or has_score_table(doc) or _ATTACHED.search(doc.text):
            return
        if len(_PROSE_SCORE.findall(doc.text)) >= _MIN_PROSE:
            return
        totals = [s for s in stated_totals(doc) if s.score is not None
                  and doc.block_at(s.start).kind != "table"]
        if not totals:
            return
        total = totals[0]
        yield self.finding(
            doc, total.start, total.end,
            L10n(f"自评得分{total.score}分没有评分表支撑",
                 f"Score of {total.score} with no scoring table"),
            L10n(
                f"报告给出了总得分{total.score}分，但全文没有含“分值/权重/得分”的指标评分表，"
                "没有逐项列出各指标得分，也没有提到所附评分表，无法核对该得分的来源。",
                f"The report states a total of {total.score} points, but it has no indicator "
                "table with weights and scores, lists no itemised scores and refers to no "
                "attached score sheet, so the total cannot be verified.",
            ),
            L10n("附上绩效自评评分表，列明各指标的分值、完成值和得分",
                 "attach the scoring table with each indicator's weight, actual and score"),
            confidence=0.7,
            data={"score": total.score},
        )
