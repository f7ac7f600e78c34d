"""The Excel workbook: opens with openpyxl, one row per finding, one row per report."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from auditor.check.registry import load_rules
from auditor.cli.main import main
from auditor.config import load_config
from auditor.engine import ReportResult, audit_paths
from auditor.report import renderer
from tests.fake_rules import FAKE_ID, register_fake_rule


@pytest.fixture(autouse=True)
def _fake_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    register_fake_rule(monkeypatch)


@pytest.fixture
def results(tmp_path: Path) -> list[ReportResult]:
    a = tmp_path / "甲局.txt"
    a.write_text("甲局2024年度部门整体支出绩效自评报告\n【标记】=HYPERLINK(\"x\")【/标记】\n"
                 "依法选举了了区人大常委会组成人员。\n", encoding="utf-8")
    b = tmp_path / "乙局.txt"
    b.write_text("【标记】一处【/标记】和【标记】两处【/标记】\n", encoding="utf-8")
    broken = tmp_path / "坏文件.txt"
    broken.write_bytes(b"\x00\x01\x02binary\x00" * 20)
    config = load_config(start=tmp_path)
    return audit_paths([str(a), str(b), str(broken)], config, only=[FAKE_ID, "text.typo"])


def _open(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(BytesIO(content))


def test_findings_sheet_has_one_row_per_finding(results: list[ReportResult]) -> None:
    wb = _open(renderer("xlsx")(results, lang="zh"))
    assert wb.sheetnames == ["问题清单", "报告汇总", "规则说明"]
    ws = wb["问题清单"]
    headers = [c.value for c in ws[1]]
    assert headers[:6] == ["文件", "部门", "年度", "严重程度", "类别", "规则"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    findings = [f for r in results for f in r.findings]
    assert len(findings) >= 4 and len(rows) == len(findings)
    assert [row[5] for row in rows] == [f.rule_id for f in findings]
    assert [row[-1] for row in rows] == [f.fingerprint() for f in findings]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(headers))}{ws.max_row}"
    assert ws.column_dimensions["I"].width > 20


def test_report_text_is_never_a_formula(results: list[ReportResult]) -> None:
    ws = _open(renderer("xlsx")(results, lang="zh"))["问题清单"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row
             if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_summary_sheet_lists_every_report_with_score_and_errors(results: list[ReportResult]) -> None:
    ws = _open(renderer("xlsx")(results, lang="zh"))["报告汇总"]
    headers = [c.value for c in ws[1]]
    rows = {row[0]: dict(zip(headers, row, strict=True))
            for row in ws.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 3
    by_name = {Path(k).name: v for k, v in rows.items()}
    assert by_name["乙局.txt"]["高"] == 2 and by_name["乙局.txt"]["格式转换残留"] == 2
    assert by_name["乙局.txt"]["质量得分"] == results[1].score["score"]  # type: ignore[index]
    assert by_name["坏文件.txt"]["错误"] and by_name["坏文件.txt"]["质量得分"] is None
    assert by_name["甲局.txt"]["错误"] is None


def test_rules_sheet_documents_every_rule(results: list[ReportResult]) -> None:
    ws = _open(renderer("xlsx")(results, lang="zh"))["规则说明"]
    ids = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert sorted(ids) == sorted(load_rules())


def test_english_workbook(results: list[ReportResult]) -> None:
    wb = _open(renderer("xlsx")(results, lang="en"))
    assert wb.sheetnames == ["Findings", "Reports", "Rules"]
    assert wb["Findings"]["D1"].value == "Severity"
    assert wb["Findings"]["D2"].value in ("high", "medium", "low")


def test_cli_needs_an_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "r.txt"
    report.write_text("正文。\n", encoding="utf-8")
    assert main(["audit", str(report), "--format", "xlsx"]) == 2
    assert "-o" in capsys.readouterr().err
    out = tmp_path / "out.xlsx"
    assert main(["audit", str(report), "--format", "xlsx", "-o", str(out), "--fail-on", "none"]) == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == "问题清单"
