"""Where ``--out`` puts a batch's results, and the xlsx/html files beside the database.

``--out results.db`` (also .sqlite/.sqlite3): only the database. ``--out results.xlsx`` or
``results.html``: that file, plus ``results.db`` beside it (resuming needs the store).
Anything else is a folder: results.db, results.xlsx and results.html inside it. The
spreadsheet and the page come from the ``xlsx`` and ``html`` formats of ``auditor audit``
(auditor.report), so a batch and a single audit look the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.cli.common import UsageError, available_formats, write_file
from auditor.engine import ReportResult
from auditor.model.l10n import L10n
from auditor.report import renderer

DB_SUFFIXES = (".db", ".sqlite", ".sqlite3")
DOC_SUFFIXES = (".xlsx", ".html")


@dataclass
class Targets:
    db: Path
    documents: list[Path]


def resolve(out: str) -> Targets:
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix in DB_SUFFIXES:
        targets = Targets(path, [])
    elif suffix in DOC_SUFFIXES:
        targets = Targets(path.with_suffix(".db"), [path])
    elif path.exists() and not path.is_dir():
        raise UsageError(L10n(
            f"--out {out} 已存在且不是文件夹；请用 .db、.xlsx、.html 文件名或一个文件夹",
            f"--out {out} exists and is not a folder; give a .db, .xlsx or .html name, or a folder"))
    else:
        targets = Targets(path / "results.db", [path / "results.xlsx", path / "results.html"])
    for doc in targets.documents:
        fmt = doc.suffix[1:].lower()
        if fmt not in available_formats():
            raise UsageError(L10n(f"此版本尚不支持 {fmt} 输出；请改用 --out results.db",
                                  f"{fmt} output is not available in this version; "
                                  "use --out results.db"))
    return targets


def write_documents(targets: Targets, results: list[ReportResult], lang: str,
                    config: dict[str, Any]) -> list[Path]:
    written = []
    for path in targets.documents:
        write_file(path, renderer(path.suffix[1:].lower())(results, lang=lang, config=config))
        written.append(path)
    return written
