"""structure.missing_conclusion: the report never states its overall score or grade.

The conclusion (评价结论) is what the finance bureau reads first. A report may describe the
scale — 得分≥85分为优秀；75≤得分＜85分为良好… — or list each project's score and still never
say what the whole department or project scored; that is the case to flag. A stated total is
a sentence such as 总得分98.25分 / 自评得分92分 / 评价等级为“良好” / 结果：优秀 / 自评为优秀,
or a score table's 合计 row with a value in its 得分 column. A scale sentence (several grades
with thresholds) is not a conclusion. The check runs only on a report whose outline reaches
past the conclusion (a section follows it), so an excerpt or a truncated file is not flagged.

``stated_totals``, ``scale_sentences`` and ``is_whole_report`` are shared with the claim
rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Block, Document, Span
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

GRADES = "优秀|良好|一般|较差|中等|合格|不合格|较好|优|良|中|差|好"
TOTAL_SCORE = re.compile(
    r"(总得分|总分|综合得分|自评得分|自评总分|评价得分|最终得分|整体得分|绩效得分|考核得分|得分|"
    r"自评分|评分)"
    r"\s*(?:为|是|：|:|达到|达|合计|共计)?\s*[“\"]?\s*(\d{1,3}(?:\.\d+)?)\s*分(?!以上|以下|及以上|为)"
)
GRADE = re.compile(
    r"(评价等级|绩效等级|自评等级|综合等级|等级|评价结果|自评结果|评定结果|结果|评定|自评|评级|属于|定为|"
    r"认定为|评为)"
    rf"\s*(?:为|是|：|:|属于|评定为|达到|定为)?\s*[“\"「『]?({GRADES})(?=[”\"」』]|等级|档|级|[。，；,;]|$)"
)
_EACH = re.compile(r"(?:得分|自评分|评分)分别为[:：]?[^。；]{0,12}?(\d{1,3}(?:\.\d+)?)\s*分")
# A score table flattened into a line by a converter: 100.00 | 94.04 | 优
_FLAT_ROW = re.compile(rf"(\d{{1,3}}(?:\.\d+)?)\s*\|\s*({GRADES})\s*(?=\||$)")
_SCALE_MARK = re.compile(r"[≥≤＞＜><]|以上|以下|\d+\s*[-~～—至]\s*\d+\s*分")
_GRADE_WORD = re.compile(GRADES)
_TOTAL_ROW = re.compile(r"^(?:合计|总计|总分|总得分|综合得分|得分合计|自评总分|自评得分|总体得分)$")
_OPENING = {"basic_info", "budget", "goals"}
_LATER = {"problems", "measures", "application", "appendix"}
_CLOSING = {"application", "appendix"}
_SCORE_HEAD = re.compile(r"得分|评分")
_SCORE = re.compile(r"(?:100|\d{1,2})(?:\.\d+)?")


@dataclass(frozen=True)
class Statement:
    """A stated overall score or grade: where it is and what it says."""

    start: int
    end: int
    score: str | None
    grade: str | None


def is_scale(text: str) -> bool:
    """A sentence that describes the grade bands rather than giving a result."""
    return bool(_SCALE_MARK.search(text)) and len(set(_GRADE_WORD.findall(text))) >= 2


def scale_sentences(doc: Document) -> list[Span]:
    """Sentences of a scale paragraph that give a threshold (scales are often split by ；)."""
    blocks = {b.index for b in doc.paragraphs if is_scale(b.text)}
    return [s for s in doc.sentences if s.block in blocks and _SCALE_MARK.search(s.text)
            and _GRADE_WORD.search(s.text)]


def _before_is_threshold(text: str, pos: int) -> bool:
    return bool(re.search(r"[≥≤＞＜><=]\s*$", text[max(0, pos - 3):pos]))


def stated_totals(doc: Document) -> list[Statement]:
    """Sentences and table rows that state an overall score or grade."""
    out: list[Statement] = []
    scale = {(s.start, s.end) for s in scale_sentences(doc)}
    for sentence in doc.sentences:
        if (sentence.start, sentence.end) in scale:
            continue
        for m in TOTAL_SCORE.finditer(sentence.text):
            if not _before_is_threshold(sentence.text, m.start(2)):
                out.append(Statement(sentence.start + m.start(), sentence.start + m.end(),
                                     m.group(2), None))
        for m in _EACH.finditer(sentence.text):
            out.append(Statement(sentence.start + m.start(), sentence.start + m.end(), m.group(1),
                                 None))
        for m in GRADE.finditer(sentence.text):
            out.append(Statement(sentence.start + m.start(), sentence.start + m.end(), None,
                                 m.group(2)))
        for m in _FLAT_ROW.finditer(sentence.text):
            out.append(Statement(sentence.start + m.start(), sentence.start + m.end(), m.group(1),
                                 m.group(2)))
    for block in doc.tables:
        out.extend(_table_totals(block))
        out.extend(_graded_rows(block))
    return out


def _graded_rows(block: Block) -> Iterator[Statement]:
    """Rows giving a score and a grade side by side (总分 | 94.04 | 优)."""
    assert block.table is not None
    for row in block.table.rows:
        texts = [c.text.strip() for c in row]
        for i, text in enumerate(texts[1:], start=1):
            if _GRADE_WORD.fullmatch(text) and _SCORE.fullmatch(texts[i - 1]):
                yield Statement(row[i - 1].start, row[i].end, texts[i - 1], text)


def _table_totals(block: Block) -> Iterator[Statement]:
    assert block.table is not None
    score_col: int | None = None
    width = 0
    for row in block.table.rows:
        texts = [c.text.strip() for c in row]
        heads = [i for i, t in enumerate(texts) if _SCORE_HEAD.search(t) and len(t) <= 8]
        if heads:
            score_col, width = heads[-1], len(row)
            continue
        label = next((t for t in texts if t), "")
        if score_col is None or not _TOTAL_ROW.match(label):
            continue
        scores = [c for c in row if _SCORE.fullmatch(c.text.strip())]
        if score_col < len(row) == width and _SCORE.fullmatch(row[score_col].text.strip()):
            scores = [row[score_col]]
        if scores:  # a merged total row: its last small number is the score
            cell = scores[-1]
            yield Statement(cell.start, cell.end, cell.text.strip(), None)


def is_whole_report(doc: Document) -> bool:
    """True for a report read from its opening to past where the conclusion belongs.

    Excerpts start late or stop at or inside the conclusion, and a table of contents lists
    a conclusion heading with nothing under it; only a titled report that opens with the
    usual first sections and goes on after a conclusion with content is judged.
    """
    if "报告" not in doc.metadata.title:
        return False
    if not any(s.type in _OPENING for s in doc.sections):
        return False
    conclusion = [s for s in doc.sections if s.type == "conclusion"]
    if not conclusion:
        return any(s.type in _LATER for s in doc.sections)
    first = conclusion[0]
    content = any(b.kind != "heading" for b in doc.blocks[first.first:first.last + 1])
    return content and any(s.first > first.last for s in doc.sections)


@register
class MissingConclusion(Rule):
    id = "structure.missing_conclusion"
    category = "structure.missing_conclusion"
    severity = "high"
    name = L10n("未给出总体得分或等级", "No overall score or grade")
    description = L10n(
        "报告通篇没有给出自评总得分或评价等级（只描述评分标准或只列各项目得分不算）。",
        "The report never states its overall score or grade (describing the scale, or listing "
        "each project's score, does not count).",
    )
    example = "得分≥85分为优秀；75≤得分＜85分为良好……（全文未给出总得分）"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if doc.attrs.get("overall_score") is not None or doc.attrs.get("overall_grade"):
            return
        scales = scale_sentences(doc)
        if not is_whole_report(doc) or stated_totals(doc):
            return
        types = {s.type for s in doc.sections}
        if "conclusion" not in types and not types & _CLOSING:
            return  # some outlines give the result after the measures: wait for the end
        anchor = self._anchor(doc, scales)
        if anchor is None:
            return
        start, end, where = anchor
        yield self.finding(
            doc, start, end,
            L10n("报告没有给出总体自评得分或评价等级",
                 "The report never states its overall score or grade"),
            L10n(
                f"全文未找到“总得分…分”“自评得分…分”“评价等级为…”“结果：…”之类的结论表述，评分表也没有"
                f"合计得分；{where.zh}。评价结论是报告必备内容。",
                "No sentence such as 总得分…分, 自评得分…分, 评价等级为… or 结果：… was found, and no "
                f"score table has a total; {where.en}. The conclusion is a required part.",
            ),
            L10n("在评价结论部分写明总得分和评价等级", "state the total score and the grade in "
                 "the conclusion section"),
            confidence=0.8 if scales else 0.65,
        )

    @staticmethod
    def _anchor(doc: Document, scales: list[Span]) -> tuple[int, int, L10n] | None:
        if scales:
            s = scales[0]
            return s.start, s.end, L10n("报告只描述了评分等级标准，没有给出结果",
                                        "the report describes the grade scale but gives no result")
        for section in doc.sections:
            if section.type == "conclusion" and section.heading is not None:
                block = doc.blocks[section.heading]
                return block.start, block.end, L10n("评价结论部分没有给出得分或等级",
                                                    "the conclusion section gives neither")
        for section in doc.sections:
            if section.type == "problems" and section.heading is not None:
                block = doc.blocks[section.heading]
                return block.start, block.end, L10n("报告没有评价结论部分，直接进入问题分析",
                                                    "the report has no conclusion section and "
                                                    "goes straight to the problems")
        return None
