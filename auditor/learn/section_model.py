"""The section classifier: which section type (taxonomy.md) each block of a report belongs to.

Training reads the labelled corpus (section_data), describes every block with
section_features and fits a TF-IDF + logistic-regression model (linear_text). Before the
final fit it measures itself honestly: cross-validation by whole document over the real
reports only (a document's blocks are never split between training and test), with the
project-written reports always on the training side, and the heading-keyword typing of
annotate/sections.py scored on the same held-out blocks as the baseline. Documents of the
final test set (section_data.FINAL_SUFFIX) stay out of that cross-validation, which is what
features and settings are tuned on, and are scored once by a model trained on all the rest.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from auditor.annotate.sections import SECTION_TYPES
from auditor.learn.linear_text import DECIMALS, LinearTextModel, fit
from auditor.learn.metrics import bootstrap_macro_f1, classification_report
from auditor.learn.section_data import CorpusError, LabelledDoc, load_corpus
from auditor.learn.section_features import (
    NgramIndex,
    block_features,
    feature_pairs,
    heading_context,
)
from auditor.learn.sequence import posterior, transitions
from auditor.model.document import Document

MODEL_FILE = "section_model.json"
METRICS_FILE = "section_metrics.json"
FOLDS = 5
MIN_DF = 2
C = 8.0
# Flattening of the block-to-block transitions: held-out macro-F1 moved by less than 0.002
# between 0.5, 0.75 and 1 when compared, and at 0.5 a clearly worded block keeps its own
# type inside a run of another, which is what a report with misplaced content needs.
TRANSITION_POWER = 0.5
BOOTSTRAP_ROUNDS = 2000


@dataclass
class _Featurised:
    """A labelled document with its block features computed once for every fold."""

    item: LabelledDoc
    rows: list[list[str]]


def _featurise(docs: list[LabelledDoc]) -> list[_Featurised]:
    return [_Featurised(d, block_features(d.doc)) for d in docs]


def _fit(docs: list[_Featurised], seed: int, meta: dict[str, Any] | None = None) -> LinearTextModel:
    rows = [r for d in docs for r, lab in zip(d.rows, d.item.labels, strict=False) if lab is not None]
    labels = [lab for d in docs for lab in d.item.labels if lab is not None]
    model = fit(rows, labels, list(SECTION_TYPES), min_df=MIN_DF, c=C, seed=seed, meta=meta)
    sequences = [[model.labels.index(lab) for lab in d.item.labels if lab in model.labels]
                 for d in docs]
    start, trans = transitions(sequences, len(model.labels), TRANSITION_POWER)
    model.meta["start"] = [round(float(p), DECIMALS) for p in start]
    model.meta["transitions"] = [[round(float(p), DECIMALS) for p in row] for row in trans]
    return model


def probabilities(model: LinearTextModel, doc: Document,
                  rows: list[list[str]] | None = None,
                  context: list[tuple[str, str, str]] | None = None) -> np.ndarray:
    """Smoothed probability of every section type (blocks × ``model.labels``), from the
    given feature strings, else from features computed in one vectorised pass."""
    if not doc.blocks:
        return np.zeros((0, len(model.labels)))
    if rows is not None:
        probs = model.proba(rows)
    else:
        if "ngrams" not in model.cache:
            model.cache["ngrams"] = NgramIndex(model.index)
        owner, cols = feature_pairs(doc, model.index, model.cache["ngrams"], context)
        probs = model.proba_pairs(owner, cols, len(doc.blocks))
    if "transitions" in model.meta:
        probs = posterior(probs, np.asarray(model.meta["start"]),
                          np.asarray(model.meta["transitions"]))
    return probs


def predict(model: LinearTextModel, doc: Document,
            rows: list[list[str]] | None = None) -> list[tuple[str, float]]:
    """(type, posterior probability) for every block of an annotated document."""
    probs = probabilities(model, doc, rows)
    best = probs.argmax(axis=1)
    return [(model.labels[int(i)], float(probs[n, int(i)])) for n, i in enumerate(best)]


def keyword_baseline(doc: Document) -> list[str]:
    """The heading-keyword type of each block's section (annotate/sections.py)."""
    return [sec if sec != "-" else "other" for sec, _, _ in heading_context(doc)]


