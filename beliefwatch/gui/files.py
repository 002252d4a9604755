"""Files: New, Open, Save, recent cases, autosave and recovery after a crash.

A recent entry is a *case*: the set of files opened together (a priors file and its evidence
files), stored as JSON so that one entry never comes back from QSettings as a string.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

import beliefwatch as bw
from beliefwatch.core import commands
from beliefwatch.core.case import Case
from beliefwatch.core.errors import CaseError
from beliefwatch.gui.document import CaseDocument, self_contained
from beliefwatch.io.save import atomic_write, dumps_case, save_case

AUTOSAVE_MS = 30_000
MAX_RECENT = 8
FILTER = "BeliefWatch cases (*.toml);;All files (*)"


def config_dir() -> Path:
    """Where settings and the recovery file live (BELIEFWATCH_CONFIG_DIR overrides, for tests)."""
    override = os.environ.get("BELIEFWATCH_CONFIG_DIR")
    if override:
        return Path(override)
    loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(loc or Path.home() / ".config" / "BeliefWatch")


def settings() -> QSettings:
    return QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)


def recent_cases() -> list[list[str]]:
    raw = settings().value("recent_cases", "[]")
    try:
        cases = json.loads(raw if isinstance(raw, str) else "[]")
    except ValueError:
        return []
    return [c for c in cases if isinstance(c, list) and all(isinstance(p, str) for p in c)]


def _is_evidence_only(path: Path) -> bool:
    """A file that adds evidence to a case but defines no hypotheses of its own."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return not data.get("hypotheses") and bool(data.get("evidence") or data.get("indicators"))


class FileController(QObject):
    message = Signal(str)  # for the status bar

    def __init__(self, doc: CaseDocument, window: QWidget) -> None:
        super().__init__(window)
        self.doc, self.window = doc, window
        self.recent_menu = QMenu("Open &Recent", window)
        self._fill_recent()
        self._autosave = QTimer(self)
        self._autosave.timeout.connect(self.write_recovery)
        self._autosave.start(AUTOSAVE_MS)

    # -- dropping the current case --------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is safe to drop the current case (saved, discarded, or clean)."""
        if not self.doc.dirty:
            return True
        B = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window, "Unsaved changes", "The case has unsaved changes. Save them first?",
            B.Save | B.Discard | B.Cancel,
        )  # fmt: skip
        if answer == B.Save:
            return self.save()
        return answer == B.Discard

    def new_case(self) -> None:
        if not self.maybe_save():
            return
        case = Case(question="")
        case = commands.suggest_catch_all(case).applied_to(case)
        self.doc.replace(case, None)
        self.message.emit("New case: type the question, then add hypotheses (Ctrl+Shift+H)")

    # -- opening --------------------------------------------------------------------------
    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Open case files", "", FILTER)
        if paths:
            self.open_files([Path(p) for p in paths])

    def open_files(self, paths: list[Path]) -> bool:
        paths = list(paths)
        if len(paths) == 1 and _is_evidence_only(paths[0]):
            priors, _ = QFileDialog.getOpenFileName(
                self.window, f"{paths[0].name} holds evidence only: pick its priors file",
                str(paths[0].parent), FILTER,
            )  # fmt: skip
            if not priors:
                return False
            paths.insert(0, Path(priors))
        try:
            case = bw.load_case(*paths)
        except (CaseError, OSError) as e:
            text = str(e) if isinstance(e, CaseError) else f"{e.filename}: {e.strerror}"
            QMessageBox.warning(self.window, "Cannot open the case", text)
            self.message.emit(f"⚠ {text}")
            return False
        self.doc.replace(case, paths[0] if len(paths) == 1 else None)
        self._remember(paths)
        return True

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        start = str(self.doc.path or "case.toml")
        path, _ = QFileDialog.getSaveFileName(self.window, "Save case as one file", start, FILTER)
        if not path:
            return False
        path = Path(path) if path.endswith(".toml") else Path(path + ".toml")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            save_case(self_contained(self.doc.case), path)
        except (OSError, CaseError) as e:
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            QMessageBox.critical(self.window, "Not saved", f"{path}: {reason}")
            return False
        self.doc.mark_saved(path)
        self._remember([path])
        self.clear_recovery()
        self.message.emit(f"Saved {path}")
        return True

    # -- recent cases ---------------------------------------------------------------------
    def _remember(self, paths: list[Path]) -> None:
        entry = [str(p.resolve()) for p in paths]
        recent = [entry] + [c for c in recent_cases() if c != entry]
        settings().setValue("recent_cases", json.dumps(recent[:MAX_RECENT]))
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        cases = recent_cases()
        for files in cases:
            first = Path(files[0])
            label = first.name + (f"  (+{len(files) - 1} evidence files)" if len(files) > 1 else "")
            action = self.recent_menu.addAction(label)
            action.setToolTip("\n".join(files))
            action.setStatusTip(str(first.parent))
            action.triggered.connect(lambda _c=False, f=files: self.open_recent(f))
        self.recent_menu.setEnabled(bool(cases))

    def open_recent(self, files: list[str]) -> bool:
        return self.maybe_save() and self.open_files([Path(p) for p in files])

    # -- crash recovery -------------------------------------------------------------------
    @staticmethod
    def recovery_path() -> Path:
        return config_dir() / "recovery.toml"

    @Slot()
    def write_recovery(self) -> None:
        if not self.doc.dirty or not self.doc.case.hypotheses:
            return
        try:
            atomic_write(self.recovery_path(), dumps_case(self_contained(self.doc.case)))
        except (OSError, CaseError):
            return  # autosave must never interrupt the analyst
        settings().setValue("recovery/original", str(self.doc.path or ""))

    def clear_recovery(self) -> None:
        self.recovery_path().unlink(missing_ok=True)

    def offer_recovery(self) -> bool:
        path = self.recovery_path()
        if not path.exists():
            return False
        when = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            self.window, "Restore unsaved work?",
            f"BeliefWatch did not close cleanly. Restore the unsaved case autosaved at {when}?",
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            self.clear_recovery()
            return False
        try:
            case = bw.load_case(path)
        except CaseError as e:
            QMessageBox.warning(self.window, "Cannot restore", str(e))
            return False
        case.files = []  # the recovery file is not where the analyst's case lives
        original = settings().value("recovery/original") or ""
        self.doc.replace(case, Path(original) if original else None)
        self.doc.apply(commands.Command("Restore unsaved work", lambda c: None))  # unsaved
        return True
