"""Annotators run in a fixed order; each adds one kind of annotation to the document.

New annotators register themselves with ``@annotator(order)`` in their own module under
``auditor/annotate``; the pipeline imports every module of the package, so adding one
never touches a shared list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from auditor.model.document import Document

AnnotatorFn = Callable[[Document, dict[str, Any]], None]


@dataclass(frozen=True)
class Annotator:
    name: str
    order: int
    fn: AnnotatorFn


ANNOTATORS: dict[str, Annotator] = {}


def annotator(order: int, name: str | None = None) -> Callable[[AnnotatorFn], AnnotatorFn]:
    """Register ``fn(doc, config)``; lower ``order`` runs first."""

    def wrap(fn: AnnotatorFn) -> AnnotatorFn:
        key = name or f"{fn.__module__}.{fn.__name__}"
        ANNOTATORS[key] = Annotator(key, order, fn)
        return fn

    return wrap
