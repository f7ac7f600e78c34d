"""The dates layer: what each year mention is, and which year the report is about."""

from __future__ import annotations

from auditor.annotate.dates import plan_years
from auditor.model.document import Span
from tests.conftest import doc_from_text


def _one(spans: list[Span], label: str) -> Span:
    found = [s for s in spans if s.label == label]
    assert len(found) == 1, found
    return found[0]


def test_plan_years() -> None:
    assert plan_years(13) == (2016, 2020)
    assert plan_years(14) == (2021, 2025)
    assert plan_years(15) == (2026, 2030)


def test_document_with_number_and_evaluation_notice() -> None:
    doc = doc_from_text(
        "示范区司法局2025年度部门整体支出绩效自评报告\n"
        "根据《关于开展2025年度部门整体支出绩效自评工作的通知》（示财绩〔2026〕3号）要求，"
        "贯彻《关于全面实施预算绩效管理的实施意见》（示发﹝2019﹞8号）文件精神开展自评。\n")
    documents = [s for s in doc.spans["dates"] if s.label == "document"]
    assert [d.attrs["year"] for d in documents] == [2025]
    notice = documents[0].attrs
    assert notice["notice"] and notice["evaluation"] and notice["issued"] == 2026
    numbers = [s.attrs for s in doc.spans["dates"] if s.label == "doc_number"]
    assert [(n["issuer"], n["year"], n["number"]) for n in numbers] == [("示财绩", 2026, 3),
                                                                       ("示发", 2019, 8)]


def test_dates_ranges_plans_and_plain_years() -> None:
    spans = doc_from_text(
        "2024年度报告\n我局于2025年3月5日召开会议，2025年4月定稿；“十四五”时期（2021—2025年）"
        "任务完成，较2023年增长。\n").spans["dates"]
    dates = [(s.attrs["year"], s.attrs["month"], s.attrs["day"]) for s in spans
             if s.label == "date"]
    assert dates == [(2025, 3, 5), (2025, 4, None)]
    rng = _one(spans, "range")
    assert (rng.attrs["first"], rng.attrs["last"]) == (2021, 2025)
    plan = _one(spans, "plan")
    assert (plan.attrs["plan"], plan.attrs["first"], plan.attrs["last"]) == ("十四五", 2021, 2025)
    years = [(s.text, s.attrs["annual"]) for s in spans if s.label == "year"]
    assert years == [("2024年度", True), ("2023年", False)]


def test_year_in_table_header() -> None:
    doc = doc_from_text("2024年度报告\n\t项目\n\t2024年预算数\n\n\t基本支出\n\t2023年结转\n\n")
    cells = [(s.text, s.attrs["cell"], s.attrs["header"]) for s in doc.spans["dates"]
             if s.label == "year" and s.attrs["cell"]]
    assert cells == [("2024年", True, True), ("2023年", True, False)]


def test_report_year_follows_a_dominant_body_against_the_title() -> None:
    body = "2024年预算收入100万元。2024年支出100万元。2024年完成目标。\n"
    wrong_title = doc_from_text("示范局\n2023年度部门整体支出绩效自评报告\n" + body)
    assert wrong_title.attrs["body_year"] == 2024
    assert wrong_title.attrs["report_year"] == 2024
    right_title = doc_from_text("示范局\n2024年度部门整体支出绩效自评报告\n" + body)
    assert right_title.attrs["report_year"] == 2024


def test_report_year_keeps_the_title_when_the_body_mentions_it() -> None:
    doc = doc_from_text("示范局\n2023年度部门整体支出绩效自评报告\n"
                        "2024年预算收入100万元。2024年支出100万元。2024年较2023年增长。\n")
    assert doc.attrs["report_year"] == 2023


def test_no_years_no_report_year_from_dates() -> None:
    doc = doc_from_text("示范局工作总结\n全年完成各项任务。\n")
    assert doc.spans["dates"] == []
    assert doc.attrs["body_year"] is None
