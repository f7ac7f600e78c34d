"""amount.rate_mismatch: a stated 预算执行率/完成率 or 结余 against the report's own figures.

Rate = 执行数 ÷ 预算数; 结余 = 预算数 − 执行数. The inputs come from the nearest place that
states both: the same table row (预算数 | 执行数 | 执行率 | 结余数 columns), else the same
paragraph, else — for an overall execution rate such as the 预算执行率 row of a self-score
table — the report's spending totals (a table's 合计 row, or text totals of each stage).
A figure and a part that a 其中 list picks out of it (全年支出…，其中学生资助资金…) are not
a budget and its execution, unless the part names its own stage (其中已拨付…). Such pairs
may only clear a rate, never accuse one; so may, when a paragraph gives pairs, each of
its other budget figures (全年可用资金, 调整后预算, 项目预算 beside a 中标金额) against
each spent one, since a rate agreeing with any budget the report states is no error; and
so may every budget figure of the rate's paragraph or the one before against every other
figure of its paragraph (支出预算… / 实际支出…，执行率…; a part's 预算 in a bracket, then
its 支出…，执行率…). What is left of a budget (未支出, 余下, 结余, 质保金, 尾款) is never a
side of a rate. Every candidate pair is tried and the rate fails only when none gives it:
the computed interval (from the rounding of both inputs) must miss the stated rate's
interval, which also admits truncation (99.97% written as 99.9%) and a rate capped at
100%. A 完成率 stated with its counts in one sentence (计划培训10期，实际完成8期，完成率
100%) is checked the same way; a 完成率 of an indicator without both counts is the
indicator checks' business. A 结余 stated in the sentence of a rate that agrees with a pair
found farther away (the budget a paragraph earlier) is checked against that pair: the rate
names the budget and the spending meant. In a project report the project's budget, its
spending and its 项目预算执行率 are the report's whole ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from auditor.annotate.amount_groups import MARKER
from auditor.annotate.numbers import MONEY_UNITS, Figure, format_decimal
from auditor.annotate.quantities import exact_text_amounts, quantities, role_text
from auditor.annotate.roles import role_of, stage_of
from auditor.check.amounts import labelled_start, places, rate_agrees, rate_interval, shown
from auditor.check.registry import CheckContext, Rule, register
from auditor.check.table_grid import Grid, grids
from auditor.model.document import Document, Span
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

_RATE_HEADER = re.compile(r"执行率|支出率|支付率|使用率|完成率")
_BALANCE_HEADER = re.compile(r"结余|结转")
_NOT_BALANCE = re.compile(r"率|交回|上缴|上年|以前年度")
_PLAIN_BALANCE = re.compile(r"^(?:\d{4}年度?|全年|本年度?|年末|年底|预算|资金|项目|累计)*"
                            r"结余(?:资金|数|额|金额)?$")
_ACTUAL_VALUE_HEADER = re.compile(r"完成值|实际值|业绩值|实际完成|完成情况|实际")
_MONEY_RATE_LABEL = re.compile(r"预算|资金|支出|经费")
_CLASS = {"expense_total": "total", "total": "total", "fiscal": "total", "basic": "basic",
          "project": "project", "personnel": "personnel", "public": "public", "item": "item"}

# An overall execution rate, the only one the report's totals can decide (not 项目执行率,
# 中央资金…执行率).
_OVERALL_RATE = re.compile(r"^(?:\d{4}年度?|全年|年度|本年度?|部门|单位|整体|总体|资金总体|年终|"
                           r"当年)*(?:预算)?(?:资金)?执行率$")
_PROJECT_RATE = re.compile(r"^(?:\d{4}年度?|全年|年度|本年度?)*(?:本|该)?项目(?:资金|预算|总体)*"
                           r"执行率$")
_PROJECT_WHOLE = re.compile(r"^(?:\d{4}年度?|全年|本年度?)*(?:本|该)?项目(?:总|资金|总资金)?"
                            r"(?:实际)?(?:预算|资金|支出|投资)(?:数|总额|金额)?$")
_INITIAL = re.compile(r"年初")
_PLANNED = re.compile(r"计划|目标|预计|预期|年初")
_DONE = re.compile(r"实际|完成|已|累计")
_CLAUSE = re.compile(r"[，,；;：:、。]")
# What is left of a budget (未支出的114.46万元, 余下…, 结余, 质保金 paid later): neither the
# budget nor its execution, so never a side of an execution rate.
_LEFTOVER = re.compile(r"未支出|未使用|未拨付|未执行|未兑付|未支付|余下|剩余|结余|结转|节余|"
                       r"余额|质保金|尾款")
_INCOME = re.compile(r"收入|拨款")
_STAGE_PAIRS = {("budget", "actual"), ("budget", None), (None, "actual")}
Pair = tuple[Figure, Figure, str, str, "str | None"]  # budget, actual (元), labels, unit


_PART_RATE = re.compile(r"^(?:其中)?(基本支出|项目支出|项目|人员经费|公用经费)(?:预算)?(?:资金)?"
                        r"(?:支出)?执行率$")
_PART_CLASS = {"基本支出": "basic", "项目支出": "project", "项目": "project",
               "人员经费": "personnel", "公用经费": "public"}


def _part_of_rate(doc: Document, label: str) -> str | None:
    """The part whose execution rate this is (基本支出执行率 → basic); in a project report
    the project is the whole, so its rate is no part's."""
    m = _PART_RATE.match(role_text(label))
    if m is None:
        return None
    part = _PART_CLASS[m.group(1)]
    return None if part == "project" and doc.metadata.kind == "project" else part


