"""Where a piece of text came from, in the terms of its source format.

A reviewer must be able to find the evidence in the file they opened: a line of a text file,
a page and line of a PDF, a paragraph or table cell of a Word document.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from auditor.model.l10n import L10n


@dataclass(frozen=True)
class Location:
    """Source position; only the fields that make sense for the format are set.

    ``line`` is the 1-based line of a .txt file, or the 1-based line on ``page`` of a PDF.
    ``paragraph`` and ``table`` are 0-based body indexes of a .docx; ``row``/``col`` are
    0-based cell coordinates inside a table of any format.
    """

    line: int | None = None
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None

    def to_dict(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def in_cell(self, row: int, col: int, line: int | None = None) -> Location:
        return replace(self, row=row, col=col, line=line if line is not None else self.line)

    def describe(self) -> L10n:
        """Human wording such as 第3页第12行 or 表2第1行第4列."""
        zh: list[str] = []
        en: list[str] = []
        if self.page is not None:
            zh.append(f"第{self.page}页")
            en.append(f"page {self.page}")
        if self.paragraph is not None:
            zh.append(f"第{self.paragraph + 1}段")
            en.append(f"paragraph {self.paragraph + 1}")
        if self.table is not None:
            zh.append(f"表{self.table + 1}")
            en.append(f"table {self.table + 1}")
        if self.line is not None:
            zh.append(f"第{self.line}行")
            en.append(f"line {self.line}")
        if self.row is not None and self.col is not None:
            row, col = self.row + 1, self.col + 1
            if self.line is not None:
                # a table on a PDF page or in a text file: the line finds it, the cell is inside
                zh.append(f"（表格第{row}行第{col}列）")
                en[-1] += f" (table row {row}, column {col})"
            else:
                zh.append(f"第{row}行第{col}列")
                en.append(f"row {row}, column {col}")
        return L10n("".join(zh) or "全文", ", ".join(en) or "whole document")
