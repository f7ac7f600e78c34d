"""Stage 4: a report quality score from its findings."""

from auditor.score.quality import score_report

__all__ = ["score_report"]
