"""Totals and their parts as a sentence states them: "X万元，其中A…万元，B…万元", or a list
summed at its end: "A…万元，B…万元，合计X万元".

Layer ``doc.spans["amount_groups"]``: one span per total that a list marker (其中, 包括,
主要为, 分别为 …) breaks down, with ``attrs`` ``total`` (the total's quantity span),
``parts`` (the part spans), ``segments`` (indexes of parts that follow a ；, where a second
breakdown of the same total may start: "其中：中央资金…，省级资金…；用于A…、B…"),
``marker``, ``exhaustive`` and ``valid``.

The parse is a small stack machine over the amounts of a paragraph, one full sentence
(。) at a time, because report sentences nest lists and join them with ；:
"支出919.60万元，其中基本支出822.21万元，包括人员经费…和公用经费…；项目支出97.39万元，
主要为…" — 包括 opens a list under 基本支出; the ； (or 项目支出 being the sibling of
基本支出) closes it, so 项目支出 joins the outer 其中 list. The lists form a tree: a sibling
of a list's own total ends that list ("基本支出…，其中人员经费…、公用经费…；项目支出…" — 项目
支出 is no part of 基本支出), and a part that breaks down the part before it without a
marker opens a list under it ("其中基本支出…，人员经费…、公用经费…；项目支出…"). A sentence
that starts with a marker continues the last amount of the sentence before
("…308.82万元。主要用于…"), never a figure compared with (比2024年的…万元), which belongs
to another period.

Being wrong here means a false alarm, so a list is marked invalid as soon as its shape is
in doubt: an extra clause between two parts (…11万元，主要用于…，项目支出11万元), an
approximate part (约, 余), a part that is itself a total or a different budget stage. A list
led by 主要 or closed by 等 is not exhaustive unless it ends with a catch-all (其他…).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from auditor.annotate.quantities import BREAKDOWN_WORDS, quantities, role_text
from auditor.annotate.registry import annotator
from auditor.annotate.roles import PARTITIONS, stage_of
from auditor.model.document import Block, Document, Span

MARKER = re.compile(rf"(?:{BREAKDOWN_WORDS})[：:，,]?")
_DELIM = re.compile(r"[，,；;：:、]")
_SEMICOLON = re.compile(r"[；;]")
_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]*")
_CATCH_ALL = re.compile(r"^(?:其他|其它|其余)")
_ETC = re.compile(r"^[^，,；;。]{0,3}等")
_YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年)")
_TERMINATED = re.compile(r"[。！？!?；;]\s*$")
_HAN = re.compile(r"[\u4e00-\u9fa5]")
_SELF_NESTING = ("basic", "project", "personnel", "public")
# A figure compared with (比2024年的3150.40万元, 较上年…): another period's amount, never a
# total or a part of this period's breakdown.
_COMPARED = re.compile(r"^(?:比|较)(?:上|去|前|同期|\d{4})|^(?:同比|环比)")


@dataclass
class _Group:
    total: Span
    marker: str
    parts: list[Span] = field(default_factory=list)
    segments: list[int] = field(default_factory=list)
    valid: bool = True
    etc: bool = False

    def stage(self) -> str | None:
        return self.total.attrs["stage"]


def _admit(group: _Group, part: Span) -> None:
    """Add a part; an approximate, compared or unnamed one leaves the list in doubt."""
    group.parts.append(part)
    if part.attrs["approx"] or part.attrs["comparator"] or not _HAN.search(part.attrs["label"]):
        group.valid = False


def _compatible(group: _Group, part: Span) -> bool:
    """A part that is itself a total, or of another budget stage, ends the list."""
    role = part.attrs["role"]
    if role in ("expense_total", "total"):
        return False
    if role in _SELF_NESTING and role == group.total.attrs["role"]:
        return False
    own = stage_of(role_text(part.attrs["label"]))
    if group.parts and own != stage_of(role_text(group.parts[0].attrs["label"])):
        return False  # "其中A…，B…，实际使用…" : the list ended before the stage changed
    return own is None or group.stage() is None or own == group.stage()


def _siblings(total: Span, part: Span) -> bool:
    """Whether ``part`` stands beside ``total`` in a partition (项目支出 beside 基本支出)."""
    a, b = total.attrs["role"], part.attrs["role"]
    return a != b and a in _SELF_NESTING and b in _SELF_NESTING and any(
        a in roles and b in roles for roles in PARTITIONS.values())


def _parent_part(group: _Group, part: Span) -> Span | None:
    """The last part of ``group`` that ``part`` breaks down without a marker: in
    "其中基本支出…，人员经费…、公用经费…" 人员经费 is a part of 基本支出, not of the total."""
    if not group.parts:
        return None
    last = group.parts[-1]
    children = PARTITIONS.get(last.attrs["role"], ())
    return last if part.attrs["role"] in children else None


def _sibling_depth(stack: list[_Group], part: Span) -> int | None:
    """The open list in which ``part`` has a partition sibling (项目支出 beside 基本支出)."""
    role = part.attrs["role"]
    if role not in _SELF_NESTING:
        return None  # 其他支出 closes the innermost list as its catch-all
    for depth in range(len(stack) - 1, -1, -1):
        for siblings in PARTITIONS.values():
            if role not in siblings:
                continue
            if any(p.attrs["role"] in siblings and p.attrs["role"] != role
                   for p in stack[depth].parts):
                return depth
    return None


class _Parser:
    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self.stack: list[_Group] = []
        self.owner: dict[int, _Group] = {}

    def close(self, invalid: bool = False) -> None:
        if invalid and self.stack:
            self.stack[-1].valid = False
        self.stack = []

    def open(self, total: Span, marker: str) -> _Group:
        holder = self.owner.get(total.start)
        while self.stack and self.stack[-1] is not holder:
            self.stack.pop()
        group = _Group(total, marker)
        self.groups.append(group)
        self.stack.append(group)
        return group

    def add(self, group: _Group, part: Span, new_segment: bool) -> None:
        if new_segment and group.parts:
            group.segments.append(len(group.parts))
        _admit(group, part)
        self.owner[part.start] = group

    def feed(self, amount: Span, gap: str, previous: Span | None, after: str) -> None:
        normalised = MARKER.sub("\x00", gap)
        last_clause = _DELIM.split(normalised)[-1]
        marker = MARKER.search(gap)
        if marker and "\x00" in last_clause and previous is not None:
            group = self.open(previous, marker.group(0))
            self._append(group, amount, after, False)
            return
        if not self.stack:
            return
        if len(_DELIM.findall(normalised)) > 1:
            self.close(invalid=True)
            return
        for level in range(len(self.stack) - 1, -1, -1):
            if _siblings(self.stack[level].total, amount):
                del self.stack[level:]  # 基本支出…，其中人员…、公用…；项目支出…: the list ended
                break
        if not self.stack:
            return
        parent = _parent_part(self.stack[-1], amount)
        if parent is not None:
            self._append(self.open(parent, ""), amount, after, False)
            return
        depth = _sibling_depth(self.stack, amount)
        semicolon = bool(_SEMICOLON.search(gap))
        if depth is not None:
            del self.stack[depth + 1:]
        elif semicolon and len(self.stack) > 1:
            self.stack.pop()
        self._append(self.stack[-1], amount, after, semicolon)

    def _append(self, group: _Group, amount: Span, after: str, new_segment: bool) -> None:
        if not _compatible(group, amount):
            self.close()
            return
        self.add(group, amount, new_segment)
        if _ETC.match(after):
            group.etc = True


def _outside_brackets(text: str) -> list[bool] | None:
    """Per character: True when not inside （…） or (…); asides break down a part, not the list.
    ``None`` when the text has no brackets at all (the common case, kept cheap)."""
    if "（" not in text and "(" not in text:
        return None
    depth = 0
    flags: list[bool] = []
    for ch in text:
        if ch in "（(":
            depth += 1
        flags.append(depth == 0)
        if ch in "）)" and depth:
            depth -= 1
    return flags


_BALANCE_WORD = re.compile(r"结余|结转|余额")
_SUMMED = re.compile(r"(?:合计|共计|总计)$")  # the label of a total after its parts
_STRONG_BREAK = re.compile(r"[；;：:]")


def _parse_block(doc: Document, block: Block, amounts: list[Span]) -> list[_Group]:
    parser = _Parser()
    text = block.text
    outside = _outside_brackets(text)
    usable = [a for a in amounts if (outside is None or outside[a.start - block.start])
              and a.attrs["role"] != "change" and not a.attrs["per_unit"]
              and not _COMPARED.search(role_text(a.attrs["label"]))]
    starts = [a.start for a in usable]  # in text order, so a sentence's amounts are a slice
    before: list[Span] = []  # the amounts of the sentence before
    for m in _SENTENCE.finditer(text):
        if not m.group(0):
            continue
        start, end = block.start + m.start(), block.start + m.end()
        inside = usable[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        if not inside:
            before = []
            continue
        cursor = start
        previous = (_continued(before, inside[0])
                    if before and MARKER.match(text[m.start():].lstrip()) else None)
        first_group = len(parser.groups)
        for amount in inside:
            gap = doc.text[cursor:amount.start]
            if outside is not None:
                gap = "".join(ch for ch, keep in zip(gap, outside[cursor - block.start:],
                                                     strict=False) if keep)
            after = doc.text[amount.end:min(end, amount.end + 6)]
            parser.feed(amount, gap, previous, after)
            previous = amount
            cursor = amount.end
        parser.close()
        summed = _total_after_parts(doc, inside, parser.owner)
        if summed is not None:
            parser.groups.append(summed)
        if not _TERMINATED.search(m.group(0)):
            for group in parser.groups[first_group:]:
                group.valid = False  # the sentence is cut off: its lists may go on
        before = inside
    return parser.groups


def _total_after_parts(doc: Document, inside: list[Span],
                       owner: dict[int, _Group]) -> _Group | None:
    """A list summed at its end: 中央补助资金130万元，县级配套资金60万元，合计190万元. The
    parts are the amounts just before the total, one delimiter apart and in no other list."""
    for k in range(2, len(inside)):
        total = inside[k]
        if not _SUMMED.search(role_text(total.attrs["label"])) or total.start in owner:
            continue
        parts: list[Span] = []
        j = k - 1
        while j >= 0:
            gap = doc.text[inside[j].end:(parts[0] if parts else total).start]
            if len(_DELIM.findall(gap)) != 1 or _STRONG_BREAK.search(gap) \
                    or inside[j].start in owner:
                break
            parts.insert(0, inside[j])
            j -= 1
        group = _Group(total, "合计")
        if len(parts) < 2 or not all(_compatible(group, p) for p in parts):
            continue
        for part in parts:
            _admit(group, part)
        return group
    return None


def _continued(before: list[Span], first: Span) -> Span:
    """The amount a sentence opening with 其中 breaks down: the previous sentence's last one,
    passing over a balance at its end (…实际支出2151.92万元，结余34.48万元。其中基本支出…)
    unless the parts are balances themselves (其中：基本支出结余…)."""
    if _BALANCE_WORD.search(role_text(first.attrs["label"])):
        return before[-1]
    spent = [a for a in before if a.attrs["role"] != "balance"]
    return spent[-1] if spent else before[-1]


def _exhaustive(group: _Group) -> bool:
    """Whether the parts claim to be the whole total.

    Not when the list says 主要 or 等, when the parts are years of a multi-year total
    (其中2024年投入…，2025年投入…), or when the parts are progress figures of an unstaged
    total (总投资…，其中已完成…，已拨付…) — unless a catch-all (其他…) closes the list.
    """
    labels = [p.attrs["label"] for p in group.parts]
    if any(_CATCH_ALL.match(label) for label in labels):
        return True
    years = {y for label in labels for y in _YEAR.findall(label)}
    if len(years) > 1:
        return False
    staged = [stage_of(role_text(label)) for label in labels]
    if stage_of(role_text(group.total.attrs["label"])) is None and all(staged):
        return False
    return "主要" not in group.marker and not group.etc


@annotator(55)
def find_amount_groups(doc: Document, config: dict[str, Any]) -> None:
    amounts = [q for q in quantities(doc, "amount") if q.attrs.get("table") is None]
    by_block: dict[int, list[Span]] = {}
    for q in amounts:
        by_block.setdefault(q.block, []).append(q)
    spans: list[Span] = []
    for index, block_amounts in by_block.items():
        for group in _parse_block(doc, doc.blocks[index], block_amounts):
            if len(group.parts) < 2:
                continue
            start = min(group.total.start, group.parts[0].start)
            end = max(group.total.end, group.parts[-1].end)
            valid = group.valid and not group.total.attrs["approx"] and not any(
                p.attrs["unit"] is None for p in group.parts)
            spans.append(doc.span(start, end, "amount_group", total=group.total,
                                  parts=list(group.parts), segments=list(group.segments),
                                  marker=group.marker, exhaustive=_exhaustive(group),
                                  valid=valid))
    doc.spans["amount_groups"] = spans
