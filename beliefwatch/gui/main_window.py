"""The main window: assembles the document, the controllers and the panels, and keeps every view
showing the case as it is now.

Where things live (docs/architecture.md has the whole map):
- ``document.py``: the open case and its undo stack (every edit is a core command);
- ``files.py``: New, Open, Save, recent cases, autosave and recovery;
- ``fullupdate.py``: the full update in the background process, and when it is out of date;
- ``edits.py``: edits that ask something first; ``menus.py``: actions, menus, toolbar;
- ``panels/``: hypotheses, evidence matrix, live figures, full update, sources, details.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import beliefwatch as bw
from beliefwatch.core.errors import CaseError
from beliefwatch.gui.analysis import Live, analyse, headline
from beliefwatch.gui.details import EvidenceDetails
from beliefwatch.gui.document import CaseDocument
from beliefwatch.gui.edits import Edits
from beliefwatch.gui.export import ReportExport
from beliefwatch.gui.figures import FigurePane
from beliefwatch.gui.files import FileController
from beliefwatch.gui.fullupdate import FullUpdateController
from beliefwatch.gui.guide import GUIDE
from beliefwatch.gui.menus import build_menus, make_action, undo_actions
from beliefwatch.gui.panels.drivers import DriversPanel
from beliefwatch.gui.panels.full import FullUpdatePanel
from beliefwatch.gui.panels.hypotheses import HypothesesPanel
from beliefwatch.gui.panels.live import CredencesView, LiveFigures
from beliefwatch.gui.panels.matrix import MatrixPanel
from beliefwatch.gui.panels.sources import SourcesPanel
from beliefwatch.gui.panels.team import open_team
from beliefwatch.gui.panels.training import TrainingViews
from beliefwatch.gui.panels.watch import WatchPanel

LEFT_SHARE = 0.55  # of the window's width; the results get the rest (room for the timeline)


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.doc = CaseDocument()
        self.live: Live | None = None
        self.live_error: str | None = None
        self.setAcceptDrops(True)
        screen = self.screen().availableGeometry()
        self.resize(max(1000, int(screen.width() * 0.94)), max(640, int(screen.height() * 0.92)))
        self.files = FileController(self.doc, self)
        self.full = FullUpdateController(self.doc, self)
        self.edits = Edits(self.doc, self, self)
        self.exporter = ReportExport(self.doc, self.full, self)
        self.actions = self._make_actions()
        self._build_widgets()
        build_menus(self, self.actions, self.files.recent_menu)
        self._connect()
        self._update_title()

    # -- building -------------------------------------------------------------------------
    def _make_actions(self) -> dict:
        S = QKeySequence.StandardKey
        f, e = self.files, self.edits
        act = {
            "new": make_action(self, "&New", f.new_case, S.New),
            "open": make_action(self, "&Open…", f.open_dialog, S.Open),
            "open_team": make_action(self, "Open &team…", lambda: open_team(self, False),
                                     tip="Pool several analysts' case files (one each)"),
            "open_team_folder": make_action(self, "Open team &folder…",
                                            lambda: open_team(self, True),
                                            tip="Pool a folder of analysts' case files"),
            "save": make_action(self, "&Save", f.save, S.Save),
            "save_as": make_action(self, "Save &As…", f.save_as, S.SaveAs),
            "export": make_action(self, "&Export report…", self.exporter.start, "Ctrl+E",
                                  "Write a credence report (PDF, HTML or Markdown)"),
            "quit": make_action(self, "&Quit", self.close, S.Quit),
            "add_h": make_action(self, "Add &hypothesis", e.add_hypothesis, "Ctrl+Shift+H"),
            "del_h": make_action(self, "Remove hypothesis", e.remove_hypothesis),
            "up_h": make_action(self, "Move hypothesis up", lambda: e.move_hypothesis(-1)),
            "down_h": make_action(self, "Move hypothesis down", lambda: e.move_hypothesis(1)),
            "rename_h": make_action(self, "Change hypothesis id…", e.rename_hypothesis_id),
            "add_e": make_action(self, "Add &evidence item", self.add_item, "Ctrl+Shift+E"),
            "del_e": make_action(self, "Remove evidence item", e.remove_item),
            "rename_e": make_action(self, "Change evidence id…", e.rename_item_id),
            "add_s": make_action(self, "Add &source…", e.add_source),
            "full": make_action(self, "&Full update", self.start_full_update, "F5",
                                "Sample the credences' intervals (PyMC where needed)"),
            "cancel": make_action(self, "&Cancel full update", self.full.cancel, "Esc"),
            "guide": make_action(self, "&Guide to the method", self.show_guide, S.HelpContents),
            "about": make_action(self, "&About BeliefWatch", self.show_about),
        }  # fmt: skip
        act["undo"], act["redo"] = undo_actions(self, self.doc.undo_stack)
        for key, text in (("up_h", "↑"), ("down_h", "↓"), ("rename_h", "id…")):
            act[key].setIconText(text)
        act["del_h"].setIconText("−")
        act["add_h"].setIconText("Add hypothesis")
        act["cancel"].setEnabled(False)
        return act

    def _build_widgets(self) -> None:
        self.hypotheses = HypothesesPanel(self.doc, self.actions)
        self.matrix = MatrixPanel(self.doc)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(6, 4, 4, 4)
        lv.addWidget(self.hypotheses)
        lv.addWidget(self.matrix, 1)

        self.credences = CredencesView()
        self.timeline = FigurePane("The credence timeline appears here.")
        self.live_figures = LiveFigures(self.credences, self.timeline)
        self.full_panel = FullUpdatePanel()
        self.drivers = DriversPanel()
        self.watch = WatchPanel(self.doc)
        self.details = EvidenceDetails(self.doc)
        self.sources = SourcesPanel(self.doc, self.actions)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.credences, "Credences")
        self.tabs.addTab(self.timeline, "Timeline")
        self.tabs.addTab(self.drivers, "Drivers")
        self.tabs.addTab(self.watch, "Watch list")
        self.tabs.addTab(self.full_panel, "Full update")
        # Seven tabs fit the results pane of a 1366-px laptop; the editors and the training
        # views are grouped under one tab each.
        self.details_tabs = QTabWidget()
        self.details_tabs.addTab(self.details, "Item")
        self.details_tabs.addTab(self.sources, "Sources && groups")
        self.tabs.addTab(self.details_tabs, "Details")
        self.training_tabs = QTabWidget()
        self.tabs.addTab(self.training_tabs, "Training")
        self.training_views = TrainingViews(self)  # tabs ACH view, Training, Calibration
        self.tabs.currentChanged.connect(lambda _i: self._draw_visible())

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(self.tabs)
        self.split.setHandleWidth(7)
        # A visible grip in the middle of the handle, unlike a scrollbar's full-height track.
        self.split.setStyleSheet(
            "QSplitter::handle { background: qlineargradient(x1:0, y1:0, x2:0, y2:1, "
            "stop:0 transparent, stop:0.42 transparent, stop:0.43 #9a9a9a, stop:0.57 #9a9a9a, "
            "stop:0.58 transparent, stop:1 transparent); margin: 0 2px; }"
        )
        self.split.setChildrenCollapsible(False)
        width = self.width()
        self.split.setSizes([int(width * LEFT_SHARE), width - int(width * LEFT_SHARE)])
        self.setCentralWidget(self.split)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.full.cancel)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    def _connect(self) -> None:
        doc = self.doc
        doc.changed.connect(self._recompute)
        doc.replaced.connect(self._on_replaced)
        doc.path_changed.connect(self._update_title)
        doc.error.connect(self.show_error)
        doc.note.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.files.message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        for source in (self.hypotheses.model, self.matrix.model, self.details):
            source.error.connect(self.show_error)
        self.matrix.item_selected.connect(self.details.show_item)
        f = self.full
        f.started.connect(self._on_full_started)
        f.progress.connect(self._on_progress)
        f.result_ready.connect(self._on_full_result)
        f.stale_changed.connect(self.full_panel.set_stale)
        f.cleared.connect(self.full_panel.clear)
        f.failed.connect(lambda m: QMessageBox.warning(self, "Full update failed", m))
        f.cancelled.connect(lambda m: self.statusBar().showMessage(f"Full update {m}", 8000))
        f.finished.connect(self._on_full_finished)
        f.prepared.connect(lambda m: self.statusBar().showMessage(f"Ready for F5: {m}", 4000))
        self.exporter.busy.connect(self._on_export_busy)
        self.exporter.progress.connect(self._on_progress)

    # -- selection (for Edits) ------------------------------------------------------------
    def hypothesis(self) -> str | None:
        return self.hypotheses.selected_id()

    def select_hypothesis(self, hid: str) -> None:
        self.hypotheses.select(hid)

    def item(self) -> str | None:
        return self.matrix.current_item() or self.details.item_id

    # -- keeping every view on the case as it is now --------------------------------------
    @Slot()
    def _recompute(self) -> None:
        case = self.doc.case
        self.live, self.live_error = None, None
        if len(case.hypotheses) >= 2:  # one hypothesis alone is certain by definition
            try:
                self.live = analyse(case)
            except (CaseError, ValueError) as e:
                self.live_error = str(e)
                self.show_error(str(e))
        self.hypotheses.refresh(self.live)
        self.matrix.refresh(self.live)
        self.details.show_item(self.details.item_id)
        self.sources.refresh()
        self.drivers.refresh(self.live)
        self.watch.refresh(self.live)
        self.live_figures.update(self.live, self.live_error, headline(self.live))
        self._draw_visible()
        self.full.structure_seen(self.live.spec if self.live else None)
        if self.live is not None:
            self.statusBar().showMessage(headline(self.live, plain=True))
        elif len(case.hypotheses) < 2:
            self.statusBar().showMessage(
                "Add the hypotheses you are weighing: Edit ▸ Add hypothesis (Ctrl+Shift+H)"
            )
        self._update_title()
        self.training_views.refresh(self.live)  # last: in training mode it hides the credences

    def add_training_tab(self, panel: QWidget, title: str) -> None:
        """A training view in a scroll area: its minimum width must not widen the window
        past a 1366-px screen."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(panel)
        self.training_tabs.addTab(scroll, title)

    def show_panel(self, panel: QWidget) -> None:
        """Bring a panel to the front, whether it is a tab or a tab within a group."""
        for group in (self.tabs, self.details_tabs, self.training_tabs):
            pages = [group.widget(i) for i in range(group.count())]
            inner = [w.widget() if isinstance(w, QScrollArea) else w for w in pages]
            i = inner.index(panel) if panel in inner else -1
            if i >= 0:
                group.setCurrentIndex(i)
                if group is not self.tabs:
                    self.tabs.setCurrentWidget(group)
                return

    def _draw_visible(self) -> None:
        self.live_figures.draw_if_visible(self.tabs.currentWidget())

    def _on_replaced(self) -> None:
        self.details.show_item(None)

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(f"⚠ {message}", 15_000)

    def _update_title(self) -> None:
        name = self.doc.path.name if self.doc.path else "Untitled case"
        files = self.doc.case.files
        if self.doc.path is None and files:
            name = files[0].stem + (f" (+{len(files) - 1} files)" if len(files) > 1 else "")
        self.setWindowTitle(f"{name}[*] — BeliefWatch")
        self.setWindowModified(self.doc.dirty)

    # -- edits that move the focus --------------------------------------------------------
    def add_item(self) -> None:
        eid = self.edits.add_item()
        if eid is not None:
            self.details.show_item(eid)
            self.show_panel(self.details)

    # -- full update ----------------------------------------------------------------------
    def start_full_update(self) -> None:
        if not self.doc.case.hypotheses:
            self.show_error("add hypotheses first")
            return
        if self.live is None:
            self.show_error(f"the case cannot be computed: {self.live_error}")
            return
        self.full.start()

    @Slot()
    def _on_full_started(self) -> None:
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.actions["full"].setEnabled(False)
        self.actions["cancel"].setEnabled(True)
        self.statusBar().showMessage("Full update: starting…")

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.show()
        self.progress.setValue(int(1000 * fraction))
        self.statusBar().showMessage(f"{message} ({100 * fraction:.0f}%)")

    @Slot(object, object)
    def _on_full_result(self, result, figures) -> None:
        self.full_panel.show_result(self.doc.case, result, figures)
        self.full_panel.set_stale(self.full.stale)
        self.tabs.setCurrentWidget(self.full_panel)
        warn = f" — {len(result.warnings)} warning(s), see Summary" if result.warnings else ""
        self.statusBar().showMessage(f"Full update done ({result.engine} engine){warn}", 10_000)

    @Slot()
    def _on_full_finished(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.actions["full"].setEnabled(True)
        self.actions["cancel"].setEnabled(False)

    @Slot(bool)
    def _on_export_busy(self, busy: bool) -> None:
        self.actions["export"].setEnabled(not busy)
        self.progress.setVisible(busy)

    # -- help, drag and drop, closing -----------------------------------------------------
    def show_guide(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("Guide to the method")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(GUIDE)
        box.exec()

    def show_about(self) -> None:
        QMessageBox.about(self, "About BeliefWatch",
                          f"BeliefWatch {bw.__version__}<br>Bayesian credences for competing "
                          "hypotheses.")  # fmt: skip

    def open_files(self, paths: list[Path]) -> bool:
        return self.files.open_files(paths)

    def offer_recovery(self) -> bool:
        return self.files.offer_recovery()

    def dragEnterEvent(self, event) -> None:
        if any(u.toLocalFile().endswith(".toml") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls()]
        paths = [p for p in paths if p.suffix == ".toml"]
        if paths and self.files.maybe_save():
            self.files.open_files(paths)

    def closeEvent(self, event) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.files.clear_recovery()
        if getattr(self, "team_view", None) is not None:
            self.team_view.shutdown()
        self.full.shutdown()
        self.exporter.shutdown()
        event.accept()
