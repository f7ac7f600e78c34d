"""boilerplate.measure: an improvement measure that is generic or answers no stated problem.

Uses the same scores as boilerplate.problem, plus the link the statements annotator drew
from each measure to the problems that share its key words. A measure is flagged when it
names nothing checkable and is common-phrase or known boilerplate; one that answers none
of the stated problems is flagged at a lower similarity, and the explanation says so.
"""

from __future__ import annotations

from typing import Any

from auditor.check.boilerplate import StatementRule, explain
from auditor.check.registry import register
from auditor.model.document import Span
from auditor.model.l10n import L10n


def _answers(span: Span) -> L10n:
    answers = span.attrs.get("answers", [])
    stated = span.attrs.get("problems_stated", 0)
    if not stated:
        return L10n("报告未列出问题，无法对应。", "The report states no problem to answer.")
    if not answers:
        return L10n(f"与报告列出的 {stated} 条问题均无共同关键词，未回应任何问题。",
                    f"It shares no key word with any of the {stated} stated problems.")
    first = answers[0]
    shared = "、".join(first["shared"])
    return L10n(f"对应问题：“{first['text']}”（共同关键词：{shared}）。",
                f"It answers “{first['text']}” (shared key words: {', '.join(first['shared'])}).")


@register
class GenericMeasure(StatementRule):
    id = "boilerplate.measure"
    category = "boilerplate.measure"
    severity = "low"
    name = L10n("改进措施空泛", "Generic improvement measure")
    description = L10n(
        "改进措施没有具体项目、时间、数量或责任，并且由常见套话构成、与已知套话相近或未回应报告列出的任何问题。",
        "An improvement measure with no project, date, count or owner that is built from "
        "common phrases, close to known boilerplate, or answers none of the stated problems.",
    )
    example = "六、改进措施\n进一步完善相关制度，加强业务培训。"
    measures = True

    def describe(self, span: Span, cfg: dict[str, Any]) -> tuple[L10n, L10n, L10n]:
        answers = _answers(span)
        base = explain(span, cfg)
        unanswered = span.attrs.get("problems_stated", 0) > 0 and not span.attrs.get("answers")
        return (
            L10n("改进措施空泛" + ("，且未回应所列问题" if unanswered else ""),
                 "Generic improvement measure"
                 + (" that answers none of the stated problems" if unanswered else "")),
            L10n(base.zh + answers.zh, base.en + " " + answers.en),
            L10n("针对所列问题写明措施的对象、完成时限、数量目标和责任单位，例如：“××项目于×月底前完成招标，"
                 "按月报送支出进度”。",
                 "Tie the measure to a stated problem and give its object, deadline, target "
                 "and owner, e.g. “tender project X by the end of …, report spending monthly”."),
        )

    def data(self, span: Span) -> dict[str, Any]:
        return {**super().data(span), "answers": span.attrs.get("answers", [])}
