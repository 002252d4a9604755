"""The main window: question and hypotheses, the evidence matrix, live credences, full update."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QThread, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

import beliefwatch as bw
from beliefwatch.core.case import Case, Evidence, Hypothesis
from beliefwatch.core.elicitation import parse_prior
from beliefwatch.core.errors import CaseError
from beliefwatch.gui.analysis import Live, analyse
from beliefwatch.gui.details import EvidenceDetails
from beliefwatch.gui.document import CaseDocument
from beliefwatch.gui.figures import FigurePane
from beliefwatch.gui.guide import GUIDE
from beliefwatch.gui.models import EvidenceMatrixModel, HypothesisModel
from beliefwatch.gui.worker import UpdateWorker
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


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.doc = CaseDocument()
        self.live: Live | None = None
        self.full_result = None
        self._thread: QThread | None = None
        self._worker: UpdateWorker | None = None
        self.setAcceptDrops(True)
        screen = self.screen().availableGeometry()
        self.resize(max(1100, int(screen.width() * 0.92)), max(700, int(screen.height() * 0.9)))
        self._build_widgets()
        self._build_actions()
        self.doc.changed.connect(self._recompute)
        self.doc.replaced.connect(self._on_replaced)
        self.doc.path_changed.connect(self._update_title)
        self.hyp_model.error.connect(self.show_error)
        self.matrix_model.error.connect(self.show_error)
        self.details.error.connect(self.show_error)
        self._autosave = QTimer(self)
        self._autosave.timeout.connect(self.write_recovery)
        self._autosave.start(AUTOSAVE_MS)
        self._update_title()

    # -- building -------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.question = QLineEdit()
        self.question.setPlaceholderText("The key question, e.g. Why has Beijing stayed passive…?")
        self.question.editingFinished.connect(self._set_question)
        font = self.question.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.question.setFont(font)

        self.hyp_model = HypothesisModel(self.doc)
        self.hyp_view = QTableView()
        self.hyp_view.setModel(self.hyp_model)
        self.hyp_view.verticalHeader().hide()
        hh = self.hyp_view.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.hyp_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.hyp_view.setWordWrap(False)
        self.hyp_view.verticalHeader().setDefaultSectionSize(22)

        self.matrix_model = EvidenceMatrixModel(self.doc)
        self.matrix = QTableView()
        self.matrix.setModel(self.matrix_model)
        self.matrix.setWordWrap(False)
        self.matrix.setAlternatingRowColors(False)
        self.matrix.selectionModel().currentChanged.connect(self._on_matrix_current)
        self.matrix_model.modelReset.connect(self._size_matrix)

        self.sort = QComboBox()
        self.sort.addItems(["date", "diagnosticity", "influence"])
        self.sort.currentTextChanged.connect(self.matrix_model.set_sort)
        self.transpose = QPushButton("Hypotheses in rows")
        self.transpose.setCheckable(True)
        self.transpose.setToolTip(
            "Read each hypothesis against all the evidence (reduces confirmation bias)"
        )
        self.transpose.toggled.connect(self.matrix_model.set_transposed)
        legend = QLabel(
            "<span style='background:#9ebbd9'>&nbsp;blue&nbsp;</span> favours · "
            "<span style='background:#ecb3a8'>&nbsp;red&nbsp;</span> counts against · "
            "hatched: unrated"
        )
        legend.setStyleSheet("color:#444")
        matrix_bar = QHBoxLayout()
        matrix_bar.addWidget(QLabel("<b>Evidence</b>  sort by"))
        matrix_bar.addWidget(self.sort)
        matrix_bar.addWidget(self.transpose)
        matrix_bar.addStretch(1)
        matrix_bar.addWidget(legend)

        self.details = EvidenceDetails(self.doc)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(4, 4, 4, 4)
        lv.addWidget(QLabel("<b>Question</b>"))
        lv.addWidget(self.question)
        lv.addWidget(QLabel("<b>Hypotheses</b>  (priors: number, range or ICD 203 word)"))
        lv.addWidget(self.hyp_view, 2)
        lv.addLayout(matrix_bar)
        lv.addWidget(self.matrix, 5)

        self.bars = FigurePane("Credences appear here.")
        self.timeline = FigurePane("The credence timeline appears here.")
        self.full_forest = FigurePane(
            "Run a full update (F5) to sample how far the credences could move given the "
            "imprecision of your inputs."
        )
        self.full_dists = FigurePane("")
        self.full_diag = FigurePane("")
        self.full_text = QTextBrowser()
        full = QTabWidget()
        full.addTab(self.full_forest, "Forest")
        full.addTab(self.full_dists, "Distributions")
        full.addTab(self.full_diag, "Diagnostics")
        full.addTab(self.full_text, "Summary")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.bars, "Credences")
        self.tabs.addTab(self.timeline, "Timeline")
        self.tabs.addTab(full, "Full update")
        self.tabs.addTab(self.details, "Details")
        self._stale: set = set()
        self.tabs.currentChanged.connect(lambda _i: self._draw_visible())

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.setCentralWidget(split)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_full_update)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    def _action(self, text, slot, shortcut=None, tip=None) -> QAction:
        a = QAction(text, self)
        a.triggered.connect(slot)
        if shortcut is not None:
            a.setShortcut(shortcut)
        if tip:
            a.setStatusTip(tip)
        return a

    def _build_actions(self) -> None:
        S = QKeySequence.StandardKey
        self.act_new = self._action("&New", self.new_case, S.New)
        self.act_open = self._action("&Open…", self.open_dialog, S.Open)
        self.act_save = self._action("&Save", self.save, S.Save)
        self.act_save_as = self._action("Save &As…", self.save_as, S.SaveAs)
        self.act_export = self._action("&Export report…", self.export_report, "Ctrl+E")
        self.act_quit = self._action("&Quit", self.close, S.Quit)
        self.act_undo = self.doc.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(S.Undo)
        self.act_redo = self.doc.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcut(S.Redo)
        self.act_add_h = self._action("Add &hypothesis", self.add_hypothesis, "Ctrl+Shift+H")
        self.act_del_h = self._action("Remove hypothesis", self.remove_hypothesis)
        self.act_up_h = self._action("Move hypothesis up", lambda: self.move_hypothesis(-1))
        self.act_down_h = self._action("Move hypothesis down", lambda: self.move_hypothesis(1))
        self.act_add_e = self._action("Add &evidence item", self.add_item, "Ctrl+Shift+E")
        self.act_del_e = self._action("Remove evidence item", self.remove_item)
        self.act_add_s = self._action("Add &source…", self.add_source)
        self.act_full = self._action(
            "&Full update",
            self.start_full_update,
            "F5",
            "Sample the credences' intervals (PyMC where needed)",
        )
        self.act_guide = self._action("&Guide to the method", self.show_guide, S.HelpContents)
        self.act_about = self._action("&About BeliefWatch", self.show_about)

        m = self.menuBar()
        f = m.addMenu("&File")
        for a in (self.act_new, self.act_open):
            f.addAction(a)
        self.recent_menu = f.addMenu("Open &Recent")
        self._fill_recent()
        f.addSeparator()
        for a in (self.act_save, self.act_save_as, self.act_export):
            f.addAction(a)
        f.addSeparator()
        f.addAction(self.act_quit)
        e = m.addMenu("&Edit")
        for a in (self.act_undo, self.act_redo):
            e.addAction(a)
        e.addSeparator()
        for a in (self.act_add_h, self.act_del_h, self.act_up_h, self.act_down_h):
            e.addAction(a)
        e.addSeparator()
        for a in (self.act_add_e, self.act_del_e, self.act_add_s):
            e.addAction(a)
        u = m.addMenu("&Update")
        u.addAction(self.act_full)
        h = m.addMenu("&Help")
        h.addAction(self.act_guide)
        h.addAction(self.act_about)

        tb = QToolBar("Main")
        tb.setMovable(False)
        self.addToolBar(tb)
        groups = [
            (self.act_new, self.act_open, self.act_save),
            (self.act_undo, self.act_redo),
            (self.act_add_h, self.act_add_e),
            (self.act_full, self.act_export),
        ]
        for i, group in enumerate(groups):
            if i:
                tb.addSeparator()
            for a in group:
                tb.addAction(a)

    # -- live computation ---------------------------------------------------------------
    @Slot()
    def _recompute(self) -> None:
        case = self.doc.case
        if self.question.text() != case.question:
            self.question.setText(case.question)
        try:
            live = analyse(case) if case.hypotheses else None
        except CaseError as e:
            self.show_error(str(e))
            live = None
        except ValueError as e:
            self.show_error(str(e))
            live = None
        self.live = live
        self.hyp_model.set_live(live)
        self.matrix_model.set_live(live)
        self.details.show_item(self.details.item_id)
        self._stale = {self.bars, self.timeline}
        self._draw_visible()
        if live is not None:
            warn = "; ".join(live.result.warnings)
            lead = live.result.names[live.result.leader]
            msg = f"Leading: {lead} ({100 * live.result.credences[live.result.leader]:.0f}%)"
            self.statusBar().showMessage(msg + (f" — {warn}" if warn else ""))
        self._update_title()

    def _draw_visible(self) -> None:
        """Redraw the live figure on show only: building one costs ~100 ms, so skip hidden ones."""
        pane = self.tabs.currentWidget()
        if self.live is None or pane not in self._stale:
            return
        from beliefwatch import plots

        build = plots.credence_bars if pane is self.bars else plots.timeline
        pane.show_figure(build(self.live.result))
        self._stale.discard(pane)

    def _size_matrix(self) -> None:
        hdr = self.matrix.horizontalHeader()
        if self.matrix_model.transposed:
            hdr.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            hdr.setDefaultSectionSize(78)
        else:
            hdr.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            hdr.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            self.matrix.setColumnWidth(0, 80)
            for c in range(2, self.matrix_model.columnCount()):
                self.matrix.resizeColumnToContents(c)
                width = self.matrix.columnWidth(c)
                self.matrix.setColumnWidth(c, max(56, min(width + 6, 86)))
        self.matrix.verticalHeader().setDefaultSectionSize(24)

    @Slot()
    def _on_matrix_current(self, current, _previous) -> None:
        if not current.isValid():
            return
        i = self.matrix_model.item_at(current)
        if i is not None and i < len(self.doc.case.evidence):
            self.details.show_item(self.doc.case.evidence[i].id)

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(f"⚠ {message}", 15_000)

    # -- edits ----------------------------------------------------------------------------
    def _set_question(self) -> None:
        text = self.question.text().strip()
        if text != self.doc.case.question:
            self.doc.edit("Edit question", lambda c: setattr(c, "question", text))

    def _new_id(self, prefix: str, taken: list[str]) -> str:
        n = 1
        while f"{prefix}{n}" in taken:
            n += 1
        return f"{prefix}{n}"

    def add_hypothesis(self) -> None:
        name, ok = QInputDialog.getText(self, "Add hypothesis", "Name of the new hypothesis:")
        if not ok or not name.strip():
            return
        hid = self._new_id("h", self.doc.case.hypothesis_ids)
        k = max(len(self.doc.case.hypotheses), 1)
        prior = parse_prior(round(1 / (k + 1), 3))

        def change(case: Case) -> None:
            case.hypotheses.append(Hypothesis(id=hid, name=name.strip(), prior=prior))

        self.doc.edit(f"Add hypothesis {hid}", change)

    def _selected_hypothesis(self) -> int | None:
        rows = self.hyp_view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def remove_hypothesis(self) -> None:
        k = self._selected_hypothesis()
        if k is None:
            self.show_error("select a hypothesis to remove")
            return
        hid = self.doc.case.hypotheses[k].id

        def change(case: Case) -> None:
            case.hypotheses = [h for h in case.hypotheses if h.id != hid]
            for e in [*case.evidence, *case.indicators]:
                e.likelihoods.pop(hid, None)

        self.doc.edit(f"Remove hypothesis {hid}", change)

    def move_hypothesis(self, step: int) -> None:
        k = self._selected_hypothesis()
        if k is None or not 0 <= k + step < len(self.doc.case.hypotheses):
            return

        def change(case: Case) -> None:
            hs = case.hypotheses
            hs[k], hs[k + step] = hs[k + step], hs[k]

        self.doc.edit("Reorder hypotheses", change)
        self.hyp_view.selectRow(k + step)

    def add_item(self) -> None:
        text, ok = QInputDialog.getText(self, "Add evidence", "What was observed?")
        if not ok or not text.strip():
            return
        eid = self._new_id("item-", [e.id for e in self.doc.case.evidence])
        today = dt.date.today()

        def change(case: Case) -> None:
            case.evidence.append(Evidence(id=eid, text=text.strip(), date=today))

        self.doc.edit(f"Add {eid}", change)
        self.details.show_item(eid)
        self.tabs.setCurrentWidget(self.details)

    def remove_item(self) -> None:
        current = self.matrix.currentIndex()
        i = self.matrix_model.item_at(current) if current.isValid() else None
        if i is None:
            self.show_error("select an evidence item to remove")
            return
        eid = self.doc.case.evidence[i].id
        self.doc.edit(f"Remove {eid}",
                      lambda c: c.evidence.remove(c.item(eid)))  # fmt: skip

    def add_source(self) -> None:
        """Declare a source with its Admiralty reliability; the selected item then cites it."""
        from beliefwatch.core.case import Source
        from beliefwatch.core.elicitation import ADMIRALTY_NAMES, parse_reliability

        name, ok = QInputDialog.getText(self, "Add source", "Name of the source:")
        if not ok or not name.strip():
            return
        letters = [f"{k} - {v}" for k, v in ADMIRALTY_NAMES.items()]
        choice, ok = QInputDialog.getItem(self, "Add source", "Reliability:", letters, 5, False)
        if not ok:
            return
        taken = [s.id for s in self.doc.case.sources]
        base = "-".join(name.lower().split())[:24] or "source"
        sid = base if base not in taken else self._new_id(base + "-", taken)
        source = Source(id=sid, name=name.strip(), reliability=parse_reliability(choice[0]))
        item = self.details.item_id

        def change(case: Case) -> None:
            case.sources.append(source)
            if item is not None:
                case.item(item).source = sid

        self.doc.edit(f"Add source {sid}", change)

    # -- files ----------------------------------------------------------------------------
    def _update_title(self) -> None:
        name = self.doc.path.name if self.doc.path else "Untitled case"
        files = self.doc.case.files
        if self.doc.path is None and files:
            name = files[0].stem + (f" (+{len(files) - 1} files)" if len(files) > 1 else "")
        self.setWindowTitle(f"{name}[*] — BeliefWatch")
        self.setWindowModified(self.doc.dirty)

    def _on_replaced(self) -> None:
        self.full_result = None
        self.details.show_item(None)

    def maybe_save(self) -> bool:
        """True when it is safe to drop the current case (saved, discarded, or clean)."""
        if not self.doc.dirty:
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes", "The case has unsaved changes. Save them first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_case(self) -> None:
        if self.maybe_save():
            self.doc.replace(Case(question=""), None)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        paths, _ = QFileDialog.getOpenFileNames(self, "Open case files", "", FILTER)
        if paths:
            self.open_files([Path(p) for p in paths])

    def open_files(self, paths: list[Path]) -> bool:
        try:
            case = bw.load_case(*paths)
        except CaseError as e:
            QMessageBox.warning(self, "Cannot open the case", str(e))
            self.show_error(str(e))
            return False
        self.doc.replace(case, paths[0] if len(paths) == 1 else None)
        for p in paths:
            self._remember(p)
        return True

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        start = str(self.doc.path or "case.toml")
        path, _ = QFileDialog.getSaveFileName(self, "Save case as one file", start, FILTER)
        if not path:
            return False
        path = Path(path) if path.endswith(".toml") else Path(path + ".toml")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            save_case(self.doc.case, path)
        except OSError as e:
            QMessageBox.critical(self, "Not saved", f"{path}: {e.strerror or e}")
            return False
        self.doc.mark_saved(path)
        self._remember(path)
        self.clear_recovery()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def _remember(self, path: Path) -> None:
        s = settings()
        recent = [str(path.resolve())] + [p for p in (s.value("recent") or [])
                                          if p != str(path.resolve())]  # fmt: skip
        s.setValue("recent", recent[:MAX_RECENT])
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = settings().value("recent") or []
        if isinstance(recent, str):
            recent = [recent]
        for p in recent:
            a = self.recent_menu.addAction(p)
            a.triggered.connect(
                lambda _c=False, p=p: self.maybe_save() and self.open_files([Path(p)])
            )
        self.recent_menu.setEnabled(bool(recent))

    def export_report(self) -> None:
        try:
            from beliefwatch.reports import write_report
        except ImportError:
            QMessageBox.information(self, "Export", "Reports are not available in this build.")
            return
        if self.live is None:
            self.show_error("nothing to report: the case cannot be computed")
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Export report", "report.pdf", "PDF (*.pdf);;HTML (*.html);;Markdown (*.md)"
        )
        if not path:
            return
        result = self.full_result or self.live.result
        try:
            write_report(self.doc.case, result, Path(path))
        except (OSError, ValueError) as e:
            QMessageBox.critical(self, "Export failed", f"{path}: {e}")
            return
        self.statusBar().showMessage(f"Report written to {path}", 5000)

    # -- crash recovery -------------------------------------------------------------------
    @staticmethod
    def recovery_path() -> Path:
        return config_dir() / "recovery.toml"

    @Slot()
    def write_recovery(self) -> None:
        if not self.doc.dirty or not self.doc.case.hypotheses:
            return
        path = self.recovery_path()
        try:
            atomic_write(path, dumps_case(self.doc.case))
        except OSError:
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
            self, "Restore unsaved work?",
            f"BeliefWatch did not close cleanly. Restore the unsaved case autosaved at {when}?",
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            self.clear_recovery()
            return False
        try:
            case = bw.load_case(path)
        except CaseError as e:
            QMessageBox.warning(self, "Cannot restore", str(e))
            return False
        original = settings().value("recovery/original") or ""
        self.doc.replace(case, Path(original) if original else None)
        self.doc.edit("Restore unsaved work", lambda c: None)  # marks the case unsaved
        return True

    # -- full update ----------------------------------------------------------------------
    def start_full_update(self) -> None:
        if self._thread is not None:
            return
        if not self.doc.case.hypotheses:
            self.show_error("add hypotheses first")
            return
        self._thread = QThread(self)
        self._worker = UpdateWorker(self.doc.case.copy())
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_full_result)
        self._worker.failed.connect(self._on_full_failed)
        self._worker.cancelled.connect(self._on_full_cancelled)
        for sig in (self._worker.finished, self._worker.failed, self._worker.cancelled):
            sig.connect(self._thread.quit)
        self._thread.finished.connect(self._on_thread_done)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.act_full.setEnabled(False)
        self.statusBar().showMessage("Full update: starting…")
        self._thread.start()

    def cancel_full_update(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.statusBar().showMessage("Full update: cancelling…")

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(1000 * fraction))
        self.statusBar().showMessage(f"Full update: {message} ({100 * fraction:.0f}%)")

    @Slot(object, object)
    def _on_full_result(self, result, figures) -> None:
        self.full_result = result
        self.full_forest.show_figure(figures["forest"])
        self.full_dists.show_figure(figures["dists"])
        if "diag" in figures:
            self.full_diag.show_figure(figures["diag"])
        self.full_text.setHtml(_summary_html(result))
        self.tabs.setCurrentIndex(2)
        warn = f" — {len(result.warnings)} warning(s), see Summary" if result.warnings else ""
        self.statusBar().showMessage(f"Full update done ({result.engine} engine){warn}", 10_000)

    @Slot(str)
    def _on_full_failed(self, message: str) -> None:
        QMessageBox.warning(self, "Full update failed", message)

    @Slot()
    def _on_full_cancelled(self) -> None:
        self.statusBar().showMessage("Full update cancelled", 5000)

    @Slot()
    def _on_thread_done(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.act_full.setEnabled(True)
        if self._thread is not None:
            self._thread.deleteLater()
        self._thread = None
        self._worker = None

    # -- help, drag and drop, closing -----------------------------------------------------
    def show_guide(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("Guide to the method")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(GUIDE)
        box.exec()

    def show_about(self) -> None:
        QMessageBox.about(
            self, "About BeliefWatch",
            f"BeliefWatch {bw.__version__}<br>Bayesian credences for competing hypotheses.",
        )  # fmt: skip

    def dragEnterEvent(self, event) -> None:
        if any(u.toLocalFile().endswith(".toml") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls()]
        paths = [p for p in paths if p.suffix == ".toml"]
        if paths and self.maybe_save():
            self.open_files(paths)

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        if self._worker is not None:
            self._worker.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(5000)
        self.clear_recovery()
        from beliefwatch.gui.worker import shutdown_runner

        shutdown_runner()
        event.accept()


def _summary_html(result) -> str:
    from html import escape

    rows = "".join(
        f"<tr><td>{escape(result.names[h])}</td><td align=right>{100 * result.prior[h]:.1f}%</td>"
        f"<td align=right><b>{100 * result.credences[h]:.1f}%</b></td>"
        f"<td align=right>{100 * result.intervals[h][0]:.1f}–{100 * result.intervals[h][1]:.1f}%"
        "</td></tr>"
        for h in sorted(result.hypotheses, key=lambda h: -result.credences[h])
    )
    d = result.diagnostics
    diag = ""
    if d:
        diag = (
            f"<p>Largest r-hat {d['max_r_hat']:.3f}, smallest bulk ESS "
            f"{d['min_ess_bulk']:.0f}, divergences {d['divergences']}; compiled in "
            f"{d['compile_seconds']:.1f} s, sampled in {d['sampling_seconds']:.1f} s.</p>"
        )
    warns = "".join(f"<li>{escape(w)}</li>" for w in result.warnings)
    return (
        f"<h3>Full update — {escape(result.engine)} engine, {result.n_draws} draws, "
        f"seed {result.seed}</h3><table cellpadding=4><tr><th align=left>Hypothesis</th>"
        f"<th>Prior</th><th>Credence</th><th>{round(100 * result.interval_prob)}% interval</th>"
        f"</tr>{rows}</table>{diag}"
        + (f"<p><b>Warnings</b></p><ul>{warns}</ul>" if warns else "<p>No warnings.</p>")
    )
