"""The fast paths of boilerplate scoring give exactly what the straightforward code gave:
tag() against jieba.posseg, nearest_references() against a per-pair rapidfuzz loop."""

from __future__ import annotations

from pathlib import Path

import jieba.posseg as pseg
import yaml
from rapidfuzz import fuzz

from auditor.annotate.statements import _squash, nearest_references
from auditor.learn.phrase_model import load_model, tag

CORPORA = Path(__file__).resolve().parents[1] / "corpora" / "boilerplate"
EDGES = ["abc 12.5%，\r\n\t２０２３年Ａ+B#c&d_e.f", "", " ", "\r\n\r", "第3.5亿元ab12cd项目",
         "ＡＢＣ中文ｘ", "a\u3000b", "\r\r\n\n", "2024年完成GDP增长6.5%（C++项目）"]


def _sentences() -> list[str]:
    out: list[str] = []
    for name in ("generic.yml", "specific.yml"):
        for entry in yaml.safe_load((CORPORA / name).read_text(encoding="utf-8"))["sections"]:
            out += entry.get("problems", []) + entry.get("measures", [])
    return out


def _jieba(sentence: str) -> list[tuple[str, str, int, int]]:
    out, pos = [], 0
    for word, flag in pseg.lcut(sentence, HMM=False):
        out.append((word, flag, pos, pos + len(word)))
        pos += len(word)
    return out


def test_tag_equals_jieba_posseg() -> None:
    texts = _sentences() + EDGES
    texts.append("".join(texts))
    for text in texts:
        assert tag(text) == _jieba(text), text


def _nearest(text: str, refs: tuple[str, ...], shortlist: int = 8) -> tuple[int, float]:
    squashed, refs_squashed = _squash(text), [_squash(r) for r in refs]
    grams = {squashed[j : j + 2] for j in range(len(squashed) - 1)}
    shares: dict[int, float] = {}
    for i, ref in enumerate(refs_squashed):
        own = {ref[j : j + 2] for j in range(len(ref) - 1)}
        if grams & own:
            shares[i] = len(grams & own) / max(len(own), 1)
    best, score = -1, 0.0
    for i in sorted(shares, key=lambda i: (-shares[i], i))[:shortlist]:
        value = fuzz.partial_ratio(squashed, refs_squashed[i]) / 100
        if value > score:
            best, score = i, value
    return best, score


def test_nearest_references_equal_pairwise_loop() -> None:
    model = load_model()
    assert model is not None
    texts = _sentences()[::3] + EDGES + ["无关内容xyz"]
    for kind in ("problem", "measure"):
        refs = tuple(model.references[kind])
        assert nearest_references(texts, refs) == [_nearest(t, refs) for t in texts]
    assert nearest_references([], ("加强管理",)) == []