def cross_validate(docs: list[_Featurised], seed: int) -> dict[str, Any]:
    real = [d for d in docs if d.item.real and not d.item.final]
    written = [d for d in docs if not d.item.real]
    gold: list[str] = []
    pred: list[str] = []
    base: list[str] = []
    source: list[str] = []
    groups: list[str] = []
    for fold in range(FOLDS):
        test = [d for i, d in enumerate(real) if i % FOLDS == fold]
        if not test:
            continue
        model = _fit(written + [d for i, d in enumerate(real) if i % FOLDS != fold], seed)
        for d in test:
            kinds = keyword_baseline(d.item.doc)
            for (label, _), gold_label, kw in zip(predict(model, d.item.doc, d.rows),
                                                  d.item.labels, kinds, strict=False):
                if gold_label is not None:
                    gold.append(gold_label)
                    pred.append(label)
                    base.append(kw)
                    source.append(d.item.id.split("/", 1)[0])
                    groups.append(d.item.id)
    labels = list(SECTION_TYPES)
    return {
        "scheme": f"{FOLDS}-fold cross-validation by document over the real reports; "
                  "project-written reports always in training",
        "documents": len(real),
        **_reports(gold, pred, base),
        # how far the macro-F1 could move with another draw of documents of the same kind
        "interval_95": {
            "rounds": BOOTSTRAP_ROUNDS,
            "model": bootstrap_macro_f1(gold, pred, groups, labels, BOOTSTRAP_ROUNDS, seed),
            "keyword_baseline": bootstrap_macro_f1(gold, base, groups, labels,
                                                   BOOTSTRAP_ROUNDS, seed),
        },
        # the same held-out predictions split by where the documents come from
        # (seeds: whole reports; corpus: report openings)
        "by_source": {
            name: {
                "model": _brief(classification_report(
                    [g for g, s in zip(gold, source, strict=True) if s == name],
                    [p for p, s in zip(pred, source, strict=True) if s == name], labels)),
                "keyword_baseline": _brief(classification_report(
                    [g for g, s in zip(gold, source, strict=True) if s == name],
                    [b for b, s in zip(base, source, strict=True) if s == name], labels)),
            }
            for name in sorted(set(source))
        },
    }


def _reports(gold: list[str], pred: list[str], base: list[str]) -> dict[str, Any]:
    labels = list(SECTION_TYPES)
    return {"model": classification_report(gold, pred, labels),
            "keyword_baseline": classification_report(gold, base, labels)}


def final_test(docs: list[_Featurised], seed: int) -> dict[str, Any] | None:
    """The final test set scored once by a model trained on everything else (None when
    there is no final set): the estimate that no tuning decision has seen."""
    test = [d for d in docs if d.item.final]
    if not test:
        return None
    model = _fit([d for d in docs if not d.item.final], seed)
    gold: list[str] = []
    pred: list[str] = []
    base: list[str] = []
    for d in test:
        for (label, _), gold_label, kw in zip(predict(model, d.item.doc, d.rows), d.item.labels,
                                              keyword_baseline(d.item.doc), strict=False):
            if gold_label is not None:
                gold.append(gold_label)
                pred.append(label)
                base.append(kw)
    return {"scheme": "trained on every other labelled document, scored once on the final "
                      "test set (*.final.labels.jsonl)",
            "documents": len(test), **_reports(gold, pred, base)}


def _brief(report: dict[str, Any]) -> dict[str, Any]:
    return {k: report[k] for k in ("n", "accuracy", "macro_f1")}


def train(corpora_dir: Path, out_dir: Path, seed: int) -> dict[str, Any]:
    docs, has_shared = load_corpus(corpora_dir)
    if not docs:
        raise CorpusError(f"no section-labelled data under {corpora_dir / 'sections'}")
    featurised = _featurise(docs)
    digest = hashlib.sha256(
        "\n".join(f"{d.id}:{d.doc.sha256}" for d in docs).encode("utf-8")).hexdigest()
    metrics: dict[str, Any] = {
        "data": {
            "documents_real": sum(d.real for d in docs),
            "documents_written": sum(not d.real for d in docs),
            "documents_final_test": sum(d.final for d in docs),
            "blocks_real": sum(lab is not None for d in docs if d.real for lab in d.labels),
            "blocks_written": sum(lab is not None for d in docs if not d.real
                                  for lab in d.labels),
            "shared_found": has_shared,
            "corpus_sha256": digest,
        },
        "heldout": cross_validate(featurised, seed)
        if any(d.real and not d.final for d in docs) else None,
        "final_test": final_test(featurised, seed),
        "params": {"min_df": MIN_DF, "C": C, "transition_power": TRANSITION_POWER,
                   "seed": seed},
    }
    blocks = sum(lab is not None for d in docs for lab in d.labels)
    model = _fit(featurised, seed, meta={"trained_on_blocks": blocks, "corpus_sha256": digest,
                                         "params": metrics["params"]})
    metrics["features"] = len(model.features)
    held = metrics["heldout"]
    metrics["summary"] = (
        f"held-out macro-F1 {held['model']['macro_f1']:.3f} (keyword baseline "
        f"{held['keyword_baseline']['macro_f1']:.3f}) on {held['model']['n']} real blocks"
        if held else "no real reports found: trained on written data only, no held-out score")
    final = metrics["final_test"]
    if final:
        metrics["summary"] += (
            f"; final test set macro-F1 {final['model']['macro_f1']:.3f} (keyword baseline "
            f"{final['keyword_baseline']['macro_f1']:.3f}), accuracy "
            f"{final['model']['accuracy']:.3f}, on {final['model']['n']} blocks")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MODEL_FILE).write_text(model.to_json(), encoding="utf-8")
    (out_dir / METRICS_FILE).write_text(
        json.dumps(metrics, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return metrics


@lru_cache(maxsize=1)
def shipped_model() -> LinearTextModel | None:
    """The model in models/ (package ``auditor.trained``), or None when it is not shipped."""
    try:
        text = resources.files("auditor.trained").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return LinearTextModel.from_json(text)
