"""boilerplate.problem / boilerplate.measure on real reports and on written statements, and
the phrase model's training (deterministic, reproducing the shipped metrics)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from auditor.annotate.statements import find_statements, score_sentence
from auditor.check import run_checks
from auditor.engine import load_document
from auditor.learn.phrase_model import MODEL_FILE, REFERENCE_FILE, load_model, train
from auditor.model.document import Document
from tests.conftest import REPO, SHARED, doc_from_text, requires_shared, seed_files

RULES = ["boilerplate.problem", "boilerplate.measure"]

# Realistic problem statements written for these tests: a named project, figures, a date
# and a concrete cause each. None of them may be flagged.
SPECIFIC_PROBLEMS = [
    "1、老旧小区改造项目计划改造14个小区，因雨季施工受限和2个小区居民对加装电梯意见不一，年内完成10个，完成率71.4%。",
    "2、社区食堂运营补贴预算72万元，因青山街道食堂于2024年9月才通过消防验收，当年只拨付38.5万元。",
    "3、公共法律服务热线接通率为86%，低于95%的目标，原因是12348热线坐席由6人减为4人，高峰时段排队超过5分钟。",
    "4、文物安全巡查项目的23处文保单位中有7处位于山区，无人机巡查因空域审批于8月才获批，第三季度巡查覆盖率仅为61%。",
]


def _doc(problems: list[str], measures: list[str]) -> Document:
    text = "\n".join(["示例区民政局2024年度部门整体支出绩效自评报告", "五、存在的问题及原因",
                      *problems, "六、改进措施", *measures]) + "\n"
    return doc_from_text(text)


def _findings(doc: Document) -> list:
    return run_checks([doc], {}, only=RULES)[0]


def test_specific_quantified_problems_are_not_flagged() -> None:
    doc = _doc(SPECIFIC_PROBLEMS, [])
    assert len([s for s in doc.spans["statements"] if s.label != "measure"]) == 4
    assert _findings(doc) == []


def test_same_problems_without_facts_are_flagged() -> None:
    """Strip the project, figures and cause and the statements become boilerplate."""
    vague = ["1、老旧小区改造进度不够理想，完成率有待进一步提高。",
             "2、社区食堂运营补贴资金拨付不够及时，资金使用效益有待进一步提高。"]
    found = _findings(_doc(vague, []))
    assert [f.rule_id for f in found] == ["boilerplate.problem"] * 2


def test_finding_explains_phrases_specificity_and_nearest() -> None:
    found = _findings(_doc(["1、干部职工的绩效管理意识有待进一步加强。"], []))
    assert len(found) == 1
    f = found[0]
    assert "意识有待进一步加强" in f.explanation.zh  # a common 4-gram it contains
    assert "具体信息（项目名称、单位、金额、数量、日期、文件名）：无" in f.explanation.zh
    assert "最接近的已知套话" in f.explanation.zh and f.data["nearest"]
    assert f.data["specificity"] == 0.0 and f.data["phrases"]


def test_specificity_counts_named_things() -> None:
    model = load_model()
    assert model is not None
    attrs = score_sentence(SPECIFIC_PROBLEMS[1], "problem", model)
    assert {"72万元", "38.5万元"} <= set(attrs["specific"])
    assert any("2024年9月" in w for w in attrs["specific"])
    assert attrs["specificity"] > 0.2


def test_measure_answering_a_stated_problem_is_linked() -> None:
    doc = _doc(["1、社区食堂运营补贴预算72万元，因青山街道食堂消防验收推迟，当年只拨付38.5万元。"],
               ["1、青山街道食堂于2025年3月完成消防整改，补贴按季度拨付。"])
    measure = [s for s in doc.spans["statements"] if s.label == "measure"][0]
    assert measure.attrs["answers"] and "食堂" in measure.attrs["answers"][0]["shared"]
    assert _findings(doc) == []


def test_no_statements_outside_problem_and_measure_sections() -> None:
    text = ("示例区人大常委会2024年度部门整体支出绩效自评报告\n一、部门基本情况\n"
            "监督宪法和法律的实施，监督区人民政府工作，完善相关制度，加强预算审查监督。\n")
    doc = doc_from_text(text)
    assert doc.spans["statements"] == []
    assert _findings(doc) == []


@requires_shared
@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name[:3])
def test_every_generic_problem_section_of_the_seeds_is_flagged(path: Path) -> None:
    """Each problems section with statements gets at least one finding; none elsewhere."""
    doc = load_document(str(path), {}).document
    assert doc is not None
    found = _findings(doc)
    statements = find_statements(doc)
    problems = [span for span, kind in statements if kind != "measure"]
    assert problems, "every seed report states problems"
    flagged = {(f.start, f.end) for f in found if f.rule_id == "boilerplate.problem"}
    sections = {doc.blocks[s.block].section for s in problems}
    for section_blocks in _problem_groups(doc, problems):
        assert any((s.start, s.end) in flagged for s in section_blocks), sections
    for f in found:  # never in 基本情况 (statutory duties) or any other section
        block = doc.block_at(f.start)
        assert any(s.start == f.start for s, _ in statements), block.text


def _problem_groups(doc: Document, problems: list) -> list[list]:
    """Problem statements grouped by the heading they sit under."""
    groups: dict[int, list] = {}
    for span in problems:
        heading = max((b.index for b in doc.headings if b.index <= span.block), default=-1)
        groups.setdefault(heading, []).append(span)
    return list(groups.values())


def _small_corpus(root: Path) -> Path:
    folder = root / "corpora" / "boilerplate"
    folder.mkdir(parents=True)
    for name, keep in (("generic.yml", 12), ("specific.yml", 5)):
        data = yaml.safe_load((REPO / "corpora" / "boilerplate" / name).read_text(encoding="utf-8"))
        data["sections"] = data["sections"][:keep]
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root / "corpora"


def test_retraining_a_small_corpus_is_deterministic(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_SHARED", str(tmp_path / "absent"))
    corpora = _small_corpus(tmp_path)
    first = train(corpora, tmp_path / "a", seed=3)
    second = train(corpora, tmp_path / "b", seed=3)
    assert first == second
    assert first["documents_real"] == 0 and first["documents_written"] == 17
    for name in (MODEL_FILE, REFERENCE_FILE):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    kept = json.loads((tmp_path / "a" / MODEL_FILE).read_text(encoding="utf-8"))["kept"]
    for gram in kept:  # the L&SL band: at least 3 documents, under 75% of them
        assert 3 <= gram["df"] < 0.75 * 17 and "0" not in gram["ngram"].split()


@requires_shared
def test_retraining_reproduces_the_shipped_model(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_SHARED", str(SHARED))
    shipped = json.loads((REPO / "models" / MODEL_FILE).read_text(encoding="utf-8"))
    metrics = train(REPO / "corpora", tmp_path, seed=shipped["seed"])
    assert metrics == shipped["metrics"]
    for name in (MODEL_FILE, REFERENCE_FILE):
        assert (tmp_path / name).read_bytes() == (REPO / "models" / name).read_bytes()
