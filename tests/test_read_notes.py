"""Content a reader sees but cannot read as text is reported, never dropped silently."""

from __future__ import annotations

import copy
import io
import json
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl import Workbook
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from auditor.engine import ReportResult
from auditor.model.document import Table
from auditor.model.location import Location
from auditor.read import ReadError, read_bytes
from auditor.read.pdf_notes import image_page_notes, lost_glyph_notes
from auditor.read.pdf_objects import PageObjects
from auditor.report import renderer
from auditor.store import snapshot
from tests.pdf_maker import PAGE, Page, make_pdf

TEXT = [(72, 100, "一、基本情况"), (72, 130, "本单位2024年度预算支出情况如下。")]
# a different text for each page: lines repeated on every page are running heads
TEXT2 = [(72, 100, "二、绩效目标"), (72, 130, "全年完成各项工作任务。")]
FULL_PAGE = (30, 30, 535, 780)


def _pdf_notes(pages: list[Page]) -> list[tuple[str, int | None, str]]:
    doc = read_bytes(make_pdf(pages), "r.pdf", ".pdf")
    return [(n.code, n.loc.page, n.message.zh) for n in doc.notes]


def test_scanned_pages_between_text_pages_are_named_once_per_run() -> None:
    notes = _pdf_notes([Page(TEXT), Page(picture=FULL_PAGE), Page(picture=FULL_PAGE),
                        Page(TEXT2), Page(picture=FULL_PAGE)])
    assert [(code, page) for code, page, _ in notes] == [("image_page", 2), ("image_page", 5)]
    assert "第2至3页是图片" in notes[0][2] and "扫描" in notes[0][2]
    assert "第5页" in notes[1][2]


def test_text_pages_with_a_photo_or_a_small_image_give_no_note() -> None:
    photo = Page(TEXT2, picture=(72, 200, 400, 300))  # a photo beside the text
    logo = Page(picture=(72, 72, 60, 60))  # a page holding only a small seal or logo
    assert _pdf_notes([Page(TEXT), photo, logo]) == []


def test_a_page_number_does_not_make_a_scan_a_text_page() -> None:
    scan = Page([(290, 820, "- 2 -")], picture=FULL_PAGE)
    assert [code for code, _, _ in _pdf_notes([Page(TEXT), scan])] == ["image_page"]


def test_lost_glyph_note_names_page_and_count() -> None:
    pages = [(1, 300, PageObjects(0.0, 0, 10)), (2, 120, PageObjects(0.0, 3, 10))]
    notes = lost_glyph_notes(pages)
    assert [(n.code, n.loc) for n in notes] == [("lost_text", Location(page=2))]
    assert "第2页有3处文字无法提取" in notes[0].message.zh and "嵌入字体" in notes[0].action.zh
    assert image_page_notes(pages) == []


