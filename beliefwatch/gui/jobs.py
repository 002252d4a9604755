"""The one background-job controller: the full update, its PyMC check, the compile ahead, the
report export and the scoring of a folder all go through ``JobController.submit(request)``.

A request is a typed dataclass of ``runner.py`` (``UpdateRequest``, ``PrepareRequest``,
``ReportRequest``, ``ScoreRequest``). ``submit`` runs it in the background process from a
QThread and returns a :class:`Job` whose signals arrive in the window's thread, so any slot or
lambda connected to them may touch widgets. The background process runs one job at a time;
jobs submitted meanwhile wait their turn.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from beliefwatch.gui.worker import JobWorker, shutdown_runner
from beliefwatch.runner import Request


class Job(QObject):
    progress = Signal(float, str)
    done = Signal(object)  # what the request returned
    failed = Signal(str)  # one line for the analyst
    cancelled = Signal(str)
    ended = Signal()  # after any of done, failed, cancelled: the thread has finished

    def __init__(self, request: Request, parent: QObject) -> None:
        super().__init__(parent)
        self.request = request
        self.thread = QThread(self)
        self.worker = JobWorker(request)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Signal to signal across threads: queued, so this job's signals fire in its own
        # (the window's) thread.
        self.worker.progress.connect(self.progress)
        self.worker.finished.connect(self.done)
        self.worker.failed.connect(self.failed)
        self.worker.cancelled.connect(self.cancelled)
        # Direct: quit from the worker's thread (thread-safe), so that a window waiting for
        # the thread while it closes does not wait for its own event loop.
        for sig in (self.worker.finished, self.worker.failed, self.worker.cancelled):
            sig.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.thread.finished.connect(self._on_thread_finished)
        self.running = False

    def start(self) -> None:
        self.running = True
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    @Slot()
    def _on_thread_finished(self) -> None:
        self.running = False
        self.ended.emit()

    def wait(self, ms: int) -> None:
        with contextlib.suppress(RuntimeError):  # already deleted with its parent
            self.thread.wait(ms)


class JobController(QObject):
    """Starts, follows and stops every background job of the window."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[Job] = []

    def submit(self, request: Request) -> Job:
        """Start ``request`` now (it queues behind a running one in the background process)."""
        job = Job(request, self)
        self._jobs.append(job)
        job.ended.connect(lambda job=job: self._forget(job))
        job.start()
        return job

    def _forget(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        job.deleteLater()

    def running(self, kind: type | None = None) -> list[Job]:
        return [j for j in self._jobs if kind is None or isinstance(j.request, kind)]

    def shutdown(self) -> None:
        """Close now: cancel every job and kill the background process; the threads then end
        by themselves. No job signal reaches a window that is closing."""
        jobs = list(self._jobs)
        for job in jobs:
            job.blockSignals(True)
            job.cancel()
        shutdown_runner()
        for job in jobs:
            job.wait(3000)
