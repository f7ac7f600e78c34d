"""structure.section_mismatch: a section's content does not fit its heading.

The heading's claim is its keyword type (annotate/sections.py); what the body is comes from
the section classifier. A section is flagged only when nearly all of its own body blocks
(not those of sub-sections) are, by the classifier, unlikely to be what the heading claims or
anything that legitimately shares a section with it (rules/outline.toml, [mismatch]):
the typical case is a 结果应用 heading over a summary of the year's work. Deep list items,
plain headings and short bodies are not judged, and nothing runs without the classifier.
An annex or a signature after the last section has no heading of its own and so lies in that
section's span; the section is judged without it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from auditor.annotate.section_classifier import block_types, body_blocks, without_closing_matter
from auditor.annotate.sections import SECTION_NAMES_ZH, heading_keyword_types, type_of_heading
from auditor.check.registry import CheckContext, Rule, register
from auditor.check.rules.structure_missing_section import load_outline
from auditor.model.document import Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

_NEVER_JUDGED = {"other", "appendix"}


@register
class SectionMismatch(Rule):
    id = "structure.section_mismatch"
    category = "structure.section_mismatch"
    severity = "medium"
    name = L10n("标题与内容不符", "Section content does not match its heading")
    description = L10n(
        "标题表明的部分（如“结果应用”）与其下正文的实际内容（由章节分类模型识别，如工作总结）不符。",
        "The heading announces one section (e.g. use of results) while the text under it is "
        "something else (as read by the section classifier, e.g. a work summary).",
    )
    example = "六、绩效自评结果应用情况\n一年来，我局扎实推进各项工作，全年完成……"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        types = block_types(doc)
        if types is None:
            return
        cfg = load_outline(ctx).get("mismatch", {})
        compatible: dict[str, set[str]] = {}
        for a, b in cfg.get("compatible", []):
            compatible.setdefault(a, set()).add(b)
            compatible.setdefault(b, set()).add(a)
        for section in doc.sections:
            if section.heading is None:
                continue
            heading = doc.blocks[section.heading]
            if heading.style == "plain" or section.level > int(cfg.get("max_depth", 2)):
                continue
            own = type_of_heading(heading.body_text)
            if own is None or own in _NEVER_JUDGED:
                continue
            claimed = heading_keyword_types(heading.body_text) | compatible.get(own, set())
            body = without_closing_matter(body_blocks(doc, section), types)
            if len(body) < int(cfg.get("min_blocks", 2)) or \
                    sum(len(b.text) for b in body) < int(cfg.get("min_chars", 80)):
                continue
            ceiling = float(cfg.get("max_claimed_probability", 0.2))
            claimed_p = {b.index: sum(p for k, p in types[b.index].probs.items() if k in claimed)
                         for b in body}
            off = [b for b in body if claimed_p[b.index] < ceiling]
            if len(off) / len(body) < float(cfg.get("min_share", 0.8)):
                continue
            dominant = Counter(types[b.index].type for b in off).most_common(1)[0][0]
            listing_zh = "；".join(
                f"{b.text[:16]}…→{SECTION_NAMES_ZH[types[b.index].type]}"
                f"（{types[b.index].confidence:.2f}，属标题所指部分的概率{claimed_p[b.index]:.2f}）"
                for b in body)
            listing_en = "; ".join(
                f"{b.text[:16]}… → {types[b.index].type} ({types[b.index].confidence:.2f}; "
                f"probability of what the heading announces {claimed_p[b.index]:.2f})"
                for b in body)
            own_zh, dom_zh = SECTION_NAMES_ZH[own], SECTION_NAMES_ZH[dominant]
            yield self.finding(
                doc, heading.start, heading.end,
                L10n(f"标题为“{own_zh}”，但其下内容属于“{dom_zh}”",
                     f"Heading announces {own}, but the text under it is {dominant}"),
                L10n(
                    f"标题关键词表明本部分为“{own_zh}”；章节分类模型对其下{len(body)}段正文的判断为：{listing_zh}。"
                    f"其中{len(off)}段（{len(off) / len(body):.0%}）属于标题所指部分的概率低于{ceiling:.2f}。",
                    f"The heading's keywords announce {own}; the section classifier reads its "
                    f"{len(body)} body blocks as: {listing_en}. {len(off)} of them "
                    f"({len(off) / len(body):.0%}) have a probability below {ceiling:.2f} of "
                    "being what the heading announces.",
                ),
                L10n(f"按“{own_zh}”的要求改写本部分，或把这些内容移到“{dom_zh}”部分并修改标题。",
                     f"rewrite the section as {own}, or move the text to the {dominant} "
                     "section and fix the heading"),
                confidence=round(min(0.9, 1.0 - sum(claimed_p.values()) / len(body)), 3),
                data={"heading_type": own, "content_type": dominant,
                      "blocks": len(body), "off_blocks": len(off)},
            )
