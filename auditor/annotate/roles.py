"""What a stated figure is: its role (基本支出, 预算数, 得分 …) and its budget stage.

A role comes from the noun phrase the figure belongs to (its label), never from its value,
so the money checks can pair a total with its parts and a budget with its execution
whatever the wording. Roles have stable ASCII codes for ``data`` and Chinese labels for
people. The stage says whether a figure is planned (预算) or spent (执行/决算); a figure
whose label names neither keeps ``None`` and may pair with either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Most specific first: 人员经费 is a part of 基本支出, which is a part of the spending total.
_ROLE_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    ("change", "增减额", re.compile(r"增加|减少|增长|下降|同比|上年同期|较上年|比上年|增幅|降幅|节约|节省")),
    ("exec_rate", "预算执行率", re.compile(r"执行率|支出率|支付率|使用率|支出进度")),
    ("completion_rate", "完成率", re.compile(r"完成率|达成率|实现率")),
    ("weight", "分值/权重", re.compile(r"分值|权重|满分")),
    ("score", "得分", re.compile(r"得分|评分|总分|自评分")),
    ("target", "目标值/指标值", re.compile(r"目标值|指标值|计划数|年度指标|目标")),
    ("actual_value", "完成值/实际值", re.compile(r"完成值|实际值|业绩值|实际完成值|完成情况")),
    # 项目支出未执行的641.79万元 is what is left of the project budget, not project spending
    ("balance", "结余", re.compile(r"(?:未|尚未|没有)(?:执行|支出|使用|拨付|支付|花完)")),
    ("personnel", "人员经费", re.compile(r"人员经费|人员支出|工资福利支出|人员类")),
    ("public", "公用经费", re.compile(r"公用经费|公用支出|商品和服务支出|运转类")),
    ("basic", "基本支出", re.compile(r"基本支出")),
    ("project", "项目支出", re.compile(r"项目支出")),
    ("balance", "结余", re.compile(r"结余|结转|余额")),
    ("fiscal", "财政拨款", re.compile(r"(?<!非同级)财政拨款|财政资金")),
    ("income", "收入", re.compile(r"收入")),
]

_NOT_MONEY = ("exec_rate", "completion_rate", "weight", "score", "target", "actual_value")

ROLE_NAMES: dict[str, str] = {code: zh for code, zh, _ in _ROLE_PATTERNS}
ROLE_NAMES.update({
    "expense_total": "支出合计", "total": "合计/小计", "other_expense": "其他支出",
    "item": "分项", "grade": "等级", "budget": "预算数", "actual": "执行数/决算数",
})

# Parts that together make up a whole: the expected breakdowns of a spending total.
PARTITIONS: dict[str, tuple[str, ...]] = {
    "expense_total": ("basic", "project", "other_expense"),
    "basic": ("personnel", "public"),
}

_BUDGET = re.compile(r"预算|年初|调整后|追加|可用|批复|计划|安排")
# 未执行 / 尚未支付 name the unspent part: no actual-stage word
_ACTUAL = re.compile(r"(?<![未没])(?:执行|决算|实际|完成|已支付|支付|使用|拨付|到位|本年支出)")
# Names of budget funds, not the budget stage: 一般公共预算财政拨款收入 is income received.
_FUND_NAME = re.compile(r"(?:一般公共|政府性基金|国有资本经营|社会保险基金)预算")
_TOTAL_WORD = re.compile(r"合\s*计|总\s*计|小\s*计|总额|共计|总体|总数")
# Scope words around a bare 支出/预算 that still mean "all of the spending".
_SCOPE = re.compile(
    r"(?:\d{4}\s*年度?|资金总体|总体|全年|本年度?|当年|年度|上年|部门|单位|本部门|本单位|我单位|我部门|"
    r"整体|全部|总|合计|资金|一般公共预算|财政拨款|年初|调整后|实际|决算|预算|执行|"
    r"本年|累计|全年度|（调整后）|\(调整后\)|的|数|额|共|为|是|达|计|金额|了)"
)
_EXPENSE_CORE = re.compile(r"^(?:支出|经费|资金|预算|预算数|执行数|决算数|总支出|支出总额)$")


@dataclass(frozen=True)
class Role:
    code: str
    zh: str


def _is_expense_total(label: str) -> bool:
    """支出, 单位支出预算, 全年预算数, 资金总体支出: spending with nothing named before it."""
    if not label:
        return False
    if _FUND_NAME.search(label) and not re.search(r"支出|经费|执行数|决算数|预算数",
                                                   _FUND_NAME.sub("", label)):
        return False  # 其中一般公共预算…万元: the amount of a fund, a part of the income
    core = _SCOPE.sub("", label)
    return bool(_EXPENSE_CORE.match(core)) or core in ("", "支出") and bool(
        re.search(r"支出|预算|执行数|决算数|资金总体", label)
    )


@lru_cache(maxsize=4096)
def role_of(label: str, kind: str = "amount") -> Role:
    """The role of a figure from its label; ``kind`` narrows the choice (amounts vs scores)."""
    text = label.strip()
    for code, zh, pattern in _ROLE_PATTERNS:
        if kind == "amount" and code in _NOT_MONEY:
            continue
        if kind == "percent" and code in ("weight", "score"):
            continue
        if pattern.search(text):
            return Role(code, zh)
    if kind != "amount":
        return Role("item", ROLE_NAMES["item"])
    if re.search(r"其他支出|其它支出|经营支出|对附属单位补助", text):
        return Role("other_expense", ROLE_NAMES["other_expense"])
    if _is_expense_total(text):
        return Role("expense_total", ROLE_NAMES["expense_total"])
    if _TOTAL_WORD.search(text) and len(text) <= 8:
        return Role("total", ROLE_NAMES["total"])
    return Role("item", ROLE_NAMES["item"])


_STAGE_WORD = re.compile(rf"(?P<fund>{_FUND_NAME.pattern})|(?P<budget>{_BUDGET.pattern})|"
                         rf"(?P<actual>{_ACTUAL.pattern})")


def stage_marks(text: str) -> list[tuple[int, str]]:
    """(end offset, stage) of every stage word of a text, for looking back from a figure
    without rescanning the sentence each time (fund names such as 一般公共预算 skipped)."""
    return [(m.end(), "budget" if m.group("budget") else "actual")
            for m in _STAGE_WORD.finditer(text) if not m.group("fund")]


@lru_cache(maxsize=4096)
def stage_of(text: str) -> str | None:
    """``budget`` or ``actual`` from the last stage word of the text, else ``None``.

    The last word wins because Chinese puts the head last: 预算执行数 is an execution
    figure, and in "预算100万元，实际支出95万元，其中…" the parts after 实际 are spent.
    """
    text = _FUND_NAME.sub("", text)
    budget = [m.start() for m in _BUDGET.finditer(text)]
    actual = [m.start() for m in _ACTUAL.finditer(text)]
    if not budget and not actual:
        return None
    return "actual" if max(actual, default=-1) > max(budget, default=-1) else "budget"
