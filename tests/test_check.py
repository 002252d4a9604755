"""F5's check: the quick result beside PyMC's, and which one the window shows and exports.

PyMC's side is built here from the same spec with known credences (the engine itself is
cross-checked against the exact one in test_pymc_engine.py and, through the window, in
tests/gui/test_f5.py): what is tested is the rule and its words."""

import numpy as np
import pytest

from beliefwatch.inference.check import check_with_pymc, quick_problem
from beliefwatch.inference.engines import run_exact
from beliefwatch.inference.result import make_result
from beliefwatch.inference.spec import build_spec
from tests.cases import make_case

CASE = make_case([0.5, 0.3, 0.2], [[[0.6, 0.9], 0.2, 0.4], [0.6, 0.5, 0.1]])


def _quick():
    return run_exact(build_spec(CASE), draws=500, chains=4, seed=1, prob=0.9)


def _pymc(shift: float, r_hat: float = 1.004):
    """A PyMC-engine result whose credences differ from the quick ones by ``shift`` (moved
    from the last hypothesis to the first)."""
    spec = build_spec(CASE)
    quick = _quick()
    cred = np.array([quick.credences[h] for h in spec.hypotheses])
    cred[0] += shift
    cred[-1] -= shift
    draws = np.broadcast_to(cred, (4, 10, spec.K)).copy()
    return make_result(spec, "pymc", cred, cred - 0.05, cred + 0.05, 0.9, quick.steps, [], draws,
                       1, diagnostics={"max_r_hat": r_hat})  # fmt: skip


def test_agreement_within_a_point_keeps_the_quick_result():
    quick = _quick()
    check = check_with_pymc(quick, _pymc(0.003))
    assert check.agrees and check.shown is quick
    assert check.largest == pytest.approx(0.003)
    assert check.sentence() == (
        "PyMC (NUTS, 4 chains) agrees: largest difference 0.3 points, r-hat <= 1.01"
    )


def test_more_than_a_point_apart_shows_pymc_and_says_so():
    pymc = _pymc(0.015, r_hat=1.02)
    check = check_with_pymc(_quick(), pymc)
    assert not check.agrees and check.shown is pymc
    assert check.sentence() == (
        "PyMC (NUTS, 4 chains) differs by up to 1.5 points from the exact result "
        "(r-hat up to 1.020): PyMC's result is shown and exported instead"
    )


def test_a_failed_quick_diagnostic_shows_pymc_even_when_they_agree():
    quick = _quick()
    quick.intervals["h0"] = (float("nan"), float("nan"))
    quick.diagnostics = {"method": "importance", "ess": 17.0}
    assert quick_problem(quick) == "only 17 effective draws"
    check = check_with_pymc(quick, _pymc(0.0))
    assert not check.agrees and check.shown is check.pymc
    assert check.sentence().startswith("The exact result's diagnostic failed (only 17 effective")
    quick.diagnostics = {"pareto_k": 0.93}
    assert quick_problem(quick) == "Pareto k-hat 0.93 > 0.7"


def test_results_of_different_inputs_are_never_compared():
    other = make_case([0.5, 0.3, 0.2], [[0.9, 0.2, 0.4], [0.6, 0.5, 0.1]])
    with pytest.raises(ValueError, match="different inputs"):
        check_with_pymc(run_exact(build_spec(other), draws=10, chains=1, seed=1, prob=0.9),
                        _pymc(0.0))  # fmt: skip


def test_an_engine_that_says_it_is_not_trusted_is_checked_by_pymc():
    quick = _quick()
    quick.diagnostics = {"trusted": False, "criteria": "Pareto k̂ 0.91 > 0.7"}
    assert quick_problem(quick) == "Pareto k̂ 0.91 > 0.7"
    assert not check_with_pymc(quick, _pymc(0.0)).agrees
