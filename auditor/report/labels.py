"""Names people read for the codes machines use: categories, severities, section types.

Every output format takes its wording from here so a category is called the same thing in
the terminal, the spreadsheet, the web page and the SARIF log. The texts follow the public
taxonomy (docs/taxonomy.md in the shared material); they are copied into code so an
installed auditor never needs that folder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor.model.l10n import L10n

if TYPE_CHECKING:
    from auditor.engine import ReportResult

SEVERITY = {
    "high": L10n("高", "high"),
    "medium": L10n("中", "medium"),
    "low": L10n("低", "low"),
}

# category code -> (short name, what it means)
_CATEGORIES: dict[str, tuple[L10n, L10n]] = {
    "year.mismatch": (
        L10n("年份不符", "Year mismatch"),
        L10n("年份或日期与报告所属年度不可能相符：标题与正文、引用的后续年度文件、未来日期、规划期错误、表格年份列错误",
             "A year or date that cannot be right for the report's fiscal year: title vs body, "
             "a cited notice of a later year, a future date, a wrong plan period, table columns "
             "of the wrong years"),
    ),
    "amount.sum_mismatch": (
        L10n("金额合计不符", "Amounts do not add up"),
        L10n("所述合计与各分项之和不一致（句内、句间、表格行列或正文与表格之间），超出舍入误差",
             "A stated total differs from the sum of its stated parts (in a sentence, across "
             "sentences, in a table or between text and table) beyond rounding"),
    ),
    "amount.rate_mismatch": (
        L10n("比率或结余不符", "Rate or balance mismatch"),
        L10n("所述预算执行率、完成率或结余与按报告自身数据计算的结果不一致",
             "A stated rate or balance (execution rate, completion rate, balance) differs from "
             "the one computed from the report's own figures"),
    ),
    "score.sum_mismatch": (
        L10n("得分合计不符", "Scores do not add up"),
        L10n("各指标得分之和与所述小计或总分不一致",
             "Indicator scores do not add up to a stated subtotal or to the total score"),
    ),
    "score.grade_mismatch": (
        L10n("得分与等级不符", "Score and grade disagree"),
        L10n("所述等级与得分在所述（或配置的）分档标准下相矛盾",
             "The stated grade contradicts the score under the stated or configured thresholds"),
    ),
    "score.unearned": (
        L10n("指标得分依据不足", "Unearned indicator score"),
        L10n("某项指标的得分高于其目标值和完成值所能支持的分数",
             "An indicator scored above what its own target and actual value support"),
    ),
    "score.inflated": (
        L10n("总分偏高", "Inflated overall score"),
        L10n("较高的总分与报告自身事实相矛盾：执行率低、资金未到位、承认的不足、全部满分",
             "A high overall score contradicted by the report's own facts: low execution, "
             "unfunded items, admitted shortfalls, uniform full marks"),
    ),
    "indicator.missing_value": (
        L10n("指标缺少数值", "Indicator value missing"),
        L10n("指标缺少目标值或完成值，或结果部分没有任何指标",
             "An indicator with no target or no actual value, or a results section without "
             "any indicator"),
    ),
    "indicator.unquantified": (
        L10n("指标未量化", "Unquantified indicator"),
        L10n("应填数值或分档等级的目标值、完成值只用文字表述",
             "A target or actual given in words where a number or a graded tier is expected"),
    ),
    "boilerplate.problem": (
        L10n("问题表述空泛", "Generic problem statement"),
        L10n("问题或原因的表述放之任何部门皆准：没有具体项目、数据、日期或原因",
             "A problem or cause statement generic enough to fit any department: no project, "
             "figure, date or concrete cause"),
    ),
    "boilerplate.measure": (
        L10n("措施表述空泛", "Generic measure"),
        L10n("改进措施空泛，或未回应所列任何问题",
             "An improvement measure that is generic or answers none of the stated problems"),
    ),
    "duplicate.cross_report": (
        L10n("跨报告雷同", "Copied from another report"),
        L10n("段落与同批次其他部门的报告雷同（或同一部门与往年报告完全相同）",
             "A passage copied from another department's report in the same batch, or "
             "unchanged from the same department's prior year"),
    ),
    "structure.missing_section": (
        L10n("缺少必备章节", "Required section missing"),
        L10n("报告提纲要求的章节缺失", "A section the report outline requires is absent"),
    ),
    "structure.missing_conclusion": (
        L10n("缺少评价结论", "No overall conclusion"),
        L10n("报告未给出总得分或评价等级", "The report never states its overall score or grade"),
    ),
    "structure.missing_metadata": (
        L10n("缺少基本信息", "Missing title information"),
        L10n("标题或封面缺少部门名称或年度", "The title or cover lacks the department or the fiscal year"),
    ),
    "structure.numbering": (
        L10n("标题编号错误", "Heading numbering"),
        L10n("标题编号跳号或层级混用", "Heading numbering that skips or mixes levels"),
    ),
    "structure.section_mismatch": (
        L10n("章节内容与标题不符", "Section content off its heading"),
        L10n("章节内容与其标题不相符", "A section's content does not match its heading"),
    ),
    "text.template_residue": (
        L10n("模板残留", "Template residue"),
        L10n("提交的正文中残留模板说明或占位符",
             "Template instructions or placeholders left in the submitted text"),
    ),
    "text.artifact": (
        L10n("格式转换残留", "Conversion debris"),
        L10n("格式转换残留：书签、域代码、多余页码、句中断行",
             "Conversion debris: bookmarks, field codes, stray page numbers, lines broken "
             "mid-sentence"),
    ),
    "text.typo": (
        L10n("错别字", "Typo"),
        L10n("误输入的重复字或漏字", "An accidental repeated or missing character"),
    ),
    "claim.unsupported": (
        L10n("表述缺乏依据", "Unsupported claim"),
        L10n("需要证据支撑的表述没有依据：无调查的100%满意度、无评分表的得分",
             "A claim that needs evidence and has none: 100% satisfaction without a survey, "
             "a score without a scoring table"),
    ),
    "claim.contradiction": (
        L10n("前后矛盾", "Contradiction"),
        L10n("同一报告中两处表述不可能同时成立",
             "Two statements of the same report that cannot both be true"),
    ),
}

SECTION_TYPE = {
    "basic_info": L10n("基本情况", "Basic information"),
    "budget": L10n("预算收支与执行", "Budget and execution"),
    "goals": L10n("绩效目标", "Performance goals"),
    "process": L10n("自评工作开展", "Self-evaluation process"),
    "results": L10n("目标完成与指标分析", "Results and indicators"),
    "conclusion": L10n("评价结论与得分", "Conclusion and score"),
    "problems": L10n("存在问题与原因", "Problems and causes"),
    "measures": L10n("改进措施与建议", "Measures and suggestions"),
    "application": L10n("结果应用与公开", "Use and disclosure of results"),
    "other": L10n("其他", "Other"),
    "appendix": L10n("附件与评分表", "Appendices and score sheets"),
}

KIND = {
    "department": L10n("部门整体支出", "department"),
    "project": L10n("项目支出", "project"),
    "other": L10n("其他", "other"),
}


def category_name(code: str) -> L10n:
    """Short name of a category; an unknown code is shown as itself."""
    entry = _CATEGORIES.get(code)
    return entry[0] if entry else L10n(code, code)


def category_description(code: str) -> L10n:
    entry = _CATEGORIES.get(code)
    return entry[1] if entry else L10n(code, code)


def known_categories() -> tuple[str, ...]:
    return tuple(_CATEGORIES)


def severity_name(code: str) -> L10n:
    return SEVERITY.get(code, L10n(code, code))


def section_type_name(code: str) -> L10n:
    return SECTION_TYPE.get(code, L10n(code, code))


def kind_name(code: str) -> L10n:
    return KIND.get(code, L10n(code, code))


# Words shared by the human-readable formats (markdown, html, xlsx, text).
UI = {
    "report": L10n("报告", "Report"),
    "file": L10n("文件", "File"),
    "department": L10n("部门", "Department"),
    "year": L10n("年度", "Year"),
    "kind": L10n("类型", "Kind"),
    "score": L10n("质量得分", "Quality score"),
    "grade": L10n("等级", "Grade"),
    "findings": L10n("问题", "Findings"),
    "finding_count": L10n("问题数", "Findings"),
    "severity": L10n("严重程度", "Severity"),
    "category": L10n("类别", "Category"),
    "rule": L10n("规则", "Rule"),
    "rule_name": L10n("规则名称", "Rule name"),
    "confidence": L10n("置信度", "Confidence"),
    "location": L10n("位置", "Location"),
    "line": L10n("行号", "Line"),
    "message": L10n("问题描述", "Message"),
    "evidence": L10n("原文", "Evidence"),
    "explanation": L10n("依据", "Why"),
    "suggestion": L10n("建议", "Suggestion"),
    "fingerprint": L10n("指纹", "Fingerprint"),
    "error": L10n("错误", "Error"),
    "unknown": L10n("未识别", "unknown"),
    "no_findings": L10n("未发现问题", "No findings"),
    "deduction": L10n("扣分", "Deduction"),
    "breakdown": L10n("分类扣分", "Deductions by category"),
    "description": L10n("说明", "Description"),
    "example": L10n("示例", "Example"),
    "default_severity": L10n("默认严重程度", "Default severity"),
    "category_description": L10n("类别说明", "Category description"),
    "sections": L10n("章节", "Sections"),
    "overview": L10n("报告一览", "Overview"),
    "risk_rank": L10n("抽查顺序", "Check order"),
    "sampled": L10n("随机抽中", "In the sample"),
    "main_finding": L10n("首要问题", "Main finding"),
    "yes": L10n("是", "yes"),
    "title": L10n("绩效自评报告审核结果", "Audit of performance self-evaluation reports"),
    "unreadable": L10n("无法读取", "Unreadable"),
    "read_notes": L10n("未读取的内容", "Content not read"),
    "whole_document": L10n("全文", "Whole document"),
    "all": L10n("全部", "All"),
}


def ui(key: str, lang: str) -> str:
    return UI[key].get(lang)


def spot_check_order(results: list[ReportResult]) -> list[ReportResult]:
    """A batch's reports in the order to open them (auditor.batch.spotcheck: riskiest
    first, unreadable files last); other result lists as they are."""
    if not any(r.risk_rank for r in results):
        return results
    return sorted(results, key=lambda r: (r.risk_rank is None, r.risk_rank or 0, r.source))


def main_finding(result: ReportResult, lang: str) -> str:
    """Why a report is high on the list: its most severe finding, with how many there are."""
    if not result.findings:
        return ""
    worst = max(result.findings, key=lambda f: f.rank)
    same = sum(1 for f in result.findings if f.severity == worst.severity)
    more = (f"（同级共{same}条）" if lang != "en" else f" ({same} of this severity)") \
        if same > 1 else ""
    return f"{severity_name(worst.severity).get(lang)}：{worst.message.get(lang)}{more}"


def summary_line(reports: int, findings: int, unreadable: int, lang: str) -> str:
    if lang == "en":
        return f"{reports} report(s), {findings} finding(s), {unreadable} unreadable"
    return f"共 {reports} 份报告，{findings} 条问题，{unreadable} 份无法读取"


def score_formula(score: dict[str, Any], lang: str) -> str:
    """How the score was computed, every addend named: 100 − 1.2（错别字）… = 98.8."""
    parts = ["100"]
    for category, points in score.get("deductions", {}).items():
        name = category_name(category).get(lang)
        parts.append(f"− {points:g} ({name})" if lang == "en" else f"− {points:g}（{name}）")
    return " ".join(parts) + f" = {score['score']:g}"
