"""Content a reader sees but cannot read as text is reported, never dropped silently."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from auditor.engine import ReportResult
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
    assert "第2–3页" in notes[0][2] and "扫描" in notes[0][2]
    assert "第5页" in notes[1][2]


def test_text_pages_with_a_photo_or_a_small_image_give_no_note() -> None:
    photo = Page(TEXT2, picture=(72, 200, 400, 300))  # a photo beside the text
    logo = Page(picture=(72, 72, 60, 60))  # a page holding only a small seal or logo
    assert _pdf_notes([Page(TEXT), photo, logo]) == []


def test_a_page_number_does_not_make_a_scan_a_text_page() -> None:
    scan = Page([(290, 820, "- 2 -")], picture=FULL_PAGE)
    assert [code for code, _, _ in _pdf_notes([Page(TEXT), scan])] == ["image_page"]


def test_lost_glyph_note_names_page_and_count() -> None:
    pages = [(1, 300, PageObjects(0.0, 0)), (2, 120, PageObjects(0.0, 3))]
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
    assert "第2段嵌入了一个Excel 表格" in doc.notes[0].message.zh
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
    assert "[未读取] 第2页只有图片" in renderer("text")([result])
    assert "第2页只有图片" in renderer("markdown")([result])
    assert 'class="card read-notes"' in renderer("html")([result])
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

    part = Part(PackURI("/word/embeddings/Microsoft_Excel_Worksheet1.xlsx"),
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
