"""Ids made from names (whole words) and dates as analysts type them."""

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beliefwatch.core.dates import parse_date
from beliefwatch.core.ids import is_valid_id, make_id


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@given(st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=15),
                min_size=1, max_size=8), st.integers(8, 30))  # fmt: skip
def test_an_id_from_a_name_ends_on_a_whole_word(words, max_len):
    name = " ".join(words)
    made = make_id(name, [], max_len=max_len)
    full = slug(name)
    assert is_valid_id(made) and len(made) <= max_len and full.startswith(made)
    if len(words[0]) <= max_len:  # a first word too long for the limit is cut, nothing else
        assert len(made) == len(full) or full[len(made)] == "-"


def test_ids_from_long_names_keep_whole_words():
    name = "Anchor-drag reports from the coastguard"
    assert make_id(name, [], max_len=24) == "anchor-drag-reports-from"
    assert make_id("A cargo ship loitered above the cable", [], max_len=20) == "a-cargo-ship"
    assert make_id("Supercalifragilisticexpialidocious", [], max_len=10) == "supercalif"


@given(st.dates())
def test_any_date_typed_as_iso_reads_back(d):
    assert parse_date(d.isoformat()) == d


@pytest.mark.parametrize(("text", "says"), [
    ("2025-13-40", "month 13 is out of range (1-12)"),
    ("2025-02-30", "day 30 is out of range for 2025-02 (1-28)"),
    ("2024-02-30", "day 30 is out of range for 2024-02 (1-29)"),
    ("3 March", "write it as YYYY-MM-DD"),
    ("2025/09/03", "write it as YYYY-MM-DD"),
])  # fmt: skip
def test_a_wrong_date_says_which_part_is_wrong(text, says):
    with pytest.raises(ValueError, match=re.escape(says)) as err:
        parse_date(text)
    assert repr(text) in str(err.value) and len(str(err.value)) <= 300


def test_a_typed_date_is_that_date():
    assert parse_date(" 2025-09-03 ") == dt.date(2025, 9, 3)
