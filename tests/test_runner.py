"""The background process: results or errors always come back, and it never outlives its parent."""

import os
import signal
import subprocess
import sys
import time

import pytest

from beliefwatch.runner import ChildRestarted, ChildRunner, UpdateRequest
from tests.cases import make_case

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def runner():
    r = ChildRunner()
    yield r
    r.shutdown()


def test_an_update_comes_back_with_its_figures(runner):
    case = make_case([0.5, 0.5], [[[0.6, 0.9], 0.2]])
    result, figures = runner.run(UpdateRequest(case, "exact", 1, True))
    assert result.credences["h0"] > 0.5 and {"forest", "dists"} <= set(figures)


def test_a_killed_child_is_reported_then_replaced(runner):
    case = make_case([0.5, 0.5], [[0.9, 0.1]])
    runner.run(UpdateRequest(case, "exact", 1, False))
    runner._proc.kill()
    runner._proc.join(5)
    result, _ = runner.run(UpdateRequest(case, "exact", 1, False))  # a fresh child took the job
    assert result.credences["h0"] == pytest.approx(0.9)
    assert runner.restarts == 1


def test_a_child_dying_mid_job_is_an_error_not_a_hang(runner, monkeypatch):
    import threading

    case = make_case([0.5, 0.5], [[0.9, 0.1]])
    runner.run(UpdateRequest(case, "exact", 1, False))
    threading.Timer(0.3, runner._proc.kill).start()
    with pytest.raises(ChildRestarted, match="stopped unexpectedly"):
        runner.run(UpdateRequest(make_case([0.5, 0.5], [[[0.6, 0.9], 0.2]] * 30), "pymc", 1, False))
    # The error came from the death itself (no wall-clock bound: slow machines vary).
    assert runner._proc.exitcode == -signal.SIGKILL


CHILD_OF_A_KILLED_WINDOW = """
import sys, time
sys.path.insert(0, {root!r})
from beliefwatch.runner import ChildRunner, UpdateRequest
from tests.cases import make_case
if __name__ == "__main__":
    r = ChildRunner()
    r.run(UpdateRequest(make_case([0.5, 0.5], [[0.9, 0.1]]), "exact", 1, False))
    print(r._proc.pid, flush=True)
    time.sleep(60)
"""


def test_the_child_exits_when_its_window_is_killed():
    code = CHILD_OF_A_KILLED_WINDOW.format(root=ROOT)
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT)  # fmt: skip
    child = int(parent.stdout.readline())
    parent.send_signal(signal.SIGTERM)
    parent.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    pytest.fail(f"the background process {child} outlived its killed parent")


def test_cancel_during_a_compile_stops_within_seconds(runner):
    import threading

    from beliefwatch.inference.control import Cancelled

    # A structure no other test compiles: the child spends its first seconds importing PyMC and
    # compiling, where the sampler's own cancel cannot reach; the runner kills it instead.
    case = make_case([0.2, 0.3, 0.5], [[[0.1, 0.4], [0.3, 0.8], 0.5]] * 7)
    cancel = threading.Event()
    threading.Timer(1.0, cancel.set).start()
    with pytest.raises(Cancelled) as stopped:
        runner.run(UpdateRequest(case, "pymc", 1, False), cancel=cancel)
    # Stopped by the cancel, not by the job finishing - by the sampler's own cancel or, while
    # compiling, by the kill after the grace second. Events, not a wall-clock bound.
    assert "cancelled" in str(stopped.value)
    if "restarted" in str(stopped.value):
        assert runner._proc.exitcode == -signal.SIGKILL
    result, _ = runner.run(UpdateRequest(make_case([0.5, 0.5], [[0.9, 0.1]]), "exact", 1, False))
    assert result.credences["h0"] == pytest.approx(0.9)  # the next job gets a fresh child
