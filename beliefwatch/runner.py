"""Full updates, compiles ahead, report exports and scoring in a child process, so that the
caller stays responsive. Each job is a typed request (``UpdateRequest``, ``PrepareRequest``,
``ReportRequest``, ``ScoreRequest``); ``ChildRunner.run(request)`` runs it and returns its value.

Importing PyMC, compiling with Numba/LLVM and building ArviZ figures hold Python's GIL for
long stretches: in a thread of the window's process they froze the window for up to 0.7 s.
One persistent child keeps PyMC's compiled models between runs, so a re-run stays fast.

The child can die (killed, out of memory) or be stuck in a compile that cannot be
interrupted; the runner then kills it and starts a fresh one on the next job, and says so
(:class:`ChildRestarted`). Cancel asks the sampler to stop; if the child has not answered
within ``CANCEL_GRACE`` seconds (it is compiling) it is killed instead.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from beliefwatch.core.case import Case
from beliefwatch.inference.control import Cancelled, Progress
from beliefwatch.inference.engines import DEFAULT_SEED
from beliefwatch.inference.result import Result

CANCEL_GRACE = 1.0  # seconds the child gets to stop by itself before it is killed


class ChildRestarted(RuntimeError):
    """The background process died during a job; a fresh one takes the next job."""


# -- in the child ---------------------------------------------------------------------------
def _child_main(jobs, results, progress, cancel, parent: int) -> None:

    os.environ.setdefault("MPLBACKEND", "Agg")
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    # Below the window in the CPU's queue: on a laptop's two cores the window keeps drawing
    # and answering keystrokes while this computes, and its start is not slowed by ours.
    if hasattr(os, "nice"):
        os.nice(5)
    # What every update needs, loaded before the first job arrives (the window starts this
    # process as it starts itself: F5 pressed at once would otherwise wait for the imports).
    import arviz_plots  # noqa: F401 - posterior_dists draws with it

    import beliefwatch.inference.engines
    import beliefwatch.plots.figures  # noqa: F401

    while True:
        job = jobs.get()
        if job is None:
            return
        cancel.clear()
        try:
            value = _JOBS[type(job)](job, progress=lambda f, m: progress.put((f, m)), cancel=cancel)
            # Pickled here, not in the queue's feeder thread: a value that cannot cross the
            # process boundary must become an error the parent sees, never a silent hang.
            message = pickle.dumps(("ok", value))
        except Cancelled:
            message = pickle.dumps(("cancelled", None))
        except BaseException as e:  # everything reaches the parent as a message
            message = _error_message(e)
        results.put(message)


def _exit_with_parent(parent: int) -> None:
    """A window killed outright (SIGTERM, a crash) cannot stop its child: the child notices."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _error_message(e: BaseException) -> bytes:
    try:
        return pickle.dumps(("error", e))
    except Exception:
        return pickle.dumps(("error", RuntimeError(f"{type(e).__name__}: {e}")))


# -- the jobs: one typed request each, run by the function of its type -------------------------
@dataclass(frozen=True)
class UpdateRequest:
    """A full update of ``case`` (a copy: later edits must not reach it), with its figures."""

    case: Case
    engine: str = "auto"  # "auto", "exact" or "pymc" (inference.engines.ENGINES)
    seed: int | None = DEFAULT_SEED
    figures: bool = True


@dataclass(frozen=True)
class PrepareRequest:
    """Compile the case's PyMC model ahead of the update that will need it."""

    case: Case


@dataclass(frozen=True)
class WarmRequest:
    """Run F5's quick result once on ``case``, unseen, before the analyst presses F5: a new
    process spends about 1.5 s importing the engines, matplotlib and ArviZ's plots, and its
    first figures a second more."""

    case: Case


@dataclass(frozen=True)
class ReportRequest:
    """Write a report of ``case``: with ``result`` when it is current, else one computed now."""

    case: Case
    path: Path
    result: Result | None = None
    author: str | None = None
    seed: int | None = DEFAULT_SEED


@dataclass(frozen=True)
class ScoreRequest:
    """``score`` over the resolved cases under ``paths`` (files or folders)."""

    paths: tuple[Path, ...]


def _update(req: UpdateRequest, *, progress, cancel):
    import beliefwatch as bw

    result = bw.update(req.case, engine=req.engine, seed=req.seed, progress=progress,
                       cancel=cancel)  # fmt: skip
    built = {}
    if req.figures:
        progress(1.0, "drawing the plots")
        from beliefwatch import plots
        from beliefwatch.plots.rank import leader_ranks

        built = {"forest": plots.forest(result), "dists": plots.posterior_dists(result)}
        if "r_hat" in result.diagnostics:  # Markov chains to compare
            built["ranks"] = leader_ranks(result)
    return result, built


def _warm(req: WarmRequest, *, progress, cancel) -> None:
    _update(UpdateRequest(req.case), progress=lambda *_: None, cancel=cancel)


def _prepare(req: PrepareRequest, *, progress, cancel) -> str:
    """Compile the case's PyMC model ahead of F5; returns the engine auto would pick."""
    from beliefwatch.inference.engines import choose_engine
    from beliefwatch.inference.spec import build_spec

    spec = build_spec(req.case)
    chosen = choose_engine(spec)
    # F5 checks every quick result with PyMC, so its model is compiled whatever auto picks.
    if spec.has_uncertainty:
        from beliefwatch.inference import pymc_engine

        pymc_engine.prepare(spec, progress)
        for structure in spec.next_structures:  # a case that fills its bucket grows out of it
            pymc_engine.prepare(spec, None, structure)
    return chosen


