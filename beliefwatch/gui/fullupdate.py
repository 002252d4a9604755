"""The full update (F5): a full result at once, then PyMC's check in the background.

F5 asks the background process for ``update(engine="auto")`` - the exact engine or importance
sampling, whichever its own diagnostic trusts - and shows that result with its intervals and
figures as soon as it lands. Where the case has uncertain inputs and that result is not already
PyMC's, PyMC then samples the same case as a check (``inference/check.py``): where the two
differ by more than a point or the quick diagnostic failed, PyMC's result replaces the one shown
(and exported), and the window says so. The engine choice "PyMC only" skips the quick result.

A result belongs to the inputs it was computed from (``Result.fingerprint``); after an edit it
is kept but flagged out of date, after New or Open it is dropped. While the analyst works, the
controller compiles the case's PyMC model ahead of time whenever its structure changes.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from beliefwatch.gui.document import CaseDocument
from beliefwatch.gui.jobs import Job, JobController
from beliefwatch.inference.check import PymcCheck, check_with_pymc
from beliefwatch.inference.engines import DEFAULT_SEED
from beliefwatch.inference.fingerprint import Fingerprint, fingerprint
from beliefwatch.inference.spec import Spec
from beliefwatch.runner import PrepareRequest, UpdateRequest, WarmRequest


def _load_figures() -> None:
    import matplotlib.backends.backend_agg  # noqa: F401 - what a pickled figure needs

    import beliefwatch.plots.mpl  # noqa: F401


PREPARE_DELAY_MS = 1500  # wait for the analyst to pause before compiling a new structure
PRECOMPILE = True  # tests switch it off: a compile costs seconds of CPU
ENGINE_CHOICES = ("auto", "pymc")  # the window's menu: Auto (checked by PyMC), PyMC only


class FullUpdateController(QObject):
    started = Signal()
    progress = Signal(float, str)
    result_ready = Signal(object, object)  # the Result shown, {name: Figure}
    check_started = Signal(str)  # the quick result is shown; PyMC's check runs (the engine)
    checked = Signal(object, object)  # PymcCheck, PyMC's {name: Figure}
    check_failed = Signal(str)  # cancelled or failed: the quick result stays, unchecked
    stale_changed = Signal(bool)
    cleared = Signal()
    failed = Signal(str)
    cancelled = Signal(str)
    finished = Signal()  # after the whole F5: the result and, where one runs, the check
    prepared = Signal(str)  # a compile ahead of time finished: what it did

    def __init__(self, doc: CaseDocument, jobs: JobController,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.doc, self.jobs = doc, jobs
        self.engine = "auto"  # the window's engine choice (menu, --engine)
        self.result = None  # the result shown and exported
        self.result_case = None  # the copy of the case it was computed from
        self.figures: dict = {}
        self.check: PymcCheck | None = None  # the last check, for the result shown
        self._now: Fingerprint | None = None  # the inputs of the case as it is now
        self._stale = False
        self._job: Job | None = None
        self._request: UpdateRequest | None = None  # the running one
        self._phase: str | None = None  # "result" (the first), "check" (PyMC's, after it)
        self._next: UpdateRequest | None = None  # the check, once the first result is in
        self._prepare_job: Job | None = None
        self._prepared: set[tuple] = set()
        self._warmed = False
        self._pending_structure: tuple | None = None
        self._prepare_timer = QTimer(self)
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.setInterval(PREPARE_DELAY_MS)
        self._prepare_timer.timeout.connect(self.prepare)
        doc.replaced.connect(self.clear)

    # -- state ----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._job is not None

    @property
    def checking(self) -> bool:
        """The quick result is shown and PyMC's check is running."""
        return self._phase == "check"

    @property
    def stale(self) -> bool:
        return self._stale

    def fresh_result(self):
        """The result shown if it still belongs to the case as it is now, else None."""
        return self.result if self.result is not None and not self._stale else None

    def shown_source(self) -> str:
        """Where the shown numbers come from, for the export's message."""
        if self.result is None:
            return ""
        checked = " (checked by PyMC)" if self.check and self.check.agrees else ""
        return f"the full update, {self.result.engine} engine{checked}"

    @Slot()
    def clear(self) -> None:
        self.result, self.figures, self.check, self.result_case = None, {}, None, None
        self._set_stale(False)
        self.cleared.emit()

    def case_seen(self, spec: Spec | None) -> None:
        """Called with each live spec after an edit (None: the case cannot be computed)."""
        self._now = fingerprint(spec) if spec is not None else None
        if self.result is not None:
            self._set_stale(self.result.fingerprint != self._now)
        self._structure_seen(spec)

    def _set_stale(self, stale: bool) -> None:
        if stale != self._stale:
            self._stale = stale
            self.stale_changed.emit(stale)

    # -- running --------------------------------------------------------------------------
    def start(self, engine: str | None = None, seed: int = DEFAULT_SEED) -> bool:
        """F5. ``engine``: "auto" (the quick result, then PyMC's check), or "exact" / "pymc"
        alone; by default the window's choice."""
        if self._job is not None or not self.doc.case.hypotheses:
            return False
        engine = engine or self.engine
        self._request = UpdateRequest(self.doc.case.copy(), engine, seed, True)
        self._phase, self._next = "result", None
        self._run(self._request)
        if self._pending_structure is not None and engine == "pymc":
            self._prepared.add(self._pending_structure)  # this run compiles it
        if self._prepare_job is not None and engine == "pymc":
            self.progress.emit(0.0, "finishing the compile started in the background")
        self.started.emit()
        return True

    def _run(self, request: UpdateRequest) -> None:
        job = self.jobs.submit(request)
        job.progress.connect(self.progress)
        job.done.connect(self._on_done)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        job.ended.connect(self._on_ended)
        self._job = job

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _show(self, result, figures) -> None:
        self.result, self.figures = result, figures
        self.result_case = self._request.case
        self._set_stale(result.fingerprint != self._now)
        self.result_ready.emit(result, figures)

    @Slot(object)
    def _on_done(self, value) -> None:
        result, figures = value
        if self._phase == "check":
            self._on_checked(result, figures)
            return
        self.check = None
        self._show(result, figures)
        req = self._request
        # No uncertain inputs (no draws): nothing for PyMC to sample, nothing to check.
        if req.engine == "auto" and result.engine != "pymc" and result.n_draws:
            self._next = UpdateRequest(req.case, "pymc", req.seed, True)

    def _on_checked(self, pymc, figures) -> None:
        check = check_with_pymc(self.result, pymc)
        self.check = check
        if not check.agrees:
            self._show(pymc, figures)
        self.checked.emit(check, figures)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._prepared.clear()  # the process may have been restarted: its compiles are gone
        if self._phase == "check":
            self.check_failed.emit(f"PyMC's check failed: {message}")
        else:
            self.failed.emit(message)

    @Slot(str)
    def _on_cancelled(self, message: str) -> None:
        self._prepared.clear()
        if self._phase == "check":
            self.check_failed.emit("PyMC's check was cancelled")
        self.cancelled.emit(message)

    @Slot()
    def _on_ended(self) -> None:
        self._job = None
        nxt, self._next = self._next, None
        if nxt is not None:
            self._phase, self._request = "check", nxt
            if self._pending_structure is not None:
                self._prepared.add(self._pending_structure)  # the check compiles it
            self._run(nxt)
            self.check_started.emit(self.result.engine)
            return
        self._phase = self._request = None
        self.finished.emit()

    # -- compiling ahead (the hook for a compile at launch: ``prepare``) ------------------
    def _structure_seen(self, spec: Spec | None) -> None:
        """Compile the PyMC model of each live spec's size bucket in the background process -
        at once for the first case the window shows, so that the compile starts at launch;
        after that once the analyst pauses on a new bucket. F5's check will need it."""
        if not PRECOMPILE or spec is None:
            return
        if not self._warmed:
            self._prepare_timer.start(0)  # F5's process warms up at launch, whatever the case
        if not spec.has_uncertainty:
            return
        key = spec.structure
        self._pending_structure = key
        if key in self._prepared:
            return
        self._prepare_timer.start(PREPARE_DELAY_MS if self._prepared else 0)

    @Slot()
    def prepare(self) -> None:
        """Compile the case's PyMC model in the background process now, unless a job runs;
        the first time, also load what F5's quick result needs in its own process."""
        if not self._warmed:
            self._warmed = True
            self.jobs.submit(WarmRequest(self.doc.case.copy()))
            # This process unpickles F5's figures: matplotlib loads meanwhile, off the GUI thread.
            threading.Thread(target=_load_figures).start()  # not a daemon: never killed mid-import
        if self._prepare_job is not None or self._job is not None:
            self._prepare_timer.start(PREPARE_DELAY_MS)  # one job at a time: try again after
            return
        key = self._pending_structure
        if key is None or key in self._prepared:
            return
        self._prepared.add(key)
        job = self.jobs.submit(PrepareRequest(self.doc.case.copy()))
        job.done.connect(lambda _engine: self.prepared.emit("model compiled for F5"))
        job.failed.connect(lambda _m, key=key: self._prepared.discard(key))
        job.ended.connect(self._on_prepare_ended)
        self._prepare_job = job

    @Slot()
    def _on_prepare_ended(self) -> None:
        self._prepare_job = None

    def shutdown(self) -> None:
        """Close now: no message while the window closes; the jobs stop with the process."""
        self.blockSignals(True)
        self._prepare_timer.stop()
        self.jobs.shutdown()
