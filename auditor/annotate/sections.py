"""Sections from the heading outline, typed by the keywords of their headings.

This keyword typing is the transparent baseline; the trained section classifier refines the
per-block types later in the pipeline. Every heading opens a section that runs to the next
heading of the same or a higher level; a sub-section with no telling keyword inherits its
parent's type.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from auditor.annotate.registry import annotator
from auditor.model.document import Document, Section

SECTION_TYPES = ("basic_info", "budget", "goals", "process", "results", "conclusion",
                 "problems", "measures", "application", "other", "appendix")

SECTION_NAMES_ZH = {
    "basic_info": "基本情况", "budget": "预算收支与执行", "goals": "绩效目标",
    "process": "自评工作开展", "results": "目标完成与指标分析", "conclusion": "评价结论与得分",
    "problems": "存在问题与原因", "measures": "改进措施与建议", "application": "结果应用与公开",
    "other": "其他", "appendix": "附件与评分表",
}

# "支出" alone is no budget keyword: 项目支出 / 整体支出 name the report's subject in almost
# every heading (项目支出决策情况, 整体支出绩效目标). "针对…问题" introduces measures, and
# "绩效目标实现情况" is about results, not the targets as set.
KEYWORDS: list[tuple[str, re.Pattern[str]]] = [
    ("appendix", re.compile(r"附件|附表|评分表|自评表|佐证材料")),
    ("measures", re.compile(r"针对.{0,6}问题|改进|措施|建议|整改|下一步|意见")),
    # 偏离绩效目标的原因 / 未完成原因: the transfer-payment template's problems heading
    ("problems", re.compile(r"问题|不足|差距|偏差原因|偏离.{0,10}原因|未完成.{0,4}原因")),
    ("application", re.compile(r"(?:评价|自评)?结果.{0,2}(?:应用|运用)|应用情况|公开")),
    # …结果拟应用和公开情况 is about using the results, not stating them
    ("conclusion", re.compile(r"结论|得分|等级|(?:评价|自评)结果(?!.{0,3}(?:应用|运用|公开))|"
                              r"总体评价|综合评价")),
    ("process", re.compile(r"自评工作|评价工作|组织实施|方法和过程|自评的组织|工作开展|工作情况|"
                           r"评价思路|评价过程|自评组织|评价依据")),
    ("results", re.compile(r"绩效目标的?(?:实现|完成)|实现情况|完成情况|指标分析|产出|效益|"
                           r"绩效情况|履职|满意度|完成程度|绩效分析|成效")),
    ("goals", re.compile(r"绩效目标|目标设定|目标、指标|目标设立")),
    ("budget", re.compile(r"预算|收支|资金|决算|(?<!项目)(?<!整体)支出|经费|执行|财务")),
    ("basic_info", re.compile(r"基本情况|概况|基本信息|职能|职责|机构|人员|资产|背景")),
    ("other", re.compile(r"其他|其它")),
]


@lru_cache(maxsize=4096)
def type_of_heading(text: str) -> str | None:
    """The keyword type whose first hit comes earliest in the heading."""
    best: tuple[int, int, str] | None = None
    for rank, (code, pattern) in enumerate(KEYWORDS):
        m = pattern.search(text)
        if m and (best is None or (m.start(), rank) < best[:2]):
            best = (m.start(), rank, code)
    return best[2] if best else None


def heading_keyword_types(text: str) -> set[str]:
    """Every type whose keywords occur in the heading (存在的问题及改进措施 → both)."""
    return {code for code, pattern in KEYWORDS if pattern.search(text)}


@annotator(40)
def build_sections(doc: Document, config: dict[str, Any]) -> None:
    headings = doc.headings
    doc.sections = []
    stack: list[Section] = []
    last = len(doc.blocks) - 1
    for n, block in enumerate(headings):
        level = block.level or 0
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        end = last
        for later in headings[n + 1 :]:
            if (later.level or 0) <= level:
                end = later.index - 1
                break
        kind = type_of_heading(block.body_text) or (parent.type if parent else "other")
        section = Section(block.text, kind, level, block.index, block.index, end, block.loc)
        doc.sections.append(section)
        stack.append(section)
    for block in doc.blocks:
        inner = doc.section_of(block)
        block.section = inner.type if inner else "other"
