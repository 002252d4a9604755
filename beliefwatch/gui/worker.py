"""A request for the background process, run from a QThread, reporting back as Qt signals
(``jobs.py`` starts and follows them), and the one background process itself."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot

from beliefwatch.core.errors import CaseError
from beliefwatch.inference.control import Cancelled
from beliefwatch.runner import ChildRestarted, ChildRunner, Request


class JobWorker(QObject):
    progress = Signal(float, str)
    finished = Signal(object)  # what the job returned
    failed = Signal(str)
    cancelled = Signal(str)

    def __init__(self, request: Request) -> None:
        super().__init__()
        self.request = request  # holds copies: later edits must not reach them
        self.cancel_event = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            value = runner().run(
                self.request,
                progress=lambda f, m: self.progress.emit(f, m), cancel=self.cancel_event,
            )  # fmt: skip
        except Cancelled as e:
            self.cancelled.emit(str(e))
        except ChildRestarted as e:
            self.failed.emit(str(e))
        except CaseError as e:
            self.failed.emit(str(e))
        except Exception as e:  # a sampler failure must reach the analyst, not kill the thread
            self.failed.emit(f"{type(e).__name__}: {e}")
        else:
            self.finished.emit(value)

    def cancel(self) -> None:
        self.cancel_event.set()


_runner: ChildRunner | None = None


def runner() -> ChildRunner:
    """The one background process, started on first use."""
    global _runner
    if _runner is None:
        _runner = ChildRunner()
    return _runner


def shutdown_runner() -> None:
    global _runner
    if _runner is not None:
        _runner.shutdown()
        _runner = None
