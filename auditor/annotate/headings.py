"""Decide which paragraphs are headings and at which level.

Headings are recognised from the text alone (numbering marker, length, punctuation), never
from Word styles or PDF fonts, so a report yields the same outline in every format.
Numbered paragraphs that read as list items keep their marker but stay paragraphs.

Levels follow the document's own use of the styles, as a reader follows them: a style
seen before returns to its level, a new style opens a level below the current heading
(so 1、 under （1） is a child, as in 三、/（1）/1、), and 第X部分 / 一、 always start a
top-level part. A slip to the twin style that continues the count (（一） then （2）)
stays at the same level.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.annotate.numbering import DEPTH, TOP_STYLES, TWINS, parse_marker
from auditor.annotate.registry import annotator
from auditor.model.document import Block, Document

SENTENCE_END = re.compile(r"[。；;！!？?]$")
HEADING_MAX = 40
PLAIN_HEADING_MAX = 12
CLAUSED_HEADING_MAX = 20  # a longer line with commas is prose that lost its full stop
_PLAIN_OK = re.compile(r"^[\u4e00-\u9fa5（）()、]+[：:]?$")


@annotator(10)
def mark_headings(doc: Document, config: dict[str, Any]) -> None:
    title = set(doc.attrs.get("title_blocks", []))
    for block in doc.blocks:
        if block.kind == "table" or block.index in title:
            continue
        marker = parse_marker(block.text)
        if marker is not None:
            block.marker = marker.text
            block.style = marker.style
            block.ordinal = marker.ordinal
            rest = block.text[len(marker.text):].strip()
            clauses = rest.count("，") + rest.count(",")
            short = (len(rest) <= HEADING_MAX and not SENTENCE_END.search(rest)
                     and (clauses == 0 or len(rest) <= CLAUSED_HEADING_MAX))
            if rest and (short or (marker.depth <= 1 and len(rest) <= HEADING_MAX)):
                block.kind = "heading"
            continue
        text = block.text.strip()
        if len(text) <= PLAIN_HEADING_MAX and _PLAIN_OK.match(text) and block.index > 0:
            block.kind = "heading"
            block.style = "plain"


def _level_slot(stack: list[Block], block: Block) -> int:
    """How many open headings stay above ``block`` (its level is that plus one)."""
    style = block.style or ""
    for i, open_heading in enumerate(stack):
        if open_heading.style == style:
            return i
    twin = TWINS.get(style)
    for i, open_heading in enumerate(stack):
        if open_heading.style == twin and (block.ordinal or 0) >= 2 \
                and open_heading.ordinal == (block.ordinal or 0) - 1:
            return i
    if style in TOP_STYLES:
        keep = 0
        while keep < len(stack) and DEPTH[stack[keep].style or ""] < DEPTH[style]:
            keep += 1
        return keep
    return len(stack)


@annotator(11)
def level_headings(doc: Document, config: dict[str, Any]) -> None:
    stack: list[Block] = []
    for block in doc.headings:
        if block.style == "plain":
            block.level = 9
            continue
        del stack[_level_slot(stack, block):]
        block.level = len(stack) + 1
        stack.append(block)
