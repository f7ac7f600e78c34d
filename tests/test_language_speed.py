"""The fast paths of section classification and boilerplate scoring give what the
straightforward code gives: each is checked against a small reference written here."""

from __future__ import annotations

import math
import random
import re

import jieba.posseg as pseg
import numpy as np

from auditor.annotate.section_classifier import LAYER, PROB_FLOOR, classify_sections
from auditor.annotate.statements import (
    NOT_STATEMENTS,
    SCOPES,
    _scopes,
    link_answers,
    score_sentences,
)
from auditor.learn.linear_text import LinearTextModel
from auditor.learn.phrase_model import _ENG1, grams, load_model, words
from auditor.learn.section_features import _DROP, _lead
from auditor.learn.section_model import probabilities, shipped_model
from auditor.learn.sequence import posterior
from auditor.model.document import Block, Section
from auditor.model.location import Location
from tests.conftest import doc_from_text

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _forward_backward(em: np.ndarray, start: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Textbook forward-backward, normalising the messages at every step."""
    steps, n = em.shape
    em = np.maximum(em, 1e-30)
    fwd, bwd = np.zeros((steps, n)), np.ones((steps, n))
    fwd[0] = start * em[0] / (start * em[0]).sum()
    for t in range(1, steps):
        f = (fwd[t - 1] @ trans) * em[t]
        fwd[t] = f / f.sum()
    for t in range(steps - 2, -1, -1):
        b = trans @ (em[t + 1] * bwd[t + 1])
        bwd[t] = b / b.sum()
    post = fwd * bwd
    return post / post.sum(axis=1, keepdims=True)


def test_posterior_equals_step_by_step_forward_backward() -> None:
    """Lengths around the run size (√steps) and its padding, one label, one block."""
    rng = np.random.default_rng(7)
    for steps in (1, 2, 3, 4, 5, 9, 10, 17, 50, 99, 100, 101, 577):
        for n in (1, 2, 5, 11):
            em = rng.random((steps, n)) ** 4
            start = rng.random(n) + 0.01
            trans = rng.random((n, n)) + 0.01
            trans /= trans.sum(axis=1, keepdims=True)
            got = posterior(em, start / start.sum(), trans)
            assert got.shape == (steps, n)
            assert np.allclose(got, _forward_backward(em, start / start.sum(), trans),
                               rtol=1e-10, atol=1e-13), (steps, n)
    assert posterior(np.zeros((0, 3)), np.ones(3) / 3, np.ones((3, 3)) / 3).shape == (0, 3)


def test_linear_model_probabilities_equal_dense_tf_idf() -> None:
    """Repeated (row, feature) pairs in any order, and a row without features."""
    rng = np.random.default_rng(3)
    n_rows, n_feat, n_labels = 7, 30, 4
    model = LinearTextModel([f"l{i}" for i in range(n_labels)], [f"f{i}" for i in range(n_feat)],
                            rng.random(n_feat) + 0.5, rng.normal(size=(n_feat, n_labels)),
                            rng.normal(size=n_labels))
    owner = rng.integers(0, n_rows - 1, 200)  # the last row has no feature
    cols = rng.integers(0, n_feat, 200)
    counts = np.zeros((n_rows, n_feat))
    np.add.at(counts, (owner, cols), 1)
    tfidf = np.where(counts > 0, 1 + np.log(np.maximum(counts, 1)), 0) * model.idf
    norms = np.linalg.norm(tfidf, axis=1, keepdims=True)
    tfidf /= np.where(norms > 0, norms, 1)
    scores = tfidf @ model.weights + model.bias
    expected = np.exp(scores - scores.max(axis=1, keepdims=True))
    expected /= expected.sum(axis=1, keepdims=True)
    assert np.allclose(model.proba_pairs(owner, cols, n_rows), expected, rtol=1e-12)
    empty = np.zeros(0, dtype=np.int64)
    assert np.allclose(model.proba_pairs(empty, empty, 2),
                       np.exp(model.bias) / np.exp(model.bias).sum())


def test_block_layer_keeps_rounded_probabilities_above_the_floor() -> None:
    doc = doc_from_text(
        "某县水务局2024年度部门整体支出绩效自评报告\n一、部门基本情况\n本局负责全县水资源管理。\n"
        "二、存在的问题\n管网改造完工时间推迟了两个月。\n附件2\n")
    model = shipped_model()
    assert model is not None
    probs = probabilities(model, doc).tolist()
    for span, row in zip(doc.spans[LAYER], probs, strict=True):
        top = max(range(len(row)), key=row.__getitem__)
        assert span.label == model.labels[top] == doc.blocks[span.block].section
        assert span.attrs["confidence"] == round(row[top], 4)
        assert span.attrs["probs"] == {lab: round(p, 3) for lab, p in
                                       zip(model.labels, row, strict=True) if p >= PROB_FLOOR}
    classify_sections(doc, {})  # idempotent: the same layer again
    assert [s.attrs["confidence"] for s in doc.spans[LAYER]] == [
        round(max(row), 4) for row in probs]


def test_lead_equals_folding_then_dropping_punctuation() -> None:
    texts = ["绩效目标完成", "附件2", "2024年", "（一）主要职能", "一是", "12.5%以上", "a", "",
             "，，，，，，，，，，绩效", "第３项", "Ⅱ类", "项", "ab12", "“项目”"]
    for text in texts:
        for marker in (None, "（一）"):
            block = Block("paragraph", (marker or "") + text, Location(), marker=marker)
            body = block.body_text if marker else block.text
            assert _lead(block) == _DIGITS.sub("0", body[:64])[:8].translate(_DROP)[:2], text


def test_words_equal_regex_filter_and_folding() -> None:
    word = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9]")
    tokens = ["资金", "2024", "第3", "３项", "1.5", "+", ".", "#", "\u9fa6", "\u9fd5年", "abc",
              "x1,2", "，", "\r\n", "Ⅻ", "二〇二四"]
    tagged = [(w, "x", i, i + len(w)) for i, w in enumerate(tokens)]
    expected = [(_DIGITS.sub("0", w), s, e) for w, _, s, e in tagged if word.search(w)]
    assert words("", tagged) == expected


def test_eng_letters_are_jieba_single_letters_and_digits() -> None:
    jieba_eng = {chr(c) for c in range(0x10000) if pseg.re_eng1.match(chr(c))}
    assert jieba_eng == _ENG1


def test_phrases_found_as_by_every_window() -> None:
    model = load_model()
    assert model is not None
    sentences = [g.replace(" ", "") + "，进一步加强管理" for g in list(model.kept)[:40]]
    sentences += ["资金使用效益有待进一步提高", "预算执行进度不够均衡", "无"]
    for sentence, attrs in zip(sentences, score_sentences([(s, "problem") for s in sentences],
                                                          model), strict=True):
        tokens = [w for w, _, _ in words(sentence)]
        found = [i for i, g in enumerate(grams(tokens, model.n)) if g in model.kept]
        covered = {j for i in found for j in range(i, i + model.n)}
        assert attrs["phrases"] == list(dict.fromkeys(
            grams(tokens, model.n)[i].replace(" ", "") for i in found))
        assert attrs["phrase_share"] == round(len(covered) / max(len(tokens), 1), 3)


def test_link_answers_equal_pairwise_containment() -> None:
    """Random key words from a small alphabet, so that containment is frequent."""
    rng = random.Random(11)

    def word() -> str:
        return "".join(rng.choice("制度资金管理") for _ in range(rng.randint(2, 5)))

    for _ in range(30):
        scored = [{"kind": rng.choice(["problem", "cause", "measure", "measure"]),
                   "keywords": sorted({word() for _ in range(rng.randint(0, 5))})}
                  for _ in range(rng.randint(0, 12))]
        link_answers(scored)
        problems = [i for i, a in enumerate(scored) if a["kind"] != "measure"]
        for attrs in scored:
            if attrs["kind"] != "measure":
                assert "answers" not in attrs
                continue
            expected = []
            for i in problems:
                shared = [w for w in attrs["keywords"]
                          if any(w in p or p in w for p in scored[i]["keywords"])]
                if shared:
                    expected.append({"statement": i, "shared": shared})
            assert attrs["answers"] == expected
            assert attrs["problems_stated"] == len(problems)


def test_reference_forward_backward_is_a_distribution() -> None:
    """The reference above is itself sane: rows sum to one and a clear emission wins."""
    em = np.array([[0.9, 0.1], [0.2, 0.8]])
    post = _forward_backward(em, np.array([0.5, 0.5]), np.full((2, 2), 0.5))
    assert np.allclose(post.sum(axis=1), 1) and math.isclose(post[1, 1], 0.8)


def test_statement_scope_is_the_first_deepest_enclosing_section() -> None:
    """Nested problems/measures sections, added overlapping ones of equal depth, and blocks
    outside all of them (typed by the classifier or not)."""
    doc = doc_from_text(
        "某县2024年度部门整体支出绩效自评报告\n一、部门基本情况\n本局负责全县水资源管理。\n"
        "二、存在的问题及改进措施\n（一）存在的问题\n管网改造完工时间推迟。\n（二）改进措施\n"
        "加强征地协调。\n三、其他\n资金使用效益有待进一步提高。\n无。\n")
    at = Location()
    doc.sections += [Section("a", "measures", 2, None, 5, 6, at),
                     Section("b", "problems", 2, None, 6, 7, at),
                     Section("c", "problems", 9, None, 9, 40, at)]
    doc.blocks[1].section = "problems"
    scoped = [s for s in doc.sections if s.type in SCOPES]
    expected = []
    for block in doc.blocks:
        inside = [s for s in scoped if s.first <= block.index <= s.last]
        if block.section in NOT_STATEMENTS:  # annex, closing lines, results use
            expected.append(None)
            continue
        expected.append(max(inside, key=lambda s: s.level).type if inside
                        else block.section if block.section in SCOPES else None)
    assert _scopes(doc) == expected
    assert {"problems", "measures", None} <= set(expected)
