"""Features of one block for the section classifier, shared by training and inference.

A block is described by what it says (character bigrams and jieba words of its opening)
and by where it stands (the keyword type of its section, of the enclosing top-level section
and of the nearest heading of any style, its relative position, its kind). Only the opening
of a block is read: the topic of a report paragraph is set in its first clause, and reading
prefixes keeps the classifier within its time budget. jieba costs most of that budget, so
paragraphs get words for their first 10 characters only (in one comparison on the same
corpus, held-out macro-F1 was 0.846 with 10 characters, 0.832 with 80 and 0.832 with none).
"""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.annotate.sections import type_of_heading
from auditor.annotate.tokens import segment
from auditor.model.document import Block, Document

HEADING_WORD_CHARS = 24
WORD_CHARS = 10
BIGRAM_CHARS = 160
TABLE_CHARS = 120
PSEUDO_HEADING_CHARS = 16
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_SKIP = re.compile(r"^[\s\W_]+$")
_PUNCT = frozenset("，。、；：？！“”‘’（）《》【】—…·,.;:?!()[]<>\"' \t\n%％/-")


def _opening(block: Block) -> str:
    if block.kind == "table":
        return block.text.replace("\t", " ").replace("\n", " ")[:TABLE_CHARS]
    text = block.body_text if block.kind == "heading" else block.text
    return text[:BIGRAM_CHARS]


@lru_cache(maxsize=8192)
def opening_words(prefix: str) -> tuple[str, ...]:
    """jieba words of a block opening; cached because headings and stock phrases recur."""
    return tuple(f"w:{w}" for w, _, _ in segment(prefix) if not _SKIP.match(w))


def _text_features(text: str, word_chars: int) -> list[str]:
    norm = _DIGITS.sub("0", text)
    feats = list(opening_words(norm[:word_chars]))
    feats += [f"c:{a}{b}" for a, b in zip(norm, norm[1:], strict=False)
              if a not in _PUNCT and b not in _PUNCT]
    return feats


def looks_like_heading(block: Block) -> bool:
    """A short numbered paragraph such as （二）项目绩效目标。 — kept a paragraph by the heading
    annotator because of its full stop, but a heading to the reader."""
    return (block.kind == "paragraph" and block.marker is not None
            and len(block.body_text) <= PSEUDO_HEADING_CHARS)


def keyword_types(doc: Document) -> list[str]:
    """Keyword type of each section's own heading, inherited from the parent section when
    the heading has no telling keyword (as annotate/sections.py types them), recomputed
    here so that features never depend on what the classifier later wrote back."""
    types: list[str] = []
    for n, section in enumerate(doc.sections):
        own = None
        if section.heading is not None:
            own = type_of_heading(doc.blocks[section.heading].body_text)
        parent = "other"
        for m in range(n - 1, -1, -1):
            other = doc.sections[m]
            if other.first <= section.first <= other.last and other.level < section.level:
                parent = types[m]
                break
        types.append(own or parent)
    return types


def heading_context(doc: Document) -> list[tuple[str, str, str]]:
    """Per block: keyword type of its innermost section, of its top-level section and of the
    nearest heading above it of any style (numbered or plain); '-' where there is none."""
    types = keyword_types(doc)
    inner: list[int | None] = [None] * len(doc.blocks)
    top: list[int | None] = [None] * len(doc.blocks)
    for n, section in enumerate(doc.sections):
        for ix in range(section.first, min(section.last, len(doc.blocks) - 1) + 1):
            i, t = inner[ix], top[ix]
            if i is None or section.level >= doc.sections[i].level:
                inner[ix] = n
            if t is None or section.level < doc.sections[t].level:
                top[ix] = n
    out: list[tuple[str, str, str]] = []
    near = "-"
    for block in doc.blocks:
        if block.kind == "heading" or looks_like_heading(block):
            near = type_of_heading(block.body_text) or near
        i, t = inner[block.index], top[block.index]
        out.append((types[i] if i is not None else "-", types[t] if t is not None else "-", near))
    return out


def block_features(doc: Document,
                   context: list[tuple[str, str, str]] | None = None) -> list[list[str]]:
    """Feature strings for every block of an annotated document, in block order;
    ``context`` is ``heading_context(doc)`` when the caller already has it."""
    context = context if context is not None else heading_context(doc)
    n = max(len(doc.blocks), 1)
    rows: list[list[str]] = []
    for block, (sec, top, near) in zip(doc.blocks, context, strict=False):
        feats = _text_features(_opening(block),
                               HEADING_WORD_CHARS if block.kind == "heading" else WORD_CHARS)
        where = [f"sec:{sec}", f"top:{top}", f"near:{near}", f"sec:{sec}|{block.kind}"]
        if block.kind == "heading" or looks_like_heading(block):
            where.append(f"hk:{type_of_heading(block.body_text) or '-'}")
        feats += where
        feats += [f"kind:{block.kind}", f"pos:{min(9, block.index * 10 // n)}"]
        rows.append(feats)
    return rows
