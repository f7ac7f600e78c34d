"""Smoothing block types along the document with a first-order Markov chain.

Sections are runs of blocks, so a block's type depends strongly on its neighbours': a short
paragraph such as 无。 or a bare table row means nothing alone but belongs to the run it sits
in. The per-block classifier probabilities are the emissions, the transition matrix is
counted on the training documents, and forward-backward gives each block's posterior
marginal, which is both the smoothed type and its confidence.
"""

from __future__ import annotations

import math

import numpy as np


def transitions(sequences: list[list[int]], n: int,
                power: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Add-one smoothed (start, transition) probabilities from label index sequences.

    ``power`` < 1 flattens the transitions (rows renormalised) so that the chain settles
    ambiguous blocks without overriding a block whose own text is clear.
    """
    start = np.ones(n)
    trans = np.ones((n, n))
    for seq in sequences:
        if seq:
            start[seq[0]] += 1
        for a, b in zip(seq, seq[1:], strict=False):
            trans[a, b] += 1
    trans = (trans / trans.sum(axis=1, keepdims=True)) ** power
    return start / start.sum(), trans / trans.sum(axis=1, keepdims=True)


# Messages and partial products are rescaled every RESCALE steps rather than at every step
# (the final marginals are normalised per block anyway): RESCALE steps of probabilities no
# smaller than 1e-30 stay far above the float64 underflow limit (1e-308).
RESCALE = 4


def posterior(emissions: np.ndarray, start: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Forward-backward marginals (blocks × labels), rescaled to avoid underflow.

    Each step multiplies the message by one matrix (the transitions times that block's
    emissions): the forward messages are ``start·em[0]`` times the running products of the
    matrices, the backward ones the same with the transposed matrices from the end."""
    steps, n = emissions.shape
    if steps == 0:
        return emissions
    em = np.maximum(emissions, 1e-30)
    mats = trans[None] * em[1:, None, :]  # mats[t - 1][i, j] = trans[i, j] * em[t, j]
    fwd = _chain(start * em[0], mats)
    bwd = _chain(np.ones(n), mats.transpose(0, 2, 1)[::-1])[::-1]
    post = fwd * bwd
    return post / post.sum(axis=1, keepdims=True)


def _chain(first: np.ndarray, mats: np.ndarray) -> np.ndarray:
    """``first``, ``first @ mats[0]``, ``first @ mats[0] @ mats[1]``, … each row up to a
    positive factor.

    A step-by-step loop costs two small numpy calls a block, which is most of the
    classifier's time on a long report. Here the matrices are cut into about √k runs: the
    running products inside every run are computed for all runs at once (one batched
    matmul per position in a run), then one vector-matrix product per run carries the
    message from run to run, and one batched product gives every message."""
    k, n = len(mats), len(first)
    out = np.empty((k + 1, n))
    out[0] = first
    if k == 0:
        return out
    size = math.isqrt(k)
    runs = -(-k // size)
    if runs * size > k:  # pad the last run with identities
        mats = np.concatenate([mats, np.broadcast_to(np.eye(n), (runs * size - k, n, n))])
    grid = mats.reshape(runs, size, n, n)
    prefix = np.empty_like(grid)  # prefix[r, j] = grid[r, 0] @ … @ grid[r, j]
    acc = prefix[:, 0] = grid[:, 0]
    for j in range(1, size):
        acc = np.matmul(acc, grid[:, j], out=prefix[:, j])
        if j % RESCALE == 0:
            acc /= acc.max(axis=(1, 2), keepdims=True)
    entry = np.empty((runs, 1, 1, n))  # the message entering each run
    message = first
    for r, whole in enumerate(prefix[:, -1]):
        entry[r, 0, 0] = message
        message = message @ whole
        message /= message.max()
    out[1:] = np.matmul(entry, prefix).reshape(-1, n)[:k]
    return out
