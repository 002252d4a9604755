"""Each evidence item's elicited row, cached on the item, so that building a spec does no
per-cell Python work (issue 8.4): build_spec joins the rows' bytes into its arrays."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from beliefwatch.core.case import Evidence

# Where an item keeps its row: not a dataclass field, so it never shows in comparisons or files.
ROW_ATTR = "_bw_spec_row"


class _Row:
    """One item's elicited row, cached on the item (see item_row). Immutable once built, so copies
    of a case (one per undoable edit) share it, and it is left out of pickles (a worker
    process rebuilds what it needs)."""

    __slots__ = ("beta", "central", "hkey", "likelihoods")

    def __init__(self, likelihoods, hkey, central, beta) -> None:
        self.likelihoods = likelihoods  # a copy of the item's dict when the row was built
        self.hkey = hkey  # the hypothesis order it was built for
        self.central = central  # (K,) float64 bytes, NaN where unrated
        self.beta = beta  # None, or (3, K) float64 bytes: Beta a, Beta b, uncertain flag

    def __deepcopy__(self, memo) -> _Row:
        return self

    def __reduce__(self):
        return _Row, (None, None, b"", None)  # never matches: rebuilt after unpickling


def item_row(e: Evidence, hkey: tuple[str, ...], column: dict[str, int]) -> _Row:
    """The item's elicited row, from its cache while its likelihoods and the hypothesis order
    compare equal; any edit (a new value, a removed or renamed rating, a reordered hypothesis)
    rebuilds it. Estimates are immutable, so a shallow copy of the dict is a faithful key."""
    d = e.likelihoods
    cached = e.__dict__.get(ROW_ATTR)
    if cached is not None and cached.hkey is hkey and cached.likelihoods == d:
        return cached
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
    row = _Row(dict(d), hkey, central.tobytes(), beta.tobytes() if beta[2].any() else None)
    e.__dict__[ROW_ATTR] = row
    return row


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