def _report(req: ReportRequest, *, progress, cancel):
    import beliefwatch as bw
    from beliefwatch.reports import write_report

    result = req.result
    if result is None:
        progress(0.0, "computing the credences for the report")
        result = bw.update(req.case, seed=req.seed, progress=progress, cancel=cancel)
    progress(1.0, "writing the report")
    return write_report(req.case, result, req.path, author=req.author), result


def _score(req: ScoreRequest, *, progress, cancel):
    """``score`` for the window: (the ``score --json`` object, warnings) over the resolved
    cases in ``paths``, each updated with the default engine and seed as the command does."""
    import beliefwatch as bw
    from beliefwatch.core.errors import CaseError
    from beliefwatch.inference.scoring import score_cases
    from beliefwatch.io.case_extras import resolved_case_files

    paths = list(req.paths)
    files = resolved_case_files(paths)
    if not files:
        raise CaseError("no case files with [resolution] found in " + ", ".join(map(str, paths)))
    entries, warnings = [], []
    for i, f in enumerate(files):
        if cancel.is_set():
            raise Cancelled("cancelled")
        step = f"updating {f.name} ({i + 1} of {len(files)})"
        progress(i / len(files), step)
        case = bw.load_case(f)
        if case.resolution is None:
            raise CaseError("has no [resolution] (the answer) to score against", file=f)

        def within(x, _message, i=i, step=step):
            progress((i + x) / len(files), step)

        result = bw.update(case, cancel=cancel, progress=within)
        entries.append((str(f), case, result.credences))
        warnings += [f"{f}: {w}" for w in result.warnings]
    return score_cases(entries), warnings


@dataclass(frozen=True)
class PoolRequest:
    """``pool`` for the window's Team view: the analysts' files, pooled (inference/pool.py)."""

    paths: tuple[Path, ...]


def _pool(req: PoolRequest, *, progress, cancel):
    from beliefwatch.inference.pool import pool
    from beliefwatch.io.team import load_team

    progress(0.0, "reading the analysts' files")
    members = load_team(list(req.paths))
    progress(0.1, f"pooling {len(members)} analysts")
    return pool(members)


_JOBS = {UpdateRequest: _update, PrepareRequest: _prepare, WarmRequest: _warm,
         ReportRequest: _report, ScoreRequest: _score, PoolRequest: _pool}  # fmt: skip
Request = (UpdateRequest | PrepareRequest | WarmRequest | ReportRequest | ScoreRequest
           | PoolRequest)  # fmt: skip


# -- in the parent --------------------------------------------------------------------------
class ChildRunner:
    """One child process doing one job at a time; ``run`` blocks (call it from a thread)."""

    def __init__(self) -> None:
        # fork would copy Qt's threads; spawn is the default off Linux anyway
        self._ctx = mp.get_context("spawn")
        self._lock = threading.Lock()  # one job at a time
        self._proc = None
        self._closed = False
        self.restarts = 0

    def _start(self) -> None:
        ctx = self._ctx
        self._jobs, self._results = ctx.Queue(), ctx.Queue()
        self._progress, self._cancel = ctx.Queue(), ctx.Event()
        self._proc = ctx.Process(
            target=_child_main,
            args=(self._jobs, self._results, self._progress, self._cancel, os.getpid()),
            daemon=True,
            name="beliefwatch-full-update",
        )
        self._proc.start()

    def start(self) -> None:
        """Start the process ahead of its first job: a new one spends a second importing."""
        with self._lock:
            if not self.alive and not self._closed:
                self._start()

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    def run(self, request: Request, *, progress: Progress | None = None,
            cancel: threading.Event | None = None):  # fmt: skip
        """Run ``request`` in the child; returns its value or raises what it raised."""
        if type(request) not in _JOBS:
            raise TypeError(f"not a job request: {request!r}")
        with self._lock:
            if self._closed:
                raise Cancelled("the window is closing")
            if not self.alive:
                if self._proc is not None:
                    self.restarts += 1
                self._start()
            self._jobs.put(request)
            cancelled_at = None
            while True:
                if cancel is not None and cancel.is_set() and cancelled_at is None:
                    self._cancel.set()
                    cancelled_at = time.monotonic()
                self._drain(progress)
                try:
                    status, value = pickle.loads(self._results.get(timeout=0.05))
                    break
                except queue.Empty:
                    pass
                if cancelled_at is not None and time.monotonic() - cancelled_at > CANCEL_GRACE:
                    self._kill()  # stuck in a compile: a fresh child is cheaper than waiting
                    raise Cancelled("cancelled (the background process was restarted)")
                if self._closed:
                    raise Cancelled("stopped: the window is closing")
                if not self.alive:  # the next job starts a fresh child and counts a restart
                    raise ChildRestarted(
                        "the background process for full updates stopped unexpectedly "
                        "(out of memory?); it will be restarted for the next run"
                    )
            self._drain(progress)
        if status == "cancelled":
            raise Cancelled("full update cancelled")
        if status == "error":
            raise value
        return value

    def _drain(self, progress: Progress | None) -> None:
        while True:
            try:
                fraction, message = self._progress.get_nowait()
            except queue.Empty:
                return
            if progress is not None:
                progress(fraction, message)

    def _kill(self) -> None:
        proc = self._proc
        if proc is not None and proc.is_alive():
            proc.kill()
            proc.join(timeout=1.0)

    def shutdown(self) -> None:
        """Stop the child now: closing the window must not wait for a running sampler."""
        self._closed = True
        self._kill()
        self._proc = None
