"""The ruleset fingerprint: what must match for a stored audit to be reused.

A report audited before is skipped only if nothing that decides its findings has changed:
the auditor version, the code of the package (so a changed rule invalidates old audits
even before a release bumps the version), the set of active rules, the shipped defaults
and trained models (every file of rules/ and models/), and the settings in force.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.abc import Traversable

from auditor import __version__
from auditor.config import config_hash


def _walk(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    out: list[tuple[str, Traversable]] = []
    for item in folder.iterdir():
        if item.name.startswith((".", "__pycache__")):
            continue
        name = f"{prefix}{item.name}"
        if item.is_dir():
            out.extend(_walk(item, name + "/"))
        elif not item.name.endswith(".pyc"):
            out.append((name, item))
    return out


def package_digest(package: str) -> str:
    """sha256 over the names and contents of every file of a data package."""
    digest = hashlib.sha256()
    for name, item in sorted(_walk(resources.files(package)), key=lambda pair: pair[0]):
        digest.update(name.encode("utf-8") + b"\0" + item.read_bytes() + b"\0")
    return digest.hexdigest()


def ruleset_fingerprint(config: dict[str, Any], rule_ids: list[str]) -> str:
    parts = [
        __version__,
        package_digest("auditor"),
        ",".join(sorted(rule_ids)),
        package_digest("auditor.defaults"),
        package_digest("auditor.trained"),
        config_hash(config),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:20]
