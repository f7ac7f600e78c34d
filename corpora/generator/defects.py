"""Defects the generator can inject: name → (category, injector), each at a known place.

An injector changes the report in place — its facts (then the parts are written again, so
every mention stays consistent except the one the defect is about) or a part's text — and
returns where a reviewer would find the defect: the file lines and a string of the
evidence. ``inject`` snapshots the report first; ``Injection.repair`` restores it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from corpora.generator.facts import Facts, money
from corpora.generator.render import SCALE, indicator_row, rerender
from corpora.generator.report import Part, Report


@dataclass(frozen=True)
class Expected:
    """Where the defect is: any of ``lines`` (1-based), with ``needle`` in the text there."""

    lines: frozenset[int]
    needle: str


@dataclass(frozen=True)
class Defect:
    name: str
    category: str
    apply: Callable[[Report], Expected]
    note: str


@dataclass
class Injection:
    report: Report
    defect: Defect
    expected: Expected
    _state: tuple[Facts, list[Part]]

    def repair(self) -> Report:
        self.report.restore(self._state)
        return self.report


DEFECTS: dict[str, Defect] = {}


def defect(name: str, category: str, note: str) -> Callable[[Callable[[Report], Expected]],
                                                           Callable[[Report], Expected]]:
    def wrap(fn: Callable[[Report], Expected]) -> Callable[[Report], Expected]:
        DEFECTS[name] = Defect(name, category, fn, note)
        return fn
    return wrap


def inject(report: Report, name: str) -> Injection:
    state = report.snapshot()
    spec = DEFECTS[name]
    return Injection(report, spec, spec.apply(report), state)


def _replace(report: Report, key: str, old: str, new: str) -> Expected:
    part = report.part(key)
    assert old in part.text, (key, old)
    part.text = part.text.replace(old, new, 1)
    return Expected(frozenset(report.lines(key)), new)


def _insert_after(report: Report, key: str, new: Part) -> None:
    report.parts.insert(report.index(key) + 1, new)


def _lines(report: Report, *keys: str) -> frozenset[int]:
    return frozenset(line for key in keys for line in report.lines(key))


# amounts ---------------------------------------------------------------------------------

@defect("amount.sum_sentence", "amount.sum_mismatch", "income total ≠ its parts")
def _sum_sentence(report: Report) -> Expected:
    f = report.facts
    wrong = f.budget + Decimal("12.00")
    return _replace(report, "income", f"{f.budget}万元", f"{wrong}万元")


@defect("amount.sum_table", "amount.sum_mismatch", "a table row changed, 合计 kept")
def _sum_table(report: Report) -> Expected:
    rows = report.part("budget_table").rows
    assert rows is not None
    row = rows[1]
    row[1] = str(money(Decimal(row[1]) + Decimal("8.00")))
    row[3] = f"{money(Decimal(row[2]) / Decimal(row[1]) * 100)}%"
    return Expected(_lines(report, "budget_table"), row[1])


@defect("amount.text_table", "amount.sum_mismatch", "table's first line and total ≠ the text")
def _text_table(report: Report) -> Expected:
    rows = report.part("budget_table").rows
    assert rows is not None
    for row in (rows[1], rows[-1]):  # the table stays self-consistent, the text disagrees
        row[1] = str(money(Decimal(row[1]) + Decimal("15.00")))
        row[3] = f"{money(Decimal(row[2]) / Decimal(row[1]) * 100)}%"
    keys = ("income", "spending") if report.facts.kind == "department" else ("income",)
    return Expected(_lines(report, "budget_table", *keys), rows[-1][1])


@defect("amount.rate", "amount.rate_mismatch", "stated execution rate ≠ actual ÷ budget")
def _rate(report: Report) -> Expected:
    f = report.facts
    return _replace(report, "execution", f"{f.rate}%", f"{f.rate - Decimal('3.25')}%")


# scores ----------------------------------------------------------------------------------

def _full_mark_row(report: Report) -> int:
    f = report.facts
    return next(i for i, ind in enumerate(f.indicators)
                if ind.level1 == "产出指标" and ind.unit != "%" and ind.score == ind.weight)


@defect("score.sum_table", "score.sum_mismatch", "an indicator's score lowered, totals kept")
def _score_sum(report: Report) -> Expected:
    i = _full_mark_row(report)
    rows = report.part("indicator_table").rows
    assert rows is not None
    rows[i + 1][6] = str(Decimal(rows[i + 1][6]) - 2)
    return Expected(_lines(report, "indicator_table", "conclusion"), rows[i + 1][6])


@defect("score.grade", "score.grade_mismatch", "grade of another band")
def _grade(report: Report) -> Expected:
    f = report.facts
    other = "良好" if f.grade == "优秀" else "优秀"
    return _replace(report, "conclusion", f"“{f.grade}”", f"“{other}”")


@defect("score.unearned", "score.unearned", "full marks for an actual below target")
def _unearned(report: Report) -> Expected:
    i = _full_mark_row(report)
    ind = report.facts.indicators[i]
    ind.actual = (ind.target * Decimal("0.8")).quantize(Decimal(1))
    rerender(report)
    rows = report.part("indicator_table").rows
    assert rows is not None
    return Expected(frozenset(report.lines("indicator_table", row=i + 1)), ind.name)


@defect("score.inflated", "score.inflated", "a high score with 60% of the budget spent")
def _inflated(report: Report) -> Expected:
    f = report.facts
    for line in f.lines:
        line.actual = money(line.budget * Decimal("0.6"))
    f.rescore()
    for ind in f.indicators:  # the facts admit the low execution; the other scores stay full
        if ind.level1 == "效益指标":
            ind.actual = max(ind.actual, ind.target)
            ind.score = ind.weight
    rerender(report)
    assert f.total >= 90, f.total
    return Expected(_lines(report, "conclusion", "execution", "indicator_table"), str(f.total))


# indicators ------------------------------------------------------------------------------

def _set_cells(report: Report, i: int, target: str | None, actual: str | None) -> Expected:
    ind = report.facts.indicators[i]
    ind.target_text = target if target is not None else ind.target_text
    ind.actual_text = actual if actual is not None else ind.actual_text
    rerender(report)
    rows = report.part("indicator_table").rows
    assert rows is not None
    rows[i + 1] = indicator_row(ind)
    if actual == "":
        rows[i + 1][4] = ""
    return Expected(frozenset(report.lines("indicator_table", row=i + 1)), ind.name)


@defect("indicator.no_actual", "indicator.missing_value", "an indicator with no actual value")
def _no_actual(report: Report) -> Expected:
    return _set_cells(report, _full_mark_row(report), None, "")


@defect("indicator.vague_target", "indicator.unquantified", "target 有效保障 for a count")
def _vague_target(report: Report) -> Expected:
    return _set_cells(report, _full_mark_row(report), "有效保障", None)


@defect("indicator.actual_done", "indicator.unquantified", "actual of just 完成")
def _actual_done(report: Report) -> Expected:
    return _set_cells(report, _full_mark_row(report), None, "完成")


# years -----------------------------------------------------------------------------------

@defect("year.title", "year.mismatch", "title names the previous year")
def _title_year(report: Report) -> Expected:
    y = report.year
    return _replace(report, "title.year", f"{y}年度", f"{y - 1}年度")


@defect("year.notice", "year.mismatch", "cites the notice of the next round")
def _notice(report: Report) -> Expected:
    y = report.year
    return _replace(report, "intro", f"开展{y}年度", f"开展{y + 1}年度")


@defect("year.future_date", "year.mismatch", "signed on a date after the audit date")
def _future(report: Report) -> Expected:
    y = report.year
    return _replace(report, "sign.date", f"{y + 1}年", f"{y + 2}年")


@defect("year.plan", "year.mismatch", "wrong five-year-plan claim")
def _plan(report: Report) -> Expected:
    part = report.part("plan")
    y = report.year
    name = "十四五" if y >= 2021 else "十三五"
    claim = "开局之年" if "收官之年" in part.text else "收官之年"
    rest = part.text.split("，", 1)[1]
    part.text = f"{y}年是“{name}”规划{claim}，{rest}"
    return Expected(frozenset(report.lines("plan")), f"{y}年是")


@defect("year.table_column", "year.mismatch", "budget table headed with an older year")
def _table_year(report: Report) -> Expected:
    rows = report.part("budget_table").rows
    assert rows is not None
    y = report.year
    rows[0] = [c.replace(f"{y}年", f"{y - 2}年") for c in rows[0]]
    return Expected(frozenset(report.lines("budget_table", row=0)), f"{y - 2}年")


# conclusion and claims -------------------------------------------------------------------

@defect("structure.no_conclusion", "structure.missing_conclusion", "scale given, result not")
def _no_conclusion(report: Report) -> Expected:
    report.part("conclusion").text = SCALE
    rows = report.part("indicator_table").rows
    assert rows is not None
    rows.pop()
    return Expected(frozenset(report.lines("conclusion")), "得分≥90分为优秀")


@defect("claim.satisfaction", "claim.unsupported", "100% satisfaction with no survey")
def _satisfaction(report: Report) -> Expected:
    f = report.facts
    f.indicators[-1].actual = Decimal(100)
    f.satisfaction = Decimal(100)
    rerender(report)
    process = report.part("process")
    process.text = process.text.split("采取", 1)[0] + "采取查阅资料、核对账目和实地查看相结合的方式开展了自评。"
    report.part("satisfaction").text = "服务对象满意度为100%。"
    rows = report.part("indicator_table").rows
    assert rows is not None
    return Expected(report.lines("satisfaction") | report.lines("indicator_table",
                                                                  row=len(rows) - 2),
                    "满意度")


@defect("claim.score_without_table", "claim.unsupported", "a total with no scoring table")
def _no_table(report: Report) -> Expected:
    report.parts = [p for p in report.parts if p.key not in ("h.table", "indicator_table")]
    return Expected(frozenset(report.lines("conclusion")), str(report.facts.total))


@defect("claim.difference", "claim.contradiction", "无差异 after 存在一定差异")
def _difference(report: Report) -> Expected:
    _insert_after(report, "difference", Part("injected", "全年预算数与执行数无差异。"))
    return Expected(_lines(report, "injected", "difference"), "无差异")


@defect("claim.balance", "claim.contradiction", "无结余 after 年末结余X万元")
def _balance(report: Report) -> Expected:
    _insert_after(report, "difference", Part("injected", "资金使用规范，年末无结余。"))
    return Expected(_lines(report, "injected", "execution"), "无结余")


@defect("claim.completion", "claim.contradiction", "全部完成 for an item the problems call 未完成")
def _completion(report: Report) -> Expected:
    task = report.facts.task
    _insert_after(report, "h.effects", Part("injected", f"{task}已全部完成，投入使用情况良好。"))
    return Expected(_lines(report, "injected", "problem"), "完成")


# text and structure (issue 2) ------------------------------------------------------------

@defect("text.bookmark", "text.artifact", "Word bookmark left in the text")
def _bookmark(report: Report) -> Expected:
    part = report.part("staff")
    part.text = "[bookmark: _GoBack]" + part.text
    return Expected(frozenset(report.lines("staff")), "[bookmark: _GoBack]")


@defect("text.placeholder", "text.template_residue", "template placeholder left in")
def _placeholder(report: Report) -> Expected:
    report.part("application").text = "（此处填写结果应用情况）"
    return Expected(frozenset(report.lines("application")), "此处填写")


@defect("text.doubled", "text.typo", "了了")
def _doubled(report: Report) -> Expected:
    return _replace(report, "process", "开展了自评", "开展了了自评")


@defect("structure.skip", "structure.numbering", "heading number skipped")
def _skip(report: Report) -> Expected:
    return _replace(report, "h.conclusion", "六、", "七、")


@defect("structure.no_department", "structure.missing_metadata", "title without department")
def _no_department(report: Report) -> Expected:
    report.parts = [p for p in report.parts if p.key != "title.department"]
    return Expected(frozenset(report.lines("title.year")), str(report.year))
