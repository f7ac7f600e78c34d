"""Plain-text output for the terminal: one block per report, one line per finding."""

from __future__ import annotations

from typing import Any

from auditor.engine import ReportResult
from auditor.model.l10n import L10n

SEVERITY_LABEL = {"high": L10n("高", "HIGH"), "medium": L10n("中", "MED"), "low": L10n("低", "LOW")}
KIND_LABEL = {"department": L10n("部门整体支出", "department"),
              "project": L10n("项目支出", "project"), "other": L10n("其他", "other")}


def _header(result: ReportResult, lang: str) -> list[str]:
    doc = result.document
    assert doc is not None
    meta = doc.metadata
    unknown = "未识别" if lang != "en" else "unknown"
    if lang == "en":
        line = (f"  department: {meta.department or unknown} | year: {meta.fiscal_year or unknown}"
                f" | kind: {KIND_LABEL[meta.kind].en}")
    else:
        line = (f"  部门：{meta.department or unknown}｜年度：{meta.fiscal_year or unknown}"
                f"｜类型：{KIND_LABEL[meta.kind].zh}")
    out = [line]
    if result.score:
        label = "quality score" if lang == "en" else "质量得分"
        out.append(f"  {label}: {result.score['score']} ({result.score['grade']})")
    return out


def render(results: list[ReportResult], lang: str = "zh", **_: Any) -> str:
    lines: list[str] = []
    for result in results:
        lines.append(f"== {result.source}")
        if result.error:
            lines.append(f"  {'ERROR' if lang == 'en' else '错误'}: {result.error.get(lang)}")
            continue
        lines.extend(_header(result, lang))
        if not result.findings:
            lines.append("  no findings" if lang == "en" else "  未发现问题")
        for f in result.findings:
            where = f.location.describe().get(lang)
            sev = SEVERITY_LABEL[f.severity].get(lang)
            lines.append(f"  [{sev}] {where} {f.rule_id}: {f.message.get(lang)}")
            lines.append(f"      {'evidence' if lang == 'en' else '原文'}: {f.evidence[:120]}")
            lines.append(f"      {'why' if lang == 'en' else '依据'}: {f.explanation.get(lang)}")
            lines.append(f"      {'fix' if lang == 'en' else '建议'}: {f.suggestion.get(lang)}")
    total = sum(len(r.findings) for r in results)
    failed = sum(1 for r in results if r.error)
    if lang == "en":
        lines.append(f"{len(results)} report(s), {total} finding(s), {failed} unreadable")
    else:
        lines.append(f"共 {len(results)} 份报告，{total} 条发现，{failed} 份无法读取")
    return "\n".join(lines) + "\n"
