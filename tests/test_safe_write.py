"""Nothing a user wrote is lost or exposed by a write (issue 19, first part).

Every command that writes refuses to write over its inputs, a read-only file or a file changed
on disk since it was read; writes through a symlink land in its target; ``observe`` keeps the
file's comments and line endings; an exported CSV cannot run formulas in a spreadsheet; a failed
or killed write leaves nothing behind.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import stat
import subprocess
import sys
import textwrap

import pytest

import beliefwatch as bw
from beliefwatch.cli import main
from beliefwatch.core.commands import observe
from beliefwatch.core.errors import CaseError
from beliefwatch.io.ach import ach_csv_text, read_ach_csv
from beliefwatch.io.observe import write_observation
from beliefwatch.io.save import save_case

CASE = textwrap.dedent(
    """\
    # Priors agreed with the desk on Monday.
    question = "Which?"

    [[hypotheses]]  # the favourite
    id = "a"
    name = "A"
    prior = 0.6

    [[hypotheses]]
    id = "b"
    name = "B"
    prior = 0.4

    [[evidence]]
    id = "seen"
    text = "Something seen"
    [evidence.likelihoods]
    a = 0.7
    b = 0.2

    # What we watch for next.
    [[indicators]]  # added after the meeting
    id = "visit"
    text = "A state visit"
    [indicators.likelihoods]
    a = "likely"
    b = 0.1

    # Keep this one too.
    [[indicators]]
    id = "rebuke"
    text = "A rebuke"
    [indicators.likelihoods]
    a = 0.2
    b = 0.6
    """
)
DAY = dt.date(2025, 9, 3)


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "case.toml"
    path.write_text(CASE, encoding="utf-8")
    return path


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _observe(path, iid="visit", happened=True):
    case = bw.load_case(path)
    after = observe(case, iid, happened, DAY).applied_to(case)
    return case, after.evidence[-1]


# -- never over an input ---------------------------------------------------------------------
def test_export_ach_refuses_to_write_over_the_case_it_reads(case_file, capsys):
    code, _, err = run(capsys, "export-ach", case_file, "-o", case_file)
    assert code == 2 and err.count("\n") == 1
    assert "case.toml" in err and "input" in err
    assert case_file.read_text(encoding="utf-8") == CASE


def test_import_ach_refuses_to_write_over_the_csv_it_reads(tmp_path, capsys):
    src = tmp_path / "m.csv"
    src.write_text("evidence,H1,H2\nKeys missing,C,I\n", encoding="utf-8")
    code, _, err = run(capsys, "import-ach", src, "-o", src)
    assert code == 2 and "m.csv" in err and "input" in err
    assert src.read_text(encoding="utf-8") == "evidence,H1,H2\nKeys missing,C,I\n"


def test_report_refuses_an_output_that_is_its_input_through_a_link(case_file, capsys):
    link = case_file.with_name("report.html")
    link.symlink_to(case_file)
    code, _, err = run(capsys, "report", case_file, "-o", link, "--engine", "exact")
    assert code == 2 and "report.html" in err and "input" in err
    assert case_file.read_text(encoding="utf-8") == CASE


def test_class_report_refuses_to_write_over_a_scored_case(tmp_path, capsys):
    path = tmp_path / "t.toml"
    path.write_text(CASE + '\n[resolution]\nanswer = "a"\n', encoding="utf-8")
    link = tmp_path / "class.html"
    link.symlink_to(path)
    before = path.read_text(encoding="utf-8")
    code, _, err = run(capsys, "class-report", path, "-o", link, "--engine", "exact")
    assert code == 2 and "class.html" in err and "input" in err
    assert path.read_text(encoding="utf-8") == before


# -- read-only files, symlinks ---------------------------------------------------------------
def test_observe_refuses_a_read_only_file_and_names_it(case_file, capsys):
    case_file.chmod(0o444)
    code, _, err = run(
        capsys, "observe", case_file, "--indicator", "visit", "--happened", "--date", "2025-09-03"
    )
    assert code == 2 and err.count("\n") == 1
    assert str(case_file) in err and "read-only" in err
    assert case_file.read_text(encoding="utf-8") == CASE
    assert stat.S_IMODE(case_file.stat().st_mode) == 0o444


def test_the_windows_save_refuses_a_read_only_file(case_file):
    case = bw.load_case(case_file)
    case_file.chmod(0o444)
    with pytest.raises(CaseError, match="read-only") as e:
        save_case(case, case_file)
    assert str(case_file) in str(e.value)
    assert case_file.read_text(encoding="utf-8") == CASE


def test_observe_through_a_symlink_writes_its_target_and_keeps_the_link(case_file, tmp_path):
    link = tmp_path / "link.toml"
    link.symlink_to(case_file)
    case, item = _observe(link)
    write_observation(case, item)
    assert link.is_symlink()
    again = bw.load_case(case_file)
    assert [i.id for i in again.indicators] == ["rebuke"]
    assert again.item("visit").from_indicator == "visit"


# -- what observe keeps ----------------------------------------------------------------------
def test_observe_keeps_every_comment_when_the_header_carries_one(case_file):
    case, item = _observe(case_file)
    write_observation(case, item)
    text = case_file.read_text(encoding="utf-8")
    for comment in (
        "# Priors agreed with the desk on Monday.",
        "# the favourite",
        "# What we watch for next.",
        "# Keep this one too.",
    ):
        assert comment in text
    assert "# added after the meeting" not in text  # it belonged to the entry that moved


def test_observe_keeps_crlf_line_endings(tmp_path):
    path = tmp_path / "dos.toml"
    path.write_bytes(CASE.replace("\n", "\r\n").encode("utf-8"))
    case, item = _observe(path, "rebuke", happened=False)
    write_observation(case, item)
    raw = path.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") > 0
    assert [i.id for i in bw.load_case(path).indicators] == ["visit"]


def test_observe_refuses_when_the_file_changed_on_disk_since_it_was_read(case_file):
    case, item = _observe(case_file)
    colleague = CASE.replace('text = "A rebuke"', 'text = "A public rebuke"')
    case_file.write_text(colleague, encoding="utf-8")
    os.utime(case_file, ns=(0, 10**18))  # a later time, whatever the clock's resolution
    with pytest.raises(CaseError, match="changed on disk") as e:
        write_observation(case, item)
    assert str(case_file) in str(e.value) and "\n" not in str(e.value)
    assert case_file.read_text(encoding="utf-8") == colleague


def test_the_windows_save_refuses_a_file_changed_on_disk_but_not_one_only_touched(case_file):
    case = bw.load_case(case_file)
    os.utime(case_file, ns=(0, 10**18))  # touched: same bytes
    save_case(case, case_file)
    case_file.write_text(CASE + "\n# a colleague's note\n", encoding="utf-8")
    with pytest.raises(CaseError, match="changed on disk"):
        save_case(case, case_file)
    assert "# a colleague's note" in case_file.read_text(encoding="utf-8")


# -- CSV formula injection -------------------------------------------------------------------
HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "'=quoted"]


@pytest.mark.parametrize("text", HOSTILE)
def test_export_neutralises_formula_cells_and_reads_them_back_unchanged(tmp_path, text):
    src = tmp_path / "m.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["evidence", "source", text], [text, text, "C"]])
    case = read_ach_csv(src)
    out = ach_csv_text(case)
    for row in csv.reader(out.splitlines()):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    again = tmp_path / "again.csv"
    again.write_text(out, encoding="utf-8", newline="")
    back = read_ach_csv(again)
    assert back.hypotheses[0].name == case.hypotheses[0].name
    assert back.evidence[0].text == case.evidence[0].text
    assert back.evidence[0].source == case.evidence[0].source


# -- what a failed or killed write leaves ----------------------------------------------------
def test_a_temporary_file_left_by_a_killed_write_goes_at_the_next_save(case_file):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    left = case_file.with_name(f".case.toml.{dead.stdout.strip()}.k1ll3d_x.tmp")
    left.write_text("half a case", encoding="utf-8")
    save_case(bw.load_case(case_file), case_file)
    assert not left.exists()
    assert sorted(p.name for p in case_file.parent.iterdir()) == ["case.toml"]


def test_a_kill_during_observe_leaves_the_file_whole_and_the_next_write_clean(case_file):
    """SIGKILL a real observe while it writes, then observe again: one clean file."""
    code = textwrap.dedent(
        f"""
        import os, signal, beliefwatch.io.safe_write as sw
        real = os.fsync
        def killed(fd):
            os.kill(os.getpid(), signal.SIGKILL)
        sw.os.fsync = killed
        from beliefwatch.cli import main
        main(["observe", {str(case_file)!r}, "--indicator", "visit", "--happened",
              "--date", "2025-09-03"])
        """
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == -9
    assert case_file.read_text(encoding="utf-8") == CASE
    case, item = _observe(case_file)
    write_observation(case, item)
    assert sorted(p.name for p in case_file.parent.iterdir()) == ["case.toml"]


def test_a_failed_markdown_report_leaves_no_folder_of_plots(case_file, monkeypatch):
    from matplotlib.figure import Figure

    from beliefwatch.reports import write_report

    case = bw.load_case(case_file)
    result = bw.update(case, engine="exact", draws=50)
    real, saved = Figure.savefig, []

    def full_after_one(self, *a, **k):  # the disk fills up after the first plot
        if saved:
            raise OSError(28, "No space left on device")
        saved.append(a[0])
        return real(self, *a, **k)

    monkeypatch.setattr(Figure, "savefig", full_after_one)
    out = case_file.with_name("r.md")
    with pytest.raises(OSError):
        write_report(case, result, out)
    assert saved and not out.exists() and not out.with_name("r_files").exists()


def test_a_file_removed_since_it_was_written_is_written_again(case_file):
    """The window's autosave writes its recovery file, a save removes it, the next autosave
    must write it again (nothing on disk is overwritten)."""
    case = bw.load_case(case_file)
    recovery = case_file.with_name("recovery.toml")
    save_case(case, recovery)
    recovery.unlink()
    save_case(case, recovery)
    assert bw.load_case(recovery).question == "Which?"
