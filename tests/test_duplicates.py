"""duplicate.cross_report: copies between departments, templates, stickiness, scale."""

from __future__ import annotations

import random

import pytest

from auditor.check import run_checks
from auditor.check.rules.duplicate_cross_report import stickiness
from auditor.config import ConfigError
from auditor.engine import load_document
from auditor.model.document import Document
from tests.conftest import doc_from_text, requires_shared, seed_files

RULE = ["duplicate.cross_report"]


def _report(dept: str, year: int, body: list[str]) -> Document:
    return doc_from_text("\n".join([f"示例区{dept}{year}年度部门整体支出绩效自评报告",
                                    "三、绩效目标实现情况", *body]) + "\n", f"{dept}{year}.txt")


def _findings(docs: list[Document], config: dict | None = None) -> list[list]:
    return run_checks(docs, config or {}, only=RULE)


COPIED = "全年组织安全生产大检查3轮，排查整改隐患47处，约谈重点单位负责人12人次。"


def _filler(rng: random.Random, n: int) -> list[str]:
    """Distinct sentences of one report, each with its own figures."""
    words = ["培训", "巡查", "督导", "调研", "宣传", "检查", "座谈", "演练"]
    return [f"全年开展{rng.choice(words)}{rng.randint(2, 90)}次，覆盖{rng.randint(100, 9000)}人，"
            f"形成报告{rng.randint(1, 30)}份，编号{rng.randint(10**6, 10**7)}。" for _ in range(n)]


def test_copy_points_at_the_other_report() -> None:
    docs = [_report("文化和旅游局", 2024, ["开展文化惠民演出36场。", COPIED]),
            _report("体育局", 2024, ["举办全民健身赛事14场。", COPIED])]
    first, second = _findings(docs)
    assert len(first) == 1 and len(second) == 1
    related = first[0].related[0]
    assert related["source"] == "体育局2024.txt"
    assert related["location"] == {"line": 4} and COPIED in related["evidence"]


def test_sentence_shared_by_many_departments_is_a_template() -> None:
    rng = random.Random(1)
    depts = ["文化和旅游局", "体育局", "民政局", "水利局", "司法局", "商务局"]
    docs = [_report(d, 2024, [COPIED, *_filler(rng, 3)]) for d in depts]
    assert all(f == [] for f in _findings(docs))
    fewer = _findings(docs, {"rule": {"duplicate.cross_report": {"template_min_reports": 7}}})
    assert all(len(f) == len(depts) - 1 for f in fewer)


def test_masked_department_name_still_matches() -> None:
    docs = [_report("民政局", 2024, ["示例区民政局全年走访困难群众1,200户，发放救助金86万元，建立帮扶台账。"]),
            _report("司法局", 2024, ["示例区司法局全年走访困难群众1,200户，发放救助金86万元，建立帮扶台账。"])]
    assert len(_findings(docs)[0]) == 1


def test_stickiness_share() -> None:
    a = _report("体育局", 2024, ["全年举办全民健身赛事，群众参与热情高涨，全民健身公共服务体系进一步完善。"])
    b = _report("体育局", 2023, ["全年举办全民健身赛事，群众参与热情高涨，全民健身公共服务体系进一步完善。"])
    c = _report("体育局", 2022, ["新建社区健身路径9处，更新老旧器材120件，完成体育场跑道翻新一万平方米。"])
    assert stickiness(a, b)[0] == 1.0
    assert stickiness(a, c)[0] == 0.0
    found = _findings([a, b])[0]
    assert len(found) == 1 and found[0].data["stickiness"] == 1.0
    assert _findings([a, c])[0] == []


def test_large_batch_finds_the_one_copy() -> None:
    """300 reports, one shared paragraph: found once each way, nothing else reported."""
    rng = random.Random(7)
    docs = [_report(f"第{i}局", 2024, _filler(rng, 6)) for i in range(300)]
    docs[17] = _report("第17局", 2024, [*_filler(rng, 3), COPIED])
    docs[230] = _report("第230局", 2024, [COPIED, *_filler(rng, 3)])
    results = _findings(docs)
    hits = {i for i, f in enumerate(results) if f}
    assert hits == {17, 230}
    assert results[17][0].related[0]["source"] == "第230局2024.txt"


@requires_shared
def test_two_luquan_departments_audited_together() -> None:
    """Seeds 000 and 001: two departments of one district share templates and substance."""
    paths = [p for p in seed_files() if p.name[:3] in ("000", "001")]
    docs = [load_document(str(p), {}).document for p in paths]
    assert all(d is not None for d in docs)
    first, second = _findings(docs)  # type: ignore[arg-type]
    assert first and second
    evidence = " ".join(f.evidence for f in first)
    assert "项目绩效总目标完成情况" in evidence  # copied substance
    assert "绩效自评" in evidence  # the copied 自评工作 paragraph
    for template in ("实施意见", "得分≥85分", "满分100分", "监督区人民政府"):
        assert template not in evidence
    for f in first:
        assert f.related[0]["source"] == str(paths[1]) and f.related[0]["location"]["line"]


def test_extra_template_pattern_and_bad_pattern() -> None:
    docs = [_report("文化和旅游局", 2024, [COPIED]), _report("体育局", 2024, [COPIED])]
    # patterns are matched clause by clause; a sentence mostly made of such clauses is template
    one = {"rule": {"duplicate.cross_report": {"template_patterns": ["安全生产大检查"]}}}
    assert len(_findings(docs, one)[0]) == 1
    config = {"rule": {"duplicate.cross_report": {"template_patterns": ["大检查|隐患|约谈"]}}}
    assert _findings(docs, config)[0] == []
    bad = {"rule": {"duplicate.cross_report": {"template_patterns": ["安全生产("]}}}
    with pytest.raises(ConfigError, match="template_patterns"):
        _findings(docs, bad)


def test_copy_with_a_few_words_edited_still_matches() -> None:
    edited = COPIED.replace("全年组织", "本年度共组织").replace("约谈", "集中约谈")
    docs = [_report("文化和旅游局", 2024, [COPIED]), _report("体育局", 2024, [edited])]
    found = _findings(docs)[0]
    assert len(found) == 1 and found[0].data["min_ratio"] < 100
