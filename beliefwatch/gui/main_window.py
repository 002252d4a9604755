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
    QSplitter,
    QVBoxLayout,
    QWidget,
)

import beliefwatch as bw
from beliefwatch.core.errors import CaseError
from beliefwatch.gui.charts import TimelineChart
from beliefwatch.gui.details import EvidenceDetails
from beliefwatch.gui.document import CaseDocument
from beliefwatch.gui.edits import Edits
from beliefwatch.gui.export import ReportExport
from beliefwatch.gui.f5 import ENGINE_LABELS, FullUpdateView
from beliefwatch.gui.files import FileController
from beliefwatch.gui.fullupdate import FullUpdateController
from beliefwatch.gui.guide import GUIDE
from beliefwatch.gui.jobs import JobController
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
from beliefwatch.gui.state import ViewState
from beliefwatch.gui.views import ViewTabs
from beliefwatch.inference.live import Live, analyse
from beliefwatch.reports.wording import headline

LEFT_SHARE = 0.55  # of the window's width; the results get the rest (room for the timeline)
CREDENCE_COLUMN = 3  # of the hypotheses table
HIDDEN_STATUS = "Training mode: computed credences hidden until you record your estimate"


class MainWindow(QMainWindow):
    def __init__(self, engine: str = "auto") -> None:
        super().__init__()
        self.doc = CaseDocument()
        self.state = ViewState()  # what is shown and hidden: panels read it, not the tabs
        self.jobs = JobController(self)  # every background job of the window
        self.live: Live | None = None
        self.live_error: str | None = None
        self.setAcceptDrops(True)
        screen = self.screen().availableGeometry()
        self.resize(max(1000, int(screen.width() * 0.94)), max(640, int(screen.height() * 0.92)))
        self.files = FileController(self.doc, self)
        self.full = FullUpdateController(self.doc, self.jobs, self)
        self.full.engine = engine
        self.edits = Edits(self.doc, self, self)
        self.exporter = ReportExport(self.doc, self.full, self.jobs, self)
        self.actions = self._make_actions()
        self._build_widgets()
        build_menus(self, self.actions, self.files.recent_menu)
        self._connect()
        self._bind_state()
        self.f5.set_engine(engine)
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
            # A slot without arguments: triggered(bool) must never reach start(path).
            "export": make_action(self, "&Export report…", lambda: self.exporter.start(), "Ctrl+E",
                                  "Write a credence report (PDF, HTML or Markdown)"),
            "quit": make_action(self, "&Quit", self.close, "Ctrl+Q"),  # S.Quit is empty on X11
            "add_h": make_action(self, "Add &hypothesis", self.add_hypothesis, "Ctrl+Shift+H"),
            "del_h": make_action(self, "Remove hypothesis", e.remove_hypothesis),
            "up_h": make_action(self, "Move hypothesis up", lambda: e.move_hypothesis(-1)),
            "down_h": make_action(self, "Move hypothesis down", lambda: e.move_hypothesis(1)),
            "rename_h": make_action(self, "Change hypothesis id…", e.rename_hypothesis_id),
            "add_e": make_action(self, "Add &evidence item", self.add_item, "Ctrl+Shift+E"),
            "del_e": make_action(self, "Remove evidence item", e.remove_item),
            "rename_e": make_action(self, "Change evidence id…", e.rename_item_id),
            "add_s": make_action(self, "Add &source…", e.add_source),
            "full": make_action(self, "&Full update", self.start_full_update, "F5",
                                "The credences' intervals at once, then PyMC's check"),
            "cancel": make_action(self, "&Cancel full update", self.full.cancel, "Esc"),
            "guide": make_action(self, "&Guide to the method", self.show_guide, S.HelpContents),
            "about": make_action(self, "&About BeliefWatch", self.show_about),
        }  # fmt: skip
        for key, label in ENGINE_LABELS.items():
            a = make_action(self, label, lambda _on=False, key=key: self.f5.set_engine(key))
            a.setCheckable(True)
            act[f"engine_{key}"] = a
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
        self.timeline = TimelineChart("The credence timeline appears here.")
        self.live_figures = LiveFigures(self.credences, self.timeline)
        self.full_panel = FullUpdatePanel()
        self.drivers = DriversPanel()
        self.watch = WatchPanel(self.doc)
        self.details = EvidenceDetails(self.doc)
        self.sources = SourcesPanel(self.doc, self.actions)
        self.views = ViewTabs(self.state, self._draw_visible)
        self.tabs, self.details_tabs = self.views.top, self.views.details
        self.training_tabs = self.views.training
        self.training_views = tv = TrainingViews(self.doc, self.state, self.jobs)
        for key, group, panel, title in (
            ("credences", self.tabs, self.credences, "Credences"),
            ("timeline", self.tabs, self.timeline, "Timeline"),
            ("drivers", self.tabs, self.drivers, "Drivers"),
            ("watch", self.tabs, self.watch, "Watch list"),
            ("full", self.tabs, self.full_panel, "Full update"),
            ("item", self.details_tabs, self.details, "Item"),
            ("sources", self.details_tabs, self.sources, "Sources && groups"),
            ("ach", self.training_tabs, tv.ach, "ACH view"),
            ("training", self.training_tabs, tv.training, "Estimate first"),
            ("calibration", self.training_tabs, tv.calibration, "Calibration"),
        ):
            self.views.add(key, group, panel, title)
            if key == "full":
                self.tabs.addTab(self.details_tabs, "Details")
                self.tabs.addTab(self.training_tabs, "Training")

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
        self.f5 = FullUpdateView(self)  # the full update's signals → panel, status, actions
        self.exporter.busy.connect(self._on_export_busy)
        self.exporter.progress.connect(self.f5.on_progress)

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
        self.full.case_seen(self.live.spec if self.live else None)
        if self.live is not None:
            self.statusBar().showMessage(headline(self.live, plain=True))
        elif len(case.hypotheses) < 2:
            self.statusBar().showMessage(
                "Add the hypotheses you are weighing: Edit ▸ Add hypothesis (Ctrl+Shift+H)"
            )
        self._update_title()
        self.state.estimates = case.estimates
        self.training_views.refresh(self.live)
        self._apply_hiding()  # last: in training mode it hides the credences

    # -- the views, bound to the view state -------------------------------------------------
    def _bind_state(self) -> None:
        st = self.state
        st.watch("answer_hidden", lambda _hide: self._apply_hiding())
        st.watch("training", self._training_toggled)

    def show_view(self, key: str) -> None:
        self.state.shown = key

    def show_panel(self, panel: QWidget) -> None:
        """Bring a panel to the front, whether it is a tab or a tab within a group."""
        key = self.views.key_of(panel)
        if key is not None:
            self.show_view(key)

    def _training_toggled(self, on: bool) -> None:
        if on:
            self.show_view("training")
        self.training_views.refresh(self.live)

    def _apply_hiding(self) -> None:
        """What training mode hides beyond whole views: the credence column, the headline,
        the status bar, and the two actions that would show the credences."""
        hide = self.state.answer_hidden
        self.hypotheses.view.setColumnHidden(CREDENCE_COLUMN, hide)
        for key in ("full", "export"):
            self.actions[key].setEnabled(not hide and not self._busy(key))
        if hide:
            self.credences.headline.setText("")
            self.statusBar().showMessage(HIDDEN_STATUS)
        elif self.live is not None:
            self.credences.headline.setText(headline(self.live))
            if self.statusBar().currentMessage() == HIDDEN_STATUS:
                self.statusBar().showMessage(headline(self.live, plain=True))

    def _busy(self, key: str) -> bool:
        return self.full.running if key == "full" else self.exporter.running

    def _draw_visible(self) -> None:
        self.live_figures.draw_if_visible(self.tabs.currentWidget())

    def _on_replaced(self) -> None:
        self.details.show_item(None)
        # A hidden tab redraws only when shown: it must not hold the previous case meanwhile.
        for pane in (self.credences.pane, self.timeline):
            pane.clear()

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
    def add_hypothesis(self) -> None:
        self.hypotheses.commit_typing()  # Ctrl+Shift+H pressed while typing the question
        self.edits.add_hypothesis()

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

    @Slot(bool)
    def _on_export_busy(self, busy: bool) -> None:
        self.actions["export"].setEnabled(not busy and not self.state.answer_hidden)
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
        self.exporter.shutdown()
        self.full.shutdown()  # and every other job: the background process stops
        event.accept()
