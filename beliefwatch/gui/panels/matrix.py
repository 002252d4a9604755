"""The evidence matrix: items against hypotheses, coloured by weight of evidence."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beliefwatch.gui.document import CaseDocument
from beliefwatch.gui.models import EvidenceMatrixModel

SORTS = ("date", "diagnosticity", "influence")


class MatrixPanel(QWidget):
    item_selected = Signal(str)  # evidence id

    def __init__(self, doc: CaseDocument) -> None:
        super().__init__()
        self.doc = doc
        self.model = EvidenceMatrixModel(doc)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.model.modelReset.connect(self._size_columns)
        self.view.verticalHeader().setDefaultSectionSize(24)

        self.sort = QComboBox()
        self.sort.addItems(SORTS)
        self.sort.setToolTip(
            "Order of the items: by date, by how much they discriminate between hypotheses, "
            "or by how much removing them would move a credence"
        )
        self.sort.currentTextChanged.connect(self.model.set_sort)
        self.transpose = QPushButton("Hypotheses in rows")
        self.transpose.setCheckable(True)
        self.transpose.setToolTip(
            "Read each hypothesis against all the evidence (reduces confirmation bias)"
        )
        self.transpose.toggled.connect(self.model.set_transposed)
        legend = QLabel(
            "<span style='background:#9ebbd9'>&nbsp;blue&nbsp;</span> favours · "
            "<span style='background:#ecb3a8'>&nbsp;red&nbsp;</span> counts against · "
            "hatched: unrated"
        )
        legend.setStyleSheet("color:#444")
        legend.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<b>Evidence</b>  sort by"))
        bar.addWidget(self.sort)
        bar.addWidget(self.transpose)
        legend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(legend, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(bar)
        layout.addWidget(self.view)

    def refresh(self, live) -> None:
        self.model.set_live(live)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self.model.transposed:
            self._size_columns()

    def current_item(self) -> str | None:
        index = self.view.currentIndex()
        i = self.model.item_at(index) if index.isValid() else None
        return (
            None if i is None or i >= len(self.doc.case.evidence) else self.doc.case.evidence[i].id
        )

    def _on_current(self, current, _previous) -> None:
        eid = self.current_item() if current.isValid() else None
        if eid is not None:
            self.item_selected.emit(eid)

    def _size_columns(self) -> None:
        hdr = self.view.horizontalHeader()
        hdr.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if self.model.transposed:
            hdr.setDefaultSectionSize(84)
            return
        self.view.setColumnWidth(0, 82)
        hyps = self.model.columnCount() - 2
        # The text is what the analyst reads first: it keeps at least ~25 characters, and
        # takes what the hypothesis columns leave; beyond that the matrix scrolls sideways.
        for c in range(2, self.model.columnCount()):
            self.view.resizeColumnToContents(c)
            self.view.setColumnWidth(c, max(56, min(self.view.columnWidth(c) + 4, 86)))
        used = 82 + sum(self.view.columnWidth(c) for c in range(2, 2 + hyps))
        room = self.view.viewport().width() - used - 4
        self.view.setColumnWidth(1, max(190, room))
