"""Sentence spans: paragraphs split after 。！？； (full- and half-width).

Semicolons end a sentence too because report clauses joined by ； are separate claims
(one figure, one problem each), which is the unit the checks quote as evidence.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.annotate.registry import annotator
from auditor.model.document import Document

_END = re.compile(r"[^。！？；!?;]*(?:[。！？；!?;]+[”’」』）)]*|$)")


@annotator(30)
def split_sentences(doc: Document, config: dict[str, Any]) -> None:
    doc.sentences = []
    for block in doc.blocks:
        if block.kind == "table":
            continue
        for m in _END.finditer(block.text):
            piece = m.group(0)
            if not piece.strip():
                continue
            lead = len(piece) - len(piece.lstrip())
            start = block.start + m.start() + lead
            end = block.start + m.end() - (len(piece) - len(piece.rstrip()))
            doc.sentences.append(doc.span(start, end, "sentence"))
