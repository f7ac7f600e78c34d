"""Features of one block for the section classifier, shared by training and inference.

A block is described by what it says (character bigrams of its opening, character trigrams
of its first few characters, its first two characters) and by where it stands (the keyword
type of its section, of the enclosing top-level section and of the nearest heading of any
style, its relative position, its kind). Only the opening of a block is read: the topic of a
report paragraph is set in its first clause, and reading prefixes keeps the classifier
within its time budget.

There are no word features: trigrams of the first characters carry what jieba words of the
same prefix carried (held-out accuracy 0.930 both ways on the same folds) and cost no
segmentation, which was two thirds of the classifier's time. Training describes blocks with
feature strings (``block_features``); inference computes the same features as numeric keys
in one vectorised pass over the whole document (``feature_pairs``), and a test checks that
both give the same model input.
"""

from __future__ import annotations

import re

import numpy as np

from auditor.annotate.sections import type_of_heading
from auditor.model.document import Block, Document

TRIGRAM_CHARS = 10
HEADING_TRIGRAM_CHARS = 24
BIGRAM_CHARS = 160
TABLE_CHARS = 120
LEAD_CHARS = 2
PSEUDO_HEADING_CHARS = 16
# a run-in heading: up to 18 characters without a comma or semicolon, closed by 。 or a colon
_RUN_IN = re.compile(r"[^。：:；;，,]{2,18}[。：:]")
RUN_IN_BODY_CHARS = 4
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_PUNCT = frozenset("，。、；：？！“”‘’（）《》【】—…·,.;:?!()[]<>\"' \t\n%％/-")
# Code points above this bound do not occur in text (Unicode ends at 0x10FFFF), so
# a*_BASE + b and (a*_BASE + b)*_BASE + c are distinct int64 keys for every n-gram.
_BASE = 0x110000
_DROP = str.maketrans("", "", "".join(sorted(_PUNCT)))
# whether a code point is punctuation, by table lookup (all of _PUNCT is below 0x10000)
_PUNCT_TABLE = np.zeros(0x10000, dtype=bool)
_PUNCT_TABLE[[ord(c) for c in _PUNCT]] = True


def _opening(block: Block) -> str:
    """The block's opening with digit runs folded to 0 (a table's first rows on one line)."""
    if block.kind == "table":
        text = block.text.replace("\t", " ").replace("\n", " ")[:TABLE_CHARS]
    else:
        text = (block.body_text if block.kind == "heading" else block.text)[:BIGRAM_CHARS]
    return _DIGITS.sub("0", text)


def _trigram_chars(block: Block) -> int:
    return HEADING_TRIGRAM_CHARS if block.kind == "heading" else TRIGRAM_CHARS


def _lead(block: Block) -> str:
    """First characters after the heading marker, punctuation dropped: 附件…, 绩效目标…"""
    text = block.body_text if block.marker else block.text
    head = text[:LEAD_CHARS]
    if head.isalpha():  # no digit (category Nd) and no punctuation: nothing to fold or drop
        return head
    text = _DIGITS.sub("0", text[:64])
    return text[:LEAD_CHARS * 4].translate(_DROP)[:LEAD_CHARS]


def looks_like_heading(block: Block) -> bool:
    """A short numbered paragraph such as （二）项目绩效目标。 — kept a paragraph by the heading
    annotator because of its full stop, but a heading to the reader."""
    return (block.kind == "paragraph" and block.marker is not None
            and len(block.body_text) <= PSEUDO_HEADING_CHARS)


def clause_type(block: Block) -> str:
    """Keyword type of a paragraph's run-in heading (资金分配方面：…, 三是评价结果运用。…),
    the short opening clause that names the topic before the body follows; '' if none."""
    if block.kind != "paragraph":
        return ""
    text = block.body_text if block.marker else block.text
    m = _RUN_IN.match(text)
    if m is None or len(text) <= m.end() + RUN_IN_BODY_CHARS:
        return ""
    return type_of_heading(m.group(0)) or ""


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


