"""Pooling a team's versions of one case (docs/team.md), checked by hand on a two-hypothesis
case: Ana reads the ink as P(ink | x) = 0.8, Ben as 0.6; both give P(ink | y) = 0.2, an
uninformative stamp item and priors 1/2, so Ana's credence in x is 0.8 and Ben's 0.6/0.8."""

import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import beliefwatch as bw
from beliefwatch.core.errors import CaseError
from beliefwatch.inference.pool import linear_pool, log_pool, pool, team_json
from beliefwatch.inference.pool_cell import PRIOR_SD, pool_cell, posterior_mu
from beliefwatch.io.team import load_team

FIX = Path(__file__).parent / "fixtures" / "team"
EXERCISE = Path(__file__).parent.parent / "priors" / "exercises" / "kuwait-1990.toml"


def two():
    return pool(load_team([FIX / "ana.toml", FIX / "ben.toml"]))


def test_two_analysts_by_hand():
    team = two()
    assert [a.name for a in team.analysts] == ["Ana", "Ben"]  # from analyst = "..."
    ana, ben = (a.result.credences for a in team.analysts)
    assert ana == pytest.approx({"x": 0.8, "y": 0.2})
    assert ben == pytest.approx({"x": 0.75, "y": 0.25})
    assert team.linear == pytest.approx({"x": 0.775, "y": 0.225})
    gx, gy = math.sqrt(0.8 * 0.75), math.sqrt(0.2 * 0.25)
    assert team.logarithmic == pytest.approx({"x": gx / (gx + gy), "y": gy / (gx + gy)})
    assert team.spread == pytest.approx({"x": 0.05, "y": 0.05})
    # The pooled ink cell is a Beta of mean m; P(ink | y) stays 0.2: credence m / (m + 0.2).
    cell = team.pooled_case.evidence[0].likelihoods["x"]
    assert cell.kind == "range" and 0.6 < cell.central < 0.8
    assert team.pooled.credences["x"] == pytest.approx(cell.central / (cell.central + 0.2))
    assert team.pooled.engine == "exact"  # Beta cells, fixed reliability: conjugate
    lo, hi = team.pooled.intervals["x"]
    assert lo < team.pooled.credences["x"] < hi and hi - lo > 0.05  # the disagreement shows
    # Only the ink differs: spread 10 log10(0.8/0.2) - 10 log10(0.6/0.2) dB; with the rest
    # pooled (the stamp says nothing) the leader x moves between 0.8 and 0.75.
    (d,) = team.disagreements
    assert d.item == "ink"
    assert d.spread_db == pytest.approx(10 * math.log10(4) - 10 * math.log10(3))
    assert d.swing == pytest.approx(0.05)
    assert d.leader == pytest.approx({"Ana": 0.8, "Ben": 0.75})
    assert d.notes == {"Ana": "Lab report; I trust it.", "Ben": "The lab was rushed."}
    assert team.partial == {} and team.warnings == []


def test_identical_files_pool_to_the_analysts_credences_exactly(tmp_path):
    for name in ("one", "two", "three"):
        shutil.copy(EXERCISE, tmp_path / f"{name}.toml")
    team = pool(load_team([tmp_path]))
    assert [a.name for a in team.analysts] == ["one", "three", "two"]  # file names, sorted
    creds = team.analysts[0].result.credences
    assert all(a.result.credences == creds for a in team.analysts)
    assert team.linear == creds and team.logarithmic == creds
    assert team.pooled.credences == creds  # the hierarchical pooling of equal judgments
    assert team.pooled.intervals == team.analysts[0].result.intervals
    assert set(team.spread.values()) == {0.0} and team.disagreements == []


def test_pool_cell_at_one_tau_is_the_normal_posterior_by_hand():
    y, tau = [1.0, -0.5, 2.0], 0.8
    (w,), (mean,), (var,) = posterior_mu(y, [0.0, 0.0, 0.0], [tau])
    prec = 1 / PRIOR_SD**2 + 3 / tau**2
    assert w == 1 and var == pytest.approx(1 / prec)
    assert mean == pytest.approx(sum(y) / tau**2 / prec)


def test_pool_cell_symmetry_and_narrowing():
    # Values symmetric about 1/2 on the logit scale pool to a cell of mean 1/2.
    sym = pool_cell([(0.3, 0.3, None), (0.7, 0.7, None)])
    assert sym.mean == pytest.approx(0.5, abs=1e-9)
    assert sym.low == pytest.approx(1 - sym.high, abs=1e-9)
    near = pool_cell([(0.68, 0.68, None), (0.72, 0.72, None)])
    far = pool_cell([(0.5, 0.5, None), (0.9, 0.9, None)])
    assert near.high - near.low < far.high - far.low  # more disagreement, a wider cell
    assert 0.6 < near.mean < 0.72
    # A fourth analyst agreeing with the first three narrows the shared value.
    three = pool_cell([(0.6, 0.6, None), (0.7, 0.7, None), (0.8, 0.8, None)])
    more = pool_cell([(0.6, 0.6, None), (0.7, 0.7, None), (0.8, 0.8, None)] * 2)
    assert more.high - more.low < three.high - three.low


