"""Stage 4: a report quality score from its findings."""

from auditor.score.quality import grade_for, grade_label, score_report

__all__ = ["grade_for", "grade_label", "score_report"]
