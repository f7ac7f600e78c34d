"""Every file a reader cannot use gives a ReadError saying what is wrong and what to do."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from auditor.read import ReadError, read_bytes, read_path
from tests.pdf_maker import Page, make_pdf


def _docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("一、基本情况")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _code(data: bytes, name: str) -> str:
    with pytest.raises(ReadError) as err:
        read_bytes(data, name, Path(name).suffix)
    exc = err.value
    assert name in exc.problem.zh and name in exc.problem.en
    assert exc.action.zh and exc.action.en
    return exc.code


def test_pdf_without_text_layer_asks_for_ocr() -> None:
    data = make_pdf([Page(image=True)])
    assert _code(data, "scan.pdf") == "scanned_pdf"
    with pytest.raises(ReadError) as err:
        read_bytes(data, "scan.pdf", ".pdf")
    assert "扫描件" in err.value.message("zh") and "OCR" in err.value.message("zh")


def test_encrypted_pdf() -> None:
    data = make_pdf([Page(texts=[(72, 72, "一、基本情况")])], password="secret")
    assert _code(data, "locked.pdf") == "encrypted_pdf"


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_truncated_pdf(keep: float) -> None:
    data = make_pdf([Page(texts=[(72, 72, "一、基本情况")])])
    assert _code(data[: int(len(data) * keep)], "cut.pdf") == "corrupt_pdf"


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_truncated_docx(keep: float) -> None:
    data = _docx()
    assert _code(data[: int(len(data) * keep)], "cut.docx") == "corrupt_docx"


@pytest.mark.parametrize("name", ["empty.txt", "empty.docx", "empty.pdf"])
def test_empty_file(name: str) -> None:
    assert _code(b"", name) == "empty"


def test_whitespace_only_file() -> None:
    assert _code(b" \r\n\t\n", "blank.txt") == "empty"


def test_binary_garbage() -> None:
    assert _code(bytes(range(256)) * 20, "noise.txt") == "binary"


def test_garbage_named_pdf_or_docx() -> None:
    assert _code(b"\x01\x02garbage\x00" * 50, "x.pdf") == "corrupt_pdf"
    assert _code(b"\x01\x02garbage\x00" * 50, "x.docx") == "corrupt_docx"


def test_legacy_word_file_without_libreoffice(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.setattr("auditor.read.legacy.libreoffice", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ReadError) as err:
        read_path(path)
    assert err.value.code == "legacy_format"
    assert ".docx" in err.value.action.zh


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as err:
        read_path(tmp_path / "nope.txt")
    assert err.value.code == "not_found"
    with pytest.raises(ReadError) as err:
        read_path(tmp_path)
    assert err.value.code == "is_directory"


def test_excel_file_is_named_as_such() -> None:
    import openpyxl

    book = openpyxl.Workbook()
    buf = io.BytesIO()
    book.save(buf)
    assert _code(buf.getvalue(), "table.docx") == "not_word"
