"""The rules of the model (docs/MODEL.md sections 3-5), each written once.

Every engine and analysis calls these instead of writing a rule again (docs/architecture.md,
"Where each rule of MODEL.md lives"). Only hypotheses with a prior above 0 - the *live* ones -
enter the rules that average over a row: a likelihood for a hypothesis that cannot be true
changes no credence (docs/model-notes.md).
"""

from __future__ import annotations

import numpy as np

# The likelihood of every cell of a row that rates no live hypothesis: the centre of the ACH
# rating N (neutral). Any constant row is uninformative; 0.5 also keeps an unrated indicator's
# predictive probability at even odds instead of claiming it will certainly happen.
NO_RATING = 0.5


def effective(lik, rel, base):
    """l' = r * l + (1 - r) * c (MODEL.md 4): a report from a source of reliability r either
    reflects the world or would have appeared anyway with probability c.

    lik (..., J, K), rel (..., J), base (J,) or (..., J). Arithmetic and indexing only, so the
    same function builds the PyMC engine's graph from pytensor tensors.
    """
    r = rel[..., :, None]
    return r * lik + (1.0 - r) * base[..., :, None]


def fill_unrated(central: np.ndarray, live: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unrated cells (NaN) take the mean of the row's rated central values over live
    hypotheses (MODEL.md 3); a row with no rated live cell is NO_RATING throughout.

    central (..., K); returns (filled, informative), informative (...,) bool: the row rates
    at least one live hypothesis.
    """
    rated = ~np.isnan(central)
    counted = rated & live
    n = counted.sum(axis=-1)
    mean = np.where(counted, central, 0.0).sum(axis=-1) / np.maximum(n, 1)
    fill = np.where(n > 0, mean, NO_RATING)
    return np.where(rated, central, fill[..., None]), n > 0


def base_rate(lik: np.ndarray, live: np.ndarray) -> np.ndarray:
    """Default c of each row: the mean of its central likelihoods over live hypotheses (MODEL.md
    4), so that a ruled-out hypothesis' likelihood moves no live credence. lik (..., K)."""
    return lik.mean(axis=-1) if live.all() else lik[..., live].mean(axis=-1)


def group_weight(rho, n):
    """w_g = 1 / (1 + rho (n - 1)) (MODEL.md 5); n counts the group's informative items only
    (an item that rates no live hypothesis says nothing, so it echoes nothing)."""
    return 1.0 / (1.0 + rho * (np.maximum(n, 1) - 1))


def group_weights(
    groups: list[str | None], rho_of: dict[str, float], informative: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(J,) weight w_g, group index (-1 when independent) and rho for every item."""
    J = len(groups)
    weight = np.ones(J)
    index = np.full(J, -1)
    rho = np.zeros(J)
    names = list(dict.fromkeys(g for g in groups if g is not None))
    for i, g in enumerate(names):
        members = np.array([x == g for x in groups])
        index[members] = i
        rho[members] = rho_of[g]
        weight[members] = group_weight(rho_of[g], int((members & informative).sum()))
    return weight, index, rho


def split_zeros(logs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(finite part, is -inf) of log-likelihoods: sums that leave a term out subtract the
    finite parts and count the zeros apart, so that -inf never meets -inf."""
    zero = np.isinf(logs)
    return np.where(zero, 0.0, logs), zero


def with_zeros(finite_sum: np.ndarray, zeros: np.ndarray) -> np.ndarray:
    """A sum of logs from its finite part and its count of zeros (log 0 = -inf)."""
    return np.where(zeros > 0, -np.inf, finite_sum)


def leave_one_out(logs: np.ndarray) -> np.ndarray:
    """(J, K): for every item j, the sum over the other items of logs (J, K)."""
    finite, zero = split_zeros(logs)
    return with_zeros(finite.sum(axis=0) - finite, zero.sum(axis=0) - zero)


def source_parameters(
    rel_source: np.ndarray, rel_a: np.ndarray, rel_b: np.ndarray, n_sources: int
) -> tuple[np.ndarray, np.ndarray]:
    """(n_sources,) Beta parameters of each shared source's reliability, read from its first
    report (every report of a source carries the source's parameters)."""
    firsts = [int(np.argmax(rel_source == s)) for s in range(n_sources)]
    return rel_a[firsts], rel_b[firsts]
