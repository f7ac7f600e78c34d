"""The quantities annotator: units, Chinese numerals, table units, roles, stages, lists."""

from __future__ import annotations

from decimal import Decimal

import pytest

from auditor.annotate.quantities import quantities
from tests.conftest import doc_from_text


def _one(text: str, kind: str = "amount") -> dict:
    spans = quantities(doc_from_text(text), kind)
    assert len(spans) == 1, [s.text for s in spans]
    return spans[0].attrs


@pytest.mark.parametrize(("text", "value", "unit", "stated"), [
    ("全年支出919.60万元。", "9196000", "万元", "919.60"),
    ("下达资金1.2亿元。", "120000000", "亿元", "1.2"),
    ("支付印刷费3,500元。", "3500", "元", "3500"),
    ("下达专项资金三百万元。", "3000000", "万元", "300"),
    ("下达专项资金一亿二千万元。", "120000000", "万元", "12000"),
    ("支出８５．５万元。", "855000", "万元", "85.5"),
])
def test_amount_units_and_numerals(text: str, value: str, unit: str, stated: str) -> None:
    a = _one(text)
    assert a["value"] == Decimal(value)
    assert a["unit"] == unit
    assert str(a["figure"]) == stated


def test_interval_follows_the_stated_unit() -> None:
    a = _one("全年支出919.60万元。")
    assert a["canonical"].lo == Decimal("9195950") and a["canonical"].hi == Decimal("9196050")


@pytest.mark.parametrize(("text", "kind", "unit"), [
    ("群众满意度达到95%。", "percent", "%"),
    ("满意率为百分之九十。", "percent", "%"),
    ("全年召开常委会会议12次。", "count", "次"),
    ("组织培训320人次。", "count", "人次"),
    ("开展会议、培训不少于20批次。", "count", "批次"),
    ("总得分为97.84分。", "score", "分"),
    ("实际建成高标准农田1.15万亩。", "count", "万亩"),  # the 万 stays with the unit
    ("全年处置生活垃圾3.5万吨。", "count", "万吨"),
])
def test_other_kinds(text: str, kind: str, unit: str) -> None:
    a = _one(text, kind)
    assert a["unit"] == unit


def test_years_dates_and_words_are_not_quantities() -> None:
    doc = doc_from_text("2025年是十四五规划收官之年，发放一次性补贴，分为4个等级，三分之一。")
    found = [(s.text, s.attrs["kind"]) for s in quantities(doc)]
    assert found == [("4个", "count")]


def test_grades_need_a_grade_context() -> None:
    doc = doc_from_text("自评结果为“优秀”。系统运行良好，均为一般公共预算收入。")
    grades = [s.attrs["grade"] for s in quantities(doc, "grade")]
    assert grades == ["优秀"]


def test_approximate_and_bounded_figures() -> None:
    doc = doc_from_text("支出约1000万元，另有100余万元。满意度不低于95%，时间控制在30天以内。")
    flags = [(s.text, s.attrs["approx"], s.attrs["comparator"]) for s in quantities(doc)]
    assert flags == [("1000万元", True, None), ("100余万元", True, None),
                     ("95%", False, ">="), ("30天", False, "<=")]


def test_labels_roles_and_stage() -> None:
    doc = doc_from_text(
        "2025年单位支出预算为919.60万元，其中基本支出822.21万元，包括人员经费731.94万元"
        "和日常公用经费90.27万元；项目支出97.39万元，主要为人大会议支出35万元。\n"
        "2025年度决算财政拨款本年支出919.60万元，其中：基本支出822.21万元。"
    )
    got = [(s.attrs["label"], s.attrs["role"], s.attrs["stage"]) for s in quantities(doc)]
    assert got == [
        ("2025年单位支出预算", "expense_total", "budget"),
        ("基本支出", "basic", "budget"),
        ("人员经费", "personnel", "budget"),
        ("日常公用经费", "public", "budget"),
        ("项目支出", "project", "budget"),
        ("人大会议支出", "item", "budget"),
        ("2025年度决算财政拨款本年支出", "fiscal", "actual"),
        ("基本支出", "basic", "actual"),
    ]
    assert all(s.attrs["role_zh"] for s in quantities(doc))


