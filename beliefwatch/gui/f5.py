"""F5 as the window shows it: the full update controller's signals to the Full update tab, the
progress bar, the status bar and the actions, and the engine choice of the Update menu."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMessageBox

ENGINE_LABELS = {"auto": "Engine: &Auto (checked by PyMC in the background)",
                 "pymc": "Engine: &PyMC only"}  # fmt: skip


class FullUpdateView(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.w = w = window
        f = w.full
        f.started.connect(self.on_started)
        f.progress.connect(self.on_progress)
        f.result_ready.connect(self.on_result)
        f.check_started.connect(self.on_check_started)
        f.checked.connect(self.on_checked)
        f.check_failed.connect(self.on_check_failed)
        f.stale_changed.connect(w.full_panel.set_stale)
        f.cleared.connect(w.full_panel.clear)
        f.failed.connect(lambda m: QMessageBox.warning(w, "Full update failed", m))
        f.cancelled.connect(lambda m: w.statusBar().showMessage(f"Full update {m}", 8000))
        f.finished.connect(self.on_finished)
        f.prepared.connect(lambda m: w.statusBar().showMessage(f"Ready for F5: {m}", 4000))

    @Slot()
    def on_started(self) -> None:
        self.w.progress.setValue(0)
        self.w.progress.show()
        self.w.cancel_button.show()
        self.w.actions["full"].setEnabled(False)
        self.w.actions["cancel"].setEnabled(True)
        self.w.statusBar().showMessage("Full update: starting…")

    @Slot(float, str)
    def on_progress(self, fraction: float, message: str) -> None:
        self.w.progress.show()
        self.w.progress.setValue(int(1000 * fraction))
        self.w.statusBar().showMessage(f"{message} ({100 * fraction:.0f}%)")

    @Slot(object, object)
    def on_result(self, result, figures) -> None:
        self.w.full_panel.show_result(self.w.full.result_case, result, figures)
        self.w.full_panel.set_stale(self.w.full.stale)
        self.w.show_view("full")
        warn = f" — {len(result.warnings)} warning(s), see Summary" if result.warnings else ""
        self.w.statusBar().showMessage(f"Full update done ({result.engine} engine){warn}", 10_000)

    @Slot(str)
    def on_check_started(self, engine: str) -> None:
        self.w.full_panel.check_running(engine)
        self.w.progress.setValue(0)
        self.w.statusBar().showMessage(f"Full update shown ({engine} engine); PyMC is checking it…")

    @Slot(object, object)
    def on_checked(self, check, figures) -> None:
        self.w.full_panel.show_check(check, figures)
        self.w.full_panel.set_stale(self.w.full.stale)
        self.w.statusBar().showMessage(check.sentence(), 15_000)

    @Slot(str)
    def on_check_failed(self, message: str) -> None:
        self.w.full_panel.check_failed(message)
        self.w.statusBar().showMessage(message, 10_000)

    def set_engine(self, engine: str) -> None:
        """The engine choice of the Update menu (and of ``--engine``): "auto" shows the
        quickest trusted result and checks it with PyMC; "pymc" runs PyMC alone."""
        if engine not in ENGINE_LABELS:
            raise ValueError(f"unknown engine {engine!r} for the window: auto or pymc")
        self.w.full.engine = engine
        for key in ENGINE_LABELS:
            self.w.actions[f"engine_{key}"].setChecked(key == engine)

    @Slot()
    def on_finished(self) -> None:
        self.w.progress.hide()
        self.w.cancel_button.hide()
        self.w.actions["full"].setEnabled(not self.w.state.answer_hidden)
        self.w.actions["cancel"].setEnabled(False)
