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


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _matrix(obj: ctypes.c_void_p) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _then(inner: Matrix, outer: Matrix) -> Matrix:
    """The transform that applies ``inner`` first, then ``outer``."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806 — the usual names of a PDF matrix
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _leaves(form: ctypes.c_void_p) -> Iterator[tuple[ctypes.c_void_p, Matrix]]:
    """The objects inside a form XObject, nested forms opened, each with the transform from
    its form's space to the page."""
    stack = [(form, _matrix(form))]
    while stack:
        holder, to_page = stack.pop()
        for obj in _children(holder, page=False):
            if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
                stack.append((obj, _then(_matrix(obj), to_page)))
            else:
                yield obj, to_page


def _bounds(obj: ctypes.c_void_p) -> tuple[float, float, float, float] | None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return None
    return left.value, bottom.value, right.value, top.value


def _area(obj: ctypes.c_void_p, to_page: Matrix = _IDENTITY) -> float:
    """The area on the page of the object's bounding box, mapped by ``to_page``."""
    box = _bounds(obj)
    if box is None:
        return 0.0
    a, b, c, d, e, f = to_page
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return (max(xs) - min(xs)) * (max(ys) - min(ys))


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
    is mapped to the page through the forms' transforms (its bounds are in form space)."""
    width, height = page.get_size()
    page_area = max(width * height, 1.0)
    covered = 0.0
    tally = _Tally(textpage)
    for obj in _children(page.raw, page=True):
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            covered += _area(obj)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            for leaf, to_page in _leaves(obj):
                leaf_kind = pdfium_c.FPDFPageObj_GetType(leaf)
                if leaf_kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                    covered += _area(leaf, to_page)
                else:
                    tally.add(leaf, leaf_kind)
        else:
            tally.add(obj, kind)
    return PageObjects(min(covered / page_area, 1.0), tally.lost, tally.paths)
