"""The training commands through the command line, as the issue writes their contract."""

import csv
import gzip
import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest

FIX = Path(__file__).parent / "fixtures" / "training"

ACHZ = """<?xml version="1.0" encoding="UTF-16"?>
<ACH><PROJECT-TITLE>Who took the car?</PROJECT-TITLE><CLASSIFICATION>NONE</CLASSIFICATION>
<MATRIX><HYPOTHESIS><NAME>The son</NAME></HYPOTHESIS><HYPOTHESIS><NAME>A thief</NAME></HYPOTHESIS>
<EVIDENCE><NAME>Keys are missing</NAME><NOTES></NOTES><LINK></LINK><TYPE>Fact</TYPE>
<DATE>1735689600000</DATE><CODE></CODE><FLAG>false</FLAG><CREDIBILITY>HIGH</CREDIBILITY>
<RELEVANCE>HIGH</RELEVANCE><VALUES>C C,I I</VALUES></EVIDENCE>
<EVIDENCE><NAME>Window broken</NAME><CREDIBILITY>MEDIUM</CREDIBILITY>
<VALUES>I,C</VALUES></EVIDENCE></MATRIX></ACH>
"""


def test_import_achz_then_export_and_import_csv(run_cli, tmp_path):
    src = tmp_path / "car.achz"
    src.write_bytes(gzip.compress(ACHZ.encode("utf-16")))
    case = tmp_path / "car.toml"
    r = run_cli("import-ach", src, "-o", case)
    assert r.returncode == 0, r.stderr
    text = case.read_text(encoding="utf-8")
    assert 'question = "Who took the car?"' in text
    assert 'the-son = "CC"' in text and 'a-thief = "II"' in text
    out = tmp_path / "car.csv"
    r = run_cli("export-ach", case, "-o", out)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(row["evidence"], row["The son"], row["A thief"]) for row in rows] == [
        ("Keys are missing", "CC", "II"),
        ("Window broken", "I", "C"),
    ]
    assert (rows[0]["credibility"], rows[0]["relevance"], rows[0]["date"]) == (
        "HIGH",
        "HIGH",
        "2025-01-01",
    )
    again = tmp_path / "again.toml"
    assert run_cli("import-ach", out, "-o", again).returncode == 0
    scores = [json.loads(run_cli("ach-scores", f, "--json").stdout) for f in (case, again)]
    assert scores[0]["parc"] == scores[1]["parc"] == {"the-son": 1, "a-thief": 2}
    # weights: keys HIGH x HIGH = 2, window MEDIUM x MEDIUM = 1
    assert scores[0]["parc_weighted"] == pytest.approx({"the-son": 1, "a-thief": 4})
    assert scores[0]["credences"] == pytest.approx(scores[1]["credences"])


