"""Which files a batch audits: every report file under a folder, in a stable order.

The order is the sorted relative path, so the spot-check ranking ties, the random sample
and the database rows do not depend on how the file system lists a folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from auditor.read import SUPPORTED_SUFFIXES


def scan(root: Path, suffixes: tuple[str, ...] = SUPPORTED_SUFFIXES) -> list[Path]:
    """Report files under ``root``, recursively; hidden folders and Office lock files skipped."""
    wanted = {s.lower() for s in suffixes}
    return [p for p in _files(root) if p.suffix.lower() in wanted]


def other_files(root: Path, suffixes: tuple[str, ...] = SUPPORTED_SUFFIXES) -> list[Path]:
    """The files ``scan`` leaves out (an .xlsx 自评表, a .zip): named in the summary, so that
    nothing handed in is dropped without a word."""
    wanted = {s.lower() for s in suffixes}
    return [p for p in _files(root) if p.suffix.lower() not in wanted]


def _files(root: Path) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or path.name.startswith("~$"):
            continue
        if path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def file_sha256(path: Path) -> str | None:
    """The cache key of a file's audit; None when it cannot be read at all."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()