def _unembedded_pdf(lines: list[str]) -> bytes:
    """Text in reportlab's built-in STSong-Light, which is never embedded."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=PAGE)
    pdf.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        pdf.drawString(72, PAGE[1] - 100 - 24 * i, line)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def test_text_in_a_font_the_machine_lacks_is_read_or_reported() -> None:
    """Where the machine has no Chinese font, pdfium drops single-character text objects;
    whatever is missing from the text must then be reported for its page."""
    lines = ["一、基本情况", "甲", "乙", "本单位预算执行率为百分之九十八。"]
    doc = read_bytes(_unembedded_pdf(lines), "u.pdf", ".pdf")
    missing = [line for line in lines if line not in doc.text]
    lost = [n for n in doc.notes if n.code == "lost_text"]
    if missing:
        assert [n.loc.page for n in lost] == [1]
        assert f"有{len(missing)}处" in lost[0].message.zh
    else:
        assert lost == []


def _docx(build: object) -> bytes:
    d = docx.Document()
    d.add_paragraph("一、基本情况")
    build(d)  # type: ignore[operator]
    d.add_paragraph("二、绩效目标")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _ole(prog_id: str) -> object:
    return parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<w:object><o:OLEObject Type="Embed" ProgID="{prog_id}" r:id="rId99"/></w:object>'
        "</w:r>")


def _picture(d: docx.document.Document, width_cm: float, height_cm: float) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(buf, "PNG")
    buf.seek(0)
    d.add_paragraph().add_run().add_picture(buf, width=Cm(width_cm), height=Cm(height_cm))


def test_embedded_excel_object_is_noted_at_its_paragraph() -> None:
    def build(d: docx.document.Document) -> None:
        d.add_paragraph("附表：部门整体支出绩效自评表")._p.append(_ole("Excel.Sheet.12"))
        d.add_paragraph("公式")._p.append(_ole("Equation.3"))

    doc = read_bytes(_docx(build), "r.docx", ".docx")
    assert [(n.code, n.loc) for n in doc.notes] == [("embedded_object", Location(paragraph=1))]
    assert "第2段嵌入了 Excel 表格" in doc.notes[0].message.zh
    assert "普通表格" in doc.notes[0].action.zh


def test_large_pictures_are_noted_once_and_small_ones_not() -> None:
    def build(d: docx.document.Document) -> None:
        _picture(d, 15, 20)  # a screenshot of the score sheet
        _picture(d, 3, 3)  # a seal
        _picture(d, 15, 10)

    doc = read_bytes(_docx(build), "r.docx", ".docx")
    assert [(n.code, n.loc) for n in doc.notes] == [("large_picture", Location(paragraph=1))]
    assert "2张较大的图片（第2段、第4段）" in doc.notes[0].message.zh


def test_a_document_of_pictures_only_says_why_it_has_no_text() -> None:
    buf = io.BytesIO()
    d = docx.Document()
    _picture(d, 15, 20)
    d.save(buf)
    with pytest.raises(ReadError) as err:
        read_bytes(buf.getvalue(), "scan.docx", ".docx")
    assert err.value.code == "no_text"
    assert "图片" in err.value.problem.zh and "Word 表格" in err.value.action.zh


def test_notes_survive_the_snapshot_and_reach_every_output() -> None:
    doc = read_bytes(make_pdf([Page(TEXT), Page(picture=FULL_PAGE)]), "r.pdf", ".pdf")
    blob = snapshot.dump(doc)
    assert blob is not None
    again = snapshot.load(blob, "r.pdf", doc.sha256)
    assert again.notes == doc.notes
    result = ReportResult("r.pdf", doc.sha256, document=again)
    report = json.loads(renderer("json")([result]))["reports"][0]
    assert [(n["code"], n["where"]) for n in report["read_notes"]] == [("image_page", "第2页")]
    assert "[未读取] 第2页是图片" in renderer("text")([result])
    assert "第2页是图片" in renderer("markdown")([result])
    assert 'class="card read-notes"' in renderer("html")([result])
    plain = ReportResult("t.txt", "0" * 64, document=read_bytes("一、基本情况\n正文。".encode(),
                                                                  "t.txt", ".txt"))
    overview = renderer("html")([result, plain])
    assert overview.count('class="unread"') == 1  # the overview marks the report read in part
    sarif = json.loads(renderer("sarif")([result]))
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [(n["level"], n["properties"]["code"]) for n in notes] == [("warning", "image_page")]


def _workbook(rows: list[list[object]], formats: dict[str, str] | None = None,
              shown: str | None = None) -> bytes:
    """An .xlsx as Word embeds it; ``shown`` is the range Word displays (oleSize)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for ref, fmt in (formats or {}).items():
        sheet[ref].number_format = fmt
    buf = io.BytesIO()
    book.save(buf)
    if shown is None:
        return buf.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b"<sheets>", f'<oleSize ref="{shown}"/><sheets>'.encode())
            dst.writestr(item, data)
    return out.getvalue()


def _embed(d: docx.document.Document, blob: bytes, prog_id: str = "Excel.Sheet.12") -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    name = d.part.package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx")
    part = Part(PackURI(name),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", blob,
                d.part.package)
    rid = d.part.relate_to(part, RELATIONSHIP_TYPE.PACKAGE)
    run = _ole(prog_id)
    run.find(".//{urn:schemas-microsoft-com:office:office}OLEObject").set(qn("r:id"), rid)
    d.add_paragraph("附表：项目支出绩效自评表")._p.append(run)


