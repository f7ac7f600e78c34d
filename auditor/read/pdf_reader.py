"""PDF reports: paragraphs and tables rebuilt from the page layout, with page+line locations.

Text comes from pdfium (fast, and tolerant of broken files), tables from ruling lines
(pdf_tables), paragraphs from wrapped lines (pdf_layout). A table that runs over a page
break is joined back into one, its repeated header dropped and a row split by the break
glued together, so the table has the same grid as in the Word or text version.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pypdfium2 as pdfium

from auditor.model.document import Block, Cell, Table
from auditor.model.l10n import L10n
from auditor.model.location import Location
from auditor.read.errors import ReadError
from auditor.read.grid import pad_rows
from auditor.read.pdf_layout import Margins, joiner, running_lines, wraps
from auditor.read.pdf_notes import (
    garbled_text_notes,
    image_page_notes,
    lost_glyph_notes,
    outlined_text_notes,
)
from auditor.read.pdf_objects import PageObjects, page_objects
from auditor.read.pdf_tables import CellBox, PageTable, find_tables
from auditor.read.pdf_text import Line, group_lines, page_chars
from auditor.read.reading import Reading

_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
_HEADER_SEARCH = 4  # a repeated header repeats one of the table's first rows


@dataclass
class _Page:
    number: int
    width: float
    lines: list[Line]
    tables: list[PageTable]
    objects: PageObjects
    line_numbers: dict[int, int] = field(default_factory=dict)

    def texts(self) -> list[str]:
        """The page's lines as read, tables included: what its notes judge."""
        return [line.text for line in self.lines] + [
            line.text for t in self.tables for row in t.rows for cell in row
            if cell is not None for line in cell.lines]

    def items(self) -> list[Line | PageTable]:
        """Body lines and tables, top of the page first."""
        return sorted([*self.lines, *self.tables], key=lambda item: -item.top)


def _error(code: str, zh: str, en: str, action_zh: str, action_en: str) -> ReadError:
    return ReadError(code, L10n(zh, en), L10n(action_zh, action_en))


def _open(data: bytes, where: str) -> pdfium.PdfDocument:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PASSWORD_ERROR:
            raise _error("encrypted_pdf", f"PDF 文件已加密（需要密码才能打开）：{where}",
                         f"The PDF is encrypted (it needs a password): {where}",
                         "请提交未加密的版本，或用密码打开后另存为不加密的 PDF",
                         "submit an unencrypted copy, or open it with the password and save "
                         "it without encryption") from None
        raise _corrupt(where) from None
    if len(pdf) == 0:
        raise _corrupt(where)
    return pdf


def _corrupt(where: str) -> ReadError:
    return _error("corrupt_pdf", f"PDF 文件已损坏或不完整，无法读取：{where}",
                  f"The PDF is damaged or incomplete: {where}",
                  "请重新导出或重新获取完整的 PDF 文件", "export the PDF again or obtain the complete file")


def _number_lines(page: _Page) -> None:
    """1-based visual line numbers, counting table text rows as a reader would."""
    every = [*page.lines, *(line for t in page.tables for row in t.rows for cell in row
                           if cell is not None for line in cell.lines)]
    every.sort(key=lambda line: -(line.top + line.bottom) / 2)
    number, last = 0, None
    for line in every:
        centre = (line.top + line.bottom) / 2
        if last is None or abs(last - centre) > 0.5 * max(line.size, 1.0):
            number += 1
            last = centre
        page.line_numbers[id(line)] = number


def _read_page(pdf: pdfium.PdfDocument, index: int) -> _Page:
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        chars = page_chars(textpage)
        tables, rest = find_tables(page, chars, height) if chars else ([], chars)
        result = _Page(index + 1, width, group_lines(rest), tables, page_objects(page, textpage))
        _number_lines(result)
        textpage.close()
        return result
    finally:
        page.close()


def _cell_text(cell: CellBox, pad: float) -> str:
    text = ""
    for prev, line in zip([None, *cell.lines], cell.lines, strict=False):
        if prev is None:
            text = line.text
        elif wraps(prev, line, cell.x1 - pad):
            text += joiner(text, line.text) + line.text
        else:
            text += "\n" + line.text
    return text


def _padding(table: PageTable) -> float:
    """The cells' inner left margin, taken as the right one too."""
    gaps = [line.x0 - cell.x0 for row in table.rows for cell in row if cell is not None
            for line in cell.lines]
    return max(0.0, min(gaps)) if gaps else 0.0


