"""Section type of every block from the trained classifier (models/section_model.json).

The heading keywords of annotate/sections.py say what a section claims to be; the
classifier reads what each block actually is, so a report whose headings are missing,
non-standard or wrong still gets typed. Results go to the ``section_type`` span layer (one
span per block, with the probability and the heading's keyword type) and to
``Block.section``. A section's ``type`` follows the classifier only where its heading has no
telling keyword, or where its body clearly and confidently says something else; the
heading's own claim stays available through ``type_of_heading``. Without a shipped model
nothing changes and the keyword typing stands.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, NamedTuple

import numpy as np

from auditor.annotate.registry import annotator
from auditor.annotate.sections import type_of_heading
from auditor.model.document import Block, Document, Section, Span

LAYER = "section_type"
# A titled section's type follows its body only when this share of the body has one type
# and the body clearly says otherwise: the heading's own type gets less than REWRITE_OWN
# mean probability, or the body's type gets at least REWRITE_MARGIN times as much. A body
# that the model finds merely ambiguous keeps the type its heading names.
REWRITE_SHARE = 0.7
REWRITE_OWN = 0.2
REWRITE_MARGIN = 2.0
# Probabilities kept per block (for rules asking "could this block be X?").
PROB_FLOOR = 0.05


class BlockType(NamedTuple):
    """One block's classifier output (a named tuple: built for every block, cheaply)."""

    type: str
    confidence: float
    keyword: str
    probs: dict[str, float]


def block_types(doc: Document) -> list[BlockType] | None:
    """Classifier output per block, in block order; None when no model was applied."""
    layer = doc.spans.get(LAYER)
    if layer is None:
        return None
    return [BlockType(s.label, s.attrs["confidence"], s.attrs["keyword"], s.attrs["probs"])
            for s in layer]


def innermost_sections(doc: Document) -> list[Section | None]:
    """Per block, its innermost section (as ``Document.section_of``), in one pass."""
    inner: list[Section | None] = [None] * len(doc.blocks)
    for section in doc.sections:
        for ix in range(section.first, min(section.last, len(doc.blocks) - 1) + 1):
            current = inner[ix]
            if current is None or section.level >= current.level:
                inner[ix] = section
    return inner


def body_blocks(doc: Document, section: Section,
                inner: list[Section | None] | None = None) -> list[Block]:
    """Paragraphs and tables whose innermost section is ``section`` itself."""
    owners = inner if inner is not None else innermost_sections(doc)
    return [b for b in doc.blocks[section.first : section.last + 1]
            if b.kind != "heading" and owners[b.index] is section]


CLOSING_MATTER = frozenset({"appendix", "other"})


def without_closing_matter(blocks: list[Block], types: list[BlockType]) -> list[Block]:
    """A section's body without the trailing run the classifier reads as annex or closing
    lines (附件2, the annex tables, 填报单位, a signature and date): most reports give the
    annex no heading of its own, so it lies inside the last section's span without being
    part of what that section says. A body that is nothing but such lines is kept whole."""
    end = len(blocks)
    while end and types[blocks[end - 1].index].type in CLOSING_MATTER:
        end -= 1
    return blocks[:end] or blocks


def content_share(doc: Document, blocks: list[Block],
                  types: list[BlockType] | None = None) -> tuple[str, float, float] | None:
    """(dominant type, its share of the blocks, its mean confidence) by the classifier."""
    types = types if types is not None else block_types(doc)
    if types is None or not blocks:
        return None
    count: dict[str, int] = defaultdict(int)
    conf: dict[str, float] = defaultdict(float)
    for block in blocks:
        t = types[block.index]
        count[t.type] += 1
        conf[t.type] += t.confidence
    best = max(sorted(count), key=lambda k: (count[k], conf[k]))
    return best, count[best] / len(blocks), conf[best] / count[best]


def _body_says_otherwise(types: list[BlockType], blocks: list[Block], own: str,
                         kind: str) -> bool:
    own_p = sum(types[b.index].probs.get(own, 0.0) for b in blocks) / len(blocks)
    kind_p = sum(types[b.index].probs.get(kind, 0.0) for b in blocks) / len(blocks)
    return own_p < REWRITE_OWN or kind_p >= REWRITE_MARGIN * own_p


def _retype_sections(doc: Document, types: list[BlockType]) -> None:
    inner = innermost_sections(doc)
    for section in doc.sections:
        blocks = without_closing_matter(body_blocks(doc, section, inner), types)
        share = content_share(doc, blocks, types)
        if share is None:
            continue
        kind, fraction, confidence = share
        own = type_of_heading(doc.blocks[section.heading].body_text) \
            if section.heading is not None else None
        if own is None or (kind != own and fraction >= REWRITE_SHARE
                           and _body_says_otherwise(types, blocks, own, kind)):
            section.type = kind
            section.confidence = round(confidence * fraction, 3)


@annotator(45)
def classify_sections(doc: Document, config: dict[str, Any]) -> None:
    if config.get("sections", {}).get("classifier", True) is False:
        return
    from auditor.learn.section_features import heading_context
    from auditor.learn.section_model import probabilities, shipped_model

    model = shipped_model()
    if model is None or not doc.blocks:
        return
    context = heading_context(doc)
    keyword = [sec for sec, _, _ in context]
    probs = probabilities(model, doc, context=context)
    labels = model.labels
    kinds = [labels[i] for i in probs.argmax(axis=1).tolist()]
    # plain Python floats from here: per-block numpy calls would cost more than the model;
    # numpy only finds the few probabilities per block worth keeping
    confidences = [round(p, 4) for p in probs.max(axis=1).tolist()]
    keep_rows, keep_cols = np.nonzero(probs >= PROB_FLOOR)
    kept: list[dict[str, float]] = [{} for _ in doc.blocks]
    for r, c, p in zip(keep_rows.tolist(), keep_cols.tolist(),
                       probs[keep_rows, keep_cols].tolist(), strict=True):
        kept[r][labels[c]] = round(p, 3)
    doc.spans[LAYER] = [
        Span(block.start, block.end, kind, "", block.index,
             {"confidence": confidence, "keyword": kw, "probs": probs_kept})
        for block, kind, confidence, kw, probs_kept
        in zip(doc.blocks, kinds, confidences, keyword, kept, strict=True)]
    for block, kind in zip(doc.blocks, kinds, strict=True):
        block.section = kind
    types = list(map(BlockType._make, zip(kinds, confidences, keyword, kept, strict=True)))
    _retype_sections(doc, types)
