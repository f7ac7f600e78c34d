"""year.notice: the cited evaluation notice names another fiscal year than the report.

Each round of self-evaluation is launched by a finance-bureau notice that names the fiscal
year being evaluated: the 2022 report cites 《关于开展2022年度…绩效自评工作的通知》. A 2025
report citing a notice on 开展2026年绩效自评 (or 2024) quotes the wrong round, usually a
template carried over. Only self-evaluation (自评) notices are compared: the finance bureau's
own 重点绩效评价 notices are named after the year the work is done, and rectification
notices (整改) after the year that was evaluated earlier. The year the notice was *issued* (〔2026〕X号) is the following year
and is legitimate, so only the year inside the notice's title, or in a sentence saying which
year's evaluation was carried out (开展N年度绩效自评工作), is compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

_LAUNCH = re.compile(r"开展|做好|组织|进行|部署")
_EVAL = re.compile(r"自评|自我评价")
_WORK_SENTENCE = re.compile(
    r"开展\s*((?:19|20)\d{2})\s*年度?[^。；，《》]{0,20}?(?:绩效)?(?:自评|自我评价)工作"
)


@register
class NoticeYearMismatch(Rule):
    id = "year.notice"
    category = "year.mismatch"
    severity = "medium"
    name = L10n("评价通知年度与报告年度不符", "Evaluation notice of another year")
    description = L10n(
        "引用的绩效自评通知（或“开展N年度绩效自评工作”）所指年度与报告评价年度不一致。",
        "The cited self-evaluation notice (or 开展N年度…自评工作) names another fiscal year "
        "than the one the report evaluates.",
    )
    example = "2025年度报告：根据《关于开展2026年绩效自评工作的通知》要求…"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        year = doc.attrs.get("report_year")
        if year is None:
            return
        for span in doc.spans.get("dates", []):
            if span.label != "document" or span.attrs["year"] == year:
                continue
            title = span.attrs["title"]
            if not (span.attrs["notice"] and _EVAL.search(title) and _LAUNCH.search(title)):
                continue
            yield self._finding(doc, span.start, span.end, span.text, span.attrs["year"], year)
        for sentence in doc.sentences:
            for m in _WORK_SENTENCE.finditer(sentence.text):
                start = sentence.start + m.start()
                if int(m.group(1)) == year or _in_title(doc, start):
                    continue
                yield self._finding(doc, start, sentence.start + m.end(), m.group(0),
                                    int(m.group(1)), year)

    def _finding(self, doc: Document, start: int, end: int, quoted: str, cited: int,
                 year: int) -> Finding:
        later = cited > year
        why_zh = (f"评价{year}年度支出的通知应写“开展{year}年度…自评”；{cited}年度的自评要到"
                  f"{cited + 1}年才开展，不可能作为本报告的依据" if later else
                  f"{cited}年度的通知布置的是上一轮自评，本报告评价的是{year}年度，疑为沿用旧模板")
        why_en = (f"a notice for evaluating {year} spending reads 开展{year}年度…自评; the "
                  f"evaluation of {cited} only takes place in {cited + 1}, so it cannot be this "
                  "report's basis" if later else
                  f"the {cited} notice launched an earlier round, while this report evaluates "
                  f"{year}; probably an old template")
        return self.finding(
            doc, start, end,
            L10n(f"引用的自评通知年度为{cited}年，与评价年度{year}年不符",
                 f"The cited evaluation notice is for {cited}, the report evaluates {year}"),
            L10n(f"“{quoted}”所指年度为{cited}年；{why_zh}。文号年份（发文年度）不在比较之列。",
                 f"“{quoted}” names {cited}; {why_en}. The issuing year in the document "
                 "number is not compared."),
            L10n(f"核对通知全称，改为评价{year}年度的通知", f"check the notice's title; cite the "
                 f"notice for fiscal year {year}"),
            confidence=0.8 if later else 0.65,
            data={"cited_year": cited, "report_year": year},
        )


def _in_title(doc: Document, offset: int) -> bool:
    return any(s.label == "document" and s.start <= offset < s.end
               for s in doc.spans.get("dates", []))
