"""The shipped section classifier: loads, classifies, and feeds sections and the CLI."""

from __future__ import annotations

import json

import numpy as np
import pytest

from auditor.annotate.section_classifier import block_types
from auditor.annotate.sections import SECTION_TYPES, type_of_heading
from auditor.cli.main import main
from auditor.learn.linear_text import LinearTextModel
from auditor.learn.metrics import bootstrap_macro_f1, classification_report
from auditor.learn.section_features import (
    NgramIndex,
    block_features,
    clause_type,
    feature_pairs,
)
from auditor.learn.section_model import probabilities, shipped_model
from auditor.learn.sequence import posterior
from tests.conftest import doc_from_text

NO_HEADINGS = """某县水务局2024年度部门整体支出绩效自评报告
本局负责全县水资源管理、防汛抗旱和农村供水工作，内设股室5个，核定编制28人。
全年预算收入1860.20万元，支出1832.75万元，其中项目支出642.30万元，预算执行率98.52%。
全年完成农村供水管网改造26公里，防汛物资储备达标率100%，群众满意度94%。
经自评，本局整体支出绩效得分93分，等级为优。
存在的问题是2个乡镇的管网改造因征地协调滞后，完工时间推迟了两个月。
下一步将提前与乡镇对接征地事项，把协调完成作为开工的前置条件。
"""


def test_shipped_model_loads() -> None:
    model = shipped_model()
    assert model is not None
    assert set(model.labels) <= set(SECTION_TYPES)
    assert len(model.features) == model.weights.shape[0] == len(model.idf)


def test_blocks_typed_without_headings() -> None:
    doc = doc_from_text(NO_HEADINGS)
    got = [t.type for t in block_types(doc) or []]
    assert got[1:] == ["basic_info", "budget", "results", "conclusion", "problems", "measures"]
    assert [b.section for b in doc.blocks] == got


def test_wrong_heading_section_follows_content_but_heading_claim_remains() -> None:
    doc = doc_from_text(
        "某区民政局2024年度部门整体支出绩效自评报告\n一、部门基本情况\n本局负责全区社会救助和养老服务。\n"
        "二、结果应用情况\n一年来，我局全年发放城乡低保金2860万元，保障困难群众5120人。\n"
        "新建社区养老服务站6个，为1800名高龄老人提供居家上门服务，完成年度目标的112%。\n")
    section = next(s for s in doc.sections if "结果应用" in s.title)
    assert section.type == "results"
    assert type_of_heading(doc.blocks[section.heading].body_text) == "application"


def test_annex_after_the_last_section_does_not_retype_it() -> None:
    """附件2 and its table follow 结果应用 without a heading of their own; the section is
    still the results-use part, and the annex blocks are still read as annex."""
    doc = doc_from_text(
        "某区民政局2024年度部门整体支出绩效自评报告\n一、部门基本情况\n本局负责全区社会救助和养老服务。\n"
        "二、绩效自评结果应用情况\n自评结果已报区财政局，作为编制2025年部门预算和调整养老服务补贴的依据。\n"
        "附件2\n2024年度部门整体支出绩效自评表\n"
        "\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "\t产出指标\t数量指标\t新建社区养老服务站\t6个\t6个\t10\t10\n\n"
        "填报单位：某区民政局\n")
    section = next(s for s in doc.sections if "结果应用" in s.title)
    assert section.type == "application"
    types = block_types(doc)
    assert types is not None
    annex = next(b for b in doc.blocks if b.text == "附件2")
    assert types[annex.index].type == "appendix"


def test_json_round_trip_keeps_predictions() -> None:
    model = shipped_model()
    assert model is not None
    again = LinearTextModel.from_json(model.to_json())
    rows = [["t:预算执", "c:执行", "sec:budget"], ["lead:存在", "sec:problems"], []]
    assert np.allclose(model.proba(rows), again.proba(rows))


def test_vectorised_features_match_feature_strings() -> None:
    """Inference looks n-grams up as numeric keys; training reads feature strings. Both must
    give the model the same input, including digits, punctuation, tables and headings."""
    model = shipped_model()
    assert model is not None
    doc = doc_from_text(
        "某县2024年度部门整体支出绩效自评报告\n一、部门基本情况\n（一）主要职能。\n"
        "本局内设股室6个，年末实有人员57人，资产1,630.42万元。\n\t项目\t金额（万元）\n\t合计\t2316.80\n\n"
        "二、存在的问题\n无。\n附件2\n")
    rows = block_features(doc)
    owner, cols = feature_pairs(doc, model.index, NgramIndex(model.index))
    from_strings = sorted((r, model.index[f]) for r, feats in enumerate(rows)
                          for f in feats if f in model.index)
    assert sorted(zip(owner.tolist(), cols.tolist(), strict=True)) == from_strings
    assert any(f.startswith("t:") for f in rows[3]) and "lead:附件" in rows[-1]
    assert np.allclose(probabilities(model, doc, rows), probabilities(model, doc))


