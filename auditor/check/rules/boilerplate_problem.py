"""boilerplate.problem: a problem or cause statement that would fit any department.

The scores come from the statements annotator (auditor/annotate/statements.py): common
4-gram share (Lang & Stice-Lawrence), specificity (Hope, Hu & Lu) and the nearest
project-written boilerplate sentence. A statement is flagged when it names nothing
checkable and either is built from common phrases or closely follows a known boilerplate
sentence; the explanation shows all three numbers so a reviewer can weigh them.
"""

from __future__ import annotations

from typing import Any

from auditor.check.boilerplate import StatementRule, explain
from auditor.check.registry import register
from auditor.model.document import Span
from auditor.model.l10n import L10n


@register
class GenericProblem(StatementRule):
    id = "boilerplate.problem"
    category = "boilerplate.problem"
    severity = "low"
    name = L10n("问题表述空泛", "Generic problem statement")
    description = L10n(
        "“存在的问题”中的问题或原因句没有项目、金额、数量、日期或具体原因，且由常见套话构成或与已知套话相近。",
        "A problem or cause sentence with no project, amount, count, date or concrete cause, "
        "built from common phrases or close to known boilerplate.",
    )
    example = "五、存在的问题\n绩效管理意识有待进一步加强。"
    measures = False

    def describe(self, span: Span, cfg: dict[str, Any]) -> tuple[L10n, L10n, L10n]:
        what = L10n("原因", "cause") if span.label == "cause" else L10n("问题", "problem")
        return (
            L10n(f"{what.zh}表述空泛，未写明具体项目、数据或原因",
                 f"Generic {what.en} statement: no project, figure or concrete cause"),
            explain(span, cfg),
            L10n("写明涉及的项目、金额或数量、时间和具体原因，例如：“××项目预算×万元，因××于×月变更，"
                 "执行率×%”。",
                 "Name the project, the amount or count, the date and the concrete cause, "
                 "e.g. “project X: budget ¥… , execution …% because …”."),
        )
