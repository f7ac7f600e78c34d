"""Markdown output: a report per section, a findings table, then each finding in full.

Meant for pasting into a wiki page, an issue or a mail; the table cells are escaped so a
``|`` or a line break in the evidence never breaks the table.
"""

from __future__ import annotations

from typing import Any

from auditor.engine import ReportResult
from auditor.model.finding import SEVERITIES, Finding
from auditor.report.labels import (
    category_name,
    kind_name,
    score_formula,
    severity_name,
    summary_line,
    ui,
)
from auditor.score import grade_label


def _cell(text: str) -> str:
    """Text safe inside a table cell and free of markup that would change the page."""
    return _inline(text).replace("|", "\\|").replace("\n", " ")


def _inline(text: str) -> str:
    """Escape characters markdown renderers treat as markup or raw HTML."""
    out = text
    for ch in "\\`*_[]<>#":
        out = out.replace(ch, "\\" + ch)
    return out


def _finding_block(n: int, f: Finding, lang: str) -> list[str]:
    sev = severity_name(f.severity).get(lang)
    return [
        f"#### {n}. {_inline(f.message.get(lang))}",
        "",
        f"- {ui('rule', lang)}: `{f.rule_id}` · {ui('category', lang)}: "
        f"{category_name(f.category).get(lang)} · {ui('severity', lang)}: {sev} · "
        f"{ui('confidence', lang)}: {f.confidence:.2f}",
        f"- {ui('location', lang)}: {f.location.describe().get(lang)}",
        f"- {ui('evidence', lang)}: {_inline(f.evidence)}",
        f"- {ui('explanation', lang)}: {_inline(f.explanation.get(lang))}",
        f"- {ui('suggestion', lang)}: {_inline(f.suggestion.get(lang))}",
        "",
    ]


def _report(result: ReportResult, lang: str) -> list[str]:
    out = [f"## {_inline(result.source)}", ""]
    if result.error or result.document is None:
        message = result.error.get(lang) if result.error else ui("unreadable", lang)
        return out + [f"**{ui('error', lang)}**: {_inline(message)}", ""]
    meta = result.document.metadata
    unknown = ui("unknown", lang)
    out += [
        f"- {ui('department', lang)}: {_inline(meta.department or unknown)}",
        f"- {ui('year', lang)}: {meta.fiscal_year or unknown}",
        f"- {ui('kind', lang)}: {kind_name(meta.kind).get(lang)}",
    ]
    if result.score:
        out.append(f"- {ui('score', lang)}: **{result.score['score']:g}** "
                   f"({grade_label(result.score, lang)})")
        if result.score.get("deductions"):
            out.append(f"- {ui('breakdown', lang)}: {score_formula(result.score, lang)}")
    counts = " · ".join(
        f"{severity_name(s).get(lang)} {sum(1 for f in result.findings if f.severity == s)}"
        for s in SEVERITIES
    )
    out += [f"- {ui('findings', lang)}: {len(result.findings)} ({counts})", ""]
    if result.document.notes:
        out += [f"**{ui('read_notes', lang)}**:", ""]
        out += [f"- {_inline(n.message.get(lang))} — {_inline(n.action.get(lang))}"
                for n in result.document.notes]
        out.append("")
    if not result.findings:
        return out + [ui("no_findings", lang), ""]
    out += [
        f"| # | {ui('severity', lang)} | {ui('category', lang)} | {ui('location', lang)} | "
        f"{ui('message', lang)} |",
        "|---|---|---|---|---|",
    ]
    for n, f in enumerate(result.findings, 1):
        out.append(f"| {n} | {severity_name(f.severity).get(lang)} | "
                   f"{category_name(f.category).get(lang)} | "
                   f"{f.location.describe().get(lang)} | {_cell(f.message.get(lang))} |")
    out.append("")
    for n, f in enumerate(result.findings, 1):
        out += _finding_block(n, f, lang)
    return out


def render(results: list[ReportResult], lang: str = "zh", **_: Any) -> str:
    lines = [f"# {ui('title', lang)}", ""]
    total = sum(len(r.findings) for r in results)
    failed = sum(1 for r in results if r.error)
    lines += [summary_line(len(results), total, failed, lang), ""]
    for result in results:
        lines += _report(result, lang)
    return "\n".join(lines).rstrip("\n") + "\n"
