"""The full update: run it in the background process, follow it, and know when it is stale.

A result belongs to the case it was computed from (its fingerprint); after any edit the result
is kept but flagged out of date, after New or Open it is dropped. While the analyst works,
the controller compiles the case's PyMC model ahead of time whenever the structure changes,
so that F5 returns in seconds instead of waiting for the compile.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from beliefwatch.core.case import Case
from beliefwatch.gui.document import CaseDocument, fingerprint
from beliefwatch.gui.worker import JobWorker, shutdown_runner, start_job
from beliefwatch.inference.engines import DEFAULT_SEED, choose_engine
from beliefwatch.inference.spec import Spec

PREPARE_DELAY_MS = 1500  # wait for the analyst to pause before compiling a new structure
PRECOMPILE = True  # tests switch it off: a compile costs seconds of CPU


class FullUpdateController(QObject):
    started = Signal()
    progress = Signal(float, str)
    result_ready = Signal(object, object)  # Result, {name: Figure}
    stale_changed = Signal(bool)
    cleared = Signal()
    failed = Signal(str)
    cancelled = Signal(str)
    finished = Signal()  # after any of result_ready, failed, cancelled
    prepared = Signal(str)  # a compile ahead of time finished: what it did

    def __init__(self, doc: CaseDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.result = None
        self.figures: dict = {}
        self._result_print: str | None = None
        self._stale = False
        self._job: tuple[QThread, JobWorker] | None = None
        self._prepare_job: tuple[QThread, JobWorker] | None = None
        self._prepared: set[tuple] = set()
        self._pending_structure: tuple | None = None
        self._prepare_timer = QTimer(self)
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.setInterval(PREPARE_DELAY_MS)
        self._prepare_timer.timeout.connect(self._prepare_now)
        doc.changed.connect(self._check_stale)
        doc.replaced.connect(self.clear)

    # -- state ----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._job is not None

    @property
    def stale(self) -> bool:
        return self._stale

    def fresh_result(self):
        """The full result if it still belongs to the case as it is now, else None."""
        return self.result if self.result is not None and not self._stale else None

    @Slot()
    def clear(self) -> None:
        self.result, self.figures, self._result_print = None, {}, None
        self._set_stale(False)
        self.cleared.emit()

    @Slot()
    def _check_stale(self) -> None:
        if self.result is not None:
            self._set_stale(fingerprint(self.doc.case) != self._result_print)

    def _set_stale(self, stale: bool) -> None:
        if stale != self._stale:
            self._stale = stale
            self.stale_changed.emit(stale)

    # -- running --------------------------------------------------------------------------
    def start(self, engine: str = "auto", seed: int = DEFAULT_SEED) -> bool:
        if self._job is not None or not self.doc.case.hypotheses:
            return False
        case = self.doc.case.copy()
        self._job_print = fingerprint(case)
        thread, worker = start_job(self, "update", case, engine, seed, True)
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._on_done)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        thread.finished.connect(self._on_thread_done)
        self._job = (thread, worker)
        if self._pending_structure is not None:  # this run compiles it: no need to do it again
            self._prepared.add(self._pending_structure)
        if self._prepare_job is not None:
            self.progress.emit(0.0, "finishing the compile started in the background")
        self.started.emit()
        return True

    def cancel(self) -> None:
        if self._job is not None:
            self._job[1].cancel()

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.emit(fraction, message)

    @Slot(object)
    def _on_done(self, value) -> None:
        result, figures = value
        self.result, self.figures, self._result_print = result, figures, self._job_print
        self._set_stale(fingerprint(self.doc.case) != self._result_print)
        self.result_ready.emit(result, figures)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._prepared.clear()  # the process may have been restarted: its compiles are gone
        self.failed.emit(message)

    @Slot(str)
    def _on_cancelled(self, message: str) -> None:
        self._prepared.clear()
        self.cancelled.emit(message)

    @Slot()
    def _on_thread_done(self) -> None:
        self._job = None
        self.finished.emit()

    # -- compiling ahead ------------------------------------------------------------------
    def structure_seen(self, spec: Spec | None) -> None:
        """Called with each live spec: compile a new PyMC structure once the analyst pauses."""
        if not PRECOMPILE or spec is None or choose_engine(spec) == "exact":
            return
        key = spec.structure
        self._pending_structure = key
        if key in self._prepared:
            return
        self._prepare_timer.start()

    @Slot()
    def _prepare_now(self) -> None:
        if self._prepare_job is not None or self._job is not None:
            self._prepare_timer.start()  # one job at a time: try again after this one
            return
        key = self._pending_structure
        if key is None or key in self._prepared:
            return
        self._prepared.add(key)
        case: Case = self.doc.case.copy()
        thread, worker = start_job(self, "prepare", case)
        worker.finished.connect(lambda _engine: self.prepared.emit("model compiled for F5"))
        worker.failed.connect(lambda _m, key=key: self._prepared.discard(key))
        thread.finished.connect(self._on_prepare_done)
        self._prepare_job = (thread, worker)

    @Slot()
    def _on_prepare_done(self) -> None:
        self._prepare_job = None

    def shutdown(self) -> None:
        """Close now: kill the background process; the threads then end by themselves."""
        self.blockSignals(True)  # nothing may pop up a message while the window closes
        self._prepare_timer.stop()
        for job in (self._job, self._prepare_job):
            if job is not None:
                job[1].cancel()
        shutdown_runner()
        for job in (self._job, self._prepare_job):
            if job is not None:
                with contextlib.suppress(RuntimeError):  # it already ended and was deleted
                    job[0].wait(1000)
