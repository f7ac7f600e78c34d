"""The PDF reader on small generated PDFs: each test draws the layout it checks."""

from __future__ import annotations

import pytest

from auditor.model.document import Document
from auditor.model.location import Location
from auditor.read import read_bytes
from tests.pdf_maker import Page, grid_page, make_pdf, width

X = 72.0
LINE = ("这是一段用于测试换行拼接的正文，" * 3)[:37]  # fills the column between 72pt margins


def _doc(pages: list[Page]) -> Document:
    return read_bytes(make_pdf(pages), "t.pdf", ".pdf")


def _texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if b.table is None]


def test_wrapped_lines_join_into_paragraphs_with_line_locations() -> None:
    page = Page(texts=[(X, 80, "一、基本情况"), (X, 110, LINE), (X, 126, LINE),
                       (X, 142, "最后一行。"), (X, 172, "第二段只有一行。")])
    doc = _doc([page])
    assert _texts(doc) == ["一、基本情况", LINE + LINE + "最后一行。", "第二段只有一行。"]
    para = doc.blocks[1]
    assert para.loc == Location(page=1, line=2)
    third = doc.text.index("最后一行")
    assert doc.location_at(third) == Location(page=1, line=4)
    assert doc.location_at(para.start + len(LINE) + 1) == Location(page=1, line=3)


def test_short_line_ends_its_paragraph() -> None:
    doc = _doc([Page(texts=[(X, 80, LINE), (X, 96, "短行。"), (X, 112, LINE), (X, 128, "结束。")])])
    assert _texts(doc) == [LINE + "短行。", LINE + "结束。"]


def test_paragraph_continues_over_a_page_break() -> None:
    pages = [Page(texts=[(X, 80, LINE), (X, 96, LINE), (X, 780, LINE)]),
             Page(texts=[(X, 80, "跨页的结尾。"), (X, 110, LINE), (X, 126, LINE)])]
    doc = _doc(pages)
    joined = next(b for b in doc.blocks if "跨页的结尾" in b.text)
    assert joined.text == LINE + "跨页的结尾。"
    assert doc.location_at(joined.start + len(LINE) + 2) == Location(page=2, line=1)


def test_numbered_item_after_a_full_line_starts_a_new_paragraph_across_pages() -> None:
    full = LINE[:-1] + "。"
    pages = [Page(texts=[(X, 80, LINE), (X, 96, LINE), (X, 780, full)]),
             Page(texts=[(X, 80, "（二）下一个标题"), (X, 110, LINE), (X, 126, LINE)])]
    assert "（二）下一个标题" in _texts(_doc(pages))


def test_conversion_spacing_and_moved_quotes_are_undone() -> None:
    a, b, c, q = "遵循", "科学性", "的原则", width("“")
    page = Page(texts=[
        (X, 80, "2025"), (X + width("2025") + 2.4, 80, "年度报告"),  # Chinese/digit gap: no space
        (X, 110, "总得分为"), (X + width("总得分为") + 4, 110, "97 分"),  # a typed space
        (X, 140, a), (X + width(a) + q, 140, b), (X + width(a) + q + width(b) + q, 140, c),
        (X + width(a), 140, "“"), (X + width(a) + q + width(b), 140, "”"),  # drawn last
    ])
    assert _texts(_doc([page])) == ["2025年度报告", "总得分为 97 分", "遵循“科学性”的原则"]


@pytest.mark.parametrize("number", ["- {n} -", "第{n}页 共3页", "{n}/3", "{n}"])
def test_running_header_footer_and_page_numbers_are_removed(number: str) -> None:
    bodies = ["一、基本情况", "（一）项目概况。", "二、绩效目标"]
    pages = [Page(texts=[(X, 40, "某单位2025年度绩效自评报告"), (X, 100, body),
                         (290, 810, number.format(n=n))]) for n, body in enumerate(bodies, start=1)]
    pages[1].texts.append((X, 300, "7"))
    texts = _texts(_doc(pages))
    assert texts == [*bodies[:2], "7", bodies[2]]  # a bare number in the body is kept


def test_ruled_table_cells_and_locations() -> None:
    page = grid_page(X, 100, [80, 80, 80], [["项目", "预算数", "执行数"], ["办公费", "10", "9.5"]])
    page.texts.append((X, 80, "表格上方的说明"))
    doc = _doc([page])
    table = doc.tables[0].table
    assert table is not None
    assert table.grid() == [["项目", "预算数", "执行数"], ["办公费", "10", "9.5"]]
    cell = table.rows[1][2]
    assert cell.loc.page == 1 and (cell.loc.row, cell.loc.col) == (1, 2)
    assert doc.location_at(cell.start) == cell.loc
    assert _texts(doc) == ["表格上方的说明"]


