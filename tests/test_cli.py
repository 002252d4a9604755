import json

import pytest

from tests.cases import TAXI


def test_update_prints_a_table(write_case, run_cli):
    out = run_cli("update", write_case(TAXI))
    assert out.returncode == 0, out.stderr
    assert "Which cab?" in out.stdout
    rows = [ln for ln in out.stdout.splitlines() if ln.startswith(("Blue cab", "Green cab"))]
    assert rows[0].startswith("Green cab") and "58.6%" in rows[0]
    assert "41.4%" in rows[1]


def test_update_json_has_the_documented_shape(write_case, run_cli):
    out = run_cli("update", write_case(TAXI), "--json", "--seed", "3")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["question"] == "Which cab?"
    assert data["engine"] == "exact"
    blue = next(h for h in data["hypotheses"] if h["id"] == "blue")
    assert set(blue) >= {"id", "name", "prior", "credence", "interval"}
    assert blue["credence"] == pytest.approx(0.12 / 0.29)
    assert [s["item"] for s in data["timeline"]] == [None, "witness"]
    assert data["warnings"] == []


def test_update_with_uncertain_inputs_reports_intervals(write_case, run_cli):
    path = write_case(TAXI.replace("blue = 0.8", "blue = [0.6, 0.9]"))
    data = json.loads(run_cli("update", path, "--json", "--draws", "500").stdout)
    blue = next(h for h in data["hypotheses"] if h["id"] == "blue")
    assert blue["interval"][0] < blue["credence"] < blue["interval"][1]
    assert data["draws"] == 2000


def test_validate_reports_counts(write_case, run_cli):
    out = run_cli("validate", write_case(TAXI))
    assert out.returncode == 0
    assert "ok: 1 file(s), 2 hypotheses, 1 evidence items" in out.stdout


@pytest.mark.parametrize("command", ["update", "validate"])
def test_bad_input_is_one_line_without_traceback(write_case, run_cli, command):
    out = run_cli(command, write_case(TAXI.replace("blue = 0.8", "bleu = 0.8")))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert out.stderr.count("\n") == 1
    assert "case.toml:15: evidence 'witness'" in out.stderr
    assert "did you mean 'blue'" in out.stderr


def test_impossible_evidence_via_the_command_line(write_case, run_cli):
    text = TAXI.replace("blue = 0.8", "blue = 0").replace("green = 0.2", "green = 0")
    out = run_cli("update", write_case(text))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "evidence 'witness': impossible under every hypothesis" in out.stderr


def test_warnings_go_to_stderr(write_case, run_cli):
    out = run_cli("update", write_case(TAXI.replace("0.85", "0.95")))
    assert out.returncode == 0
    assert "warning: priors sum to 1.1, not 1: normalised" in out.stderr


def test_unknown_engine_is_refused(write_case, run_cli):
    out = run_cli("update", write_case(TAXI), "--engine", "magic")
    assert out.returncode == 2
    assert "invalid choice: 'magic'" in out.stderr


def test_output_piped_into_head_ends_quietly(write_case, tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    path = write_case(TAXI)
    cmd = f"{sys.executable} -m beliefwatch.cli update {path} --json --timeline | head -1"
    out = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True,
                         cwd=ROOT)  # fmt: skip
    assert out.stdout.strip() == "{"
    assert "Broken pipe" not in out.stderr and "Traceback" not in out.stderr
    assert out.returncode == 0


@pytest.mark.parametrize("draws", ["0", "-3", "many"])
def test_bad_draws_are_refused_in_one_line(write_case, run_cli, draws):
    out = run_cli("update", write_case(TAXI), "--draws", draws)
    assert out.returncode == 2
    assert "--draws" in out.stderr and "Traceback" not in out.stderr


def test_a_mistyped_command_is_refused_not_taken_for_a_file(write_case, run_cli):
    out = run_cli("analyse", write_case(TAXI))
    assert out.returncode == 2
    assert "invalid choice: 'analyse'" in out.stderr
    assert "analyze" in out.stderr  # the list of commands shows the right spelling


def test_report_passes_on_every_warning(write_case, run_cli, tmp_path):
    # A prior of 0 draws a Cromwell warning from the model: it must reach the analyst.
    path = write_case(
        TAXI.replace("prior = 0.15", "prior = 0.0").replace("prior = 0.85", "prior = 1.0")
    )
    out = run_cli("report", path, "-o", tmp_path / "r.html")
    assert out.returncode == 0, out.stderr
    assert "warning:" in out.stderr and "Cromwell" in out.stderr