def test_partial_item_counts_for_its_analysts_and_is_named(run_cli):
    team = pool(load_team([FIX]))
    names = [a.name for a in team.analysts]
    assert names == ["Ana", "Ben", "cy"]
    assert team.partial == {"alibi": ["cy"]}
    assert team.analysts[2].result.credences["x"] == pytest.approx(0.4 / 0.45)
    alibi = next(e for e in team.pooled_case.evidence if e.id == "alibi")
    assert alibi.likelihood("x").central == 0.5  # cy's own values, not pooled with others
    assert "item alibi is only in cy's case: it counts for them only" in team.warnings
    r = run_cli("pool", FIX)
    assert "Item alibi is only in cy's case" in r.stdout and "alibi" in r.stderr


def test_hypotheses_that_differ_are_one_line_naming_file_and_ids(tmp_path, run_cli):
    bad = tmp_path / "dee.toml"
    text = (FIX / "ana.toml").read_text(encoding="utf-8").replace('id = "y"', 'id = "z"')
    bad.write_text(text.replace("y = 0.", "z = 0."), encoding="utf-8")
    with pytest.raises(CaseError) as e:
        load_team([FIX / "ana.toml", bad])
    assert str(e.value) == (f"{bad}: hypothesis ids differ from ana.toml's: lacks y; adds z "
                            "(every analyst must answer the same hypotheses)")  # fmt: skip
    r = run_cli("pool", FIX / "ana.toml", bad, "--json")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "dee.toml" in r.stderr and "Traceback" not in r.stderr


def test_pool_json_contract(run_cli):
    r = run_cli("pool", FIX / "ana.toml", FIX / "ben.toml", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert list(out) == ["hypotheses", "analysts", "linear", "logarithmic", "spread", "pooled",
                         "disagreements"]  # fmt: skip
    assert out["hypotheses"] == ["x", "y"]
    assert [set(a) for a in out["analysts"]] == [{"name", "file", "credences"}] * 2
    assert out["analysts"][1]["name"] == "Ben"
    assert out["analysts"][1]["file"].endswith("ben.toml")
    assert out["linear"] == pytest.approx({"x": 0.775, "y": 0.225})
    assert set(out["pooled"]) == {"credences", "intervals", "engine"}
    assert out["pooled"]["engine"] == "exact"
    lo, hi = out["pooled"]["intervals"]["x"]
    assert lo < out["pooled"]["credences"]["x"] < hi
    assert out["disagreements"] == [
        {"item": "ink", "spread_db": pytest.approx(10 * math.log10(4 / 3)),
         "swing": pytest.approx(0.05)}
    ]  # fmt: skip
    assert out == team_json(two()) | {"analysts": out["analysts"]}


def test_pool_table_reads(run_cli):
    r = run_cli("pool", FIX / "ana.toml", FIX / "ben.toml")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "Who sent the letter?"
    assert "Ana" in lines[2] and "Ben" in lines[2] and "linear" in lines[2]
    assert lines[3].startswith("The clerk") and "80.0%" in lines[3] and "77.5%" in lines[3]
    assert "engine exact" in r.stdout  # which engine made the pooled numbers
    assert any(line.startswith("ink") and "5.0%" in line for line in lines)


def test_analyst_key_loads_and_saves(tmp_path):
    from beliefwatch.io.save import dumps_case

    case = bw.load_case(FIX / "ana.toml")
    assert case.analyst == "Ana"
    again = tmp_path / "again.toml"
    again.write_text(dumps_case(case), encoding="utf-8")
    assert bw.load_case(again).analyst == "Ana"
    bad = tmp_path / "bad.toml"
    bad.write_text((FIX / "ana.toml").read_text().replace('"Ana"', "3"), encoding="utf-8")
    with pytest.raises(CaseError, match="analyst must be text"):
        bw.load_case(bad)


def test_a_shared_priors_file_is_not_an_analyst(tmp_path):
    text = (FIX / "ana.toml").read_text(encoding="utf-8")
    head, items = text.split("[[evidence]]", 1)
    (tmp_path / "priors.toml").write_text(head.replace('analyst = "Ana"\n', ""), "utf-8")
    for who, x in (("Ana", "0.8"), ("Ben", "0.6")):
        body = items.replace("x = 0.8", f"x = {x}")
        (tmp_path / f"{who}.toml").write_text(
            f'include = ["priors.toml"]\nanalyst = "{who}"\n[[evidence]]{body}', "utf-8"
        )
    team = pool(load_team([tmp_path]))
    assert [a.name for a in team.analysts] == ["Ana", "Ben"]
    assert [d.item for d in team.disagreements] == ["ink"]


credence = st.lists(st.floats(0.01, 1), min_size=3, max_size=3).map(
    lambda v: {h: x / sum(v) for h, x in zip("abc", v, strict=True)}
)


@settings(max_examples=100, deadline=None)
@given(st.lists(credence, min_size=1, max_size=5))
def test_pools_are_distributions_within_the_analysts(creds):
    hyps = list("abc")
    lin, log = linear_pool(creds, hyps), log_pool(creds, hyps)
    for p in (lin, log):
        assert sum(p.values()) == pytest.approx(1)
    for h in hyps:
        assert min(c[h] for c in creds) - 1e-12 <= lin[h] <= max(c[h] for c in creds) + 1e-12
    assert log_pool([creds[0]] * 3, hyps) == creds[0] == linear_pool([creds[0]] * 3, hyps)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.02, 0.98), min_size=2, max_size=6))
