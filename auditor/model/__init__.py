"""The document model every stage shares: blocks with source locations, spans, findings."""

from auditor.model.document import Block, Cell, Document, Metadata, Section, Span, Table
from auditor.model.finding import Finding, Severity
from auditor.model.l10n import L10n
from auditor.model.location import Location

__all__ = [
    "Block",
    "Cell",
    "Document",
    "Finding",
    "L10n",
    "Location",
    "Metadata",
    "Section",
    "Severity",
    "Span",
    "Table",
]
