"""Training mode (MODEL.md section 8): the trainee types their own credences, records them, and
only then sees the computed ones beside theirs, with where the gap comes from.

While training mode is on and this trainee has not recorded an estimate of the open case, every
place that shows a computed credence is hidden: the hypotheses table's Credence column, the
tabs that draw them (Credences, Timeline, Full update and the analyses built on credences), the
headline, the status bar and the ACH view's credences. The panels keep computing; only what is
on screen changes, so leaving training mode shows everything again at once. Undoing the record
hides them again: the estimate the reveal rested on is gone. Whether they are hidden is the view
state's ``answer_hidden`` (``gui/state.py``); the window applies it to its own widgets.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from beliefwatch.core import commands
from beliefwatch.core.case import AnalystEstimate
from beliefwatch.gui.state import ViewState
from beliefwatch.gui.training_charts import ComparisonChart
from beliefwatch.plots.names import short_name, short_names

INTRO = ("<b>Your estimate first.</b> Read the question, the hypotheses and the evidence, then "
         "type how likely you think each hypothesis is. The computed credences stay hidden "
         "until you record.")  # fmt: skip
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class TrainingPanel(QWidget):
    def __init__(self, doc, state: ViewState) -> None:
        super().__init__()
        self.doc, self.state = doc, state
        self.mode = QCheckBox("Training mode: credences hidden until I record mine")
        self.mode.toggled.connect(lambda on: setattr(state, "training", on))
        state.watch("training", self.mode.setChecked)
        self.intro = QLabel(INTRO)
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("padding:6px; background:#eef4fb; border:1px solid #b9d0ea;")
        self.name = QLineEdit()
        self.name.setPlaceholderText("your name")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Hypothesis", "Prior", "Your credence"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.total = QLabel("")
        self.record = QPushButton("Record my estimate and reveal")
        self.record.setDefault(True)
        self.record.clicked.connect(self._record)
        self.name.textChanged.connect(self._update_sum)
        who = QHBoxLayout()
        who.addWidget(QLabel("Your name:"))
        who.addWidget(self.name, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.total, 1)
        bar.addWidget(self.record)
        self.another = QPushButton("Enter another estimate")
        self.another.setCheckable(True)
        self.another.toggled.connect(lambda _on: self.refresh(self._live))

        self.coherence = QLabel("")
        self.coherence.setWordWrap(True)
        self.compare = QTableWidget(0, 5)
        self.compare.setHorizontalHeaderLabels(["Hypothesis", "Prior", "You", "Computed", "Gap"])
        self.compare.verticalHeader().hide()
        self.compare.setToolTip("Gap: your credence minus the computed one, in percentage points")
        self.compare.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.compare.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for table in (self.table, self.compare):
            table.setWordWrap(False)
            table.verticalHeader().setDefaultSectionSize(24)
        self.gap = QLabel("")
        self.gap.setWordWrap(True)
        self.gap.setTextFormat(Qt.TextFormat.RichText)
        self.scores = QLabel("")
        self.scores.setWordWrap(True)
        self.chart = ComparisonChart("")
        reveal = QWidget()
        rl = QVBoxLayout(reveal)
        rl.setContentsMargins(0, 0, 0, 0)
        self.coherence.setMinimumWidth(200)  # wraps rather than widen the window
        head = QHBoxLayout()
        head.addWidget(self.coherence, 1)
        head.addWidget(self.another, 0, Qt.AlignmentFlag.AlignTop)
        rl.addLayout(head)
        for w in (self.compare, self.scores, self.gap):
            rl.addWidget(w)
        rl.addWidget(self.chart, 1)
        # One column that scrolls: the words keep their height, the chart its rows (a splitter
        # between them left the gap's sentences or the chart cut at one size or another).
        self.revealed = QScrollArea()
        self.revealed.setWidget(reveal)
        self.revealed.setWidgetResizable(True)
        self.revealed.setFrameShape(QFrame.Shape.NoFrame)

        self.entry = QWidget()
        el = QVBoxLayout(self.entry)
        el.setContentsMargins(0, 0, 0, 0)
        el.addWidget(self.intro)
        el.addLayout(who)
        el.addWidget(self.table)
        el.addLayout(bar)
        el.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.mode)
        layout.addWidget(self.entry, 1)
        layout.addWidget(self.revealed, 1)
        self._live = None
        self._spins: dict[str, QDoubleSpinBox] = {}
        self.answer_hidden = False  # set by TrainingViews before each refresh

    @property
    def recorded(self) -> AnalystEstimate | None:
        """This trainee's estimate on the open case (held by the view state)."""
        return self.state.recorded

    # -- what the trainee types -------------------------------------------------------------
    def typed(self) -> dict[str, float]:
        """The trainee's credences as fractions (typed in percent)."""
        return {h: spin.value() / 100 for h, spin in self._spins.items()}

    def set_typed(self, percents: dict[str, float]) -> None:
        for h, v in percents.items():
            self._spins[h].setValue(v)

    def _fill_entry(self, case, live) -> None:
        hyps = case.hypotheses
        if [h.id for h in hyps] == list(self._spins) and self.table.rowCount() == len(hyps):
            for row, h in enumerate(hyps):
                self.table.item(row, 0).setText(short_name(h.name, 40))
                self.table.item(row, 0).setToolTip(h.name)
                self._set_prior(row, h.id, live)
            return
        old = {h: s.value() for h, s in self._spins.items()}
        self.table.setRowCount(len(hyps))
        self._spins = {}
        for row, h in enumerate(hyps):
            name = QTableWidgetItem(short_name(h.name, 40))
            name.setToolTip(h.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, name)
            self._set_prior(row, h.id, live)
            spin = QDoubleSpinBox()
            spin.setRange(0, 100)
            spin.setDecimals(1)
            spin.setSingleStep(5)
            spin.setSuffix(" %")
            spin.setValue(old.get(h.id, 0.0))
            spin.valueChanged.connect(self._update_sum)
            self.table.setCellWidget(row, 2, spin)
            self._spins[h.id] = spin
        self.table.resizeColumnToContents(1)
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + 24 * min(max(len(hyps), 2), 12) + 4)
        self.table.setColumnWidth(2, 110)
        self._update_sum()

    def _set_prior(self, row: int, hid: str, live) -> None:
        # The prior is an input the trainee reads with the case, never a computed credence.
        p = live.result.prior.get(hid) if live else None
        item = QTableWidgetItem("" if p is None else f"{100 * p:.1f}%")
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setTextAlignment(RIGHT)
        self.table.setItem(row, 1, item)

    def clear_entry(self) -> None:
        self.name.clear()
        for spin in self._spins.values():
            spin.setValue(0.0)

    def _update_sum(self) -> None:
        total = 100 * sum(self.typed().values())
        ok = abs(total - 100) <= 2
        warn = " <span style='color:#a15c00'>(coherent credences sum to 100%)</span>"
        self.total.setText(f"Sum: <b>{total:.1f}%</b>" + (" ✓" if ok else warn))
        self.record.setEnabled(bool(self.name.text().strip()) and total > 0)

    def _record(self) -> None:
        estimate = {h: round(p, 6) for h, p in self.typed().items()}
        now = dt.datetime.now().replace(microsecond=0)
        before = self.state.recorded
        # Set first: the edit's own refresh must already see whose estimate reveals the case.
        self.state.recorded = AnalystEstimate(self.name.text().strip(), estimate, now)
        if not self.doc.apply(commands.record_estimate(self.name.text(), estimate, now)):
            self.state.recorded = before
        else:
            self.another.setChecked(False)
            # The button folds away with the entry: focus stays here, on the comparison, not on
            # the first field of the window (the question, all selected: a key replaced it).
            (self.compare if self.compare.isVisible() else self).setFocus()

    # -- what the trainee sees --------------------------------------------------------------
    def hiding(self) -> bool:
        return self.state.answer_hidden

    def shown_estimate(self) -> AnalystEstimate | None:
        """The estimate compared: this trainee's, else the last one the case holds."""
        est = self.doc.case.estimates
        return self.recorded if self.recorded in est else (est[-1] if est else None)

    def refresh(self, live) -> None:
        self._live = live
        case = self.doc.case
        self._fill_entry(case, live)
        hide = self.hiding()
        self.intro.setVisible(self.state.training and hide)
        estimate = None if hide or live is None else self.shown_estimate()
        # Once an estimate is compared, the entry folds away to give the comparison the room.
        self.another.setVisible(estimate is not None)
        self.entry.setVisible(estimate is None or self.another.isChecked())
        self.revealed.setVisible(estimate is not None)
        if estimate is None:
            self.chart.clear()
            return
        from beliefwatch.inference.scoring import compare_estimate

        cmp = compare_estimate(case, estimate, live.result)
        self._show_comparison(case, live, estimate, cmp)

    def _show_comparison(self, case, live, estimate, cmp) -> None:
        r = live.result
        total = cmp["sum"]
        who = escape(estimate.analyst)
        if cmp["coherent"]:
            self.coherence.setText(f"<b>{who}</b>: your credences sum to {100 * total:.0f}% — "
                                   "coherent.")  # fmt: skip
        else:
            self.coherence.setText(
                f"<b>{who}</b>: <span style='color:#a15c00'>your credences sum to "
                f"{100 * total:.0f}%, not 100%: not coherent.</span> The hypotheses exclude each "
                "other and cover every possibility, so their probabilities must add up to 100%; "
                "they are compared and scored after scaling to 100%."
            )
        rows = cmp["hypotheses"]
        short = short_names(r.names, 40)
        self.compare.setRowCount(len(rows))
        for row, (h, v) in enumerate(rows.items()):
            cells = [short[h], f"{100 * r.prior[h]:.1f}%", f"{100 * v['estimate']:.1f}%",
                     f"{100 * v['computed']:.1f}%", f"{100 * v['gap']:+.1f} pts"]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(RIGHT)
                if col == 4 and abs(v["gap"]) >= 0.1:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.compare.setItem(row, col, item)
        self.compare.resizeColumnsToContents()
        self.compare.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The header's size hint: its height is 0 until the table was first shown.
        header = self.compare.horizontalHeader().sizeHint().height()
        frame = 2 * self.compare.frameWidth()
        self.compare.setFixedHeight(header + 24 * min(len(rows), 10) + frame)
        est = {h: v["estimate"] for h, v in rows.items()}
        from beliefwatch.inference.training_gap import diagnose_gap
        from beliefwatch.reports.training_text import gap_sentences

        said = gap_sentences(case, r.names, r.prior, diagnose_gap(live, est))
        self.gap.setText("<b>Where the gap comes from</b><ul>"
                         + "".join(f"<li>{t}</li>" for t in said) + "</ul>")  # fmt: skip
        sc = cmp.get("scores")
        if self.answer_hidden:
            self.scores.setText("<span style='color:#555'>Scores appear once the answer is "
                                "revealed (Calibration ▸ Reveal the answer).</span>")  # fmt: skip
        elif sc is None:
            self.scores.setText("<span style='color:#555'>Not resolved yet: scores appear once "
                                "the answer is recorded (Calibration tab).</span>")  # fmt: skip
        else:
            answer = r.names[case.resolution.answer]

            def log(x):
                return "−∞ (the answer got 0)" if x is None else f"{x:.2f}"

            self.scores.setText(
                f"<b>Resolved: {escape(answer)}.</b> Brier score (0 best, 2 worst): you "
                f"<b>{sc['estimate']['brier']:.3f}</b>, computed {sc['computed']['brier']:.3f}. "
                f"Log score (0 best): you <b>{log(sc['estimate']['log'])}</b>, computed "
                f"{log(sc['computed']['log'])}."
            )
        self.chart.show_comparison(r, est)


