"""Undo the page layout of a PDF: wrapped lines, running headers and footers, page numbers.

A PDF has no paragraphs, only lines placed on pages. A line is taken to continue in the next
when the next line's first word would not have fitted in the space left at its end — the
writer's software wrapped it — and the next line is neither indented nor set apart by
paragraph spacing. Running headers, footers and page numbers are the lines repeated at the
same height of most pages; a lone number elsewhere is the report's own text and is kept.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from auditor.annotate.numbering import parse_marker
from auditor.read.pdf_text import Char, Line

# Characters that may not start a line (closing marks) or end one (opening marks): the
# writer's software moves them, with a neighbour, to the next line. Quotation marks bind to
# both neighbours (Unicode line breaking, class QU).
_QUOTES = set("“”‘’\"'")
_NO_START = set("，。、；：？！）》」』】〕﹞﹚…%％,.;:?!)]}/") | _QUOTES
_NO_END = set("（《「『【〔﹝﹙([{+＋¥￥$") | _QUOTES
_OPENING = _NO_END - _QUOTES
_CLOSING = set("，。、；：？！）》」』】〕﹞﹚)]}")  # no text starts with these
_PAGE_NUMBER = re.compile(
    r"^[-—–·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:(?:[/／]|共)\s*\d{1,4}\s*页?)?[-—–·\s]*$"
    r"|^(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$"
)
_FEW_LINES = 20
_SENTENCE_END = set("。；;：:！!？?")


def _latin_run(solid: list[Char], i: int) -> int:
    """End index of the Latin word or number starting at ``i`` (``i`` if there is none)."""
    if solid[i].text.isascii() and solid[i].text.isalnum():
        while i + 1 < len(solid) and solid[i + 1].text.isascii() and not solid[i + 1].text.isspace():
            i += 1
    return i


def _unit_width(chars: list[Char]) -> float:
    """Width of the line's first unbreakable unit: a Latin word or number, or a Chinese
    character with the punctuation bound to it."""
    solid = [c for c in chars if not c.generated and c.text.strip()]
    if not solid:
        return 0.0
    i = 0
    while i < len(solid) - 1 and solid[i].text in _NO_END:
        i += 1
    i = _latin_run(solid, i)
    while i + 1 < len(solid):
        here, nxt = solid[i].text, solid[i + 1].text
        if nxt in _NO_START or here in _NO_END or (here in "=<>*" and nxt in _OPENING):
            i += 1
        elif here in _NO_START and nxt.isascii() and nxt.isalnum():
            i = _latin_run(solid, i + 1)  # "。2023": a number binds to the stop before it
        else:
            break
    return solid[i].x1 - solid[0].x0


def wraps(line: Line, nxt: Line, right: float) -> bool:
    """Whether ``nxt`` continues ``line`` because the text ran into the right edge (or
    starts with a closing mark, which only line wrapping puts at the start of a line)."""
    if nxt.text[:1] in _CLOSING:
        return True
    return right - line.x1 < _unit_width(nxt.chars) + 0.2 * line.size


def joiner(before: str, after: str) -> str:
    """Wrapped Chinese joins directly; wrapped Latin words get their space back."""
    a, b = before[-1:], after[:1]
    if a.isascii() and a.isalpha() and b.isascii() and b.isalpha():
        return " "
    return ""


@dataclass
class Margins:
    """Where body text starts and ends, and the usual distance between lines of a paragraph."""

    left: float
    right: float
    pitch: float

    @classmethod
    def of(cls, pages: list[list[Line]], page_width: float) -> Margins:
        lines = [line for page in pages for line in page]
        if not lines:
            return cls(0.0, 0.0, 0.0)
        ends = sorted((line.x1 for line in lines), reverse=True)
        right = ends[min(2, len(ends) // 10)]  # robust to a stray overlong line or two
        starts: defaultdict[int, int] = defaultdict(int)
        for line in lines:
            starts[round(line.x0)] += 1
        left = float(min(x for x, n in starts.items() if n >= max(2, len(lines) // 20))
                     if any(n >= 2 for n in starts.values()) else min(starts))
        if len(lines) < _FEW_LINES:  # too few lines to show the column: assume even margins
            right = max(right, page_width - left)
        gaps = sorted(round(a.base - b.base, 1) for page in pages
                      for a, b in zip(page, page[1:], strict=False) if a.base - b.base > 0.5 * a.size)
        pitch = gaps[len(gaps) // 5] if gaps else 0.0
        return cls(left, right, pitch)

    def continues(self, line: Line, nxt: Line, same_page: bool) -> bool:
        """Whether ``nxt`` is the next line of the paragraph that ``line`` is in."""
        if line.x0 > self.left + 3 * line.size:  # centred or right-aligned: a line of its own
            return False
        if nxt.x0 > max(line.x0, self.left) + 0.5 * line.size:  # indented: a new paragraph
            return False
        if not wraps(line, nxt, self.right):
            return False
        if same_page and self.pitch and line.base - nxt.base > self.pitch * 1.25:
            return False
        # a numbered item after a finished sentence starts a paragraph of its own, also in a
        # document that spaces some paragraphs (titles, tables) but not its body text
        return not (line.text[-1:] in _SENTENCE_END and parse_marker(nxt.text))


def running_lines(pages: list[list[Line]]) -> set[int]:
    """ids of header, footer and page-number lines: first or last lines of a page that recur
    at the same height (text compared with digits masked) on at least 40% of the pages."""
    if len(pages) < 2:
        return set()
    seen: dict[tuple[str, int], list[Line]] = defaultdict(list)
    for page in pages:
        for line in {id(x): x for x in page[:2] + page[-2:]}.values():
            masked = re.sub(r"\d+", "#", line.text.replace(" ", ""))
            if _PAGE_NUMBER.match(line.text):
                masked = "<page number>"
            seen[(masked, round(line.top / 4))].append(line)
    need = max(2, round(0.4 * len(pages)))
    return {id(line) for group in seen.values() if len(group) >= need for line in group}