SCORES = [["指标", "分值", "得分", "执行率"], ["预算执行率", 10, 9.5, 0.9825],
          ["产出指标", 50, 50, None], ["合计", 60, 58.5, None]]


def test_an_embedded_excel_sheet_is_read_as_a_table_where_it_stands() -> None:
    def build(d: docx.document.Document) -> None:
        _embed(d, _workbook(SCORES, {"D2": "0.00%", "C2": "0.00"}))

    doc = read_bytes(_docx(build), "r.docx", ".docx")
    assert doc.notes == []
    kinds = [(b.kind, b.text.split("\n")[0]) for b in doc.blocks]
    assert kinds == [("paragraph", "一、基本情况"), ("paragraph", "附表：项目支出绩效自评表"),
                     ("table", "指标\t分值\t得分\t执行率"), ("paragraph", "二、绩效目标")]
    table = doc.blocks[2].table
    assert table is not None
    assert table.grid()[1] == ["预算执行率", "10", "9.50", "98.25%"]
    assert table.rows[3][2].loc == Location(paragraph=1, row=3, col=2)


def test_only_the_range_word_shows_is_read() -> None:
    rows = [*SCORES, [], ["备注：内部计算", "不在报告中显示"]]
    doc = read_bytes(_docx(lambda d: _embed(d, _workbook(rows, shown="A1:C4"))), "r.docx",
                     ".docx")
    [table] = [b.table for b in doc.blocks if b.table is not None]
    assert table.grid() == [["指标", "分值", "得分"], ["预算执行率", "10", "9.5"],
                            ["产出指标", "50", "50"], ["合计", "60", "58.5"]]


def test_an_embedded_sheet_is_audited_like_a_word_table() -> None:
    from auditor.annotate import annotate
    from auditor.check import run_checks
    from auditor.config import load_config

    bad = [["一级指标", "分值", "得分"], ["产出指标", 50, 45], ["效益指标", 30, 30],
           ["满意度指标", 10, 10], ["预算执行", 10, 10], ["合计", 100, 98]]

    def build(d: docx.document.Document) -> None:
        _embed(d, _workbook(bad))

    config = load_config()
    doc = annotate(read_bytes(_docx(build), "r.docx", ".docx"), config)
    findings = run_checks([doc], config, ["score.sum_mismatch"])[0]
    assert [(f.rule_id, f.location.paragraph) for f in findings] == [("score.sum_mismatch", 1)]
    assert "95" in findings[0].message.zh


def test_an_old_binary_excel_object_stays_a_note() -> None:
    def build(d: docx.document.Document) -> None:
        _embed(d, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "Excel.Sheet.8")

    doc = read_bytes(_docx(build), "r.docx", ".docx")
    assert [n.code for n in doc.notes] == ["embedded_object"]
    assert not any(b.kind == "table" for b in doc.blocks)


# --- red-team cases: what must not be noted, and what must not break ------------------


def _pdf_with(draw: object) -> list[tuple[str, int | None]]:
    """A two-page PDF: a text page, then a page drawn by ``draw(canvas)``."""
    from tests.pdf_maker import FONT

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=PAGE)
    pdf.setFont(FONT, 12)
    for x, y, text in TEXT:
        pdf.drawString(x, PAGE[1] - y, text)
    pdf.showPage()
    pdf.setFont(FONT, 12)
    draw(pdf)  # type: ignore[operator]
    pdf.showPage()
    pdf.save()
    doc = read_bytes(buf.getvalue(), "r.pdf", ".pdf")
    return [(n.code, n.loc.page) for n in doc.notes]


def _scan_image() -> object:
    from reportlab.lib.utils import ImageReader

    return ImageReader(Image.new("RGB", (300, 400), "white"))


