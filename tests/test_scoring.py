"""Brier, log, coherence and calibration by hand; resolution, estimates and include in files."""

import datetime as dt
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import beliefwatch as bw
from beliefwatch.core.errors import CaseError
from beliefwatch.inference.scoring import (
    bin_index,
    brier,
    calibration,
    coherent,
    compare_estimate,
    log_score,
    score,
    score_cases,
)
from beliefwatch.io.save import dumps_case

FIX = Path(__file__).parent / "fixtures" / "training"


def test_brier_and_log_by_hand():
    p = {"a": 0.7, "b": 0.2, "c": 0.1}
    assert brier(p, "a") == pytest.approx(0.3**2 + 0.2**2 + 0.1**2)  # 0.14
    assert brier(p, "c") == pytest.approx(0.7**2 + 0.2**2 + 0.9**2)  # 1.34
    assert log_score(p, "a") == pytest.approx(math.log(0.7))
    assert brier({"a": 1.0, "b": 0.0}, "a") == 0
    assert brier({"a": 0.0, "b": 1.0}, "a") == 2
    assert log_score({"a": 0.0, "b": 1.0}, "a") == -math.inf


def test_trainee_numbers_are_normalised():
    s = score({"a": 70, "b": 20, "c": 10}, ["a", "b", "c"], "a")
    assert s.credences == pytest.approx({"a": 0.7, "b": 0.2, "c": 0.1})
    assert s.brier == pytest.approx(0.14)
    assert s.log == pytest.approx(math.log(0.7))
    # A hypothesis left out counts as 0.
    assert score({"a": 0.5, "b": 0.5}, ["a", "b", "c"], "c").brier == pytest.approx(1.5)


@pytest.mark.parametrize(
    ("values", "ok"),
    [((0.5, 0.5), True), ((0.6, 0.42), True), ((0.5, 0.48), True), ((0.6, 0.43), False),
     ((0.5, 0.47), False), ((60, 40), False)],
)  # fmt: skip
def test_coherence_is_within_two_points(values, ok):
    assert coherent(dict(zip("ab", values, strict=True))) is ok


@given(st.lists(st.floats(0, 10), min_size=2, max_size=6).filter(lambda v: sum(v) > 1e-6),
       st.integers(0, 5))  # fmt: skip
def test_brier_bounds(values, k):
    hyps = [f"h{i}" for i in range(len(values))]
    answer = hyps[k % len(hyps)]
    s = score(dict(zip(hyps, values, strict=True)), hyps, answer)
    assert -1e-12 <= s.brier <= 2 + 1e-12
    assert s.log <= 1e-12
    # Brier = (1 - p)^2 + sum of the others' squares: at least (1 - p)^2.
    assert s.brier >= (1 - s.credences[answer]) ** 2 - 1e-12


def test_calibration_bins_by_hand():
    forecasts = [(1.0, True), (0.95, False), (0.0, False), (0.05, False), (0.1, True),
                 (0.3, True), (0.7, False), (0.69, True)]  # fmt: skip
    bins = calibration(forecasts)
    assert [(b["lo"], b["hi"]) for b in bins] == [(i / 10, (i + 1) / 10) for i in range(10)]
    assert [b["n"] for b in bins] == [2, 1, 0, 1, 0, 0, 1, 1, 0, 2]
    last = bins[9]  # 1.0 belongs to the last bin
    assert last["mean_forecast"] == pytest.approx(0.975)
    assert last["frequency"] == 0.5
    assert bins[0]["mean_forecast"] == pytest.approx(0.025)
    assert bins[0]["frequency"] == 0
    assert bins[1]["frequency"] == 1  # 0.1 starts bin [0.1, 0.2)
    assert bins[6]["frequency"] == 1 and bins[7]["frequency"] == 0
    assert bins[2]["mean_forecast"] is None and bins[2]["frequency"] is None


@given(st.lists(st.tuples(st.floats(0, 1), st.booleans()), max_size=50))
def test_calibration_invariants(forecasts):
    bins = calibration(forecasts)
    assert len(bins) == 10
    assert sum(b["n"] for b in bins) == len(forecasts)
    for b in bins:
        if b["n"]:
            assert b["lo"] - 1e-12 <= b["mean_forecast"] <= b["hi"] + 1e-12
            assert 0 <= b["frequency"] <= 1


