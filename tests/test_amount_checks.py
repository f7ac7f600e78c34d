"""The money checks on the real reports, and the computation every money finding shows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from auditor.annotate.numbers import Figure, parse_number
from auditor.annotate.quantities import quantities
from auditor.check import run_checks
from auditor.check.table_grid import grids
from tests.conftest import doc_from_text, requires_shared, seed_files

SUM_RULES = ["amount.sum_mismatch", "amount.table_total", "amount.text_table"]


@requires_shared
def test_seed_sums_reconcile_and_raise_nothing() -> None:
    """Every total in the five reports adds up (checked by hand), including table rows given
    to 5–6 decimals against totals given to 2; the checks must have run and stayed quiet."""
    lists = totals = 0
    for path in seed_files():
        doc = doc_from_text(path.read_text(encoding="utf-8"), path.name)
        findings = run_checks([doc], {}, SUM_RULES)[0]
        assert findings == [], (path.name, [f.message.zh for f in findings])
        lists += sum(1 for g in doc.spans["amount_groups"] if g.attrs["valid"])
        for block in doc.tables:
            for grid in grids(doc, block):
                money = [c for c, col in enumerate(grid.region.columns) if col.money]
                totals += sum(1 for row in grid.rows if row.total
                              for c in money if isinstance(row.value(c), Figure))
    assert lists > 0 and totals > 0


@requires_shared
def test_seed_rates_only_flag_real_differences() -> None:
    """A rate finding on a real report must be a real gap, never a rounding artefact."""
    for path in seed_files():
        doc = doc_from_text(path.read_text(encoding="utf-8"), path.name)
        for finding in run_checks([doc], {}, ["amount.rate_mismatch"])[0]:
            assert abs(Decimal(finding.data["difference"])) >= 1, finding.explanation.zh


def test_sum_finding_lists_every_addend() -> None:
    doc = doc_from_text("二、收支\n2024年单位支出预算为919.60万元，其中基本支出822.21万元，"
                        "包括人员经费713.94万元和日常公用经费90.27万元；项目支出97.39万元。\n")
    [finding] = run_checks([doc], {}, ["amount.sum_mismatch"])[0]
    assert finding.data["total"] == {"label": "基本支出", "value": "822.21"}
    assert finding.data["parts"] == [{"label": "人员经费", "value": "713.94"},
                                     {"label": "日常公用经费", "value": "90.27"}]
    assert (finding.data["sum"], finding.data["difference"]) == ("804.21", "18.00")
    for text in ("人员经费 713.94", "日常公用经费 90.27", "804.21", "822.21"):
        assert text in finding.explanation.zh
    assert "804.21" in finding.message.en


def test_rate_finding_shows_its_formula() -> None:
    doc = doc_from_text("二、预算执行\n2024年全年预算数500.00万元，实际支出480.00万元，预算执行率98%。\n")
    [finding] = run_checks([doc], {}, ["amount.rate_mismatch"])[0]
    assert finding.data["computed"] == "96.00%" and finding.data["stated"] == "98%"
    assert "480.00 ÷" in finding.data["formula"] and "500.00" in finding.data["formula"]


def _raise(text: str) -> str:
    """A figure as written, increased well beyond rounding, same number of decimals."""
    fig = parse_number(text)
    assert fig is not None
    bigger = fig.value * Decimal("1.1") + 10
    return format(bigger.quantize(Decimal(1).scaleb(-max(fig.decimals, 0))), "f")


def _mutated(source: str, line: int, old: str, occurrence: int) -> str:
    lines = source.split("\n")
    pieces = lines[line - 1].split(old)
    assert len(pieces) > occurrence + 1, (line, old)
    lines[line - 1] = old.join(pieces[: occurrence + 1]) + _raise(old) + old.join(
        pieces[occurrence + 1:])
    return "\n".join(lines)


@requires_shared
def test_raised_part_of_a_seed_sum_is_caught() -> None:
    """Raise one part of every sentence sum and every table total of the real reports:
    each such defect must be reported (the generic form of the generator's injections)."""
    cases = 0
    for path in seed_files():
        source = path.read_text(encoding="utf-8")
        doc = doc_from_text(source, path.name)
        targets: list[tuple[int, str, int]] = []
        for group in doc.spans["amount_groups"]:
            if not group.attrs["valid"]:
                continue
            part = max(group.attrs["parts"], key=lambda p: p.attrs["value"])
            block = doc.block_at(part.start)
            figure = str(part.attrs["figure"])
            before = block.text[: part.start - block.start]
            targets.append((doc.location_at(part.start).line, figure, before.count(figure)))
        for block in doc.tables:
            for grid in grids(doc, block):
                for row in grid.rows:
                    for c, col in enumerate(grid.region.columns):
                        if row.total and col.money and isinstance(row.value(c), Figure):
                            cell = row.cells[c]
                            targets.append((cell.loc.line, cell.text.strip(), 0))
        for line, figure, occurrence in targets:
            mutated = doc_from_text(_mutated(source, line, figure, occurrence), path.name)
            findings = run_checks([mutated], {}, SUM_RULES)[0]
            assert findings, (path.name, line, figure)
            cases += 1
    assert cases > 0


# Project-written paragraphs on which both money checks once raised a finding a reviewer
# would dismiss: a 其中 part taken for the execution, 年初预算 instead of the funds available,
# a per-mu rate taken for the total, actual spending taken for a 支出预算, 年末结转 taken
# for a part of the spending, and a few named items taken for a full breakdown.
QUIET_PARAGRAPHS = [
    "全年支出68420.7万元，预算执行率98.9%，其中学生资助资金3216.4万元。",
    "年初预算1276.40万元，年中追加委员履职平台建设经费45万元，全年可用资金1321.40万元；"
    "实际支出1298.65万元，其中人员经费941.20万元、公用经费118.37万元、项目支出239.08万元，"
    "执行率98.28%。",
    "项目预算1680万元，全部为县级财政资金；采购中标金额1596.4万元，节约83.6万元，"
    "年内实际支付1436.8万元，执行率85.5%。",
    "项目总投资3400万元，按每亩1700元标准安排，其中中央和省级资金2720万元、县级配套680万元。",
    "本年度预算收入2764.08万元，其中优抚对象抚恤补助资金1935.20万元；全年支出2731.46万元，"
    "执行率98.82%。",
    "2021年部门收入预算312.56万元，全部为一般公共预算拨款；支出306.91万元，执行率98.19%。",
    "全年部门预算收入9614.83万元，支出9502.17万元，执行率98.83%；其中上级转移支付的"
    "地力保护补贴、农机具购置补贴和动物防疫补助共计6328.40万元。",
    "本年度安排养护资金1096.5万元，其中省级补助730万元、县级配套366.5万元；日常养护按县道"
    "每公里1万元、乡道每公里0.5万元、村道每公里0.3万元安排766万元，其余330.5万元用于危桥"
    "检测和水毁修复。",
    "本年收入合计3961.27万元，其中一般公共预算拨款3588.90万元、上级专项转移支付372.37万元；"
    "本年支出合计3902.15万元，其中基本支出2176.44万元、项目支出1725.71万元，年末结转59.12万元。",
    "2022年财政拨款收入1486.25万元，支出1472.90万元，执行率99.10%；其中人大代表活动经费"
    "126.00万元、人大会议经费88.50万元、代表联络站建设补助60.00万元。",
    "本年财政拨款收入418.36万元，支出409.52万元，执行率97.89%；其中档案数字化加工项目经费"
    "96万元、库房恒温恒湿设备更新经费38万元。",
    "本年度县级财政安排气象事业经费186.40万元，其中人工影响天气作业经费72万元、自动气象站"
    "维护经费38万元、气象灾害预警信息发布经费20万元；全年支出181.95万元，执行率97.61%。",
    "（一）收支情况。2022年财政拨款收入436.72万元，上级工会补助和工会经费留成收入218.40万元；"
    "总支出641.55万元，其中困难职工帮扶资金126.80万元、职工技能竞赛经费38.00万元。",
]


@pytest.mark.parametrize("paragraph", QUIET_PARAGRAPHS)
def test_sound_paragraphs_raise_no_money_finding(paragraph: str) -> None:
    doc = doc_from_text(f"二、预算执行情况\n{paragraph}\n")
    findings = run_checks([doc], {}, ["amount.sum_mismatch", "amount.rate_mismatch"])[0]
    assert findings == [], [f.message.zh for f in findings]


def _amount(text: str, figure: str) -> dict[str, object]:
    doc = doc_from_text(f"二、资金情况\n{text}\n")
    [span] = [q for q in quantities(doc, "amount") if q.text == figure]
    return span.attrs


@pytest.mark.parametrize(("text", "figure", "per_unit"), [
    ("按每亩1700元标准安排资金3400万元。", "1700元", True),
    ("日常养护按县道每公里1万元安排。", "1万元", True),
    ("补助标准为500元。", "500元", True),
    ("按1700元标准发放。", "1700元", True),
    ("人均补助300元。", "300元", True),
    ("项目资金1700元已拨付。", "1700元", False),
])
def test_rates_per_unit_never_enter_a_sum(text: str, figure: str, per_unit: bool) -> None:
    assert _amount(text, figure)["per_unit"] is per_unit


@pytest.mark.parametrize(("text", "figure", "stage"), [
    ("2021年部门收入预算312.56万元；支出306.91万元。", "306.91万元", None),
    ("年初预算500万元，全年支出480万元。", "480万元", None),
    ("预算100万元，其中基本支出60万元，项目支出40万元。", "60万元", "budget"),
    ("2024年支出预算100万元。", "100万元", "budget"),
    ("年初预算90万元。全年可用资金100万元。", "100万元", "budget"),
    ("年中追加资金10万元。", "10万元", "budget"),
])
def test_budget_stage_of_figures(text: str, figure: str, stage: str | None) -> None:
    """A bare 支出 is spending, so it takes no 预算 from an earlier clause; 可用资金 and
    追加 are budget figures; a 其中 part still takes its total's stage."""
    assert _amount(text, figure)["stage"] == stage


def _groups(text: str) -> list[tuple[str, list[str]]]:
    doc = doc_from_text(f"二、资金情况\n{text}\n")
    return [(g.attrs["total"].text, [p.text for p in g.attrs["parts"]])
            for g in doc.spans["amount_groups"]]


@pytest.mark.parametrize(("text", "groups"), [
    # A sibling of the total (项目支出 beside 基本支出) ends the total's list.
    ("基本支出60万元，其中人员经费50万元、公用经费10万元；项目支出40万元，包括会议费30万元、"
     "培训费10万元。",
     [("60万元", ["50万元", "10万元"]), ("40万元", ["30万元", "10万元"])]),
    # An unmarked 人员经费 after 基本支出 breaks down 基本支出: the lists are a tree.
    ("支出预算100万元，其中基本支出60万元，人员经费50万元、公用经费10万元；项目支出40万元。",
     [("100万元", ["60万元", "40万元"]), ("60万元", ["50万元", "10万元"])]),
    # A figure compared with is never the total of the 其中 list that follows.
    ("支出预算100万元，比2024年的120万元减少20万元。其中基本支出60万元、项目支出40万元。",
     [("100万元", ["60万元", "40万元"])]),
])
def test_breakdowns_are_read_as_a_tree(text: str, groups: list[tuple[str, list[str]]]) -> None:
    assert _groups(text) == groups