@dataclass
class _Table:
    """A table being assembled, possibly from parts on consecutive pages."""

    parts: list[tuple[_Page, PageTable]]
    rows: list[list[CellBox | None]]
    row_pages: list[_Page]

    def continues_with(self, table: PageTable) -> bool:
        last = self.parts[-1][1]
        return (abs(last.x0 - table.x0) < 3 and abs(last.x1 - table.x1) < 3
                and max(len(r) for r in last.rows) == max(len(r) for r in table.rows))

    def _repeated_header(self, rows: list[list[CellBox | None]]) -> int:
        """How many leading rows repeat the table's header (title rows above it may be
        left out of the repeat)."""
        best = 0
        for start in range(min(_HEADER_SEARCH, len(self.rows))):
            n = 0
            while (n < len(rows) - 1 and start + n < len(self.rows)
                   and any(_texts(rows[n])) and _texts(rows[n]) == _texts(self.rows[start + n])):
                n += 1
            best = max(best, n)
        return best

    def append(self, page: _Page, table: PageTable) -> None:
        repeated = self._repeated_header(table.rows)
        rows = list(table.rows[repeated:])
        if rows and self._split_row(rows[0]):
            for cell, more in zip(self.rows[-1], rows[0], strict=True):
                if cell is not None and more is not None:
                    cell.lines = cell.lines + more.lines
            rows = rows[1:]
        self.parts.append((page, table))
        self.rows.extend(rows)
        self.row_pages.extend([page] * len(rows))

    def _split_row(self, row: list[CellBox | None]) -> bool:
        """A row broken by the page: its first part's cells run into their right edge
        wherever the second part has text, and the rows have the same cell boxes."""
        last = self.rows[-1]
        if len(last) != len(row) or any(
                (a is None) != (b is None) or (a and b and max(abs(a.x0 - b.x0), abs(a.x1 - b.x1)) > 2)
                for a, b in zip(last, row, strict=True)):
            return False
        pad = _padding(self.parts[-1][1])
        filled = False
        for top, bottom in zip(last, row, strict=True):
            if bottom is None or not bottom.lines:
                continue
            if top is None or not top.lines or not wraps(top.lines[-1], bottom.lines[0], top.x1 - pad):
                return False
            filled = True
        return filled


def _texts(row: list[CellBox | None]) -> list[str]:
    return [" ".join(line.text for line in c.lines) if c else "" for c in row]


def _table_block(table: _Table) -> Block:
    first_page, first = table.parts[0]
    pad = min(_padding(part) for _, part in table.parts)
    anchor = next((line for row in first.rows for c in row if c for line in c.lines), None)
    loc = Location(page=first_page.number,
                   line=first_page.line_numbers.get(id(anchor)) if anchor else None)
    rows: list[list[Cell]] = []
    for r, (row, page) in enumerate(zip(table.rows, table.row_pages, strict=True)):
        cells = []
        for c, cell in enumerate(row):
            if cell is None:
                cells.append(Cell("", Location(page=page.number, row=r, col=c)))
                continue
            line_no = page.line_numbers.get(id(cell.lines[0])) if cell.lines else None
            cells.append(Cell(_cell_text(cell, pad), Location(page=page.number, line=line_no,
                                                              row=r, col=c)))
        rows.append(cells)
    return Block("table", "", loc, table=Table(pad_rows(rows)))


def _blocks(pages: list[_Page]) -> list[Block]:
    margins = Margins.of([p.lines for p in pages], max(p.width for p in pages))
    blocks: list[Block] = []
    para: list[tuple[Line, _Page]] = []
    table: _Table | None = None

    def flush() -> None:
        nonlocal para, table
        if para:
            text = ""
            pieces: list[tuple[int, Location]] = []
            for line, page in para:
                if text:
                    text += joiner(text, line.text)
                pieces.append((len(text), Location(page=page.number,
                                                   line=page.line_numbers[id(line)])))
                text += line.text
            blocks.append(Block("paragraph", text, pieces[0][1],
                                pieces=pieces if len(pieces) > 1 else []))
            para = []
        if table is not None:
            blocks.append(_table_block(table))
            table = None

    for page in pages:
        for item in page.items():
            if isinstance(item, PageTable):
                if table is not None and not para and table.parts[-1][0] is not page \
                        and table.continues_with(item):
                    table.append(page, item)
                    continue
                flush()
                table = _Table([(page, item)], list(item.rows), [page] * len(item.rows))
                continue
            if para:
                last, last_page = para[-1]
                if margins.continues(last, item, last_page is page):
                    para.append((item, page))
                    continue
            flush()
            para = [(item, page)]
    flush()
    return blocks


def read_pdf(data: bytes, where: str) -> Reading:
    """Blocks of a PDF, with notes on pages not read as text; scanned, encrypted and broken
    files raise a ReadError."""
    pdf = _open(data, where)
    try:
        pages = [_read_page(pdf, i) for i in range(len(pdf))]
    except pdfium.PdfiumError:
        raise _corrupt(where) from None
    finally:
        pdf.close()
    if not any(p.lines or p.tables for p in pages):
        raise _error("scanned_pdf", f"PDF 中没有文字层，可能是扫描件：{where}",
                     f"The PDF has no text layer (probably a scan): {where}",
                     "请先用 OCR 软件（如 WPS、Adobe Acrobat）识别文字后另存为 PDF，或提交 Word 版本",
                     "run OCR on it first (e.g. WPS or Adobe Acrobat) and save it again, "
                     "or submit the Word version")
    running = running_lines([p.lines for p in pages])
    for page in pages:
        page.lines = [line for line in page.lines if id(line) not in running]
    seen, texts = [], []
    for p in pages:
        lines = p.texts()
        seen.append((p.number, sum(len(line.strip()) for line in lines), p.objects))
        texts.append((p.number, "\n".join(lines)))
    notes = sorted([*image_page_notes(seen), *outlined_text_notes(seen),
                    *lost_glyph_notes(seen), *garbled_text_notes(texts)],
                   key=lambda n: n.loc.page or 0)
    return Reading(_blocks(pages), notes)
