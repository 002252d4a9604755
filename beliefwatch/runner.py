"""Full updates in a child process, so that the caller's process stays responsive.

Importing PyMC, compiling with Numba/LLVM and building ArviZ figures hold Python's GIL for
long stretches: in a thread of the window's process they froze the window for up to 0.7 s.
One persistent child keeps PyMC's compiled models between runs, so a re-run stays fast.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from concurrent.futures import ProcessPoolExecutor

from beliefwatch.core.case import Case
from beliefwatch.inference.control import Progress

_progress: queue.Queue | None = None  # set in the child
_cancel = None


def _init_child(progress, cancel) -> None:
    global _progress, _cancel
    _progress, _cancel = progress, cancel


def _run(case: Case, engine: str, seed: int | None, figures: bool):
    import beliefwatch as bw

    result = bw.update(
        case, engine=engine, seed=seed,
        progress=lambda f, m: _progress.put((f, m)), cancel=_cancel,
    )  # fmt: skip
    built = {}
    if figures:
        _progress.put((1.0, "drawing the plots"))
        from beliefwatch import plots

        built = {"forest": plots.forest(result), "dists": plots.posterior_dists(result)}
        if result.n_draws:
            built["diag"] = plots.diagnostics(result)
    return result, built


class ChildRunner:
    """A persistent child process that runs one full update at a time."""

    def __init__(self) -> None:
        ctx = mp.get_context(
            "spawn"
        )  # fork would copy Qt's threads; spawn is the default off Linux
        self._progress = ctx.Queue()
        self._cancel = ctx.Event()
        self._pool = ProcessPoolExecutor(
            1, mp_context=ctx, initializer=_init_child, initargs=(self._progress, self._cancel)
        )

    def run(
        self,
        case: Case,
        *,
        engine: str = "auto",
        seed: int | None = None,
        figures: bool = True,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ):
        """Run bw.update in the child; returns (Result, figures) or raises what it raised."""
        self._cancel.clear()
        future = self._pool.submit(_run, case, engine, seed, figures)
        while True:
            if cancel is not None and cancel.is_set():
                self._cancel.set()
            try:
                fraction, message = self._progress.get(timeout=0.05)
            except queue.Empty:
                if future.done():
                    break
                continue
            if progress is not None:
                progress(fraction, message)
        while not self._progress.empty():  # progress that arrived with the result
            fraction, message = self._progress.get_nowait()
            if progress is not None:
                progress(fraction, message)
        return future.result()

    def shutdown(self) -> None:
        self._cancel.set()
        self._pool.shutdown(wait=False, cancel_futures=True)
