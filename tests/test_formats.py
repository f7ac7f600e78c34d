"""Every output format, the shared labels, `auditor rules` and the generated docs/rules.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.check.registry import CATEGORIES, load_rules
from auditor.cli.common import available_formats
from auditor.cli.main import main
from auditor.config import load_config
from auditor.engine import ReportResult, audit_paths
from auditor.report import FORMATS, renderer
from auditor.report.labels import category_description, category_name, known_categories
from auditor.report.rule_docs import as_markdown
from tests.fake_rules import FAKE_ID, register_fake_rule

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[ReportResult]:
    register_fake_rule(monkeypatch)
    good = tmp_path / "甲局.txt"
    good.write_text("甲局2024年度部门整体支出绩效自评报告\n一、基本情况\n"
                    "正文有【标记】a|b `c` <em>x</em>【/标记】一处。\n", encoding="utf-8")
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    return audit_paths([str(good), str(empty)], load_config(start=tmp_path), only=[FAKE_ID])


def test_every_announced_format_is_available() -> None:
    assert sorted(FORMATS) == available_formats()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_format_renders_findings_and_unreadable_files(fmt: str, lang: str,
                                                      results: list[ReportResult]) -> None:
    out = renderer(fmt)(results, lang=lang)
    if fmt == "xlsx":
        assert isinstance(out, bytes) and out[:2] == b"PK"
        return
    assert isinstance(out, str) and out.endswith("\n")
    name = category_name("text.artifact").get(lang)
    if fmt in ("text", "markdown", "html"):
        assert name in out  # the category is named in the reader's language
        other = category_name("text.artifact").get("en" if lang == "zh" else "zh")
        assert other not in out
    message = results[0].findings[0].message.get(lang)
    assert message.split("：")[0].split(":")[0] in out  # the rest is escaped per format
    error = results[1].error
    assert error is not None and error.get(lang).split("：")[0].split(":")[0] in out


def test_json_keeps_its_shape(results: list[ReportResult]) -> None:
    data = json.loads(renderer("json")(results, lang="en"))
    report = data["reports"][0]
    for key in ("source", "sha256", "department", "fiscal_year", "kind", "sections", "findings",
                "error", "score"):
        assert key in report
    assert set(report["sections"][0]) >= {"title", "type", "line"}
    assert report["score"]["grade"] == results[0].score["grade_en"]  # type: ignore[index]
    assert data["reports"][1]["error"] and data["reports"][1]["findings"] == []


def test_markdown_escapes_report_text(results: list[ReportResult]) -> None:
    out = renderer("markdown")(results, lang="zh")
    row = next(line for line in out.splitlines() if line.startswith("| 1 |"))
    assert row.count(" | ") == 4  # the | in the evidence did not add a column
    assert "<em>" not in out and "\\<em\\>" in out


def test_labels_name_every_category() -> None:
    assert set(known_categories()) == set(CATEGORIES)
    for code in CATEGORIES:
        assert category_name(code).zh != code and category_name(code).en != code
        assert category_description(code).zh and category_description(code).en


def test_rules_command_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json", "--lang", "en"]) == 0
    listed = json.loads(capsys.readouterr().out)["rules"]
    rules = load_rules()
    assert sorted(r["id"] for r in listed) == sorted(rules)
    for entry in listed:
        cls = rules[entry["id"]]
        assert entry["category"] == cls.category and entry["severity"] == cls.severity
        assert entry["description"] == cls.description.en and entry["example"] == cls.example
    assert main(["rules"]) == 0
    text = capsys.readouterr().out
    assert all(rule_id in text for rule_id in rules) and f"共 {len(rules)} 条规则" in text


def test_docs_rules_md_is_up_to_date() -> None:
    current = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == as_markdown("zh"), (
        "docs/rules.md is out of date: run `auditor rules --format markdown -o docs/rules.md`")
