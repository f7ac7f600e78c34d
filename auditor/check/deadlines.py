"""Deadlines in score tables: when a target or actual names a point in time (9月前, 8月底,
2024年9月30日前, 次年1月中旬, 年底, 第三季度) and which days it can mean.

A timeliness target is a date, not a number: 8月底 meets 9月前 although 8 < 9. Days are
counted only to order them, so each point becomes the earliest and latest day it can mean;
a deadline (前, 内) lets an actual start as early as it likes, an 后/起 leaves its end open.
"""

from __future__ import annotations

import re

from auditor.annotate.targets import Value

# A point in time: [2024年|次年]9月[30日|上旬|底…], or a part of the year (年底, 三季度).
_POINT = re.compile(
    r"(?:(?P<year>(?:19|20)\d\d)\s*年?\s*(?=年|[\d第上下一二三四])|(?P<next>次年|翌年|第二年)\s*)?"
    r"(?:(?:(?P<from>1[0-2]|0?[1-9])\s*(?:月份?)?\s*[-—–~～至到]\s*)?"
    r"(?<![\d.个])(?P<month>1[0-2]|0?[1-9])\s*月份?"
    r"\s*(?:(?P<day>[12]\d|3[01]|0?[1-9])\s*[日号]|(?P<part>上旬|中旬|下旬|初|中|底|末))?"
    r"|(?P<season>年底|年末|年度?内|年中|上半年|下半年|第?[一二三四1-4]季度))")
# A first figure right before 前 is a deadline even when its form is not understood (9.30前).
_BEFORE_NUMBER = re.compile(r"[\d.]+\s*[日号月]?\s*[之以]?前")
_BEFORE = re.compile(r"^\s*(?:完成|完工|竣工)?\s*(?:之前|以前|前|之内|以内|内)")
_AFTER = re.compile(r"^\s*(?:完成|完工|竣工)?\s*(?:之后|以后|后|起)")
_PART_DAYS = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "中": (11, 20),
              "下旬": (21, 31), "底": (21, 31), "末": (21, 31)}
_SEASONS = {"年底": (12, 21, 12, 31), "年末": (12, 21, 12, 31), "年内": (1, 1, 12, 31),
            "年度内": (1, 1, 12, 31), "年中": (6, 1, 7, 31), "上半年": (1, 1, 6, 31),
            "下半年": (7, 1, 12, 31)}
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# Days are counted as month × 32 + day and years × 400, so that only their order matters.
_NEVER = 10**6


def is_timed(value: Value | None) -> bool:
    """Whether a target or actual cell speaks of a date: its first figure, if any, is part of
    a point in time (9月前, 2024年8月底, 年底前, but not 年内完成率≥95%), or is directly
    followed by 前 (9.30前)."""
    if value is None:
        return False
    m = _POINT.search(value.text)
    first = re.search(r"\d", value.text)
    if m is not None and (first is None or m.start() <= first.start() < m.end()):
        return True
    return first is not None and _BEFORE_NUMBER.match(value.text, first.start()) is not None


def _span(m: re.Match[str], years: bool) -> tuple[int, int]:
    """Earliest and latest day a point in time can mean (8月底: 21st to 31st of August)."""
    if m.group("season"):
        q = m.group("season")
        if q in _SEASONS:
            m1, d1, m2, d2 = _SEASONS[q]
        else:
            n = _QUARTER[q.removeprefix("第")[0]]
            m1, d1, m2, d2 = 3 * n - 2, 1, 3 * n, 31
    else:
        m2 = int(m.group("month"))
        m1 = int(m.group("from")) if m.group("from") else m2
        if m.group("day"):
            d1 = d2 = int(m.group("day"))
        else:
            d1, d2 = _PART_DAYS.get(m.group("part") or "", (1, 31))
    year = (int(m.group("year")) if years and m.group("year") else 0) + (1 if m.group("next") else 0)
    return year * 400 + m1 * 32 + d1, year * 400 + m2 * 32 + d2


def day_range(value: Value, years: bool, target: bool) -> tuple[int, int] | None:
    """(earliest, latest) day the cell allows; a deadline (前, 内) opens its start for an
    actual, an 后/起 opens its end, and a target that is not a deadline is not understood."""
    lo, hi = _NEVER, -_NEVER
    for m in _POINT.finditer(value.text):
        first, last = _span(m, years)
        after = value.text[m.end():]
        if _AFTER.match(after):
            if target:
                return None
            last = _NEVER
        elif _BEFORE.match(after) and not target:
            first = -_NEVER
        lo, hi = min(lo, first), max(hi, last)
    return (lo, hi) if lo <= hi else None


def years_stated(*values: Value) -> bool:
    """Whether every point in the cells names its year, so that years can be compared."""
    return all(m.group("year") for v in values for m in _POINT.finditer(v.text))
