"""The phrase model: word 4-grams common across reports' problem and measure statements.

Lang & Stice-Lawrence (2015) measure boilerplate as text built from phrases that many
documents share: word 4-grams counted within sentences, kept when found in at least 30% and
under 75% of documents. Our corpus is small, so the "documents" are the problems/measures
parts of reports (a real report with such statements, or one section of the project-written
corpus in corpora/boilerplate/) and the lower bound is lowered to ``MIN_SHARE`` (and at
least ``MIN_DOCS`` documents); the upper bound keeps the paper's 75%.

Training reads the real reports in the shared folder (seeds and corpus excerpts) at run time
and ships only the kept n-grams with their document frequencies (models/phrases.json) and
the project-written generic sentences used as the nearest-boilerplate references
(models/phrases_reference.json). It also measures itself: section-wise cross-validation over
the project-written corpus, generic statements must be flagged and specific ones not.
"""

from __future__ import annotations

import json
import logging
import math
import random
import re
import string
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jieba
import jieba.posseg as pseg
import yaml

MODEL_FILE = "phrases.json"
REFERENCE_FILE = "phrases_reference.json"
N = 4
MIN_SHARE = 0.05
MIN_DOCS = 3
MAX_SHARE = 0.75
FOLDS = 5
_WORD = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9]")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
jieba.setLogLevel(logging.WARNING)


def tag(sentence: str) -> list[tuple[str, str, int, int]]:
    """(word, jieba part-of-speech flag, start, end) for every token, punctuation included.

    One segmentation serves both the phrase counts and the specificity tags; HMM is off so
    that results do not depend on guesses about unseen words. The result is exactly
    ``jieba.posseg.lcut(sentence, HMM=False)`` (tests/test_statements_speed_tag.py compares
    them) at a third of the cost: jieba builds a DAG dict, then a route dict from a generator
    of tuples and a log per candidate word, then a ``pair`` object per word; here one
    backward pass over each run of Chinese characters finds the best route with cached word
    log-probabilities."""
    pseg.dt.makesure_userdict_loaded()
    table = _LOGP.table()
    out: list[tuple[str, str, int, int]] = []
    pos = 0
    for j, piece in enumerate(_HAN.split(sentence)):
        if j % 2:  # split() with a group alternates non-matches and matches
            _cut_han(piece, pos, table, out)
        else:  # no letter, digit or Chinese character: every character alone, \r\n together
            i = 0
            while i < len(piece):
                size = 2 if piece.startswith("\r\n", i) else 1
                out.append((piece[i : i + size], "x", pos + i, pos + i + size))
                i += size
        pos += len(piece)
    return out


_HAN = pseg.re_han_internal  # jieba's own runs: Chinese characters, letters, digits, +#&._
# jieba's re_eng1 (^[a-zA-Z0-9]$) as a set: one letter or digit, glued to its neighbours
# as an "eng" word
_ENG1 = frozenset(string.ascii_letters + string.digits)
_Table = tuple[dict[str, int], dict[str, float], float, dict[str, str]]


class _LogProbs:
    """log(frequency) - log(total) of dictionary words, computed on first use; NaN marks a
    prefix that is not a word (no comparison with it is true). Rebuilt when jieba's
    dictionary changes (add_word, initialize)."""

    def __init__(self) -> None:
        self.key: tuple[int, int] = (0, 0)
        self.values: dict[str, float] = {}

    def table(self) -> _Table:
        """jieba's word frequencies, the log-probabilities, log(total), the POS tags."""
        jieba.dt.check_initialized()
        freq, total = jieba.dt.FREQ, jieba.dt.total
        if self.key != (id(freq), total):
            self.key, self.values = (id(freq), total), {}
        return freq, self.values, math.log(total), pseg.dt.word_tag_tab


_LOGP = _LogProbs()