def test_run_in_heading_and_neighbour_leads_are_features() -> None:
    doc = doc_from_text(
        "某县2024年度部门整体支出绩效自评报告\n一、其他情况\n"
        "三是评价结果运用。自评结果报送财政局，作为下年预算安排的依据。\n"
        "资金分配和安排方面：按预算法要求编制预算。\n"
        "全年共开展培训12次，参训人员480人次，培训满意度95%。\n"
        "绩效目标。\n")
    assert [clause_type(b) for b in doc.blocks[2:]] == ["application", "budget", "", ""]
    rows = block_features(doc)
    assert "ck:application" in rows[2] and not any(f.startswith("ck:") for f in rows[4])
    assert "plead:三是" in rows[3] and "nlead:资金" in rows[2]
    assert "plead:^" in rows[0] and "nlead:$" in rows[-1]


def test_posterior_smooths_an_isolated_block() -> None:
    emissions = np.array([[0.9, 0.1], [0.45, 0.55], [0.9, 0.1]])
    trans = np.array([[0.9, 0.1], [0.1, 0.9]])
    post = posterior(emissions, np.array([0.5, 0.5]), trans)
    assert np.allclose(post.sum(axis=1), 1.0)
    assert post[1].argmax() == 0


def test_posterior_survives_long_improbable_runs() -> None:
    """Messages are rescaled only every few steps: a long report of near-zero emissions must
    still give finite marginals that sum to one."""
    emissions = np.full((400, 3), 1e-40)
    emissions[:, 1] = 1e-20
    post = posterior(emissions, np.full(3, 1 / 3), np.full((3, 3), 1 / 3))
    assert np.isfinite(post).all()
    assert np.allclose(post.sum(axis=1), 1.0)
    assert (post.argmax(axis=1) == 1).all()


def test_classification_report_counts() -> None:
    report = classification_report(["a", "a", "b", "b"], ["a", "b", "b", "b"], ["a", "b", "c"])
    assert report["per_class"]["a"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667,
                                        "support": 2}
    assert report["macro_f1"] == round((0.6667 + 0.8) / 2, 4)
    assert report["confusion"]["a"] == {"a": 1, "b": 1, "c": 0}
    assert "c" not in report["per_class"]


def test_bootstrap_interval_resamples_documents() -> None:
    gold = ["a", "a", "b", "b", "a", "b", "a", "b"]
    pred = ["a", "b", "b", "b", "a", "b", "a", "a"]
    docs = ["x", "x", "y", "y", "z", "z", "w", "w"]
    point = classification_report(gold, pred, ["a", "b"])["macro_f1"]
    low, high = bootstrap_macro_f1(gold, pred, docs, ["a", "b"], rounds=500, seed=1)
    assert low < point < high <= 1.0
    assert (low, high) == bootstrap_macro_f1(gold, pred, docs, ["a", "b"], rounds=500, seed=1)
    assert bootstrap_macro_f1(gold, gold, docs, ["a", "b"]) == (1.0, 1.0)
    # one document: every resample is that document, so there is no spread at all
    one = bootstrap_macro_f1(gold, pred, ["x"] * 8, ["a", "b"], rounds=50)
    assert one[0] == one[1] == point


def test_classify_command_json(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.txt"
    path.write_text(NO_HEADINGS, encoding="utf-8")
    assert main(["classify", str(path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    lines = NO_HEADINGS.splitlines()
    assert len(rows) == len(lines)
    for row in rows:
        assert set(row) >= {"line", "type", "confidence", "text"}
        assert lines[row["line"] - 1] == row["text"]
        assert 0 < row["confidence"] <= 1
    assert rows[5]["type"] == "problems"


def test_classify_command_text_names_sections_in_the_chosen_language(
        tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.txt"
    path.write_text(NO_HEADINGS, encoding="utf-8")
    assert main(["classify", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "行号\t章节\t置信度\t文本" and len(lines) == len(NO_HEADINGS.splitlines()) + 1
    assert lines[6].split("\t")[1] == "存在问题与原因（problems）"
    assert main(["classify", str(path), "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[6].split("\t")[1] == "problems"


def test_classify_command_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "no/such/report.txt"]) == 2
    assert "找不到文件" in capsys.readouterr().err
