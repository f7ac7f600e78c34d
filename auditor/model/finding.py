"""The finding contract: what dashboards, spreadsheets and SARIF consumers rely on.

Fields and their meaning are documented in docs/findings.md; never rename one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from auditor.model.l10n import L10n
from auditor.model.location import Location

Severity = Literal["high", "medium", "low"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)  # most severe first
SEVERITY_RANK: dict[str, int] = {"low": 1, "medium": 2, "high": 3}


@dataclass
class Finding:
    rule_id: str
    category: str
    severity: Severity
    confidence: float
    message: L10n
    evidence: str
    location: Location
    explanation: L10n
    suggestion: L10n
    start: int | None = None
    end: int | None = None
    data: dict[str, Any] = field(default_factory=dict)
    related: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.severity]

    def fingerprint(self) -> str:
        """Stable across re-runs and unrelated edits: rule plus the quoted evidence."""
        key = f"{self.rule_id}\x1f{self.evidence.strip()}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "category": self.category,
            "severity": self.severity,
            "confidence": round(self.confidence, 3),
            "message": self.message.get(lang),
            "evidence": self.evidence,
            "line": self.location.line,
            "location": self.location.to_dict(),
            "explanation": self.explanation.get(lang),
            "suggestion": self.suggestion.get(lang),
            "fingerprint": self.fingerprint(),
            "data": self.data,
            "related": self.related,
        }
