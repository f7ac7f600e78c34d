"""Quantities: every amount, percentage, count, score and grade, with its role and origin.

Layer ``doc.spans["quantities"]``; each span's ``attrs``:

- ``kind``: amount | percent | count | score | grade | number (a bare table figure whose
  column says nothing of its meaning);
- ``figure``: the ``Figure`` as stated (value and decimals, in ``unit``); ``canonical``: the
  same figure in the canonical unit (amounts in 元, so 919.60万元 keeps its ±50 元 interval);
  ``value``: ``canonical.value``; ``unit``: 万元, %, 次, 分 … (``None`` if unknown);
- ``role``/``role_zh``: what the figure is (see ``auditor.annotate.roles``); ``stage``:
  budget | actual | None, from the label or else the sentence's last stage word before it
  (not for a bare 支出, which is spending whatever came before); ``label``: the noun phrase
  it belongs to (人大会议支出);
- ``approx`` (约, 余, 多, 左右), ``comparator`` (>= for 不低于/以上, <= for 不高于/以下) and
  ``per_unit`` (30000元/人, 元每年, 每亩1700元, 按1700元标准): figures that are not exact
  totals, so never enter a sum;
- ``sentence``: index into ``doc.sentences`` (text figures); for table cells ``table``
  (block index), ``row``, ``col``, ``row_header``, ``col_header``, ``total_row``;
- ``grade`` for grades.

A label is the text back to the previous clause boundary or figure, so in
"包括人员经费731.94万元和日常公用经费90.27万元" the second label is 日常公用经费; bracketed
asides stay in the label (代表活动经费（含代表履职经费）支出) without ending it.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

from auditor.annotate.numbers import MONEY_UNITS, Figure, parse_number
from auditor.annotate.registry import annotator
from auditor.annotate.roles import ROLE_NAMES, role_of, stage_marks, stage_of
from auditor.annotate.table_figures import (
    TOTAL_LABEL,
    Region,
    clean,
    is_total_row,
    row_label,
    table_regions,
)
from auditor.model.document import Block, Document, Span

_NUM = r"\d{1,3}(?:,\d{3})+(?:[.．]\d+)?|\d+(?:[.．]\d+)?"
_CN = r"[一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾][零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]*"
_COUNT_UNITS = (
    "万人次|人次|批次|场次|户次|万人|课时|小时|平方米|公里|千米|个月|人|次|件|个|场|处|项|份|家|"
    "所|条|篇|期|名|户|台|辆|套|本|册|天|亩|吨|宗|起|座|间|张|部|种|轮|组|批|棵|株|口|页|册"
)
# The lookahead lets the engine skip, at one character test, every position that cannot
# start a figure; it halves the scan time of a report.
QUANTITY = re.compile(
    r"(?=[\d一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾百])"
    rf"(?:(?P<num>{_NUM})|(?P<cn>{_CN}))\s*(?P<more>余|多)?\s*"
    rf"(?:(?P<money>亿元|万元|千元|元)|(?P<wan>万)(?![\u4e00-\u9fa5\d])|(?P<pct>[%％])|"
    r"(?P<score>分)(?![钟之别析期批类工配散担摊享布段值项解级局队支行子成部管数])|"
    rf"(?P<count>万?(?:{_COUNT_UNITS}))(?!性))"  # 1.2万亩, 3.5万吨: the unit keeps its 万
    r"|百分之(?P<pcn>[零〇一二两三四五六七八九十百]+)"
)
_APPROX_BEFORE = re.compile(r"(?:约|近|大约|大概|逾)$")
_APPROX_BEFORE_CN = re.compile(r"(?:数|几|上|近)$")
_APPROX_AFTER = re.compile(r"^(?:左右|上下)")
_PER_UNIT = re.compile(r"^(?:/|／|每|标准)")
# A rate named before the figure: 按每亩1700元, 县道每公里1万元, 人均补助500元, 补助标准为…
_PER_UNIT_LABEL = re.compile(r"(?:每|人均|户均)[\u4e00-\u9fa5]{0,4}$|标准$")
_GE = re.compile(r"(?:不低于|不少于|≥|>=|＞=|大于等于|至少|超过|高于|大于|>|＞)\s*$")
_LE = re.compile(r"(?:不高于|不超过|不多于|≤|<=|＜=|小于等于|低于|少于|小于|<|＜|控制在)\s*$")
_GE_AFTER = re.compile(r"^(?:以上|及以上)")
_LE_AFTER = re.compile(r"^(?:以下|以内|及以下)")
GRADE_WORDS = ("优秀", "良好", "合格", "不合格", "一般", "较差", "优", "良", "中", "差")
_GRADE = re.compile(
    r"(?:等级|等次|结果|评定|评为|评价为|自评为|属于|定为|为|：|:)\s*[“\"'「]?"
    r"(?P<grade>不合格|优秀|良好|合格|一般|较差|优|良|中|差)[”\"'」]?(?![\u4e00-\u9fa5])"
)
_BOUNDARY = set("，,；;。：:、！？!?\n\t")
_CLOSE = {"）": "（", ")": "(", "》": "《", "”": "“", "】": "【"}
# Words that introduce a total's parts (其中 …, 主要包括 …); none is a prefix of another.
BREAKDOWN_WORDS = (r"其中|包括|主要包括|主要为|主要是|主要用于|主要有|分别为|分别是|具体为|"
                   r"具体包括|具体如下|含")
_LEAD = re.compile(rf"^(?:和|及|与|以及|并且|并|另外|另|{BREAKDOWN_WORDS}|即|共|其余|其他为|\s)+")
_INNER_BREAKDOWN = re.compile(r".*(?:分为|分成|包括|包含|其中|分别为|具体为)[：:]?")
_TRAIL = re.compile(r"(?:为|是|达到|达|约|近|了|：|:|的|\s)+$")
_ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)")
_HAN = re.compile(r"[\u4e00-\u9fa5]")
_MONEY_LABEL = re.compile(r"资金|经费|预算|支出|执行数|收入|拨款|费用|金额|投资|结余|拨付")
LIST_MARKER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[、.．])")
_SENTENCE_END = re.compile(r"[。！？!?]")
# A label that names no thing, only a stage: 实际支出, 执行, 执行率. After a named item's
# figure in the same sentence it speaks of that item (公务接待费预算2.10万元，实际支出1.64万元;
# 文史资料编纂经费执行31.50万元、执行率70.00%), not of the whole budget.
_BARE_LABEL = re.compile(r"^(?:实际|预算|执行|支出|完成|使用|拨付|支付|决算|到位|数|额|率|"
                         r"为|达|共|了|的)+$")
_SPENT_LABEL = re.compile(r"^(?:实际)?(?:支出|执行|执行数|使用|拨付|支付)(?:了|为|达)?$")
_ITEM_END = re.compile(r"[。！？!?；;]")  # the item's clause chain ends here
_STAGE_TAIL = re.compile(r"(?:的)?(?:预算(?:数|安排)?|年初预算|调整后预算|实际支出|实际|支出|执行数?|"
                         r"决算数?|安排|到位|拨付)+$")
_YEAR_HEAD = re.compile(r"^(?:(?:19|20)\d{2}\s*年度?|全年|本年度?|除)+")
# Roles of a named thing whose figures a bare label may continue (not totals or balances).
_NAMED_ROLES = {"item", "project", "basic", "personnel", "public", "other_expense", "fiscal"}
_LABEL_MAX = 40


# The run of characters before a figure with neither a boundary nor a closing bracket:
# when it is cut by a boundary (or the window's edge) the label starts there, with no need
# to walk back character by character.
_PLAIN_TAIL = re.compile(r"[^，,；;。：:、！？!?\n\t）)》”】]*\Z")


def _label(text: str, pos: int, floor: int) -> str:
    """The phrase before ``pos`` back to a clause boundary, skipping bracketed asides."""
    low = max(floor, pos - _LABEL_MAX)
    tail = _PLAIN_TAIL.search(text, low, pos)
    assert tail is not None  # the pattern matches the empty string at the end
    if tail.start() == low or text[tail.start() - 1] in _BOUNDARY:
        return _tidy(text[tail.start():pos])
    i = pos
    while i > floor and pos - i < _LABEL_MAX:
        ch = text[i - 1]
        if ch in _CLOSE:
            j = text.rfind(_CLOSE[ch], floor, i - 1)
            if j < 0:
                break
            i = j
            continue
        if ch in _BOUNDARY:
            break
        i -= 1
    return _tidy(text[i:pos])


def _tidy(raw: str) -> str:
    """A label without its list marker, leading connectives and trailing verbs; after a
    breakdown verb inside the phrase (项目支出按用途分为人民调解经费), only what follows it,
    which is the part's own name."""
    raw = _LEAD.sub("", LIST_MARKER.sub("", raw.strip()))
    inner = _INNER_BREAKDOWN.search(raw)
    if inner and len(_HAN.findall(raw[inner.end():])) >= 2:
        raw = raw[inner.end():]
    return _TRAIL.sub("", raw).strip()