@given(st.floats(0, 1))
def test_bin_index_holds_the_forecast(p):
    i = bin_index(p)
    assert i / 10 <= p and (p < (i + 1) / 10 or (i == 9 and p <= 1))


# ---- the case file: [resolution], [[estimates]], include ----


def test_resolution_estimates_and_include_load():
    case = bw.load_case(FIX / "fire.toml")
    assert case.resolution.answer == "y"
    assert [e.analyst for e in case.estimates] == ["Kim Jiwoo", "Lee Minho"]
    assert case.estimates[0].credences == {"x": 0.5, "y": 0.5}
    assert [e.id for e in case.evidence] == ["smell"]  # from the included file
    assert [p.name for p in case.includes] == ["fire-items.toml"]
    leak = bw.load_case(FIX / "leak.toml")
    assert leak.resolution.date == dt.date(2025, 3, 1)
    assert leak.resolution.source == "inquiry report"
    assert leak.estimates[0].recorded == dt.datetime(2025, 2, 1, 10, 0)


def test_save_keeps_resolution_estimates_and_include(tmp_path):
    case = bw.load_case(FIX / "fire.toml")
    out = tmp_path / "sub" / "fire-copy.toml"
    bw.save_case(case, out)
    text = out.read_text(encoding="utf-8")
    assert "smell" not in text  # the included item stays in its own file
    again = bw.load_case(out)
    assert again.resolution == case.resolution
    assert again.estimates == case.estimates
    assert [e.id for e in again.evidence] == ["smell"]
    assert dumps_case(again, out.parent) == text


def test_files_without_training_keys_write_none():
    case = bw.load_case(Path(__file__).parent / "fixtures" / "case-format-1.toml")
    text = dumps_case(case)
    for key in ("resolution", "estimates", "include"):
        assert key not in text


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ('[resolution]\nanswer = "q"\n', ["resolution", "answer 'q' is not a hypothesis"]),
        ("[resolution]\ndate = 2025-01-01\n", ["resolution", "has no answer"]),
        ('[resolution]\nanswer = "a"\nwhen = 1\n', ["unknown key 'when'"]),
        ('[resolution]\nanswer = "a"\ndate = "soon"\n', ["date must be a date"]),
        ('[[estimates]]\nanalyst = "K"\n[estimates.credences]\na = -1\n',
         ["estimate #1 (K)", "credence for 'a' must be a number >= 0"]),
        ('[[estimates]]\nanalyst = "K"\n[estimates.credences]\nq = 0.5\n',
         ["estimate #1 (K)", "unknown hypothesis 'q'"]),
        ('[[estimates]]\nanalyst = "K"\n[estimates.credences]\na = 0\nb = 0\n',
         ["estimate #1 (K)", "all 0"]),
        ('[[estimates]]\n[estimates.credences]\na = 1\n', ["estimate #1", "has no analyst"]),
        ('[[estimates]]\nanalyst = "K"\nrecorded = "Tuesday"\n[estimates.credences]\na = 1\n',
         ["recorded must be a date and time"]),
        ('include = ["nowhere.toml"]\n', ["include", "no file 'nowhere.toml'"]),
        ('include = "other.toml"\n', ["include must be a list"]),
        ("include = [3]\n", ["include: 3 is not a file path"]),
    ],
)  # fmt: skip
def test_training_keys_bad_values_are_one_line(write_case, extra, words):
    top = extra if extra.startswith("include") else ""
    tables = "" if top else extra
    p = write_case(
        f'{top}question = "Q"\n[[hypotheses]]\nid = "a"\n[[hypotheses]]\nid = "b"\n{tables}'
    )
    with pytest.raises(CaseError) as err:
        bw.load_case(p)
    msg = str(err.value)
    assert "\n" not in msg and p.name in msg
    for w in words:
        assert w in msg