def test_blanks_in_a_latin_font_the_pdf_does_not_embed_are_no_lost_text() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        from tests.pdf_maker import FONT

        for i, text in enumerate(["二、绩效目标", "全年完成各项任务。"]):
            pdf.setFont(FONT, 12)
            pdf.drawString(72, 700 - 30 * i, text)
            pdf.setFont("Times-Roman", 12)  # Word exports runs of spaces like this
            pdf.drawString(300, 700 - 30 * i, "   ")

    assert _pdf_with(draw) == []


def test_a_seal_in_a_scaled_form_is_small_and_a_scan_in_a_form_is_a_page() -> None:
    def seal(pdf: canvas.Canvas) -> None:
        pdf.beginForm("seal")
        pdf.drawImage(_scan_image(), 0, 0, *PAGE)
        pdf.endForm()
        pdf.drawString(300, 300, "示例区文化馆（盖章）")
        pdf.drawString(300, 270, "2024年3月15日")
        pdf.saveState()
        pdf.translate(380, 250)
        pdf.scale(0.2, 0.12)
        pdf.doForm("seal")
        pdf.restoreState()

    def scan(pdf: canvas.Canvas) -> None:
        pdf.beginForm("scan")
        pdf.drawImage(_scan_image(), 0, 0, *PAGE)
        pdf.endForm()
        pdf.saveState()
        pdf.scale(0.8, 0.8)
        pdf.doForm("scan")
        pdf.restoreState()

    assert _pdf_with(seal) == []
    assert _pdf_with(scan) == [("image_page", 2)]


def test_a_scan_stored_in_strips_is_a_picture_page() -> None:
    def strips(pdf: canvas.Canvas) -> None:
        for i in range(8):
            pdf.drawImage(_scan_image(), 30, 30 + i * 98, 535, 98)

    assert _pdf_with(strips) == [("image_page", 2)]


def test_a_signing_page_over_a_letterhead_has_text_and_no_note() -> None:
    def signing(pdf: canvas.Canvas) -> None:
        pdf.drawImage(_scan_image(), 0, 0, *PAGE)
        pdf.drawString(300, 300, "示例区文化馆")
        pdf.drawString(300, 270, "2024年3月15日")

    assert _pdf_with(signing) == []


def test_text_drawn_as_outlines_is_noted() -> None:
    def outlines(pdf: canvas.Canvas) -> None:
        for i in range(300):  # one small path per "glyph"
            x, y = 72 + (i % 30) * 15, 700 - (i // 30) * 20
            pdf.rect(x, y, 10, 12, stroke=0, fill=1)

    assert _pdf_with(outlines) == [("outlined_text", 2)]


def _docx_xml(xml: str) -> bytes:
    return _docx(lambda d: d.add_paragraph()._p.append(parse_xml(xml)))


_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
       'xmlns:v="urn:schemas-microsoft-com:vml" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_PIC = ('<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:blipFill><a:blip r:embed="rId1"/></pic:blipFill></pic:pic>'
        '</a:graphicData></a:graphic>')


def test_a_picture_anchored_behind_the_text_is_a_background() -> None:
    xml = (f'<w:r {_NS}><w:drawing><wp:anchor behindDoc="1"><wp:extent cx="7560000" '
           f'cy="10692000"/>{_PIC}</wp:anchor></w:drawing></w:r>')
    assert read_bytes(_docx_xml(xml), "r.docx", ".docx").notes == []


def test_an_old_style_vml_picture_is_measured() -> None:
    xml = (f'<w:r {_NS}><w:pict><v:shape style="width:453pt;height:340pt">'
           '<v:imagedata r:id="rId1"/></v:shape></w:pict></w:r>')
    assert [n.code for n in read_bytes(_docx_xml(xml), "r.docx", ".docx").notes] \
        == ["large_picture"]


