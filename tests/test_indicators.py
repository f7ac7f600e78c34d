"""Indicator tables, targets, grades and stated scores: the annotator behind the score rules."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from auditor.annotate import annotate
from auditor.annotate.grades import configured_scheme, stated_scheme
from auditor.annotate.score_tables import ScoreTables
from auditor.annotate.targets import parse_value
from auditor.check import run_checks
from auditor.check.score_arithmetic import scores_add_up
from auditor.config import ConfigError
from auditor.model.document import Block, Cell, Document, Table
from auditor.model.location import Location
from auditor.read import read_path
from tests.conftest import doc_from_text, requires_shared, seed_files

HEAD = ["一级指标", "二级指标", "三级指标", "分值", "指标值", "完成值", "得分"]


def table(*rows: list[str]) -> str:
    """Rows in the txt convention: a tab-prefixed line per cell, a blank line between rows."""
    return "\n\n".join("\n".join("\t" + c for c in row) for row in rows) + "\n\n"


def report(body: str, conclusion: str = "") -> str:
    return ("示范区人社局2024年度项目支出绩效自评报告\n一、项目基本情况\n项目预算120万元。\n"
            "二、绩效目标实现情况\n" + body + "三、评价结论\n" + (conclusion or "详见上表。") + "\n")


def tables_of(doc: Document) -> ScoreTables:
    tables = doc.attrs["score_tables"]
    assert isinstance(tables, ScoreTables)
    return tables


def test_merged_cells_written_once_align_from_the_right() -> None:
    doc = doc_from_text(report(table(
        HEAD,
        ["产出指标（30）", "数量指标", "培训人次", "20", "≥500人次", "520人次", "20"],
        ["质量指标", "培训合格率", "10", "≥95%", "96%", "10"],
        ["效益指标（70）", "社会效益指标", "就业率", "70", "≥60%", "62%", "70"],
    )))
    inds = tables_of(doc).indicators
    assert [i.name for i in inds] == ["培训人次", "培训合格率", "就业率"]
    assert [(i.level1, i.level2) for i in inds] == [
        ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标")]
    second = inds[1]
    assert (str(second.weight), str(second.score)) == ("10", "10")
    assert second.target is not None and second.target.op == ">="
    assert second.target.number is not None and second.target.number.value == 95
    assert second.actual is not None and second.actual.unit == "%"
    groups = {s.label: s for s in tables_of(doc).subtotals if s.kind == "group"}
    assert groups["产出指标"].members == [0, 1] and str(groups["产出指标"].weight) == "30"
    spans = doc.spans["indicators"]
    assert [s.attrs["name"] for s in spans] == ["培训人次", "培训合格率", "就业率"]
    assert doc.text[spans[1].start:spans[1].end].startswith("培训合格率")


def test_merged_cells_as_empty_cells_and_several_tables() -> None:
    head = ["二级指标", "三级指标", "权重", "目标值", "业绩值", "得分"]
    doc = doc_from_text(report(
        "（一）产出\n" + table(head, ["数量", "入户走访", "60", ">=6次", "6次", "60"],
                               ["", "技能竞赛", "20", ">=3次", "3次", "19.5"])
        + "（二）满意度\n" + table(head, ["满意度", "群众满意度", "20", ">=95%", "96%", "20"]),
        "综合评价，总得分99.5分，属于“优秀”。"))
    tables = tables_of(doc)
    assert [i.level1 for i in tables.indicators] == ["数量", "数量", "满意度"]
    assert len({i.table for i in tables.indicators}) == 2
    overall = doc.attrs["overall_score"]
    assert overall.attrs["figure"].value == Decimal("99.5")
    assert doc.attrs["overall_grade"].attrs["grade"] == "优秀"
    parts = [(i.name, i.score) for i in tables.indicators if i.score is not None]
    assert scores_add_up(overall.attrs["figure"], parts)


def test_word_style_padded_rows_align_from_the_right() -> None:
    """A .docx row with its merged cells left out is padded at the end with located cells."""
    def row(r: int, texts: list[str]) -> list[Cell]:
        cells = [Cell(t, Location(table=0, row=r, col=c)) for c, t in enumerate(texts)]
        return cells + [Cell("", Location(table=0, row=r, col=c)) for c in range(len(texts), 7)]

    grid = [row(0, HEAD), row(1, ["产出指标（30）", "数量指标", "培训人次", "20", "≥500人次", "520人次", "20"]),
            row(2, ["质量指标", "培训合格率", "10", "≥95%", "96%", "10"]), row(3, ["合计", "30", "30"])]
    blocks = [Block("paragraph", "二、绩效目标实现情况", Location(paragraph=0)),
              Block("table", "", Location(table=0), table=Table(grid))]
    doc = annotate(Document("<docx>", "docx", "0", blocks).finalize())
    tables = tables_of(doc)
    assert [(i.level1, i.level2, i.name, str(i.weight)) for i in tables.indicators] == [
        ("产出指标", "数量指标", "培训人次", "20"), ("产出指标", "质量指标", "培训合格率", "10")]
    total = next(s for s in tables.subtotals if s.kind == "total")
    assert (str(total.weight), str(total.score)) == ("30", "30")


def test_table_split_by_a_blank_line_inside_a_cell_is_joined() -> None:
    text = report(
        table(HEAD, ["整体目标（100）", "产出（60）", "场地保障", "≥10批次", "10", "60", "60"],
              ["", "效果（40）", "学员满意度"])
        + "企业满意度\n"
        + table(["满意率不低于90%", "96%", "40", "40"], ["合计", "100", "100"]))
    tables = tables_of(doc_from_text(text))
    names = [i.name for i in tables.indicators]
    assert names == ["场地保障", "学员满意度"]
    satisfaction = tables.indicators[1]
    assert str(satisfaction.score) == "40" and satisfaction.target is not None
    total = next(s for s in tables.subtotals if s.kind == "total")
    assert total.members == [0, 1] and str(total.score) == "100"


def test_sub_header_keeps_level_one_group_running() -> None:
    doc = doc_from_text(report(table(
        HEAD,
        ["预算管理（8）", "财务管理（4）", "制度健全性", "无问题", "无问题", "4", "4"],
        ["", "指标", "2023年", "2024年", "分值", "得分"],
        ["", "结转结余率（4）", "3%", "2%", "4", "4"],
    )))
    tables = tables_of(doc)
    group = next(s for s in tables.subtotals if s.label == "预算管理")
    assert group.members == [0, 1]
    assert tables.indicators[1].name == "结转结余率（4）"
    assert tables.indicators[1].level1 == "预算管理"


def test_project_score_table() -> None:
    doc = doc_from_text(report(table(
        ["序号", "项目名称", "预算数（万元）", "执行数（万元）", "自评得分", "评价等级"],
        ["1", "培训补贴", "80.00", "78.50", "95", "优秀"],
        ["2", "见习补贴", "10", "0", "92", "优秀"],
    )))
    tables = tables_of(doc)
    assert not tables.indicators
    rows = tables.projects[0]
    assert [(r.name, str(r.score), r.grade) for r in rows] == [
        ("培训补贴", "95", "优秀"), ("见习补贴", "92", "优秀")]
    assert rows[1].executed is not None and rows[1].executed.value == 0


def test_prose_indicators() -> None:
    doc = doc_from_text(report("绩效指标：任务完成率、群众满意度。\n产出指标：培训人次520人次。\n"))
    prose = doc.spans["prose_indicators"]
    assert [(s.attrs["items"], s.attrs["numbers"]) for s in prose] == [
        (["任务完成率", "群众满意度"], False), (["培训人次520人次"], True)]


@pytest.mark.parametrize(("sentence", "score", "grade"), [
    ("按照评分细则，本项目总得分为 96.4 分，结果：优秀。", "96.4", "优秀"),
    ("经评价，本项目自评得分86.5分，评价等级为“良好”。", "86.5", "良好"),
    ("综合得分：92分，评定为优。", "92", "优"),
    ("项目自评得分93.15,综合评价结果为:优。", "93.15", "优"),
    ("按资金权重汇总，综合得76.35分，评价等级为“中”。", "76.35", "中"),
    ("经评价，本项目评价结果为94分，评价等级为优。", "94", "优"),
])
def test_stated_score_and_grade(sentence: str, score: str, grade: str) -> None:
    doc = doc_from_text(report("培训任务完成。\n", sentence))
    assert str(doc.attrs["overall_score"].attrs["figure"]) == score
    assert doc.attrs["overall_grade"].attrs["grade"] == grade


@pytest.mark.parametrize("sentence", [
    "本单位各项目自评得分均在85分以上。",
    "评分体系满分100分，其中产出指标50分。",
    "预算执行率得分率98%。",
])
def test_not_a_total_score(sentence: str) -> None:
    doc = doc_from_text(report(sentence + "\n"))
    assert doc.attrs["overall_score"] is None


@pytest.mark.parametrize("text", [
    "评价结果分四档：得分≥85分为优秀；75≤得分＜85分为良好；60≤得分＜75分为一般；得分＜60分为较差。",
    "评价等级分为优秀（85-100分）、良好（75-84分）、一般（60-74分）、较差（0-59分）。",
    "85分（含）以上为优秀，75（含）-85分为良好，60（含）-75分为一般，60分以下为较差。",
])
def test_stated_thresholds(text: str) -> None:
    scheme = stated_scheme(text, 0)
    assert scheme is not None
    assert [(b.grade, b.minimum) for b in scheme.bands] == [
        ("优秀", 85), ("良好", 75), ("一般", 60), ("较差", 0)]
    assert scheme.grade_for(Decimal("84.9")).grade == "良好"


def test_thresholds_found_in_a_paragraph() -> None:
    doc = doc_from_text(report("培训任务完成。\n", "得分≥85分为优秀；75≤得分＜85分为良好；"
                                              "60≤得分＜75分为一般；得分＜60分为较差。总得分86分，属于“优秀”。"))
    assert doc.attrs["grade_thresholds"] is not None
    assert str(doc.attrs["overall_score"].attrs["figure"]) == "86"


def test_configured_schemes() -> None:
    assert configured_scheme({}).grade_for(Decimal(89)).grade == "良"
    district = configured_scheme({"grades": {"scheme": "district_85"}})
    assert district.grade_for(Decimal(85)).grade == "优秀"
    custom = configured_scheme({"grades": {"scheme": "city", "schemes": {"city": {"bands": [
        {"grade": "优", "min": 80}, {"grade": "良", "min": 70}, {"grade": "中", "min": 60},
        {"grade": "差", "min": 0}]}}}})
    assert custom.grade_for(Decimal(81)).grade == "优"
    with pytest.raises(ConfigError):
        configured_scheme({"grades": {"scheme": "nonexistent"}})
    with pytest.raises(ConfigError):
        configured_scheme({"grades": {"scheme": "bad", "schemes": {"bad": {"bands": [
            {"grade": "优", "min": 180}]}}}})


@pytest.mark.parametrize(("text", "op", "number", "unit", "tier"), [
    ("全年不少于20期", ">=", "20", "期", None),
    (">=6次以上", ">=", "6", "次", None),
    ("<=0%", "<=", "0", "%", None),
    ("控制在5%以内", "<=", "5", "%", None),
    ("不超过3次", "<=", "3", "次", None),
    ("=100%", "=", "100", "%", None),
    ("基本完成", None, None, None, "partly"),
    ("未完成", None, None, None, "not"),
    ("全年", None, None, None, None),
    ("2024年", None, None, None, None),
    ("2024年培训不少于500人次", ">=", "500", "人次", None),
])
def test_parse_value(text: str, op: str | None, number: str | None, unit: str | None,
                     tier: str | None) -> None:
    value = parse_value(text)
    assert (value.op, str(value.number) if value.number else None, value.unit, value.tier) == (
        op, number, unit, tier)


SCORE_RULES = ["score.sum_mismatch", "score.grade_mismatch"]


SEEDS = [*seed_files(), *seed_files("docx"), *seed_files("pdf")]


@requires_shared
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_seed_score_tables_reconcile(path: Path) -> None:
    """Every real report's score tables add up and its grades match, whatever the format."""
    doc = annotate(read_path(path))
    findings = run_checks([doc], {}, only=SCORE_RULES)[0]
    assert not findings, [f.message.zh for f in findings]
    tables = tables_of(doc)
    for sub in tables.subtotals:
        parts = [(tables.indicators[i].name, tables.indicators[i].weight) for i in sub.members]
        if sub.kind in ("group", "title") and sub.weight and all(w for _, w in parts):
            assert scores_add_up(sub.weight, parts), sub.label  # type: ignore[arg-type]