def test_two_resolutions_are_an_error(tmp_path):
    a = tmp_path / "a.toml"
    b = tmp_path / "b.toml"
    a.write_text('include = ["b.toml"]\n[[hypotheses]]\nid = "x"\n[resolution]\nanswer = "x"\n')
    b.write_text('[[hypotheses]]\nid = "y"\n[resolution]\nanswer = "y"\n')
    with pytest.raises(CaseError, match="b.toml.*a second"):
        bw.load_case(a)


def test_a_file_given_and_included_is_read_once():
    case = bw.load_case(FIX / "fire.toml", FIX / "evidence" / "fire-items.toml")
    assert [e.id for e in case.evidence] == ["smell"]


# ---- scoring resolved cases ----


def test_score_cases_by_hand():
    entries = []
    for name in ("leak.toml", "fire.toml"):
        case = bw.load_case(FIX / name)
        entries.append((name, case, bw.update(case).credences))
    out = score_cases(entries)
    leak, fire = out["cases"]
    # leak: credences 0.75 / 0.25, answer a.
    assert leak["computed"]["brier"] == pytest.approx(2 * 0.25**2)
    assert leak["computed"]["log"] == pytest.approx(math.log(0.75))
    kim, lee = leak["estimates"]
    assert (kim["analyst"], kim["brier"], kim["coherent"]) == (
        "Kim Jiwoo",
        pytest.approx(0.32),
        True,
    )
    assert kim["log"] == pytest.approx(math.log(0.6))
    assert lee["brier"] == pytest.approx(0.7**2 + 0.7**2)  # 30/70 normalised to 0.3/0.7
    assert (lee["coherent"], lee["sum"]) == (False, 100)
    # fire: credences 0.55 / 0.33 / 0.12, answer y.
    assert fire["computed"]["brier"] == pytest.approx(0.55**2 + 0.67**2 + 0.12**2)
    assert fire["computed"]["log"] == pytest.approx(math.log(0.33))
    assert fire["estimates"][0]["brier"] == pytest.approx(0.5)  # z left out: 0
    assert fire["estimates"][1]["brier"] == pytest.approx(0.04 + 0.09 + 0.01)
    mean = out["mean"]
    assert mean["computed"]["brier"] == pytest.approx((0.125 + 0.7658) / 2)
    assert mean["computed"]["log"] == pytest.approx((math.log(0.75) + math.log(0.33)) / 2)
    assert mean["estimates"]["brier"] == pytest.approx((0.32 + 0.98 + 0.5 + 0.14) / 4)
    assert mean["estimates"]["log"] == pytest.approx(
        (math.log(0.6) + math.log(0.3) + math.log(0.5) + math.log(0.7)) / 4
    )
    comp = out["calibration"]["computed"]
    # Forecasts 0.75 T, 0.25 F, 0.55 F, 0.33 T, 0.12 F.
    assert [b["n"] for b in comp] == [0, 1, 1, 1, 0, 1, 0, 1, 0, 0]
    assert [b["frequency"] for b in comp if b["n"]] == [0, 0, 1, 0, 1]
    est = out["calibration"]["estimates"]
    # Kim 0.6 T 0.4 F | Lee 0.3 T 0.7 F | Kim 0.5 F 0.5 T 0 F | Lee 0.2 F 0.7 T 0.1 F
    assert [b["n"] for b in est] == [1, 1, 1, 1, 1, 2, 1, 2, 0, 0]
    assert est[5]["frequency"] == 0.5 and est[7]["frequency"] == 0.5
    assert est[6]["frequency"] == 1 and est[3]["frequency"] == 1
    # Murphy: computed forecasts sit one per bin, so reliability = Brier and resolution =
    # uncertainty = 0.4 * 0.6; estimates: base rate 4/10, bins 0.5 and 0.7 hold two each.
    mc, me = out["murphy"]["computed"], out["murphy"]["estimates"]
    brier_c = (0.25**2 * 2 + 0.55**2 + 0.67**2 + 0.12**2) / 5
    assert mc == pytest.approx({"reliability": brier_c, "resolution": 0.24, "uncertainty": 0.24,
                                "brier_binary": brier_c})  # fmt: skip
    assert me == pytest.approx({"reliability": 0.094, "resolution": 0.14, "uncertainty": 0.24,
                                "brier_binary": (0.32 + 0.98 + 0.5 + 0.14) / 10})  # fmt: skip


