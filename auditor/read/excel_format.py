"""Excel number formats: a cell value as the sheet shows it.

An embedded score sheet is audited as displayed, because that is what the department
submitted and what a reviewer reads: 98.25% rather than 0.9825, 1,234.50万元 rather than
12345000. This covers the formats Chinese finance sheets use — fixed decimals, thousands
separators, percentages, literal text ("万元", ¥, [$¥-804]), the negative section,
scaling by trailing commas, the 元→万元 trick 0!.0000 (an escaped point four digits from
the right), scientific notation and dates; anything else falls back to the plain value.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

_CURRENCY = re.compile(r"\[\$([^\]-]*)(?:-[0-9A-Fa-f]+)?\]")  # [$¥-804] → ¥, [$-409] → ""
_BRACKETS = re.compile(r"\[[^\]]*\]")  # colours, conditions, [DBNum1]
_PADDING = re.compile(r"_.|\*.")  # _) leaves the width of ")", *- fills with "-"
_PLACEHOLDER = set("0#?.,")
_DIGIT = set("0#?")
_SCIENTIFIC = re.compile(r"[0#?.]+[Ee][+-][0#?]+")


def _tokens(section: str) -> list[tuple[str, str]]:
    """("ph", placeholders) and ("lit", text) runs; an escaped character is literal."""
    text = _BRACKETS.sub("", _CURRENCY.sub(lambda m: f'"{m.group(1)}"', section))
    text = _PADDING.sub("", text)
    out: list[tuple[str, str]] = []

    def add(kind: str, chars: str) -> None:
        if out and out[-1][0] == kind and kind == "ph":
            out[-1] = (kind, out[-1][1] + chars)
        else:
            out.append((kind, chars))

    i = 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            end = text.find('"', i + 1)
            end = len(text) if end < 0 else end
            add("lit", text[i + 1:end])
            i = end + 1
            continue
        if ch in "\\!" and i + 1 < len(text):
            add("lit", text[i + 1])
            i += 2
            continue
        add("ph" if ch in _PLACEHOLDER else "pct" if ch == "%" else "lit", ch)
        i += 1
    return out


def _rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _number(value: float, section: str) -> str:
    """A number under one section of a format, rounded half away from zero as Excel does
    (8.25 with 0.0 shows 8.3), with the section's literal text around it."""
    tokens = _tokens(section)
    places = [i for i, (kind, _) in enumerate(tokens) if kind == "ph"]
    if not places:
        return "".join(text for _, text in tokens)
    first, last = places[0], places[-1]
    core = "".join(tokens[i][1] for i in places)
    if _SCIENTIFIC.search("".join(text for kind, text in tokens if kind != "lit" or
                                  text in "Ee+-")):
        mantissa = sum(ch in _DIGIT for ch in tokens[first][1].partition(".")[2])
        return f"{value:.{mantissa}E}"
    number = Decimal(repr(value))
    if any(kind == "pct" for kind, _ in tokens):
        number *= 100
    scale = len(tokens[last][1]) - len(tokens[last][1].rstrip(","))
    number /= Decimal(1000) ** scale
    core = core.rstrip(",")
    inner = [tokens[i] for i in range(first, last + 1) if tokens[i][0] == "lit"]
    if "." not in core and [text for _, text in inner] == ["."]:
        # 0!.0000: an integer with a point written n digits from its right
        n = sum(ch in _DIGIT for i in places[1:] for ch in tokens[i][1])
        digits = str(int(_rounded(number, 0))).rjust(n + 1, "0")
        shown = f"{digits[:-n]}.{digits[-n:]}" if n else digits
    else:
        decimals = sum(ch in _DIGIT for ch in core.partition(".")[2])
        rounded = _rounded(number, decimals)
        shown = f"{rounded:,}" if "," in core else f"{rounded}"
    before = "".join(text for _, text in tokens[:first])
    after = "".join(text for _, text in tokens[last + 1:])
    return before + shown + after


def _date(value: dt.date, number_format: str) -> str:
    """Dates in the pattern the format names: 年/月(/日), 月日, slashes or dashes."""
    low = number_format.lower()
    if "年" in low:
        out = f"{value.year}年{value.month}月"
        return out + (f"{value.day}日" if "d" in low or "日" in low else "")
    if "月" in low:
        return f"{value.month}月{value.day}日"
    if "/" in low:
        return f"{value.year}/{value.month}/{value.day}"
    return f"{value.year}-{value.month:02d}-{value.day:02d}"


def display(value: Any, number_format: str) -> str:
    """A cell value as Excel shows it."""
    if value is None:
        return ""
    if isinstance(value, dt.time):
        return f"{value.hour}:{value.minute:02d}"
    if isinstance(value, dt.date):  # datetime included
        return _date(value, number_format)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value).strip()
    sections = number_format.split(";")
    if number_format.lower() in ("general", "") or not any(
            kind == "ph" for kind, _ in _tokens(sections[0])):
        text = repr(round(float(value), 10))
        return text[:-2] if text.endswith(".0") else text
    try:
        if value < 0 and len(sections) > 1:  # the negative section writes its own sign
            return _number(-value, sections[1])
        return _number(value, sections[0])
    except (InvalidOperation, ValueError):
        return str(value)


# Chinese Excel's built-in date formats, which a file names only by their id; openpyxl
# does not know them and reads the date as its serial number under "General".
_ZH_DATE_FORMATS = {27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"',
                    31: 'yyyy"年"m"月"d"日"', 36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"',
                    51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"',
                    57: 'yyyy"年"m"月"', 58: 'm"月"d"日"'}


def display_cell(cell: Any) -> str:
    """An openpyxl cell as Excel shows it."""
    fmt_id = getattr(getattr(cell, "_style", None), "numFmtId", None)
    value = cell.value
    if (fmt_id in _ZH_DATE_FORMATS and isinstance(value, int | float)
            and not isinstance(value, bool)):
        from openpyxl.utils.datetime import from_excel

        return display(from_excel(value), _ZH_DATE_FORMATS[fmt_id])
    return display(value, cell.number_format)