@requires_shared
def test_seed_totals_are_found() -> None:
    """The seeds with score tables yield indicators whose scores meet a stated total."""
    checked = 0
    for path in seed_files():
        doc = doc_from_text(path.read_text(encoding="utf-8"), str(path))
        tables = tables_of(doc)
        scores = [(i.name, i.score) for i in tables.indicators if i.score is not None]
        totals = [s.score for s in tables.subtotals if s.kind == "total" and s.score]
        overall = doc.attrs["overall_score"]
        stated = totals[0] if len(totals) == 1 else overall.attrs["figure"] if overall else None
        if scores and stated is not None:
            assert scores_add_up(stated, scores), path.name  # type: ignore[arg-type]
            checked += 1
    assert checked >= 2


@requires_shared
def test_seed_unearned_findings_show_a_missed_target() -> None:
    """Any unearned-score finding on the seeds concerns an actual below its target."""
    for path in seed_files():
        doc = doc_from_text(path.read_text(encoding="utf-8"), str(path))
        for f in run_checks([doc], {}, only=["score.unearned"])[0]:
            assert "=" in f.explanation.zh and f.data["score"] != f.data["max_supported"]


def _word_form(path: Path, split_after_funds: bool) -> None:
    """A 项目支出绩效自评表 as Word draws it: the 项目资金 block (the execution score) and
    the indicators with one 总分, in one table or in two tables one after the other."""
    import docx

    funds = [["项目资金（万元）", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
             ["", "650.00", "612.36", "10", "94.21%", "9.42"]]
    indicators = [HEAD, ["产出指标", "数量指标", "设备数量", "50", "28台", "28台", "50"],
                  ["效益指标", "社会效益指标", "门诊人次增长率", "40", "≥8%", "9.1%", "40"],
                  ["总分", "", "", "100", "", "", "99.42"]]
    d = docx.Document()
    d.add_paragraph("示例县中医医院2024年度中医诊疗设备购置项目绩效自评报告")
    parts = [funds, indicators] if split_after_funds else [funds + indicators]
    for rows in parts:
        t = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                t.cell(r, c).text = text
    d.save(str(path))


@pytest.mark.parametrize("split", [False, True])
def test_a_form_drawn_as_two_word_tables_is_one_score_table(tmp_path: Path, split: bool) -> None:
    """The 总分 counts the execution score of the 项目资金 block above the indicators,
    whether Word holds them in one table or in two."""
    path = tmp_path / "form.docx"
    _word_form(path, split)
    doc = annotate(read_path(str(path)), {})
    assert run_checks([doc], {}, only=["score.sum_mismatch"])[0] == []
