"""Excel workbook for finance staff who work in WPS or Excel.

Three sheets: 问题清单 (one finding a row: filter it, sort it, add a column for the
reviewer's verdict), 报告汇总 (one report a row with its score and counts; unreadable files
listed with their error; a batch's reports in spot-check order, with the finding that puts
each one there) and 规则说明 (what each rule checks). Headers are frozen and
filterable, columns sized for Chinese text. The workbook is binary, so it needs ``-o``.
"""

from __future__ import annotations

from collections import Counter
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from auditor.engine import ReportResult
from auditor.model.finding import SEVERITIES
from auditor.model.l10n import L10n
from auditor.report.labels import (
    category_description,
    category_name,
    kind_name,
    main_finding,
    severity_name,
    spot_check_order,
    ui,
)
from auditor.report.rule_docs import rule_entries
from auditor.score import grade_label

SHEETS = {
    "findings": L10n("问题清单", "Findings"),
    "reports": L10n("报告汇总", "Reports"),
    "rules": L10n("规则说明", "Rules"),
}
HEADER_FILL = PatternFill("solid", fgColor="1D3F6E")
HEADER_FONT = Font(bold=True, color="FFFFFF")
SEVERITY_FILL = {"high": "F8D7DA", "medium": "FFE8B3", "low": "DCEBFA"}
# Excel refuses control characters in cell text; reports converted from Word carry some.
_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}
# A cell holds at most 32,767 characters.
CELL_MAX = 32000


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_ILLEGAL)[:CELL_MAX]
    return value


def _sheet(ws: Worksheet, headers: list[str], rows: list[list[Any]], widths: list[int]) -> None:
    ws.append(headers)
    for row in rows:
        ws.append([_clean(v) for v in row])
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for cell in ws[1]:
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
            if cell.data_type == "f":
                cell.data_type = "s"  # report text starting with "=" is text, never a formula
    ws.freeze_panes = "A2"
    last = get_column_letter(len(headers))
    ws.auto_filter.ref = f"A1:{last}{max(1, ws.max_row)}"


def _findings_sheet(ws: Worksheet, results: list[ReportResult], lang: str) -> None:
    headers = [ui(k, lang) for k in ("file", "department", "year", "severity", "category", "rule",
                                     "location", "line", "message", "evidence", "explanation",
                                     "suggestion", "confidence", "fingerprint")]
    rows = []
    severities = []
    for r in results:
        meta = r.document.metadata if r.document else None
        for f in r.findings:
            rows.append([
                r.source, meta.department if meta else None, meta.fiscal_year if meta else None,
                severity_name(f.severity).get(lang), category_name(f.category).get(lang),
                f.rule_id, f.location.describe().get(lang), f.location.line,
                f.message.get(lang), f.evidence, f.explanation.get(lang),
                f.suggestion.get(lang), round(f.confidence, 2), f.fingerprint(),
            ])
            severities.append(f.severity)
    _sheet(ws, headers, rows, [28, 18, 7, 9, 14, 22, 16, 7, 36, 40, 48, 30, 8, 18])
    for row, severity in zip(ws.iter_rows(min_row=2, min_col=4, max_col=4), severities,
                             strict=True):
        row[0].fill = PatternFill("solid", fgColor=SEVERITY_FILL[severity])


def _reports_sheet(ws: Worksheet, results: list[ReportResult], lang: str) -> None:
    """One report a row; a batch's rows in spot-check order, with the order, the random
    sample and the finding that put each report where it is."""
    ranked = any(r.risk_rank for r in results)
    categories = sorted({f.category for r in results for f in r.findings})
    lead = [ui("risk_rank", lang), ui("sampled", lang)] if ranked else []
    headers = lead + [ui(k, lang) for k in ("file", "department", "year", "kind", "score",
                                            "grade", "finding_count")]
    headers += [severity_name(s).get(lang) for s in SEVERITIES]
    headers += [ui("main_finding", lang)] if ranked else []
    headers += [category_name(c).get(lang) for c in categories]
    headers += [ui("read_notes", lang), ui("error", lang)]
    rows: list[list[Any]] = []
    for r in spot_check_order(results):
        first = [r.risk_rank, ui("yes", lang) if r.sampled else None] if ranked else []
        if r.document is None:
            error = r.error.get(lang) if r.error else ui("unreadable", lang)
            rows.append(first + [r.source] + [None] * (len(headers) - len(first) - 2) + [error])
            continue
        meta = r.document.metadata
        sev = Counter(f.severity for f in r.findings)
        cat = Counter(f.category for f in r.findings)
        score = r.score or {}
        rows.append([*first, r.source, meta.department, meta.fiscal_year,
                     kind_name(meta.kind).get(lang), score.get("score"),
                     grade_label(score, lang) if score else None,
                     len(r.findings), *(sev[s] for s in SEVERITIES),
                     *([main_finding(r, lang)] if ranked else []),
                     *(cat[c] for c in categories),
                     "\n".join(n.message.get(lang) for n in r.document.notes) or None, None])
    widths = ([8, 8] if ranked else []) + [32, 18, 7, 12, 9, 7, 8, 6, 6, 6] \
        + ([48] if ranked else []) + [10] * len(categories) + [50, 50]
    _sheet(ws, headers, rows, widths)


def _rules_sheet(ws: Worksheet, lang: str) -> None:
    headers = [ui(k, lang) for k in ("rule", "rule_name", "category", "category_description",
                                     "default_severity", "description", "example")]
    rows = [[r["id"], r["name"].get(lang),
             f"{category_name(r['category']).get(lang)} ({r['category']})",
             category_description(r["category"]).get(lang),
             severity_name(r["severity"]).get(lang), r["description"].get(lang), r["example"]]
            for r in rule_entries()]
    _sheet(ws, headers, rows, [26, 20, 28, 40, 10, 50, 40])


def render(results: list[ReportResult], lang: str = "zh", **_: Any) -> bytes:
    wb = Workbook()
    findings = wb.active
    assert findings is not None
    findings.title = SHEETS["findings"].get(lang)
    _findings_sheet(findings, results, lang)
    _reports_sheet(wb.create_sheet(SHEETS["reports"].get(lang)), results, lang)
    _rules_sheet(wb.create_sheet(SHEETS["rules"].get(lang)), lang)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
