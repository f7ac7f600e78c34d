"""The .docx reader on documents built with python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from auditor.model.location import Location
from auditor.read import ReadError, read_bytes, read_text


def _bytes(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_paragraphs_and_tables_in_body_order_with_locations() -> None:
    d = docx.Document()
    d.add_paragraph("一、基本情况")
    d.add_paragraph("")
    d.add_paragraph("\u3000\u3000正文第一段。  ")
    table = d.add_table(rows=2, cols=2)
    for r, row in enumerate([["项目", "金额"], ["办公费", "10"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_paragraph("表后段落。")
    doc = read_bytes(_bytes(d), "t.docx", ".docx")
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "table", "paragraph"]
    assert doc.blocks[1].text == "正文第一段。"
    assert doc.blocks[1].loc == Location(paragraph=2)
    assert doc.blocks[3].loc == Location(paragraph=3)
    grid = doc.blocks[2].table
    assert grid is not None and grid.grid() == [["项目", "金额"], ["办公费", "10"]]
    assert grid.rows[1][1].loc == Location(table=0, row=1, col=1)


def test_merged_cells_read_like_the_text_export() -> None:
    d = docx.Document()
    table = d.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "汇总表"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "类别"
    for r, row in enumerate([["", "甲", "乙"], ["", "1", "2"]], start=1):
        for c in (1, 2):
            table.cell(r, c).text = row[c]
    grid = read_bytes(_bytes(d), "t.docx", ".docx").tables[0].table
    assert grid is not None
    assert grid.grid() == [["汇总表", "", ""], ["类别", "甲", "乙"], ["", "1", "2"]]
    text = "\t汇总表\n\n\t类别\n\t甲\n\t乙\n\n\t\n\t1\n\t2\n"
    txt_grid = read_text(text).tables[0].table
    assert txt_grid is not None and txt_grid.grid() == grid.grid()


def test_cell_paragraphs_and_line_breaks_become_lines_of_the_cell() -> None:
    d = docx.Document()
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run("预算数").add_break()
    cell.paragraphs[0].add_run("（调整后）")
    cell.add_paragraph("")
    cell.add_paragraph("说明")
    grid = read_bytes(_bytes(d), "t.docx", ".docx").tables[0].table
    assert grid is not None and grid.grid() == [["预算数\n（调整后）\n说明"]]


def test_nested_table_text_stays_in_its_cell() -> None:
    d = docx.Document()
    outer = d.add_table(rows=1, cols=2).cell(0, 1)
    outer.text = "外层"
    inner = outer.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内1"
    inner.cell(0, 1).text = "内2"
    doc = read_bytes(_bytes(d), "t.docx", ".docx")
    assert len(doc.tables) == 1
    grid = doc.tables[0].table
    assert grid is not None and grid.grid() == [["", "外层\n内1\n内2"]]


def _numbered(paragraph: docx.text.paragraph.Paragraph, num_id: int, level: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", level), ("w:numId", num_id)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(val))
        numpr.append(el)
    ppr.append(numpr)


def _add_chinese_list(d: docx.document.Document) -> int:
    """A two-level list: 一、 then （一）, as Chinese report templates define it."""
    numbering = d.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for ilvl, fmt, text in ((0, "chineseCounting", "%1、"), (1, "chineseCounting", "（%2）")):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)
    return 90


def test_automatic_numbering_is_rendered_as_heading_markers() -> None:
    d = docx.Document()
    num = _add_chinese_list(d)
    for text, level in (("基本情况", 0), ("项目概况", 1), ("资金情况", 1), ("绩效目标", 0),
                        ("总体目标", 1)):
        _numbered(d.add_paragraph(text), num, level)
    d.add_paragraph("第一项", style="List Number")
    d.add_paragraph("第二项", style="List Number")
    texts = [b.text for b in read_bytes(_bytes(d), "t.docx", ".docx").blocks]
    assert texts == ["一、基本情况", "（一）项目概况", "（二）资金情况", "二、绩效目标", "（一）总体目标",
                     "1.第一项", "2.第二项"]


def _another_instance(d: docx.document.Document, num_id: int, restart: int | None = None) -> int:
    """A second list instance of the same definition (90), optionally restarting level 0."""
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    if restart is not None:
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), str(restart))
        override.append(start)
        num.append(override)
    d.part.numbering_part.element.append(num)
    return num_id


def test_instances_of_one_list_continue_its_numbering_unless_restarted() -> None:
    """Word counts per list definition: a heading given its own instance of the same list
    continues the sequence (五、 after 四、); an instance with a start override restarts."""
    d = docx.Document()
    num = _add_chinese_list(d)
    other = _another_instance(d, 91)
    restarted = _another_instance(d, 92, restart=1)
    for text, num_id in (("基本情况", num), ("预算执行", num), ("绩效目标", other),
                         ("评价结论", num), ("附表一", restarted), ("附表二", restarted)):
        _numbered(d.add_paragraph(text), num_id)
    texts = [b.text for b in read_bytes(_bytes(d), "t.docx", ".docx").blocks]
    assert texts == ["一、基本情况", "二、预算执行", "三、绩效目标", "四、评价结论", "一、附表一",
                     "二、附表二"]


def test_a_docx_whose_parts_are_missing_is_reported_as_damaged() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a word file")
    with pytest.raises(ReadError) as err:
        read_bytes(buf.getvalue(), "bad.docx", ".docx")
    assert err.value.code == "corrupt_docx"


def test_manual_line_break_starts_a_new_line_like_the_text_export() -> None:
    d = docx.Document()
    run = d.add_paragraph().add_run("一、基本情况")
    run.add_break()
    run.add_text("正文\u00a0内容。")
    doc = read_bytes(_bytes(d), "t.docx", ".docx")
    assert [(b.text, b.loc) for b in doc.blocks] == [
        ("一、基本情况", Location(paragraph=0)), ("正文 内容。", Location(paragraph=0))]


@pytest.mark.parametrize(("n", "fmt", "shown"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
    (20, "chineseCountingThousand", "二十"), (105, "chineseCounting", "一百零五"),
    (3, "decimalEnclosedCircle", "③"), (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"),
    (7, "decimal", "7"), (1, "bullet", None),
])
def test_number_formats(n: int, fmt: str, shown: str | None) -> None:
    from auditor.read.docx_numbering import format_number

    assert format_number(n, fmt) == shown


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def _box(*lines: str) -> str:
    return "<w:txbxContent>" + "".join(
        f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines) + "</w:txbxContent>"


def test_text_box_paragraphs_are_blocks_before_their_anchor() -> None:
    """A cover title in a text box is read once (Word also stores a VML fallback copy),
    as blocks of their own, not glued to the paragraph that anchors the box."""
    from docx.oxml import parse_xml

    from auditor.annotate import annotate

    d = docx.Document()
    p = d.add_paragraph("正文。")
    p._p.append(parse_xml(
        f"<w:r {_W} {_MC}><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        + _box("示例县农业农村局", "2024年度部门整体支出绩效自评报告")
        + "</w:drawing></mc:Choice><mc:Fallback><w:pict>"
        + _box("示例县农业农村局", "2024年度部门整体支出绩效自评报告")
        + "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"))
    old = d.add_paragraph()
    old._p.append(parse_xml(f"<w:r {_W}><w:pict>{_box('附件1')}</w:pict></w:r>"))
    doc = read_bytes(_bytes(d), "t.docx", ".docx")
    assert [b.text for b in doc.blocks] == [
        "示例县农业农村局", "2024年度部门整体支出绩效自评报告", "正文。", "附件1"]
    meta = annotate(doc, {}).metadata
    assert meta.department == "示例县农业农村局" and meta.fiscal_year == 2024


def test_moved_text_is_read_once_where_it_now_stands() -> None:
    """An unaccepted tracked move keeps the old place (w:moveFrom) in the file."""
    from docx.oxml import parse_xml

    d = docx.Document()
    p = d.add_paragraph()
    p._p.append(parse_xml(f'<w:moveFrom {_W} w:id="1" w:author="a">'
                          "<w:r><w:t>执行率98.49%。</w:t></w:r></w:moveFrom>"))
    q = d.add_paragraph()
    q._p.append(parse_xml(f'<w:moveTo {_W} w:id="2" w:author="a">'
                          "<w:r><w:t>执行率98.49%。</w:t></w:r></w:moveTo>"))
    assert [b.text for b in read_bytes(_bytes(d), "t.docx", ".docx").blocks] == ["执行率98.49%。"]
