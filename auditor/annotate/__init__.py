"""Stage 2: segmentation, headings, sections, metadata, quantities, dates, indicators."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from auditor.annotate.registry import ANNOTATORS
from auditor.model.document import Document

_loaded = False


def _load_all() -> None:
    global _loaded
    if not _loaded:
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")
        _loaded = True


def annotate(doc: Document, config: dict[str, Any] | None = None) -> Document:
    """Run every registered annotator in order; returns the same, now annotated, doc."""
    _load_all()
    for ann in sorted(ANNOTATORS.values(), key=lambda a: (a.order, a.name)):
        ann.fn(doc, config or {})
    return doc
