"""structure.missing_section: a section the outline of this kind of report requires is absent.

Reviewers deduct per missing outline section (domain.md). The required sections per report
kind (部门整体 / 项目 / other), and for reports written to the transfer-payment template
whatever their kind, live in rules/outline.toml and can be overridden under ``[outline]`` in
the user's configuration. A requirement is met by a heading naming any of its types (all
keywords of the heading count, so 存在的问题及改进措施 covers both), by a section typed so, or
by content the section classifier confidently assigns to it: a report that discusses its
problems without a heading for them is not missing them. Not judged, because their outline
is not a report's: fragments and excerpts (fewer than ``min_top_headings`` top-level
headings, or a first one numbered after 一), and documents that are not self-evaluation
reports (target declaration forms, notices of targets, ``not_a_report``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from auditor.annotate.section_classifier import block_types
from auditor.annotate.sections import SECTION_NAMES_ZH, heading_keyword_types
from auditor.check.registry import CheckContext, Rule, register
from auditor.config import default_file, merge
from auditor.model.document import Block, Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_DEFAULT: dict[str, Any] | None = None


def load_outline(ctx: CheckContext) -> dict[str, Any]:
    """rules/outline.toml merged with the ``[outline]`` table of the configuration."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = tomllib.loads(default_file("outline.toml"))
    return merge(_DEFAULT, ctx.config.get("outline", {}))


def present_types(doc: Document, min_confidence: float) -> set[str]:
    """Section types the report has: by heading keywords, section type, or content that the
    classifier gives at least ``min_confidence`` for the type (not only its first choice: a
    measure written inside the problems paragraph still shows the report has measures)."""
    found: set[str] = set()
    for block in doc.headings:
        found |= heading_keyword_types(block.body_text)
    found |= {s.type for s in doc.sections}
    types = block_types(doc)
    if types is not None:
        for t, block in zip(types, doc.blocks, strict=False):
            if block.kind != "heading":
                found |= {k for k, p in t.probs.items() if p >= min_confidence}
    return found


def top_headings(doc: Document) -> list[str]:
    return [b.text for b in top_blocks(doc)]


def top_blocks(doc: Document) -> list[Block]:
    return [b for b in doc.headings if b.level is not None and b.level <= 1]


def is_fragment(doc: Document, min_top: int) -> bool:
    """Too few top-level headings, or the first is numbered after 一: text cut from a report."""
    tops = top_blocks(doc)
    return len(tops) < min_top or (tops[0].ordinal or 1) > 1


def is_report(doc: Document, not_a_report: str) -> bool:
    """False for a form or notice that names itself so and not as a self-evaluation."""
    head = doc.metadata.title or "".join(b.text for b in doc.blocks[:3])
    return not re.search(not_a_report, head) or bool(re.search(r"自评|评价", head))


def outline_for(doc: Document, outline: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The outline the report follows: a template its headings match, else its kind's."""
    tops = top_headings(doc)
    for name, table in outline.items():
        if isinstance(table, dict) and table.get("match") \
                and any(re.search(table["match"], h) for h in tops):
            return name, table
    return doc.metadata.kind, outline.get(doc.metadata.kind, {})


@register
class MissingSection(Rule):
    id = "structure.missing_section"
    category = "structure.missing_section"
    severity = "medium"
    name = L10n("缺少必备部分", "Required section missing")
    description = L10n(
        "按报告类型（部门整体/项目）的提纲（rules/outline.toml）检查是否缺少必备部分，如存在的问题、"
        "改进措施；无标题但内容已写到的不报。",
        "Checks the report against the outline required for its kind (rules/outline.toml), "
        "e.g. problems found and improvement measures; content present without a heading counts.",
    )
    example = "一、基本情况 … 二、预算执行情况 … 三、绩效目标完成情况 … 四、评价结论 …（无存在的问题、改进措施）"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        outline = load_outline(ctx)
        kind, table = outline_for(doc, outline)
        required = table.get("required", [])
        tops = top_headings(doc)
        if (not required or is_fragment(doc, int(outline.get("min_top_headings", 3)))
                or not is_report(doc, str(outline.get("not_a_report", "(?!)")))):
            return
        found = present_types(doc, float(outline.get("min_confidence", 0.8)))
        anchor = doc.blocks[doc.metadata.title_block] if doc.metadata.title_block is not None \
            else doc.blocks[0]
        kind_zh = {"department": "部门整体支出", "project": "项目支出",
                   "transfer": "转移支付（按财政部模板）"}.get(kind, "其他")
        for entry in required:
            types = list(entry["types"])
            if found & set(types):
                continue
            names_zh = "、".join(SECTION_NAMES_ZH.get(t, t) for t in types)
            yield self.finding(
                doc, anchor.start, anchor.end,
                L10n(f"报告缺少“{entry['zh']}”部分", f"The report has no “{entry['en']}” section"),
                L10n(
                    f"{kind_zh}绩效自评报告的提纲要求有“{entry['zh']}”（rules/outline.toml）。本报告的一级标题为："
                    f"{'；'.join(tops)}。没有标题含有该部分的关键词，也没有正文被识别为{names_zh}。",
                    f"The outline for {kind} reports requires “{entry['en']}” (rules/outline.toml). "
                    f"The report's top-level headings are: {'; '.join(tops)}. No heading names it "
                    f"and no text was classified as {', '.join(types)}.",
                ),
                L10n(f"补写“{entry['zh']}”部分，并以标题标明。",
                     f"add a “{entry['en']}” section under its own heading"),
                confidence=0.8,
                data={"missing": entry["zh"], "types": types, "kind": kind},
            )
