"""Excel worksheets embedded in a Word report, read as the tables the reader sees.

A score sheet is often pasted into the report as an Excel object: Word shows the cells, but
the document XML holds only a picture of them and the workbook as a separate part. Reading
that workbook (the range Word displays, values as Excel formats them) lets every table rule
check the sheet as if it had been a Word table. Only .xlsx packages can be read; an old
binary (.xls) object stays a read note.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from auditor.model.document import Cell, Table
from auditor.model.location import Location
from auditor.read.grid import pad_rows

_OLE_SIZE = re.compile(rb'<(?:\w+:)?oleSize\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
_DECIMALS = re.compile(r"0\.(0+)")


def _is_workbook(blob: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _shown_range(blob: bytes) -> str | None:
    """The cell range Word displays (``oleSize`` of the embedded workbook), if recorded."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        m = _OLE_SIZE.search(archive.read("xl/workbook.xml"))
    return m.group(1).decode() if m else None


def display(value: Any, number_format: str) -> str:
    """A cell value as Excel shows it: fixed decimals, percentages, thousands separators."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value).strip()
    m = _DECIMALS.search(number_format)
    decimals = len(m.group(1)) if m else None
    if "%" in number_format:
        return f"{value * 100:.{decimals or 0}f}%"
    if decimals is not None or "#,##0" in number_format:
        sep = "," if "#,##0" in number_format else ""
        return f"{value:{sep}.{decimals or 0}f}"
    text = repr(round(float(value), 10))
    return text[:-2] if text.endswith(".0") else text


def read_sheet(blob: bytes, loc: Location) -> Table | None:
    """The displayed range of the workbook's active sheet, or None when it is no .xlsx."""
    if not _is_workbook(blob):
        return None
    from openpyxl import load_workbook

    try:
        shown = _shown_range(blob)
        book = load_workbook(io.BytesIO(blob), data_only=True)
        sheet = book.active
    except (KeyError, ValueError, OSError, zipfile.BadZipFile):
        return None
    if sheet is None:
        return None
    cells = sheet[shown] if shown else sheet.iter_rows()
    if shown and not isinstance(cells, tuple):
        cells = ((cells,),)
    grid = [[display(c.value, c.number_format) for c in row] for row in cells]
    while grid and not any(grid[-1]):
        grid.pop()
    if not grid:
        return None
    width = max((i + 1 for row in grid for i, text in enumerate(row) if text), default=0)
    rows = [[Cell(text, loc.in_cell(r, c)) for c, text in enumerate(row[:width])]
            for r, row in enumerate(grid)]
    return Table(pad_rows(rows))
