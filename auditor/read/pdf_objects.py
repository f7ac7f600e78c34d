"""What a PDF page holds besides extractable text: images, paths, glyphs with no characters.

The text layer is all the reader audits, so a page that is only a picture (a scanned score
sheet stamped and appended to the report), text converted to outlines (文字转曲), or text
drawn in a Chinese font that is neither embedded nor installed (pdfium then draws the glyphs
but extracts nothing) would vanish without a trace. Counting them here lets the reader tell
the user which pages were not audited.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_EMPTY_TEXT = 2  # FPDFTextObj_GetText's size for "": the UTF-16 terminator alone
_SYMBOLIC = 4  # font flag: glyphs outside the standard Latin set, as every CJK font has
# Symbol fonts whose glyphs are bullets and arrows, not report text
_SYMBOL_FONTS = (b"Symbol", b"ZapfDingbats", b"Wingdings", b"Webdings")


@dataclass(frozen=True)
class PageObjects:
    image_share: float  # the share of the page covered by images (their areas summed)
    lost_glyphs: int  # text objects in an unavailable Chinese font that yield no text
    paths: int  # vector path objects: text converted to outlines is thousands of them


def _children(holder: ctypes.c_void_p, page: bool) -> Iterator[ctypes.c_void_p]:
    count = (pdfium_c.FPDFPage_CountObjects(holder) if page
             else pdfium_c.FPDFFormObj_CountObjects(holder))
    get = pdfium_c.FPDFPage_GetObject if page else pdfium_c.FPDFFormObj_GetObject
    for i in range(count):
        yield get(holder, i)


def _leaves(form: ctypes.c_void_p) -> Iterator[ctypes.c_void_p]:
    """The objects inside a form XObject, nested forms opened."""
    stack = [form]
    while stack:
        for obj in _children(stack.pop(), page=False):
            if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
                stack.append(obj)
            else:
                yield obj


def _area(obj: ctypes.c_void_p) -> float:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return 0.0
    return max(0.0, right.value - left.value) * max(0.0, top.value - bottom.value)


class _Tally:
    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self.textpage = textpage
        self.lost = 0
        self.paths = 0
        self.readable: dict[int | None, bool] = {}

    def _font_readable(self, font: ctypes.c_void_p) -> bool:
        """Embedded fonts, and Latin or symbol fonts pdfium always has, are read; an empty
        text in them is a blank (a space run), not lost glyphs."""
        key = ctypes.cast(font, ctypes.c_void_p).value
        if key not in self.readable:
            size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
            name = ctypes.create_string_buffer(max(size, 1))
            pdfium_c.FPDFFont_GetBaseFontName(font, name, size)
            self.readable[key] = (not font or bool(pdfium_c.FPDFFont_GetIsEmbedded(font))
                                  or not pdfium_c.FPDFFont_GetFlags(font) & _SYMBOLIC
                                  or any(s in name.value for s in _SYMBOL_FONTS))
        return self.readable[key]

    def add(self, obj: ctypes.c_void_p, kind: int) -> None:
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            self.paths += 1
        elif (kind == pdfium_c.FPDF_PAGEOBJ_TEXT
              and not self._font_readable(pdfium_c.FPDFTextObj_GetFont(obj))
              and pdfium_c.FPDFTextObj_GetText(obj, self.textpage.raw, None, 0) <= _EMPTY_TEXT):
            self.lost += 1


def page_objects(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> PageObjects:
    """Image cover, lost glyphs and path count of one page. An image inside a form XObject
    is measured by the form's bounds on the page (its own are in the form's space)."""
    width, height = page.get_size()
    page_area = max(width * height, 1.0)
    covered = 0.0
    tally = _Tally(textpage)
    for obj in _children(page.raw, page=True):
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            covered += _area(obj)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            images = False
            for leaf in _leaves(obj):
                leaf_kind = pdfium_c.FPDFPageObj_GetType(leaf)
                images |= leaf_kind == pdfium_c.FPDF_PAGEOBJ_IMAGE
                tally.add(leaf, leaf_kind)
            covered += _area(obj) if images else 0.0
        else:
            tally.add(obj, kind)
    return PageObjects(min(covered / page_area, 1.0), tally.lost, tally.paths)
