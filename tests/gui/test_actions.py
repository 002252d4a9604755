"""Every menu action, toolbar button and shortcut, pressed as Qt presses it.

``action.trigger()`` emits ``triggered(bool)`` exactly as a click, a menu or a shortcut does;
``qtbot.keyClick`` goes through Qt's shortcut map. Dialogs are answered by patching the static
QFileDialog / QInputDialog / QMessageBox calls the window makes. ``COVERED`` names the test of each
action: an action the window has and this table does not know fails ``test_every_action_*``.
"""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolBar

from tests.gui.actions_help import HOW, press, shortcut_keys, window_actions

pytestmark = pytest.mark.gui

# Each action the window offers -> the tests that press it (menu and, if it has one, shortcut).
COVERED = {
    "New": ["test_new"],
    "Open": ["test_open"],
    "Open Recent ▸ a case": ["test_open_recent"],
    "Open team": ["test_open_team"],
    "Open team folder": ["test_open_team"],
    "Save": ["test_save"],
    "Save As": ["test_save_as"],
    "Export report": ["test_export_menu_action_asks_for_a_path_and_writes_the_report",
                      "test_export_shortcut_ctrl_e_opens_the_dialog_and_starts",
                      "test_export_toolbar_button_opens_the_dialog_and_starts"],
    "Quit": ["test_quit"],
    "Undo": ["test_undo_and_redo"],
    "Redo": ["test_undo_and_redo"],
    "Add hypothesis": ["test_add_hypothesis"],
    "Remove hypothesis": ["test_remove_hypothesis"],
    "Move hypothesis up": ["test_move_hypothesis"],
    "Move hypothesis down": ["test_move_hypothesis"],
    "Change hypothesis id": ["test_change_hypothesis_id"],
    "Add evidence item": ["test_add_evidence_item"],
    "Remove evidence item": ["test_remove_evidence_item"],
    "Change evidence id": ["test_change_evidence_id"],
    "Add source": ["test_add_source"],
    "Full update": ["test_full_update"],
    "Cancel full update": ["test_cancel_full_update"],
    "Engine: Auto (checked by PyMC in the background)": ["test_engine_choice"],
    "Engine: PyMC only": ["test_engine_choice"],
    "Guide to the method": ["test_guide"],
    "About BeliefWatch": ["test_about"],
}  # fmt: skip
PRESSED_BY_KEY = {"test_export_shortcut_ctrl_e_opens_the_dialog_and_starts"}  # not parametrized


@pytest.fixture(autouse=True)
def boxes(monkeypatch):
    """Message boxes the window shows, as (kind, title, text); a modal box would block the run."""
    shown = []
    for kind in ("critical", "warning", "information"):

        def fake(parent, title, text, *a, _kind=kind, **k):
            shown.append((_kind, title, text))
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, kind, fake)
    return shown


def answer_save(monkeypatch, path: Path) -> list:
    asked = []

    def fake(*args, **kwargs):
        asked.append(args)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return asked


# -- File -------------------------------------------------------------------------------------
def _export_started(window, monkeypatch, tmp_path, press) -> Path:
    """Press, answer the file dialog; the export is then running in the background."""
    target = tmp_path / "from-the-window.md"
    asked = answer_save(monkeypatch, target)
    press()
    assert len(asked) == 1  # the file dialog opened, once
    assert window.exporter._job is not None, window.statusBar().currentMessage()
    assert not window.actions["export"].isEnabled()  # one export at a time
    assert window.statusBar().currentMessage().startswith("Exporting the report")
    return target


def test_export_menu_action_asks_for_a_path_and_writes_the_report(
    window, qtbot, monkeypatch, tmp_path, boxes
):
    target = _export_started(window, monkeypatch, tmp_path, window.actions["export"].trigger)
    qtbot.waitUntil(lambda: window.exporter._job is None, timeout=180_000)
    assert boxes == []  # no "Export failed"
    assert "What caused the outage?" in target.read_text(encoding="utf-8")
    assert f"Report written to {target}" in window.statusBar().currentMessage()
    assert window.actions["export"].isEnabled() and not window.progress.isVisible()


def _cancel_export(window, qtbot):
    window.exporter._job.cancel()  # the report itself is checked through the menu above
    qtbot.waitUntil(lambda: window.exporter._job is None, timeout=180_000)
    assert window.actions["export"].isEnabled()


