"""structure.missing_metadata: the title does not name the department or the fiscal year.

Reviewers deduct for a missing cover item: a report titled only 项目支出绩效自评汇总报告
cannot be filed or compared without reading the body. The body may still reveal both
(the metadata annotator rescues them for dashboards), but the title itself must say them.
A transfer-payment (central fund) self-evaluation is reported by a region, so there the
region in the title stands for the department. A self-evaluation form on its own (项目支出
绩效自评表) has no report title: its header fields (主管部门, （2023年度）) state both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

_FORM_TITLE = re.compile(r"^[^。；]{0,40}(?:自评表|申报表|评价表|目标表)")
_FORM_DEPARTMENT = re.compile(r"(?:主管部门|实施单位|单位名称|填报单位|部门名称|预算单位|部门)\s*[|｜：:\s]"
                              r"\s*[\dA-Za-z-]*[\u4e00-\u9fa5（）()]{3,30}")
_FORM_YEAR = re.compile(r"[（(]\s*(?:19|20)\d{2}\s*年?度?\s*[)）]|(?:19|20)\d{2}\s*年度")


def _form_names_both(doc: Document) -> bool:
    """A form (…自评表) whose header fields give the department and the year."""
    opening = [b for b in doc.blocks[:8] if b.text.strip()]
    head = doc.text[:1500]
    return (any(_FORM_TITLE.match(b.text.strip()) for b in opening)
            and bool(_FORM_DEPARTMENT.search(head)) and bool(_FORM_YEAR.search(head)))


@register
class MissingMetadata(Rule):
    id = "structure.missing_metadata"
    category = "structure.missing_metadata"
    severity = "medium"
    name = L10n("标题缺少单位或年度", "Title lacks department or year")
    description = L10n(
        "检查报告标题（封面）是否写明了部门（单位）名称和评价年度。",
        "Checks that the title (cover) names the department and the fiscal year.",
    )
    example = "项目支出绩效自评汇总报告"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        meta = doc.metadata
        if meta.title_block is None:
            first = next((b for b in doc.blocks if b.text.strip()), None)
            if first is None or _form_names_both(doc):
                return
            yield self.finding(
                doc, first.start, first.end,
                L10n("未找到报告标题", "No report title found"),
                L10n("文档开头几行中没有以“报告”结尾的标题行，无法确认部门和年度。",
                     "None of the opening lines is a title ending in 报告, so the department "
                     "and year are not stated on the cover."),
                L10n("在开头写明“××单位××年度××绩效自评报告”形式的标题",
                     "start with a title naming the department, the year and the report type"),
                confidence=0.7,
            )
            return
        missing_zh: list[str] = []
        missing_en: list[str] = []
        # a transfer-payment self-evaluation names its region, which is the reporting entity
        if not doc.attrs.get("title_has_department") and not doc.attrs.get("regional_report"):
            missing_zh.append("部门（单位）名称")
            missing_en.append("the department")
        if not doc.attrs.get("title_has_year"):
            missing_zh.append("评价年度")
            missing_en.append("the fiscal year")
        if not missing_zh:
            return
        title_blocks = doc.attrs.get("title_blocks") or [meta.title_block]
        start = doc.blocks[title_blocks[0]].start
        end = doc.blocks[title_blocks[-1]].end
        rescued_zh = []
        rescued_en = []
        if meta.department and not doc.attrs.get("title_has_department"):
            rescued_zh.append(f"正文显示单位可能是“{meta.department}”")
            rescued_en.append(f"the body suggests the department is “{meta.department}”")
        if meta.fiscal_year and not doc.attrs.get("title_has_year"):
            rescued_zh.append(f"正文显示年度可能是{meta.fiscal_year}年")
            rescued_en.append(f"the body suggests the year {meta.fiscal_year}")
        hint_zh = "；" + "，".join(rescued_zh) if rescued_zh else ""
        hint_en = "; " + ", ".join(rescued_en) if rescued_en else ""
        yield self.finding(
            doc, start, end,
            L10n(f"标题缺少{'和'.join(missing_zh)}", f"The title lacks {' and '.join(missing_en)}"),
            L10n(f"标题“{meta.title}”中没有{'和'.join(missing_zh)}{hint_zh}。",
                 f"The title “{meta.title}” does not state {' and '.join(missing_en)}{hint_en}."),
            L10n(f"在标题中补充{'和'.join(missing_zh)}", f"add {' and '.join(missing_en)} to the title"),
            confidence=0.9,
            data={"missing": missing_en, "title": meta.title},
        )
