"""Stage 1: read .txt, .docx and .pdf files into the one document model.

The format is decided by the file's content, not only its name, so a PDF renamed to .txt or
a .docx saved without extension is still read; what cannot be read raises ``ReadError``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from auditor.model.document import Document
from auditor.model.l10n import L10n
from auditor.read.encoding import decode_text
from auditor.read.errors import ReadError
from auditor.read.reading import Reading
from auditor.read.txt_reader import parse_text

__all__ = ["ReadError", "SUPPORTED_SUFFIXES", "read_bytes", "read_path", "read_text"]

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".doc", ".wps")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sniff(data: bytes, suffix: str) -> str:
    if data.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in data[:1024]):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(_OLE):
        return "legacy"
    if suffix in (".pdf", ".docx"):
        return suffix[1:]
    return "txt"


def _read(data: bytes, kind: str, where: str) -> Reading:
    if kind == "pdf":
        from auditor.read.pdf_reader import read_pdf

        return read_pdf(data, where)
    if kind == "docx":
        from auditor.read.docx_reader import read_docx

        return read_docx(data, where)
    text, _ = decode_text(data, where)
    return Reading(parse_text(text), [])


def read_bytes(data: bytes, source: str, suffix: str = "") -> Document:
    """Build a finalised (not yet annotated) document from raw file content."""
    kind = _sniff(data, suffix.lower())
    if kind == "legacy":
        from auditor.read.legacy import convert_to_docx

        data, kind = convert_to_docx(Path(source)), "docx"
    if not data.strip():
        kind = "txt"
    blocks, notes = _read(data, kind, source)
    if not any(b.text.strip() or b.table for b in blocks):
        if notes:  # only pictures or embedded objects: say so, and what to do about them
            raise ReadError("no_text", L10n(f"文件中没有可读的文字：{source}（{notes[0].message.zh}）",
                                            f"No readable text in {source} ({notes[0].message.en})"),
                            notes[0].action)
        raise ReadError(
            "no_text",
            L10n(f"文件中没有可读的文字：{source}", f"No readable text in {source}"),
            L10n("请确认文件内容完整", "check that the file is complete"),
        )
    return Document(source, kind, hashlib.sha256(data).hexdigest(), blocks,
                    notes=notes).finalize()


def read_path(path: str | Path) -> Document:
    path = Path(path)
    if path.is_dir():
        raise ReadError(
            "is_directory",
            L10n(f"这是一个文件夹：{path}", f"This is a folder: {path}"),
            L10n("请使用 auditor batch 审核整个文件夹", "use `auditor batch` for a folder"),
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(
            "not_found",
            L10n(f"找不到文件：{path}", f"File not found: {path}"),
            L10n("请检查路径是否正确", "check the path"),
        ) from None
    except OSError as exc:
        raise ReadError(
            "unreadable",
            L10n(f"无法打开文件：{path}（{exc.strerror}）", f"Cannot open {path} ({exc.strerror})"),
            L10n("请检查文件权限", "check the file permissions"),
        ) from None
    return read_bytes(data, str(path), path.suffix)


def read_text(text: str, source: str = "<text>") -> Document:
    """A document from a string, for fixtures and the synthetic report generator."""
    data = text.encode("utf-8")
    return Document(source, "txt", hashlib.sha256(data).hexdigest(), parse_text(text)).finalize()
