"""amount.table_total: a table's 合计/小计 row (or 合计 column) against the cells it totals.

Only money columns are summed (a header naming 预算数, 执行数, 金额 … or a money unit);
score sheets' 分值/得分 columns are the score checks' business. A total row sums the rows
above it back to the previous total (or, for a total given first such as 资金总体, the rows
below it); rows headed 其中 are breakdowns of the row above and never addends. When the
rows form an outline (一、/1./（一）), or carry their own 小计, every reading is tried —
all items, top-level items only, the 小计 rows — and the check fails only when none adds
up. Rows given to 5–6 decimals reconcile with a total given to 2 by the interval rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from auditor.annotate.numbers import MONEY_UNITS, Figure, consistent
from auditor.annotate.table_figures import Column
from auditor.check.amounts import Amount, describe_sum
from auditor.check.registry import CheckContext, Rule, register
from auditor.check.table_grid import Grid, GridRow, grids, marker_style
from auditor.model.document import Cell, Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

_TOTAL_HEADER = re.compile(r"(?:^|/)(?:合\s*计|总\s*计|小\s*计)(?:[（(][^）)]*[)）])?$")


def _part_columns(columns: Sequence[Column], order: Iterable[int]) -> list[int]:
    """The money columns next to a total column, in ``order`` up to the first column that
    is no part (not money, another total, a 其中 breakdown)."""
    parts: list[int] = []
    for c in order:
        other = columns[c]
        if (not other.money or _TOTAL_HEADER.search(other.header)
                or other.header.split("/")[-1].startswith("其中")):
            break
        parts.append(c)
    return sorted(parts)


def _part_sets(rows: list[GridRow], i: int) -> list[list[GridRow]] | None:
    """The readings of which rows a total row sums, or None when the grid is in doubt."""
    total = rows[i]
    before = rows[:i]
    if not any(not r.total for r in before):
        span = []
        for r in rows[i + 1:]:
            if r.total:
                break
            span.append(r)
    else:
        start = 0
        for j in range(i - 1, -1, -1):
            if rows[j].total and (total.subtotal or not rows[j].subtotal):
                start = j + 1
                break
        span = rows[start:i]
    if not span or any(r.malformed for r in span):
        return None
    leaves = [r for r in span if not r.total and not r.sub_item]
    readings = [leaves]
    subs = [r for r in span if r.subtotal]
    if subs and not total.subtotal:
        last = span.index(subs[-1])
        readings.append(subs)
        readings.append(subs + [r for r in span[last + 1:] if not r.total and not r.sub_item])
    style = marker_style(leaves[0].label) if leaves else None
    if style is not None:
        readings.append([r for r in leaves if marker_style(r.label) == style])
    return [r for r in readings if r]


def _figures(rows: Sequence[GridRow], col: int, money: Sequence[int]) -> list[Figure] | None:
    """Every part's figure, or None when a part is words or blank (the sum is unknown).

    A row blank across several money columns (an empty 其他 line) is no part at all; with a
    single money column a blank cannot be told from a missing figure.
    """
    out: list[Figure] = []
    for row in rows:
        value = row.value(col)
        if value is None and len(money) > 1 and not any(
                isinstance(row.value(c), Figure) for c in money):
            continue
        if not isinstance(value, Figure):
            return None
        out.append(value)
    return out


def _mismatch(total: Figure, readings: list[list[GridRow]], col: int,
              money: Sequence[int]) -> list[GridRow] | None:
    """The first reading that fails, if every reading can be summed and none adds up."""
    failed: list[GridRow] | None = None
    for rows in readings:
        figures = _figures(rows, col, money)
        if figures is None or len(figures) < 2 or consistent(total, figures):
            return None
        failed = failed or rows
    return failed


@register
class AmountTableTotal(Rule):
    id = "amount.table_total"
    category = "amount.sum_mismatch"
    severity = "high"
    name = L10n("表格合计与明细之和不符", "Table total differs from its rows")
    description = L10n(
        "检查表格中“合计/小计”行（或合计列）的金额是否等于其明细之和，按舍入区间判断；"
        "评分表的分值、得分列不在此检查。",
        "Checks that a table's 合计/小计 row (or total column) equals the sum of the money "
        "cells it totals, allowing for rounding; score columns are left to the score checks.",
    )
    example = "表中项目支出合计97.39万元，而各项目预算数之和为95.39万元。"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for block in doc.tables:
            for grid in grids(doc, block):
                yield from self._columns(doc, grid)
                yield from self._rows(doc, grid)

    def _columns(self, doc: Document, grid: Grid) -> Iterator[Finding]:
        columns = grid.region.columns
        money = [c for c, col in enumerate(columns) if col.money]
        for i, row in enumerate(grid.rows):
            if not row.total or row.malformed:
                continue
            readings = _part_sets(grid.rows, i)
            if not readings:
                continue
            for c in money:
                total = row.value(c)
                if not isinstance(total, Figure):
                    continue
                failed = _mismatch(total, readings, c, money)
                if failed is not None:
                    yield self._report(doc, row.cells[c], columns[c].header, columns[c].unit,
                                       (row.label, total), [(r.label, r.value(c)) for r in failed],
                                       L10n(f"表中“{columns[c].header}”列", f"column “{columns[c].header}”"))

    def _rows(self, doc: Document, grid: Grid) -> Iterator[Finding]:
        columns = grid.region.columns
        for t, col in enumerate(columns):
            if not (col.money and _TOTAL_HEADER.search(col.header)):
                continue
            # the parts follow the total (合计 | 基本支出 | 项目支出) or, in a table that
            # totals at its right edge, precede it (基本支出 | 项目支出 | 合计)
            parts = _part_columns(columns, range(t + 1, len(columns)))
            if len(parts) < 2:
                parts = _part_columns(columns, range(t - 1, -1, -1))
            if len(parts) < 2:
                continue
            for row in grid.rows:
                total = row.value(t)
                if row.malformed or not isinstance(total, Figure):
                    continue
                figures = [row.value(c) for c in parts]
                if not all(isinstance(f, Figure) for f in figures):
                    continue
                if consistent(total, [f for f in figures if isinstance(f, Figure)]):
                    continue
                yield self._report(doc, row.cells[t], col.header, col.unit,
                                   (f"{row.label}{col.header}", total),
                                   [(columns[c].header, row.value(c)) for c in parts],
                                   L10n(f"表中“{row.label}”行", f"row “{row.label}”"))

    def _report(self, doc: Document, cell: Cell, header: str, unit: str | None,
                total: tuple[str, Figure], parts: list[tuple[str, Figure | None | str]],
                where: L10n) -> Finding:
        factor = MONEY_UNITS.get(unit or "")

        def amount(label: str, fig: Figure) -> Amount:
            return Amount(label, fig.scaled(factor) if factor else fig, unit)

        report = describe_sum(amount(*total),
                              [amount(label, f) for label, f in parts if isinstance(f, Figure)],
                              where + L10n("：", ": "))
        finding = self.finding(doc, cell.start, cell.end, report.message, report.explanation,
                               report.suggestion, confidence=0.85,
                               data={**report.data, "scope": "table", "column": header})
        finding.evidence = f"{total[0]}：{finding.evidence}"  # a bare figure says too little
        return finding