def _cut_han(block: str, pos: int, table: _Table, out: list[tuple[str, str, int, int]]) -> None:
    """jieba's __cut_DAG_NO_HMM for one run: the most probable route through dictionary
    words (ties to the longer word), single letters and digits glued into "eng" words."""
    freq, logp, log_total, tags = table
    get = logp.get
    n = len(block)
    prob = [0.0] * (n + 1)
    end = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        best, best_end = -math.inf, k + 1
        i = k + 1
        while True:  # every dictionary word starting at k (jieba's DAG row)
            frag = block[k:i]
            p = get(frag)
            if p is None:
                f = freq.get(frag)
                if f is None:
                    break
                p = logp[frag] = math.log(f) - log_total if f else math.nan
            p += prob[i]
            if p >= best:
                best = p
                best_end = i
            if i == n:
                break
            i += 1
        # no word starts here: the character alone, as if its frequency were 1
        prob[k] = best if best != -math.inf else (0.0 - log_total) + prob[k + 1]
        end[k] = best_end
    x, glued = 0, ""
    while x < n:
        y = end[x]
        if y - x == 1 and block[x] in _ENG1:
            glued += block[x]
        else:
            word = block[x:y]
            if glued:
                out.append((glued, "eng", pos + x - len(glued), pos + x))
                glued = ""
            out.append((word, tags.get(word, "x"), pos + x, pos + y))
        x = y
    if glued:
        out.append((glued, "eng", pos + n - len(glued), pos + n))


def words(sentence: str, tagged: list[tuple[str, str, int, int]] | None = None,
          ) -> list[tuple[str, int, int]]:
    """Content words (no punctuation) with offsets; digit runs become ``0`` so that
    "2023年" and "2024年" are the same phrase."""
    out: list[tuple[str, int, int]] = []
    for w, _, s, e in tagged or tag(sentence):
        if "\u4e00" <= w[:1] <= "\u9fa5":  # a Chinese word, the usual case: no regex
            out.append((w if w.isalpha() else _DIGITS.sub("0", w), s, e))
        elif _WORD.search(w):
            out.append((_DIGITS.sub("0", w), s, e))
    return out


