"""score.grade_mismatch: a stated grade that the score does not earn.

Grades are compared by rank (优/优秀, 良/良好, 中/一般, 差/较差), under the thresholds the
report states itself, else the bureau's configured scheme (rules/grades.toml, default: the
Ministry of Finance bands). A score whose rounding interval straddles a band boundary is
left alone. A threshold list between the score and the grade (自评得分93.78分，按照…标准（90分及
以上为优，80—89分为良…），等级为良) neither hides the pair nor lends it a grade: only its band
clauses are skipped when the grades are read (annotate/indicators.py). Pairs checked: the overall score and grade, a score and grade in one sentence,
and each row of a project score table with a grade column.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.annotate.grades import Scheme, configured_scheme, rank
from auditor.annotate.numbers import Figure
from auditor.annotate.score_tables import ScoreTables
from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Document, Span
from auditor.model.finding import Finding
from auditor.model.l10n import L10n


def _pairs(doc: Document) -> Iterator[tuple[Figure, str, int, int, str]]:
    """(score, grade, start, end, evidence of the score) for every stated pair."""
    overall: Span | None = doc.attrs.get("overall_score")
    grade: Span | None = doc.attrs.get("overall_grade")
    tables: ScoreTables | None = doc.attrs.get("score_tables")
    used: set[int] = set()
    if grade is not None:
        score: Figure | None = overall.attrs["figure"] if overall is not None else None
        where = overall.text if overall is not None else ""
        if score is None and tables is not None:
            totals = [s for s in tables.subtotals if s.kind == "total" and s.score is not None]
            if len(totals) == 1:
                score, where = totals[0].score, f"评分表合计 {totals[0].score}"
        if score is not None:
            start = min(grade.start, overall.start) if overall is not None else grade.start
            yield score, grade.attrs["grade"], start, max(grade.end, start), where
            used.add(grade.start)
    for span in doc.attrs.get("stated_scores", []):
        if span.attrs["keyword"] == "得分":
            continue  # 预算执行率得分10分: an indicator's points, not a graded total
        for g in doc.attrs.get("stated_grades", []):
            if g.start in used or g.attrs["sentence"] != span.attrs["sentence"] or g.start < span.end:
                continue
            used.add(g.start)
            yield span.attrs["figure"], g.attrs["grade"], span.start, g.end, span.text
            break
    for table in tables.projects if tables is not None else []:
        for row in table:
            if row.score is not None and row.grade:
                yield row.score, row.grade, row.start, row.end, f"{row.name} {row.score}"


@register
class ScoreGradeMismatch(Rule):
    id = "score.grade_mismatch"
    category = "score.grade_mismatch"
    severity = "high"
    name = L10n("得分与等级不符", "Grade does not match the score")
    description = L10n(
        "按报告自述的评价等级标准（未述明时按配置的标准，默认财政部：优≥90、良80–89、中60–79、"
        "差<60）核对所述等级与得分是否一致。",
        "Checks the stated grade against the score, using the thresholds the report states, "
        "else the configured scheme (default Ministry of Finance: 优 ≥90, 良 80–89, 中 60–79, "
        "差 <60).",
    )
    example = "总得分82分，评价等级为“优秀”。"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        stated: Scheme | None = doc.attrs.get("grade_thresholds")
        scheme = stated or configured_scheme(ctx.config)
        for score, grade, start, end, where in _pairs(doc):
            given = rank(grade)
            if given is None or any(score.lo < b.minimum <= score.hi for b in scheme.bands):
                continue
            band = scheme.grade_for(score.value)
            if rank(band.grade) == given:
                continue
            yield self.finding(
                doc, start, end,
                L10n(f"得分{score}分对应“{band.grade}”，报告写为“{grade}”",
                     f"A score of {score} earns “{band.grade}”, the report says “{grade}”"),
                L10n(f"{where}：按{self._source_zh(doc, scheme)}，{score}分"
                     f"属于“{band.grade}”（≥{band.minimum}）。",
                     f"{where}: under {self._source_en(doc, scheme)}, "
                     f"{score} falls in “{band.grade}” (≥{band.minimum})."),
                L10n("核对得分或更正评价等级。", "Recheck the score or correct the grade."),
                confidence=0.9 if stated else 0.75,
                data={"score": str(score), "stated_grade": grade, "expected_grade": band.grade,
                      "thresholds": scheme.name},
            )

    @staticmethod
    def _source_zh(doc: Document, scheme: Scheme) -> str:
        if scheme.start is not None:
            where = doc.location_at(scheme.start).describe().zh
            return f"报告{where}所述等级标准（{scheme.describe()}）"
        return f"配置的等级标准“{scheme.name}”：{scheme.source}"

    @staticmethod
    def _source_en(doc: Document, scheme: Scheme) -> str:
        if scheme.start is not None:
            where = doc.location_at(scheme.start).describe().en
            return f"the thresholds the report states at {where} ({scheme.describe()})"
        return f"the configured scheme “{scheme.name}” ({scheme.describe()})"
