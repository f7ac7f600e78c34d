"""Indicator score tables and project score tables, read cell by cell.

Score tables come in many shapes: one table or several per report, merged 一级/二级 cells
written only on the first row of their group (so later rows are shorter, or start with empty
cells), title rows such as 二、整体绩效目标实现情况（60分）, header rows repeated mid-table, and
a 合计 row, and 小计 rows, bare or naming their group (产出指标小计). Subtotal and total rows are
never indicators: counted as items they would double every sum (a 总分 of 100 against 190)
and be reported as indicators with no target. A cell holding a blank line also splits one
table into several blocks in the txt convention; such fragments are joined back here, so
that every indicator of a group counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from auditor.annotate.numbers import Figure, parse_number
from auditor.annotate.targets import Value, parse_value
from auditor.model.document import Cell, Document

ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("level1", re.compile(r"^一级指标")),
    ("level2", re.compile(r"^二级指标")),
    ("level3", re.compile(r"^三级指标")),
    ("name", re.compile(r"^(?:指标名称|绩效指标|指标内容|具体指标|指标|考核指标|评价指标)$")),
    ("project", re.compile(r"^(?:项目名称|项目)$")),
    ("weight", re.compile(r"^(?:分值|权重|标准分|满分|指标分值|权重分|分值权重)")),
    ("target", re.compile(r"^(?:年度)?(?:目标值|指标值|目标|计划值|预期值|预期目标)")),
    ("actual", re.compile(r"^(?:全年)?(?:实际值|完成值|业绩值|实际完成值|实际完成|实际完成情况|完成情况)")),
    ("score", re.compile(r"^(?:得分|自评得分|实际得分|评分|自评分)$")),
    ("budget", re.compile(r"^(?:全年|年初)?预算(?:数|金额)?$")),
    ("executed", re.compile(r"^(?:全年)?(?:执行数|执行金额|实际支出|决算数)")),
    ("rate", re.compile(r"执行率$")),
    ("grade", re.compile(r"^(?:评价)?等级$|^评价结果$")),
]
LEVELS = ("level1", "level2", "level3", "name")
NUMERIC_ROLES = ("weight", "score", "budget", "executed")
_LABEL_WEIGHT = re.compile(r"^(.*?)\s*[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]\s*$")
_TOTAL = re.compile(r"^(?:合计|总计|总分|总得分|合计得分|得分合计)$")
# 小计 alone, or naming its group (产出指标小计): a subtotal row, never an indicator.
_SUBTOTAL = re.compile(r"^([^\d%％]{0,10}?)小计$")
_MAX_GAP = 8


_SPACE = re.compile(r"\s+")
_PARENS = re.compile(r"[（(][^）)]*[）)]")
_SCORE_WORDS = ("分", "权重")


@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    return _PARENS.sub("", _SPACE.sub("", text.replace("　", "")))


@lru_cache(maxsize=4096)
def role_of(header: str) -> str | None:
    text = _norm(header)
    for role, pattern in ROLES:
        if pattern.search(text):
            return role
    return None


def cell_number(cell: Cell | None) -> Figure | None:
    if cell is None:
        return None
    return parse_number(cell.text.replace("　", "").replace("分", "").strip())


def _header_roles(row: list[Cell]) -> list[str | None] | None:
    """Column roles when the row is a header of an indicator or project score table."""
    if len(row) < 2 or not any(w in c.text for c in row for w in _SCORE_WORDS):
        return None
    roles = [role_of(c.text) for c in row]
    found = {r for r in roles if r}
    if any(cell_number(c) is not None for c in row) or len(found) < 2:
        return None
    if "score" not in found and "weight" not in found:
        return None
    return roles


@dataclass
class Indicator:
    name: str
    start: int
    end: int
    table: int
    level1: str | None = None
    level2: str | None = None
    weight: Figure | None = None
    score: Figure | None = None
    target: Value | None = None
    actual: Value | None = None
    budget: Figure | None = None
    executed: Figure | None = None
    rate: Value | None = None
    has_target: bool = False
    has_actual: bool = False


@dataclass
class Subtotal:
    """A stated weight or score for a set of indicators: group label, title, 小计 or 合计."""

    label: str
    kind: str
    start: int
    end: int
    table: int
    weight: Figure | None = None
    score: Figure | None = None
    members: list[int] = field(default_factory=list)


@dataclass
class ProjectScore:
    name: str
    start: int
    end: int
    score: Figure | None
    grade: str | None = None
    grade_start: int = 0
    grade_end: int = 0
    budget: Figure | None = None
    executed: Figure | None = None


@dataclass
class ScoreTables:
    indicators: list[Indicator] = field(default_factory=list)
    subtotals: list[Subtotal] = field(default_factory=list)
    projects: list[list[ProjectScore]] = field(default_factory=list)
    tables: dict[int, tuple[int, int]] = field(default_factory=dict)


def table_indicators(doc: Document) -> list[Indicator]:
    """The indicator rows the indicators annotator read (``doc.attrs["score_tables"]``)."""
    tables: ScoreTables | None = doc.attrs.get("score_tables")
    return tables.indicators if tables is not None else []


def _compat(cell: Cell, role: str | None) -> int:
    text = cell.text.strip()
    if not text:
        return 0
    numeric = cell_number(cell) is not None
    if role in NUMERIC_ROLES:
        return 2 if numeric else -3
    if role in LEVELS or role == "project":
        return -3 if numeric else 1
    if role is None:
        return -1 if numeric else 0
    return 1


def trimmed(row: list[Cell]) -> list[Cell]:
    """The row without trailing empty cells (padding, or empty explanation columns)."""
    end = len(row)
    while end > 1 and not row[end - 1].text.strip():
        end -= 1
    return row[:end]


def align(row: list[Cell], roles: list[str | None]) -> dict[str, Cell]:
    """Map a row's cells to roles. A row that starts with text but fills fewer cells than the
    columns (merged cells written once, then padded at the end) is placed where its cells fit
    the roles best: figures under 分值/得分, words under the indicator columns; ties go to the
    right, since the cells left out are the merged ones at the start."""
    width = len(roles)
    core = trimmed(row)
    if len(core) >= width or not core[0].text.strip():
        # A row that starts with an empty cell wrote its merged cells as empty ones: its
        # cells are already in place.
        core, offset = row, 0
    else:
        offset = max(range(width - len(core) + 1),
                     key=lambda k: (sum(_compat(c, roles[k + i]) for i, c in enumerate(core)), k))
    out: dict[str, Cell] = {}
    for i, cell in enumerate(core):
        role = roles[offset + i] if offset + i < width else None
        if role and role not in out:
            out[role] = cell
    return out


def unpad(row: list[Cell]) -> list[Cell]:
    """The cells a txt row really had: the reader pads short rows at the end with empty cells
    located on the last real cell's line, which would shift merged-cell rows to the left."""
    cells = list(row)
    while (len(cells) > 1 and not cells[-1].text and cells[-1].loc == cells[-2].loc
           and cells[-1].loc.col is None):
        cells.pop()
    return cells


