"""Decide which paragraphs are headings and at which level.

Headings are recognised from the text alone (numbering marker, length, punctuation), never
from Word styles or PDF fonts, so a report yields the same outline in every format.
Numbered paragraphs that read as list items keep their marker but stay paragraphs.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.annotate.numbering import parse_marker
from auditor.annotate.registry import annotator
from auditor.model.document import Document

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
                block.level = marker.depth
            continue
        text = block.text.strip()
        if len(text) <= PLAIN_HEADING_MAX and _PLAIN_OK.match(text) and block.index > 0:
            block.kind = "heading"
            block.level = 9
            block.style = "plain"
