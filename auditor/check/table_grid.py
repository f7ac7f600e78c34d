"""The money figures of a table, cell by cell, as the table checks need them.

A table check must know, for one column or one row, which cells hold parts and which hold
a total, and must not run when the grid is in doubt: a row with a different number of cells
than its header (merged cells shift the columns), a part cell holding words, or a title row
spanning the table. Blank cells are kept apart from zeros: a sum that only reconciles if
the blanks were something is not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.annotate.numbers import Figure, parse_number
from auditor.annotate.table_figures import TOTAL_LABEL, Region, clean, row_label, table_regions
from auditor.model.document import Block, Cell, Document, Table

BLANK = re.compile(r"^(?:|-|－|—+|/|／|无|\\)$")
SUBTOTAL = re.compile(r"小\s*计")
_SUB_ITEM = re.compile(r"^其中")
_MARKERS = (
    ("cn", re.compile(r"^[一二三四五六七八九十]+[、.．]")),
    ("paren", re.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
    ("arabic", re.compile(r"^\d+[、.．](?!\d)")),
    ("paren_arabic", re.compile(r"^[（(]\d+[)）]")),
)


def marker_style(label: str) -> str | None:
    for name, pattern in _MARKERS:
        if pattern.match(label):
            return name
    return None


@dataclass
class GridRow:
    index: int
    cells: list[Cell]
    label: str
    total: bool
    subtotal: bool
    sub_item: bool
    malformed: bool

    def value(self, col: int) -> Figure | None | str:
        """The cell's figure, ``None`` when blank, ``"text"`` when it holds words."""
        if col >= len(self.cells):
            return None
        text = clean(self.cells[col].text)
        if BLANK.match(text):
            return None
        fig = parse_number(text)
        return fig if fig is not None else "text"

    def percent(self, col: int) -> Figure | None:
        """A rate cell such as 98% or 98.5％ (the sign is required)."""
        if col >= len(self.cells):
            return None
        text = clean(self.cells[col].text)
        return parse_number(text[:-1]) if text.endswith(("%", "％")) else None


@dataclass
class Grid:
    """One region of a table: a header and the well-formed rows under it."""

    block: Block
    region: Region
    rows: list[GridRow]


def grids(doc: Document, block: Block) -> list[Grid]:
    """The well-formed regions of a table block, built once per document."""
    cache: dict[int, list[Grid]] = doc.attrs.setdefault("table_grids", {})
    if block.index not in cache:
        cache[block.index] = _build(doc, block)
    return cache[block.index]


def _build(doc: Document, block: Block) -> list[Grid]:
    table = block.table
    assert isinstance(table, Table)
    out: list[Grid] = []
    for region in table_regions(doc, block):
        width = len(table.rows[region.header_row]) if region.header_row is not None else None
        rows: list[GridRow] = []
        for r in region.rows:
            cells = table.rows[r]
            filled = [c for c in cells if clean(c.text)]
            if not filled or (len(filled) == 1 and len(cells) != width):
                continue  # a title or note row spanning the table
            label = row_label(cells, region.columns)
            total = any(TOTAL_LABEL.match(clean(c.text)) for c in filled)
            rows.append(GridRow(r, cells, label, total, total and bool(SUBTOTAL.search(label)),
                                bool(_SUB_ITEM.match(label)),
                                width is not None and len(cells) != width))
        out.append(Grid(block, region, rows))
    return out
