"""TOML text to data, fast for big files, with TOML's own limits enforced.

Python's ``tomllib`` is pure Python: a case of 200 hypotheses x 5,000 items (14 MB) takes it
10-15 s. A file of ``FAST_FROM`` bytes or more is read by ``rtoml`` (Rust, ~10x faster) when
it is installed; anything rtoml refuses, and every smaller file, goes to ``tomllib``, whose
messages (with line numbers) the user sees. Where the two read a valid file differently (a CR LF
inside a multi-line string, kept by rtoml), the file goes to tomllib as well.
"""

from __future__ import annotations

import tomllib

FAST_FROM = 256 * 1024
# TOML integers are 64-bit; Python's tomllib reads any length, and a 400-digit number then
# overflows float() deep in the model.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1


class IntegerRangeError(ValueError):
    def __init__(self, value: int, line: int | None) -> None:
        digits = str(value)
        shown = digits if len(digits) <= 24 else f"{digits[:12]}...({len(digits)} digits)"
        self.line = line
        self.msg = f"integer {shown} is outside the 64-bit range TOML allows; write it as 1e20"
        super().__init__(self.msg)


def loads(text: str) -> dict:
    """The document's data; ``tomllib.TOMLDecodeError`` or :class:`IntegerRangeError`."""
    data = None
    if len(text) >= FAST_FROM and "\r" not in text:
        try:
            import rtoml
        except ImportError:
            rtoml = None
        if rtoml is not None:
            try:
                data = rtoml.loads(text)
            except Exception:  # rtoml's errors: let tomllib say what is wrong, and where
                data = None
    if data is None:
        data = tomllib.loads(text)
    check_integers(data, text, skip="likelihoods")
    return data


def check_integers(node, text: str, skip: str = "") -> None:
    """Refuse an integer outside 64 bits anywhere in ``node``; tables under the key ``skip``
    are left to their reader (a matrix's million cells are checked once per distinct value)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k != skip:
                check_integers(v, text, skip)
    elif isinstance(node, list):
        for v in node:
            check_integers(v, text, skip)
    elif isinstance(node, int) and not isinstance(node, bool) and not INT_MIN <= node <= INT_MAX:
        raise IntegerRangeError(node, _line_of_number(node, text))


def _line_of_number(value: int, text: str) -> int | None:
    digits = str(abs(value))
    pos = text.find(digits[:19])
    return text.count("\n", 0, pos) + 1 if pos >= 0 else None