def logical_tables(doc: Document) -> list[list[tuple[int, list[Cell]]]]:
    """Rows of each logical table (block index, cells), fragments of a split table joined."""
    tables: list[list[tuple[int, list[Cell]]]] = []
    current: list[tuple[int, list[Cell]]] | None = None
    width = 0
    gap = 0
    header: tuple[str, ...] | None = None  # the current table's header row, as text
    for block in doc.blocks:
        if block.table is None:
            if current is not None:
                gap += 1
                if block.kind == "heading" and block.style != "plain" or gap > _MAX_GAP:
                    current = None
            continue
        if current is None and not any(w in block.text for w in _SCORE_WORDS):
            continue  # no 得分/分值/权重 anywhere: not a score table
        rows = [unpad(r) for r in block.table.rows]
        if current is not None and rows and header is not None and _row_text(rows[0]) == header:
            rows = rows[1:]  # 续表: Word repeats the header row on the next page
            current.extend((block.index, r) for r in rows)
        elif current is not None and rows and gap == 0 and not _has_total(current):
            # the next part of one form drawn as its own Word table: the 项目资金 block with
            # the execution score, then the indicators under their own header, one 总分
            current.extend((block.index, r) for r in rows)
        elif current is not None and width and rows and _header_roles(rows[0]) is None:
            last, first = trimmed(current[-1][1]), trimmed(rows[0])
            # A cell holding a blank line cut its row in two: rejoin the halves.
            if (len(last) < width and len(last) + len(first) <= width
                    and first[0].text.strip() and any(cell_number(c) is not None for c in first)
                    and all(cell_number(c) is None for c in last)):
                current[-1] = (current[-1][0], [*last, *rows[0]])
                rows = rows[1:]
            current.extend((block.index, r) for r in rows)
        else:
            current = [(block.index, r) for r in rows]
            tables.append(current)
            width = 0
            header = None
        for row in rows:
            roles = _header_roles(row)
            if roles:
                width = len(roles)
                header = header or _row_text(row)
        gap = 0
    return tables


