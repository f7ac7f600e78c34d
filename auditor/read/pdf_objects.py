"""What a PDF page holds besides extractable text: images, and glyphs with no characters.

The text layer is all the reader audits, so a page that is only a picture (a scanned score
sheet stamped and appended to the report) or text drawn in a font that is neither embedded
nor installed (pdfium then draws the glyphs but extracts nothing) would vanish without a
trace. Counting them here lets the reader tell the user which pages were not audited.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_EMPTY_TEXT = 2  # FPDFTextObj_GetText's size for "": the UTF-16 terminator alone


@dataclass(frozen=True)
class PageObjects:
    image_share: float  # the largest share of the page covered by one image
    lost_glyphs: int  # text objects drawn in an unembedded font that yield no text


def _objects(page: pdfium.PdfPage) -> Iterator[ctypes.c_void_p]:
    """Page objects, with the contents of form XObjects (text is often wrapped in one)."""
    stack = [page.raw]
    first = True
    while stack:
        holder = stack.pop()
        count = (pdfium_c.FPDFPage_CountObjects(holder) if first
                 else pdfium_c.FPDFFormObj_CountObjects(holder))
        get = pdfium_c.FPDFPage_GetObject if first else pdfium_c.FPDFFormObj_GetObject
        first = False
        for i in range(count):
            obj = get(holder, i)
            if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
                stack.append(obj)
            else:
                yield obj


def _area(obj: ctypes.c_void_p) -> float:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return 0.0
    return max(0.0, right.value - left.value) * max(0.0, top.value - bottom.value)


def page_objects(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> PageObjects:
    """Image cover and lost glyphs of one page; images inside forms are not measured (their
    bounds are in the form's own space)."""
    width, height = page.get_size()
    page_area = max(width * height, 1.0)
    largest = 0.0
    lost = 0
    embedded: dict[int | None, bool] = {}
    for obj in _objects(page):
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            largest = max(largest, _area(obj) / page_area)
        elif kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            font = pdfium_c.FPDFTextObj_GetFont(obj)
            key = ctypes.cast(font, ctypes.c_void_p).value
            if key not in embedded:
                embedded[key] = bool(font) and bool(pdfium_c.FPDFFont_GetIsEmbedded(font))
            # no bounds either: pdfium measures glyphs it could not load as empty
            if (not embedded[key]
                    and pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, None, 0) <= _EMPTY_TEXT):
                lost += 1
    return PageObjects(min(largest, 1.0), lost)
