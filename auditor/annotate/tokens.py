"""Word segmentation with jieba, shared by every stage that needs words.

Segmentation is computed on first use and cached as the ``tokens`` span layer, so a run
that needs no words (a plain format check) never pays for loading jieba's dictionary.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import jieba

from auditor.model.document import Document, Span

jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def segment(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) triples; HMM off so results do not depend on unseen-word guesses."""
    return list(_tokenizer().tokenize(text, HMM=False))


def tokens(doc: Document) -> list[Span]:
    """All word spans of the document's paragraphs and headings (cached)."""
    if "tokens" not in doc.spans:
        layer: list[Span] = []
        for block in doc.blocks:
            if block.kind == "table":
                continue
            for word, start, end in segment(block.text):
                if word.strip():
                    layer.append(Span(block.start + start, block.start + end, "token", word, block.index))
        doc.spans["tokens"] = layer
    return doc.spans["tokens"]
