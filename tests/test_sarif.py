"""SARIF output: valid against the official 2.1.0 schema, rules, locations, baselines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from auditor.cli.main import main
from auditor.config import load_config
from auditor.engine import ReportResult, audit_paths
from auditor.model.document import Block, Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n
from auditor.model.location import Location
from auditor.report import renderer
from tests.fake_rules import FAKE_ID, register_fake_rule


@pytest.fixture(autouse=True)
def _fake_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    register_fake_rule(monkeypatch)

# The OASIS SARIF 2.1.0 schema (errata01), as published.
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json")
                    .read_text(encoding="utf-8"))


def _validate(log: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(log)


def _sarif(paths: list[Path], lang: str = "zh", baseline: str | None = None) -> dict[str, Any]:
    config = load_config(start=paths[0].parent)
    results = audit_paths([str(p) for p in paths], config, only=[FAKE_ID, "text.typo"])
    return json.loads(renderer("sarif")(results, lang=lang, baseline=baseline, config=config))


def _report(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_log_validates_and_carries_rules_locations_fingerprints(tmp_path: Path) -> None:
    report = _report(tmp_path, "报告.txt", "标题行\n　　第二行有【标记】错误的数字【/标记】。\n")
    missing = tmp_path / "missing.txt"
    log = _sarif([report, missing])
    _validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert FAKE_ID in [r["id"] for r in rules]
    result = next(r for r in run["results"] if r["ruleId"] == FAKE_ID)
    rule = rules[result["ruleIndex"]]
    assert rule["id"] == FAKE_ID and rule["help"]["text"] and rule["fullDescription"]["text"]
    assert result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 2
    line = report.read_text(encoding="utf-8").split("\n")[1]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "错误的数字"
    assert result["partialFingerprints"]["auditorFinding/v1"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file://") and "%E6%8A%A5" in uri  # 报 percent-encoded
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1 and "missing.txt" in notes[0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"]


def test_fingerprint_is_the_findings_own(tmp_path: Path) -> None:
    report = _report(tmp_path, "a.txt", "【标记】甲【/标记】\n")
    config = load_config(start=tmp_path)
    results = audit_paths([str(report)], config, only=[FAKE_ID])
    log = json.loads(renderer("sarif")(results, lang="zh"))
    assert log["runs"][0]["results"][0]["partialFingerprints"]["auditorFinding/v1"] == \
        results[0].findings[0].fingerprint()


def test_messages_follow_the_language(tmp_path: Path) -> None:
    report = _report(tmp_path, "a.txt", "【标记】甲【/标记】\n")
    zh = _sarif([report])["runs"][0]["results"][0]
    en = _sarif([report], lang="en")["runs"][0]["results"][0]
    assert zh["message"]["text"].startswith("标记的文字")
    assert en["message"]["text"].startswith("Marked text")


def test_word_and_pdf_locations_are_logical(tmp_path: Path) -> None:
    doc = Document("r.docx", "docx", "0" * 64,
                   [Block("paragraph", "第一段文字", Location(paragraph=4))]).finalize()
    finding = Finding("text.typo", "text.typo", "low", 0.8, L10n("消息", "message"), "第一段",
                      Location(paragraph=4), L10n("依据", "why"), L10n("建议", "fix"), 0, 3)
    pdf = Finding("text.typo", "text.typo", "low", 0.8, L10n("消息", "message"), "第一段",
                  Location(page=2, line=7), L10n("依据", "why"), L10n("建议", "fix"), 0, 3)
    results = [ReportResult("r.docx", doc.sha256, doc, [finding, pdf])]
    log = json.loads(renderer("sarif")(results, lang="zh"))
    _validate(log)
    word, page = log["runs"][0]["results"]
    assert word["locations"][0]["logicalLocations"][0]["kind"] == "paragraph"
    assert word["locations"][0]["physicalLocation"]["properties"]["source"] == {"paragraph": 4}
    assert page["locations"][0]["logicalLocations"][0]["name"] == "第2页第7行"
    assert "region" not in page["locations"][0]["physicalLocation"]


def test_baseline_marks_new_unchanged_absent_and_keeps_suppressions(tmp_path: Path) -> None:
    report = _report(tmp_path, "r.txt", "【标记】甲【/标记】\n【标记】乙【/标记】\n")
    first = _sarif([report])
    for result in first["runs"][0]["results"]:
        if "甲" in result["message"]["text"]:
            result["suppressions"] = [{"kind": "external", "justification": "已核实"}]
        if "乙" in result["message"]["text"]:
            result["suppressions"] = [{"kind": "external", "status": "accepted"}]
    baseline = tmp_path / "baseline.sarif"
    baseline.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")

    report.write_text("【标记】甲【/标记】\n【标记】丙【/标记】\n", encoding="utf-8")
    second = _sarif([report], baseline=str(baseline))
    _validate(second)
    state = {r["message"]["text"][-1]: r for r in second["runs"][0]["results"]}
    assert state["甲"]["baselineState"] == "unchanged"
    assert state["甲"]["suppressions"][0]["justification"] == "已核实"
    assert state["丙"]["baselineState"] == "new" and "suppressions" not in state["丙"]
    assert state["乙"]["baselineState"] == "absent"
    assert state["乙"]["suppressions"][0]["status"] == "accepted"

    # the absent result is not carried a second time from a baseline that already marks it
    baseline.write_text(json.dumps(second, ensure_ascii=False), encoding="utf-8")
    third = _sarif([report], baseline=str(baseline))
    assert sorted(r["baselineState"] for r in third["runs"][0]["results"]) == [
        "unchanged", "unchanged"]


@pytest.mark.parametrize("content", ["not json", '{"version": "2.1.0"}'])
def test_unusable_baseline_is_a_usage_error(tmp_path: Path, content: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    report = _report(tmp_path, "r.txt", "正文。\n")
    baseline = tmp_path / "b.sarif"
    baseline.write_text(content, encoding="utf-8")
    code = main(["audit", str(report), "--format", "sarif", "--baseline", str(baseline)])
    assert code == 2
    err = capsys.readouterr().err
    assert "基线文件" in err and "Traceback" not in err


def test_content_not_read_is_a_valid_warning_notification() -> None:
    from auditor.model.document import ReadNote

    note = ReadNote("image_page", L10n("第2页只有图片", "Page 2 is only a picture"),
                    L10n("请提供文字版", "submit a text version"), Location(page=2))
    doc = Document("r.pdf", "pdf", "0" * 64, [Block("paragraph", "正文", Location(page=1))],
                   notes=[note]).finalize()
    log = json.loads(renderer("sarif")([ReportResult("r.pdf", doc.sha256, doc)], lang="en"))
    _validate(log)
    [notice] = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notice["level"] == "warning"
    assert notice["message"]["text"] == "Page 2 is only a picture; submit a text version"
    assert notice["locations"][0]["message"]["text"] == "page 2"
