"""Legacy .doc/.wps files go through LibreOffice when it is on PATH.

A stand-in ``soffice`` script plays LibreOffice here: it is called exactly as the reader
calls the real one and writes the converted .docx into ``--outdir``, so the test checks
our command line and what we do with the result, not LibreOffice itself.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import docx
import pytest

from auditor.read import ReadError, read_path

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600

FAKE_SOFFICE = """#!/bin/sh
# Fake LibreOffice: soffice --headless --convert-to docx --outdir DIR FILE
[ "$1" = "--headless" ] && [ "$2" = "--convert-to" ] && [ "$3" = "docx" ] && [ "$4" = "--outdir" ] || exit 9
[ -n "$FAKE_DOCX" ] || exit 1
name=$(basename "$6"); cp "$FAKE_DOCX" "$5/${name%.*}.docx"
"""


@pytest.fixture
def fake_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(FAKE_SOFFICE)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return bin_dir


def _converted(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("示例县水利局2023年度项目支出绩效自评报告")
    d.add_paragraph("一、基本情况")
    buf = io.BytesIO()
    d.save(buf)
    out = tmp_path / "converted.docx"
    out.write_bytes(buf.getvalue())
    return out


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_legacy_file_is_converted_and_read(fake_office: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    monkeypatch.setenv("FAKE_DOCX", str(_converted(tmp_path)))
    path = tmp_path / f"old{suffix}"
    path.write_bytes(OLE)
    doc = read_path(path)
    assert doc.format == "docx"
    assert doc.blocks[0].text == "示例县水利局2023年度项目支出绩效自评报告"


def test_failed_conversion_says_what_to_do(fake_office: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FAKE_DOCX", raising=False)
    path = tmp_path / "broken.doc"
    path.write_bytes(OLE)
    with pytest.raises(ReadError) as err:
        read_path(path)
    assert err.value.code == "conversion_failed"
    assert ".docx" in err.value.action.zh and "broken.doc" in err.value.problem.zh
