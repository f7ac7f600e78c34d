"""Numbers as stated: value plus precision, and the rounding-interval rule.

A figure stated to d decimals stands for the interval ± half a unit of its last digit
(919.60 → [919.595, 919.605]); a total is consistent with its parts when the interval of
the summed parts overlaps the total's interval (XBRL Calculation 1.1). Keeping precision
with the value is what lets rows given to 5 decimals reconcile with a total given to 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
_ARABIC = re.compile(r"^[-+−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[-+−]?\d+(?:\.\d+)?$")
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
             "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8,
             "捌": 8, "九": 9, "玖": 9}
_CN_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL = re.compile(r"[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿]+")

MONEY_UNITS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10_000),
               "亿元": Decimal(100_000_000)}


@dataclass(frozen=True)
class Figure:
    """A stated number: its value and how many decimals it was written with."""

    value: Decimal
    decimals: int = 0

    @property
    def half_unit(self) -> Decimal:
        return _half_unit(self.decimals)

    @property
    def lo(self) -> Decimal:
        return self.value - self.half_unit

    @property
    def hi(self) -> Decimal:
        return self.value + self.half_unit

    def scaled(self, factor: Decimal) -> Figure:
        """The same figure in another unit; the interval scales with it."""
        shift = factor.adjusted() if factor > 0 else 0
        return Figure(self.value * factor, self.decimals - shift)

    def __str__(self) -> str:
        """As written: 1286.40 keeps its trailing zero."""
        return format(self.value, f".{max(self.decimals, 0)}f")


def format_decimal(value: Decimal) -> str:
    """A computed value without exponent or trailing zeros: 919.6000 → 919.6."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _cn_to_int(text: str) -> int | None:
    total, section, number = 0, 0, 0
    for ch in text:
        if ch in _CN_DIGIT:
            number = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            section += (number or 1) * _CN_UNIT[ch]
            number = 0
        elif ch in _CN_BIG:
            total += (section + number) * _CN_BIG[ch]
            section, number = 0, 0
        else:
            return None
    return total + section + number


@lru_cache(maxsize=64)
def _half_unit(decimals: int) -> Decimal:
    """Half a unit of the last digit; asked for every interval, so computed once each."""
    return Decimal(5) * Decimal(10) ** (-(decimals + 1))


@lru_cache(maxsize=8192)
def parse_number(text: str) -> Figure | None:
    """Arabic (with thousands separators, full-width digits) or Chinese numerals."""
    raw = text.strip().translate(_FULLWIDTH).replace("−", "-").replace(" ", "")
    if _ARABIC.match(raw):
        digits = raw.replace(",", "")
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        try:
            return Figure(Decimal(digits), decimals)
        except InvalidOperation:
            return None
    if raw and CN_NUMERAL.fullmatch(raw):
        value = _cn_to_int(raw)
        return Figure(Decimal(value), 0) if value is not None else None
    return None


def sum_figures(parts: Iterable[Figure]) -> tuple[Decimal, Decimal, Decimal]:
    """(value, lo, hi) of the sum of the parts' intervals."""
    items = list(parts)
    return (sum((p.value for p in items), Decimal(0)), sum((p.lo for p in items), Decimal(0)),
            sum((p.hi for p in items), Decimal(0)))


def consistent(total: Figure, parts: Iterable[Figure]) -> bool:
    """True when the summed parts' interval overlaps the total's interval."""
    _, lo, hi = sum_figures(parts)
    return lo <= total.hi and total.lo <= hi
