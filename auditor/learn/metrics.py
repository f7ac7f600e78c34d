"""Classification metrics: per-class precision/recall/F1, macro-F1 and the confusion matrix."""

from __future__ import annotations

from typing import Any


def classification_report(gold: list[str], pred: list[str], labels: list[str]) -> dict[str, Any]:
    """Macro-F1 averages over the labels present in ``gold`` (absent classes are not scored)."""
    present = [lab for lab in labels if lab in set(gold)]
    per: dict[str, dict[str, float]] = {}
    for lab in present:
        tp = sum(1 for g, p in zip(gold, pred, strict=False) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=False) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=False) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4),
                    "support": tp + fn}
    confusion = {g: {p: sum(1 for a, b in zip(gold, pred, strict=False) if a == g and b == p) for p in labels}
                 for g in present}
    return {
        "n": len(gold),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=False)) / len(gold), 4) if gold else 0.0,
        "macro_f1": round(sum(v["f1"] for v in per.values()) / len(per), 4) if per else 0.0,
        "per_class": per,
        "confusion": confusion,
    }


def bootstrap_macro_f1(gold: list[str], pred: list[str], groups: list[str], labels: list[str],
                       rounds: int = 2000, seed: int = 0) -> tuple[float, float]:
    """95% percentile interval of macro-F1 when whole documents (``groups``) are resampled
    with replacement: blocks of one report are not independent, so resampling blocks would
    claim more certainty than the number of documents allows. Deterministic for a seed."""
    import numpy as np

    code = {lab: i for i, lab in enumerate(labels)}
    docs = sorted(set(groups))
    where = {d: i for i, d in enumerate(docs)}
    n_lab = len(labels)
    conf = np.zeros((len(docs), n_lab, n_lab))
    for g, p, d in zip(gold, pred, groups, strict=True):
        conf[where[d], code[g], code[p]] += 1
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(len(docs), [1 / len(docs)] * len(docs), size=rounds)
    total = np.einsum("rd,dgp->rgp", counts, conf)
    tp = np.einsum("rii->ri", total)
    support = total.sum(axis=2)
    predicted = total.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(support + predicted > 0, 2 * tp / (support + predicted), 0.0)
    present = support > 0
    macro = (f1 * present).sum(axis=1) / np.maximum(present.sum(axis=1), 1)
    low, high = np.percentile(macro, [2.5, 97.5])
    return round(float(low), 4), round(float(high), 4)
