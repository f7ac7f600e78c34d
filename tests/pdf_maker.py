"""Small PDFs for reader tests, drawn with a font the tests build themselves.

Tests describe pages as text placed at coordinates, optional ruling lines and images, so
each test shows exactly the layout it exercises.

The font is generated and embedded rather than taken from the machine: pdfium needs a
font's glyph boxes to place text, and on a machine without Chinese fonts it drops text in
reportlab's built-in, unembedded STSong-Light (single-character cells vanish, a line equal to
one a little above it is taken for a duplicate). Every glyph is a plain box: CJK characters
and full-width punctuation one em wide, ASCII half an em, so layouts are as in a real report.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "AuditorTestSong"
SIZE = 12
PAGE = (595.0, 842.0)
_WIDE_RANGES = ((0x2010, 0x2027), (0x2160, 0x2169), (0x2200, 0x22FF), (0x2460, 0x2473),
                (0x3001, 0x303F), (0x4E00, 0x9FFF), (0xFF01, 0xFF5E))


def _box(advance: int) -> object:
    pen = TTGlyphPen(None)
    pen.moveTo((50, -80))
    pen.lineTo((50, 800))
    pen.lineTo((advance - 50, 800))
    pen.lineTo((advance - 50, -80))
    pen.closePath()
    return pen.glyph()


def _font_file() -> io.BytesIO:
    """A TrueType font covering ASCII, CJK ideographs, Chinese punctuation, Roman and circled
    numerals (Ⅰ, ①) and maths signs (≥, ≤): a character the font lacks is silently dropped
    by the reader, so a test would read other text than it drew."""
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "space", "narrow", "wide"])
    cmap = {0x20: "space", 0x3000: "space"} | {cp: "narrow" for cp in range(0x21, 0x7F)}
    for low, high in _WIDE_RANGES:
        cmap |= {cp: "wide" for cp in range(low, high + 1)}
    builder.setupCharacterMap(cmap)
    builder.setupGlyf({".notdef": _box(500), "space": TTGlyphPen(None).glyph(),
                       "narrow": _box(500), "wide": _box(1000)})
    builder.setupHorizontalMetrics({".notdef": (500, 50), "space": (250, 0),
                                    "narrow": (500, 50), "wide": (1000, 50)})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": FONT, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    buf = io.BytesIO()
    builder.save(buf)
    buf.seek(0)
    return buf


pdfmetrics.registerFont(TTFont(FONT, _font_file()))


@dataclass
class Page:
    texts: list[tuple[float, float, str]] = field(default_factory=list)  # x, y (from top), text
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)  # x0,y0,x1,y1
    image: bool = False
    # a picture at x, y (from top), width, height: a scanned page or a photo
    picture: tuple[float, float, float, float] | None = None


def width(text: str) -> float:
    return pdfmetrics.stringWidth(text, FONT, SIZE)


def make_pdf(pages: list[Page], password: str | None = None) -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=PAGE, encrypt=password)
    for page in pages:
        pdf.setFont(FONT, SIZE)
        for x, y, text in page.texts:
            pdf.drawString(x, PAGE[1] - y, text)
        for x0, y0, x1, y1 in page.rules:
            pdf.line(x0, PAGE[1] - y0, x1, PAGE[1] - y1)
        if page.image:
            from PIL import Image, ImageDraw

            img = Image.new("RGB", (400, 200), "white")
            ImageDraw.Draw(img).rectangle((20, 20, 380, 60), fill="black")
            from reportlab.lib.utils import ImageReader

            pdf.drawImage(ImageReader(img), 72, 500, 400, 200)
        if page.picture:
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            x, y, w, h = page.picture
            pdf.drawImage(ImageReader(Image.new("RGB", (300, 400), "white")), x,
                          PAGE[1] - y - h, w, h)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def grid_page(x0: float, top: float, widths: list[float], rows: list[list[str]],
              row_height: float = 24.0, page: Page | None = None) -> Page:
    """A ruled table: one line of text per cell."""
    page = page or Page()
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    bottom = top + row_height * len(rows)
    for r in range(len(rows) + 1):
        page.rules.append((xs[0], top + r * row_height, xs[-1], top + r * row_height))
    for x in xs:
        page.rules.append((x, top, x, bottom))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            page.texts.append((xs[c] + 4, top + r * row_height + 16, text))
    return page
