"""Excel worksheets embedded in a Word report, read as the tables the reader sees.

A score sheet is often pasted into the report as an Excel object: Word shows the cells, but
the document XML holds only a picture of them and the workbook as a separate part. Reading
that workbook — the range Word displays, without hidden rows and columns, values as Excel
formats them — lets every table rule check the sheet as if it had been a Word table. Only
.xlsx packages can be read; an old binary (.xls) object, a chart, or a workbook that does
not open stays a read note, so one odd object never costs the rest of the report.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from auditor.model.document import Cell, Table
from auditor.model.location import Location
from auditor.read.excel_format import display_cell
from auditor.read.grid import pad_rows

_OLE_SIZE = re.compile(rb'<(?:\w+:)?oleSize\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


@dataclass(frozen=True)
class Sheet:
    table: Table
    uncached: int  # formula cells with no saved result, shown empty


def _package_scan(blob: bytes) -> tuple[str | None, bool] | None:
    """The cell range Word displays (``oleSize``) and whether any sheet has formulas, or
    None when the blob is no .xlsx package."""
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            names = archive.namelist()
            if "xl/workbook.xml" not in names:
                return None
            m = _OLE_SIZE.search(archive.read("xl/workbook.xml"))
            formulas = any(_FORMULA.search(archive.read(name)) for name in names
                           if name.startswith("xl/worksheets/") and name.endswith(".xml"))
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return (m.group(1).decode() if m else None), formulas


def _active_sheet(blob: bytes, data_only: bool) -> Any:
    """The workbook's active worksheet, or None when it is a chart sheet (no cells)."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(blob), data_only=data_only).active
    return sheet if sheet is not None and hasattr(sheet, "iter_rows") else None


def _range(sheet: Any, shown: str | None) -> list[tuple[Any, ...]]:
    """Rows of cells in the range Word shows, else the sheet's used range."""
    if not shown:
        return [tuple(row) for row in sheet.iter_rows()]
    cells = sheet[shown]
    return list(cells) if isinstance(cells, tuple) else [(cells,)]


def _visible(sheet: Any, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows and columns Word displays: hidden ones left out."""
    # Excel stores neighbouring hidden columns as one range (<col min="2" max="3">)
    hidden = {n for dim in sheet.column_dimensions.values() if dim.hidden
              for n in range(dim.min or 0, (dim.max or dim.min or 0) + 1)}
    return [tuple(c for c in row if c.column not in hidden)
            for row in rows if row and not sheet.row_dimensions[row[0].row].hidden]


def _uncached(blob: bytes, cells: list[tuple[Any, ...]]) -> int:
    """Cells that hold a formula but no saved result (Excel never calculated the sheet),
    which therefore read as empty."""
    sheet = _active_sheet(blob, data_only=False)
    if sheet is None:
        return 0
    return sum(1 for row in cells for c in row if c.value is None
               and str(sheet[c.coordinate].value or "").startswith("="))


def read_sheet(blob: bytes, loc: Location) -> Sheet | None:
    """The displayed range of the workbook's active sheet, or None when it cannot be read
    (no .xlsx, a chart sheet, a damaged package)."""
    scan = _package_scan(blob)
    if scan is None:
        return None
    shown, formulas = scan
    try:
        sheet = _active_sheet(blob, data_only=True)
        if sheet is None:
            return None
        cells = _visible(sheet, _range(sheet, shown))
        uncached = _uncached(blob, cells) if formulas else 0
        grid = [[display_cell(c) for c in row] for row in cells]
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
