"""F5's check: a quick result (exact or importance) set beside PyMC's, and which one to show.

The window shows the quick result at once, then runs PyMC in the background. PyMC's result
replaces it where the two differ by more than ``TOLERANCE`` on any credence, or where the quick
engine's own diagnostic failed; otherwise the quick result stands, confirmed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from beliefwatch.inference.result import Result

TOLERANCE = 0.01  # one percentage point, on any credence
PARETO_K_MAX = 0.7  # Vehtari et al.: above this the importance weights cannot be trusted
RHAT_GOOD = 1.01


def quick_problem(result: Result) -> str | None:
    """Why the quick result's own diagnostic failed (a few words), or None when it passed."""
    d = result.diagnostics
    if d.get("trusted") is False:  # the engine's own verdict (inference/trust.py)
        return str(d.get("criteria") or "not trusted")
    k = d.get("pareto_k")
    if isinstance(k, int | float) and k > PARETO_K_MAX:
        return f"Pareto k-hat {k:.2f} > {PARETO_K_MAX}"
    if any(math.isnan(x) for pair in result.intervals.values() for x in pair):
        ess = d.get("ess")
        few = f"only {ess:.0f} effective draws" if isinstance(ess, int | float) else None
        return few or "its interval could not be trusted"
    return None


@dataclass
class PymcCheck:
    quick: Result
    pymc: Result
    largest: float  # the largest difference of any credence, as a fraction
    problem: str | None  # the quick engine's diagnostic failure, if any

    @property
    def agrees(self) -> bool:
        return self.problem is None and self.largest <= TOLERANCE

    @property
    def shown(self) -> Result:
        """The result the window shows and exports."""
        return self.quick if self.agrees else self.pymc

    @property
    def chains(self) -> int:
        return 0 if self.pymc.draws is None else int(self.pymc.draws.shape[0])

    def _rhat(self) -> str:
        r = self.pymc.diagnostics.get("max_r_hat")
        if r is None:
            return "no r-hat"
        return f"r-hat <= {RHAT_GOOD}" if r <= RHAT_GOOD else f"r-hat up to {r:.3f}"

    def sentence(self) -> str:
        """What the check found, in one line (the words of issue 17)."""
        who = f"PyMC (NUTS, {self.chains} chains)"
        points = 100 * self.largest
        if self.agrees:
            return f"{who} agrees: largest difference {points:.1f} points, {self._rhat()}"
        if self.problem is not None:
            return (f"The {self.quick.engine} result's diagnostic failed ({self.problem}): "
                    f"{who}'s result is shown and exported instead (largest difference "
                    f"{points:.1f} points, {self._rhat()})")  # fmt: skip
        return (f"{who} differs by up to {points:.1f} points from the {self.quick.engine} "
                f"result ({self._rhat()}): PyMC's result is shown and exported "
                "instead")  # fmt: skip


def check_with_pymc(quick: Result, pymc: Result) -> PymcCheck:
    """Set the quick result beside PyMC's for the same inputs."""
    if quick.fingerprint != pymc.fingerprint:
        raise ValueError("the two results were computed from different inputs")
    largest = max(abs(quick.credences[h] - pymc.credences[h]) for h in quick.hypotheses)
    return PymcCheck(quick, pymc, float(largest), quick_problem(quick))
