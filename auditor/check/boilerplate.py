"""What boilerplate.problem and boilerplate.measure share: the statements they read and how
a generic one becomes a finding.

Both rules judge the statements annotator's sentences (auditor/annotate/statements.py) by the
same three scores — common 4-gram share, specificity and similarity to known boilerplate — so
the explanation, the confidence and the finding's data are built here once; each rule only
says which sentences it reads and how it words the finding.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from auditor.annotate.statements import DEFAULTS, is_generic
from auditor.check.registry import CheckContext, Rule
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
    # Chinese in a finance clerk's words, most telling first; every number stays
    return L10n(
        f"具体信息（项目名称、单位、金额、数量、日期、文件名）：{specific_zh}，占全句 {a['words']} "
        f"个词中的 {n_specific} 个（{a['specificity']:.0%}，不超过 "
        f"{cfg['max_specificity']:.0%} 即视为不具体）；最接近的已知套话：“{a['nearest']}”，"
        f"相似度 {a['similarity']:.0%}（达到 {cfg['min_similarity']:.0%} 即视为套话）；"
        f"多份报告共用的说法：{phrases_zh}，占全句 {a['phrase_share']:.0%} 的词（达到 "
        f"{cfg['min_phrase_share']:.0%} 即视为套话）。",
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


class StatementRule(Rule):
    """Flags the generic statements of one kind; subclasses word the finding."""

    measures: ClassVar[bool]  # True: improvement measures; False: problem and cause sentences

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if "statements" not in doc.spans:
            return
        cfg = {**DEFAULTS, **ctx.rule_config(self.id)}
        kinds = ("measure",) if self.measures else ("problem", "cause")
        for span in doc.spans["statements"]:
            if span.label not in kinds:  # context sentences are answered, never judged
                continue
            if not is_generic(span.label, span.attrs, cfg):
                continue
            message, explanation, suggestion = self.describe(span, cfg)
            yield self.at_span(doc, span, message, explanation, suggestion,
                               confidence(span, cfg), data=self.data(span))

    def describe(self, span: Span, cfg: dict[str, Any]) -> tuple[L10n, L10n, L10n]:
        """Message, explanation and suggestion for a generic statement."""
        raise NotImplementedError

    def data(self, span: Span) -> dict[str, Any]:
        keep = ("kind", "words", "phrases", "phrase_share", "specific", "specificity",
                "nearest", "similarity")
        return {k: span.attrs[k] for k in keep}
