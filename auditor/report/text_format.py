"""Plain-text output for the terminal: one block per report, one line per finding."""

from __future__ import annotations

from typing import Any

from auditor.engine import ReportResult
from auditor.model.l10n import L10n
from auditor.report.labels import category_name, kind_name, score_formula, summary_line
from auditor.score import grade_label

SEVERITY_LABEL = {"high": L10n("高", "HIGH"), "medium": L10n("中", "MED"), "low": L10n("低", "LOW")}


def _header(result: ReportResult, lang: str) -> list[str]:
    doc = result.document
    assert doc is not None
    meta = doc.metadata
    unknown = "未识别" if lang != "en" else "unknown"
    if lang == "en":
        line = (f"  department: {meta.department or unknown} | year: {meta.fiscal_year or unknown}"
                f" | kind: {kind_name(meta.kind).en}")
    else:
        line = (f"  部门：{meta.department or unknown}｜年度：{meta.fiscal_year or unknown}"
                f"｜类型：{kind_name(meta.kind).zh}")
    out = [line]
    if result.score:
        label = "quality score" if lang == "en" else "质量得分"
        out.append(f"  {label}: {result.score['score']} ({grade_label(result.score, lang)})")
        if result.score.get("deductions"):
            out.append(f"    {score_formula(result.score, lang)}")
    return out


def render(results: list[ReportResult], lang: str = "zh", **_: Any) -> str:
    lines: list[str] = []
    for result in results:
        lines.append(f"== {result.source}")
        if result.error:
            lines.append(f"  {'ERROR' if lang == 'en' else '错误'}: {result.error.get(lang)}")
            continue
        lines.extend(_header(result, lang))
        for note in result.document.notes if result.document else []:
            label = "NOT READ" if lang == "en" else "未读取"
            lines.append(f"  [{label}] {note.said(lang)}")
        if not result.findings:
            lines.append("  no findings" if lang == "en" else "  未发现问题")
        for f in result.findings:
            where = f.location.describe().get(lang)
            sev = SEVERITY_LABEL[f.severity].get(lang)
            cat = category_name(f.category).get(lang)
            lines.append(f"  [{sev}] {where} {f.rule_id}（{cat}）: {f.message.get(lang)}"
                         if lang != "en" else
                         f"  [{sev}] {where} {f.rule_id} ({cat}): {f.message.get(lang)}")
            lines.append(f"      {'evidence' if lang == 'en' else '原文'}: {f.evidence[:120]}")
            lines.append(f"      {'why' if lang == 'en' else '依据'}: {f.explanation.get(lang)}")
            lines.append(f"      {'fix' if lang == 'en' else '建议'}: {f.suggestion.get(lang)}")
    total = sum(len(r.findings) for r in results)
    failed = sum(1 for r in results if r.error)
    lines.append(summary_line(len(results), total, failed, lang))
    return "\n".join(lines) + "\n"