def _has_total(rows: list[tuple[int, list[Cell]]]) -> bool:
    """A 合计/总分 row: a form ends with it, so a table after it is another form."""
    return any(_TOTAL.match(_norm(c.text)) for _, row in rows for c in row)


def _row_text(row: list[Cell]) -> tuple[str, ...]:
    return tuple(c.text.strip() for c in trimmed(row))


class _Reader:
    """Walks the rows of one logical table, tracking groups, titles and subtotals."""

    def __init__(self, out: ScoreTables, table: int) -> None:
        self.out, self.table = out, table
        self.roles: list[str | None] = []
        self.groups: dict[str, Subtotal | None] = {}
        self.labels: dict[str, str | None] = {}
        self.title: Subtotal | None = None
        self.since_subtotal: list[int] = []
        self.members: list[int] = []
        self.projects: list[ProjectScore] | None = None

    def _open(self, kind: str, cell: Cell, label: str, weight: Figure | None) -> Subtotal:
        sub = Subtotal(label, kind, cell.start, cell.end, self.table, weight=weight)
        self.out.subtotals.append(sub)
        return sub

    def header(self, roles: list[str | None], row: list[Cell]) -> None:
        if self.roles:
            # A sub-header with an empty first column keeps the groups running across it.
            for i, role in enumerate(roles):
                if (role is None and not row[i].text.strip() and i < len(self.roles)
                        and self.roles[i] in LEVELS):
                    roles[i] = self.roles[i]
        restart = any(r in ("level1", "project") and c.text.strip()
                      for r, c in zip(roles, row, strict=False))
        if restart:
            self.groups, self.labels = {}, {}
        self.roles = roles
        self.since_subtotal = []
        found = set(roles)
        if "project" in found and not found & {"weight", "level1", "level2", "level3", "name"}:
            self.projects = []
            self.out.projects.append(self.projects)
        else:
            self.projects = None

    def levels(self) -> tuple[str | None, list[str]]:
        present = [r for r in LEVELS if r in self.roles]
        name = "name" if "name" in present else (present[-1] if present else None)
        return name, [r for r in present if r != name]

    def row(self, row: list[Cell]) -> None:
        texts = [c.text.strip() for c in row if c.text.strip()]
        if not texts:
            return
        roles = _header_roles(row)
        if roles:
            self.header(roles, row)
            return
        if len(set(texts)) == 1 or not self.roles:
            # A title row: one text, possibly repeated across merged cells.
            m = _LABEL_WEIGHT.match(texts[0])
            if m and len(set(texts)) == 1:
                cell = next(c for c in row if c.text.strip())
                self.title = self._open("title", cell, m.group(1), parse_number(m.group(2)))
            return
        label = next((c for c in row if _TOTAL.match(_norm(c.text)) or _SUBTOTAL.match(_norm(c.text))),
                     None)
        if label is not None:
            self.subtotal_row(row, label)
            return
        cells = align(row, self.roles)
        if self.projects is not None:
            self.project(cells, row)
            return
        self.indicator(cells, row)

    def subtotal_row(self, row: list[Cell], label: Cell) -> None:
        numbers = [(c, cell_number(c)) for c in row[row.index(label) + 1 :]]
        numbers = [(c, n) for c, n in numbers if n is not None]
        total = _TOTAL.match(_norm(label.text)) is not None
        # 产出指标 | 小计 | 50: a bare 小计 in the 二级 column names its group in the cells before
        before = "".join(_norm(c.text) for c in row[: row.index(label)])
        name = _norm(label.text) if before in _norm(label.text) else before + _norm(label.text)
        members = list(self.members if total else self._subtotal_members(name))
        sub = Subtotal(_norm(label.text), "total" if total else "subtotal", label.start,
                       row[-1].end, self.table, members=members)
        cells = align(row, self.roles)
        weight, score = cell_number(cells.get("weight")), cell_number(cells.get("score"))
        if weight is not None and score is not None:
            sub.weight, sub.score = weight, score
        elif len(numbers) >= 2:
            # 合计 100 99.5 written without the columns in between: full marks, then score.
            sub.weight, sub.score = numbers[-2][1], numbers[-1][1]
        elif weight is not None:
            sub.weight = weight
        elif numbers:
            sub.score = numbers[0][1]
        self.out.subtotals.append(sub)
        self.since_subtotal = []

    def _subtotal_members(self, label: str) -> list[int]:
        """The indicators a 小计 row adds up: those since the last subtotal, or, when the row
        names its group (产出指标小计), those of that group — a 预算执行率 row above the
        产出 items belongs to no 小计."""
        m = _SUBTOTAL.match(label)
        group = _group_key(m.group(1)) if m else ""
        if not group:
            return self.since_subtotal
        inds = self.out.indicators
        named = [i for i in self.since_subtotal
                 if group in (_group_key(inds[i].level1 or ""), _group_key(inds[i].level2 or ""))]
        return named or self.since_subtotal

    def project(self, cells: dict[str, Cell], row: list[Cell]) -> None:
        assert self.projects is not None
        name = cells.get("project")
        grade = cells.get("grade")
        self.projects.append(ProjectScore(
            name.text.strip() if name else "", row[0].start, row[-1].end,
            cell_number(cells.get("score")),
            _grade_text(grade.text) if grade else None,
            grade.start if grade else 0, grade.end if grade else 0,
            cell_number(cells.get("budget")), cell_number(cells.get("executed"))))

    def indicator(self, cells: dict[str, Cell], row: list[Cell]) -> None:
        name_role, group_roles = self.levels()
        for i, role in enumerate(group_roles):
            cell = cells.get(role)
            if cell is None or not cell.text.strip():
                continue
            for deeper in group_roles[i:]:
                self.groups[deeper], self.labels[deeper] = None, None
            m = _LABEL_WEIGHT.match(cell.text.strip())
            self.labels[role] = m.group(1) if m else cell.text.strip()
            if m:
                self.groups[role] = self._open("group", cell, m.group(1), parse_number(m.group(2)))
        weight, score = cell_number(cells.get("weight")), cell_number(cells.get("score"))
        name_cell = cells.get(name_role) if name_role else None
        name = name_cell.text.strip() if name_cell else ""
        target, actual = cells.get("target"), cells.get("actual")
        if weight is None and score is None:
            m = _LABEL_WEIGHT.match(name)
            if m and name_cell and not (target and target.text.strip()):
                self.title = self._open("title", name_cell, m.group(1), parse_number(m.group(2)))
            return
        rate = cells.get("rate")
        # Quote the indicator from its name to its score, not the long explanation columns.
        core = [c for r, c in cells.items() if r in (name_role, *NUMERIC_ROLES, "target", "actual",
                                                      "rate") and c.text.strip()]
        ind = Indicator(
            name, min(c.start for c in core), max(c.end for c in core), self.table,
            level1=self.labels.get(group_roles[0]) if group_roles else None,
            level2=self.labels.get(group_roles[1]) if len(group_roles) > 1 else None,
            weight=weight, score=score,
            target=parse_value(target.text, target.start) if target else None,
            actual=parse_value(actual.text, actual.start) if actual else None,
            budget=cell_number(cells.get("budget")), executed=cell_number(cells.get("executed")),
            rate=parse_value(rate.text, rate.start) if rate else None,
            has_target="target" in self.roles, has_actual="actual" in self.roles)
        index = len(self.out.indicators)
        self.out.indicators.append(ind)
        for sub in (*(self.groups.get(r) for r in group_roles), self.title):
            if sub is not None:
                sub.members.append(index)
        self.since_subtotal.append(index)
        self.members.append(index)


def _group_key(label: str) -> str:
    """产出指标, 产出 and 产出指标（50） name the same group."""
    return _norm(label).removesuffix("指标")


def _grade_text(text: str) -> str | None:
    m = re.search(r"不合格|优秀|良好|中等|一般|合格|较差|优|良|中|差", text)
    return m.group(0) if m else None


def read_score_tables(doc: Document) -> ScoreTables:
    out = ScoreTables()
    for number, rows in enumerate(logical_tables(doc)):
        reader = _Reader(out, number)
        for _, row in rows:
            reader.row(row)
        if reader.members or reader.projects:
            out.tables[number] = (rows[0][1][0].start, rows[-1][1][-1].end)
    return out
