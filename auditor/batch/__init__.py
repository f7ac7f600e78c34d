"""``auditor batch``: scan a folder, audit in parallel processes, resume, rank and sample."""

from auditor.batch.runner import BatchOptions, BatchSummary, run_batch
from auditor.batch.scan import scan

__all__ = ["BatchOptions", "BatchSummary", "run_batch", "scan"]
