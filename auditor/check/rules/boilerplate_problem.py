"""boilerplate.problem: a problem or cause statement that would fit any department.

The scores come from the statements annotator (auditor/annotate/statements.py): common
4-gram share (Lang & Stice-Lawrence), specificity (Hope, Hu & Lu) and the nearest
project-written boilerplate sentence. A statement is flagged when it names nothing
checkable and either is built from common phrases or closely follows a known boilerplate
sentence; the explanation shows all three numbers so a reviewer can weigh them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.annotate.statements import DEFAULTS, is_generic
from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Document, Span
from auditor.model.finding import Finding
from auditor.model.l10n import L10n


def explain(span: Span, cfg: dict[str, Any]) -> L10n:
    """The three measures behind a boilerplate decision, in words, for both rules."""
    a = span.attrs
    n_specific = round(a["specificity"] * a["words"])
    phrases_zh = "、".join(f"“{p}”" for p in a["phrases"]) or "无"
    phrases_en = ", ".join(a["phrases"]) or "none"
    specific_zh = "、".join(a["specific"]) or "无"
    specific_en = ", ".join(a["specific"]) or "none"
    return L10n(
        f"常见短语（多份报告共有的四词组）：{phrases_zh}，覆盖 {a['phrase_share']:.0%} 的词"
        f"（阈值 {cfg['min_phrase_share']:.0%}）；具体性 = 具体信息词 {n_specific} ÷ 总词数 "
        f"{a['words']} = {a['specificity']:.2f}（具体信息：{specific_zh}；阈值 ≤ "
        f"{cfg['max_specificity']:.2f}）；最接近的已知套话：“{a['nearest']}”，相似度 "
        f"{a['similarity']:.0%}（阈值 {cfg['min_similarity']:.0%}）。",
        f"Common phrases (4-grams shared by many reports): {phrases_en}, covering "
        f"{a['phrase_share']:.0%} of the words (threshold {cfg['min_phrase_share']:.0%}); "
        f"specificity = specific words {n_specific} / words {a['words']} = "
        f"{a['specificity']:.2f} (specific: {specific_en}; threshold ≤ "
        f"{cfg['max_specificity']:.2f}); nearest known boilerplate: “{a['nearest']}”, "
        f"similarity {a['similarity']:.0%} (threshold {cfg['min_similarity']:.0%}).",
    )


def confidence(span: Span, cfg: dict[str, Any]) -> float:
    """Higher the closer to known boilerplate and the more common phrases it holds."""
    a = span.attrs
    closeness = max(a["similarity"] - cfg["min_similarity"], 0.0) / (1 - cfg["min_similarity"])
    return min(0.9, 0.55 + 0.25 * closeness + 0.2 * a["phrase_share"])


def data(span: Span) -> dict[str, Any]:
    keep = ("kind", "words", "phrases", "phrase_share", "specific", "specificity", "nearest",
            "similarity")
    return {k: span.attrs[k] for k in keep}


@register
class GenericProblem(Rule):
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

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if "statements" not in doc.spans:
            return
        cfg = {**DEFAULTS, **ctx.rule_config(self.id)}
        for span in doc.spans["statements"]:
            if span.label == "measure" or not is_generic(span.label, span.attrs, cfg):
                continue
            what = L10n("原因", "cause") if span.label == "cause" else L10n("问题", "problem")
            yield self.at_span(
                doc, span,
                L10n(f"{what.zh}表述空泛，未写明具体项目、数据或原因",
                     f"Generic {what.en} statement: no project, figure or concrete cause"),
                explain(span, cfg),
                L10n("写明涉及的项目、金额或数量、时间和具体原因，例如：“××项目预算×万元，因××于×月变更，"
                     "执行率×%”。",
                     "Name the project, the amount or count, the date and the concrete cause, "
                     "e.g. “project X: budget ¥… , execution …% because …”."),
                confidence(span, cfg),
                data=data(span),
            )
