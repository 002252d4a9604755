"""The Team view (File ▸ Open team…): several analysts' versions of one case side by side.

Each analyst's credences beside the linear and logarithmic pools and the pooled case, a figure
of the spread, the disagreements that matter ranked by swing; clicking one shows every
analyst's cell and note on that item side by side (docs/team.md). Pooling updates every
analyst's case, PyMC where needed: it runs in the background process (job ``pool``).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from beliefwatch.gui.figures import FigurePane
from beliefwatch.plots.names import short_name

FILTER = "BeliefWatch cases (*.toml);;All files (*)"
PICK = "Click a disagreement to see every analyst's cell and note side by side."


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.setWordWrap(False)
    return t


def _cell(text: str, number: bool = False, tip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if tip:
        item.setToolTip(tip)
    return item


def _fill(table: QTableWidget, headers: list[str], rows: list[list], numbers: set[int]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text, tip = value if isinstance(value, tuple) else (value, None)
            table.setItem(r, c, _cell(text, c in numbers, tip))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)


class TeamView(QWidget):
    """A window of its own: the team is not the case being edited."""

    def __init__(self, jobs, parent=None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.jobs = jobs  # the window's JobController
        self.setWindowTitle("Team — BeliefWatch")
        self.team = None
        self.paths: list[Path] = []
        self._job = None
        self.heading = QLabel("")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.credences = _table(["Hypothesis"])
        self.figure = FigurePane("The analysts' spread appears here.")
        self.figure.setMinimumWidth(380)
        self.disagreements = _table(["Item", "Swing", "Spread dB", "Text"])
        self.disagreements.itemSelectionChanged.connect(self._show_selected)
        self.cells_title = QLabel(PICK)
        self.cells_title.setWordWrap(True)
        self.cells = _table(["Analyst"])
        self.cells.setWordWrap(True)
        self.names = QCheckBox("Names in the report")
        self.export = QPushButton("Team report…")
        self.export.clicked.connect(self.export_report)
        self.export.setEnabled(False)

        self.top = top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.credences)
        top.addWidget(self.figure)
        top.setSizes([560, 600])
        cells_box = QWidget()
        cv = QVBoxLayout(cells_box)
        cv.setContentsMargins(0, 0, 0, 0)
        cv.addWidget(self.cells_title)
        cv.addWidget(self.cells, 1)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.disagreements)
        bottom.addWidget(cells_box)
        bottom.setSizes([430, 730])  # the cells and notes need the room more than the list
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([300, 380])
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<b>Disagreements that matter</b>, ranked by swing: how far the "
                             "pooled leader's credence moves between the analysts' versions "
                             "of the item."), 1)  # fmt: skip
        bar.addWidget(self.names)
        bar.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    # -- pooling in the background --------------------------------------------------------
    def pool(self, paths: list[Path]) -> None:
        from beliefwatch.runner import PoolRequest

        if self._job is not None:
            return
        self.paths = list(paths)
        self.heading.setText(f"Pooling the analysts in {escape(', '.join(map(str, paths)))}…")
        job = self.jobs.submit(PoolRequest(tuple(self.paths)))
        job.progress.connect(self._on_progress)
        job.done.connect(self._on_done)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_failed)
        self._job = job

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self.heading.setText(f"{escape(message)} ({100 * fraction:.0f}%)")

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._job = None
        self.heading.setText(f"<span style='color:#a00'>⚠ {escape(message)}</span>")

    @Slot(object)
    def _on_done(self, team) -> None:
        self._job = None
        self.show_team(team)

    # -- showing --------------------------------------------------------------------------
    def show_team(self, team) -> None:
        from beliefwatch.plots.team import spread_figure
        from beliefwatch.reports.team_text import analyst_engines, engine_line

        self.team = team
        hyps = team.hypotheses
        who = [a.name for a in team.analysts]
        pct = round(100 * team.pooled.interval_prob)
        partial = "".join(
            f"<br>Item <b>{escape(i)}</b> is only in {escape(', '.join(w))}'s case: it counts "
            "for them only."
            for i, w in team.partial.items()
        )
        self.heading.setText(
            f"<b>{escape(team.question or 'Team')}</b> — {len(who)} analysts. Pooled case: "
            f"{escape(engine_line(team))}; {escape(analyst_engines(team))}; "
            f"leader <b>{escape(team.names[team.leader])}</b>." + partial
        )
        headers = ["Hypothesis", *(short_name(n, 14) for n in who), "Linear", "Log", "Pooled",
                   f"{pct}% interval", "Spread"]  # fmt: skip
        rows = []
        for h in hyps:
            lo, hi = team.pooled.intervals[h]
            rows.append([(short_name(team.names[h] or h, 28), team.names[h]),
                         *(f"{a.result.credences[h]:.1%}" for a in team.analysts),
                         f"{team.linear[h]:.1%}", f"{team.logarithmic[h]:.1%}",
                         f"{team.pooled.credences[h]:.1%}", f"{100 * lo:.1f}–{hi:.1%}",
                         f"{team.spread[h]:.1%}"])  # fmt: skip
        _fill(self.credences, headers, rows, set(range(1, len(headers))))
        for i, name in enumerate(who):
            engine = team.analysts[i].result.engine
            self.credences.horizontalHeaderItem(i + 1).setToolTip(f"{name} (engine {engine})")
        self._fit_credences()
        self.figure.show_figure(spread_figure(team))
        drows = [[d.item, f"{d.swing:.1%}", f"{d.spread_db:.1f}", (d.text, d.text)]
                 for d in team.disagreements]  # fmt: skip
        _fill(self.disagreements, ["Item", "Swing", "Spread dB", "Text"], drows, {1, 2})
        self.cells_title.setText(PICK if team.disagreements else
                                 "No disagreements: every analyst rated every shared item "
                                 "alike.")  # fmt: skip
        _fill(self.cells, ["Analyst"], [], set())
        self.export.setEnabled(True)
        self.setWindowTitle(f"Team: {team.question or 'pooled'} — BeliefWatch")

    def _fit_credences(self) -> None:
        """The credence table as wide as its columns (no scrolling to see the spread); the
        figure gets the rest, but never less than its minimum."""
        t = self.credences
        t.horizontalHeader().setStretchLastSection(False)
        t.resizeColumnsToContents()
        need = t.horizontalHeader().length() + 2 * t.frameWidth() + 4
        total = sum(self.top.sizes()) or self.width()
        fig = max(self.figure.minimumWidth(), total - need)
        self.top.setSizes([total - fig, fig])

    @Slot()
    def _show_selected(self) -> None:
        rows = self.disagreements.selectionModel().selectedRows()
        if self.team is None or not rows:
            return
        d = self.team.disagreements[rows[0].row()]
        hyps = self.team.hypotheses
        leader = self.team.leader
        headers = ["Analyst", *hyps, f"{leader} with theirs", "Note"]
        # Notes are written wrapped in the files: re-flow them to the column.
        notes = {a: " ".join(d.notes[a].split()) for a in d.analysts}
        rows_ = [[a, *(d.cells[a][h].text() or "–" for h in hyps), f"{d.leader[a]:.1%}",
                  (notes[a], notes[a])] for a in d.analysts]  # fmt: skip
        _fill(self.cells, headers, rows_, set(range(1, len(hyps) + 2)))
        # The note is prose: it gets the room left and wraps, rows as tall as it needs.
        self.cells.horizontalHeader().setSectionResizeMode(
            len(headers) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.cells.resizeRowsToContents()
        for i, h in enumerate(hyps):
            self.cells.horizontalHeaderItem(i + 1).setToolTip(self.team.names[h])
        self.cells_title.setText(f"<b>{escape(d.item)}</b>: {escape(d.text)} — swing "
                                 f"{d.swing:.1%}, spread {d.spread_db:.1f} dB")  # fmt: skip

    # -- report ---------------------------------------------------------------------------
    def export_report(self) -> None:
        from beliefwatch.reports.team import write_team_report

        if self.team is None:
            return
        start = str(self.paths[0].parent / "team.pdf") if self.paths else "team.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "Team report", start,
                                              "PDF (*.pdf);;HTML (*.html)")  # fmt: skip
        if not path:
            return
        try:
            written = write_team_report(self.team, path, names=self.names.isChecked())
        except (ValueError, OSError) as e:
            self.heading.setText(f"<span style='color:#a00'>⚠ {escape(str(e))}</span>")
            return
        self.heading.setText(self.heading.text() + f"<br>Wrote {escape(str(written))}.")

    def shutdown(self) -> None:
        if self._job is not None:
            self._job.cancel()  # the window's job controller waits for it


def open_team(window, folder: bool) -> TeamView | None:
    """File ▸ Open team… (several files) or Open team folder…: a Team view, pooling."""
    if folder:
        picked = QFileDialog.getExistingDirectory(window, "Open a folder of analysts' cases")
        paths = [Path(picked)] if picked else []
    else:
        picked, _ = QFileDialog.getOpenFileNames(window, "Open analysts' case files (one each)",
                                                 "", FILTER)  # fmt: skip
        paths = [Path(p) for p in picked]
    if not paths:
        return None
    view = getattr(window, "team_view", None)
    if view is None:
        view = window.team_view = TeamView(window.jobs, window)
        view.resize(min(1340, window.width()), min(740, window.height()))
    view.show()
    view.raise_()
    view.pool(paths)
    return view
