"""Characters and text lines of a PDF page, rebuilt from pdfium's character boxes.

pdfium's own text stream keeps the order in which glyphs were drawn: converters draw the
Chinese quote marks in a fallback font after the rest of the line, so “ ” end up at the
line's end. Sorting each line's glyphs by position puts them back. pdfium also *generates*
a space wherever glyphs are spaced apart, both for a typed space and for the narrower gap a
converter leaves between Chinese and digits ("2025 年" for 2025年); only gaps as wide as a
space, or between two Latin words, are kept as a space.
"""

from __future__ import annotations

import bisect
import ctypes
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium_c

from auditor.read.txt_reader import _normalise


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    bottom: float  # PDF user space: y grows upwards
    top: float
    size: float
    generated: bool

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    """A visual line: its glyphs left to right, and the text they spell."""

    chars: list[Char]
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    base: float = 0.0  # the usual bottom of its glyphs, steadier than top or bottom

    def __post_init__(self) -> None:
        visible = [c for c in self.chars if not c.generated and c.text.strip()] or self.chars
        self.x0 = min(c.x0 for c in visible)
        self.x1 = max(c.x1 for c in visible)
        self.top = max(c.top for c in visible)
        self.bottom = min(c.bottom for c in visible)
        sizes = sorted(c.size for c in visible)
        self.size = sizes[len(sizes) // 2]
        self.base = sorted(c.bottom for c in visible)[len(visible) // 2]
        self.text = _normalise(_spell(self.chars)).strip()


_SPACE_EM = 0.28  # a real space is about 0.3 em wide; the Chinese/Latin gap about 0.2 em


def _spell(chars: list[Char]) -> str:
    out: list[str] = []
    for i, c in enumerate(chars):
        if not c.generated:
            out.append(c.text)
            continue
        before = next((p for p in reversed(chars[:i]) if not p.generated), None)
        after = next((n for n in chars[i + 1:] if not n.generated), None)
        if before is None or after is None or (out and out[-1] == " "):
            continue
        size = max(before.size, after.size, 1.0)
        if after.x0 - before.x1 >= _SPACE_EM * size or (
                before.text.isascii() and before.text.isalnum()
                and after.text.isascii() and after.text.isalnum()):
            out.append(" ")
    return "".join(out)


def page_chars(textpage: Any) -> list[Char]:
    """Every glyph of the page with its loose (font-height) box; control characters dropped.

    The page text is fetched in one call and only spaces are asked whether pdfium made them
    up: per-character calls through ctypes are most of the cost of reading a PDF."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: one call per character instead
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    chars: list[Char] = []
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    is_generated = pdfium_c.FPDFText_IsGenerated
    font_size = pdfium_c.FPDFText_GetFontSize
    for i, ch in enumerate(text):
        if ch < " " or ch in "\ufffe\uffff\ufeff":
            continue
        generated = ch == " " and bool(is_generated(raw, i))
        if not get_box(raw, i, rect_ref):
            continue
        chars.append(Char(ch, rect.left, rect.right, rect.bottom, rect.top,
                          font_size(raw, i), generated))
    return chars


def group_lines(chars: list[Char]) -> list[Line]:
    """Cluster glyphs into lines by vertical overlap, top of the page first."""
    solid = [c for c in chars if not c.generated]
    if not solid:
        return []
    ordered = sorted(solid, key=lambda c: -c.cy)
    groups: list[list[Char]] = []
    centre = height = 0.0
    for c in ordered:
        h = max(c.top - c.bottom, 1.0)
        if groups and abs(c.cy - centre) < 0.5 * min(h, height):
            groups[-1].append(c)
            continue
        groups.append([c])
        centre, height = c.cy, h
    spans = [(min(c.bottom for c in g), max(c.top for c in g),
              min(c.x0 for c in g), max(c.x1 for c in g)) for g in groups]
    keys = [-(bottom + top) / 2 for bottom, top, _, _ in spans]
    for space in (c for c in chars if c.generated):
        near = bisect.bisect_left(keys, -space.cy)
        for i in (near - 1, near, near + 1):
            if 0 <= i < len(spans):
                bottom, top, x0, x1 = spans[i]
                if bottom <= space.cy <= top and x0 < space.x0 < x1:
                    groups[i].append(space)
                    break
    lines = []
    for group in groups:
        group.sort(key=lambda c: (c.x0, not c.generated))
        line = Line(group)
        if line.text:
            lines.append(line)
    return lines
