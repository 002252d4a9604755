"""The Calibration tab: record the truth, score this case, and draw the reliability diagram for
this case or for a folder of resolved cases (MODEL.md section 8, docs/training.md).

Scoring a folder updates every case in it (PyMC where needed): that runs in the background
process (a ``ScoreRequest`` through the window's job controller) so that the window stays
responsive and can cancel it.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from beliefwatch.core import commands
from beliefwatch.gui.figures import FigurePane
from beliefwatch.plots.names import short_name

NOT_RESOLVED = "(not resolved)"
PLACEHOLDER = (
    "The calibration diagram appears here once the case is resolved (record the answer above), "
    "or for a whole folder of resolved cases: Score a folder…"
)
HIDDEN = "Hidden in training mode until you record your estimate (Training tab)."
ANSWER_HIDDEN = "(the answer is hidden)"
ANSWER_HIDDEN_HTML = (
    "<b>This case holds its answer.</b> It stays hidden until revealed, so that nobody sees it "
    "before estimating: in training mode until <i>Reveal the answer</i> is pressed (the "
    "instructor's step, once the class has recorded its estimates); with training mode off "
    "until an estimate is recorded or the answer is revealed."
)


def _num(x, fmt: str = ".3f") -> str:
    return "−∞" if x is None else format(x, fmt)


class CalibrationPanel(QWidget):
    answering = Signal()  # the analyst records the answer here: they know it

    def __init__(self, doc, jobs) -> None:
        super().__init__()
        self.doc, self.jobs = doc, jobs  # jobs: the window's JobController
        self.answer = QComboBox()
        self.answer.setMinimumContentsLength(16)
        self.answer.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source = QLineEdit()
        self.source.setPlaceholderText("how it became known (optional)")
        self.resolve = QPushButton("Record answer")
        self.resolve.clicked.connect(self._resolve)
        self.reveal = QPushButton("Reveal the answer")
        self.reveal.setToolTip("Show the recorded answer and the scores (for the instructor)")
        self.reveal.hide()
        res = QHBoxLayout()
        res.addWidget(QLabel("<b>The answer</b>"))
        res.addWidget(self.answer, 2)
        res.addWidget(self.source, 2)
        res.addWidget(self.resolve)
        res.addWidget(self.reveal)
        self.case_scores = QLabel("")
        self.case_scores.setWordWrap(True)
        self.case_scores.setTextFormat(Qt.TextFormat.RichText)
        self.folder_button = QPushButton("Score a folder of resolved cases…")
        self.folder_button.clicked.connect(self.pick_folder)
        self.this_case = QPushButton("Show this case")
        self.this_case.clicked.connect(self.show_this_case)
        self.cancel = QPushButton("Cancel")
        self.cancel.hide()
        self.cancel.clicked.connect(self._cancel)
        self.showing = QLabel("")
        self.showing.setWordWrap(True)
        fbar = QHBoxLayout()
        fbar.addWidget(self.showing, 1)
        fbar.addWidget(self.this_case)
        fbar.addWidget(self.folder_button)
        fbar.addWidget(self.cancel)
        self.figure = FigurePane(PLACEHOLDER)
        self.figure.setMinimumHeight(260)
        # Fill the pane, not the figure's own 480-px wish: that pushed the axis label below
        # the fold of the scrolling Training tab.
        expanding, ignored = QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored
        self.figure.setSizePolicy(expanding, ignored)
        self.murphy = QLabel("")  # the Murphy decomposition in words
        self.murphy.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(res)
        layout.addWidget(self.case_scores)
        layout.addLayout(fbar)
        layout.addWidget(self.murphy)  # above the diagram: seen without scrolling at 768 px
        layout.addWidget(self.figure, 1)
        self.folder: dict | None = None  # {"path", "scored", "warnings"} once a folder is scored
        self._job = None
        self._job_folder: Path | None = None
        self._live, self._hide, self._answer_hidden = None, False, False
        self._case_source = ""  # the source text last put in the field from the case
        self._pending = None

    # -- this case ----------------------------------------------------------------------------
    def refresh(self, live, hide: bool, answer_hidden: bool = False) -> None:
        self._live, self._hide, self._answer_hidden = live, hide, answer_hidden
        case = self.doc.case
        res = case.resolution
        self.answer.blockSignals(True)
        self.answer.clear()
        if answer_hidden:
            self.answer.addItem(ANSWER_HIDDEN, None)
        else:
            self.answer.addItem(NOT_RESOLVED, None)
            for h in case.hypotheses:
                self.answer.addItem(short_name(h.name, 40), h.id)
                tip = Qt.ItemDataRole.ToolTipRole
                self.answer.setItemData(self.answer.count() - 1, h.name, tip)
            self.answer.setCurrentIndex(max(0, self.answer.findData(res.answer)) if res else 0)
        self.answer.blockSignals(False)
        # Text the case put there follows the case (New, Open, undo); text being typed stays.
        shown = "" if answer_hidden or res is None else res.source
        if self.source.text() == self._case_source or not self.source.text().strip():
            self.source.setText(shown)
            self.source.setCursorPosition(0)  # a long source shows its start
            self._case_source = shown
        for w in (self.answer, self.source, self.resolve):
            w.setEnabled(not answer_hidden)
        self.reveal.setVisible(answer_hidden)
        self.case_scores.setText(self._case_scores_html(live, hide))
        if self.folder is None:
            self.show_this_case()

    def case_replaced(self) -> None:
        """Another case: nothing typed for, or scored from, the previous one stays on screen."""
        self.source.clear()
        self._case_source = ""
        if self._job is None:
            self.folder = None

    def _case_scores_html(self, live, hide: bool) -> str:
        case = self.doc.case
        if self._answer_hidden:
            return ANSWER_HIDDEN_HTML
        if case.resolution is None:
            return ("<span style='color:#555'>Not resolved: when the truth is known, pick the "
                    "answer and record it to score the computed credences and every recorded "
                    "estimate.</span>")  # fmt: skip
        if hide:
            return HIDDEN
        if live is None:
            return ""
        from beliefwatch.inference.scoring import score_case

        s = score_case(case, live.result)
        rows = [("Computed credences", s["computed"]["brier"], s["computed"]["log"], "")]
        rows += [(e["analyst"], e["brier"], e["log"],
                  "" if e["coherent"] else f"summed to {e['sum']:g}, scaled")
                 for e in s["estimates"]]  # fmt: skip
        cells = "".join(
            f"<tr><td>{escape(who)}</td><td align=right>{_num(b)}</td>"
            f"<td align=right>{_num(lg, '.2f')}</td><td style='color:#a15c00'>{note}</td></tr>"
            for who, b, lg, note in rows
        )
        name = escape(case.hypothesis(case.resolution.answer).name)
        return (f"<b>Resolved: {name}.</b> Brier 0 best, 2 worst; log score 0 best."
                "<table cellpadding=3><tr><th align=left>Forecast</th><th>Brier</th>"
                f"<th>Log</th><th></th></tr>{cells}</table>")  # fmt: skip

    def _resolve(self) -> None:
        answer = self.answer.currentData()
        case = self.doc.case
        res = case.resolution
        if self._answer_hidden or (answer is None and res is None):
            return
        if res is not None and answer == res.answer and self.source.text().strip() == res.source:
            return
        self.answering.emit()
        self.doc.apply(commands.set_resolution(answer, res.date if res else None,
                                               self.source.text()))  # fmt: skip

    def show_this_case(self) -> None:
        self.folder = None
        case, live = self.doc.case, self._live
        self.this_case.hide()
        self.murphy.setText("")
        if case.resolution is None or live is None:
            self.showing.setText("")
            self._pending = None
            self.figure.clear()
            return
        if self._hide or self._answer_hidden:
            self.showing.setText("")
            self._pending = None
            self.figure.clear(HIDDEN if self._hide else ANSWER_HIDDEN_HTML)
            return
        from beliefwatch.inference.scoring import score_cases

        scored = score_cases([("this case", case, live.result)])
        cal = scored["calibration"]
        self._murphy_text(scored["murphy"])
        n = len(case.estimates)
        self.showing.setText(f"This case: {len(case.hypotheses)} forecasts per estimate "
                             f"({n} estimate{'s' * (n != 1)} recorded).")  # fmt: skip
        self._show(cal, "Calibration of this case")

    def _murphy_text(self, m: dict) -> None:
        from beliefwatch.inference.scoring import murphy_words

        lines = [murphy_words(m["computed"], "the computed credences")]
        if m["estimates"] is not None:
            lines.append(murphy_words(m["estimates"], "your forecasts"))
        self.murphy.setText("\n".join(lines))

    def _show(self, cal: dict, title: str) -> None:
        series = {"computed": cal["computed"]}
        if any(b["n"] for b in cal["estimates"]):
            series["trainees"] = cal["estimates"]
        self._pending = (series, title)
        self.draw_if_visible()

    def draw_if_visible(self) -> None:
        if self._pending is not None and self.isVisible():
            from beliefwatch.plots.calibration import calibration_diagram

            series, title = self._pending
            self.figure.show_figure(calibration_diagram(series, title=title))
            self._pending = None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.draw_if_visible()

    # -- a folder of resolved cases ------------------------------------------------------------
    def pick_folder(self) -> None:
        start = str(self.doc.path.parent) if self.doc.path else ""
        folder = QFileDialog.getExistingDirectory(self, "Folder of resolved cases", start)
        if folder:
            self.score_folder(Path(folder))

    def score_folder(self, folder: Path) -> None:
        from beliefwatch.runner import ScoreRequest

        if self._job is not None:
            return
        self.folder_button.setEnabled(False)
        self.cancel.show()
        self.showing.setText(f"Updating the cases in {folder}…")
        self._job_folder = folder
        job = self.jobs.submit(ScoreRequest((folder,)))
        job.progress.connect(self._on_progress)
        job.done.connect(self._folder_done)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        self._job = job

    def _cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _end_job(self) -> None:
        self._job = None
        self.folder_button.setEnabled(True)
        self.cancel.hide()

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self.showing.setText(f"{escape(message)} ({100 * fraction:.0f}%)")

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._folder_failed(f"Could not score {self._job_folder}: {message}")

    @Slot(str)
    def _on_cancelled(self, _message: str) -> None:
        self._folder_failed("Scoring cancelled.")

    def _folder_failed(self, message: str) -> None:
        self._end_job()
        self.showing.setText(f"<span style='color:#a00'>⚠ {escape(message)}</span>")

    @Slot(object)
    def _folder_done(self, value) -> None:
        folder = self._job_folder
        self._end_job()
        scored, warnings = value
        self.folder = {"path": folder, "scored": scored, "warnings": warnings}
        m = scored["mean"]
        n = len(scored["cases"])
        n_est = sum(len(c["estimates"]) for c in scored["cases"])
        warn = f"; {len(warnings)} warning(s)" if warnings else ""
        self.showing.setText(
            f"<b>{escape(folder.name)}</b>: {n} resolved case{'s' * (n != 1)}, {n_est} estimates. "
            f"Mean Brier: computed {_num(m['computed']['brier'])}, trainees "
            f"{_num(m['estimates']['brier']) if n_est else '–'}{warn}. <span style='color:#555'>"
            f"Scored from the files on disk at {dt.datetime.now():%H:%M}: edits not saved there "
            "are not in it.</span>"
        )
        self.this_case.show()
        self._murphy_text(scored["murphy"])
        self._show(scored["calibration"], f"Calibration over {n} cases in {folder.name}")
