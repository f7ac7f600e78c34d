"""Excel worksheets embedded in a Word report, read as the tables the reader sees.

A score sheet is often pasted into the report as an Excel object: Word shows the cells, but
the document XML holds only a picture of them and the workbook as a separate part. Reading
that workbook — the range Word displays, without hidden rows and columns, values as Excel
formats them — lets every table rule check the sheet as if it had been a Word table. Only
.xlsx packages can be read; an old binary (.xls) object, a chart, or a workbook that does
not open stays a read note, so one odd object never costs the rest of the report.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from auditor.model.document import Cell, Table
from auditor.model.location import Location
from auditor.read.grid import pad_rows

_OLE_SIZE = re.compile(rb'<(?:\w+:)?oleSize\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_DECIMALS = re.compile(r"\.([0#?]+)")
_PLACEHOLDERS = re.compile(r"[0#?][0#?,.]*")
_BRACKETS = re.compile(r"\[[^\]]*\]")  # colours and locales: [Red], [$-804]
_PADDING = re.compile(r"_.|\*.")  # _) leaves the width of ")", *- fills with "-"


@dataclass(frozen=True)
class Sheet:
    table: Table
    uncached: int  # formula cells with no saved result, shown empty


def _is_workbook(blob: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _package_scan(blob: bytes) -> tuple[str | None, bool]:
    """The cell range Word displays (``oleSize``), and whether any sheet has formulas."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        m = _OLE_SIZE.search(archive.read("xl/workbook.xml"))
        formulas = any(_FORMULA.search(archive.read(name)) for name in archive.namelist()
                       if name.startswith("xl/worksheets/") and name.endswith(".xml"))
    return (m.group(1).decode() if m else None), formulas


def _literal(text: str) -> str:
    """The characters a format section prints around the number ("万元", ¥, parentheses)."""
    text = _PADDING.sub("", _BRACKETS.sub("", text))
    out, quoted, i = [], False, 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and i + 1 < len(text):
            i += 1
            out.append(text[i])
        elif quoted or ch not in "@":
            out.append(ch)
        i += 1
    return "".join(out)


def _number(value: float, section: str) -> str:
    """A number under one section of a number format, rounded half away from zero as Excel
    does (8.25 with 0.0 shows 8.3), with the section's literal text around it."""
    m = _PLACEHOLDERS.search(section)
    if m is None:
        return _literal(section)
    core = m.group(0)
    d = _DECIMALS.search(core)
    decimals = len(d.group(1)) if d else 0
    scaled = Decimal(repr(value)) * (100 if "%" in section else 1)
    rounded = scaled.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    digits = f"{rounded:,}" if "," in core.split(".")[0] else f"{rounded}"
    return _literal(section[:m.start()]) + digits + _literal(section[m.end():])


def _date(value: dt.date, number_format: str) -> str:
    """Dates in the pattern the format names: 年/月(/日), slashes or dashes."""
    low = number_format.lower()
    if "年" in low:
        out = f"{value.year}年{value.month}月"
        return out + (f"{value.day}日" if "d" in low or "日" in low else "")
    if "/" in low:
        return f"{value.year}/{value.month}/{value.day}"
    return f"{value.year}-{value.month:02d}-{value.day:02d}"


def display(value: Any, number_format: str) -> str:
    """A cell value as Excel shows it."""
    if value is None:
        return ""
    if isinstance(value, dt.time):
        return f"{value.hour}:{value.minute:02d}"
    if isinstance(value, dt.date):  # datetime included
        return _date(value, number_format)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value).strip()
    sections = number_format.split(";")
    if number_format.lower() in ("general", "") or not _PLACEHOLDERS.search(sections[0]):
        text = repr(round(float(value), 10))
        return text[:-2] if text.endswith(".0") else text
    try:
        if value < 0 and len(sections) > 1:  # the negative section writes its own sign
            return _number(-value, sections[1])
        return _number(value, sections[0])
    except InvalidOperation:
        return str(value)


def _range(sheet: Any, shown: str | None) -> list[tuple[Any, ...]]:
    """Rows of cells in the range Word shows, else the sheet's used range."""
    if not shown:
        return [tuple(row) for row in sheet.iter_rows()]
    cells = sheet[shown]
    return list(cells) if isinstance(cells, tuple) else [(cells,)]


def _visible(sheet: Any, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows and columns Word displays: hidden ones left out."""
    from openpyxl.utils import get_column_letter

    hidden = {c.column for row in rows[:1] for c in row
              if sheet.column_dimensions[get_column_letter(c.column)].hidden}
    return [tuple(c for c in row if c.column not in hidden)
            for row in rows if row and not sheet.row_dimensions[row[0].row].hidden]


def _uncached(blob: bytes, cells: list[tuple[Any, ...]]) -> int:
    """Cells that hold a formula but no saved result (Excel never calculated the sheet),
    which therefore read as empty."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(blob)).active
    if sheet is None or not hasattr(sheet, "iter_rows"):
        return 0
    return sum(1 for row in cells for c in row if c.value is None
               and str(sheet[c.coordinate].value or "").startswith("="))


def read_sheet(blob: bytes, loc: Location) -> Sheet | None:
    """The displayed range of the workbook's active sheet, or None when it cannot be read
    (no .xlsx, a chart sheet, a damaged package)."""
    if not _is_workbook(blob):
        return None
    from openpyxl import load_workbook

    try:
        shown, formulas = _package_scan(blob)
        sheet = load_workbook(io.BytesIO(blob), data_only=True).active
        if sheet is None or not hasattr(sheet, "iter_rows"):  # a chart sheet has no cells
            return None
        cells = _visible(sheet, _range(sheet, shown))
        uncached = _uncached(blob, cells) if formulas else 0
        grid = [[display(c.value, c.number_format) for c in row] for row in cells]
    except Exception:  # any damage inside an embedded package only costs that object
        return None
    while grid and not any(grid[-1]):
        grid.pop()
    width = max((i + 1 for row in grid for i, text in enumerate(row) if text), default=0)
    if not width:
        return None
    rows = [[Cell(text, loc.in_cell(r, c)) for c, text in enumerate(row[:width])]
            for r, row in enumerate(grid)]
    return Sheet(Table(pad_rows(rows)), uncached)
