"""``beliefwatch --self-test``: prove that this install works end to end, offline.

Meant for a desktop bundle on a machine with no Python, no compiler and no network, and just
as useful after ``pip install``. One line per step; exit 0 only if every step worked.
"""

from __future__ import annotations

import html
import math
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Three hypotheses, one source of doubtful reliability behind two reports: an uncertain
# reliability has no closed form (MODEL.md 6a): the importance engine answers it, and the PyMC
# engine must agree.
NON_CONJUGATE = textwrap.dedent(
    """\
    format = 1
    question = "Self-test: which of three explanations?"

    [[hypotheses]]
    id = "a"
    name = "Explanation A"
    prior = 0.4

    [[hypotheses]]
    id = "b"
    name = "Explanation B"
    prior = 0.35

    [[hypotheses]]
    id = "c"
    name = "Something else"
    prior = 0.25

    [[sources]]
    id = "rumour"
    name = "A source of doubtful reliability"
    reliability = [0.3, 0.8]

    [[evidence]]
    id = "first"
    text = "A first report that favours A"
    date = 2025-01-10
    source = "rumour"
    [evidence.likelihoods]
    a = 0.8
    b = 0.3
    c = 0.3

    [[evidence]]
    id = "second"
    text = "A second report that favours A"
    date = 2025-01-20
    source = "rumour"
    [evidence.likelihoods]
    a = 0.7
    b = 0.2
    c = 0.4
    """
)


class StepFailed(Exception):
    """A check inside a step did not hold; the message says which."""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


def _check_credences(result, engine: str) -> None:
    _check(result.engine == engine, f"ran the {result.engine} engine, not {engine}")
    values = list(result.credences.values())
    _check(all(math.isfinite(v) and 0 <= v <= 1 for v in values), f"credences {values}")
    _check(abs(sum(values) - 1) < 1e-6, f"credences sum to {sum(values)}, not 1")


class _Run:
    def __init__(self, out) -> None:
        self.out = out
        self.failed = 0
        self.steps = 0
        self.values: dict[str, Any] = {}

    def step(self, label: str, fn: Callable[[], str], needs: tuple[str, ...] = ()) -> None:
        self.steps += 1
        missing = [n for n in needs if n not in self.values]
        if missing:
            self.failed += 1
            self._say("SKIP", label, f"needs the {', '.join(missing)} from a failed step")
            return
        start = time.perf_counter()
        try:
            detail = fn()
        except Exception as e:  # every failure becomes one line, and the next step still runs
            self.failed += 1
            self._say("FAIL", label, f"{type(e).__name__}: {e}".splitlines()[0])
            return
        self._say("ok", label, f"{detail} ({time.perf_counter() - start:.1f} s)")

    def _say(self, status: str, label: str, detail: str) -> None:
        print(f"{status:<4}  {label}: {detail}", file=self.out, flush=True)


def run(out=None) -> int:
    out = out or sys.stdout
    import beliefwatch as bw

    r = _Run(out)
    frozen = "desktop bundle" if getattr(sys, "frozen", False) else "Python install"
    print(
        f"BeliefWatch {bw.__version__} self-test ({frozen}, Python "
        f"{sys.version_info.major}.{sys.version_info.minor})",
        file=out,
    )
    with tempfile.TemporaryDirectory(prefix="beliefwatch-selftest-") as tmp:
        folder = Path(tmp)
        _steps(r, folder)
    if r.failed:
        print(f"self-test FAILED: {r.failed} of {r.steps} steps", file=out)
        return 1
    print(f"self-test passed: {r.steps} steps", file=out)
    return 0


