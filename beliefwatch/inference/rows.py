"""Each evidence item's elicited row, cached here in inference, so that building a spec does no
per-cell Python work (issue 8.4): build_spec joins the rows' bytes into its arrays.

The cache lives in this module, not on the items (core objects stay plain data): BY_ITEM maps
an item's id() to its row - a row is only ever used after its likelihoods compare equal to the
item's, so a reused id can never serve a wrong row - and BY_VALUES maps the hypothesis order and
the identities of the item's estimates to the row, so that the copies of a case made for every
undoable edit (which share their immutable estimates) find the rows of the original.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from beliefwatch.core.case import Evidence

# Each map is emptied when it grows past this (a few times the largest case worked on).
MAX_ROWS = 200_000


class _Row:
    """One item's elicited row (see item_row). Immutable once built."""

    __slots__ = ("beta", "central", "hkey", "likelihoods")

    def __init__(self, likelihoods, hkey, central, beta) -> None:
        # A copy of the item's dict when the row was built: it also keeps the estimates alive,
        # so that their ids in BY_VALUES' key are not reused while the row is cached.
        self.likelihoods = likelihoods
        self.hkey = hkey  # the hypothesis order it was built for
        self.central = central  # (K,) float64 bytes, NaN where unrated
        self.beta = beta  # None, or (3, K) float64 bytes: Beta a, Beta b, uncertain flag


BY_ITEM: dict[int, _Row] = {}
BY_VALUES: dict[tuple, _Row] = {}


def item_row(e: Evidence, hkey: tuple[str, ...], column: dict[str, int]) -> _Row:
    """The item's elicited row, from the cache while its likelihoods and the hypothesis order
    compare equal; any edit (a new value, a removed or renamed rating, a reordered hypothesis)
    rebuilds it. Estimates are immutable, so a shallow copy of the dict is a faithful key."""
    d = e.likelihoods
    cached = BY_ITEM.get(id(e))
    if cached is not None and cached.hkey is hkey and cached.likelihoods == d:
        return cached
    key = (hkey, tuple(d), tuple(map(id, d.values())))
    row = BY_VALUES.get(key)
    if row is None or row.likelihoods != d:
        row = _build(d, hkey, column)
        if len(BY_VALUES) >= MAX_ROWS:
            BY_VALUES.clear()
        BY_VALUES[key] = row
    if len(BY_ITEM) >= MAX_ROWS:
        BY_ITEM.clear()
    BY_ITEM[id(e)] = row
    return row


def _build(d: dict, hkey: tuple[str, ...], column: dict[str, int]) -> _Row:
    central = np.full(len(hkey), np.nan)
    beta = np.ones((3, len(hkey)))
    beta[2] = 0.0
    for h, est in d.items():
        k = column.get(h)
        if k is None or not est.rated:
            continue
        central[k] = est.central
        if est.beta is not None:
            beta[0, k], beta[1, k] = est.beta
            beta[2, k] = 1.0
    return _Row(dict(d), hkey, central.tobytes(), beta.tobytes() if beta[2].any() else None)


_HKEYS: dict[tuple[str, ...], tuple[str, ...]] = {}


def hypothesis_key(hids: list[str]) -> tuple[str, ...]:
    """One tuple object per hypothesis list, so a cached row is checked by identity."""
    key = tuple(hids)
    if len(_HKEYS) > 256:
        _HKEYS.clear()
    return _HKEYS.setdefault(key, key)


@lru_cache(maxsize=16, typed=True)  # typed: True and 1.0 are different arrays
def constant(J: int, K: int, value: float | bool) -> np.ndarray:
    """A read-only (J, K) array of one value: the usual all-fixed, all-rated case shares it."""
    out = np.full((J, K), value, dtype=bool if isinstance(value, bool) else float)
    out.flags.writeable = False
    return out
