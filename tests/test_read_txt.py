"""Text reports in the encodings finance staff save them in, and the table convention."""

from __future__ import annotations

import codecs

import pytest

from auditor.model.location import Location
from auditor.read import read_bytes

REPORT = "一、基本情况\n本年度预算100万元。\n\n\t项目\n\t金额\n\n\t办公费\n\t10\n\n表后段落。\n"


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: t.encode("gbk"),
    lambda t: t.encode("gb18030"),
    lambda t: t.encode("utf-16"),  # with BOM, as Notepad writes it
    lambda t: t.encode("utf-16-le"),
    lambda t: t.replace("\n", "\r\n").encode("gbk"),
], ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16-bom", "utf16le-no-bom", "gbk-crlf"])
def test_encodings_give_the_same_document(encode) -> None:
    doc = read_bytes(encode(REPORT), "r.txt", ".txt")
    assert [b.text for b in doc.blocks if b.table is None] == ["一、基本情况", "本年度预算100万元。",
                                                                "表后段落。"]
    table = doc.tables[0].table
    assert table is not None and table.grid() == [["项目", "金额"], ["办公费", "10"]]
    assert table.rows[1][1].loc == Location(line=8)


def test_ragged_rows_are_padded_to_the_widest() -> None:
    doc = read_bytes("\t标题\n\n\t甲\n\t乙\n\t丙\n\n正文。\n".encode(), "r.txt", ".txt")
    table = doc.tables[0].table
    assert table is not None and table.grid() == [["标题", "", ""], ["甲", "乙", "丙"]]


def test_undecodable_bytes_are_an_encoding_error() -> None:
    from auditor.read import ReadError

    with pytest.raises(ReadError) as err:
        read_bytes("正文".encode() + b"\xff\xfe\xfd\x81\x30" * 3, "r.txt", ".txt")
    assert err.value.code in ("encoding", "binary")


def test_layout_spaces_are_plain_spaces() -> None:
    doc = read_bytes("\u3000\u3000支出\u00a012万元。\n".encode(), "r.txt", ".txt")
    assert doc.blocks[0].text == "支出 12万元。"


@pytest.mark.parametrize(("location", "zh", "en"), [
    (Location(page=4, row=5, col=1, line=8), "第4页第8行（表格第6行第2列）",
     "page 4, line 8 (table row 6, column 2)"),
    (Location(line=5, row=2, col=0), "第5行（表格第3行第1列）", "line 5 (table row 3, column 1)"),
    (Location(table=1, row=0, col=3), "表2第1行第4列", "table 2, row 1, column 4"),
    (Location(page=3, line=12), "第3页第12行", "page 3, line 12"),
])
def test_locations_read_as_a_reviewer_looks_them_up(location: Location, zh: str, en: str) -> None:
    """A cell of a table on a page is found by its line, then by its place in the table."""
    assert (location.describe().zh, location.describe().en) == (zh, en)
