"""File ▸ Open team…: the Team view as an analyst sees it (docs/team.md)."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

FIX = Path(__file__).parent.parent / "fixtures" / "team"


def _texts(table, row):
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_open_team_folder_shows_pools_spread_and_disagreements(window, qtbot, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(FIX))
    window.actions["open_team_folder"].trigger()
    view = window.team_view
    qtbot.waitUntil(lambda: view.team is not None, timeout=120_000)
    heads = [view.credences.horizontalHeaderItem(c).text()
             for c in range(view.credences.columnCount())]  # fmt: skip
    assert heads[:4] == ["Hypothesis", "Ana", "Ben", "cy"]
    assert heads[4:7] == ["Linear", "Log", "Pooled"]
    clerk = _texts(view.credences, 0)
    assert clerk[:4] == ["The clerk", "80.0%", "75.0%", "88.9%"]
    assert clerk[4] == f"{(0.8 + 0.75 + 0.4 / 0.45) / 3:.1%}"  # the linear pool
    assert "engine exact" in view.heading.text()
    assert "Item <b>alibi</b> is only in cy's case" in view.heading.text()
    assert view.figure.figure is not None  # the spread
    assert _texts(view.disagreements, 0)[0] == "ink"
    # Click the disagreement: every analyst's cell and note side by side.
    table = view.disagreements
    rect = table.visualItemRect(table.item(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [view.cells.horizontalHeaderItem(c).text() for c in range(5)] == [
        "Analyst", "x", "y", "x with theirs", "Note"]  # fmt: skip
    # x with Ana's ink, the rest pooled (stamp 1/2 each, cy's alibi 0.5 / 0.25):
    # 0.8 * 0.5 / (0.8 * 0.5 + 0.2 * 0.25) = 0.889; with Ben's 0.6: 0.3 / 0.35 = 0.857.
    assert _texts(view.cells, 0) == ["Ana", "0.8", "0.2", "88.9%", "Lab report; I trust it."]
    assert _texts(view.cells, 1)[3] == "85.7%"
    assert _texts(view.cells, 1)[:3] == ["Ben", "0.6", "0.2"]
    assert _texts(view.cells, 1)[4] == "The lab was rushed."
    assert "ink" in view.cells_title.text() and "swing" in view.cells_title.text()


def test_open_team_files_writes_the_report_with_names_hidden(window, qtbot, monkeypatch,
                                                              tmp_path):  # fmt: skip
    files = [str(FIX / "ana.toml"), str(FIX / "ben.toml")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (files, ""))
    window.actions["open_team"].trigger()
    view = window.team_view
    qtbot.waitUntil(lambda: view.team is not None, timeout=120_000)
    assert view.credences.columnCount() == 1 + 2 + 5
    out = tmp_path / "team.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(view.export, Qt.MouseButton.LeftButton)
    html = out.read_text(encoding="utf-8")
    assert "Analyst 1" in html and "<td>Ana</td>" not in html and "names hidden" in html


def test_open_team_with_different_hypotheses_says_which_file(window, qtbot, monkeypatch,
                                                             tmp_path):  # fmt: skip
    bad = tmp_path / "dee.toml"
    bad.write_text((FIX / "ana.toml").read_text().replace('id = "y"', 'id = "z"')
                   .replace("y = 0.", "z = 0."), encoding="utf-8")  # fmt: skip
    files = [str(FIX / "ana.toml"), str(bad)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (files, ""))
    window.actions["open_team"].trigger()
    view = window.team_view
    qtbot.waitUntil(lambda: "⚠" in view.heading.text(), timeout=120_000)
    assert "dee.toml" in view.heading.text() and "lacks y; adds z" in view.heading.text()
    assert "Traceback" not in view.heading.text() and view.team is None
