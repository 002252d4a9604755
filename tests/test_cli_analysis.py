"""`beliefwatch analyze` and `beliefwatch observe`, through the command line as a user runs them."""

import json
import math

import pytest

from tests.cases import TAXI as CASE

WATCH = """\
# Still watching.
[[indicators]]
id = "paint"
text = "Blue paint on the victim's car"
[indicators.likelihoods]
blue = 0.9
green = 0.1

[[indicators]]
id = "radio"
text = "The dispatcher logged a call"
[indicators.likelihoods]
blue = 0.5
green = 0.4
"""

RANGED = CASE.replace("blue = 0.8", "blue = [0.6, 0.9]").replace("green = 0.2", 'green = "II"')


def _json(out):
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_analyze_json_contract_by_hand(write_case, run_cli):
    files = [write_case(CASE, "case.toml"), write_case(WATCH, "watch.toml")]
    out = run_cli("analyze", *files, "--json")
    a = _json(out)
    assert "engine: exact · no uncertain inputs" in out.stderr
    assert set(a) == {"leader", "runner_up", "to_overtake_db", "leader_share", "conflict",
                      "items", "tornado", "indicators"}  # fmt: skip
    # 0.15 * 0.8 = 0.12 against 0.85 * 0.2 = 0.17: green leads, 0.17 / 0.29.
    assert (a["leader"], a["runner_up"]) == ("green", "blue")
    assert a["to_overtake_db"] == pytest.approx(10 * math.log10(0.17 / 0.12))
    assert a["leader_share"] == 1.0  # every input is a number
    assert a["conflict"] == pytest.approx(0.0, abs=1e-12)  # one item cannot conflict
    (item,) = a["items"]
    assert item["id"] == "witness"
    assert item["influence"]["blue"] == pytest.approx(0.12 / 0.29 - 0.15)
    assert item["bayes_factor_db"]["blue"] == pytest.approx(10 * math.log10(4))
    assert a["tornado"] == []  # nothing uncertain
    paint, radio = a["indicators"]
    assert (paint["id"], radio["id"]) == ("paint", "radio")
    # P(paint) = (0.12 * 0.9 + 0.17 * 0.1) / 0.29; then blue = 0.108 / 0.125.
    assert paint["p_happens"] == pytest.approx(0.125 / 0.29)
    assert paint["if_happens"]["blue"] == pytest.approx(0.108 / 0.125)
    assert paint["if_not"]["blue"] == pytest.approx(0.012 / 0.165)
    assert paint["gain_bits"] > radio["gain_bits"] > 0


def test_analyze_agrees_with_update_on_an_uncertain_case(write_case, run_cli):
    path = write_case(RANGED)
    a = _json(run_cli("analyze", path, "--json", "--seed", "7"))
    u = _json(run_cli("update", path, "--json", "--seed", "7"))
    cred = {h["id"]: h["credence"] for h in u["hypotheses"]}
    assert a["to_overtake_db"] == pytest.approx(
        10 * math.log10(cred[a["leader"]] / cred[a["runner_up"]])
    )
    assert 0 < a["leader_share"] <= 1
    names = [b["input"] for b in a["tornado"]]
    assert set(names) == {"likelihood:witness:blue", "likelihood:witness:green"}
    widths = [abs(b["high"] - b["low"]) for b in a["tornado"]]
    assert widths == sorted(widths, reverse=True)
    assert a["leader"] == max(cred, key=cred.get)


def test_analyze_tornado_end_by_hand(write_case, run_cli):
    case = CASE.replace("blue = 0.8", "blue = [0.6, 0.9]")
    a = _json(run_cli("analyze", write_case(case), "--json"))
    (bar,) = a["tornado"]
    assert bar["input"] == "likelihood:witness:blue"
    assert bar["low"] == pytest.approx(0.17 / (0.15 * 0.6 + 0.17))
    assert bar["high"] == pytest.approx(0.17 / (0.15 * 0.9 + 0.17))


def test_analyze_tables_without_json(write_case, run_cli):
    out = run_cli("analyze", write_case(CASE, "case.toml"), write_case(WATCH, "watch.toml"))
    assert out.returncode == 0, out.stderr
    assert "What drives the conclusion" in out.stdout
    assert "an item 1.5 times as likely under “Blue cab” as under “Green cab”" in out.stdout
    assert "Watch list" in out.stdout and "paint" in out.stdout


@pytest.mark.parametrize("flag,key", [("--happened", "if_happens"),
                                      ("--did-not-happen", "if_not")])  # fmt: skip
def test_observe_then_update_gives_the_promised_credences(write_case, run_cli, flag, key):
    files = [write_case(RANGED, "case.toml"), write_case(WATCH, "watch.toml")]
    promised = {v["id"]: v for v in _json(run_cli("analyze", *files, "--json"))["indicators"]}
    out = run_cli("observe", *files, "--indicator", "paint", flag, "--date", "2024-02-01",
                  "--source", "police")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "watch.toml" in out.stdout
    u = _json(run_cli("update", *files, "--json"))
    cred = {h["id"]: h["credence"] for h in u["hypotheses"]}
    assert cred == pytest.approx(promised["paint"][key], abs=1e-12)
    text = files[1].read_text()
    assert "# Still watching." in text and 'id = "radio"' in text
    assert 'from_indicator = "paint"' in text and 'source = "police"' in text
    # The indicator is gone from the watch list.
    left = _json(run_cli("analyze", *files, "--json"))["indicators"]
    assert [v["id"] for v in left] == ["radio"]


def test_observe_errors_are_one_line(write_case, run_cli):
    files = [write_case(CASE, "case.toml"), write_case(WATCH, "watch.toml")]
    before = files[1].read_text()
    out = run_cli("observe", *files, "--indicator", "pain", "--happened", "--date", "2024-02-01")
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "'pain'" in out.stderr and "'paint'" in out.stderr
    out = run_cli("observe", *files, "--indicator", "paint", "--happened", "--date", "02/01/24")
    assert out.returncode == 2 and "not a date like" in out.stderr
    out = run_cli("observe", *files, "--indicator", "paint", "--date", "2024-02-01")
    assert out.returncode == 2 and "--happened" in out.stderr
    out = run_cli("observe", *files, "--indicator", "paint", "--happened", "--did-not-happen",
                  "--date", "2024-02-01")  # fmt: skip
    assert out.returncode == 2
    assert files[1].read_text() == before  # nothing was written


def test_observe_refuses_an_outcome_no_hypothesis_allows(write_case, run_cli):
    watch = WATCH.replace("blue = 0.9\ngreen = 0.1", "blue = 1.0\ngreen = 1.0")
    files = [write_case(CASE, "case.toml"), write_case(watch, "watch.toml")]
    out = run_cli("observe", *files, "--indicator", "paint", "--did-not-happen",
                  "--date", "2024-02-01")  # fmt: skip
    assert out.returncode == 2 and "paint" in out.stderr and out.stderr[-1] == "\n"
    assert files[1].read_text() == watch
