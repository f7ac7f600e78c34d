"""year.five_year_plan: a wrong claim about where a year sits in a five-year plan.

十四五 runs 2021–2025 and 十五五 2026–2030, so 2025 is 十四五's 收官之年 and 十五五's 谋篇布局
之年, and "2023年是十四五收官之年" is wrong. Only explicit claims are checked: a year that
is the subject (N年是/为…) of a clause that then calls it the plan's first, n-th, last or
preparation year, or names it a year of a plan it lies outside; and a plan's year range
written in brackets (十四五（2021—2025年）).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.annotate.numbering import cn_to_int
from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Document, Span
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

# Between 十五五 and its years: nothing, 规划/时期, or the plan's own title up to its
# bracket (“十五五”农业农村现代化规划（2021—2025年）).
_GAP = re.compile(r"[”\"’]?(?:规划|时期|[^，,。；;！？《》\n（）()]{0,24}?(?:规划|纲要|计划|方案))?[（(]?")
_MAX_GAP = 30
_SUBJECT = re.compile(r"((?:19|20)\d{2})\s*年度?\s*(?:既|也|还|正|将|即)?(?:是|为|系)")
_CLAIM = re.compile(
    r"[”\"’]?\s*(?:规划|时期|期间)?(?:的|实施的|建设的|发展的)?\s*"
    r"(收官之年|收官年|最后一年|收尾之年|开局之年|开篇之年|起步之年|第一年|首年|"
    r"第([一二三四五1-5])年|谋篇布局之年|谋划之年|编制之年|布局之年|[\u4e00-\u9fa5]{2,4}之年)"
)
_LAST = {"收官之年", "收官年", "最后一年", "收尾之年"}
_FIRST = {"开局之年", "开篇之年", "起步之年", "第一年", "首年"}
_BEFORE = {"谋篇布局之年", "谋划之年", "编制之年", "布局之年"}


def expected_year(claim: str, nth: str | None, first: int, last: int) -> int | None:
    """The year a claim fits, or None when it only says 'a year of the plan'."""
    if claim in _LAST:
        return last
    if claim in _FIRST:
        return first
    if claim in _BEFORE:
        return first - 1
    if nth:
        return first + cn_to_int(nth) - 1
    return None


@register
class FiveYearPlanClaim(Rule):
    id = "year.five_year_plan"
    category = "year.mismatch"
    severity = "medium"
    name = L10n("五年规划年份表述错误", "Wrong five-year-plan year")
    description = L10n(
        "“N年是十四五收官之年/开局之年/第X年”等表述与规划起止年份（十四五2021—2025年，"
        "十五五2026—2030年）不符。",
        "A claim such as “N is the last/first/n-th year of the 14th five-year plan” does not fit "
        "the plan's years (14th: 2021–2025, 15th: 2026–2030).",
    )
    example = "2023年是“十四五”规划收官之年"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        plans = [s for s in doc.spans.get("dates", []) if s.label == "plan"]
        ranges = [s for s in doc.spans.get("dates", []) if s.label == "range"]
        for plan in plans:
            yield from self._range(doc, plan, ranges)
            sentence = next((s for s in doc.sentences if s.start <= plan.start < s.end), None)
            if sentence is None:
                continue
            subjects = list(_SUBJECT.finditer(sentence.text, 0, plan.start - sentence.start))
            if not subjects:
                continue
            subject = subjects[-1]  # the year nearest the plan is the clause's subject
            m = _CLAIM.match(doc.text, plan.end, sentence.end)
            if m is None:
                continue
            year = int(subject.group(1))
            first, last = plan.attrs["first"], plan.attrs["last"]
            claim = m.group(1)
            expected = expected_year(claim, m.group(2), first, last)
            if expected is None:
                if first - 1 <= year <= last:
                    continue
                why = L10n(f"{plan.attrs['plan']}时期为{first}—{last}年，{year}年不在其内",
                           f"the {plan.attrs['plan']} plan covers {first}–{last}; {year} is "
                           "outside it")
            elif expected == year:
                continue
            else:
                why = L10n(
                    f"{plan.attrs['plan']}时期为{first}—{last}年，“{claim}”应是{expected}年",
                    f"the {plan.attrs['plan']} plan covers {first}–{last}, so “{claim}” is "
                    f"{expected}")
            start = sentence.start + subject.start()
            yield self.finding(
                doc, start, m.end(),
                L10n(f"“{year}年是{plan.attrs['plan']}{claim}”的说法有误",
                     f"“{year} is the {plan.attrs['plan']} {claim}” is wrong"),
                L10n(f"报告称{year}年是{plan.attrs['plan']}“{claim}”；{why.zh}。",
                     f"The report calls {year} the “{claim}” of {plan.attrs['plan']}; {why.en}."),
                L10n("核对规划年份后改正表述", "correct the statement to the plan's years"),
                confidence=0.85,
                data={"year": year, "plan": plan.attrs["plan"], "claim": claim,
                      "plan_years": [first, last], "expected": expected},
            )

    def _range(self, doc: Document, plan: Span, ranges: list[Span]) -> Iterator[Finding]:
        for r in ranges:
            gap = doc.text[plan.end:r.start]
            if not 0 <= r.start - plan.end <= _MAX_GAP or not _GAP.fullmatch(gap):
                continue
            first, last = plan.attrs["first"], plan.attrs["last"]
            if (r.attrs["first"], r.attrs["last"]) == (first, last):
                continue
            yield self.finding(
                doc, plan.start, r.end,
                L10n(f"{plan.attrs['plan']}的起止年份写错", f"Wrong years for {plan.attrs['plan']}"),
                L10n(f"报告写作{r.text}，而{plan.attrs['plan']}规划期为{first}—{last}年。",
                     f"The report writes {r.text}; the {plan.attrs['plan']} plan covers "
                     f"{first}–{last}."),
                L10n(f"改为{first}—{last}年", f"write {first}–{last}"),
                confidence=0.85,
                data={"plan": plan.attrs["plan"], "stated": [r.attrs["first"], r.attrs["last"]],
                      "plan_years": [first, last]},
            )
