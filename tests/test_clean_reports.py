"""Precision on well-written reports: tests/data/clean_reports holds project-written reports
whose every figure was computed (sums, execution rates, scores, grades, years), with
specific problems and measures that answer them. Audited together as one batch, they must
give no finding at all, read from .txt or from .docx: each one would be a finding a reviewer
dismisses."""

from __future__ import annotations

from pathlib import Path

from auditor.check import run_checks
from auditor.engine import load_document
from auditor.read import read_path

CLEAN = Path(__file__).parent / "data" / "clean_reports"


def _findings(paths: list[Path]) -> list[str]:
    docs = []
    for path in paths:
        result = load_document(str(path), {})
        assert result.document is not None, result.error
        docs.append(result.document)
    return [f"{path.name} {f.location.describe().zh}: {f.rule_id} {f.message.zh}"
            for path, findings in zip(paths, run_checks(docs, {}), strict=True)
            for f in findings]


def _as_docx(path: Path, out: Path) -> Path:
    """The report as a Word file: its paragraphs as paragraphs, its tables as Word tables."""
    import docx

    word = docx.Document()
    for block in read_path(str(path)).blocks:
        if block.table is None:
            word.add_paragraph(block.text)
            continue
        grid = block.table.grid()
        table = word.add_table(rows=len(grid), cols=max(len(row) for row in grid))
        for cells, row in zip(table.rows, grid, strict=True):
            for cell, text in zip(cells.cells, row, strict=False):
                cell.text = text
    target = out / (path.stem + ".docx")
    word.save(str(target))
    return target


def test_clean_reports_give_no_findings() -> None:
    paths = sorted(CLEAN.glob("*.txt"))
    assert len(paths) >= 10
    assert _findings(paths) == []


def test_clean_reports_as_word_files_give_no_findings(tmp_path: Path) -> None:
    """The same reports read from .docx: the Word reader must not add findings."""
    assert _findings([_as_docx(p, tmp_path) for p in sorted(CLEAN.glob("*.txt"))]) == []
