"""Dates as analysts type them (YYYY-MM-DD), with an error that says which part is wrong."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
FORMAT_HINT = "write it as YYYY-MM-DD, e.g. 2025-02-27"


def parse_date(text: str) -> dt.date:
    """``2025-09-03`` -> date; ValueError naming the month or day when only that is wrong."""
    m = _ISO.match(text.strip())
    if m is None:
        raise ValueError(f"date {text.strip()!r}: {FORMAT_HINT}")
    year, month, day = (int(g) for g in m.groups())
    if year < 1:
        raise ValueError(f"date {text.strip()!r}: year {year} is out of range")
    if not 1 <= month <= 12:
        raise ValueError(f"date {text.strip()!r}: month {month} is out of range (1-12)")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(
            f"date {text.strip()!r}: day {day} is out of range for {year}-{month:02d} (1-{last})"
        )
    return dt.date(year, month, day)
