"""The rule registry: every rule declares its id, category, severity and documentation.

Modelled on sqlfluff's one-module-per-rule and Presidio's recognizer registry: a rule is a
class in its own module under ``auditor/check/rules``, registered by ``@register``; its
metadata feeds ``auditor rules``, the generated docs and the SARIF rule table.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from auditor.model.document import Document, Span
from auditor.model.finding import Finding, Severity
from auditor.model.l10n import L10n

CATEGORIES = (
    "year.mismatch", "amount.sum_mismatch", "amount.rate_mismatch", "score.sum_mismatch",
    "score.grade_mismatch", "score.unearned", "score.inflated", "indicator.missing_value",
    "indicator.unquantified", "boilerplate.problem", "boilerplate.measure",
    "duplicate.cross_report", "structure.missing_section", "structure.missing_conclusion",
    "structure.missing_metadata", "structure.numbering", "structure.section_mismatch",
    "text.template_residue", "text.artifact", "text.typo", "claim.unsupported",
    "claim.contradiction",
)


@dataclass
class CheckContext:
    """What a rule may consult besides the document: configuration, the whole batch."""

    config: dict[str, Any] = field(default_factory=dict)
    batch: list[Document] = field(default_factory=list)

    def rule_config(self, rule_id: str) -> dict[str, Any]:
        return dict(self.config.get("rule", {}).get(rule_id, {}))


class Rule:
    """Base class. Subclasses set the metadata and implement ``check``."""

    id: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity]
    name: ClassVar[L10n]
    description: ClassVar[L10n]
    example: ClassVar[str] = ""
    batch: ClassVar[bool] = False

    def check(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        message: L10n,
        explanation: L10n,
        suggestion: L10n,
        confidence: float,
        severity: Severity | None = None,
        data: dict[str, Any] | None = None,
        related: list[dict[str, Any]] | None = None,
    ) -> Finding:
        """A finding quoting ``doc.text[start:end]`` with its source location; a quote that
        opens a mark (“ 《 （) the text closes right after it ends with the closing mark."""
        end = _closed(doc.text, start, end)
        return Finding(
            rule_id=self.id,
            category=self.category,
            severity=severity or self.severity,
            confidence=max(0.0, min(1.0, confidence)),
            message=message,
            evidence=doc.text[start:end].strip(),
            location=doc.location_at(start),
            explanation=explanation,
            suggestion=suggestion,
            start=start,
            end=end,
            data=data or {},
            related=related or [],
        )

    def at_span(self, doc: Document, span: Span, message: L10n, explanation: L10n,
                suggestion: L10n, confidence: float, **kw: Any) -> Finding:
        return self.finding(doc, span.start, span.end, message, explanation, suggestion,
                            confidence, **kw)


_PAIRS = {"“": "”", "《": "》", "（": "）", "「": "」"}


def _closed(text: str, start: int, end: int) -> int:
    """``end``, moved past the mark that closes one the quote leaves open: 评价等级为“良好 → 评价等级为“良好”."""
    quoted = text[start:end]
    for opening, closing in _PAIRS.items():
        if quoted.count(opening) > quoted.count(closing) and text[end:end + 1] == closing:
            return end + 1
    return end


class BatchRule(Rule):
    """A rule that compares reports; ``check_batch`` sees every document of the batch."""

    batch: ClassVar[bool] = True
    # The span layers and ``doc.attrs`` entries ``check_batch`` reads. A batch holds every
    # document in memory for these rules and drops everything else (sentences, blocks,
    # metadata and text are always kept): about half of an annotated document.
    layers: ClassVar[tuple[str, ...]] = ()

    def check(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        return ()

    def check_batch(self, docs: list[Document], ctx: CheckContext) -> Iterator[tuple[int, Finding]]:
        raise NotImplementedError


RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if cls.category not in CATEGORIES:
        raise ValueError(f"{cls.__name__}: unknown category {cls.category!r}")
    if cls.id in RULES and RULES[cls.id] is not cls:
        raise ValueError(f"duplicate rule id {cls.id!r}")
    RULES[cls.id] = cls
    return cls


_scanned = False


def load_rules() -> dict[str, type[Rule]]:
    """Import every module of ``auditor.check.rules`` once, so each registers itself.

    ``run_checks`` calls this for every batch; scanning the package again each time cost
    about 0.2 ms per call for nothing, since registration happens at import.
    """
    global _scanned
    if not _scanned:
        package = importlib.import_module("auditor.check.rules")
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"auditor.check.rules.{module.name}")
        _scanned = True
    return RULES

