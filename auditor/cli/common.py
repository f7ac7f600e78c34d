"""Helpers shared by subcommands: user-facing errors, output files, formats."""

from __future__ import annotations

import argparse
import pkgutil
import sys
from pathlib import Path

import auditor.report
from auditor.model.l10n import L10n


class UsageError(Exception):
    """A mistake in how the command was called; exit code 2, one line, no traceback."""

    def __init__(self, message: L10n) -> None:
        super().__init__(message.zh)
        self.l10n = message


def available_formats() -> list[str]:
    names = [m.name for m in pkgutil.iter_modules(auditor.report.__path__)]
    return sorted(n[: -len("_format")] for n in names if n.endswith("_format"))


def write_output(content: str | bytes, out: str | None) -> None:
    """Write to ``out`` or stdout; binary content needs a file."""
    if out is None:
        if isinstance(content, bytes):
            raise UsageError(L10n("该格式为二进制文件，请用 -o 指定输出文件",
                                  "this format is binary: give an output file with -o"))
        sys.stdout.write(content)
        return
    write_file(out, content)


def write_file(out: str | Path, content: str | bytes) -> None:
    """Write text as UTF-8 or bytes as they are, creating folders; a failure is a UsageError."""
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise UsageError(L10n(f"无法写入输出文件 {out}：{exc.strerror}",
                              f"cannot write output file {out}: {exc.strerror}")) from None


def common_options() -> argparse.ArgumentParser:
    """--lang/--config accepted after the subcommand too (``auditor audit x --lang en``)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS,
                        help="输出语言 / output language")
    parent.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                        help="auditor.toml or pyproject.toml")
    return parent