def test_objects_are_named_for_what_they_are_and_links_said_to_be_links() -> None:
    def build(d: docx.document.Document) -> None:
        d.add_paragraph("佐证材料")._p.append(_ole("AcroExch.Document.DC"))
        linked = _ole("Excel.Sheet.12")
        linked.find(".//{urn:schemas-microsoft-com:office:office}OLEObject").set("Type", "Link")
        d.add_paragraph("附表")._p.append(linked)

    doc = read_bytes(_docx(build), "r.docx", ".docx")
    pdf, link = (n.message.zh for n in doc.notes)
    assert "嵌入了 PDF 文件" in pdf and "评分表、数据" in doc.notes[0].action.zh
    assert "链接了外部的 Excel 表格" in link and "不在报告文件中" in link


def test_a_chart_sheet_or_a_damaged_workbook_is_a_note_not_a_lost_report() -> None:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["指标", 1])
    chart_sheet = book.create_chartsheet("图表")
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=2, min_row=1))
    chart_sheet.add_chart(chart)
    book.active = 1
    buf = io.BytesIO()
    book.save(buf)
    good = _workbook(SCORES)
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, data[:len(data) // 2] if "worksheets/sheet1" in item.filename
                         else data)

    def build(d: docx.document.Document) -> None:
        _embed(d, buf.getvalue(), "Excel.Chart.8")
        _embed(d, damaged.getvalue())

    doc = read_bytes(_docx(build), "r.docx", ".docx")
    assert [n.code for n in doc.notes] == ["embedded_object", "embedded_object"]
    assert "Excel 图表" in doc.notes[0].message.zh


def _read_embedded(book: Workbook) -> Table:
    """The one table a report with the workbook embedded in a paragraph reads as."""
    buf = io.BytesIO()
    book.save(buf)
    doc = read_bytes(_docx(lambda d: _embed(d, buf.getvalue())), "r.docx", ".docx")
    [table] = [b.table for b in doc.blocks if b.table is not None]
    return table


def test_hidden_rows_and_columns_are_not_read() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [["指标", "备注", "分值"], ["产出指标", "内部", 50], ["生态效益（不适用）", "", 10],
                ["合计", "", 50]]:
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True
    sheet.column_dimensions["B"].hidden = True
    table = _read_embedded(book)
    assert table.grid() == [["指标", "分值"], ["产出指标", "50"], ["合计", "50"]]


def test_merged_header_cells_read_like_word_merged_cells() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [["项目支出绩效自评表", None, None], ["指标", "分值", "得分"], ["产出", 50, 48]]:
        sheet.append(row)
    sheet.merge_cells("A1:C1")
    table = _read_embedded(book)
    assert table.grid()[0] == ["项目支出绩效自评表", "", ""]


def test_an_excel_object_in_a_word_table_cell_is_noted_for_that_table() -> None:
    def build(d: docx.document.Document) -> None:
        cell = d.add_table(rows=1, cols=2).cell(0, 1)
        cell.paragraphs[0]._p.append(_ole("Excel.Sheet.12"))

    doc = read_bytes(_docx(build), "r.docx", ".docx")
    assert [(n.code, n.loc) for n in doc.notes] == [("embedded_object", Location(table=0))]
    assert "表1的单元格中嵌入了 Excel 表格" in doc.notes[0].message.zh


def test_formulas_without_saved_results_are_noted() -> None:
    def build(d: docx.document.Document) -> None:
        _embed(d, _workbook([["指标", "分值"], ["产出", 50], ["效益", 30], ["合计", "=B2+B3"]]))

    doc = read_bytes(_docx(build), "r.docx", ".docx")
    assert [n.code for n in doc.notes] == ["uncached_formulas"]
    assert "1个公式单元格没有保存计算结果" in doc.notes[0].message.zh


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (9.6, "0", "10"),
    (8.25, "0.0", "8.3"),  # Excel rounds half away from zero
    (2.675, "0.00", "2.68"),
    (0.9825, "0.00%", "98.25%"),
    (1234567.891, "#,##0.00", "1,234,567.89"),
    (12.5, '0.00"万元"', "12.50万元"),
    (-1500, "#,##0.00_);(#,##0.00)", "(1,500.00)"),
    (1234.5, '"¥"#,##0.00', "¥1,234.50"),
    (98.25, "General", "98.25"),
    (100.0, "General", "100"),
    (1234.5, "[$¥-804]#,##0.00", "¥1,234.50"),  # Chinese Excel's currency format
    (0.5, "[$-409]0%", "50%"),
    (12345678, "0!.0000", "1234.5678"),  # 元 shown as 万元
    (12345678, '0!.0,"万元"', "1234.6万元"),
    (95.5, '0.00"%"', "95.50%"),  # a quoted % is text, not a percentage
    (1234567, "#,##0,", "1,235"),
])
def test_numbers_show_as_excel_formats_them(value: float, fmt: str, shown: str) -> None:
    from auditor.read.excel_format import display

    assert display(value, fmt) == shown


