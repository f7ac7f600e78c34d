"""Smoothing block types along the document with a first-order Markov chain.

Sections are runs of blocks, so a block's type depends strongly on its neighbours': a short
paragraph such as 无。 or a bare table row means nothing alone but belongs to the run it sits
in. The per-block classifier probabilities are the emissions, the transition matrix is
counted on the training documents, and forward-backward gives each block's posterior
marginal, which is both the smoothed type and its confidence.
"""

from __future__ import annotations

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


def posterior(emissions: np.ndarray, start: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Forward-backward marginals (blocks × labels), scaled per step to avoid underflow."""
    steps, n = emissions.shape
    if steps == 0:
        return emissions
    fwd = np.zeros((steps, n))
    bwd = np.ones((steps, n))
    fwd[0] = start * emissions[0]
    fwd[0] /= fwd[0].sum()
    for t in range(1, steps):
        fwd[t] = (fwd[t - 1] @ trans) * emissions[t]
        fwd[t] /= fwd[t].sum()
    for t in range(steps - 2, -1, -1):
        bwd[t] = trans @ (emissions[t + 1] * bwd[t + 1])
        bwd[t] /= bwd[t].sum()
    post = fwd * bwd
    return post / post.sum(axis=1, keepdims=True)