def test_ach_scores_json_contract(run_cli):
    r = run_cli("ach-scores", FIX / "fire.toml", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["credences"] == pytest.approx({"x": 0.55, "y": 0.33, "z": 0.12})
    # One numeric item, read as the rating with the nearest central value (centres: C 0.69,
    # N 0.50, I 0.31, II 0.11): 0.55 is N, 0.33 is I, 0.12 is II.
    assert out["parc"] == {"x": 0, "y": 1, "z": 2}
    assert out["parc_weighted"] == pytest.approx(out["parc"])
    assert out["open_synthesis"] == {
        "inconsistency": {"x": 0, "y": 1, "z": 4},
        "consistency": {"x": 0, "y": 0, "z": 0},
    }
    # values 3, 2, 1: mean 2, variance 2/3
    assert out["diagnosticity"] == {"smell": pytest.approx(math.sqrt(2 / 3))}


def test_score_json_contract(run_cli, tmp_path):
    r = run_cli("score", FIX, "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) == {"cases", "calibration", "mean", "murphy"}
    keys = {"reliability", "resolution", "uncertainty", "brier_binary"}
    assert set(out["murphy"]) == {"computed", "estimates"}
    assert set(out["murphy"]["computed"]) == set(out["murphy"]["estimates"]) == keys
    m = out["murphy"]["estimates"]  # ten forecasts, base rate 0.4, one value per bin
    assert m["uncertainty"] == pytest.approx(0.24)
    assert m["brier_binary"] == pytest.approx(m["reliability"] - m["resolution"] + 0.24)
    # The folder holds two case files with [resolution]; the included file is not one.
    assert [Path(c["file"]).name for c in out["cases"]] == ["fire.toml", "leak.toml"]
    fire, leak = out["cases"]
    assert fire["answer"] == "y" and leak["answer"] == "a"
    assert {fire["engine"], leak["engine"]} <= {"exact", "importance", "pymc"}
    assert leak["computed"] == pytest.approx({"brier": 0.125, "log": math.log(0.75)})
    assert set(leak["estimates"][0]) == {"analyst", "brier", "log", "coherent", "sum"}
    lee = leak["estimates"][1]
    assert (lee["analyst"], lee["coherent"], lee["sum"]) == ("Lee Minho", False, 100)
    assert lee["brier"] == pytest.approx(0.98) and lee["log"] == pytest.approx(math.log(0.3))
    for kind in ("computed", "estimates"):
        bins = out["calibration"][kind]
        assert len(bins) == 10 and bins[-1]["hi"] == 1.0
        assert set(bins[0]) == {"lo", "hi", "n", "mean_forecast", "frequency"}
    assert sum(b["n"] for b in out["calibration"]["computed"]) == 5  # 2 + 3 hypotheses
    assert sum(b["n"] for b in out["calibration"]["estimates"]) == 10
    assert out["mean"]["computed"]["brier"] == pytest.approx((0.125 + 0.7658) / 2)
    assert out["mean"]["estimates"]["brier"] == pytest.approx(1.94 / 4)
    # A case file named directly is scored the same way.
    one = json.loads(run_cli("score", FIX / "leak.toml", "--json").stdout)
    assert one["cases"][0]["computed"] == leak["computed"]


def test_score_murphy_estimates_null_without_estimates_and_words_in_table(run_cli, tmp_path):
    text = (FIX / "leak.toml").read_text(encoding="utf-8")
    case = tmp_path / "bare.toml"
    case.write_text(text.split("[[estimates]]")[0], encoding="utf-8")
    out = json.loads(run_cli("score", case, "--json").stdout)
    assert out["murphy"]["estimates"] is None
    assert out["murphy"]["computed"]["uncertainty"] == pytest.approx(0.25)  # 1 of 2 came true
    table = run_cli("score", FIX).stdout
    assert "Computed credences were" in table and "Trainees' estimates were" in table
    assert "reliability" in table and "resolution" in table


def test_score_zero_on_the_answer_gives_null_log(run_cli, tmp_path):
    p = tmp_path / "c.toml"
    p.write_text(
        '[[hypotheses]]\nid = "a"\n[[hypotheses]]\nid = "b"\n[resolution]\nanswer = "a"\n'
        '[[estimates]]\nanalyst = "K"\n[estimates.credences]\na = 0\nb = 1\n'
    )
    out = json.loads(run_cli("score", p, "--json").stdout)
    est = out["cases"][0]["estimates"][0]
    assert est["brier"] == 2 and est["log"] is None
    assert out["mean"]["estimates"]["log"] is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["score", "NOPE-missing.toml"], ["NOPE-missing.toml", "not found"]),
        (["score", "tests/fixtures/case-format-1.toml"], ["has no [resolution]"]),
        (["import-ach", "tests/fixtures/case-format-1.toml"], ["unknown ACH format"]),
    ],
)
def test_errors_are_one_line(run_cli, args, words):
    r = run_cli(*args)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("beliefwatch: error: ")
    for w in words:
        assert w in r.stderr


def test_score_empty_folder(run_cli, tmp_path):
    r = run_cli("score", tmp_path)
    assert r.returncode == 2 and "no case files with [resolution]" in r.stderr


def test_bad_csv_is_one_line(run_cli, tmp_path):
    p = tmp_path / "m.csv"
    p.write_text("evidence,A,B\nx,C,maybe so\n", encoding="utf-8")
    r = run_cli("import-ach", p, "-o", tmp_path / "m.toml")
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "m.csv" in r.stderr and "line 2" in r.stderr and "column 'B'" in r.stderr
    assert not (tmp_path / "m.toml").exists()


def test_class_report_html_hides_names_unless_asked(run_cli, tmp_path):
    hidden = tmp_path / "class.html"
    r = run_cli("class-report", FIX, "-o", hidden)
    assert r.returncode == 0, r.stderr
    text = hidden.read_text(encoding="utf-8")
    assert "Kim Jiwoo" not in text and "Lee Minho" not in text
    assert "Trainee 1" in text and "Trainee 2" in text
    assert "0.980" in text  # Lee's Brier on the leak case
    assert "<svg" in text  # the calibration diagram
    shown = tmp_path / "named.html"
    assert run_cli("class-report", FIX, "-o", shown, "--names").returncode == 0
    text = shown.read_text(encoding="utf-8")
    assert "Kim Jiwoo" in text and "Trainee 1" not in text


def test_class_report_pdf(run_cli, tmp_path):
    out = tmp_path / "class.pdf"
    r = run_cli("class-report", FIX, "-o", out)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
        assert "Trainee 2" in text and "Lee Minho" not in text
    bad = run_cli("class-report", FIX, "-o", tmp_path / "class.docx")
    assert bad.returncode == 2 and "must be .pdf or .html" in bad.stderr