def test_export_shortcut_ctrl_e_opens_the_dialog_and_starts(window, qtbot, monkeypatch, tmp_path):
    window.matrix.view.setFocus()
    mod = Qt.KeyboardModifier.ControlModifier
    press = lambda: qtbot.keyClick(window.matrix.view, Qt.Key.Key_E, mod)  # noqa: E731
    _export_started(window, monkeypatch, tmp_path, press)
    _cancel_export(window, qtbot)


def test_export_toolbar_button_opens_the_dialog_and_starts(window, qtbot, monkeypatch, tmp_path):
    bar = window.findChild(QToolBar, "main-toolbar")
    button = bar.widgetForAction(window.actions["export"])
    press = lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # noqa: E731
    _export_started(window, monkeypatch, tmp_path, press)
    _cancel_export(window, qtbot)


def test_export_cancelled_in_the_dialog_writes_nothing_and_stays_idle(window, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    window.actions["export"].trigger()
    assert window.actions["export"].isEnabled()
    assert not window.progress.isVisible()
    assert "Exporting" not in window.statusBar().currentMessage()


def test_no_action_or_button_passes_checked_into_an_optional_parameter():
    """``triggered(bool)``/``clicked(bool)`` hand ``checked`` to the slot: a method with an
    optional first parameter takes it for its value (Export report got ``False`` as its path).
    Actions connect through ``menus.drop_args``; buttons through it, a lambda, or a method of
    the same class whose only parameter is ``self``."""
    import ast

    root = Path(__file__).parents[2] / "beliefwatch" / "gui"
    bad = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        methods = {
            f.name: f
            for c in ast.walk(tree)
            if isinstance(c, ast.ClassDef)
            for f in c.body
            if isinstance(f, ast.FunctionDef)
        }
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
                continue
            sig = call.func.value
            if call.func.attr != "connect" or not isinstance(sig, ast.Attribute):
                continue
            if sig.attr not in ("triggered", "clicked") or not call.args:
                continue
            slot = call.args[0]
            where = f"{path.name}:{call.lineno}"
            if isinstance(slot, ast.Lambda):
                continue
            if isinstance(slot, ast.Call) and getattr(slot.func, "id", "") == "drop_args":
                continue
            if sig.attr == "triggered":
                bad.append(f"{where}: an action connected straight to a slot")
            elif isinstance(slot, ast.Attribute) and len(_params(methods, slot.attr)) > 1:
                bad.append(f"{where}: {slot.attr} takes parameters")
    assert bad == []


def _params(methods: dict, name: str) -> list:
    return methods[name].args.args if name in methods else []


# -- File -------------------------------------------------------------------------------------
OTHER = 'format = 1\nquestion = "Will it rain?"\n[[hypotheses]]\nid = "rain"\nname = "Rain"\n' \
        'prior = 0.5\n[[hypotheses]]\nid = "dry"\nname = "Dry"\nprior = 0.5\n'  # fmt: skip


def edit_question(window, text="Edited question?"):
    q = window.hypotheses.question
    q.setText(text)
    q.editingFinished.emit()
    assert window.doc.case.question == text and window.isWindowModified()


@pytest.mark.parametrize("how", HOW)
def test_new(window, qtbot, how):
    edit_question(window)  # unsaved: the window asks (answered Discard by the fixture)
    press(window, qtbot, "new", how)
    assert window.doc.case.question == "" and window.doc.path is None
    assert window.windowTitle().startswith("Untitled case")
    assert window.statusBar().currentMessage().startswith("New case: type the question")


@pytest.mark.parametrize("how", HOW)
def test_open(window, qtbot, monkeypatch, tmp_path, how):
    other = tmp_path / "rain.toml"
    other.write_text(OTHER, encoding="utf-8")
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: (asked.append(a), ([str(other)], ""))[1])  # fmt: skip
    press(window, qtbot, "open", how)
    assert len(asked) == 1 and window.doc.case.question == "Will it rain?"
    assert window.windowTitle().startswith("rain.toml")


def test_open_recent(window, tmp_path, case_file):
    other = tmp_path / "rain.toml"
    other.write_text(OTHER, encoding="utf-8")
    assert window.open_files([other])
    entries = {a.text(): a for a in window.files.recent_menu.actions()}
    assert list(entries) == ["rain.toml", "outage.toml"]  # the last opened first
    entries["outage.toml"].trigger()
    assert window.doc.case.question == "What caused the outage?"
    assert window.doc.path == case_file