def _pair_class(pair: Pair) -> str | None:
    """The part both figures of a pair belong to, when they agree on one."""
    budget, actual = (_CLASS.get(role_of(role_text(label)).code) for label in pair[2:4])
    return budget if budget == actual else None


def _sub_column(header: str) -> str:
    """"" for a whole column; the named part for a 其中 column (其中：财政拨款 → 财政拨款),
    so a part is only ever divided by the same part."""
    last = header.split("/")[-1]
    return last[2:].lstrip("：:") if last.startswith("其中") else ""


def _pair_text(pair: Pair, unit: str | None) -> tuple[str, str]:
    budget, actual, b_label, a_label, _ = pair
    return (f"{a_label or '执行数'}{shown(actual.value, unit, places(actual, unit))}",
            f"{b_label or '预算数'}{shown(budget.value, unit, places(budget, unit))}")


def _pair(budget: Span, actual: Span) -> Pair:
    return (budget.attrs["canonical"], actual.attrs["canonical"], budget.attrs["label"],
            actual.attrs["label"], budget.attrs["unit"])


def _breakdown_parts(doc: Document, by_block: dict[int, list[Span]]) -> set[tuple[int, int]]:
    """(total, part) starts of every figure a 其中/包括 list picks out of another: the parts
    of the sentence's lists, and a lone part (全年支出…，执行率…，其中学生资助资金…), whose
    clause opens with the marker and whose total is the paragraph's figure before it. Not a
    part that names its own stage: in 下达资金100万元，其中已拨付95万元 the part is the
    money spent out of the total."""
    pairs = {(g.attrs["total"], p) for g in doc.spans.get("amount_groups", [])
             for p in g.attrs["parts"]}
    for amounts in by_block.values():
        for before, q in zip(amounts, amounts[1:], strict=False):
            gap = MARKER.sub("\x00", doc.text[before.end:q.start])
            if "\x00" in _CLAUSE.split(gap)[-1]:
                pairs.add((before, q))
    return {(total.start, part.start) for total, part in pairs
            if stage_of(role_text(part.attrs["label"])) is None}


def _computed(pair: Pair) -> Decimal:
    budget, actual = pair[0], pair[1]
    return actual.value / budget.value * 100 if budget.value else Decimal(0)


