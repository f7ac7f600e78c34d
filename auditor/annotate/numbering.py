"""Chinese heading numbering: 第一部分, 一、, （一）, 1、, 1., （1）, ①.

Shared by the heading annotator and the numbering rule so both read markers the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
CN_NUM = "[一二三四五六七八九十百零〇两]+"

# style -> (pattern, canonical depth). Order matters: longer markers first.
STYLES: list[tuple[str, re.Pattern[str], int]] = [
    ("part", re.compile(rf"^第({CN_NUM}|\d+)(部分|章|篇)[、，,：:\s]*"), 0),
    ("cn_dun", re.compile(rf"^({CN_NUM})\s*[、．.]\s*"), 1),
    ("paren_cn", re.compile(rf"^[（(]\s*({CN_NUM})\s*[）)]\s*[、．.]?\s*"), 2),
    ("num_dun", re.compile(r"^(\d{1,2})\s*、\s*"), 3),
    ("num_dot", re.compile(r"^(\d{1,2})\s*[.．](?!\d)\s*"), 3),
    ("paren_num", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*[、．.]?\s*"), 4),
    ("circled", re.compile(rf"^([{CIRCLED}])\s*"), 5),
]
DEPTH = {name: depth for name, _, depth in STYLES}
# Styles that number the same level in different writing (（一）/（1）, 一、/1、): a slip
# from one to the other continues the count instead of opening a new level.
TWINS = {"paren_cn": "paren_num", "paren_num": "paren_cn", "cn_dun": "num_dun",
         "num_dun": "cn_dun", "num_dot": "num_dun"}
# Styles that always open a top-level part, wherever they first appear.
TOP_STYLES = ("part", "cn_dun")
STYLE_NAMES_ZH = {
    "part": "第X部分", "cn_dun": "一、", "paren_cn": "（一）", "num_dun": "1、",
    "num_dot": "1.", "paren_num": "（1）", "circled": "①",
}


def cn_to_int(text: str) -> int:
    """Chinese numeral (up to the hundreds) to int: 十二 -> 12, 二十 -> 20."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = CN_DIGITS.get(ch, 0)
    return total + current


@dataclass(frozen=True)
class Marker:
    text: str
    style: str
    ordinal: int
    depth: int


def parse_marker(text: str) -> Marker | None:
    for style, pattern, depth in STYLES:
        m = pattern.match(text)
        if m:
            raw = m.group(1)
            ordinal = CIRCLED.index(raw) + 1 if style == "circled" else cn_to_int(raw)
            if ordinal <= 0:
                return None
            return Marker(m.group(0), style, ordinal, depth)
    return None
