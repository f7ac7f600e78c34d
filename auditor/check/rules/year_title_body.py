"""year.title_body: the title names one year and the body consistently another.

A report copied from last year's file often keeps the old title year (or gets a new title
over old text). The body's year counts only when it is dominant — at least three mentions
and most of the body's years — and the title's year never appears in the body at all, not
even in a full date (截至2025年12月31日) or the cited notice's title, so a report that also
compares with other years or plans for the next one is not flagged.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n


@register
class TitleYearMismatch(Rule):
    id = "year.title_body"
    category = "year.mismatch"
    severity = "high"
    name = L10n("标题年度与正文不符", "Title year differs from the body")
    description = L10n(
        "标题写明的年度与正文反复使用的年度不一致，且正文从未提到标题年度。",
        "The title's year differs from the year the body consistently uses, and the body "
        "never mentions the title's year.",
    )
    example = "标题“2024年度…自评报告”，正文通篇为“2023年预算收入…”"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if not doc.attrs.get("title_has_year"):
            return
        title_blocks = set(doc.attrs.get("title_blocks", []))
        body_year = doc.attrs.get("body_year")
        title_spans = [s for s in doc.spans.get("dates", [])
                       if s.label == "year" and s.block in title_blocks]
        if not title_spans or body_year is None:
            return
        span = title_spans[0]
        title_year = span.attrs["year"]
        if title_year == body_year or doc.attrs.get("report_year") != body_year:
            return  # the dates annotator found the title's year in the body (annotate/dates.py)
        count = sum(1 for s in doc.spans.get("dates", [])
                    if s.label == "year" and s.block not in title_blocks
                    and s.attrs["year"] == body_year)
        yield self.at_span(
            doc, span,
            L10n(f"标题年度为{title_year}年，正文却是{body_year}年",
                 f"The title says {title_year} but the body is about {body_year}"),
            L10n(
                f"标题写“{span.text}”，正文中{body_year}年出现{count}次，是正文的主要年度，"
                f"而{title_year}年在正文中一次也没有出现；自评报告的标题年度应与所评价的预算年度一致。",
                f"The title says “{span.text}”; the body mentions {body_year} {count} times, its "
                f"dominant year, and never mentions {title_year}. A self-evaluation report's title "
                "must name the fiscal year it evaluates.",
            ),
            L10n(f"核对评价年度，将标题改为{body_year}年度，或改正正文中的年份",
                 f"check the fiscal year: change the title to {body_year} or correct the body"),
            confidence=0.8,
            data={"title_year": title_year, "body_year": body_year, "body_count": count},
        )
