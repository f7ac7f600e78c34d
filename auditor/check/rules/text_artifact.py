"""text.artifact: debris left by converting the report between formats.

Bookmarks and field codes ([bookmark: _GoBack], { PAGE \\* MERGEFORMAT }, 错误！未定义书签),
a page number standing alone as a paragraph, and a paragraph broken in the middle of a
word (可 / 操作性). A broken line is only reported when jieba reads the two halves as one
word across the break, so ordinary short paragraphs are never mistaken for breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.annotate.tokens import segment
from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Block, Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

FIELD_CODES = re.compile(
    r"\[bookmark:[^\]]*\]|\{\s*(?:PAGE|NUMPAGES|TOC|PAGEREF|HYPERLINK|REF|SEQ|MERGEFIELD)\b[^}]*\}"
    r"|\\\*\s*MERGEFORMAT|MERGEFORMAT|_Toc\d{6,}|_GoBack|错误！未定义书签。?|Error! Bookmark not defined\.?"
    r"|错误！未找到引用源。?|Error! Reference source not found\.?"
)
PAGE_NUMBER = re.compile(
    r"^(?:[-－—–]\s*\d{1,3}\s*[-－—–]|\d{1,3}|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3}|Page \d{1,3}(?: of \d{1,3})?)$"
)
_HAN = re.compile(r"[\u4e00-\u9fa5]")
_PROSE = re.compile(r"[，。；：、]")
_BARE_NUMBER = re.compile(r"^\d{1,3}$")


def _broken_word(before: str, after: str) -> str | None:
    """The word jieba finds across the break, if the break splits one."""
    left, right = before[-3:], after[:3]
    if not (left and right and _HAN.match(left[-1]) and _HAN.match(right[0])):
        return None
    for word, start, end in segment(left + right):
        if start < len(left) < end and len(word) >= 2:
            return word
    return None


def _continues(block: Block, nxt: Block) -> bool:
    """Two prose paragraphs in a row; a flattened table row has no Chinese punctuation."""
    return (block.kind == "paragraph" and nxt.kind == "paragraph" and nxt.marker is None
            and bool(_PROSE.search(block.text)))


def _is_prose(block: Block | None) -> bool:
    return block is not None and block.kind != "table" and len(block.text.strip()) >= 10 \
        and not _BARE_NUMBER.match(block.text.strip())


def _stray_page_number(blocks: list[Block], i: int) -> bool:
    """A page-number line between prose, not a figure of a table flattened into lines.

    Decorated forms (- 3 -, 第3页) are page numbers wherever they stand; a bare number only
    counts when the paragraphs around it are prose (or it closes the document).
    """
    text = blocks[i].text.strip()
    if not PAGE_NUMBER.match(text) or i == 0:
        return False
    if not _BARE_NUMBER.match(text):
        return True
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return int(text) > 0 and _is_prose(blocks[i - 1]) and (nxt is None or _is_prose(nxt))


@register
class ConversionArtifact(Rule):
    id = "text.artifact"
    category = "text.artifact"
    severity = "low"
    name = L10n("格式转换残留", "Conversion artifact")
    description = L10n(
        "检查格式转换留下的书签、域代码、孤立页码和从词语中间断开的段落。",
        "Finds bookmarks, field codes, stray page numbers and paragraphs broken mid-word.",
    )
    example = "[bookmark: _GoBack]严格落实《预算法》……"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for m in FIELD_CODES.finditer(doc.text):
            yield self.finding(
                doc, m.start(), m.end(),
                L10n(f"残留书签或域代码：{m.group(0)}", f"Leftover bookmark or field code: {m.group(0)}"),
                L10n("该文本是 Word 书签/域代码在转换时泄露出的标记，不属于报告内容。",
                     "This is a Word bookmark or field code leaked by conversion, not report text."),
                L10n("删除该标记", "delete the marker"),
                confidence=0.95,
            )
        blocks = doc.blocks
        for i, block in enumerate(blocks):
            if block.kind == "table":
                continue
            text = block.text.strip()
            if _stray_page_number(blocks, i):
                yield self.finding(
                    doc, block.start, block.end,
                    L10n(f"孤立的页码行：“{text}”", f"Stray page-number line: “{text}”"),
                    L10n("该段只有一个页码，是分页或转换时留下的，不属于正文。",
                         "The paragraph holds only a page number left over from pagination."),
                    L10n("删除该行", "delete the line"),
                    confidence=0.8,
                )
                continue
            if i + 1 < len(blocks) and _continues(block, blocks[i + 1]):
                word = _broken_word(block.text, blocks[i + 1].text)
                if word:
                    nxt = blocks[i + 1]
                    start = max(block.start, block.end - 12)
                    yield self.finding(
                        doc, start, min(nxt.end, nxt.start + 12),
                        L10n(f"段落在词语“{word}”中间断开", f"Paragraph broken inside the word “{word}”"),
                        L10n(
                            f"上一段以“{block.text[-3:]}”结尾、下一段以“{nxt.text[:3]}”开头，"
                            f"两者连读构成词语“{word}”，说明是同一句话被错误换行。",
                            f"One paragraph ends with “{block.text[-3:]}” and the next starts with "
                            f"“{nxt.text[:3]}”; read together they form “{word}”, so one sentence "
                            "was split by a stray line break.",
                        ),
                        L10n("删除多余的换行，合并为一段", "remove the line break and join the paragraphs"),
                        confidence=0.75,
                        data={"word": word},
                    )
