"""Word automatic numbering (w:numPr) rendered as the text a reader sees: 一、 （一） 1、 ①.

Reports typed in Word often number their headings with the list feature instead of typing
"一、"; the number then lives in numbering.xml, not in the paragraph text. Headings are
recognised from their marker, so the marker must be rendered exactly as Word shows it, or a
.docx would lose the outline that the same report has as .txt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN = "零一二三四五六七八九"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (chineseCounting)."""
    if n < 0 or n >= 1000:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + _CN[rest] if rest < 10 else _chinese(rest))
    if 10 <= rest < 20:
        tail = "一" + tail
    return _CN[n // 100] + "百" + tail


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering repeats the letter: a..z, aa..zz."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str | None:
    """The number in Word's numFmt; None for bullets and formats with no text."""
    if fmt in ("decimal", "decimalZero"):
        return f"{n:02d}" if fmt == "decimalZero" else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional",
               "japaneseCounting", "taiwaneseCounting", "ideographDigital"):
        return _chinese(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else str(n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    return None


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class Numbering:
    """Counters of one document's lists, advanced paragraph by paragraph in body order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    abstract_of: dict[str, str] = field(default_factory=dict)
    overrides: dict[tuple[str, int], int] = field(default_factory=dict)
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # by _sequence

    @classmethod
    def from_document(cls, document: Any) -> Numbering:
        numbering = cls()
        part = document.part
        try:
            root = part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return numbering
        for abstract in root.findall(qn("w:abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in abstract.findall(qn("w:lvl")):
                levels[_int(lvl.get(qn("w:ilvl")), 0)] = _Level(
                    _val(lvl, "w:numFmt") or "decimal",
                    _val(lvl, "w:lvlText") or "",
                    _int(_val(lvl, "w:start"), 1),
                )
            numbering.levels[abstract.get(qn("w:abstractNumId"), "")] = levels
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"), "")
            numbering.abstract_of[num_id] = _val(num, "w:abstractNumId") or ""
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None:
                    level = _int(override.get(qn("w:ilvl")), 0)
                    numbering.overrides[(num_id, level)] = _int(start, 1)
        for style in document.styles.element.findall(qn("w:style")):
            ppr = style.find(qn("w:pPr"))
            ref = _num_ref(ppr)
            if ref is not None:
                numbering.style_num[style.get(qn("w:styleId"), "")] = ref
        return numbering

    def label(self, paragraph: Any) -> str | None:
        """The rendered list marker of a paragraph (advancing the counters), or None."""
        ppr = paragraph.find(qn("w:pPr"))
        ref = _num_ref(ppr)
        if ref is None and ppr is not None:
            ref = self.style_num.get(_val(ppr, "w:pStyle") or "")
        if ref is None:
            return None
        num_id, ilvl = ref
        levels = self.levels.get(self.abstract_of.get(num_id, ""))
        if not levels or ilvl not in levels or num_id == "0":
            return None
        counts = self.counters.setdefault(self._sequence(num_id, levels), {})
        start = self.overrides.get((num_id, ilvl), levels[ilvl].start)
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = levels[ilvl].text
        for k, level in levels.items():
            placeholder = f"%{k + 1}"
            if placeholder in text:
                value = counts.get(k, self.overrides.get((num_id, k), level.start))
                shown = format_number(value, level.fmt)
                if shown is None:
                    return None
                text = text.replace(placeholder, shown)
        return text or None


    def _sequence(self, num_id: str, levels: dict[int, _Level]) -> str:
        """Which counter a list instance advances. Word counts per list definition: instances
        of one definition continue one sequence (a heading numbered by its style, the next
        given its own instance of the same list, still reads 五、 after 四、), unless the
        instance restarts a level with a start override, which makes it a list of its own."""
        if any((num_id, k) in self.overrides for k in levels):
            return f"num:{num_id}"
        return f"abstract:{self.abstract_of.get(num_id, '')}"


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return None if child is None else child.get(qn("w:val"))


def _num_ref(ppr: Any) -> tuple[str, int] | None:
    numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if numpr is None:
        return None
    num_id = _val(numpr, "w:numId")
    if num_id is None:
        return None
    return num_id, _int(_val(numpr, "w:ilvl"), 0)


def _int(value: str | None, default: int) -> int:
    """Numbers in numbering.xml; a malformed one falls back instead of failing the file."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