def test_compare_estimate_for_training_mode():
    case = bw.load_case(FIX / "fire.toml")
    result = bw.update(case)
    kim = case.estimates[0]  # x 0.5, y 0.5, z left out
    out = compare_estimate(case, kim, result)
    x = out["hypotheses"]["x"]
    assert x == pytest.approx({"estimate": 0.5, "computed": 0.55, "gap": -0.05})
    z = out["hypotheses"]["z"]
    assert z == pytest.approx({"estimate": 0, "computed": 0.12, "gap": -0.12})
    assert (out["sum"], out["coherent"]) == (1.0, True)
    assert out["scores"]["estimate"]["brier"] == pytest.approx(0.5)
    assert out["scores"]["computed"]["brier"] == pytest.approx(0.55**2 + 0.67**2 + 0.12**2)
    case.resolution = None
    assert "scores" not in compare_estimate(case, kim, result.credences)


def test_include_cycle_is_read_once(tmp_path):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text('include = ["b.toml"]\n[[hypotheses]]\nid = "x"\n[[hypotheses]]\nid = "y"\n')
    b.write_text('include = ["a.toml"]\n[[evidence]]\nid = "e"\ntext = "t"\n')
    case = bw.load_case(a)
    assert [e.id for e in case.evidence] == ["e"]
    assert case.includes == [b]
    assert case.included == {("evidence", "e")}  # a's own content is not "included"


def test_calibration_diagram_shows_bins_and_counts():
    import sys

    from matplotlib.figure import Figure

    from beliefwatch.plots.calibration import calibration_diagram

    bins = calibration([(0.05, False), (0.05, True), (0.72, True), (1.0, True)])
    fig = calibration_diagram({"computed": bins})
    assert isinstance(fig, Figure)
    assert (
        "matplotlib.pyplot" not in sys.modules or not sys.modules["matplotlib.pyplot"].get_fignums()
    )
    ax, counts = fig.axes
    line = next(ln for ln in ax.get_lines() if ln.get_label().startswith("computed"))
    assert list(line.get_xdata()) == pytest.approx([0.05, 0.72, 1.0])
    assert list(line.get_ydata()) == [0.5, 1.0, 1.0]
    assert "4 forecasts" in line.get_label()
    heights = [p.get_height() for p in counts.patches]
    assert heights == [2, 0, 0, 0, 0, 0, 0, 1, 0, 1]
    assert sorted(t.get_text() for t in counts.texts) == ["1", "1", "2"]


@given(st.lists(st.floats(0.01, 10), min_size=2, max_size=5), st.floats(0.01, 100))
def test_scores_do_not_depend_on_the_scale_typed(values, k):
    hyps = [f"h{i}" for i in range(len(values))]
    a = score(dict(zip(hyps, values, strict=True)), hyps, "h0")
    b = score({h: k * v for h, v in zip(hyps, values, strict=True)}, hyps, "h0")
    assert b.brier == pytest.approx(a.brier, abs=1e-9)
    assert b.log == pytest.approx(a.log, abs=1e-9)


analysts = st.text(st.sampled_from("ab 김\"\\'\n#="), min_size=1, max_size=10)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(analysts, st.lists(st.floats(0, 100), min_size=3, max_size=3),
                  st.none() | st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 1, 1))),
        max_size=3,
    ).filter(lambda es: all(sum(v) > 0 for _, v, _ in es)),
    st.sampled_from(["a", "b", "c"]),
    st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
)  # fmt: skip
def test_resolution_and_estimates_survive_save_and_load(tmp_path_factory, ests, answer, day):
    from beliefwatch.core.case import AnalystEstimate, Resolution

    folder = tmp_path_factory.mktemp("rt")
    base = folder / "base.toml"
    base.write_text(
        '[[hypotheses]]\nid = "a"\n[[hypotheses]]\nid = "b"\n[[hypotheses]]\nid = "c"\n'
    )
    case = bw.load_case(base)
    case.resolution = Resolution(answer, day, "a 'source'")
    case.estimates = [
        AnalystEstimate(name, dict(zip("abc", v, strict=True)), when) for name, v, when in ests
    ]
    bw.save_case(case, folder / "saved.toml")
    again = bw.load_case(folder / "saved.toml")
    assert again.resolution == case.resolution
    assert again.estimates == case.estimates


