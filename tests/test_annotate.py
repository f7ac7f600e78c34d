"""Headings, sentences, metadata and sections from text alone."""

from __future__ import annotations

import pytest

from tests.conftest import doc_from_text

REPORT = """附件3
示例市示例区审计局
2024年度整体支出绩效自评报告

一、部门基本情况
（一）部门职能
负责全区审计监督工作；指导内部审计。
（二）人员情况
行政编制12人。
二、预算执行情况
全年支出预算356.20万元！执行率98.5%？
（一）执行分析
三、存在的问题
1、预算编制不够精细，部分项目测算依据不足，与实际需求存在偏差。
"""


def test_title_metadata() -> None:
    doc = doc_from_text(REPORT)
    meta = doc.metadata
    assert meta.title == "示例市示例区审计局2024年度整体支出绩效自评报告"
    assert (meta.department, meta.fiscal_year, meta.kind) == ("示例市示例区审计局", 2024, "department")
    assert meta.region == "示例市示例区"


@pytest.mark.parametrize("title, department", [
    ("衡山县人大常委会机关2022年度部门整体支出绩效自评报告", "衡山县人大常委会机关"),
    ("衡山县第二中学2022年度部门整体支出绩效自评报告", "衡山县第二中学"),
    ("南县第一幼儿园2021年度部门整体支出绩效自评报告", "南县第一幼儿园"),
    ("衡山县供销合作社联合社2021年度部门整体支出绩效自评报告", "衡山县供销合作社联合社"),
    ("白果镇卫生院2019年度部门整体支出绩效自评报告", "白果镇卫生院"),
])
def test_schools_organs_and_cooperatives_are_departments(title: str, department: str) -> None:
    doc = doc_from_text(title + "\n一、部门基本情况\n本单位负责有关工作。\n")
    assert doc.metadata.department == department
    assert doc.attrs["title_has_department"] is True


def test_project_kind_and_body_fallback() -> None:
    doc = doc_from_text("项目支出绩效自评报告\n一、基本情况\n2023年示例县水利局项目支出80万元。"
                        "示例县水利局负责实施。\n")
    assert doc.metadata.kind == "project"
    assert doc.metadata.fiscal_year == 2023
    assert doc.metadata.department == "示例县水利局"
    assert doc.attrs["title_has_department"] is False


def test_body_fallback_ignores_beneficiaries_named_like_units() -> None:
    """部队 ends in 队 but is who the project serves: a body name needs a suffix like 局."""
    text = ("项目支出绩效自评报告\n一、基本情况\n全年走访慰问驻地部队6次。慰问驻地部队官兵"
            "1,200人次。\n")
    assert doc_from_text(text).metadata.department is None
    doc = doc_from_text(text + "示例县退役军人事务局牵头实施，示例县退役军人事务局负责资金拨付。\n")
    assert doc.metadata.department == "示例县退役军人事务局"


def test_heading_levels_and_list_items() -> None:
    doc = doc_from_text(REPORT)
    headings = [(b.level, b.text) for b in doc.headings]
    assert (1, "一、部门基本情况") in headings
    assert (2, "（一）部门职能") in headings
    assert (2, "（一）执行分析") in headings
    numbered_prose = next(b for b in doc.blocks if b.text.startswith("1、预算编制"))
    assert numbered_prose.kind == "paragraph" and numbered_prose.marker == "1、"


def test_sentences_split_on_chinese_punctuation() -> None:
    doc = doc_from_text(REPORT)
    texts = [s.text for s in doc.sentences]
    assert "负责全区审计监督工作；" in texts and "指导内部审计。" in texts
    assert "全年支出预算356.20万元！" in texts and "执行率98.5%？" in texts


def test_sections_typed_from_headings() -> None:
    doc = doc_from_text(REPORT)
    by_title = {s.title: s.type for s in doc.sections}
    assert by_title["一、部门基本情况"] == "basic_info"
    assert by_title["二、预算执行情况"] == "budget"
    assert by_title["三、存在的问题"] == "problems"
    assert by_title["（一）执行分析"] in ("budget", "results")


def test_locations_map_back_to_source_lines() -> None:
    doc = doc_from_text(REPORT)
    offset = doc.text.index("行政编制12人")
    assert doc.location_at(offset).line == 9


def test_table_cells_and_header() -> None:
    doc = doc_from_text("标题2024年度示例局绩效自评报告\n\t单位：万元\n\n\t项目\n\t预算数\n\n\t经费\n\t12.5\n\n正文。\n")
    table = doc.tables[0].table
    assert table is not None
    assert table.grid() == [["单位：万元", ""], ["项目", "预算数"], ["经费", "12.5"]]  # rows padded
    assert table.unit == "万元" and table.header_rows == 2
    cell = table.rows[2][1]
    assert doc.text[cell.start:cell.end] == "12.5"
    assert doc.location_at(cell.start).line == 8
