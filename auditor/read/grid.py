"""Tables as rectangular grids, whatever the source format.

A .txt export writes a merged cell once, so its rows are ragged; Word files and PDF tables
pad the same rows with empty cells. Padding every row to the widest one gives one grid for
all formats, and lets checks address a column without testing the row's length first.
"""

from __future__ import annotations

from dataclasses import replace

from auditor.model.document import Cell


def pad_rows(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Pad short rows at the end with empty cells located at the row's last cell."""
    width = max((len(row) for row in rows), default=0)
    for r, row in enumerate(rows):
        if row and len(row) < width:
            last = row[-1].loc
            row.extend(Cell("", replace(last, row=r, col=c) if last.col is not None else last)
                       for c in range(len(row), width))
    return rows