def test_bracketed_aside_stays_in_the_label() -> None:
    a = _one("代表活动经费（含代表履职经费）支出41万元。")
    assert a["label"] == "代表活动经费（含代表履职经费）支出"
    assert a["role"] == "item"


def test_table_unit_from_header_row_and_cell_origin() -> None:
    doc = doc_from_text(
        "二、预算执行\n\t汇总表\n\n\t\n\t单位：万元\n\n\t项目名称\n\t预算数\n\t自评得分\n\n"
        "\t代表经费\n\t15.12334\n\t98\n\n三、结论\n"
    )
    amount = quantities(doc, "amount")[0].attrs
    assert amount["value"] == Decimal("151233.4") and amount["unit"] == "万元"
    assert (amount["row_header"], amount["col_header"], amount["stage"]) == ("代表经费", "预算数",
                                                                           "budget")
    assert (amount["row"], amount["col"]) == (3, 1)
    score = quantities(doc, "score")[0].attrs
    assert score["value"] == Decimal(98) and score["role"] == "score"


def test_header_unit_overrides_and_other_of_column_inherits() -> None:
    doc = doc_from_text(
        "二、资金\n\t任务\n\t预算数(元)\n\t其中：财政拨款\n\t执行数(元)\n\n"
        "\t立法\n\t2000\n\t1500\n\t1800\n\n三、结论\n"
    )
    got = [(s.attrs["unit"], s.attrs["stage"], s.attrs["value"]) for s in quantities(doc, "amount")]
    assert got == [("元", "budget", 2000), ("元", "budget", 1500), ("元", "actual", 1800)]


def test_score_sheet_columns_are_not_money() -> None:
    doc = doc_from_text(
        "五、结论\n\t一级指标\n\t分值\n\t得分\n\t评价等级\n\n\t产出\n\t40\n\t38\n\t优秀\n\n六、问题\n")
    kinds = sorted(s.attrs["kind"] for s in quantities(doc))
    assert kinds == ["grade", "score", "score"]


def test_amount_groups_nest_and_close() -> None:
    doc = doc_from_text(
        "2024年单位支出预算为919.60万元，其中基本支出822.21万元，包括人员经费731.94万元和"
        "日常公用经费90.27万元；项目支出97.39万元，主要为会议支出35万元，培训支出62.39万元。")
    groups = [(g.attrs["total"].text, [p.attrs["label"] for p in g.attrs["parts"]],
               g.attrs["exhaustive"]) for g in doc.spans["amount_groups"]]
    assert groups == [
        ("919.60万元", ["基本支出", "项目支出"], True),
        ("822.21万元", ["人员经费", "日常公用经费"], True),
        ("97.39万元", ["会议支出", "培训支出"], False),
    ]


def test_amount_group_with_an_extra_clause_is_invalid() -> None:
    doc = doc_from_text("项目支出为120万元，包括会议经费30万元，培训经费20万元，主要用于干部培训，"
                        "印刷经费10万元。")
    assert [g.attrs["valid"] for g in doc.spans["amount_groups"]] == [False]


def test_a_bare_stage_label_continues_the_named_item_before_it() -> None:
    """实际支出 after 公务接待费预算… is the reception budget's spending; across a ；, or as
    全年支出, a figure speaks for itself."""
    doc = doc_from_text("2024年公务接待费预算2.10万元，实际支出1.64万元、执行率78.10%；"
                        "实际支出5.92万元。本年度安排气象经费186.40万元，其中预警经费20万元，"
                        "全年支出181.95万元。\n")
    labels = {q.text: (q.attrs["label"], q.attrs["role"]) for q in doc.spans["quantities"]}
    assert labels["1.64万元"] == ("公务接待费实际支出", "item")
    assert labels["78.10%"][0] == "公务接待费执行率"
    assert labels["5.92万元"] == ("实际支出", "expense_total")
    assert labels["181.95万元"] == ("全年支出", "expense_total")
