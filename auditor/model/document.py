"""Document, Block, Table and Span: one model for .txt, .docx and .pdf sources.

Readers build the ordered blocks; ``Document.finalize`` lays them out as one normalised
text so that every annotator and rule works on character offsets, whatever the format, and
offsets map back to source locations. Like spaCy's ``Doc.spans``, annotators add named span
layers instead of new attributes, so a new annotator never changes this module.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from auditor.model.l10n import L10n, with_action
from auditor.model.location import Location

BlockKind = Literal["heading", "paragraph", "table"]
ReportKind = Literal["department", "project", "other"]


@dataclass
class Cell:
    """One table cell; ``start``/``end`` are its offsets in ``Document.text``."""

    text: str
    loc: Location
    start: int = 0
    end: int = 0


@dataclass
class Table:
    """A grid of cells; the first ``header_rows`` rows name the columns."""

    rows: list[list[Cell]]
    header_rows: int = 1
    unit: str | None = None

    def grid(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]

    @property
    def header(self) -> list[list[Cell]]:
        return self.rows[: self.header_rows]

    @property
    def body(self) -> list[list[Cell]]:
        return self.rows[self.header_rows :]


@dataclass
class Block:
    """A heading, paragraph or table in reading order.

    ``pieces`` maps offsets inside ``text`` to the source location where that part starts,
    for blocks a reader joined from several source lines (a PDF paragraph across lines).
    """

    kind: BlockKind
    text: str
    loc: Location
    table: Table | None = None
    pieces: list[tuple[int, Location]] = field(default_factory=list)
    level: int | None = None
    marker: str | None = None
    style: str | None = None
    ordinal: int | None = None
    section: str | None = None
    index: int = 0
    start: int = 0
    end: int = 0

    @property
    def body_text(self) -> str:
        """The heading text without its numbering marker."""
        if self.marker and self.text.startswith(self.marker):
            return self.text[len(self.marker) :].strip()
        return self.text.strip()


@dataclass(frozen=True)
class Span:
    """A labelled slice of ``Document.text``; ``attrs`` carries the annotator's values."""

    start: int
    end: int
    label: str
    text: str
    block: int
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass
class Section:
    """A heading and the blocks under it, with the section type it was tagged with."""

    title: str
    type: str
    level: int
    heading: int | None
    first: int
    last: int
    loc: Location
    confidence: float = 1.0


@dataclass(frozen=True)
class ReadNote:
    """Content the reader saw but could not turn into text (a scanned page, an embedded
    object, glyphs without a character map), so the user knows which parts of the file
    were not audited instead of the text being dropped silently."""

    code: str
    message: L10n
    action: L10n
    loc: Location

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {"code": self.code, "message": self.message.get(lang),
                "action": self.action.get(lang), "location": self.loc.to_dict(),
                "where": self.loc.describe().get(lang)}

    def said(self, lang: str = "zh") -> str:
        """The message and what to do, in one line."""
        return with_action(self.message, self.action, lang)

    def record(self) -> dict[str, Any]:
        """Both languages, as the store and the document snapshot keep a note."""
        return {"code": self.code, "message_zh": self.message.zh, "message_en": self.message.en,
                "action_zh": self.action.zh, "action_en": self.action.en,
                "location": self.loc.to_dict()}

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> ReadNote:
        return cls(data["code"], L10n(data["message_zh"], data["message_en"]),
                   L10n(data["action_zh"], data["action_en"]), Location(**data["location"]))


@dataclass
class Metadata:
    title: str = ""
    department: str | None = None
    fiscal_year: int | None = None
    kind: ReportKind = "other"
    region: str | None = None
    title_block: int | None = None


@dataclass
class Document:
    source: str
    format: str
    sha256: str
    blocks: list[Block]
    text: str = ""
    metadata: Metadata = field(default_factory=Metadata)
    sentences: list[Span] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    spans: dict[str, list[Span]] = field(default_factory=dict)
    attrs: dict[str, Any] = field(default_factory=dict)
    notes: list[ReadNote] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def keeping(self, layers: Iterable[str]) -> Document:
        """A copy holding only these span layers and attributes, for a batch that keeps
        thousands of documents in memory for its cross-report rules."""
        keep = set(layers)
        return dataclasses.replace(
            self, spans={k: v for k, v in self.spans.items() if k in keep},
            attrs={k: v for k, v in self.attrs.items() if k in keep})

    def finalize(self) -> Document:
        """Lay the blocks out as one text: a line per paragraph, a line per table row."""
        parts: list[str] = []
        pos = 0
        for i, block in enumerate(self.blocks):
            block.index = i
            block.start = pos
            if block.table is not None:
                rows_text: list[str] = []
                for row in block.table.rows:
                    cells: list[str] = []
                    for cell in row:
                        cell.start = pos
                        cell.end = pos + len(cell.text)
                        cells.append(cell.text)
                        pos = cell.end + 1
                    rows_text.append("\t".join(cells))
                    if not row:
                        pos += 1
                block.text = "\n".join(rows_text)
                pos = block.start + len(block.text)
            else:
                pos += len(block.text)
            block.end = pos
            parts.append(block.text)
            pos += 1
        self.text = "\n".join(parts)
        self._starts = [b.start for b in self.blocks]
        return self

    def block_at(self, offset: int) -> Block:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.blocks[max(i, 0)]

    def location_at(self, offset: int) -> Location:
        """The source location of a character, down to the table cell or PDF line."""
        block = self.block_at(offset)
        if block.table is not None:
            for row in block.table.rows:
                for cell in row:
                    if cell.start <= offset <= cell.end:
                        return cell.loc
            return block.loc
        loc = block.loc
        rel = offset - block.start
        for start, piece_loc in block.pieces:
            if start <= rel:
                loc = piece_loc
            else:
                break
        return loc

    def span(self, start: int, end: int, label: str, **attrs: Any) -> Span:
        return Span(start, end, label, self.text[start:end], self.block_at(start).index, attrs)

    def layer(self, name: str) -> list[Span]:
        return self.spans.setdefault(name, [])

    def sentences_in(self, block: Block) -> list[Span]:
        return [s for s in self.sentences if s.block == block.index]

    def section_of(self, block: Block) -> Section | None:
        """The innermost section containing the block."""
        inner: Section | None = None
        for section in self.sections:
            if section.first <= block.index <= section.last and (
                inner is None or section.level >= inner.level
            ):
                inner = section
        return inner

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    @property
    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "table"]
