"""Files written in older formats keep loading, with the same numbers."""

from pathlib import Path

import pytest

import beliefwatch as bw

FIXTURES = Path(__file__).parent / "fixtures"


def test_format_1_case_keeps_its_numbers():
    result = bw.update(bw.load_case(FIXTURES / "case-format-1.toml"))
    # r = 0.95 mixes each likelihood with the row mean c = 0.495.
    ill = 0.01 * (0.95 * 0.9 + 0.05 * 0.495)
    healthy = 0.99 * (0.95 * 0.09 + 0.05 * 0.495)
    assert result.credences["ill"] == pytest.approx(ill / (ill + healthy))
    assert result.warnings == []
