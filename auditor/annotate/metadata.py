"""Title, department, fiscal year, report kind and region.

The title is the run of short lines at the top that ends with the line naming the report
(…报告); cover debris such as 附件3 is skipped. Department and year come from the title;
when the title lacks them the body supplies them, and ``doc.attrs`` records which, so the
missing-metadata rule can tell a complete title from a rescued one.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from auditor.annotate.registry import annotator
from auditor.model.document import Document, ReportKind

_COVER = re.compile(r"^(附件|附表|附)\s*\d*[：:]?$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# In a title the 年 is sometimes dropped: 岳阳市…中心2018绩效评价自评报告.
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年度?|(?=绩效|部门|整体|项目|专项|预算|决算))"
                         r"|^\s*((?:19|20)\d{2})(?=[\u4e00-\u9fa5])")  # 2019泗县…: leading year
# The year on its own line under the title: （2022年度） or a cover field 评价年度：2024.
_SUBTITLE_YEAR = re.compile(r"^[（(]\s*((?:19|20)\d{2})\s*年?度?\s*[)）]$"
                            r"|^(?:评价|考核|预算|所属)?年度\s*[：:]\s*((?:19|20)\d{2})")
_KIND_PHRASE = re.compile(
    r"(?:(?:部门|单位)?整体(?:支出)?|项目支出|部门|单位|预算|财政|专项资金|项目)*"
    r"(?:预算)?(?:绩效)?(?:自评|自我评价|评价)?(?:价)?(?:汇总)?报告.*$"
)
_ORG_SUFFIX = (
    r"(?:委员会|常务委员会|办公室|人民政府|政府|政协|局|厅|委|办|院|所|中心|站|队|馆|协会|学校|"
    r"医院|大学|学院|法院|检察院|联合会|总工会|工会|团委|妇联|党校|部|处|科|署|会|机关|中学|小学|"
    r"幼儿园|卫生院|合作社|联合社|联社|供销社)"
)
_ORG_END = re.compile(_ORG_SUFFIX)
_ORG_AT_END = re.compile(_ORG_SUFFIX + "$")
# Suffixes that name an organisation whatever precedes them (局, 中心); 队, 部, 科 and 会 also
# end ordinary words (部队, 全部, 学科, 会议 …).
_STRONG_SUFFIX = (
    r"(?:委员会|办公室|人民政府|政协|局|厅|中心|医院|学校|大学|学院|法院|检察院|联合会|"
    r"总工会|妇联|团委|党校|协会|研究院|研究所|图书馆|博物馆|文化馆|纪念馆|机关|中学|小学|"
    r"幼儿园|卫生院|合作社|联合社|联社|供销社)"
)
_STRONG_ORG = re.compile(r"^.*" + _STRONG_SUFFIX)
_STRONG_AT_END = re.compile(_STRONG_SUFFIX + "$")
_HAN = re.compile(r"[\u4e00-\u9fa5]")
_REGION = re.compile(
    r"^((?:[\u4e00-\u9fa5]{2,7}?(?:省|自治区)(?![省区]))?"
    r"(?:[\u4e00-\u9fa5]{1,6}?(?:市|自治州|州|盟|地区)(?![市州县区]))?"
    r"(?:[\u4e00-\u9fa5]{1,6}?(?:区|县|旗)(?![区县]))?)"
)
# Prepositions and conjunctions that open a clause before a name: 由…牵头, 经…批准, 向…报送.
_LEAD_WORDS = set("由经在向对为与和及是被从将把按据于以给同跟")
_GENERIC_DEPT = {"部门", "单位", "本部门", "本单位", "我单位", "我部门"}
# A transfer-payment (central fund) self-evaluation is reported by a region, not a department:
# 某市2024年度中央农村综合改革转移支付绩效自评报告.
_REGIONAL_FUND = re.compile(r"转移支付|区域绩效|中央|省级|资金")
# A township government is a budget unit of its own: 仁和区同德镇, 田心乡, 东湖街道办事处.
_TOWNSHIP = re.compile(
    r"^(?:[\u4e00-\u9fa5]{1,12}?(?:省|自治区|市|自治州|州|盟|地区|区|县|旗))*"
    r"[\u4e00-\u9fa5]{1,6}?(?:镇|乡|街道(?:办事处)?|苏木)$")


def _title_blocks(doc: Document) -> list[int]:
    """Indexes of the title lines among the first few blocks, or [] if there is none."""
    lines: list[int] = []
    for block in doc.blocks[:8]:
        text = block.text.strip()
        if block.kind == "table" or not text:
            break
        if _COVER.match(text) and not lines:
            continue
        if len(text) > 60:
            break
        lines.append(block.index)
        if "报告" in text:
            return lines
    return []


def _kind(text: str) -> ReportKind:
    if "整体" in text:
        return "department"
    if "项目" in text:
        return "project"
    return "other"


def _department_in(text: str) -> str | None:
    """The organisation a piece of title names, not a project name.

    A remainder ending in an organisation suffix is the department; otherwise the longest
    prefix ending in an unambiguous suffix (局, 委员会, 中心 …) is, as in 农业农村局 +
    高标准农田建设项目. A bare project name (养老服务站点运营补助) names no department.
    """
    text = _KIND_PHRASE.sub("", text).strip(" ：:（）()")
    if len(text) < 2 or text in _GENERIC_DEPT:
        return None
    if "关于" in text:  # 公文 title: X镇关于…的报告, the sender stands before 关于
        sender = text[: text.index("关于")]
        if len(sender) >= 2 and (_ORG_AT_END.search(sender) or _is_township(sender)):
            return sender
    if _ORG_AT_END.search(text) or _is_township(text):
        return text
    m = _STRONG_ORG.match(text)
    return m.group(0) if m and len(m.group(0)) >= 3 else None


def _is_township(text: str) -> bool:
    return bool(_TOWNSHIP.match(text)) and not text.endswith(("城乡", "乡镇"))


def _clean_department(title: str) -> str | None:
    """The department named before the year, else after it (2021年度忻州市…办公室…)."""
    title = re.sub(r"\[bookmark:[^\]]*\]", "", title)
    m = _TITLE_YEAR.search(title)
    if m is None:
        return _department_in(title)
    return _department_in(title[: m.start()]) or _department_in(title[m.end() :])


def _body_department(doc: Document) -> str | None:
    """The longest organisation name that recurs and stands after punctuation at least once.

    Names end in an unambiguous organisation suffix (委员会, 局, 中心…): with 队 or 部 the
    beneficiaries of a project (慰问驻地部队) would win. Requiring a clean left boundary
    somewhere keeps "度石鼓区人民代表大会…" (glued to 2023年度) from beating the real name.
    """
    text = doc.text[:8000]
    counts: Counter[str] = Counter()
    bounded: set[str] = set()
    for m in _ORG_END.finditer(text):
        end = m.end()
        for length in range(4, 21):
            start = end - length
            if start < 0 or not _HAN.match(text[start]):
                break
            name = text[start:end]
            counts[name] += 1
            if start == 0 or not _HAN.match(text[start - 1]):
                bounded.add(name)
                if name[0] in _LEAD_WORDS:  # 由市人民政府办公室牵头: the name is what follows
                    bounded.add(name[1:])
    candidates = [n for n, c in counts.items() if c >= 2 and n in bounded
                  and _STRONG_AT_END.search(n) and n not in _GENERIC_DEPT
                  and n[0] not in _LEAD_WORDS and not n.startswith(("本", "我", "各", "该"))]
    return max(candidates, key=lambda n: (counts[n] >= 3, len(n), counts[n]), default=None)


def _title_year(doc: Document, title: str, title_ix: list[int]) -> int | None:
    """The year the title names, or the subtitle line under it: （2022年度）, 评价年度：2024."""
    m = _TITLE_YEAR.search(title)
    if m:
        return int(m.group(1) or m.group(2))
    if not title_ix:
        return None
    after = [b.text.strip() for b in doc.blocks[title_ix[-1] + 1 : title_ix[-1] + 6]
             if b.text.strip()][:2]
    for line in after:
        sub = _SUBTITLE_YEAR.match(line)
        if sub:
            return int(sub.group(1) or sub.group(2))
    return None


def _body_year(doc: Document) -> int | None:
    years = Counter(int(y) for y in _YEAR.findall(doc.text[:8000]))
    return years.most_common(1)[0][0] if years else None


@annotator(5)
def read_metadata(doc: Document, config: dict[str, Any]) -> None:
    meta = doc.metadata
    title_ix = _title_blocks(doc)
    title = "".join(doc.blocks[i].text.strip() for i in title_ix)
    meta.title = title
    meta.title_block = title_ix[-1] if title_ix else None
    doc.attrs["title_blocks"] = title_ix
    title_year = _title_year(doc, title, title_ix)
    title_dept = _clean_department(title) if title else None
    doc.attrs["title_has_year"] = title_year is not None
    doc.attrs["title_has_department"] = title_dept is not None
    meta.fiscal_year = title_year or _body_year(doc)
    meta.department = title_dept or _body_department(doc)
    meta.kind = _kind(title) if title else _kind(doc.text[:300])
    if meta.department:
        region = _REGION.match(meta.department)
        meta.region = region.group(1) if region and region.group(1) else None
    title_region = _REGION.match(title)
    doc.attrs["regional_report"] = bool(
        title_dept is None and title_region and title_region.group(1)
        and _REGIONAL_FUND.search(title))
    if doc.attrs["regional_report"] and not meta.region:
        meta.region = title_region.group(1) if title_region else None
