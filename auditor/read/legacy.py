"""Old binary Word/WPS files (.doc, .wps): converted by LibreOffice when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from auditor.model.l10n import L10n
from auditor.read.errors import ReadError


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path) -> bytes:
    """Convert with a headless LibreOffice, or say how the user can convert it."""
    office = libreoffice()
    if office is None:
        raise ReadError(
            "legacy_format",
            L10n(
                f"不支持旧版 {path.suffix} 格式：{path.name}",
                f"Legacy {path.suffix} files are not supported directly: {path.name}",
            ),
            L10n(
                "请在 Word/WPS 中另存为 .docx 后重试，或安装 LibreOffice 以自动转换",
                "save it as .docx in Word/WPS, or install LibreOffice for automatic conversion",
            ),
        )
    with tempfile.TemporaryDirectory() as out:
        try:
            subprocess.run(
                [office, "--headless", "--convert-to", "docx", "--outdir", out, str(path)],
                check=True, capture_output=True, timeout=120,
            )
            return next(Path(out).glob("*.docx")).read_bytes()
        except (subprocess.SubprocessError, StopIteration, OSError):
            raise ReadError(
                "conversion_failed",
                L10n(f"LibreOffice 无法转换该文件：{path.name}", f"LibreOffice could not convert {path.name}"),
                L10n("请在 Word/WPS 中打开并另存为 .docx", "open it in Word/WPS and save as .docx"),
            ) from None
