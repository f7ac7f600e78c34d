"""Plain-text reports, with the table convention of exported reports.

A line starting with a tab is a table cell; consecutive cell lines form a row; rows are
separated by blank lines; a non-blank line right after a cell continues that cell (a cell
with several paragraphs). A table ends at a blank line followed by an ordinary line. Rows are padded to the widest
(``grid.pad_rows``), as Word and PDF tables are.
"""

from __future__ import annotations

from auditor.model.document import Block, Cell, Table
from auditor.model.location import Location
from auditor.read.grid import pad_rows


def _normalise(line: str) -> str:
    """Ideographic and no-break spaces become plain spaces: they differ only in layout."""
    return line.replace("\u3000", " ").replace("\u00a0", " ").rstrip("\r").rstrip()


def parse_text(text: str) -> list[Block]:
    lines = text.split("\n")
    blocks: list[Block] = []
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    table_loc: Location | None = None
    in_table = False

    def close_row() -> None:
        nonlocal row
        if row:
            rows.append(row)
        row = []

    def close_table() -> None:
        nonlocal rows, in_table, table_loc
        close_row()
        if rows and table_loc is not None:
            blocks.append(Block("table", "", table_loc, table=Table(pad_rows(rows))))
        rows = []
        in_table = False
        table_loc = None

    for number, raw in enumerate(lines, start=1):
        raw = raw.rstrip("\r")
        if raw.startswith("\t"):
            if not in_table:
                in_table = True
                table_loc = Location(line=number)
            row.append(Cell(_normalise(raw[1:]).strip(), Location(line=number)))
            continue
        line = _normalise(raw).strip()
        if in_table:
            if not line:
                close_row()
                continue
            if row:
                cell = row[-1]
                cell.text = f"{cell.text}\n{line}" if cell.text else line
                continue
            close_table()
        if line:
            blocks.append(Block("paragraph", line, Location(line=number)))
    close_table()
    return blocks
