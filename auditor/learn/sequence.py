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


# Forward and backward messages are rescaled every RESCALE steps rather than at every step
# (the final marginals are normalised per block anyway): this halves the per-step numpy
# calls, and RESCALE steps of probabilities no smaller than 1e-30 stay far above the
# float64 underflow limit (1e-308).
RESCALE = 4


def posterior(emissions: np.ndarray, start: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Forward-backward marginals (blocks × labels), rescaled to avoid underflow."""
    steps, n = emissions.shape
    if steps == 0:
        return emissions
    em = np.maximum(emissions, 1e-30)
    fwd = np.empty((steps, n))
    bwd = np.empty((steps, n))
    f = start * em[0]
    fwd[0] = f
    for t in range(1, steps):
        f = (f @ trans) * em[t]
        if t % RESCALE == 0:
            f /= f.max()
        fwd[t] = f
    b = np.ones(n)
    bwd[-1] = b
    back = trans.T
    for t in range(steps - 2, -1, -1):
        b = (em[t + 1] * b) @ back
        if t % RESCALE == 0:
            b /= b.max()
        bwd[t] = b
    post = fwd * bwd
    return post / post.sum(axis=1, keepdims=True)