def test_pooled_cell_lies_within_the_analysts_range_and_is_a_beta(values):
    cell = pool_cell([(v, v, None) for v in values])
    # shrinkage toward 1/2 by the prior can take the mean just past the nearest analyst
    assert min(min(values), 0.5) - 0.02 <= cell.mean <= max(max(values), 0.5) + 0.02
    assert 0 < cell.low < cell.mean < cell.high < 1 and cell.a > 0 and cell.b > 0
    assert np.isfinite([cell.a, cell.b]).all()


def test_worked_example_of_the_docs_disagrees_on_two_items():
    """docs/team.md: three analysts from the Kuwait 1990 exercise, a shared file included."""
    team = pool(load_team([Path(__file__).parent.parent / "docs" / "team-example"]))
    assert [a.name for a in team.analysts] == ["Kim Jiwoo", "Lee Minho", "Park Soyeon"]
    assert sorted(d.item for d in team.disagreements) == ["build-up-continues",
                                                          "mubarak-assurance"]  # fmt: skip
    assert team.partial == {} and team.leader == "limited"
    swings = [d.swing for d in team.disagreements]
    assert swings == sorted(swings, reverse=True) and swings[-1] > 0
    # Each disagreement's swing is the range of the leader's credence over the analysts.
    for d in team.disagreements:
        assert d.swing == pytest.approx(max(d.leader.values()) - min(d.leader.values()))


def test_missing_file_is_one_line(run_cli, tmp_path):
    r = run_cli("pool", FIX / "ana.toml", tmp_path / "nobody.toml")
    assert r.returncode == 2
    assert (
        r.stderr.strip()
        == f"beliefwatch: error: {tmp_path / 'nobody.toml'}: file or folder not found"
    )


def test_every_hypothesis_ruled_out_by_someone_is_one_line(tmp_path, run_cli):
    text = (FIX / "ana.toml").read_text(encoding="utf-8")
    (tmp_path / "a.toml").write_text(text.replace("x = 0.8", "x = 0"), encoding="utf-8")
    (tmp_path / "b.toml").write_text(
        text.replace("y = 0.2", "y = 0").replace('"Ana"', '"Bo"'), encoding="utf-8"
    )
    r = run_cli("pool", tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip() == (
        "beliefwatch: error: no logarithmic pool: every hypothesis is given 0 by some analyst "
        "(Ana: x; Bo: y)"
    )


def test_a_source_rated_differently_is_said_not_silently_chosen(tmp_path):
    text = (FIX / "ana.toml").read_text(encoding="utf-8")
    src = '[[sources]]\nid = "lab"\nreliability = "{r}"\n\n[[evidence]]\nid = "ink"'
    for who, r in (("Ana", "A"), ("Bo", "D")):
        body = text.replace('"Ana"', f'"{who}"').replace(
            '[[evidence]]\nid = "ink"', src.format(r=r)
        )
        (tmp_path / f"{who}.toml").write_text(
            body.replace('text = "The ink', 'source = "lab"\ntext = "The ink'), "utf-8"
        )
    team = pool(load_team([tmp_path]))
    assert "source lab: analysts differ on its reliability; Ana's is used" in team.warnings
    assert team.pooled_case.sources[0].reliability.low == 0.95  # Ana's A