@pytest.mark.parametrize("how", HOW)
def test_save(window, qtbot, case_file, how):
    edit_question(window, "Saved question?")
    press(window, qtbot, "save", how)
    assert 'question = "Saved question?"' in case_file.read_text(encoding="utf-8")
    assert not window.isWindowModified()
    assert window.statusBar().currentMessage() == f"Saved {case_file}"


@pytest.mark.parametrize("how", HOW)
def test_save_as(window, qtbot, monkeypatch, tmp_path, how):
    target = tmp_path / "copy"  # ".toml" is added
    asked = answer_save(monkeypatch, target)
    press(window, qtbot, "save_as", how)
    assert len(asked) == 1
    assert "What caused the outage?" in (tmp_path / "copy.toml").read_text(encoding="utf-8")
    assert window.windowTitle().startswith("copy.toml")


@pytest.mark.parametrize("how", HOW)
def test_quit(window, qtbot, how):
    edit_question(window)  # asks first; the fixture answers Discard
    press(window, qtbot, "quit", how)
    assert not window.isVisible()


@pytest.mark.parametrize("key", ["open_team", "open_team_folder"])
def test_open_team(window, qtbot, monkeypatch, tmp_path, key):
    team = tmp_path / "team"
    team.mkdir()
    for who in ("ana", "ben"):
        (team / f"{who}.toml").write_text(OTHER, encoding="utf-8")  # fixed numbers: quick
    files = [str(team / "ana.toml"), str(team / "ben.toml")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (files, ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(team))
    window.actions[key].trigger()
    view = window.team_view
    assert view.isVisible()
    qtbot.waitUntil(lambda: view.windowTitle().startswith("Team: "), timeout=180_000)
    assert view.windowTitle() == "Team: Will it rain? — BeliefWatch"
    view.shutdown()
    view.close()


# -- Update ▸ Engine ---------------------------------------------------------------------------
def test_engine_choice(window):
    """The two engine actions are a choice: the one pressed is ticked, the full update uses it."""
    auto, pymc = window.actions["engine_auto"], window.actions["engine_pymc"]
    assert auto.isChecked() and not pymc.isChecked() and window.full.engine == "auto"
    pymc.trigger()
    assert pymc.isChecked() and not auto.isChecked() and window.full.engine == "pymc"
    auto.trigger()
    assert auto.isChecked() and not pymc.isChecked() and window.full.engine == "auto"


# -- Help -------------------------------------------------------------------------------------
@pytest.mark.parametrize("how", HOW)
def test_guide(window, qtbot, monkeypatch, how):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda box: shown.append((box.windowTitle(), box.text())))  # fmt: skip
    press(window, qtbot, "guide", how)
    assert (
        shown and shown[0][0] == "Guide to the method" and "How BeliefWatch reasons" in shown[0][1]
    )


def test_about(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.actions["about"].trigger()
    import beliefwatch as bw

    assert shown and f"BeliefWatch {bw.__version__}" in shown[0]


# -- every action has its test ----------------------------------------------------------------
def test_every_action_in_the_menus_and_toolbar_has_a_test(window):
    import tests.gui.test_actions_edit as edit_tests

    reachable = window_actions(window)
    assert set(reachable) == set(COVERED), "add the new action's test to COVERED"
    defined = set(globals()) | set(vars(edit_tests))
    named = {t for tests in COVERED.values() for t in tests}
    assert named <= defined, named - defined


def test_every_shortcut_is_pressed_by_key_in_a_test(window):
    import tests.gui.test_actions_edit as edit_tests

    for key in shortcut_keys(window):
        label = next(k for k, a in window_actions(window).items() if a is window.actions[key])
        tests = [globals().get(t) or getattr(edit_tests, t) for t in COVERED[label]]
        by_key = any(t.__name__ in PRESSED_BY_KEY for t in tests) or any(
            "how" in (m.args[0] if m.args else "") and "key" in m.args[1]
            for t in tests
            for m in getattr(t, "pytestmark", [])
            if m.name == "parametrize"
        )
        assert by_key, f"{label} ({window.actions[key].shortcut().toString()}) is never typed"
