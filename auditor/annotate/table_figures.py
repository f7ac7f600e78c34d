"""Reading a table's grid: which rows are headers, what each column holds, what each row is.

Report tables restart their header in the middle (a score sheet stacks three sub-tables,
each with its own 指标值/完成值/分值 header), so the header of a cell is the nearest header
row above it, not only the table's first rows. A column is money when its header names a
money concept or a money unit, and never when it names scores, weights or rates; its unit
is the header's own (预算数（万元）) or the table's 单位：万元. A ``其中：…`` column inherits
the budget stage of the column before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from auditor.annotate.roles import stage_of
from auditor.annotate.tables import UNIT
from auditor.model.document import Block, Cell, Document, Table

_NUMERIC = re.compile(r"^[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[%％]?$")
_HEADER_WORD = re.compile(
    r"名称|项目|指标|预算|执行|决算|分值|得分|权重|金额|序号|单位|目标|完成|年|数|率|备注|说明|"
    r"合计|支出|收入|科目|内容|类别|等级|标准|情况"
)
_LABEL_HEADER = re.compile(r"(?:名称|指标|科目|内容|类别|项目|任务|用途|功能分类)$")
_MONEY_HEADER = re.compile(r"预算|执行数|决算|支出|收入|金额|资金|结余|结转|拨款|经费|万元|（元）|\(元\)|数$")
_NOT_MONEY_HEADER = re.compile(r"分值|得分|权重|分数|率|%|％|序号|编号|年$|人数|次数|数量|指标值|完成值|"
                               r"目标值|业绩值|实际值|等级")
_HEADER_UNIT = re.compile(r"[（(]\s*(亿元|万元|千元|元)\s*[)）]|单位\s*[：:]\s*(亿元|万元|千元|元)")
TOTAL_LABEL = re.compile(r"^(?:金额|资金|费用|支出|收入|总|全部|本年)?(?:合\s*计|总\s*计|小\s*计|"
                         r"共\s*计|总额)$|^资金总体$|^总体$")
_BLANKS = str.maketrans("", "", "\u3000 \n\r\t")
_DEBRIS = re.compile(r"\[bookmark:[^\]]*\]")


@lru_cache(maxsize=8192)
def clean(text: str) -> str:
    """Cell text without conversion debris and blanks, as compared and parsed."""
    return _DEBRIS.sub("", text).translate(_BLANKS).strip()


def is_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(clean(text)))


@dataclass
class Column:
    header: str
    money: bool
    unit: str | None
    stage: str | None
    label: bool


@dataclass
class Region:
    """Body rows under one header row, with what that header says of each column."""

    header_row: int | None
    columns: list[Column]
    rows: list[int] = field(default_factory=list)


def _is_header_row(row: list[Cell]) -> bool:
    texts = [clean(c.text) for c in row if clean(c.text)]
    if len(texts) < 2 or any(is_numeric(t) for t in texts):
        return False
    return sum(bool(_HEADER_WORD.search(t)) for t in texts) >= max(2, len(texts) // 2)


def _columns(headers: list[list[Cell]], width: int, table_unit: str | None) -> list[Column]:
    columns: list[Column] = []
    for col in range(width):
        parts: list[str] = []
        for row in headers:
            text = UNIT.sub("", clean(row[col].text)) if col < len(row) else ""
            if text and text not in parts:
                parts.append(text)
        header = "/".join(parts)
        m = _HEADER_UNIT.search(header)
        unit = (m.group(1) or m.group(2)) if m else None
        money = bool(header) and bool(_MONEY_HEADER.search(header) or unit) and not (
            _NOT_MONEY_HEADER.search(header) and not unit
        )
        stage = stage_of(header)
        unit = unit or (table_unit if money else None)
        if header.startswith("其中") and money and columns and columns[-1].money:
            stage = stage or columns[-1].stage
            unit = unit or columns[-1].unit
        columns.append(Column(header, money, unit, stage, bool(_LABEL_HEADER.search(header))))
    _total_columns(columns)
    return columns


def _total_columns(columns: list[Column]) -> None:
    """A column headed only 合计 (总计, 小计) totals its neighbours, so it is money when a
    neighbour is (基本支出 | 项目支出 | 合计) and takes that neighbour's unit; beside score
    columns it stays a score total."""
    for i, col in enumerate(columns):
        if col.money or not TOTAL_LABEL.match(col.header):
            continue
        near = [c for c in columns[max(i - 1, 0):i + 2] if c is not col and c.money]
        if near:
            col.money, col.unit = True, col.unit or near[0].unit


def regions(table: Table) -> list[Region]:
    """The table split at every header row; the first region uses the detected header rows."""
    width = max((len(r) for r in table.rows), default=0)
    first = table.header_rows
    out = [Region(first - 1 if first else None,
                  _columns(table.rows[:first], width, table.unit))]
    for i in range(first, len(table.rows)):
        row = table.rows[i]
        if _is_header_row(row):
            out.append(Region(i, _columns([row], width, table.unit)))
            continue
        out[-1].rows.append(i)
    for region in out:
        _words_only(table, region)
    return out


def _words_only(table: Table, region: Region) -> None:
    """A column whose body holds words and never a figure (资金来源 | 中央资金, 省级资金…)
    names the rows; whatever its header says, it is no money column."""
    for c, col in enumerate(region.columns):
        cells = [clean(table.rows[r][c].text) for r in region.rows if c < len(table.rows[r])]
        filled = [t for t in cells if t]
        if col.money and filled and not any(is_numeric(t) for t in filled):
            col.money = False


def table_regions(doc: Document, block: Block) -> list[Region]:
    """``regions`` of a table block, computed once per document (several checks read them)."""
    cache: dict[int, list[Region]] = doc.attrs.setdefault("table_regions", {})
    if block.index not in cache:
        assert block.table is not None
        cache[block.index] = regions(block.table)
    return cache[block.index]


def row_label(row: list[Cell], columns: list[Column]) -> str:
    """The name of a row: the rightmost filled name column before the figures, else the
    first text cell (序号 and figures are skipped)."""
    named = [clean(c.text) for c, col in zip(row, columns, strict=False)
             if col.label and clean(c.text) and not is_numeric(c.text)]
    if named:
        return named[-1]
    for cell in row:
        text = clean(cell.text)
        if text and not is_numeric(text):
            return text
    return ""


def is_total_row(row: list[Cell]) -> bool:
    return any(TOTAL_LABEL.match(clean(c.text)) for c in row if clean(c.text))
