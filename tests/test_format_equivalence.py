"""The same report as .txt, .docx and .pdf gives the same outline, tables and findings.

Only the form of the location may differ. .txt and .docx are compared strictly. For PDF two
differences are layout-only and normalised in the comparison (never in the reader's output):
- a line break typed inside a narrow table cell looks exactly like the cell wrapping its
  text, so line breaks inside cells are ignored;
- a typed space next to a Chinese character is drawn as a gap about as wide as the one the
  PDF converter itself leaves between Chinese and digits, so such spaces are ignored.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.annotate import annotate
from auditor.check import run_checks
from auditor.model.document import Document
from auditor.read import read_path
from tests.conftest import SEEDS, requires_shared, seed_files

pytestmark = requires_shared
NAMES = [p.stem for p in seed_files("txt")] if SEEDS.is_dir() else []
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_SPACE_BY_CJK = re.compile(rf"(?<={_CJK}) +| +(?={_CJK})")


def _layout_free(text: str) -> str:
    return _SPACE_BY_CJK.sub("", text.replace("\n", ""))


_cache: dict[Path, Document] = {}


def _doc(path: Path) -> Document:
    if path not in _cache:
        _cache[path] = annotate(read_path(path))
    return _cache[path]


def _docs(name: str) -> dict[str, Document]:
    return {"txt": _doc(SEEDS / f"{name}.txt"), "docx": _doc(SEEDS / "docx" / f"{name}.docx"),
            "pdf": _doc(SEEDS / "pdf" / f"{name}.pdf")}


def _view(doc: Document, strict: bool) -> dict[str, object]:
    norm = (lambda t: t) if strict else _layout_free
    findings = run_checks([doc], {})[0]
    return {
        "headings": [(b.level, b.style, norm(b.text)) for b in doc.headings],
        "paragraphs": [norm(b.text) for b in doc.blocks if b.table is None],
        "tables": [[[norm(c) for c in row] for row in b.table.grid()]
                   for b in doc.tables if b.table is not None],
        "findings": sorted((f.rule_id, norm(f.evidence), norm(f.message.zh)) for f in findings),
        "metadata": (doc.metadata.department, doc.metadata.fiscal_year, doc.metadata.kind),
        "sections": [(s.type, s.level, norm(s.title)) for s in doc.sections],
    }


@pytest.mark.parametrize("name", NAMES)
def test_docx_reads_like_txt(name: str) -> None:
    docs = _docs(name)
    assert docs["txt"].text == docs["docx"].text
    assert _view(docs["docx"], strict=True) == _view(docs["txt"], strict=True)


@pytest.mark.parametrize("name", NAMES)
def test_pdf_reads_like_txt(name: str) -> None:
    docs = _docs(name)
    pdf, txt = _view(docs["pdf"], strict=False), _view(docs["txt"], strict=False)
    for key in txt:
        assert pdf[key] == txt[key], key


@pytest.mark.parametrize("name", NAMES)
def test_locations_point_into_the_source_format(name: str) -> None:
    docs = _docs(name)
    for kind, fields in (("txt", {"line"}), ("docx", {"paragraph", "table"}),
                         ("pdf", {"page"})):
        doc = docs[kind]
        for block in doc.blocks:
            assert fields & set(doc.location_at(block.start).to_dict()), (kind, block.text[:20])
