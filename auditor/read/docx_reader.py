"""Word (.docx) reports: body paragraphs and tables in document order.

The body XML is walked directly rather than through python-docx's grid view: a cell merged
across columns is one ``w:tc`` and so appears once, a vertically merged continuation is an
empty ``w:tc`` and stays an empty cell — exactly how the .txt export of the same report
writes them, so a table has the same grid in both formats. Text is normalised like the .txt
reader's lines so that headings, sentences and findings match across formats.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from auditor.model.document import Block, Cell, ReadNote, Table
from auditor.model.l10n import L10n
from auditor.model.location import Location
from auditor.read.docx_embedded import read_sheet
from auditor.read.docx_numbering import Numbering
from auditor.read.docx_objects import (
    FALLBACK,
    embedded_objects,
    large_pictures,
    object_note,
    picture_note,
    uncached_note,
)
from auditor.read.errors import ReadError
from auditor.read.grid import pad_rows
from auditor.read.reading import Reading
from auditor.read.txt_reader import _normalise

_P, _TBL, _SDT, _T = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:t")
_TEXT_TAGS = {qn("w:t"): "", qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
              qn("w:noBreakHyphen"): "-"}


_TXBX = qn("w:txbxContent")
# Not part of a paragraph's own text: deleted revisions and the old place of moved text
# (tracked changes not yet accepted), text boxes (read as paragraphs of their own, see
# _Reader.text_boxes), and the fallback copy of content given in two forms.
_HIDDEN = (qn("w:del"), qn("w:moveFrom"), _TXBX, qn("w:pPr"), FALLBACK)


def _corrupt(where: str) -> ReadError:
    return ReadError(
        "corrupt_docx",
        L10n(f"Word 文件已损坏或不完整，无法打开：{where}", f"The Word file is damaged or incomplete: {where}"),
        L10n("请在 Word/WPS 中打开确认后重新保存为 .docx，或重新获取完整文件",
             "open it in Word/WPS and save it again as .docx, or obtain the complete file"),
    )


def _runs_text(element: Any) -> str:
    """Visible text of a paragraph, skipping deleted or moved-away revisions and text boxes.

    Symbol-font characters (w:sym) are left out: they map to private-use code points."""
    parts: list[str] = []
    for node in element.iter():
        tag = node.tag
        if tag not in _TEXT_TAGS:
            continue
        if _inside(node, element, _HIDDEN):
            continue
        parts.append((node.text or "") if tag == _T else _TEXT_TAGS[tag])
    return "".join(parts)


def _inside(node: Any, stop: Any, tags: tuple[str, ...]) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _lines(text: str) -> list[str]:
    """A paragraph's lines (a manual line break starts a new one), cleaned like .txt lines."""
    out = []
    for raw in text.split("\n"):
        line = _normalise(raw).strip()
        if line:
            out.append(line)
    return out


def _body_items(body: Any) -> list[Any]:
    """Top-level paragraphs and tables; content controls (w:sdt) are looked into."""
    items: list[Any] = []
    for child in body:
        if child.tag in (_P, _TBL):
            items.append(child)
        elif child.tag == _SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                items.extend(_body_items(content))
    return items


