"""claim.satisfaction_unsupported: a (near) perfect satisfaction rate with no survey behind it.

满意度100% is only evidence when someone asked: a questionnaire, an assessment, follow-up
calls, a forum, a sample (问卷, 调查, 测评, 回访, 座谈, 抽样, 访谈, 发放…份). A report that
states a very high achieved satisfaction and never says how it was measured makes a claim
reviewers deduct for. Targets (不低于95%, ≥95%, 95%以上, 目标值) are not achieved values and
are ignored; so are rates under the configured ``min_rate`` (default 98). Only a whole
report is judged: an excerpt may describe its survey after the point where it stops.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from auditor.check.registry import CheckContext, Rule, register
from auditor.check.rules.structure_missing_conclusion import is_whole_report
from auditor.model.document import Block, Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

METHOD = re.compile(
    r"问卷|测评|回访|座谈|抽样|抽查|访谈|受访|样本|调查(?!研究)|发放[^。；\n]{0,12}份|"
    r"回收[^。；\n]{0,12}份|电话随访|征求意见表"
)
_SATISFACTION = re.compile(r"满意(?:度|率)")
_RATE = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*[%％]")
_TARGET_BEFORE = re.compile(r"不低于|不少于|≥|>=|＞|>|目标|预期|力争|确保|要求|计划|指标值|应达|争取")
_TARGET_AFTER = re.compile(r"^\s*(?:以上|及以上|左右)")
_ACTUAL_HEAD = re.compile(r"实际|完成值|业绩值|实现值|实际值|完成情况")
DEFAULT_MIN = Decimal(98)


def _claims_in_text(doc: Document, minimum: Decimal) -> Iterator[tuple[int, int, str]]:
    for sentence in doc.sentences:
        text = sentence.text
        for sat in _SATISFACTION.finditer(text):
            m = _RATE.search(text, sat.end(), min(len(text), sat.end() + 16))
            if m is None or Decimal(m.group(1)) < minimum:
                continue
            between = text[sat.end():m.start()]
            if re.search(r"[，,。；]", between) or _TARGET_BEFORE.search(text[:m.start()]):
                continue
            if _TARGET_AFTER.match(text[m.end():]):
                continue
            yield sentence.start + sat.start(), sentence.start + m.end(), m.group(1)


def _claims_in_table(block: Block, minimum: Decimal) -> Iterator[tuple[int, int, str]]:
    assert block.table is not None
    actual_col: int | None = None
    for row in block.table.rows:
        heads = [i for i, c in enumerate(row) if _ACTUAL_HEAD.search(c.text) and len(c.text) <= 10]
        if heads:
            actual_col = heads[0]
            continue
        if actual_col is None or actual_col >= len(row):
            continue
        if not any(_SATISFACTION.search(c.text) for c in row[:actual_col]):
            continue
        cell = row[actual_col]
        m = _RATE.fullmatch(cell.text.strip())
        if m and Decimal(m.group(1)) >= minimum:
            label = next(c for c in row[:actual_col] if _SATISFACTION.search(c.text))
            yield label.start, cell.end, m.group(1)


@register
class SatisfactionWithoutSurvey(Rule):
    id = "claim.satisfaction_unsupported"
    category = "claim.unsupported"
    severity = "medium"
    name = L10n("满意度无调查依据", "Satisfaction with no survey")
    description = L10n(
        "报告给出很高的满意度（默认≥98%），全文却没有说明问卷、调查、测评、回访、座谈、抽样等获取方法。",
        "The report states a very high satisfaction rate (≥98% by default) but never says how "
        "it was measured (questionnaire, survey, assessment, follow-up, forum, sample).",
    )
    example = "社会公众或服务对象满意度方面：群众满意度100%。"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        minimum = Decimal(str(ctx.rule_config(self.id).get("min_rate", DEFAULT_MIN)))
        if not is_whole_report(doc) or METHOD.search(doc.text):
            return
        claims = {end: (start, rate) for start, end, rate in _claims_in_text(doc, minimum)}
        for block in doc.tables:
            claims.update((end, (start, rate)) for start, end, rate in
                          _claims_in_table(block, minimum))
        for end, (start, rate) in sorted(claims.items()):
            yield self.finding(
                doc, start, end,
                L10n(f"满意度{rate}%没有说明调查方法", f"Satisfaction of {rate}% with no survey"),
                L10n(
                    f"报告称满意度为{rate}%，但全文没有出现问卷、调查、测评、回访、座谈、抽样、"
                    "发放…份等任何获取满意度的方法或样本说明，该数值缺乏依据。",
                    f"The report states a satisfaction rate of {rate}% but nowhere mentions a "
                    "questionnaire, survey, assessment, follow-up, forum, sample or number of "
                    "forms, so the figure has no stated basis.",
                ),
                L10n("说明满意度的调查方式、对象、样本量和回收情况",
                     "state how satisfaction was measured: method, respondents, sample size"),
                confidence=0.75 if Decimal(rate) >= 100 else 0.6,
                data={"rate": rate},
            )
