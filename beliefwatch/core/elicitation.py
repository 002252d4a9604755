"""From what the analyst types to numbers and distributions (MODEL.md section 3).

Every input - number, range, ICD 203 word, ACH rating, Admiralty letter - becomes an
:class:`Estimate`: a central value and, where it is uncertain, a 90% interval that is matched
by a Beta distribution.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property

from beliefwatch.core.betafit import FLOOR, fit_beta

# ICD 203 expressions of likelihood, with the alternative words of the directive.
ICD203: dict[str, tuple[float, float]] = {
    "almost no chance": (0.01, 0.05),
    "very unlikely": (0.05, 0.20),
    "unlikely": (0.20, 0.45),
    "roughly even chance": (0.45, 0.55),
    "likely": (0.55, 0.80),
    "very likely": (0.80, 0.95),
    "almost certain": (0.95, 0.99),
}
ICD203_SYNONYMS: dict[str, str] = {
    "remote": "almost no chance",
    "highly improbable": "very unlikely",
    "improbable": "unlikely",
    "roughly even odds": "roughly even chance",
    "probable": "likely",
    "highly probable": "very likely",
    "nearly certain": "almost certain",
}
# ACH consistency ratings: default intervals of P(item | hypothesis).
ACH: dict[str, tuple[float, float]] = {
    "CC": (0.75, 0.98),
    "C": (0.50, 0.85),
    "N": (0.30, 0.70),
    "I": (0.15, 0.50),
    "II": (0.02, 0.25),
}
UNRATED_WORDS = ("NA", "N/A", "")
# Admiralty (NATO) source reliability letters; F means the reliability cannot be judged.
ADMIRALTY: dict[str, float] = {"A": 0.95, "B": 0.80, "C": 0.60, "D": 0.40, "E": 0.20, "F": 0.50}
ADMIRALTY_NAMES = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}

KINDS = ("number", "range", "word", "rating", "letter", "unrated")
_RANGE_TEXT = re.compile(
    r"^\[?\s*([0-9.]+)\s*(%?)\s*(?:-|–|—|to|,)\s*([0-9.]+)\s*(%?)\s*\]?$", re.IGNORECASE
)


@dataclass(frozen=True)
class Estimate:
    """One elicited quantity: ``low == high`` for a fixed number."""

    kind: str
    low: float = math.nan
    high: float = math.nan
    raw: object = None  # the value as written, so a saved file keeps the analyst's words

    def __deepcopy__(self, memo) -> Estimate:
        return self  # immutable: copies of a case (one per undoable edit) can share it

    @property
    def rated(self) -> bool:
        return self.kind != "unrated"

    @property
    def uncertain(self) -> bool:
        return self.rated and self.high > self.low

    @cached_property
    def beta(self) -> tuple[float, float] | None:
        """Beta(a, b) with its 5% and 95% quantiles at the interval ends."""
        return fit_beta(self.low, self.high) if self.uncertain else None

    @cached_property
    def central(self) -> float:
        if not self.rated:
            return math.nan
        if self.beta is None:
            return self.low
        a, b = self.beta
        return a / (a + b)

    def text(self) -> str:
        """How the value reads in a table cell; parses back to the same estimate."""
        if self.kind == "unrated":
            return "NA" if self.raw is not None else ""
        if self.kind in ("word", "rating", "letter"):
            return str(self.raw)
        if self.kind == "range":
            return f"{_fmt(self.low)}-{_fmt(self.high)}"
        return _fmt(self.low)


UNRATED = Estimate("unrated")


def _fmt(x: float) -> str:
    return f"{x:.4g}"


def _number(x: object, what: str) -> float:
    if isinstance(x, bool) or not isinstance(x, int | float):
        raise ValueError(f"{what} must be a number, got {x!r}")
    v = float(x)
    if math.isnan(v):
        raise ValueError(f"{what} is NaN")
    if math.isinf(v):
        raise ValueError(f"{what} is infinite")
    if not 0.0 <= v <= 1.0:
        raise ValueError(f"{what} {_fmt(v)} is outside [0, 1]")
    # -0.0 passes the range check but keeps its sign through arithmetic: a Dirichlet
    # parameter of s * -0.0 is "negative" to numpy. Adding 0.0 turns it into +0.0.
    return v + 0.0


def _range(lo: float, hi: float, raw: object) -> Estimate:
    if lo > hi:
        raise ValueError(f"range [{_fmt(lo)}, {_fmt(hi)}] is given high-to-low")
    # Narrower than any judgement, or wholly beyond what a quantile fit resolves (both ends
    # under FLOOR or over 1 - FLOOR, where the fit clamps them to one point): a number.
    if hi - lo < 1e-9 or hi <= FLOOR or lo >= 1.0 - FLOOR:
        mid = (lo + hi) / 2
        return Estimate("number", mid, mid, raw if lo == hi else mid)
    return Estimate("range", lo, hi, raw)


def _normalise_word(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def _from_text(text: str, *, ratings: bool, letters: bool, unrated: bool) -> Estimate:
    stripped = text.strip()
    if stripped.upper() in UNRATED_WORDS:
        if unrated:
            return Estimate("unrated", raw=text if stripped else None)
        raise ValueError("a value is required here (NA/blank is not allowed)")
    if letters and stripped.upper() in ADMIRALTY and len(stripped) == 1:
        return Estimate("letter", ADMIRALTY[stripped.upper()], ADMIRALTY[stripped.upper()], text)
    if ratings and stripped.upper() in ACH:
        lo, hi = ACH[stripped.upper()]
        return Estimate("rating", lo, hi, stripped.upper())
    word = _normalise_word(stripped)
    canonical = ICD203_SYNONYMS.get(word, word)
    if canonical in ICD203:
        lo, hi = ICD203[canonical]
        return Estimate("word", lo, hi, text)
    percent = stripped.endswith("%")
    try:
        v = float(stripped.rstrip("%"))
    except ValueError:
        pass
    else:
        x = _number(v / 100 if percent else v, "probability")
        return Estimate("number", x, x, x)
    m = _RANGE_TEXT.match(stripped)
    if m:
        scale_lo = 100 if (m.group(2) or m.group(4)) else 1
        scale_hi = 100 if (m.group(4) or m.group(2)) else 1
        try:
            lo = _number(float(m.group(1)) / scale_lo, "range start")
            hi = _number(float(m.group(3)) / scale_hi, "range end")
        except ValueError as e:
            if "could not convert" in str(e):
                raise ValueError(f"cannot read {text!r} as a range") from None
            raise
        return _range(lo, hi, [lo, hi])
    options = list(ICD203) + list(ICD203_SYNONYMS)
    if ratings:
        options += list(ACH)
    if letters:
        options += list(ADMIRALTY)
    from beliefwatch.core.errors import did_you_mean

    kinds = "a number, a range, an ICD 203 word" + (", an ACH rating" if ratings else "")
    kinds += ", an Admiralty letter" if letters else ""
    raise ValueError(f"unknown value {text!r}{did_you_mean(word, options)}; expected {kinds}")


def parse_value(
    value: object,
    *,
    ratings: bool = True,
    letters: bool = False,
    unrated: bool = True,
    what: str = "probability",
) -> Estimate:
    """Parse one input as written in a TOML file or typed into a cell.

    Raises ``ValueError`` with a message meant for the user.
    """
    if value is None:
        if unrated:
            return UNRATED
        raise ValueError("a value is required here")
    if isinstance(value, str):
        return _from_text(value, ratings=ratings, letters=letters, unrated=unrated)
    if isinstance(value, list | tuple):
        if len(value) != 2:
            raise ValueError(f"a range needs exactly two numbers [low, high], got {list(value)!r}")
        lo = _number(value[0], f"{what} range start")
        hi = _number(value[1], f"{what} range end")
        return _range(lo, hi, [value[0], value[1]])
    v = _number(value, what)
    return Estimate("number", v, v, value)


def parse_likelihood(value: object) -> Estimate:
    return parse_value(value, ratings=True, unrated=True, what="likelihood")


def parse_prior(value: object) -> Estimate:
    return parse_value(value, ratings=False, unrated=False, what="prior")


def parse_reliability(value: object) -> Estimate:
    return parse_value(value, ratings=False, letters=True, unrated=False, what="reliability")


def complement(est: Estimate) -> Estimate:
    """P(it does not happen | H) = 1 - P(it happens | H), in the analyst's own vocabulary: a
    word or rating becomes its mirror ("likely" -> "unlikely", "C" -> "I"), a range [a, b]
    becomes [1 - b, 1 - a]."""
    if not est.rated:
        return est
    # 1 - 0.85 is 0.15000000000000002: keep the file as short as the analyst would write it.
    lo, hi = round(1.0 - est.high, 12), round(1.0 - est.low, 12)
    if est.kind in ("word", "rating"):
        table = ICD203 if est.kind == "word" else ACH
        for name, (a, b) in table.items():
            if abs(a - lo) < 1e-9 and abs(b - hi) < 1e-9:
                return parse_likelihood(name)
    if est.uncertain:
        return parse_likelihood([lo, hi])
    return parse_likelihood(lo)
