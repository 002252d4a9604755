import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest


@pytest.fixture(autouse=True)
def _private_settings(tmp_path, monkeypatch):
    """Keep the user's real settings, recent files and recovery file out of the tests."""
    monkeypatch.setenv("BELIEFWATCH_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def window(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from beliefwatch.examples import example_files
    from beliefwatch.gui.main_window import MainWindow

    # pytest-qt closes the window before fixtures are torn down: a modal "save changes?"
    # would block the run, so unsaved test edits are discarded unless a test says otherwise.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.open_files(example_files())
    return w
