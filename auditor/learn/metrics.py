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
