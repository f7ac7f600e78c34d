"""score.sum_mismatch: indicator scores or weights that do not add up.

Checks each stated subtotal (group label 产出（30）, title row 二、…（60分）, 小计, 合计) against
its indicators — a named 小计 (产出指标小计) against its group's items only, and a 合计 against
the items, never items and 小计 rows together — the table total against the total score stated in the text, and — when the
report has no 合计 row — the scores of all its indicator tables against that total, with
weights summing to 100. A check whose component is missing (an indicator without a weight or
score) does not run. Sums follow the rounding-interval rule, except that whole-number scores
and weights are exact (a reviewer assigns 10 points; 9.6 would be written 9.6): with ±0.5
on each of a dozen integer rows, a one-point error could never be seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from auditor.annotate.numbers import Figure, consistent
from auditor.annotate.score_tables import Indicator, ScoreTables, Subtotal
from auditor.check.registry import CheckContext, Rule, register
from auditor.check.score_arithmetic import addends, assigned_sum, interval, num, scores_add_up
from auditor.model.document import Document, Span
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

HUNDRED = Figure(Decimal(100), 0)

_WHAT = {"weight": L10n("分值（权重）", "weights"), "score": L10n("得分", "scores")}


def _parts(inds: list[Indicator], members: list[int], field: str) -> list[tuple[str, Figure]] | None:
    parts = []
    for i in members:
        value = getattr(inds[i], field)
        if value is None:
            return None
        parts.append((inds[i].name, value))
    return parts or None


def _agrees_with_groups(tables: ScoreTables, total: Subtotal, field: str,
                        stated: Figure) -> bool:
    """Whether a 合计 equals the sum of the stated group subtotals (and of the indicators in
    no group): the 合计 then follows the table's own 小计s, and a 小计 that differs from its
    items is reported once, as that 小计, not again as the 合计."""
    if total.kind != "total":
        return False
    inside = set(total.members)
    groups: dict[frozenset[int], Figure] = {}
    for sub in tables.subtotals:
        value = getattr(sub, field)
        members = frozenset(sub.members)
        if (sub is total or sub.kind == "total" or sub.table != total.table or value is None
                or not members or not members <= inside or members in groups):
            continue
        groups[members] = value
    covered = [m for group in groups for m in group]
    if not groups or len(covered) != len(set(covered)):
        return False  # nested groups: no single reading of the 小计s
    parts = list(groups.values())
    for i in sorted(inside - set(covered)):  # an indicator in no group counts by itself
        value = getattr(tables.indicators[i], field)
        if value is None:
            return False
        parts.append(value)
    return scores_add_up(stated, [(str(i), value) for i, value in enumerate(parts)])


@register
class ScoreSumMismatch(Rule):
    id = "score.sum_mismatch"
    category = "score.sum_mismatch"
    severity = "high"
    name = L10n("指标得分合计不符", "Indicator scores do not add up")
    description = L10n(
        "核对评分表中各指标得分、分值与小计（如产出（30））、合计及正文所述总得分是否一致，"
        "多张评分表合并计算；按数值修约区间判断。",
        "Checks indicator scores and weights against their subtotals (e.g. 产出（30）), the "
        "table total and the total score stated in the text, across all score tables, with "
        "the rounding-interval rule.",
    )
    example = "评分表各项得分之和为97.25分，正文称总得分98.25分。"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        tables: ScoreTables | None = doc.attrs.get("score_tables")
        if tables is None or not tables.indicators:
            return
        yield from self._subtotals(doc, tables)
        yield from self._overall(doc, tables)

    def _subtotals(self, doc: Document, tables: ScoreTables) -> Iterator[Finding]:
        seen: set[tuple[frozenset[int], str, str]] = set()
        for sub in tables.subtotals:
            weights = _parts(tables.indicators, sub.members, "weight")
            scores = _parts(tables.indicators, sub.members, "score")
            stated = {"weight": sub.weight, "score": sub.score}
            if (sub.kind == "total" and sub.weight is None and sub.score is not None and weights
                    and scores_add_up(sub.score, weights)
                    and not (scores and scores_add_up(sub.score, scores))):
                # A 合计 row with one figure that is the weights' sum states the full marks.
                stated = {"weight": sub.score, "score": None}
            for field, parts in (("weight", weights), ("score", scores)):
                total = stated[field]
                if total is None or parts is None:
                    continue
                key = (frozenset(sub.members), field, str(total))
                if key in seen:
                    continue
                seen.add(key)
                if not scores_add_up(total, parts) and not _agrees_with_groups(
                        tables, sub, field, total):
                    yield self._table_finding(doc, sub, field, total, parts)

    def _table_finding(self, doc: Document, sub: Subtotal, field: str, total: Figure,
                       parts: list[tuple[str, Figure]]) -> Finding:
        value = num(assigned_sum(parts)[0])
        what = _WHAT[field]
        label = sub.label or "合计"
        return self.finding(
            doc, sub.start, sub.end,
            L10n(f"“{label}”{what.zh}{total}与所含指标{what.zh}之和{value}不符",
                 f"“{label}” states {what.en} of {total}, its indicators add up to {value}"),
            L10n(f"所含{len(parts)}项指标的{what.zh}：", f"The {len(parts)} indicators' {what.en}: ")
            + addends(parts)
            + L10n(f"；所述{what.zh}{total}的区间为{interval(total)}，两者不重叠。",
                   f"; the stated {total} stands for {interval(total)}; they do not overlap."),
            L10n("核对各指标分值和得分，更正小计或合计。",
                 "Recheck the indicators' weights and scores and correct the subtotal or total."),
            confidence=0.9,
            data={"stated": str(total), "computed": value, "field": field,
                  "addends": [[n, str(f)] for n, f in parts]},
        )

    def _overall(self, doc: Document, tables: ScoreTables) -> Iterator[Finding]:
        overall: Span | None = doc.attrs.get("overall_score")
        totals = [s for s in tables.subtotals if s.kind == "total" and s.score is not None]
        if overall is None:
            return
        stated: Figure = overall.attrs["figure"]
        if len(totals) == 1:
            table_total = totals[0].score
            assert table_total is not None
            if not consistent(stated, [table_total]):
                yield self.finding(
                    doc, overall.start, overall.end,
                    L10n(f"正文总得分{stated}与评分表合计{table_total}不符",
                         f"The text's total score {stated} differs from the table total "
                         f"{table_total}"),
                    L10n(f"正文“{overall.text}”（区间{interval(stated)}）；评分表合计行得分"
                         f"{table_total}（区间{interval(table_total)}），两者不重叠。",
                         f"Text “{overall.text}” ({interval(stated)}); the score table's total "
                         f"row gives {table_total} ({interval(table_total)}); no overlap."),
                    L10n("统一正文与评分表的总得分。", "Make the text and the table agree."),
                    confidence=0.85,
                    data={"stated": str(stated), "table_total": str(table_total)},
                )
            return
        if totals:
            return
        all_members = list(range(len(tables.indicators)))
        weights = _parts(tables.indicators, all_members, "weight")
        scores = _parts(tables.indicators, all_members, "score")
        if weights is None or scores is None:
            return
        weights_ok = scores_add_up(HUNDRED, weights)
        scores_ok = scores_add_up(stated, scores)
        if weights_ok and not scores_ok:
            yield self._text_finding(doc, overall, stated, scores, len(tables.tables))
        elif scores_ok and not weights_ok:
            yield self._weights_finding(doc, overall, weights)

    def _text_finding(self, doc: Document, overall: Span, stated: Figure,
                      parts: list[tuple[str, Figure]], n_tables: int) -> Finding:
        value = num(assigned_sum(parts)[0])
        return self.finding(
            doc, overall.start, overall.end,
            L10n(f"总得分{stated}与{n_tables}张评分表的指标得分之和{value}不符",
                 f"Total score {stated} differs from the sum {value} of the indicator scores "
                 f"in {n_tables} score table(s)"),
            L10n("各指标分值合计100，得分：", "Weights add up to 100; scores: ")
            + addends(parts)
            + L10n(f"；正文总得分{stated}的区间为{interval(stated)}，两者不重叠。",
                   f"; the stated total {stated} stands for {interval(stated)}; no overlap."),
            L10n("核对各指标得分与总得分，更正其一。",
                 "Recheck the indicator scores and the total; correct one of them."),
            confidence=0.85,
            data={"stated": str(stated), "computed": value,
                  "addends": [[n, str(f)] for n, f in parts]},
        )

    def _weights_finding(self, doc: Document, overall: Span,
                         parts: list[tuple[str, Figure]]) -> Finding:
        value = num(assigned_sum(parts)[0])
        return self.finding(
            doc, overall.start, overall.end,
            L10n(f"评分表各指标分值合计{value}，不是100分",
                 f"The indicator weights add up to {value}, not 100"),
            L10n("各指标分值：", "Weights: ") + addends(parts)
            + L10n("；满分应为100分（得分之和与总得分一致，说明评分表是完整的）。",
                   "; full marks should be 100 (the scores do match the stated total, so the "
                   "tables are complete)."),
            L10n("核对各指标分值（权重），使其合计为100。",
                 "Recheck the weights so that they add up to 100."),
            confidence=0.75,
            data={"computed": value, "addends": [[n, str(f)] for n, f in parts]},
        )
