"""Ruled tables of a PDF page: pdfplumber's lattice algorithm over pdfium's path objects.

pdfplumber finds cells from the intersections of ruling lines, but parsing a page with
pdfminer costs 50–70 ms; pdfium already holds the page's vector paths, so the ruling lines
are taken from there and handed to pdfplumber's edge → intersection → cell → table steps.
Pages without path objects skip all of this. Cells are laid out like a Word table's
``w:tc`` elements (and the .txt export): a cell merged across columns appears once, the rows
a merged cell reaches down into get one empty cell in its place.
"""

from __future__ import annotations

import bisect
import ctypes
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import pypdfium2.raw as pdfium_c
from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)

from auditor.read.pdf_text import Char, Line, group_lines

_THIN = 3.0  # a path no thicker than this (pt) is a ruling line
_TOLERANCE = 3.0


@dataclass
class CellBox:
    """A cell's box in PDF user space (y up) and the text lines inside it."""

    x0: float
    bottom: float
    x1: float
    top: float
    lines: list[Line]


@dataclass
class PageTable:
    rows: list[list[CellBox | None]]  # None: continuation of a cell merged from above
    x0: float
    x1: float
    top: float
    bottom: float


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> dict[str, Any]:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": "line"}


def _stroked(obj: Any) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    return bool(stroke.value)


def _paths(page: Any) -> list[Any]:
    """Raw handles of the page's path objects, looking into form XObjects.

    Walks pdfium's object list directly: wrapping each of a page's hundreds of text objects
    in a Python object only to skip it cost more than the rest of the table search."""
    found: list[Any] = []
    stack: list[tuple[int, Callable[[int], Any]]] = [
        (pdfium_c.FPDFPage_CountObjects(page.raw),
         partial(pdfium_c.FPDFPage_GetObject, page.raw))]
    while stack:
        count, get = stack.pop()
        for i in range(count):
            obj = get(i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                found.append(obj)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                stack.append((pdfium_c.FPDFFormObj_CountObjects(obj),
                              partial(pdfium_c.FPDFFormObj_GetObject, obj)))
    return found


def ruling_edges(page: Any, height: float) -> list[dict[str, Any]]:
    """Horizontal and vertical ruling lines, in pdfplumber's top-down coordinates."""
    edges: list[dict[str, Any]] = []
    left, bottom_, right, top_ = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.byref(v) for v in (left, bottom_, right, top_)]
    for obj in _paths(page):
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            continue
        x0, y0, x1, y1 = left.value, bottom_.value, right.value, top_.value
        top, bottom = height - y1, height - y0
        w, h = x1 - x0, y1 - y0
        if w <= _THIN and h > _THIN:
            xm = (x0 + x1) / 2
            edges.append(_edge(xm, top, xm, bottom, "v"))
        elif h <= _THIN and w > _THIN:
            ym = (top + bottom) / 2
            edges.append(_edge(x0, ym, x1, ym, "h"))
        elif w > _THIN and h > _THIN and _stroked(obj) and pdfium_c.FPDFPath_CountSegments(obj) <= 5:
            edges += [_edge(x0, top, x1, top, "h"), _edge(x0, bottom, x1, bottom, "h"),
                      _edge(x0, top, x0, bottom, "v"), _edge(x1, top, x1, bottom, "v")]
    return edges


Box = tuple[float, float, float, float]  # x0, top, x1, bottom (top-down, like pdfplumber)


def _slots(cells: list[Box]) -> tuple[list[float], list[float], dict[tuple[int, int], Box]]:
    """Grid lines of a table and which cell covers each (row, column) slot."""
    tops = sorted({c[1] for c in cells})
    starts = sorted({c[0] for c in cells})
    slots: dict[tuple[int, int], Box] = {}
    for cell in cells:
        x0, top, x1, bottom = cell
        for r in range(bisect.bisect_left(tops, top), bisect.bisect_left(tops, bottom)):
            for c in range(bisect.bisect_left(starts, x0), bisect.bisect_left(starts, x1)):
                slots[(r, c)] = cell
    return tops, starts, slots


def _table(group: list[Box], chars: list[Char], height: float, taken: set[int]) -> PageTable:
    tops, starts, slots = _slots(group)
    x0, x1 = min(c[0] for c in group), max(c[2] for c in group)
    top, bottom = min(c[1] for c in group), max(c[3] for c in group)
    members: dict[Box, list[Char]] = {}
    for i, ch in enumerate(chars):
        cx, cy = (ch.x0 + ch.x1) / 2, height - ch.cy
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        cell = slots.get((bisect.bisect_right(tops, cy) - 1, bisect.bisect_right(starts, cx) - 1))
        if cell is not None:
            members.setdefault(cell, []).append(ch)
            taken.add(i)
    rows: list[list[CellBox | None]] = []
    for r, row_top in enumerate(tops):
        row: list[CellBox | None] = []
        for c, col_x in enumerate(starts):
            cell = slots.get((r, c))
            if cell is None or cell[0] != col_x:
                continue  # no cell here, or inside a cell merged across columns
            if cell[1] != row_top:
                row.append(None)
                continue
            lines = group_lines(members.get(cell, []))
            row.append(CellBox(cell[0], height - cell[3], cell[2], height - cell[1], lines))
        if row:
            rows.append(row)
    return PageTable(rows, x0, x1, height - top, height - bottom)


def find_tables(page: Any, chars: list[Char], height: float) -> tuple[list[PageTable], list[Char]]:
    """The page's ruled tables with their cells' lines, and the characters outside them."""
    edges = ruling_edges(page, height)
    if len(edges) < 4:
        return [], chars
    edges = merge_edges(edges, _TOLERANCE, _TOLERANCE, _TOLERANCE, _TOLERANCE)
    edges = [e for e in edges if max(e["width"], e["height"]) >= _TOLERANCE]
    cells = intersections_to_cells(edges_to_intersections(edges, _TOLERANCE, _TOLERANCE))
    taken: set[int] = set()
    tables = [_table(group, chars, height, taken)
              for group in cells_to_tables(cells) if len(group) >= 2]
    tables.sort(key=lambda t: -t.top)
    return tables, [c for i, c in enumerate(chars) if i not in taken]
