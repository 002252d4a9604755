"""Export a report in the background: with the full update's result if it still matches the
case, else with a fresh update computed for it - never with numbers of an older case."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from beliefwatch.gui.document import CaseDocument
from beliefwatch.gui.fullupdate import FullUpdateController
from beliefwatch.gui.jobs import Job, JobController
from beliefwatch.runner import ReportRequest

FORMATS = "PDF (*.pdf);;HTML (*.html);;Markdown (*.md)"


class ReportExport(QObject):
    busy = Signal(bool)
    progress = Signal(float, str)
    done = Signal(str)  # the path written

    def __init__(self, doc: CaseDocument, full: FullUpdateController, jobs: JobController,
                 window: QWidget) -> None:  # fmt: skip
        super().__init__(window)
        self.doc, self.full, self.jobs, self.window = doc, full, jobs, window
        self._job: Job | None = None
        self._source: str | None = None  # where the running export's numbers come from

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self, path: Path | None = None) -> bool:
        """Export to ``path``, or ask for one. Connected to the menu through a slot without
        arguments: the action's ``triggered(bool)`` must never arrive here as a path."""
        if self._job is not None:
            return False
        if not self.doc.case.hypotheses:
            self.doc.error.emit("nothing to report: the case has no hypotheses")
            return False
        if path is None:
            stem = (self.doc.path.stem if self.doc.path else "report") + ".pdf"
            chosen, _ = QFileDialog.getSaveFileName(self.window, "Export report", stem, FORMATS)
            if not chosen:
                return False
            path = Path(chosen)
        result = self.full.fresh_result()  # None: the child computes one for this case
        self._source = self.full.shown_source() if result is not None else None
        job = self.jobs.submit(ReportRequest(self.doc.case.copy(), Path(path), result))
        job.progress.connect(self.progress)
        job.done.connect(self._on_done)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(lambda m: self.doc.note.emit(f"Export {m}"))
        job.ended.connect(self._on_ended)
        self._job = job
        self.busy.emit(True)
        self.progress.emit(0.0, "Exporting the report")
        return True

    @Slot(object)
    def _on_done(self, value) -> None:
        path, result = value
        how = self._source or f"a fresh {result.engine} update"
        self.doc.note.emit(f"Report written to {path} (numbers from {how})")
        self.done.emit(str(path))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        QMessageBox.critical(self.window, "Export failed", message)

    @Slot()
    def _on_ended(self) -> None:
        self._job = None
        self.busy.emit(False)

    def shutdown(self) -> None:
        self.blockSignals(True)  # no message box while the window closes
        if self._job is not None:
            self._job.cancel()
