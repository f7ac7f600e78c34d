"""Target and actual values of indicators: operator, number, unit, or a qualitative tier.

Score checks need to know what a cell such as 不低于20批次, ≥98%, ≤0% or 基本完成 promises,
because the official scoring formulas differ for forward (≥) and reverse (≤) targets and
for qualitative tiers. Anything that is neither a number nor a tier stays as words, which is
exactly what the unquantified-indicator check looks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.annotate.numbers import Figure, parse_number

Tier = str  # "achieved" | "partly" | "not"

UNITS = ("%", "‰", "万元", "亿元", "元", "人次", "批次", "次", "人", "件", "个", "场", "天",
         "日", "月", "项", "家", "户", "篇", "期", "份", "条", "小时", "台", "套", "公里", "册",
         "本", "所", "处", "名", "分")
# thousands separators as written in score tables: ≥8,600人, 12,000人次
_NUMBER = re.compile(r"(\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*("
                     + "|".join(re.escape(u) for u in UNITS) + ")?")
_YEAR = re.compile(r"(?:19|20)\d\d(?:年|$)")
_OP_BEFORE = re.compile(
    r"不低于|不少于|不小于|大于等于|不高于|不超过|不大于|小于等于|≥|>=|＞=|≤|<=|＜=|至少|超过|高于"
    r"|控制在|低于|少于|>|＞|<|＜|=|＝|等于")
_OP_AFTER = re.compile(r"^\s*(?:(?:及|或)?以上|(?:及|或)?以下|以内)")
_LE_WORDS = ("不高于", "不超过", "不大于", "小于等于", "≤", "<=", "＜=", "控制在", "低于", "少于", "<",
             "＜")
# Tiers of qualitative indicators, checked in this order (未完成 before 完成).
_NOT = re.compile(r"未(?:达到|完成|实现|达标|开展)|没有|不合格|不达标|较差|^差$")
_PARTLY = re.compile(r"基本|部分|较好|一般|良好|^良$|^中$")
_ACHIEVED = re.compile(r"达到预期|符合预期|完成|实现|达成|达标|^好$|^优|优秀|^高$|合格|有效")


@dataclass(frozen=True)
class Value:
    """A parsed target or actual cell; ``start``/``end`` locate it in ``Document.text``."""

    text: str
    start: int
    end: int
    op: str | None = None
    number: Figure | None = None
    unit: str | None = None
    tier: Tier | None = None

    @property
    def empty(self) -> bool:
        return not self.text.strip(" 　-—/无") and self.number is None


def _tier(text: str) -> Tier | None:
    head = re.split(r"[，,；;。（(]", text.strip(), maxsplit=1)[0]
    for tier, pattern in (("not", _NOT), ("partly", _PARTLY), ("achieved", _ACHIEVED)):
        if pattern.search(head):
            return tier
    return None


def _operator(before: str, after: str) -> str | None:
    """The comparison nearest the number: a word before it, else 以上/以下 after it."""
    found = list(_OP_BEFORE.finditer(before))
    if found:
        word = found[-1].group(0)
        return "<=" if word in _LE_WORDS else "=" if word in ("=", "＝", "等于") else ">="
    m = _OP_AFTER.match(after)
    if m:
        return ">=" if "以上" in m.group(0) else "<="
    return None


def parse_value(text: str, start: int = 0) -> Value:
    """Operator, first number with its unit, and tier of a target or actual text."""
    clean = text.replace("％", "%").replace("　", " ").strip()
    end = start + len(text)
    m = next((m for m in _NUMBER.finditer(clean) if not _YEAR.match(clean, m.start())), None)
    if m is None:
        return Value(text.strip(), start, end, tier=_tier(clean))
    figure = parse_number(m.group(1).replace("，", ","))
    op = _operator(clean[: m.start()], clean[m.end() :])
    return Value(text.strip(), start, end, op, figure, m.group(2), _tier(clean))