class TrainingViews:
    """The ACH view, Training and Calibration panels, refreshed together after every edit and
    whenever the view state's training mode or hiding changes (the window adds their tabs)."""

    def __init__(self, doc, state: ViewState, jobs) -> None:
        from beliefwatch.gui.panels.ach import AchPanel
        from beliefwatch.gui.panels.calibration import CalibrationPanel

        self.doc, self.state = doc, state
        self.ach = AchPanel()
        self.training = TrainingPanel(doc, state)
        self.calibration = CalibrationPanel(doc, jobs)
        self._live = None
        self.answer_revealed = False
        self.calibration.reveal.clicked.connect(lambda _c=False: self.reveal_answer())
        doc.replaced.connect(self._case_replaced)
        # Whoever records the answer in this window knows it: it is not hidden from them.
        self.calibration.answering.connect(lambda: setattr(self, "answer_revealed", True))

    @property
    def hiding(self) -> bool:
        return self.state.answer_hidden

    def _case_replaced(self) -> None:
        self.state.recorded = None  # a new case: this trainee has not answered it yet
        self.training.clear_entry()
        self.calibration.case_replaced()
        self.answer_revealed = False

    @property
    def resolution_hidden(self) -> bool:
        """A case that holds its answer (an exercise) keeps it hidden until it is revealed: in
        training mode until Reveal the answer is pressed, else until an estimate is recorded
        (docs/training.md). Not the view state's ``answer_hidden``, which hides the computed
        credences until this trainee has recorded an estimate."""
        case = self.doc.case
        if case.resolution is None or self.answer_revealed:
            return False
        return self.state.training or not case.estimates

    def reveal_answer(self) -> None:
        self.answer_revealed = True
        self.refresh(self._live)

    def refresh(self, live) -> None:
        """After every edit (the window's ``_recompute``) and when training mode changes."""
        self._live = live
        hide = self.state.answer_hidden
        self.training.answer_hidden = self.resolution_hidden
        self.training.refresh(live)
        self.ach.refresh(self.doc.case, live, hide)
        self.calibration.refresh(live, hide, self.training.answer_hidden)
