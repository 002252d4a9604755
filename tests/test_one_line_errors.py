"""Every way the attack on issue 19 found to get a traceback now gives one line of at most 300
characters naming the file, with no raw control character (issue 19, fourth part)."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

import beliefwatch as bw
from beliefwatch.cli import main
from beliefwatch.core.errors import CaseError
from tests.cases import TAXI

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cli(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "beliefwatch.cli", *args], capture_output=True, cwd=ROOT, **kw
    )


def assert_one_line(err: str, name: str) -> None:
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and len(lines[0]) <= 300 + len("beliefwatch: error: "), err
    assert name in lines[0], err
    assert "\x1b" not in err and "\x00" not in err


def test_an_include_chain_a_thousand_files_deep_loads(tmp_path):
    for i in range(1000):
        (tmp_path / f"f{i}.toml").write_text(f'include = ["f{i + 1}.toml"]\n', encoding="utf-8")
    (tmp_path / "f1000.toml").write_text(TAXI, encoding="utf-8")
    case = bw.load_case(tmp_path / "f0.toml")
    assert [h.id for h in case.hypotheses] == ["blue", "green"] and len(case.includes) == 1000


@pytest.mark.parametrize(
    "args",
    [
        ["--seed", "-1"],
        ["--seed", str(2**64)],
        ["--draws", "1e9"],
        ["--draws", "1e20"],
        ["--draws", "0"],
        ["--draws", "nan"],
    ],
)
def test_out_of_range_engine_options_are_refused_by_the_parser(args, capsys):
    with pytest.raises(SystemExit) as e:
        main(["update", "--engine", "exact", *args])
    err = capsys.readouterr().err
    assert e.value.code == 2 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("beliefwatch update: error: argument")


def test_draws_too_many_for_the_hypotheses_say_how_big(write_case, capsys):
    hyps = "".join(f'[[hypotheses]]\nid = "h{k}"\n' for k in range(50))
    path = write_case(f'question = "q"\n{hyps}')
    assert main(["update", str(path), "--draws", "1000000", "--engine", "exact"]) == 2
    err = capsys.readouterr().err
    # 10^6 draws x 4 chains x 50 hypotheses x 8 bytes
    assert_one_line(err, "1.6 GB of draws; at most 250,000 draws")


@pytest.mark.parametrize("command", ["export-ach", "import-ach"])
def test_closed_standard_output_is_one_line(tmp_path, command):
    src = tmp_path / ("case.toml" if command == "export-ach" else "m.csv")
    src.write_text(
        TAXI if command == "export-ach" else "evidence,A,B\nKeys,C,I\n", encoding="utf-8"
    )
    r = subprocess.run(
        ["sh", "-c", f'"$0" -m beliefwatch.cli {command} "$1" >&-', sys.executable, str(src)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode == 2
    assert_one_line(r.stderr, "standard output is closed")


def test_a_file_name_that_is_not_utf8_is_named_escaped(tmp_path):
    bad = os.path.join(os.fsencode(tmp_path), b"caf\xe9.toml")
    r = cli(b"validate", bad, env={**os.environ, "LC_ALL": "C.UTF-8"})
    err = r.stderr.decode("utf-8")  # whatever came out is valid UTF-8
    assert r.returncode == 2
    assert_one_line(err, "caf\\udce9.toml")
    with open(bad, "w", encoding="utf-8") as fh:
        fh.write(TAXI)
    ok = cli(b"update", bad, b"--engine", b"exact", env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert ok.returncode == 0, ok.stderr


def test_estimates_beyond_a_credence_are_one_line_and_score_json_stays_json(write_case):
    text = TAXI + '[resolution]\nanswer = "blue"\n[[estimates]]\nanalyst = "K"\n'
    bad = write_case(text + "[estimates.credences]\nblue = 1e308\ngreen = 1e308\n", "bad.toml")
    with pytest.raises(CaseError) as e:
        bw.load_case(bad)
    assert "bad.toml" in str(e.value) and "<= 100" in str(e.value)
    good = write_case(text + "[estimates.credences]\nblue = 0\ngreen = 100\n", "good.toml")
    r = cli("score", str(good), "--json", "--engine", "exact")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout, parse_constant=lambda c: pytest.fail(f"{c} is not JSON"))
    assert out["cases"][0]["estimates"][0]["log"] is None  # ln 0: no number, and valid JSON


def test_a_two_megabyte_value_is_not_echoed_whole(write_case):
    path = write_case(f'question = "q"\n[[hypotheses]]\nid = "a"\nname = ["{"x" * 2_000_000}"]\n')
    with pytest.raises(CaseError) as e:
        bw.load_case(path)
    msg = str(e.value)
    assert len(msg) <= 300 and "\n" not in msg and "case.toml" in msg


def test_every_prior_zero_names_the_file(write_case):
    path = write_case(
        'question = "q"\n[[hypotheses]]\nid = "a"\nprior = 0\n'
        '[[hypotheses]]\nid = "b"\nprior = 0\n',
        "zeros.toml",
    )
    with pytest.raises(CaseError) as e:
        bw.load_case(path)
    assert "zeros.toml" in str(e.value) and "every prior is 0" in str(e.value)


def test_control_characters_never_reach_the_terminal(write_case):
    title = "\x1b]0;owned\x07"
    path = write_case(TAXI.replace('name = "Blue cab"', f'name = "Blue{title} cab\\u0000"'))
    bad = write_case('question = "q"\n[[hypotheses]]\nid = "a\\u001b[2J"\n', "bad.toml")
    for args in (["update", str(path), "--engine", "exact"], ["validate", str(bad)]):
        leader, follower = pty.openpty()
        r = subprocess.run(
            [sys.executable, "-m", "beliefwatch.cli", *args],
            stdout=follower,
            stderr=follower,
            cwd=ROOT,
        )
        os.close(follower)
        out = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        os.close(leader)
        assert r.returncode in (0, 2)
        assert b"\x1b" not in out and b"\x07" not in out and b"\x00" not in out, out
        assert b"\\x1b" in out
