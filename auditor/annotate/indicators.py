"""Indicators, their score tables, and the overall score, grade and thresholds a report states.

Layers added (read by the score.* and indicator.* rules):
- ``doc.spans["indicators"]``: one span per indicator row, ``attrs["indicator"]`` the parsed
  ``Indicator`` (name, 一级/二级 group, weight, target, actual, score);
- ``doc.attrs["score_tables"]``: ``ScoreTables`` with every indicator, the stated subtotals
  (group labels 产出（30）, title rows, 小计, 合计) and project score tables;
- ``doc.spans["prose_indicators"]``: 绩效指标：… sentences, ``attrs["items"]`` their names,
  ``attrs["numbers"]`` whether any of them carries a figure;
- ``doc.attrs["stated_scores"]`` / ``["stated_grades"]``: every 总得分98.25分 / 属于“优秀”;
  ``doc.attrs["overall_score"]`` / ``["overall_grade"]``: the report's own total and grade;
- ``doc.attrs["grade_thresholds"]``: a ``Scheme`` when the report states its bands.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.annotate.grades import GRADE_WORD, stated_scheme, threshold_clauses
from auditor.annotate.numbers import parse_number
from auditor.annotate.registry import annotator
from auditor.annotate.score_tables import Indicator, read_score_tables
from auditor.annotate.targets import parse_value
from auditor.model.document import Document, Span

# 分 may be left out after a named total (自评得分92.45，评价结果为优); a bare 得分 needs it.
_SCORE = re.compile(
    r"(总得分|综合得分|综合得|自评总分|自评得分|评价得分|最终得分|绩效得分|综合评分|评分结果|评价结果|得分)"
    r"\s*(?:为|是|达到|[：:])?\s*(\d+(?:\.\d+)?)\s*(分)?(?![\d.%％‰年月日])")
_OVERALL_WORDS = ("总得分", "综合得分", "综合得", "自评总分", "综合评分")
_GRADE = re.compile(
    r"(?:属于|结果(?:为|是)?[：:]?|等级(?:为|是)?[：:]?|等次(?:为|是)?[：:]?|评定为|评为|定为|"
    rf"自评为|评价为|档次为)\s*[“\"'「]?({GRADE_WORD})(?:等级|等次|级|档)?[”\"'」]?(?![\u4e00-\u9fa5])")
_PROSE = re.compile(r"(?:绩效指标|主要指标|考核指标|产出指标|效益指标|效果指标|满意度指标|评价指标)"
                    r"\s*[:：]\s*([^。；;]+)")


def _prose(doc: Document) -> list[Span]:
    spans = []
    for sentence in doc.sentences:
        if "指标" not in sentence.text:
            continue
        for m in _PROSE.finditer(sentence.text):
            items = [i.strip(" 　等") for i in re.split(r"[、，,]", m.group(1)) if i.strip(" 　等")]
            if not items:
                continue
            start = sentence.start + m.start()
            spans.append(doc.span(start, sentence.start + m.end(), "prose_indicator", items=items,
                                  numbers=any(parse_value(i).number is not None for i in items)))
    return spans


def _thresholds(doc: Document) -> Span | None:
    """The first paragraph stating grade bands; its clauses are split across sentences."""
    for block in doc.paragraphs:
        text = block.text
        if "分" not in text or "优" not in text or not ("良" in text or "中" in text or "一般" in text):
            continue
        scheme = stated_scheme(block.text, block.start)
        if scheme is not None:
            return doc.span(block.start, block.end, "grade_thresholds", scheme=scheme)
    return None


def _statements(doc: Document, skip: Span | None) -> tuple[list[Span], list[Span]]:
    scores: list[Span] = []
    grades: list[Span] = []
    for sentence in doc.sentences:
        # Only the clauses that define a band are left out: 自评得分93.78分，按照…标准（90分及
        # 以上为优，80—89分为良…），等级为良 states the score and the grade around them.
        bands = (threshold_clauses(sentence.text)
                 if skip is not None and skip.start <= sentence.start < skip.end else [])
        for m in _SCORE.finditer(sentence.text):
            figure = parse_number(m.group(2))
            if (figure is None or figure.value > 100 or (m.group(1) == "得分" and not m.group(3))
                    or _inside(m.start(), bands)):
                continue
            start = sentence.start + m.start()
            scores.append(doc.span(start, sentence.start + m.end(), "stated_score", figure=figure,
                                   keyword=m.group(1), sentence=(sentence.start, sentence.end)))
        for m in _GRADE.finditer(sentence.text):
            if _inside(m.start(1), bands):
                continue
            start = sentence.start + m.start(1)
            grades.append(doc.span(start, sentence.start + m.end(1), "stated_grade",
                                   grade=m.group(1), sentence=(sentence.start, sentence.end)))
    return scores, grades


def _inside(offset: int, clauses: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in clauses)


def _overall(scores: list[Span]) -> Span | None:
    for span in scores:
        if span.attrs["keyword"] in _OVERALL_WORDS:
            return span
    values = {span.attrs["figure"].value for span in scores if span.attrs["keyword"] != "得分"}
    return next((s for s in scores if s.attrs["keyword"] != "得分"), None) if len(values) == 1 else None


def _nearest_grade(grades: list[Span], score: Span | None) -> Span | None:
    if score is None:
        return grades[0] if len(grades) == 1 else None
    same = [g for g in grades if g.attrs["sentence"] == score.attrs["sentence"]]
    after = [g for g in grades if g.start > score.end and g.start - score.end < 80]
    nearby = same or after
    return nearby[0] if nearby else None


@annotator(60)
def annotate_indicators(doc: Document, config: dict[str, Any]) -> None:
    tables = read_score_tables(doc)
    doc.attrs["score_tables"] = tables
    layer = doc.layer("indicators")
    layer.clear()
    for ind in tables.indicators:
        layer.append(_indicator_span(doc, ind))
    doc.spans["prose_indicators"] = _prose(doc)
    thresholds = _thresholds(doc)
    scores, grades = _statements(doc, thresholds)
    doc.attrs["stated_scores"] = scores
    doc.attrs["stated_grades"] = grades
    overall = _overall(scores)
    doc.attrs["overall_score"] = overall
    doc.attrs["overall_grade"] = _nearest_grade(grades, overall)
    doc.attrs["grade_thresholds"] = thresholds.attrs["scheme"] if thresholds else None


def _indicator_span(doc: Document, ind: Indicator) -> Span:
    return doc.span(ind.start, ind.end, "indicator", indicator=ind, name=ind.name)