def _steps(r: _Run, folder: Path) -> None:
    import beliefwatch as bw

    v = r.values

    def load_example() -> str:
        from beliefwatch.examples import example_files

        files = example_files()
        v["example"] = case = bw.load_case(*files)
        return (
            f"{len(files)} files from {files[0].parent.parent}, "
            f"{len(case.hypotheses)} hypotheses, {len(case.evidence)} items"
        )

    def auto_example() -> str:
        v["auto"] = result = bw.update(v["example"], seed=1)
        _check_credences(result, result.engine)
        _check(result.diagnostics.get("trusted", False), f"not trusted: {result.engine_line}")
        top = max(result.credences, key=result.credences.get)
        return f"{result.engine_line}; leading hypothesis {top!r} at {result.credences[top]:.3f}"

    def non_conjugate() -> str:
        from beliefwatch.inference.spec import build_spec

        path = folder / "non-conjugate.toml"
        path.write_text(NON_CONJUGATE, encoding="utf-8")
        case = bw.load_case(path)
        _check(not build_spec(case).conjugate, "the test case is conjugate after all")
        weighted = bw.update(case, seed=1)
        _check_credences(weighted, "importance")
        result = bw.update(case, engine="pymc", seed=1)
        _check_credences(result, "pymc")
        _check(result.diagnostics["max_r_hat"] < 1.05, "the chains did not mix")
        # Two engines, one model: only Monte Carlo error separates them (MODEL.md 6c).
        gap = max(abs(result.credences[h] - weighted.credences[h]) for h in case.hypothesis_ids)
        _check(gap < 0.02, f"PyMC and importance sampling differ by {gap:.3f}")
        # Doubt about the source shrinks the update: A gains, but less than it would if the
        # reports were certainly true (the same case with reliability 1, updated exactly).
        for s in case.sources:
            s.reliability = None
        sure = bw.update(case, engine="exact")
        a = result.credences["a"]
        _check(result.prior["a"] < a < sure.credences["a"], f"credence of A {a:.3f}")
        d = result.diagnostics
        return (
            f"PyMC compiled in {d.get('compile_seconds', 0):.1f} s, sampled in "
            f"{d.get('sampling_seconds', 0):.1f} s ({d['criteria']}), within {gap:.3f} of "
            f"importance sampling; credence of A {result.prior['a']:.2f} -> {a:.3f} "
            f"(a surely reliable source: {sure.credences['a']:.3f})"
        )

    def reports() -> str:
        from beliefwatch.reports import write_report

        result = v["auto"]
        case = v["example"]
        sizes = []
        for name in ("report.pdf", "report.html", "report.md"):
            path = write_report(case, result, folder / name)
            _check(path.is_file() and path.stat().st_size > 0, f"{name} is empty")
            sizes.append(f"{name} {path.stat().st_size // 1024} KB")
        _check_pdf(folder / "report.pdf")
        page = (folder / "report.html").read_text(encoding="utf-8")
        _check(html.escape(case.question) in page, "report.html lacks the question")
        md = (folder / "report.md").read_text(encoding="utf-8")
        _check("**Question:**" in md and case.hypotheses[0].id in md, "report.md lacks content")
        return ", ".join(sizes)

    def child_process() -> str:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        from beliefwatch.examples import example_files

        # The window runs full updates in a spawned child: in a frozen app that child starts
        # through the launcher again, which must hand it over to multiprocessing.
        with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
            credences, figure = pool.submit(_child_update, example_files()).result(timeout=600)
        _check(credences == v["auto"].credences, "the child's credences differ from ours")
        _check(len(figure.axes) > 0, "the child's figure came back empty")
        return "same credences as in this process, and a figure drawn there"

    def window_modules() -> str:
        import beliefwatch.gui.main_window  # noqa: F401 - what the window needs is bundled

        qt = sorted(m.split(".")[1] for m in sys.modules if m.startswith("PySide6.Qt"))
        return ", ".join(qt)

    r.step("load the bundled example", load_example)
    r.step("the example, engine chosen by auto", auto_example, needs=("example",))
    r.step("importance and PyMC engines on a non-conjugate case", non_conjugate)
    r.step("PDF, HTML and Markdown reports", reports, needs=("example", "auto"))
    r.step("an update in a child process", child_process, needs=("auto",))
    r.step("the window's modules load", window_modules)


def _child_update(files: list[Path]):
    """Run in the child: the credences, and a figure that must survive the trip back."""
    import beliefwatch as bw
    from beliefwatch import plots

    result = bw.update(bw.load_case(*files), seed=1)
    return result.credences, plots.forest(result)


def _check_pdf(path: Path) -> None:
    from pypdf import PdfReader

    _check(path.read_bytes()[:5] == b"%PDF-", "report.pdf is not a PDF")
    pages = PdfReader(path).pages
    _check(len(pages) >= 1, "report.pdf has no page")
    _check(len(pages[0].extract_text().strip()) > 0, "report.pdf has no text on page 1")