def _place(doc: Document, context: list[tuple[str, str, str]]) -> list[tuple[str, ...]]:
    """Where each block stands, its lead characters and those of the blocks before and after
    it (一是… after 二是…, 附件2 after a title) and its run-in heading's type, per block."""
    n = max(len(doc.blocks), 1)
    leads = [_lead(block) for block in doc.blocks]
    return [(sec, top, near, block.kind,
             (type_of_heading(block.body_text) or "-")
             if block.kind == "heading" or looks_like_heading(block) else "",
             leads[i], str(min(9, block.index * 10 // n)),
             leads[i - 1] if i else "^", leads[i + 1] if i + 1 < len(leads) else "$",
             clause_type(block))
            for i, (block, (sec, top, near)) in enumerate(zip(doc.blocks, context, strict=False))]


def _place_strings(place: tuple[str, ...]) -> list[str]:
    sec, top, near, kind, heading_type, lead, pos, before, after, clause = place
    feats = [f"sec:{sec}", f"top:{top}", f"near:{near}", f"sec:{sec}|{kind}"]
    if heading_type:
        feats.append(f"hk:{heading_type}")
    if clause:
        feats.append(f"ck:{clause}")
    return feats + [f"lead:{lead}", f"kind:{kind}", f"pos:{pos}", f"plead:{before}",
                    f"nlead:{after}"]


def block_features(doc: Document,
                   context: list[tuple[str, str, str]] | None = None) -> list[list[str]]:
    """Feature strings for every block of an annotated document, in block order (training
    and inspection; inference uses the equivalent ``feature_pairs``)."""
    context = context if context is not None else heading_context(doc)
    rows = [_place_strings(p) for p in _place(doc, context)]
    for block, feats in zip(doc.blocks, rows, strict=False):
        text = _opening(block)
        tri = text[:_trigram_chars(block)]
        feats += [f"c:{a}{b}" for a, b in zip(text, text[1:], strict=False)
                  if a not in _PUNCT and b not in _PUNCT]
        feats += [f"t:{a}{b}{c}" for a, b, c in zip(tri, tri[1:], tri[2:], strict=False)
                  if a not in _PUNCT and b not in _PUNCT and c not in _PUNCT]
    return rows


class NgramIndex:
    """The model's bigram and trigram features as sorted int64 keys, for vectorised lookup."""

    def __init__(self, index: dict[str, int]) -> None:
        pairs: dict[int, list[tuple[int, int]]] = {2: [], 3: []}
        for name, col in index.items():
            grams = name[2:]
            if name[:2] in ("c:", "t:") and len(grams) == (2 if name[0] == "c" else 3):
                key = 0
                for ch in grams:
                    key = key * _BASE + ord(ch)
                pairs[len(grams)].append((key, col))
        self.keys: dict[int, np.ndarray] = {}
        self.cols: dict[int, np.ndarray] = {}
        for size, found in pairs.items():
            found.sort()
            self.keys[size] = np.asarray([k for k, _ in found], dtype=np.int64)
            self.cols[size] = np.asarray([c for _, c in found], dtype=np.int64)

    def lookup(self, texts: list[str], size: int) -> tuple[np.ndarray, np.ndarray]:
        """(row, column) of every known n-gram of ``size`` characters in each text, n-grams
        with punctuation skipped; the texts are joined by a newline (punctuation), so no
        n-gram spans two of them."""
        joined = "\n".join(texts)
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"),
                              dtype=np.uint32).astype(np.int64)
        if len(codes) < size or not len(self.keys[size]):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        row = np.repeat(np.arange(len(texts)), [len(t) + 1 for t in texts])[:len(codes)]
        ok = ~_PUNCT_TABLE[np.minimum(codes, 0xFFFF)]
        span = len(codes) - size + 1
        keys = codes[:span].copy()
        good = ok[:span].copy()
        for k in range(1, size):
            keys = keys * _BASE + codes[k:k + span]
            good &= ok[k:k + span]
        keys, rows = keys[good], row[:span][good]
        known = self.keys[size]
        at = np.minimum(np.searchsorted(known, keys), len(known) - 1)
        hit = known[at] == keys
        return rows[hit], self.cols[size][at[hit]]


def feature_pairs(doc: Document, index: dict[str, int], ngrams: NgramIndex,
                  context: list[tuple[str, str, str]] | None = None,
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(block, feature column) of every known feature occurrence — what ``block_features``
    would give, looked up in ``index`` — computed for the whole document at once."""
    context = context if context is not None else heading_context(doc)
    rows: list[int] = []
    cols: list[int] = []
    known: dict[tuple[str, ...], list[int]] = {}  # blocks in the same place share columns
    for r, place in enumerate(_place(doc, context)):
        found = known.get(place)
        if found is None:
            found = known[place] = [index[f] for f in _place_strings(place) if f in index]
        rows.extend([r] * len(found))
        cols.extend(found)
    openings = [_opening(b) for b in doc.blocks]
    bi_rows, bi_cols = ngrams.lookup(openings, 2)
    tri_rows, tri_cols = ngrams.lookup(
        [text[:_trigram_chars(b)] for b, text in zip(doc.blocks, openings, strict=False)], 3)
    return (np.concatenate([np.asarray(rows, dtype=np.int64), bi_rows, tri_rows]),
            np.concatenate([np.asarray(cols, dtype=np.int64), bi_cols, tri_cols]))