def test_dates_follow_their_format() -> None:
    import datetime as dt

    from auditor.read.excel_format import display

    day = dt.datetime(2023, 12, 1)
    assert display(day, 'yyyy"年"m"月"') == "2023年12月"
    assert display(day, 'yyyy"年"m"月"d"日"') == "2023年12月1日"
    assert display(day, "yyyy/m/d") == "2023/12/1"


def test_hidden_neighbouring_columns_stored_as_one_range_are_not_read() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [["指标", "系数", "权重", "分值"], ["产出指标", 1, 0.5, 50], ["合计", 1, 0.5, 50]]:
        sheet.append(row)
    sheet.column_dimensions.group("B", "C", hidden=True)
    table = _read_embedded(book)
    assert table.grid() == [["指标", "分值"], ["产出指标", "50"], ["合计", "50"]]


def test_an_object_in_a_text_box_is_read_once() -> None:
    """Word stores a text box twice (DrawingML and a VML fallback) with the object in both."""
    def build(d: docx.document.Document) -> None:
        blob = _workbook(SCORES)
        _embed(d, blob)
        paragraph = d.paragraphs[-1]._p
        run = paragraph[-1]
        paragraph.remove(run)
        mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
        box = parse_xml(f'<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                        f'xmlns:mc="{mc}"><mc:AlternateContent><mc:Choice Requires="wps"/>'
                        '<mc:Fallback/></mc:AlternateContent></w:r>')
        choice, fallback = box[0][0], box[0][1]
        choice.append(run)
        fallback.append(copy.deepcopy(run))
        paragraph.append(box)

    doc = read_bytes(_docx(build), "r.docx", ".docx")
    assert sum(1 for b in doc.blocks if b.table is not None) == 1
    assert doc.notes == []


def test_text_extracted_through_a_wrong_character_map_is_garbled() -> None:
    from auditor.read.pdf_notes import garbled, garbled_text_notes

    mojibake = "ÑÇÉÖÜáàâäãåÅÑçÇÉéèêëíì96%\nîïñóòô\nçöÜÄõúùûÄÅü†°¢£§"
    assert garbled(mojibake)
    assert not garbled("本单位2024年度预算支出120万元，执行率为98.25%，全年完成各项工作任务。")
    assert not garbled("Annual budget execution rate 98.25 percent, all targets met.")
    assert not garbled("ÑÇÉÖÜ")  # too little to tell
    notes = garbled_text_notes([(1, "正文第一页的文字内容很正常，没有任何问题。"), (2, mojibake),
                                (3, mojibake)])
    assert [(n.code, n.loc.page) for n in notes] == [("garbled_text", 2)]
    assert "第2至3页的文字提取出来是乱码" in notes[0].message.zh


def test_chinese_built_in_date_formats_known_only_by_id() -> None:
    """Excel writes no pattern for zh-CN format ids 31 and 58; openpyxl sees "General"."""
    from types import SimpleNamespace

    from auditor.read.excel_format import display_cell

    def cell(fmt_id: int) -> object:
        return SimpleNamespace(_style=SimpleNamespace(numFmtId=fmt_id), value=45291,
                               number_format="General")

    assert display_cell(cell(31)) == "2023年12月31日"
    assert display_cell(cell(58)) == "12月31日"
    assert display_cell(cell(0)) == "45291"
