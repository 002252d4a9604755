"""F5 (issue 17): a full result at once, then PyMC's check in the background, and what it found.

The quick result comes from ``update(engine="auto")`` in the background process; on the case
here (conjugate: ranged cells, no dependence group) that is the exact engine. One test runs the
real PyMC check (slow); the others put an in-process stand-in for the background process whose
"PyMC" differs by a chosen amount, to see what the window shows and exports when they disagree.
"""

import numpy as np
import pytest
from PySide6.QtCore import QObject, Qt, Signal, Slot

from beliefwatch.runner import _JOBS, ReportRequest, UpdateRequest, WarmRequest
from tests.gui.conftest import CASE

pytestmark = pytest.mark.gui


@pytest.fixture
def conjugate(window, tmp_path):
    """The window on the test case without its dependence group: the exact engine's case."""
    path = tmp_path / "conjugate.toml"
    path.write_text(CASE.replace('group = "wire"\n', ""), encoding="utf-8")
    assert window.open_files([path])
    return window


def press_f5(window, qtbot):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F5)


class _OnMainThread(QObject):
    """Runs a function on the thread it was made on, for a caller on another thread. The real
    jobs build matplotlib figures, which the window draws on its own thread: in the app they
    are built in another process; in this one, two threads at once crashed matplotlib."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run, Qt.ConnectionType.BlockingQueuedConnection)

    @Slot(object)
    def _run(self, box) -> None:
        fn, out = box
        try:
            out.append((True, fn()))
        except BaseException as e:
            out.append((False, e))

    def __call__(self, fn):
        out = []
        self.call.emit((fn, out))
        ok, value = out[0]
        if not ok:
            raise value
        return value


class StandInProcess:
    """The background process, in this process: the real jobs, except that "PyMC" returns the
    exact result with ``shift`` moved from the last hypothesis to the first. Made on the
    window's thread, it runs each job there (see _OnMainThread)."""

    def __init__(self, shift: float) -> None:
        self.shift = shift
        self.requests = []
        self.on_main_thread = _OnMainThread()

    def run(self, request, *, progress=None, cancel=None):
        self.requests.append(request)
        return self.on_main_thread(lambda: self._job(request, progress, cancel))

    def _job(self, request, progress, cancel):
        kw = {"progress": progress or (lambda f, m: None), "cancel": cancel}
        if isinstance(request, UpdateRequest) and request.engine == "pymc":
            return self._pymc(request)
        if isinstance(request, UpdateRequest):
            return _JOBS[UpdateRequest](request, **kw)
        if isinstance(request, WarmRequest):
            return None
        assert isinstance(request, ReportRequest)
        return _JOBS[ReportRequest](request, **kw)

    def _pymc(self, request):
        from beliefwatch import plots
        from beliefwatch.inference.engines import run_exact
        from beliefwatch.inference.result import make_result
        from beliefwatch.inference.spec import build_spec

        spec = build_spec(request.case)
        exact = run_exact(spec, draws=100, chains=4, seed=1, prob=0.9)
        cred = np.array([exact.credences[h] for h in spec.hypotheses])
        cred[0] += self.shift
        cred[-1] -= self.shift
        ones = dict.fromkeys(spec.hypotheses, 1.0)
        many = dict.fromkeys(spec.hypotheses, 3000.0)
        diagnostics = {"r_hat": ones, "ess_bulk": many, "ess_tail": many, "divergences": 0,
                       "max_r_hat": 1.0, "min_ess_bulk": 3e3, "min_ess_tail": 3e3}  # fmt: skip
        result = make_result(spec, "pymc", cred, cred - 0.05, cred + 0.05, 0.9, exact.steps, [],
                             exact.draws, 1, diagnostics=diagnostics)  # fmt: skip
        return result, {"forest": plots.forest(result), "dists": plots.posterior_dists(result)}