@register
class AmountRateMismatch(Rule):
    id = "amount.rate_mismatch"
    category = "amount.rate_mismatch"
    severity = "high"
    name = L10n("执行率或结余与金额不符", "Rate or balance differs from the amounts")
    description = L10n(
        "用报告自身的数据重新计算预算执行率（执行数÷预算数）、结余（预算数－执行数）和同句所述的"
        "完成率（完成数÷计划数），与报告所写的数值比较，容许两边的舍入误差。",
        "Recomputes the budget execution rate (actual ÷ budget), the balance (budget − "
        "actual) and a completion rate stated with its planned and done counts from the "
        "report's own figures, and compares them with the stated values, allowing for "
        "rounding on both sides.",
    )
    example = "预算数1343.50万元，执行数1343.07万元，预算执行率98%。"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        # sentence → the (budget, actual) pairs a stated rate in it agreed with: they name
        # the figures a balance of the same sentence is left of
        self._confirmed: dict[int, list[Pair]] = {}
        done: set[int] = set()
        doc_pairs: list[Pair] = []
        for block in doc.tables:
            for grid in grids(doc, block):
                yield from self._table(doc, grid, done, doc_pairs)
        amounts = self._amounts(doc)
        by_block: dict[int, list[Span]] = {}
        for q in amounts:
            by_block.setdefault(q.block, []).append(q)
        parts = _breakdown_parts(doc, by_block)
        doc_pairs.extend(self._total_pairs(doc, amounts))
        for rate in quantities(doc, "percent"):
            a = rate.attrs
            if rate.start in done or a["comparator"] or a["approx"]:
                continue
            if not self._is_money_rate(rate):
                if a["role"] == "completion_rate" and a["sentence"] is not None:
                    pairs = self._count_pairs(doc, rate)
                    if pairs:
                        yield from self._judge_rate(doc, rate, pairs, 0.8,
                                                    L10n("同句的计划数和完成数",
                                                         "the sentence's planned and done"))
                continue
            nearby: list[Pair] = []
            if a.get("table") is None:
                pairs = self._pairs(by_block.get(rate.block, []), parts)
                nearby = self._nearby_pairs(by_block, rate.block)
                part = _part_of_rate(doc, a["label"])
                if part is not None:
                    # 基本支出执行率 is judged only by 基本支出's own figures; the whole's
                    # may clear it but never accuse it
                    pairs = [p for p in pairs if _pair_class(p) == part]
                    if not pairs:
                        continue
                if pairs:
                    yield from self._judge_rate(doc, rate, pairs + nearby, 0.85,
                                                L10n("同段的预算数和执行数",
                                                     "the paragraph's budget and actual"))
                    continue
            elif not _ACTUAL_VALUE_HEADER.search(a.get("col_header", "")):
                continue
            if a["role"] == "exec_rate" and doc_pairs and self._overall(
                    doc, role_text(a.get("row_header") or a["label"])):
                yield from self._judge_rate(doc, rate, doc_pairs + nearby, 0.65,
                                            L10n("报告中的预算数与执行数", "the report's budget and spending totals"))
        yield from self._text_balances(doc, by_block, parts)

    @staticmethod
    def _overall(doc: Document, label: str) -> bool:
        """An execution rate of the whole report: 预算执行率, and in a project report also
        项目（预算）执行率, the project being the report's whole budget."""
        return bool(_OVERALL_RATE.match(label) or (
            doc.metadata.kind == "project" and _PROJECT_RATE.match(label)))

    @staticmethod
    def _is_money_rate(rate: Span) -> bool:
        a = rate.attrs
        if a["role"] == "exec_rate":
            return True
        return a["role"] == "completion_rate" and bool(_MONEY_RATE_LABEL.search(a["label"]))

    def _table(self, doc: Document, grid: Grid, done: set[int],
               doc_pairs: list[Pair]) -> Iterator[Finding]:
        columns = grid.region.columns
        money = [c for c, col in enumerate(columns) if col.money]
        plain = [c for c in money if not _BALANCE_HEADER.search(columns[c].header)]
        budget = [c for c in plain if columns[c].stage == "budget"]
        actual = [c for c in plain if columns[c].stage == "actual"]
        # 年初预算数 | 全年预算数 | 全年执行数: every pairing is tried, the adjusted budget first.
        budget.sort(key=lambda c: bool(_INITIAL.search(columns[c].header)))
        col_pairs = [(b, a) for a in actual for b in budget
                     if _sub_column(columns[b].header) == _sub_column(columns[a].header)]
        if not col_pairs:
            return
        rates = [c for c, col in enumerate(columns) if _RATE_HEADER.search(col.header)
                 and not col.money]
        balances = [c for c in money if _BALANCE_HEADER.search(columns[c].header)
                    and not _NOT_BALANCE.search(columns[c].header)]
        for row in grid.rows:
            if row.malformed:
                continue
            pairs: list[Pair] = []
            for b, a in col_pairs:
                bv, av = row.value(b), row.value(a)
                if isinstance(bv, Figure) and isinstance(av, Figure):
                    unit = columns[b].unit
                    factor = MONEY_UNITS.get(unit or "", Decimal(1))
                    pairs.append((bv.scaled(factor), av.scaled(factor), columns[b].header,
                                  columns[a].header, unit))
            if not pairs:
                continue
            if row.total:
                doc_pairs.extend(pairs)
            for c in rates:
                stated = row.percent(c)
                if stated is None:
                    continue
                done.add(row.cells[c].start)
                span = doc.span(row.cells[c].start, row.cells[c].end, "rate",
                                row_header=row.label)
                yield from self._judge_rate(doc, span, pairs, 0.9,
                                            L10n(f"“{row.label}”行", f"row “{row.label}”"),
                                            stated)
            for c in balances:
                balance = row.value(c)
                if isinstance(balance, Figure):
                    factor = MONEY_UNITS.get(columns[c].unit or "", Decimal(1))
                    span = doc.span(row.cells[c].start, row.cells[c].end, "balance",
                                    row_header=row.label)
                    yield from self._judge_balance(doc, span, balance.scaled(factor), pairs,
                                                   columns[c].unit, row.label)

    def _amounts(self, doc: Document) -> list[Span]:
        amounts = [q for q in exact_text_amounts(doc) if q.attrs["role"] in _CLASS
                   and not _LEFTOVER.search(role_text(q.attrs["label"]))]
        if doc.metadata.kind != "project":
            return amounts
        # A project report's 项目预算 / 项目资金 is its whole budget, as 部门预算 is a
        # department's: read here as a total (a view of the span, the annotation stays).
        return [Span(q.start, q.end, q.label, q.text, q.block, {**q.attrs, "role": "total"})
                if _PROJECT_WHOLE.match(role_text(q.attrs["label"])) else q for q in amounts]

    @staticmethod
    def _nearby_pairs(by_block: dict[int, list[Span]], block: int) -> list[Pair]:
        """Every budget figure of the rate's paragraph or the one before it against every
        figure of the rate's paragraph that may be spent, in text order. They only clear a
        rate: a report states the budget and its breakdown, then the spending and its rate
        (支出预算…。其中…；项目支出…／实际支出…，预算执行率95.98%), or gives a part's
        execution after the whole's (…支出693.20万元，执行率84.54%)."""
        here = by_block.get(block, [])
        budgets = [q for q in by_block.get(block - 1, []) + here
                   if q.attrs["stage"] == "budget"]
        return [_pair(b, a) for b in budgets for a in here
                if a.attrs["stage"] != "budget" and b.start < a.start]

    @staticmethod
    def _pairs(amounts: list[Span], parts: set[tuple[int, int]]) -> list[Pair]:
        """(budget, actual) pairs: a budget figure before a spent one of the same kind.

        Either side may leave its stage unsaid (项目资金共2179万元 … 已完成拨付2113.63万元),
        but not both. Within one sentence any two amounts pair; across the sentences of a
        paragraph only figures of the same role (总支出, 项目支出 …) do. Some pairs may
        clear a rate but never accuse one, so they come after the others and only when
        there are others: a figure and a part that a 其中 list picks out of it (全年支出…，
        其中学生资助资金…), and every other budget figure of the paragraph against every
        spent one, both so named and neither a listed part — a report may divide by its
        调整后预算 or 全年可用资金 rather than its 年初预算 (年初预算…，追加…，全年可用资金…；
        实际支出…), or by the 项目预算 rather than a 中标金额 in the spending's sentence.
        """
        pairs: list[Pair] = []
        spare: list[Pair] = []
        for i, b in enumerate(amounts):
            for a in amounts[i + 1:]:
                if (b.attrs["stage"], a.attrs["stage"]) not in _STAGE_PAIRS:
                    continue
                # "投入资金29.6万，执行数29.6万": one sentence states the pair.
                if a.attrs["sentence"] != b.attrs["sentence"] and (
                        _CLASS[a.attrs["role"]] != _CLASS[b.attrs["role"]]
                        or _CLASS[a.attrs["role"]] == "item"):
                    continue
                (spare if (b.start, a.start) in parts else pairs).append(_pair(b, a))
        if not pairs:
            return pairs
        listed = {part for _, part in parts}
        budgets = [q for q in amounts if q.attrs["stage"] == "budget" and q.start not in listed]
        spent = [q for q in amounts if q.attrs["stage"] == "actual" and q.start not in listed]
        known = {(p[0], p[1]) for p in pairs + spare}
        spare.extend(_pair(b, a) for b in budgets for a in spent
                     if (b.attrs["canonical"], a.attrs["canonical"]) not in known)
        return pairs + spare

    @staticmethod
    def _total_pairs(doc: Document, amounts: list[Span]) -> list[Pair]:
        """(budget, spent) pairs of the text's totals anywhere in the report: figures of the
        total roles, or totals that a 其中 list breaks down (项目预算资金253.36万元，其中…)."""
        listed = {g.attrs["total"].start for g in doc.spans.get("amount_groups", [])}
        totals = [q for q in amounts
                  if _CLASS[q.attrs["role"]] == "total" or q.start in listed]
        return [(b.attrs["canonical"], a.attrs["canonical"], b.attrs["label"], a.attrs["label"],
                 b.attrs["unit"])
                for b in totals if b.attrs["stage"] == "budget"
                for a in totals if a.attrs["stage"] == "actual"]

    @staticmethod
    def _count_pairs(doc: Document, rate: Span) -> list[Pair]:
        """(planned, done) counts of one unit in the rate's sentence: 计划培训10期，实际完成8期."""
        counts = [q for q in quantities(doc, "count") if q.attrs["sentence"] == rate.attrs[
            "sentence"] and not (q.attrs["approx"] or q.attrs["comparator"])]
        planned = [q for q in counts if _PLANNED.search(q.attrs["label"])]
        done = [q for q in counts if _DONE.search(q.attrs["label"])
                and not _PLANNED.search(q.attrs["label"])]
        return [(p.attrs["figure"], d.attrs["figure"], p.attrs["label"], d.attrs["label"],
                 p.attrs["unit"]) for p in planned for d in done
                if p.attrs["unit"] == d.attrs["unit"] and p.start < d.start]

    def _judge_rate(self, doc: Document, span: Span, pairs: list[Pair], confidence: float,
                    source: L10n, stated: Figure | None = None) -> Iterator[Finding]:
        stated = stated or span.attrs["figure"]
        assert stated is not None
        fits = [(pair, interval) for pair in pairs
                if (interval := rate_interval(pair[1], pair[0])) is None
                or rate_agrees(stated, interval)]
        if fits:
            if span.attrs.get("sentence") is not None:
                self._confirmed.setdefault(span.attrs["sentence"], []).extend(
                    pair for pair, interval in fits if interval is not None)
            return
        # the pair shown: a spending budget rather than an income figure (收入, 财政拨款),
        # which is what an execution rate is reckoned against
        pair = min(pairs, key=lambda p: bool(_INCOME.search(p[2])))
        interval = rate_interval(pair[1], pair[0])
        if interval is None:
            return
        unit = pair[4]
        name = L10n("完成率", "completion rate") if span.attrs.get("role") == "completion_rate" \
            else L10n("执行率", "execution rate")
        actual_text, budget_text = _pair_text(pair, unit)
        unit_note = L10n(f"（单位：{unit}）", f" (unit: {unit})") if unit else L10n("", "")
        computed = _computed(pair).quantize(Decimal("0.01"))
        formula = f"{actual_text} ÷ {budget_text} × 100% = {computed}%"
        others = len(pairs) - 1
        also = L10n(f"；另试了{others}组预算数/执行数，均不相符" if others else "",
                    f"; {others} other budget/actual pairs were tried, none fits" if others else "")
        finding = self.finding(
            doc, labelled_start(doc, span) if "label" in span.attrs else span.start, span.end,
            L10n(f"{name.zh}写为{stated}%，按{source.zh}计算为{computed}%",
                 f"The {name.en} is stated as {stated}% but {source.en} give {computed}%"),
            L10n(f"{formula}{unit_note.zh}。考虑各数字的舍入，计算值在"
                 f"[{format_decimal(interval[0].quantize(Decimal('0.0001')))}%, "
                 f"{format_decimal(interval[1].quantize(Decimal('0.0001')))}%]之间，"
                 f"与所写的{stated}%不符{also.zh}。",
                 f"{formula}{unit_note.en}. With the rounding of each figure the rate lies "
                 f"in [{format_decimal(interval[0].quantize(Decimal('0.0001')))}%, "
                 f"{format_decimal(interval[1].quantize(Decimal('0.0001')))}%], which does "
                 f"not fit the stated {stated}%{also.en}."),
            L10n(f"核对{name.zh}及其依据的两个数，使三者一致。",
                 f"Check the {name.en} against the two figures it is based on."),
            confidence=confidence,
            data={"stated": f"{stated}%", "computed": f"{computed}%", "formula": formula,
                  "budget": shown(pair[0].value, unit), "actual": shown(pair[1].value, unit),
                  "unit": unit, "difference": format_decimal(computed - stated.value),
                  "source": source.en})
        row = span.attrs.get("row_header") or doc.text[span.start:span.end]
        if doc.block_at(span.start).table is not None:
            finding.evidence = f"{row}：{finding.evidence}"  # a bare 98% says too little
        yield finding

    def _judge_balance(self, doc: Document, span: Span, stated: Figure, pairs: list[Pair],
                       unit: str | None, label: str) -> Iterator[Finding]:
        for budget, actual, _, _, _ in pairs:
            lo, hi = budget.lo - actual.hi, budget.hi - actual.lo
            if stated.lo <= hi and lo <= stated.hi:
                return
        budget, actual, b_label, a_label, _ = pairs[0]
        computed = budget.value - actual.value
        unit_text = unit or ""
        formula = (f"{b_label or '预算数'}{shown(budget.value, unit)} − {a_label or '执行数'}"
                   f"{shown(actual.value, unit)} = {shown(computed, unit)}{unit_text}")
        finding = self.finding(
            doc, labelled_start(doc, span) if "label" in span.attrs else span.start, span.end,
            L10n(f"{label}结余写为{shown(stated.value, unit)}{unit_text}，"
                 f"按预算数减执行数应为{shown(computed, unit)}{unit_text}",
                 f"{label}: the balance is stated as {shown(stated.value, unit)} {unit_text} "
                 f"but budget minus actual is {shown(computed, unit)} {unit_text}"),
            L10n(f"结余 = 预算数 − 执行数：{formula}，与所写结余不符（已计入舍入误差）。",
                 f"Balance = budget − actual: {formula}, which does not match the stated "
                 "balance even allowing for rounding."),
            L10n("核对结余及预算数、执行数。", "Check the balance, budget and actual figures."),
            confidence=0.8,
            data={"stated": shown(stated.value, unit), "computed": shown(computed, unit),
                  "formula": formula, "unit": unit,
                  "difference": shown(stated.value - computed, unit)})
        if label:
            finding.evidence = f"{label}：{finding.evidence}"
        yield finding

    def _text_balances(self, doc: Document, by_block: dict[int, list[Span]],
                       parts: set[tuple[int, int]]) -> Iterator[Finding]:
        for q in quantities(doc, "amount"):
            a = q.attrs
            if (a.get("table") is not None or a["approx"] or a["role"] != "balance"
                    or not _PLAIN_BALANCE.match(role_text(a["label"]))):
                continue
            pairs = (self._pairs(by_block.get(q.block, []), parts)
                     or self._confirmed.get(a["sentence"], []))
            if pairs:
                yield from self._judge_balance(doc, q, a["canonical"], pairs, a["unit"],
                                               "")
