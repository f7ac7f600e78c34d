"""A TF-IDF + linear classifier stored as plain JSON and applied with numpy.

scikit-learn fits the weights; the shipped file holds only the feature names, their idf, the
per-class weights and biases, rounded to fixed decimals so that retraining writes the same
bytes and a reviewer can read (and diff) what the model learned. No pickle is involved:
inference needs nothing but this module and numpy.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

DECIMALS = 4


@dataclass
class LinearTextModel:
    labels: list[str]
    features: list[str]
    idf: np.ndarray
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    meta: dict[str, Any] = field(default_factory=dict)
    # lookup structures derived from the features on first use (never serialised)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.index = {f: i for i, f in enumerate(self.features)}

    def vectorise(self, rows: list[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR arrays (indptr, indices, values) of sublinear, l2-normalised tf-idf."""
        get = self.index.get
        cols: list[int] = []
        owner: list[int] = []
        for r, feats in enumerate(rows):
            hits = [i for i in map(get, feats) if i is not None]
            cols.extend(hits)
            owner.extend([r] * len(hits))
        return self.vectorise_pairs(np.asarray(owner, dtype=np.int64),
                                    np.asarray(cols, dtype=np.int64), len(rows))

    def vectorise_pairs(self, owner: np.ndarray, cols: np.ndarray,
                        n_rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """As ``vectorise``, from (row, feature column) pairs, one per feature occurrence."""
        n_feat = max(len(self.features), 1)
        # np.unique's sort, but stable: the pairs come in runs sorted by row, which a stable
        # (merge) sort exploits and a quicksort does not
        keys = np.sort(owner * n_feat + cols, kind="stable")
        first = np.ones(len(keys), dtype=bool)
        np.not_equal(keys[1:], keys[:-1], out=first[1:])
        at = np.flatnonzero(first)
        counts = np.diff(at, append=len(keys))
        keys = keys[at]
        row_of = keys // n_feat
        indices = keys % n_feat
        values = (1.0 + np.log(counts)) * self.idf[indices] if len(keys) else np.zeros(0)
        norms = np.sqrt(np.bincount(row_of, weights=values * values, minlength=n_rows))
        norms[norms == 0] = 1.0
        values = values / norms[row_of]
        indptr = np.concatenate([[0], np.cumsum(np.bincount(row_of, minlength=n_rows))])
        return indptr.astype(np.int64), indices.astype(np.int64), values

    def proba(self, rows: list[list[str]]) -> np.ndarray:
        """Class probabilities (softmax of the linear scores), one row per input."""
        return self._softmax(*self.vectorise(rows), len(rows))

    def proba_pairs(self, owner: np.ndarray, cols: np.ndarray, n_rows: int) -> np.ndarray:
        """Class probabilities from (row, feature column) pairs (see ``vectorise_pairs``)."""
        return self._softmax(*self.vectorise_pairs(owner, cols, n_rows), n_rows)

    def _softmax(self, indptr: np.ndarray, indices: np.ndarray, values: np.ndarray,
                 n_rows: int) -> np.ndarray:
        scores = np.tile(self.bias, (n_rows, 1))
        if len(indices):
            # one bincount over (row, label) cells: each cell still sums its terms in input
            # order, as a bincount per label would
            n_labels = scores.shape[1]
            contrib = self.weights[indices] * values[:, None]
            cells = (np.repeat(np.arange(n_rows) * n_labels, np.diff(indptr))[:, None]
                     + np.arange(n_labels))
            scores += np.bincount(cells.ravel(), weights=contrib.ravel(),
                                  minlength=n_rows * n_labels).reshape(n_rows, n_labels)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def to_json(self) -> str:
        data = {
            "format": "auditor.linear_text/1",
            "meta": self.meta,
            "labels": self.labels,
            "bias": [round(float(b), DECIMALS) for b in self.bias],
            "features": [
                [f, round(float(self.idf[i]), DECIMALS),
                 [round(float(w), DECIMALS) for w in self.weights[i]]]
                for i, f in enumerate(self.features)
            ],
        }
        lines = [json.dumps({k: v for k, v in data.items() if k != "features"},
                            ensure_ascii=False, sort_keys=True)[:-1] + ', "features": [']
        body = [json.dumps(row, ensure_ascii=False) for row in data["features"]]
        return "\n".join(lines) + "\n" + ",\n".join(body) + "\n]}\n"

    @classmethod
    def from_json(cls, text: str) -> LinearTextModel:
        data = json.loads(text)
        if data.get("format") != "auditor.linear_text/1":
            raise ValueError("not an auditor.linear_text/1 model")
        rows = data["features"]
        n_labels = len(data["labels"])
        return cls(
            labels=list(data["labels"]),
            features=[r[0] for r in rows],
            idf=np.asarray([r[1] for r in rows], dtype=np.float64),
            weights=np.asarray([r[2] for r in rows], dtype=np.float64).reshape(len(rows), n_labels),
            bias=np.asarray(data["bias"], dtype=np.float64),
            meta=data.get("meta", {}),
        )


def fit(rows: list[list[str]], labels: list[str], label_order: list[str], *, min_df: int,
        c: float, seed: int, meta: dict[str, Any] | None = None) -> LinearTextModel:
    """Fit vocabulary, idf and a multinomial logistic regression; return the rounded model."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    df = Counter(f for feats in rows for f in set(feats))
    features = sorted(f for f, n in df.items() if n >= min_df)
    n = len(rows)
    idf = np.asarray([math.log((1 + n) / (1 + df[f])) + 1.0 for f in features])
    idf = np.round(idf, DECIMALS)
    present = [lab for lab in label_order if lab in set(labels)]
    probe = LinearTextModel(present, features, idf, np.zeros((len(features), len(present))),
                            np.zeros(len(present)))
    indptr, indices, values = probe.vectorise(rows)
    x = csr_matrix((values, indices, indptr), shape=(n, len(features)))
    y = np.asarray([present.index(lab) for lab in labels])
    clf = LogisticRegression(C=c, solver="newton-cg", max_iter=1000, class_weight="balanced",
                             random_state=seed)
    clf.fit(x, y)
    coef = clf.coef_.T if len(present) > 2 else np.hstack([-clf.coef_.T, clf.coef_.T]) / 2
    bias = clf.intercept_ if len(present) > 2 else np.asarray([-1, 1]) * clf.intercept_[0] / 2
    return LinearTextModel(present, features, idf, np.round(coef, DECIMALS),
                           np.round(bias, DECIMALS), meta or {})
