"""Small PDFs for reader tests, drawn with reportlab's built-in Chinese font (no font file).

Tests describe pages as text placed at coordinates, optional ruling lines and images, so
each test shows exactly the layout it exercises.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
SIZE = 12
PAGE = (595.0, 842.0)
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


@dataclass
class Page:
    texts: list[tuple[float, float, str]] = field(default_factory=list)  # x, y (from top), text
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)  # x0,y0,x1,y1
    image: bool = False


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