class _Reader:
    def __init__(self, numbering: Numbering, part: Any) -> None:
        self.numbering = numbering
        self.part = part  # the document part, whose relationships lead to embedded files
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0
        self.notes: list[ReadNote] = []
        self.pictures: list[Location] = []

    def non_text(self, element: Any, loc: Location, in_table: bool = False) -> list[Block]:
        """Embedded Excel worksheets of a paragraph as table blocks; notes for the other
        embedded objects (in a table cell, a sheet could not be placed) and for large
        pictures, whose content is not read."""
        tables = []
        for obj in embedded_objects(element):
            part = None if obj.linked or in_table or not obj.rid \
                else self.part.related_parts.get(obj.rid)
            sheet = read_sheet(part.blob, loc) if part is not None else None
            if sheet is None:
                self.notes.append(object_note(obj, loc, in_table))
                continue
            tables.append(Block("table", "", loc, table=sheet.table))
            if sheet.uncached:
                self.notes.append(uncached_note(sheet.uncached, loc))
        self.pictures.extend([loc] * large_pictures(element))
        return tables

    def all_notes(self) -> list[ReadNote]:
        return self.notes + ([picture_note(self.pictures)] if self.pictures else [])

    def paragraph(self, p: Any) -> None:
        index = self.paragraphs
        self.paragraphs += 1
        sheets = self.non_text(p, Location(paragraph=index))
        self.text_boxes(p, index)
        lines = _lines(_runs_text(p))
        label = self.numbering.label(p)
        if label and lines:
            lines[0] = _normalise(label).strip() + lines[0]
        for line in lines:
            self.blocks.append(Block("paragraph", line, Location(paragraph=index)))
        self.blocks.extend(sheets)

    def text_boxes(self, p: Any, index: int) -> None:
        """The paragraphs of text boxes anchored in ``p``, each a block of its own, before
        the paragraph's own text: a cover title is often a text box. Word stores a box twice
        (DrawingML, and VML as the fallback); only the first copy is read."""
        for box in p.iter(_TXBX):
            if _inside(box, p, (FALLBACK, _TXBX)):
                continue  # the fallback copy, or a box inside a box (read with the outer one)
            for inner in box.iter(_P):
                if _inside(inner, box, (FALLBACK,)):
                    continue
                for line in _lines(_runs_text(inner)):
                    self.blocks.append(Block("paragraph", line, Location(paragraph=index)))

    def cell_text(self, tc: Any) -> str:
        lines: list[str] = []
        for child in tc:
            if child.tag == _P:
                label = self.numbering.label(child)
                texts = _lines(_runs_text(child))
                if label and texts:
                    texts[0] = _normalise(label).strip() + texts[0]
                lines.extend(texts)
            elif child.tag == _TBL:  # a nested table reads as its cells' lines
                for tr in child.iter(qn("w:tr")):
                    lines.extend(t for tc2 in tr.findall(qn("w:tc")) if (t := self.cell_text(tc2)))
        return "\n".join(lines)

    def table(self, tbl: Any) -> None:
        loc = Location(table=self.tables)
        self.tables += 1
        self.non_text(tbl, loc, in_table=True)
        rows: list[list[Cell]] = []
        for r, tr in enumerate(tbl.findall(qn("w:tr"))):
            row = [Cell(self.cell_text(tc), loc.in_cell(r, c))
                   for c, tc in enumerate(_row_cells(tr))]
            rows.append(row)
        if rows:
            self.blocks.append(Block("table", "", loc, table=Table(pad_rows(rows))))


def _row_cells(tr: Any) -> list[Any]:
    """A row's cells, including those wrapped in content controls."""
    cells: list[Any] = []
    for child in tr:
        if child.tag == qn("w:tc"):
            cells.append(child)
        elif child.tag == _SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                cells.extend(content.findall(qn("w:tc")))
    return cells


def _other_office_file(data: bytes) -> str | None:
    """The kind of a zip-based Office file that is not a Word document, if it is one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return None
    for folder, kind in (("xl/", "Excel"), ("ppt/", "PowerPoint")):
        if any(name.startswith(folder) for name in names):
            return kind
    return None


def read_docx(data: bytes, where: str) -> Reading:
    """Blocks of a .docx in body order, with notes on content that is not text; a damaged
    file raises a ReadError."""
    other = _other_office_file(data)
    if other is not None:
        raise ReadError(
            "not_word",
            L10n(f"这是 {other} 文件，不是 Word 报告：{where}",
                 f"This is a {other} file, not a Word report: {where}"),
            L10n("请提交 .docx、.pdf 或 .txt 格式的自评报告",
                 "submit the self-evaluation report as .docx, .pdf or .txt"),
        )
    try:
        document = open_docx(io.BytesIO(data))
        numbering = Numbering.from_document(document)
        body = document.element.body
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, EOFError,
            etree.XMLSyntaxError, zipfile.LargeZipFile, OSError):
        raise _corrupt(where) from None
    reader = _Reader(numbering, document.part)
    for item in _body_items(body):
        if item.tag == _P:
            reader.paragraph(item)
        else:
            reader.table(item)
    return Reading(reader.blocks, reader.all_notes())
