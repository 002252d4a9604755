"""The Full update tab: forest, distributions, diagnostics and summary of the last full update.

The figures stay on screen after an edit only greyed and under a banner that says they are out
of date; after New or Open they go.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from beliefwatch.gui.figures import FigurePane

PLACEHOLDER = (
    "Press F5 (Update ▸ Full update) to sample how far the credences could move given the "
    "imprecision of your inputs. PyMC does the sampling where no closed form exists."
)
STALE = "⚠ Full update is out of date — the case changed since. Press F5 to run it again."


class FullUpdatePanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.banner = QLabel(STALE)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fff3cd; color:#664d03; padding:6px; "
                                  "border:1px solid #e0c36c;")  # fmt: skip
        self.banner.hide()
        # Which engine made the numbers shown, and what PyMC's check found.
        self.engine_line = QLabel("")
        self.engine_line.setWordWrap(True)
        self.engine_line.setTextFormat(Qt.TextFormat.RichText)
        self.engine_line.setStyleSheet("padding:4px 6px;")
        self.engine_line.hide()
        self.forest = FigurePane(PLACEHOLDER)
        self.dists = FigurePane("")
        self.diag_table = QTableWidget(0, 5)
        self.diag_table.setHorizontalHeaderLabels(
            ["Hypothesis", "r-hat", "bulk ESS", "tail ESS", "verdict"]
        )
        self.diag_table.verticalHeader().hide()
        self.diag_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.diag_note = QLabel("")
        self.diag_note.setWordWrap(True)
        self.diag_plot = FigurePane("")
        diag = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.diag_note)
        tl.addWidget(self.diag_table)
        diag.addWidget(top)
        diag.addWidget(self.diag_plot)
        self.summary = QTextBrowser()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.forest, "Forest")
        self.tabs.addTab(self.dists, "Distributions")
        self.tabs.addTab(diag, "Diagnostics")
        self.tabs.addTab(self.summary, "Summary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.engine_line)
        layout.addWidget(self.tabs)
        self._source = ""  # the engine line's first sentence

    def show_result(self, case, result, figures: dict, check=None) -> None:
        """Show ``result``; ``check``: PyMC's check that made it the one shown, if any."""
        self.forest.show_figure(figures["forest"])
        self.dists.show_figure(figures["dists"])
        self._diagnostics(result)
        if figures.get("ranks") is not None:
            self.diag_plot.show_figure(figures["ranks"])
        else:
            self.diag_plot.clear("No chains to compare: this engine draws independent samples.")
        self._source = f"<b>Numbers from</b> {escape(result.engine_line, quote=False)}."
        self._line("" if check is None else self._check_words(check), ok=None)
        from beliefwatch.reports.summary import summary_html

        self.summary.setHtml(summary_html(case, result))
        self.set_stale(False)

    def check_running(self, engine: str) -> None:
        what = escape(engine, quote=False)
        self._line(f"PyMC (NUTS) is checking the {what} result in the background…", ok=None)

    def show_check(self, check, figures: dict) -> None:
        """PyMC's check landed: what it found, and its ArviZ diagnostics (Diagnostics tab)."""
        self._diagnostics(check.pymc, check=True)
        if figures.get("ranks") is not None:
            self.diag_plot.show_figure(figures["ranks"])
        self._line(self._check_words(check), ok=check.agrees)

    def check_failed(self, message: str) -> None:
        self._line(f"{escape(message, quote=False)}; the numbers shown are unchecked.", ok=False)

    @staticmethod
    def _check_words(check) -> str:
        return ("✓ " if check.agrees else "⚠ ") + escape(check.sentence(), quote=False) + "."

    def _line(self, second: str, *, ok: bool | None) -> None:
        color = {True: "#1e6b2f", False: "#8a4b00", None: "#333"}[ok]
        tail = f"<br><span style='color:{color}'>{second}</span>" if second else ""
        self.engine_line.setText(self._source + tail)
        self.engine_line.setVisible(bool(self._source))

    def clear(self) -> None:
        self._source = ""
        self.engine_line.setText("")
        self.engine_line.hide()
        for pane in (self.forest, self.dists, self.diag_plot):
            pane.clear()
        self.diag_table.setRowCount(0)
        self.diag_note.setText("")
        self.summary.setHtml("")
        self.banner.hide()

    def set_stale(self, stale: bool) -> None:
        self.banner.setVisible(stale)
        for pane in (self.forest, self.dists, self.diag_plot):
            pane.set_stale(stale)
        for w in (self.summary, self.diag_table, self.diag_note):  # greyed like the figures
            w.setEnabled(not stale)

    def _diagnostics(self, result, *, check: bool = False) -> None:
        d = result.diagnostics
        names = result.names
        if not d or "r_hat" not in d:
            self.diag_table.setRowCount(0)
            self.diag_note.setText(f"{result.engine_line} ({result.n_draws} draws)")
            return
        self.diag_note.setText(
            ("PyMC's check · " if check else f"{result.engine_line} · ")
            + f"{result.n_draws} draws · divergences: "
            f"{d['divergences']} · compiled in {d.get('compile_seconds', 0):.1f} s, sampled in "
            f"{d.get('sampling_seconds', 0):.1f} s. Good: r-hat ≤ 1.01, ESS ≥ 400, "
            "no divergences."
        )
        self.diag_table.setRowCount(len(result.hypotheses))
        for row, h in enumerate(result.hypotheses):
            r, bulk, tail = d["r_hat"][h], d["ess_bulk"][h], d["ess_tail"][h]
            ok = r <= 1.01 and bulk >= 400 and tail >= 400
            verdict = "chains agree, enough draws" if ok else (
                "chains disagree: run more draws" if r > 1.01 else "few effective draws"
            )  # fmt: skip
            cells = [names[h], f"{r:.3f}", f"{bulk:.0f}", f"{tail:.0f}", verdict]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 4 and not ok:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.diag_table.setItem(row, col, item)
        self.diag_table.resizeColumnsToContents()
