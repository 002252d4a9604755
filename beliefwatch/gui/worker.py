"""A request for a background process, run from a QThread, reporting back as Qt signals
(``jobs.py`` starts and follows them), and the two background processes themselves.

PyMC's compiles and runs have a process of their own ("pymc", which keeps the compiled
models); every other job - F5's quick result, exports, scoring - runs in the "quick" one. So
F5 pressed while the model compiles at launch shows its result at once instead of waiting
behind the compile; only PyMC's check waits for it."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot

from beliefwatch.core.errors import CaseError
from beliefwatch.inference.control import Cancelled
from beliefwatch.runner import ChildRestarted, ChildRunner, PrepareRequest, Request, UpdateRequest


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
            value = runner(lane(self.request)).run(
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


_runners: dict[str, ChildRunner] = {}


def lane(request: Request) -> str:
    """The process a request runs in: "pymc" for PyMC's compile and runs, else "quick"."""
    if isinstance(request, PrepareRequest):
        return "pymc"
    return "pymc" if isinstance(request, UpdateRequest) and request.engine == "pymc" else "quick"


def runner(name: str = "quick") -> ChildRunner:
    """The background process of that lane, started on first use."""
    if name not in _runners:
        _runners[name] = ChildRunner()
    return _runners[name]


def shutdown_runner() -> None:
    """Stop both processes now (closing the window must not wait for a sampler)."""
    while _runners:
        _runners.popitem()[1].shutdown()