def test_merged_cells_appear_once() -> None:
    page = grid_page(X, 100, [80, 80, 80], [["甲", "乙", "丙"], ["1", "2", "3"]])
    # a title row above, spanning all three columns
    page.rules += [(X, 76, X + 240, 76), (X, 76, X, 100), (X + 240, 76, X + 240, 100)]
    page.texts.append((X + 4, 92, "汇总表"))
    table = _doc([page]).tables[0].table
    assert table is not None
    assert table.grid() == [["汇总表", "", ""], ["甲", "乙", "丙"], ["1", "2", "3"]]


def test_table_continuing_on_next_page_is_joined_and_repeated_header_dropped() -> None:
    header = ["项目", "预算数", "执行数"]
    first = grid_page(X, 700, [80, 80, 80], [header, ["办公费", "10", "9"], ["差旅费", "5", "4"]])
    second = grid_page(X, 72, [80, 80, 80], [header, ["会议费", "3", "3"]])
    second.texts.append((X, 200, "表后的段落。"))
    doc = _doc([first, second])
    assert len(doc.tables) == 1
    table = doc.tables[0].table
    assert table is not None
    assert table.grid() == [header, ["办公费", "10", "9"], ["差旅费", "5", "4"], ["会议费", "3", "3"]]
    assert table.rows[3][0].loc.page == 2


def test_tables_with_different_columns_stay_apart() -> None:
    first = grid_page(X, 700, [80, 80, 80], [["甲", "乙", "丙"], ["1", "2", "3"]])
    second = grid_page(X, 72, [120, 120], [["丁", "戊"], ["4", "5"]])
    assert len(_doc([first, second]).tables) == 2


def test_repeated_header_is_dropped_when_the_title_row_is_not_repeated() -> None:
    header = ["项目", "预算数", "执行数"]
    first = grid_page(X, 676, [80, 80, 80], [["汇总表", "", ""], header, ["办公费", "10", "9"]])
    second = grid_page(X, 72, [80, 80, 80], [header, ["会议费", "3", "3"]])
    table = _doc([first, second]).tables[0].table
    assert table is not None
    assert table.grid() == [["汇总表", "", ""], header, ["办公费", "10", "9"], ["会议费", "3", "3"]]


def test_row_broken_by_the_page_is_glued_back() -> None:
    first = grid_page(X, 720, [80, 80], [["项目", "说明"]])
    # the last row on page 1 holds the first line of a wrapped cell, page 2 the rest
    wrapped = "第一行写满了单元格"[: int(72 // 12)]
    first = grid_page(X, 744, [80, 80], [["办公费", wrapped]], page=first)
    second = grid_page(X, 72, [80, 80], [["", "剩余的文字"]])
    second.texts.append((X, 200, "表后的段落。"))
    table = _doc([first, second]).tables[0].table
    assert table is not None
    assert table.grid() == [["项目", "说明"], ["办公费", wrapped + "剩余的文字"]]


def test_row_broken_by_the_page_under_a_repeated_header_is_glued_back() -> None:
    """Word repeats the header row and lets a row break across the page at the same time."""
    first = grid_page(X, 720, [80, 80], [["项目", "说明"]])
    wrapped = "第一行写满了单元格"[: int(72 // 12)]
    first = grid_page(X, 744, [80, 80], [["办公费", wrapped]], page=first)
    second = grid_page(X, 72, [80, 80], [["项目", "说明"], ["", "剩余的文字"]])
    second.texts.append((X, 200, "表后的段落。"))
    table = _doc([first, second]).tables[0].table
    assert table is not None
    assert table.grid() == [["项目", "说明"], ["办公费", wrapped + "剩余的文字"]]


def test_first_line_indent_separates_paragraphs_without_paragraph_spacing() -> None:
    indent = X + 24  # two characters, as Chinese reports indent
    first = LINE[:-2]
    page = Page(texts=[(indent, 80, first), (X, 96, LINE), (X, 112, LINE),
                       (indent, 128, first), (X, 144, "完。")])
    assert _texts(_doc([page])) == [first + LINE + LINE, first + "完。"]


def test_numbered_heading_after_an_indented_line_that_fills_it_starts_a_block() -> None:
    """A spaced title sets the document apart as 'spaced', but body paragraphs follow at one
    line pitch; an indented one-line paragraph ends at the margin and the indented heading
    after it must not be joined to it (…低于目标。六、评价结论)."""
    ending = ("居民满意度达到百分之八十三，低于目标。" * 2)[:34] + "。"
    texts = [(200.0, 50.0, "某局2025年度绩效自评报告")]
    texts += [(X, 80.0 + 16 * i, LINE) for i in range(12)]
    texts += [(X, 272.0, "结尾。"), (X + 24, 288.0, ending), (X + 24, 304.0, "六、评价结论"),
              (X + 24, 320.0, "自评得分91分。")]
    assert _texts(_doc([Page(texts=texts)]))[-3:] == [ending, "六、评价结论", "自评得分91分。"]
