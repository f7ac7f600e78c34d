"""year.table_column: a table column labelled with a year that cannot be the report's.

A 2024 report whose budget table reads 2022年预算数 / 2022年执行数 was copied from an older
report. Legitimate tables name the report's year, compare with the previous year (2023年 |
2024年, 上年决算数 | 本年预算数) or show a series of three or more years, and a future year
may head a budget (预算) column but never an actual one (执行/决算/实际/完成/得分/结余).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Block, Document, Span
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

_LABEL = re.compile(r"^[^\d]{0,6}((?:19|20)\d{2})\s*年度?([^\d]{0,12})$")
_ACTUAL = re.compile(r"执行|决算|实际|完成|得分|结余|支出数")
_ROLE = re.compile(r"预算|执行|决算|实际|完成|得分|结余|支出|收入|金额|数")
_COMPARE = re.compile(r"上年|上一年|去年|同期|对比|比较|增减|历年|往年")
_SERIES = 3


def _year_cells(doc: Document, block: Block) -> list[tuple[Span, str]]:
    """Year spans that are the whole label of a cell, with the label's role words."""
    assert block.table is not None
    out: list[tuple[Span, str]] = []
    spans = [s for s in doc.spans.get("dates", [])
             if s.label == "year" and block.start <= s.start < block.end]
    for row in block.table.rows:
        for cell in row:
            m = _LABEL.match(cell.text.strip())
            if not m:
                continue
            for span in spans:
                if cell.start <= span.start < cell.end:
                    out.append((span, m.group(2)))
                    break
    return out


@register
class TableColumnYear(Rule):
    id = "year.table_column"
    category = "year.mismatch"
    severity = "medium"
    name = L10n("表格列年度与报告年度不符", "Table column of another year")
    description = L10n(
        "表格列名中的年度既不是报告年度，也不是用于对比的上一年度（如2024年度报告中的“2022年预算数”）。",
        "A table column is labelled with a year that is neither the report's nor the previous "
        "year it is compared with (2022年预算数 in a 2024 report).",
    )
    example = "2024年度报告的表头：项目 | 2022年预算数 | 2022年执行数"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        year = doc.attrs.get("report_year")
        if year is None:
            return
        for block in doc.tables:
            cells = _year_cells(doc, block)
            years = {span.attrs["year"] for span, _ in cells}
            if not cells or year in years and len(years) == 1 or len(years) >= _SERIES:
                continue
            caption = doc.blocks[block.index - 1].text if block.index > 0 else ""
            if _COMPARE.search(caption) or any(_COMPARE.search(role) for _, role in cells):
                continue
            for span, role in cells:
                if not _ROLE.search(role) and years != {span.attrs["year"]}:
                    continue
                bad = self._reason(span.attrs["year"], role, year, year in years)
                if bad:
                    yield self._finding(doc, span, role, year, bad)

    @staticmethod
    def _reason(cell_year: int, role: str, year: int, has_current: bool) -> L10n | None:
        if cell_year < year - 1 or (cell_year == year - 1 and not has_current):
            return L10n(
                f"报告评价的是{year}年度，表中没有与之对应的列" if not has_current else
                f"报告评价的是{year}年度，{cell_year}年早于用于对比的上一年度（{year - 1}年）",
                f"the report evaluates {year} and no column of the table is for {year}"
                if not has_current else
                f"the report evaluates {year}; {cell_year} is older than the previous year "
                f"({year - 1}) a comparison would use")
        if cell_year > year and _ACTUAL.search(role):
            return L10n(f"{cell_year}年在评价年度{year}年之后，不可能已有执行或完成数据",
                        f"{cell_year} comes after the evaluated year {year}, so it cannot have "
                        "actual figures")
        return None

    def _finding(self, doc: Document, span: Span, role: str, year: int,
                 why: L10n) -> Finding:
        label = f"{span.text}{role}"
        return self.at_span(
            doc, span,
            L10n(f"表格列“{label}”的年度与报告年度{year}年不符",
                 f"Table column “{label}” does not match the report's year {year}"),
            L10n(f"列名为“{label}”；{why.zh}。", f"The column reads “{label}”; {why.en}."),
            L10n(f"核对表格是否沿用了旧报告，列名改为{year}年", f"check whether the table was "
                 f"copied from an older report; label the column {year}"),
            confidence=0.7,
            data={"column_year": span.attrs["year"], "report_year": year, "label": label},
        )
