"""year.future_date: a date, or a document number's year, later than today.

A report cannot record what has not happened yet. Plans are the exception — 计划于2027年6月
完成, 确保…底前, 至2027年12月 — so a date with such wording around it, or in the measures
section, is left alone. "Today" is ``[rule."year.future_date"] today = "YYYY-MM-DD"`` when
set (tests, re-audits of old batches), else the system date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date

from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Document, Span
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

_PLAN_WORDS = re.compile(r"计划|预计|预期|拟|将于|将在|力争|争取|确保|要求|预定|期限|期为|截至|截止")
_RANGE_BEFORE = re.compile(r"(?:至|到|—|-|~|～)\s*$")
_PLAN_AFTER = re.compile(r"^\s*(?:前|之前|以前|底前|末前|中旬前|上旬前|下旬前|[-—~～至到])")
_PLAN_SECTIONS = {"measures", "goals"}


def today(ctx: CheckContext, rule_id: str) -> date:
    configured = ctx.rule_config(rule_id).get("today")
    if configured is None:
        return date.today()
    return configured if isinstance(configured, date) else date.fromisoformat(str(configured))


def _earliest(span: Span) -> date:
    """The first day the date could mean: 2026年3月 → 2026-03-01."""
    year, month, day = span.attrs["year"], span.attrs["month"], span.attrs["day"]
    if day is None:
        return date(year, month, 1)
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


@register
class FutureDate(Rule):
    id = "year.future_date"
    category = "year.mismatch"
    severity = "medium"
    name = L10n("日期晚于今天", "Date in the future")
    description = L10n(
        "报告记述的日期或文号年份晚于审核当日（计划、期限类表述除外）。",
        "A recorded date, or a document number's year, lies after today (plans and deadlines "
        "excepted).",
    )
    example = "于2031年3月5日召开自评工作会议"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        now = today(ctx, self.id)
        for span in doc.spans.get("dates", []):
            if span.label == "date":
                try:
                    when = _earliest(span)
                except ValueError:
                    continue
                if when <= now or self._is_plan(doc, span):
                    continue
                yield self._finding(doc, span, when.isoformat(), now)
            elif span.label == "doc_number" and span.attrs["year"] > now.year:
                yield self._finding(doc, span, str(span.attrs["year"]), now)

    @staticmethod
    def _is_plan(doc: Document, span: Span) -> bool:
        block = doc.block_at(span.start)
        if block.section in _PLAN_SECTIONS:
            return True
        head = doc.text[block.start:span.start]
        clause = re.split(r"[，,。；;！？]", head)[-1]
        after = doc.text[span.end:min(block.end, span.end + 4)]
        return bool(_PLAN_WORDS.search(clause) or _RANGE_BEFORE.search(clause)
                    or _PLAN_AFTER.match(after))

    def _finding(self, doc: Document, span: Span, when: str, now: date) -> Finding:
        return self.at_span(
            doc, span,
            L10n(f"日期“{span.text}”晚于今天（{now.isoformat()}）",
                 f"The date “{span.text}” is after today ({now.isoformat()})"),
            L10n(f"“{span.text}”最早为{when}，而审核日期为{now.isoformat()}；报告记述的是已发生的"
                 "事实，不可能出现尚未到来的日期，且上下文没有“计划”“前”“至”等表示安排的用语。",
                 f"“{span.text}” is {when} at the earliest, after today {now.isoformat()}; a "
                 "report records what has happened, and nothing around the date marks it as a "
                 "plan or deadline."),
            L10n("核对年份或月份是否录入错误", "check the year and month for a typing error"),
            confidence=0.75,
            data={"date": when, "today": now.isoformat()},
        )
