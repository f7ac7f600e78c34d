"""score.inflated: a high score that the report's own facts contradict.

A high overall score (≥90, or the top grade) is set against what the same report says: a
low budget execution rate (stated, or 执行/预算 from its own tables), items scored high
although nothing was spent, shortfalls admitted in the problems section while every
indicator got full marks, and a table of many projects that all got 100. Each fact adds to
the confidence; the message lists them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from auditor.annotate.grades import rank
from auditor.annotate.numbers import parse_number
from auditor.annotate.score_tables import ProjectScore, ScoreTables
from auditor.check.registry import CheckContext, Rule, register
from auditor.check.score_arithmetic import num, short
from auditor.model.document import Document, Span
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

HIGH = Decimal(90)
LOW_EXECUTION = Decimal(85)
MIN_UNIFORM = 5
_RATE = re.compile(r"(总体|整体|全年|部门|项目)?(?:预算|资金)执行率\s*(?:为|达到|达|是|仅为|仅|[：:])?\s*"
                   r"(\d+(?:\.\d+)?)\s*[%％]")
_SHORTFALL = re.compile(r"未(?:能)?(?:完成|达到|达标|实现|按期|按时|如期)|没有完成|滞后|进度(?:缓慢|较慢|偏慢)"
                        r"|差距较大")


@dataclass
class Fact:
    zh: str
    en: str
    weight: float


def _execution_rate(doc: Document, tables: ScoreTables | None) -> Fact | None:
    stated = [m for s in doc.sentences if "执行率" in s.text for m in _RATE.finditer(s.text)]
    overall = [m for m in stated if m.group(1) in ("总体", "整体", "全年", "部门")] or stated[:1]
    for m in overall:
        figure = parse_number(m.group(2))
        if figure is not None and figure.value < LOW_EXECUTION:
            return Fact(f"报告称{m.group(0)}（低于{LOW_EXECUTION}%）",
                        f"the report states {m.group(0)} (below {LOW_EXECUTION}%)",
                        0.5 + min(float(LOW_EXECUTION - figure.value) / 100, 0.35))
    if stated or tables is None:
        return None
    for ind in tables.indicators:
        rate = None
        if ind.budget is not None and ind.executed is not None and ind.budget.value > 0:
            rate = ind.executed.value / ind.budget.value * 100
            how = f"执行数{ind.executed}÷预算数{ind.budget} = {num(rate)}%"
        elif ind.rate and ind.rate.number and ind.rate.unit == "%":
            rate, how = ind.rate.number.value, f"执行率{ind.rate.text}"
        elif "执行率" in ind.name and ind.actual and ind.actual.number and ind.actual.unit == "%":
            rate, how = ind.actual.number.value, f"实际值{ind.actual.text}"
        if rate is not None and rate < LOW_EXECUTION:
            return Fact(f"评分表“{short(ind.name)}”{how}（低于{LOW_EXECUTION}%）",
                        f"score table “{short(ind.name)}”: {how} (below {LOW_EXECUTION}%)",
                        0.5 + min(float(LOW_EXECUTION - rate) / 100, 0.35))
    for rows in tables.projects:
        funded = [r for r in rows if r.budget is not None and r.executed is not None]
        budget = sum((r.budget.value for r in funded if r.budget), Decimal(0))
        spent = sum((r.executed.value for r in funded if r.executed), Decimal(0))
        if funded and budget > 0 and spent / budget * 100 < LOW_EXECUTION:
            rate = spent / budget * 100
            return Fact(f"项目表执行数合计{num(spent)}÷预算数合计{num(budget)} = {num(rate)}%",
                        f"project table: spent {num(spent)} ÷ budget {num(budget)} = {num(rate)}%",
                        0.5 + min(float(LOW_EXECUTION - rate) / 100, 0.35))
    return None


def _never_spent(rows: list[ProjectScore]) -> Fact | None:
    idle = [r for r in rows if r.executed is not None and r.executed.value == 0
            and r.score is not None and r.score.value >= HIGH]
    if not idle:
        return None
    names = "、".join(f"{short(r.name, 10)}（执行数0，得分{r.score}）" for r in idle)
    names_en = ", ".join(f"{short(r.name, 10)} (spent 0, scored {r.score})" for r in idle)
    return Fact(f"未支出的项目得高分：{names}", f"items never spent yet scored high: {names_en}", 0.6)


def _uniform(rows: list[ProjectScore]) -> Fact | None:
    scores = [r.score for r in rows if r.score is not None]
    if len(scores) >= MIN_UNIFORM and all(s.value == 100 for s in scores):
        return Fact(f"项目评分表{len(scores)}个项目全部为100分",
                    f"all {len(scores)} projects of the score table got 100", 0.45)
    return None


def _all_full_marks(tables: ScoreTables | None) -> bool:
    if tables is None:
        return False
    inds = [i for i in tables.indicators if i.weight is not None and i.score is not None]
    if len(inds) >= 3:
        return all(i.score is not None and i.weight is not None and i.score.value >= i.weight.value
                   for i in inds)
    rows = [r.score for t in tables.projects for r in t if r.score is not None]
    return len(rows) >= 3 and all(s.value == 100 for s in rows)


def _shortfalls(doc: Document) -> list[Span]:
    return [s for s in doc.sentences
            if doc.block_at(s.start).section == "problems" and _SHORTFALL.search(s.text)]


def _high(doc: Document) -> tuple[int, int, str] | None:
    overall: Span | None = doc.attrs.get("overall_score")
    grade: Span | None = doc.attrs.get("overall_grade")
    if overall is not None and overall.attrs["figure"].value >= HIGH:
        return overall.start, overall.end, overall.text
    if grade is not None and rank(grade.attrs["grade"]) == 1:
        return grade.start, grade.end, f"评价等级“{grade.attrs['grade']}”"
    return None


@register
class ScoreInflated(Rule):
    id = "score.inflated"
    category = "score.inflated"
    severity = "medium"
    name = L10n("高分与报告事实不符", "High score contradicted by the report's facts")
    description = L10n(
        "总得分≥90或评为优，但报告自身显示预算执行率低、资金未支出、问题部分承认未完成而各指标"
        "仍满分，或大量项目一律100分。",
        "A high overall score (≥90 or the top grade) against the report's own facts: low "
        "execution, items never spent, admitted shortfalls while every indicator has full "
        "marks, or many projects all scored 100.",
    )
    example = "总得分97分，优秀；正文称预算执行率63%。"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        tables: ScoreTables | None = doc.attrs.get("score_tables")
        projects = tables.projects if tables is not None else []
        high = _high(doc)
        facts: list[Fact] = []
        for rows in projects:
            facts.extend(f for f in (_never_spent(rows), _uniform(rows)) if f)
        if high is None and not facts:
            return
        rate = _execution_rate(doc, tables)
        if rate:
            facts.append(rate)
        admitted = _shortfalls(doc)
        if admitted and _all_full_marks(tables):
            quote = "；".join(short(s.text, 30) for s in admitted[:2])
            facts.append(Fact(f"问题部分承认“{quote}”，而各指标均为满分",
                              f"the problems section admits “{quote}” while every indicator "
                              "has full marks", 0.5))
        if not facts:
            return
        if high is None:
            first = next(r for rows in projects for r in rows)
            high = first.start, first.end, "项目评分表"
        start, end, claim = high
        miss = 1.0
        for fact in facts:
            miss *= 1 - fact.weight
        yield self.finding(
            doc, start, end,
            L10n(f"{claim}与报告所述事实不符：" + "；".join(f.zh for f in facts),
                 f"{claim} is contradicted by the report: " + "; ".join(f.en for f in facts)),
            L10n("高分（≥90分或优）需要与执行和完成情况相符。依据：" + "；".join(f.zh for f in facts)
                 + f"。以上事实越多、越明显，判断越可靠（综合可信度 {1 - miss:.0%}）。",
                 "A high score (≥90 or top grade) should match execution and delivery. Facts: "
                 + "; ".join(f.en for f in facts)
                 + f". Confidence combines the facts: 1 − ∏(1 − weight) = {1 - miss:.2f}."),
            L10n("按实际执行和完成情况重新评分，或说明高分依据。",
                 "Rescore against actual execution and delivery, or justify the high score."),
            confidence=1 - miss,
            data={"facts": [f.zh for f in facts]},
        )
