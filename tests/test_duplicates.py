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
    config = {"template_min_reports": 7, "template_min_share": 1.01}
    fewer = _findings(docs, {"rule": {"duplicate.cross_report": config}})
    # one finding per report, listing every other report that has the passage
    assert all(len(f) == 1 and len(f[0].related) == len(depts) - 1 for f in fewer)
    assert fewer[0][0].data["reports"] == len(depts) - 1


def test_in_a_small_batch_half_the_departments_make_a_template() -> None:
    """Seven departments: a sentence in four of them is district wording, in three a copy."""
    rng = random.Random(3)
    depts = ["文化和旅游局", "体育局", "民政局", "水利局", "司法局", "商务局", "财政局"]

    def batch(sharing: int) -> list[list]:
        return _findings([_report(d, 2024, [*([COPIED] if k < sharing else []), *_filler(rng, 3)])
                          for k, d in enumerate(depts)])

    assert all(f == [] for f in batch(4))
    three = batch(3)
    assert [len(f) for f in three] == [1, 1, 1, 0, 0, 0, 0]
    assert len(three[0][0].related) == 2


def test_copy_needs_two_known_and_different_departments() -> None:
    """A unit and its own office, or a report whose department cannot be read, may be one
    department's projects: their shared text is not a copy from another department."""
    office = _report("人民政府办公室", 2024, ["开展文化惠民演出36场。", COPIED])
    government = doc_from_text("示例区人民政府2024年度项目支出绩效自评报告\n三、绩效目标实现情况\n"
                               + COPIED + "\n", "gov.txt")
    untitled = doc_from_text("三、绩效目标实现情况\n" + COPIED + "\n", "untitled.txt")
    assert untitled.metadata.department is None
    assert all(f == [] for f in _findings([office, government]))
    assert all(f == [] for f in _findings([office, untitled]))


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


def test_lightly_edited_passages_are_found_whole() -> None:
    """Ten passages of four sentences, each sentence copied with two characters changed
    (ratio ≥ 90): the index alone returns only some of them; the sentences around each
    confirmed one are compared directly, so every passage is found whole, once."""
    rng = random.Random(11)
    han = "区县局站所村镇园林水路桥网厂库场馆校院社队组户田渠井塘堤"
    body, copied = [], []
    for n in range(10):
        sentences = ["".join(rng.choice(han) for _ in range(34)) + "。" for _ in range(4)]
        edited = []
        for sentence in sentences:
            chars = list(sentence)
            for at in rng.sample(range(34), 2):
                chars[at] = "甲" if chars[at] != "甲" else "乙"
            edited.append("".join(chars))
        body += [f"（{n + 1}）项目{n + 1}", "".join(sentences)]
        copied += [f"（{n + 1}）项目{n + 1}", "".join(edited)]
    docs = [_report("文化和旅游局", 2024, body), _report("体育局", 2024, copied)]
    found = _findings(docs)[0]
    assert sorted(f.data["sentences"] for f in found) == [4] * 10


def test_message_counts_departments_and_says_whether_the_text_was_edited() -> None:
    first = _report("体育局", 2024, [COPIED])
    office = [_report("民政局", 2024, [COPIED]), _report("民政局", 2023, [COPIED])]
    (found,) = _findings([first, *office])[0]
    assert found.message.zh == "与“示例区民政局”的 2 份报告文字相同"
    edited = COPIED.replace("全年组织", "本年度共组织")
    (near,) = _findings([first, _report("民政局", 2024, [edited])])[0]
    assert "文字高度相似" in near.message.zh