def grams(tokens: list[str], n: int = N) -> list[str]:
    """Word n-grams of one sentence, joined by a space (the key stored in the model)."""
    return [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


@dataclass
class PhraseModel:
    """Kept 4-grams with document frequencies and the generic reference sentences."""

    kept: dict[str, int]
    documents: int
    references: dict[str, list[str]] = field(default_factory=dict)
    n: int = N


def _read_model(model_text: str, reference_text: str) -> PhraseModel:
    data = json.loads(model_text)
    refs = json.loads(reference_text)
    return PhraseModel(
        kept={g["ngram"]: int(g["df"]) for g in data["kept"]},
        documents=int(data["documents"]["total"]),
        references={k: list(v) for k, v in refs["references"].items()},
        n=int(data["n"]),
    )


@lru_cache(maxsize=1)
def load_model() -> PhraseModel | None:
    """The shipped model, or None when models/ does not have it (the rules then stay off)."""
    folder = resources.files("auditor.trained")
    model, refs = folder.joinpath(MODEL_FILE), folder.joinpath(REFERENCE_FILE)
    if not (model.is_file() and refs.is_file()):
        return None
    return _read_model(model.read_text(encoding="utf-8"), refs.read_text(encoding="utf-8"))


@dataclass
class WrittenSection:
    """One problems/measures part of a project-written report."""

    id: str
    generic: bool
    problems: list[str]
    measures: list[str]


def load_written(corpora_dir: Path) -> list[WrittenSection]:
    from auditor.learn.section_data import CorpusError

    folder = corpora_dir / "boilerplate"
    out: list[WrittenSection] = []
    for name, generic in (("generic.yml", True), ("specific.yml", False)):
        if not (folder / name).is_file():
            raise CorpusError(f"{folder / name} not found: the phrase model needs the "
                              "project-written boilerplate corpus")
        data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        for entry in data["sections"]:
            out.append(WrittenSection(entry["id"], generic, list(entry.get("problems", [])),
                                      list(entry.get("measures", []))))
    return out


def real_statements(corpora_dir: Path) -> list[list[str]]:
    """Statement sentences of every real report in the shared folder that has any."""
    from auditor.annotate import annotate
    from auditor.annotate.statements import find_statements
    from auditor.learn.section_data import TRAINING_CONFIG, shared_root
    from auditor.read import read_path, read_text

    shared = shared_root(corpora_dir)
    docs = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        docs.append(annotate(read_path(path), TRAINING_CONFIG))
    excerpts = shared / "corpus" / "excerpts.jsonl"
    if excerpts.is_file():
        for number, line in enumerate(excerpts.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                text = json.loads(line)["text"]
                docs.append(annotate(read_text(text, f"excerpt {number}"), TRAINING_CONFIG))
    out: list[list[str]] = []
    for doc in docs:
        found = [span.text for span, _ in find_statements(doc)]
        if found:
            out.append(found)
    return out


def document_frequencies(documents: Iterable[list[str]]) -> tuple[Counter[str], int]:
    """In how many documents each 4-gram occurs (counted within sentences, as in L&SL)."""
    df: Counter[str] = Counter()
    total = 0
    for sentences in documents:
        total += 1
        seen: set[str] = set()
        for sentence in sentences:
            seen.update(grams([w for w, _, _ in words(sentence)]))
        df.update(seen)
    return df, total


def keep(df: Counter[str], total: int) -> dict[str, int]:
    """The L&SL band; an n-gram with a figure in it is never a stock phrase."""
    low = max(MIN_DOCS, MIN_SHARE * total)
    return {g: c for g, c in sorted(df.items())
            if low <= c < MAX_SHARE * total and "0" not in g.split()}


def build(real: list[list[str]], written: list[WrittenSection]) -> PhraseModel:
    documents = real + [s.problems + s.measures for s in written]
    df, total = document_frequencies(documents)
    refs: dict[str, list[str]] = {"problem": [], "measure": []}
    for section in written:
        if section.generic:
            refs["problem"] += section.problems
            refs["measure"] += section.measures
    return PhraseModel(keep(df, total), total, refs)


def evaluate(real: list[list[str]], written: list[WrittenSection], seed: int) -> dict[str, Any]:
    """Cross-validation by written section: each fold is scored by a model built without it."""
    from auditor.annotate.statements import DEFAULTS, is_generic, score_section

    order = list(written)
    random.Random(seed).shuffle(order)
    counts = Counter[str]()
    for fold in range(FOLDS):
        held = [s for i, s in enumerate(order) if i % FOLDS == fold]
        model = build(real, [s for i, s in enumerate(order) if i % FOLDS != fold])
        for section in held:
            label = "generic" if section.generic else "specific"
            for kind, attrs in score_section(section.problems, section.measures, model):
                kind = "measure" if kind == "measure" else "problem"
                counts[f"{label}_{kind}"] += 1
                if is_generic(attrs["kind"], attrs, DEFAULTS):
                    counts[f"{label}_{kind}_flagged"] += 1

    def rate(key: str) -> float:
        return round(counts[f"{key}_flagged"] / counts[key], 4) if counts[key] else 0.0

    return {
        "generic_problems": counts["generic_problem"],
        "generic_measures": counts["generic_measure"],
        "specific_problems": counts["specific_problem"],
        "specific_measures": counts["specific_measure"],
        "recall_generic_problem": rate("generic_problem"),
        "recall_generic_measure": rate("generic_measure"),
        "false_flag_specific_problem": rate("specific_problem"),
        "false_flag_specific_measure": rate("specific_measure"),
    }


def train(corpora_dir: Path, out_dir: Path, seed: int) -> dict[str, Any]:
    written = load_written(corpora_dir)
    real = real_statements(corpora_dir)
    model = build(real, written)
    metrics = {
        "documents_real": len(real),
        "documents_written": len(written),
        "ngrams_kept": len(model.kept),
        **evaluate(real, written, seed),
    }
    metrics["summary"] = (
        f"{len(model.kept)} common 4-grams from {len(real)} real + {len(written)} written "
        f"documents; held-out recall generic problems {metrics['recall_generic_problem']:.2f}, "
        f"measures {metrics['recall_generic_measure']:.2f}; specific flagged "
        f"{metrics['false_flag_specific_problem']:.2f} / {metrics['false_flag_specific_measure']:.2f}"
    )
    payload = {
        "n": N,
        "unit": "jieba words within a sentence, punctuation dropped, digits as 0",
        "thresholds": {"min_share": MIN_SHARE, "min_docs": MIN_DOCS, "max_share": MAX_SHARE},
        "documents": {"total": model.documents, "real": len(real), "written": len(written)},
        "seed": seed,
        "metrics": metrics,
        "kept": [{"ngram": g, "df": c} for g, c in model.kept.items()],
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MODEL_FILE).write_text(
        json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out_dir / REFERENCE_FILE).write_text(
        json.dumps({"source": "corpora/boilerplate/generic.yml (project-written)",
                    "references": model.references}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")
    return metrics