@lru_cache(maxsize=4096)
def role_text(label: str) -> str:
    """The label without bracketed asides: 代表活动经费（含履职经费）支出 → 代表活动经费支出."""
    return _ASIDE.sub("", label)


def _figure(m: re.Match[str]) -> tuple[str, Figure, Figure, str | None] | None:
    """(kind, stated figure, canonical figure, unit) of a match, or None if unreadable."""
    if m.group("pcn"):
        fig = parse_number(m.group("pcn"))
        return ("percent", fig, fig, "%") if fig else None
    if m.group("cn") and m.group("money"):
        unit = m.group("money")
        numeral = m.group("cn")
        # 三百万元: the numeral may absorb the 万/亿 of the unit; value it whole, in 元.
        whole = parse_number(numeral + unit[:-1]) if unit != "元" else parse_number(numeral)
        if whole is None:
            return None
        if unit == "元" and numeral[-1] in "万亿":
            unit = numeral[-1] + "元"
        factor = MONEY_UNITS[unit]
        stated = Figure(whole.value / factor, 0)
        return "amount", stated, stated.scaled(factor), unit
    fig = parse_number(m.group("num") or m.group("cn") or "")
    if fig is None:
        return None
    if m.group("money") or m.group("wan"):
        unit = m.group("money") or "万元"
        return "amount", fig, fig.scaled(MONEY_UNITS[unit]), unit
    if m.group("pct"):
        return "percent", fig, fig, "%"
    if m.group("score"):
        return "score", fig, fig, "分"
    return "count", fig, fig, m.group("count")


