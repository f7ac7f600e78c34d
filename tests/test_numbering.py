"""Chinese heading markers: every style the outline uses, and what is not a marker."""

from __future__ import annotations

import pytest

from auditor.annotate.numbering import cn_to_int, parse_marker


@pytest.mark.parametrize(
    ("text", "style", "ordinal"),
    [
        ("第一部分 基本情况", "part", 1),
        ("第十二章 附则", "part", 12),
        ("一、部门基本情况", "cn_dun", 1),
        ("十一、其他", "cn_dun", 11),
        ("（三）人员情况", "paren_cn", 3),
        ("(四) 资产情况", "paren_cn", 4),
        ("2、人大会议", "num_dun", 2),
        ("1．资金使用情况", "num_dot", 1),
        ("3.产出进度", "num_dot", 3),
        ("（12）其他事项", "paren_num", 12),
        ("③强化人大监督职能", "circled", 3),
    ],
)
def test_markers(text: str, style: str, ordinal: int) -> None:
    marker = parse_marker(text)
    assert marker is not None
    assert (marker.style, marker.ordinal) == (style, ordinal)


@pytest.mark.parametrize("text", ["2025年预算收入919.60万元", "1.5万元用于培训", "一是加强管理", "人员情况"])
def test_not_markers(text: str) -> None:
    assert parse_marker(text) is None


def test_chinese_numerals() -> None:
    assert [cn_to_int(t) for t in ("一", "十", "十二", "二十", "二十三", "一百零五")] == [1, 10, 12, 20, 23, 105]
