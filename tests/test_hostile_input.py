"""Input that used to take the machine down or end in a traceback gives one line naming the file
(issue 19): decompression bombs, corrupt deflate streams, integers beyond 64 bits, huge CSV
cells, unterminated quotes, a second column of a kind."""

from __future__ import annotations

import gzip
import io

import pytest

import beliefwatch as bw
from beliefwatch.core.errors import CaseError
from beliefwatch.io import ach

MAX_MESSAGE = 300


def one_line(e: pytest.ExceptionInfo, name: str) -> str:
    msg = str(e.value)
    assert "\n" not in msg and len(msg) <= MAX_MESSAGE and name in msg, msg
    return msg


def _bomb(size: int) -> bytes:
    """A gzip of ``size`` zero bytes made a block at a time (a few KB on disk)."""
    buf = io.BytesIO()
    block = b"\0" * 2**20
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as gz:
        for _ in range(size // len(block)):
            gz.write(block)
    return buf.getvalue()


def test_a_decompression_bomb_is_refused_at_the_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(ach, "MAX_ACH_BYTES", 8 * 2**20)  # the real cap is 64 MB
    path = tmp_path / "bomb.achz"
    path.write_bytes(_bomb(32 * 2**20))
    assert path.stat().st_size < 100_000
    with pytest.raises(CaseError) as e:
        ach.import_ach(path)
    msg = one_line(e, "bomb.achz")
    assert "more than 8 MB" in msg


def test_a_corrupt_deflate_stream_is_one_line(tmp_path):
    raw = bytearray(gzip.compress(("<ACH>" + "x" * 5000 + "</ACH>").encode("utf-16")))
    raw[20] ^= 0xFF
    path = tmp_path / "bad.achz"
    path.write_bytes(bytes(raw))
    with pytest.raises(CaseError) as e:
        ach.import_ach(path)
    assert "damaged gzip" in one_line(e, "bad.achz")


@pytest.mark.parametrize("literal", ["99999999999999999999", "-" + "9" * 400, "0x" + "F" * 40])
@pytest.mark.parametrize("key", ["prior", "prior_strength"])
def test_an_integer_beyond_64_bits_is_one_line_with_its_line(write_case, literal, key):
    text = 'question = "q"\n[[hypotheses]]\nid = "a"\nprior = 0.5\n[[hypotheses]]\nid = "b"\n'
    text += (
        f"prior = {literal}\n" if key == "prior" else f"prior = 0.5\nprior_strength = {literal}\n"
    )
    path = write_case(text)
    with pytest.raises(CaseError) as e:
        bw.load_case(path)
    msg = one_line(e, "case.toml")
    assert "64-bit" in msg and "case.toml:" in msg


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        # a cell over the field limit
        ("big.csv", "evidence,H1,H2\n" + '"' + "x" * 200_000 + '",C,I\n', "131,072"),
        # an unterminated quote is refused, not swallowed into one unrated item
        ("q.csv", 'evidence,H1,H2\n"Keys missing,C,I\nWindow broken,I,C\n', "quote"),
        # a second evidence column is refused, not silently preferred
        ("two.csv", "evidence,H1,Evidence,H2\nKeys,C,Car,I\n", "two 'evidence' columns"),
    ],
    ids=["field-limit", "unterminated-quote", "second-evidence-column"],
)
def test_a_hostile_csv_is_one_line_naming_the_file(tmp_path, name, text, said):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseError) as e:
        ach.read_ach_csv(path)
    assert said in one_line(e, name)
