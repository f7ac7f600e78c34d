"""JSON output: ``{"reports": [...]}``, documented in docs/findings.md."""

from __future__ import annotations

import json
from typing import Any

from auditor.engine import ReportResult
from auditor.report.serialize import results_dict


def render(results: list[ReportResult], lang: str = "zh", **_: Any) -> str:
    return json.dumps(results_dict(results, lang), ensure_ascii=False, indent=2) + "\n"
