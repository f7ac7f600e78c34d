"""Decode report text files: UTF-8 (with or without BOM), UTF-16 and GB18030/GBK.

Finance staff save .txt from Word or WPS on Windows, which often means GBK or UTF-16;
guessing wrong would turn every check into noise, so an undecodable file is an error.
"""

from __future__ import annotations

import codecs

from auditor.model.l10n import L10n
from auditor.read.errors import ReadError


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: NUL bytes in every other position for ASCII-heavy text."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes, where: str) -> tuple[str, str]:
    """Return (text, encoding name) or raise a ReadError that says what to do."""
    if not data.strip():
        raise ReadError(
            "empty",
            L10n(f"文件为空：{where}", f"The file is empty: {where}"),
            L10n("请确认上传的是完整的报告文件", "check that the complete report was submitted"),
        )
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name), name
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8000]:
        raise ReadError(
            "binary",
            L10n(f"不是文本文件（含二进制内容）：{where}", f"Not a text file (binary content): {where}"),
            L10n("请提交 .txt、.docx 或 .pdf 格式的报告", "submit the report as .txt, .docx or .pdf"),
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise ReadError(
            "encoding",
            L10n(
                f"无法识别文本编码（第{exc.start}字节起既不是UTF-8也不是GBK）：{where}",
                f"Unknown text encoding (byte {exc.start} is neither UTF-8 nor GBK): {where}",
            ),
            L10n("请用记事本或WPS另存为 UTF-8 编码后重试", "re-save the file as UTF-8 and retry"),
        ) from None
