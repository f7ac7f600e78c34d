"""Stage 5: render audit results; one module per output format.

Each format module exposes ``render(results, lang, **options) -> str | bytes``; binary
formats (xlsx) return bytes and need ``-o``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

FORMATS = ("text", "json", "markdown", "html", "xlsx", "sarif")


def renderer(fmt: str) -> Callable[..., Any]:
    module = importlib.import_module(f"auditor.report.{fmt}_format")
    return module.render  # type: ignore[no-any-return]
