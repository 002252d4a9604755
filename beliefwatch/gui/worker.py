"""The full update in a worker thread, reporting progress, result or error as signals."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot

from beliefwatch.core.case import Case


class UpdateWorker(QObject):
    progress = Signal(float, str)
    finished = Signal(object, object)  # Result, {name: Figure}
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, case: Case, engine: str = "auto", seed: int | None = None) -> None:
        super().__init__()
        self.case = case  # a copy: edits in the window must not reach a running update
        self.engine = engine
        self.seed = seed
        self.cancel_event = threading.Event()

    @Slot()
    def run(self) -> None:
        from beliefwatch.core.errors import CaseError
        from beliefwatch.inference.control import Cancelled
        from beliefwatch.inference.engines import DEFAULT_SEED

        try:
            result, figures = runner().run(
                self.case,
                engine=self.engine,
                seed=DEFAULT_SEED if self.seed is None else self.seed,
                progress=lambda f, m: self.progress.emit(f, m),
                cancel=self.cancel_event,
            )
        except Cancelled:
            self.cancelled.emit()
        except CaseError as e:
            self.failed.emit(str(e))
        except Exception as e:  # a sampler failure must reach the analyst, not kill the thread
            self.failed.emit(f"the full update failed: {type(e).__name__}: {e}")
        else:
            self.finished.emit(result, figures)

    def cancel(self) -> None:
        self.cancel_event.set()


_runner = None


def runner():
    """The one child process that runs full updates, started on first use."""
    global _runner
    if _runner is None:
        from beliefwatch.runner import ChildRunner

        _runner = ChildRunner()
    return _runner


def shutdown_runner() -> None:
    global _runner
    if _runner is not None:
        _runner.shutdown()
        _runner = None