@pytest.fixture
def stand_in(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from beliefwatch.gui import worker

    def refuse(_parent, title, message):  # a modal box would block the test: fail it instead
        raise AssertionError(f"{title}: {message}")

    monkeypatch.setattr(QMessageBox, "critical", refuse)
    monkeypatch.setattr(QMessageBox, "warning", refuse)

    def install(shift):
        process = StandInProcess(shift)
        monkeypatch.setattr(worker, "runner", lambda _lane="quick": process)
        return process

    return install


def test_f5_shows_the_exact_result_at_once_and_a_cancelled_check_says_so(conjugate, qtbot):
    w = conjugate
    with qtbot.waitSignal(w.full.check_started, timeout=120_000):
        press_f5(w, qtbot)
    assert w.full.result.engine == "exact" and w.full.checking
    assert w.tabs.currentWidget() is w.full_panel and w.full_panel.forest.figure is not None
    line = w.full_panel.engine_line.text()
    assert f"Numbers from</b> {w.full.result.engine_line}" in line
    assert "PyMC (NUTS) is checking the exact result" in line
    assert not w.actions["full"].isEnabled() and w.cancel_button.isVisible()
    with qtbot.waitSignal(w.full.finished, timeout=60_000):
        qtbot.keyClick(w, Qt.Key.Key_Escape)
    assert "PyMC's check was cancelled; the numbers shown are unchecked" in (
        w.full_panel.engine_line.text()
    )
    assert w.full.result.engine == "exact" and w.full.check is None
    assert w.actions["full"].isEnabled() and not w.cancel_button.isVisible()


@pytest.mark.slow
def test_f5_then_pymc_checks_the_exact_result_and_agrees(conjugate, qtbot, tmp_path):
    w = conjugate
    with qtbot.waitSignal(w.full.finished, timeout=600_000):
        press_f5(w, qtbot)
    check = w.full.check
    assert check is not None and check.pymc.engine == "pymc"
    # The closed form and NUTS estimate the same posterior mean: within a point.
    assert check.agrees and check.largest <= 0.01
    line = w.full_panel.engine_line.text()
    assert "PyMC (NUTS, 4 chains) agrees: largest difference" in line and "r-hat" in line
    assert w.full.result is check.quick and w.full.result.engine == "exact"
    table = w.full_panel.diag_table
    assert table.rowCount() == 4 and float(table.item(0, 1).text()) < 1.05
    assert "PyMC's check" in w.full_panel.diag_note.text()
    target = tmp_path / "checked.md"
    with qtbot.waitSignal(w.exporter.done, timeout=120_000):
        assert w.exporter.start(target)
    assert "exact engine (checked by PyMC)" in w.statusBar().currentMessage()


def test_pymc_is_shown_and_exported_where_it_differs_by_more_than_a_point(
    conjugate, qtbot, stand_in, tmp_path
):
    w = conjugate
    process = stand_in(0.02)
    with qtbot.waitSignal(w.full.finished, timeout=60_000):
        press_f5(w, qtbot)
    assert [r.engine for r in process.requests] == ["auto", "pymc"]
    assert w.full.result.engine == "pymc" and not w.full.check.agrees
    line = w.full_panel.engine_line.text()
    assert f"Numbers from</b> {w.full.result.engine_line}" in line
    assert "differs by up to 2.0 points from the exact result" in line
    assert "PyMC's result is shown and exported instead" in line
    target = tmp_path / "differs.md"
    with qtbot.waitSignal(w.exporter.done, timeout=60_000):
        assert w.exporter.start(target)
    assert process.requests[-1].result is w.full.result  # PyMC's, not computed afresh
    assert "pymc engine" in w.statusBar().currentMessage()


def test_an_edit_during_the_check_leaves_its_verdict_marked_out_of_date(conjugate, qtbot, stand_in):
    w = conjugate
    stand_in(0.002)

    def edit(_engine):
        w.matrix.view.setCurrentIndex(w.matrix.model.index(0, 0))
        w.edits.remove_item()

    w.full.check_started.connect(edit)
    with qtbot.waitSignal(w.full.finished, timeout=60_000):
        press_f5(w, qtbot)
    assert w.full.check.agrees and w.full.stale and w.full_panel.banner.isVisible()
    assert w.full.fresh_result() is None  # an export now computes afresh
    w.doc.undo_stack.undo()
    assert not w.full.stale and w.full.fresh_result() is w.full.check.quick


def test_the_engine_menu_forces_pymc_alone(conjugate, qtbot, stand_in):
    w = conjugate
    process = stand_in(0.0)
    w.actions["engine_pymc"].trigger()
    assert w.actions["engine_pymc"].isChecked() and not w.actions["engine_auto"].isChecked()
    with qtbot.waitSignal(w.full.finished, timeout=60_000):
        w.actions["full"].trigger()
    assert [r.engine for r in process.requests] == ["pymc"]
    assert w.full.result.engine == "pymc" and w.full.check is None
    assert f"Numbers from</b> {w.full.result.engine_line}" in w.full_panel.engine_line.text()
    w.actions["engine_auto"].trigger()
    assert w.full.engine == "auto"


def test_f5_shows_its_result_while_the_compile_ahead_still_runs(conjugate, qtbot, monkeypatch):
    """The compile started at launch runs in PyMC's own process: F5 pressed meanwhile shows its
    quick result without waiting for it; the check then waits for the compile to finish."""
    import threading

    from beliefwatch.gui import fullupdate, worker
    from beliefwatch.runner import PrepareRequest

    compiled = threading.Event()
    quick = StandInProcess(0.0)

    class Compiling(StandInProcess):
        def run(self, request, **kw):
            if isinstance(request, PrepareRequest):
                self.requests.append(request)
                compiled.wait(60)
                return "importance"
            return super().run(request, **kw)

    pymc = Compiling(0.0)
    monkeypatch.setattr(worker, "runner", lambda lane="quick": pymc if lane == "pymc" else quick)
    monkeypatch.setattr(fullupdate, "PRECOMPILE", True)
    w = conjugate
    w.doc.replace(w.doc.case, None)  # as at launch: the compile starts at once
    qtbot.waitUntil(lambda: any(isinstance(r, PrepareRequest) for r in pymc.requests), timeout=5000)
    with qtbot.waitSignal(w.full.check_started, timeout=60_000):
        press_f5(w, qtbot)
    assert w.full.result.engine == "exact" and not compiled.is_set()
    assert [r.engine for r in quick.requests if isinstance(r, UpdateRequest)] == ["auto"]
    with qtbot.waitSignal(w.full.finished, timeout=60_000):
        compiled.set()
    assert [type(r).__name__ for r in pymc.requests] == ["PrepareRequest", "UpdateRequest"]
    assert w.full.check is not None and w.full.check.agrees