# -- Murphy (1973) decomposition -------------------------------------------------------------


def test_murphy_by_hand_equal_forecasts_within_bins():
    from beliefwatch.inference.scoring import murphy, murphy_gap

    # Bin 0.8: three forecasts, 2 came true; bin 0.2: three, 1 came true; base rate 1/2.
    fc = [(0.8, True), (0.8, True), (0.8, False), (0.2, False), (0.2, False), (0.2, True)]
    m = murphy(fc)
    assert m["reliability"] == pytest.approx((3 * (0.8 - 2 / 3) ** 2 + 3 * (0.2 - 1 / 3) ** 2) / 6)
    assert m["reliability"] == pytest.approx(0.0177778, abs=1e-7)
    assert m["resolution"] == pytest.approx(1 / 36)
    assert m["uncertainty"] == pytest.approx(0.25)
    assert m["brier_binary"] == pytest.approx((4 * 0.04 + 2 * 0.64) / 6)  # 0.24
    assert murphy_gap(m) == pytest.approx(0, abs=1e-12)


def test_murphy_gap_by_hand_unequal_forecasts_in_a_bin():
    from beliefwatch.inference.scoring import murphy, murphy_gap

    m = murphy([(0.1, False), (0.19, True)])  # one bin, mean forecast 0.145, frequency 1/2
    assert m["reliability"] == pytest.approx(0.355**2)
    assert (m["resolution"], m["uncertainty"]) == (0, 0.25)
    assert m["brier_binary"] == pytest.approx((0.01 + 0.81**2) / 2)
    # within-bin variance of f (0.045²) less twice its covariance with o (0.045 · 0.5)
    assert murphy_gap(m) == pytest.approx(0.045**2 - 2 * 0.045 * 0.5)
    assert murphy([]) is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 9), st.floats(0, 1), st.booleans(), st.integers(1, 4)),
        min_size=1,
        max_size=30,
    )
)
def test_murphy_identity_and_bounds(groups):
    """One forecast value per bin (repeated n times): Brier = REL - RES + UNC exactly; every
    term is >= 0 and the uncertainty <= 0.25."""
    from beliefwatch.inference.scoring import murphy, murphy_gap

    value = {}  # one value per bin, taken from the first group that lands there
    fc = []
    for b, u, hit, n in groups:
        p = value.setdefault(b, (b + min(u, 0.999)) / 10)
        fc += [(p, hit)] * n
    m = murphy(fc)
    assert murphy_gap(m) == pytest.approx(0, abs=1e-9)
    assert all(m[k] >= 0 for k in m)
    assert m["uncertainty"] <= 0.25


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=1, max_size=40))
def test_murphy_terms_nonnegative_for_any_forecasts(fc):
    from beliefwatch.inference.scoring import murphy

    m = murphy(fc)
    assert all(m[k] >= 0 for k in m) and m["uncertainty"] <= 0.25
    assert m["resolution"] <= m["uncertainty"] + 1e-12  # the base rate's variance bounds it


def test_murphy_words_read_like_a_verdict():
    from beliefwatch.inference.scoring import murphy_words

    flat = {"reliability": 0.002, "resolution": 0.01, "uncertainty": 0.2, "brier_binary": 0.192}
    assert murphy_words(flat).startswith(
        "Your forecasts were well calibrated but did not discriminate"
    )
    sharp = {"reliability": 0.08, "resolution": 0.15, "uncertainty": 0.2, "brier_binary": 0.13}
    assert murphy_words(sharp).startswith("Your forecasts were poorly calibrated but discriminated")
    good = {"reliability": 0.005, "resolution": 0.15, "uncertainty": 0.2, "brier_binary": 0.055}
    assert "well calibrated and discriminated well" in murphy_words(good)
    assert "unequal forecasts" not in murphy_words(good)
