"""amount.text_table: the same figure stated in the text and in a table, differently.

A table cell is a fact (role, stage, value): the row says what (基本支出, 项目支出, a named
project, or the table's 合计 — spending in total when its rows are 基本支出 and 项目支出),
the column says the stage (预算数 or 执行数); a table laid out the other way round (stages
as rows, 基本支出 | 项目支出 | 合计 as columns) is read the same way. The text states facts of
the same roles. When both state one fact they must agree within rounding. The check is skipped whenever either
side is ambiguous: a role stated with several different values (per-project 项目支出 in a
project summary), a text figure with no stage while the table's stages differ and match
neither, or a named item whose label is not exactly the row's.

Two more shapes: a table of projects without a 合计 row whose rows already add up to more
than the text's 项目支出; and a table's 合计 row that is anchored to its section's text
(another of its totals is stated there) but whose figure the text never states while it
gives a different total of the same stage.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from auditor.annotate.numbers import MONEY_UNITS, Figure, consistent
from auditor.annotate.quantities import exact_text_amounts, quantities, role_text
from auditor.annotate.roles import ROLE_NAMES, role_of, stage_of
from auditor.check.amounts import Amount, describe_sum, labelled_start, places, shown
from auditor.check.registry import CheckContext, Rule, register
from auditor.check.table_grid import Grid, grids
from auditor.model.document import Document, Span
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

_ROLES = ("expense_total", "basic", "project", "personnel", "public")
_YEAR_PREFIX = re.compile(r"^(?:\d{4}\s*年度?|本年度?|全年|本部门|本单位)+")
_MIN_ITEM = 4

Key = tuple[str, str]
Fact = tuple[Figure, str | None, int, int, str]  # value in 元, unit, start, end, header


def _item_key(label: str) -> Key | None:
    name = _YEAR_PREFIX.sub("", role_text(label)).strip()
    return ("item", name) if len(name) >= _MIN_ITEM else None


def _key(role: str, label: str) -> Key | None:
    if role in _ROLES:
        return (role, "")
    return _item_key(label) if role == "item" else None


def _project_columns(doc: Document) -> Iterator[tuple[str, str, list[tuple[Figure, str]]]]:
    """(stage, header, [(figure in 元, project name)]) of every fully filled money column
    of a table whose rows are projects (a 项目名称 column) and that has no total row."""
    for block in doc.tables:
        for grid in grids(doc, block):
            columns = grid.region.columns
            if not any(col.label and "项目" in col.header for col in columns):
                continue
            rows = [r for r in grid.rows if not r.sub_item]
            if len(rows) < 2 or any(r.total or r.malformed or role_of(r.label).code in _ROLES
                                    for r in rows):
                continue  # rows of 基本支出/项目支出 are roles, not a list of projects
            for c, col in enumerate(columns):
                if not (col.money and col.stage and col.unit in MONEY_UNITS):
                    continue
                values = [r.value(c) for r in rows]
                if all(isinstance(v, Figure) for v in values):
                    factor = MONEY_UNITS[col.unit]
                    yield col.stage, col.header, [(v.scaled(factor), r.label)
                                                  for v, r in zip(values, rows, strict=True)
                                                  if isinstance(v, Figure)]


def _transposed_facts(grid: Grid, facts: dict[Key, dict[str, list[Fact]]]) -> None:
    """Facts of a table laid out the other way round: stages as rows (预算数, 执行数), roles
    as columns (基本支出 | 项目支出 | 合计, the 合计 column being spending in total)."""
    columns = grid.region.columns
    if any(col.stage for col in columns if col.money):
        return
    roles = [role_of(col.header).code if col.money and col.unit in MONEY_UNITS else None
             for col in columns]
    if not {"basic", "project"} <= set(roles):
        return
    for row in grid.rows:
        stage = stage_of(row.label)
        if row.malformed or stage is None or role_of(row.label).code != "expense_total":
            continue
        for c, role in enumerate(roles):
            key = "expense_total" if role == "total" else role
            value = row.value(c)
            if key not in _ROLES or not isinstance(value, Figure):
                continue
            col, cell = columns[c], row.cells[c]
            assert col.unit is not None
            facts.setdefault((key, ""), {}).setdefault(stage, []).append(
                (value.scaled(MONEY_UNITS[col.unit]), col.unit, cell.start, cell.end,
                 f"{row.label}/{col.header}"))


def _distinct(figures: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for fig in figures:
        if not any(consistent(fig, [other]) for other in out):
            out.append(fig)
    return out


@register
class AmountTextTable(Rule):
    id = "amount.text_table"
    category = "amount.sum_mismatch"
    severity = "medium"
    name = L10n("正文与表格金额不一致", "Text and table state different amounts")
    description = L10n(
        "同一金额（如项目支出预算数、表格合计数、某一项目的执行数）在正文和表格中各写一次时，"
        "两者应在舍入误差内一致。",
        "When the same amount (e.g. the project-spending budget, a table total, one "
        "project's execution) is stated both in the text and in a table, the two must agree "
        "within rounding.",
    )
    example = "正文：项目支出97.39万元；表格“项目支出”行预算数为95.39万元。"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        """Each contradiction once, though a 合计 row may be reached as a total row and as
        an anchored table both."""
        seen: set[tuple[int | None, int | None, str]] = set()
        for finding in self._findings(doc):
            key = (finding.start, finding.end, finding.message.zh)
            if key not in seen:
                seen.add(key)
                yield finding

    def _findings(self, doc: Document) -> Iterator[Finding]:
        if not doc.tables:
            return
        table = self._table_facts(doc)
        text: dict[Key, list[Span]] = {}
        for q in exact_text_amounts(doc):
            a = q.attrs
            if a["unit"] not in MONEY_UNITS or a["role"] == "change":
                continue
            key = _key(a["role"], a["label"])
            if key is not None:
                text.setdefault(key, []).append(q)
        for key, spans in text.items():
            if key in table:
                yield from self._compare(doc, key, spans, table[key])
        projects = text.get(("project", ""), [])
        if projects:
            yield from self._project_sums(doc, projects)
        yield from self._anchored_totals(doc)

    def _anchored_totals(self, doc: Document) -> Iterator[Finding]:
        """A table's 合计 row against the totals the text of its section states.

        The table must be anchored to that text: another of the row's totals (the 执行数
        when the 预算数 is checked) is stated in the section's text, so both speak of the
        same scope. Then a 合计 figure that the section's text never states, while the
        text gives a different total of the same stage (a 其中-list total, 支出合计 …),
        is a contradiction. A table of a different scope (projects under a department's
        totals) is never anchored and so never checked.
        """
        group_totals = {g.attrs["total"].start for g in doc.spans.get("amount_groups", [])}
        # Filtered once and indexed by block (spans are in text order), not once per table.
        stated = [q for q in quantities(doc, "amount") if q.attrs.get("table") is None
                  and not q.attrs["approx"] and q.attrs["unit"] in MONEY_UNITS]
        blocks = [q.block for q in stated]
        for block in doc.tables:
            section = doc.section_of(block)
            if section is None:
                continue
            texts = stated[bisect.bisect_left(blocks, section.first):
                           bisect.bisect_right(blocks, section.last)]
            if not texts:
                continue
            for grid in grids(doc, block):
                yield from self._anchored_row(doc, grid, texts, group_totals)

    def _anchored_row(self, doc: Document, grid: Grid, texts: list[Span],
                      group_totals: set[int]) -> Iterator[Finding]:
        columns = grid.region.columns
        for row in grid.rows:
            if not row.total or row.subtotal or row.malformed:
                continue
            cells: dict[int, Figure] = {}
            for c, col in enumerate(columns):
                value = row.value(c)
                if (col.money and col.stage and col.unit in MONEY_UNITS
                        and isinstance(value, Figure)
                        and not col.header.split("/")[-1].startswith("其中")):
                    cells[c] = value.scaled(MONEY_UNITS[col.unit])
            stated = {c: any(consistent(q.attrs["canonical"], [fig]) for q in texts)
                      for c, fig in cells.items()}
            for c, fig in cells.items():
                if stated[c] or not any(stated[o] for o in cells if o != c):
                    continue
                stage = columns[c].stage
                if any(stated[o] and columns[o].stage == stage for o in cells if o != c):
                    continue  # 调整预算数 stated: the 年初预算数 beside it need not be
                # of the column's own stage: 全年支出 (no stage) is no rival of a 预算数 total
                rivals = [q for q in texts if q.attrs["stage"] == stage
                          and (q.start in group_totals
                               or q.attrs["role"] in ("expense_total", "total"))]
                if len(_distinct([q.attrs["canonical"] for q in rivals])) != 1:
                    continue
                cell = row.cells[c]
                yield self._report(doc, ("total", ""), rivals[0],
                                   (fig, columns[c].unit, cell.start, cell.end, columns[c].header))

    def _project_sums(self, doc: Document, spans: list[Span]) -> Iterator[Finding]:
        """A table listing projects (项目名称 rows, no 合计) against the text's 项目支出.

        The table may list only some projects, so only a sum that exceeds the text's
        figure is a contradiction; rows given to 5–6 decimals reconcile by the interval rule.
        """
        for stage_of_span in {q.attrs["stage"] for q in spans}:
            stated = [q for q in spans if q.attrs["stage"] == stage_of_span]
            if len(_distinct([q.attrs["canonical"] for q in stated])) > 1:
                continue
            q = stated[0]
            figure: Figure = q.attrs["canonical"]
            for stage, header, cells in _project_columns(doc):
                if stage_of_span not in (None, stage):
                    continue
                total_lo = sum((c[0].lo for c in cells), figure.lo * 0)
                if total_lo <= figure.hi or consistent(figure, [c[0] for c in cells]):
                    continue
                yield self._sum_report(doc, q, header, cells)
                break

    def _table_facts(self, doc: Document) -> dict[Key, dict[str, list[Fact]]]:
        facts: dict[Key, dict[str, list[Fact]]] = {}
        for block in doc.tables:
            for grid in grids(doc, block):
                columns = grid.region.columns
                roles = {role_of(r.label).code for r in grid.rows if not r.total}
                for row in grid.rows:
                    if row.malformed or row.sub_item:
                        continue
                    if row.total:
                        if row.subtotal or not {"basic", "project"} <= roles:
                            continue
                        key: Key | None = ("expense_total", "")
                    else:
                        key = _key(role_of(row.label).code, row.label)
                    if key is None:
                        continue
                    for c, col in enumerate(columns):
                        value = row.value(c)
                        if not (col.money and col.stage and col.unit in MONEY_UNITS
                                and isinstance(value, Figure)):
                            continue
                        if col.header.split("/")[-1].startswith("其中"):
                            continue
                        cell = row.cells[c]
                        facts.setdefault(key, {}).setdefault(col.stage, []).append(
                            (value.scaled(MONEY_UNITS[col.unit]), col.unit, cell.start,
                             cell.end, col.header))
                _transposed_facts(grid, facts)
        return facts

    def _compare(self, doc: Document, key: Key, spans: list[Span],
                 table: dict[str, list[Fact]]) -> Iterator[Finding]:
        by_stage: dict[str | None, list[Figure]] = {}
        for q in spans:
            by_stage.setdefault(q.attrs["stage"], []).append(q.attrs["canonical"])
        if any(len(_distinct(figs)) > 1 for figs in by_stage.values()):
            return  # the text itself states several values for this role
        for facts in table.values():
            if len(_distinct([f[0] for f in facts])) > 1:
                return
        reported: set[str | None] = set()
        for q in spans:
            stage = q.attrs["stage"]
            if stage in reported:
                continue
            if stage is None:
                candidates = [f for facts in table.values() for f in facts]
            else:
                candidates = table.get(stage, [])
            if not candidates or any(consistent(q.attrs["canonical"], [f[0]]) for f in candidates):
                continue
            reported.add(stage)
            yield self._report(doc, key, q, candidates[0])

    def _sum_report(self, doc: Document, q: Span, header: str,
                    cells: list[tuple[Figure, str]]) -> Finding:
        report = describe_sum(Amount.of(q), [Amount(label, fig, q.attrs["unit"])
                                             for fig, label in cells],
                              L10n(f"正文与表格“{header}”列：", f"text and column “{header}”: "))
        return self.finding(
            doc, labelled_start(doc, q), q.end, report.message,
            report.explanation + L10n("（表格逐项列示的项目金额之和已超过正文所写的项目支出。）",
                                      " (The projects listed in the table already add up to "
                                      "more than the text's project spending.)"),
            report.suggestion, confidence=0.6,
            data={**report.data, "scope": "text_table"})

    def _report(self, doc: Document, key: Key, q: Span, fact: Fact) -> Finding:
        unit = q.attrs["unit"]
        figure: Figure = q.attrs["canonical"]
        cell_value, cell_unit, start, end, header = fact
        name = key[1] or q.attrs["label"] or ROLE_NAMES[key[0]]
        text_shown = f"{shown(figure.value, unit, places(figure, unit))}{unit}"
        cell_shown = f"{shown(cell_value.value, unit, places(cell_value, unit))}{unit}"
        where = doc.location_at(start).describe()
        diff = shown(figure.value - cell_value.value, unit,
                     max(places(figure, unit), places(cell_value, unit)))
        return self.finding(
            doc, labelled_start(doc, q), q.end,
            L10n(f"{name}：正文写{text_shown}，表格（{where.zh}“{header}”）为{cell_shown}",
                 f"{name}: the text states {text_shown} but the table ({where.en}, "
                 f"“{header}”) gives {cell_shown}"),
            L10n(f"正文“{q.attrs['label']}{q.text}”与表格{where.zh}“{header}”列的"
                 f"{cell_shown}指同一金额，相差{diff}{unit}，超出舍入误差。",
                 f"The text's “{q.attrs['label']}{q.text}” and the table's {cell_shown} in "
                 f"column “{header}” ({where.en}) are the same amount; they differ by "
                 f"{diff} {unit}, beyond rounding."),
            L10n("核对正文与表格，统一该金额。", "Check the text and the table and make the "
                 "amount the same in both."),
            confidence=0.75,
            data={"label": name, "role": key[0], "stage": q.attrs["stage"],
                  "text_value": text_shown, "table_value": cell_shown, "difference": diff,
                  "unit": unit, "table_location": doc.location_at(start).to_dict()},
            related=[{"evidence": doc.text[start:end], "location":
                      doc.location_at(start).to_dict()}])
