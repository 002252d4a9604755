"""``beliefwatch --self-test``: one line per step, exit 0 only when every step worked."""

import io

import pytest

from beliefwatch.cli import selftest

STEPS = [
    "load the bundled example",
    "the example, engine chosen by auto",
    "importance and PyMC engines on a non-conjugate case",
    "PDF, HTML and Markdown reports",
    "an update in a child process",
    "the window's modules load",
]


@pytest.mark.slow
def test_self_test_passes_on_a_working_install(run_cli):
    done = run_cli("--self-test")
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert lines[0].startswith("BeliefWatch ")
    steps = lines[1:-1]
    assert [line.split(":")[0] for line in steps] == [f"ok    {s}" for s in STEPS]
    assert lines[-1] == f"self-test passed: {len(STEPS)} steps"


def test_a_failed_step_fails_the_run_and_skips_what_needs_it(monkeypatch):
    import beliefwatch.examples

    def missing(*_):
        raise FileNotFoundError("bundled case 'china-dprk-russia' not found under /nowhere")

    monkeypatch.setattr(beliefwatch.examples, "example_files", missing)
    monkeypatch.setattr(selftest, "NON_CONJUGATE", "format = 1\n[[hypotheses]\n")
    out = io.StringIO()
    assert selftest.run(out) == 1
    lines = dict(line.split(":", 1) for line in out.getvalue().splitlines()[1:-1])
    assert lines["FAIL  load the bundled example"].strip().startswith("FileNotFoundError")
    for dependent in [STEPS[1], *STEPS[3:5]]:
        assert f"SKIP  {dependent}" in lines
    assert "FAIL  importance and PyMC engines on a non-conjugate case" in lines
    bad = [k for k in lines if k.startswith(("FAIL", "SKIP"))]
    assert len(bad) >= 5  # the window step may pass or fail: it does not need the example
    assert out.getvalue().splitlines()[-1] == f"self-test FAILED: {len(bad)} of 6 steps"


def test_pdf_check_rejects_a_file_that_is_not_a_pdf(tmp_path):
    fake = tmp_path / "report.pdf"
    fake.write_text("<html>not a pdf</html>")
    with pytest.raises(selftest.StepFailed, match="not a PDF"):
        selftest._check_pdf(fake)