def _span(doc: Document, start: int, end: int, attrs: dict[str, Any],
          block: int | None = None) -> Span:
    """A quantity span; built directly because its attrs include ``label``."""
    index = block if block is not None else doc.block_at(start).index
    return Span(start, end, "quantity", doc.text[start:end], index, attrs)


def _comparator(before: str, after: str) -> str | None:
    if _GE.search(before) or _GE_AFTER.match(after):
        return ">="
    if _LE.search(before) or _LE_AFTER.match(after):
        return "<="
    return None


def _role(label: str, kind: str) -> tuple[str, str]:
    role = role_of(role_text(label), kind)
    return role.code, role.zh


class _Scanner:
    """Finds quantities in running text (a paragraph or one table cell)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.sentence_starts = [s.start for s in doc.sentences]

    def sentence_index(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        if i >= 0 and self.doc.sentences[i].start <= offset < self.doc.sentences[i].end + 1:
            return i
        return None

    def scan(self, text: str, base: int, extra: dict[str, Any]) -> list[Span]:
        spans: list[Span] = []
        block = self.doc.block_at(base).index
        floor = 0
        ends: list[int] | None = None
        marks: list[tuple[int, str]] | None = None
        row_header = extra.get("row_header")
        named: tuple[str, int] | None = None  # the last named amount's subject and end
        for m in QUANTITY.finditer(text):
            start, end = m.span()
            if start and (text[start - 1].isdigit() or text[start - 1] in ".第"):
                continue
            parsed = _figure(m)
            if parsed is None:
                continue
            kind, stated, canonical, unit = parsed
            before, after = text[max(0, start - 6):start], text[end:end + 4]
            label = _label(text, start, floor)
            spent = False
            if row_header and not _HAN.search(label):
                label = row_header
            elif named is not None and _BARE_LABEL.match(role_text(label)) \
                    and not _ITEM_END.search(text, named[1], start):
                # the named item's 支出 / 执行 is what it spent, whatever stage its budget
                # figure named (项目支出调整后预算2,206.50万元，支出2,144.34万元)
                spent = kind == "amount" and bool(_SPENT_LABEL.match(role_text(label)))
                label = named[0] + label
            if m.group("wan") and not _MONEY_LABEL.search(label):
                continue  # a bare 万 is money only where the label says so (资金29.6万)
            stage = "actual" if spent else stage_of(role_text(label))
            role, role_zh = _role(label, kind)
            if stage is None and kind == "amount" and not (
                    role == "expense_total" and "支出" in label):
                # Only money has a budget stage; it may come from earlier in the sentence
                # (预算100万元，其中基本支出60万元). Not for a bare 支出, which is what was
                # spent: in "预算收入312.56万元；支出306.91万元" the 预算 is the income's.
                if ends is None or marks is None:
                    ends = [e.end() for e in _SENTENCE_END.finditer(text)]
                    marks = stage_marks(text)
                k = bisect.bisect_right(ends, start)
                sentence_start = ends[k - 1] if k else 0
                j = bisect.bisect_right(marks, (start, "~")) - 1
                stage = marks[j][1] if j >= 0 and marks[j][0] > sentence_start else None
            attrs: dict[str, Any] = {
                "kind": kind, "figure": stated, "canonical": canonical,
                "value": canonical.value, "unit": unit, "role": role, "role_zh": role_zh,
                "stage": stage,
                "label": label,
                "approx": bool(m.group("more") or _APPROX_BEFORE.search(before)
                               or (m.group("cn") and _APPROX_BEFORE_CN.search(before))
                               or _APPROX_AFTER.match(after)),
                "comparator": _comparator(before, after),
                "per_unit": bool(_PER_UNIT.match(after) or _PER_UNIT_LABEL.search(label)),
                "sentence": self.sentence_index(base + start),
            }
            attrs.update(extra)
            spans.append(_span(self.doc, base + start, base + end, attrs, block))
            floor = end
            if kind == "amount":
                subject = _YEAR_HEAD.sub("", _STAGE_TAIL.sub("", role_text(label)))
                named = (subject, end) if role in _NAMED_ROLES and len(subject) >= 2 else None
        for m in _GRADE.finditer(text):
            spans.append(self.grade(base + m.start("grade"), base + m.end("grade"),
                                     m.group("grade"), _label(text, m.start(), 0), extra))
        return spans

    def grade(self, start: int, end: int, grade: str, label: str,
               extra: dict[str, Any]) -> Span:
        attrs: dict[str, Any] = {
            "kind": "grade", "grade": grade, "figure": None, "canonical": None, "value": None,
            "unit": None, "role": "grade", "role_zh": ROLE_NAMES["grade"], "stage": None,
            "label": label, "approx": False, "comparator": None, "per_unit": False,
            "sentence": self.sentence_index(start),
        }
        attrs.update(extra)
        return _span(self.doc, start, end, attrs)


def _cell_kind(header: str, money: bool, percent: bool) -> str:
    if percent:
        return "percent"
    if money:
        return "amount"
    if re.search(r"分值|得分|权重|分数|评分", header):
        return "score"
    return "number"


def _table_spans(scanner: _Scanner, block: Block) -> list[Span]:
    table = block.table
    assert table is not None
    doc = scanner.doc
    spans: list[Span] = []
    for region in table_regions(doc, block):
        spans.extend(_region_spans(scanner, doc, block, table.rows, region))
    return spans


def _region_spans(scanner: _Scanner, doc: Document, block: Block, rows: list[list[Any]],
                  region: Region) -> list[Span]:
    spans: list[Span] = []
    for r in region.rows:
        row = rows[r]
        label = row_label(row, region.columns)
        total = is_total_row(row)
        for c, cell in enumerate(row):
            column = region.columns[c] if c < len(region.columns) else None
            header = column.header if column else ""
            extra = {"table": block.index, "row": r, "col": c, "row_header": label,
                     "col_header": header, "total_row": total}
            text = clean(cell.text)
            if not text:
                continue
            percent = text.endswith(("%", "％"))
            fig = parse_number(text.rstrip("%％"))
            if fig is None:
                spans.extend(scanner.scan(cell.text, cell.start, extra))
                if text in GRADE_WORDS:
                    offset = cell.start + cell.text.find(text)
                    spans.append(scanner.grade(offset, offset + len(text), text, label, extra))
                continue
            kind = _cell_kind(header, bool(column and column.money), percent)
            unit = "%" if percent else (column.unit if column and kind == "amount" else None)
            canonical = fig.scaled(MONEY_UNITS[unit]) if kind == "amount" and unit else fig
            if kind == "amount":
                role = ("total", ROLE_NAMES["total"]) if TOTAL_LABEL.match(label) else \
                    _role(label, "amount")
            elif kind == "score":
                role = ("weight", ROLE_NAMES["weight"]) if re.search(r"分值|权重", header) \
                    else ("score", ROLE_NAMES["score"])
            else:
                role = _role(f"{label} {header}" if kind == "percent" else label, kind)
            offset = cell.start + cell.text.find(text[:1])
            spans.append(_span(doc, offset, offset + len(text), dict(
                kind=kind, figure=fig, canonical=canonical, value=canonical.value, unit=unit,
                role=role[0], role_zh=role[1], stage=column.stage if column else None,
                label=label, approx=False, comparator=None, per_unit=False, sentence=None,
                **extra)))
    return spans


@annotator(50)
def find_quantities(doc: Document, config: dict[str, Any]) -> None:
    doc.attrs.pop("table_regions", None)
    doc.attrs.pop("table_grids", None)
    scanner = _Scanner(doc)
    spans: list[Span] = []
    for block in doc.blocks:
        if block.table is not None:
            spans.extend(_table_spans(scanner, block))
        elif block.text:
            spans.extend(scanner.scan(block.text, block.start, {"table": None}))
    spans.sort(key=lambda s: s.start)
    doc.spans["quantities"] = spans


def quantities(doc: Document, kind: str | None = None) -> list[Span]:
    """The document's quantities, optionally of one kind (amount, percent …)."""
    spans = doc.spans.get("quantities", [])
    if kind is None:
        return list(spans)
    # Split by kind once per layer (many rules ask); keyed by the layer list itself, so a
    # re-annotated document gets a fresh split.
    cached = doc.attrs.get("quantities_by_kind")
    if cached is None or cached[0] is not spans:
        by_kind: dict[str, list[Span]] = {}
        for s in spans:
            by_kind.setdefault(s.attrs["kind"], []).append(s)
        cached = (spans, by_kind)
        doc.attrs["quantities_by_kind"] = cached
    return list(cached[1].get(kind, []))


def exact_text_amounts(doc: Document) -> list[Span]:
    """Money figures of the running text that may enter a sum: not a table cell, and not
    approximate, a bound or a per-unit figure."""
    return [q for q in quantities(doc, "amount") if q.attrs.get("table") is None
            and not (q.attrs["approx"] or q.attrs["per_unit"] or q.attrs["comparator"])]
