"""At the size the window opens on a 1366 x 768 screen (about 1284 x 706): long fields show
their start, tables show enough rows, notes have room."""

import re
from itertools import pairwise

import pytest

from beliefwatch.examples import example_files

pytestmark = pytest.mark.gui


@pytest.fixture
def example(window):
    window.resize(1284, 706)
    assert window.open_files(example_files())
    return window


def test_the_question_shows_its_start(example):
    q = example.hypotheses.question
    assert len(q.text()) > 60 and q.cursorPosition() == 0


def test_a_long_source_shows_its_start(example):
    d = example.details
    item = next(e for e in example.doc.case.evidence if e.source)
    d.show_item(item.id)
    assert d.source.lineEdit().cursorPosition() == 0


def test_the_ach_scores_show_six_rows_at_least(example, qtbot):
    ach = example.training_views.ach
    example.show_panel(ach)
    qtbot.waitUntil(lambda: ach.scores.isVisible())
    table = ach.scores
    rows = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert table.rowCount() >= 6 and rows >= 6


def test_notes_have_room_for_five_lines(example):
    notes = example.details.notes
    assert notes.height() >= 5 * notes.fontMetrics().lineSpacing()


def test_drivers_never_show_minus_zero(example):
    """A weight that rounds to zero reads "0.0 dB", not "-0.0 dB" (the example has such cells)."""
    example.tabs.setCurrentWidget(example.drivers)
    table = example.drivers.table
    cells = [table.item(r, c).text() for r in range(table.rowCount()) for c in (1, 2, 3)]
    assert not [t for t in cells if t.startswith("-0.0")]
    assert "0.0 dB" in cells


@pytest.mark.parametrize("size", [(1284, 706), (1920, 1050)])
def test_the_item_form_sits_together_at_the_top(example, qtbot, size):
    """On a tall screen the Item form's rows stay a line apart, not spread over the pane; on a
    laptop every field still shows whole."""
    example.resize(*size)
    d = example.details
    example.matrix.view.setCurrentIndex(example.matrix.model.index(3, 4))
    example.show_panel(d)
    qtbot.waitUntil(d.link.isVisible)
    fields = [d.text, d.date, d.source, d.reliability, d.credibility, d.group, d.notes, d.link]
    gaps = [b.geometry().top() - a.geometry().bottom() for a, b in pairwise(fields)]
    assert max(gaps) <= 3 * max(d.layout().spacing(), 6)
    assert d.link.geometry().bottom() <= d.height()
    if size[1] > 1000:
        assert d.link.geometry().bottom() < 0.6 * d.height()  # the spare height is below


def test_a_computed_prior_reads_like_its_neighbours_and_edits_exactly(example, qtbot):
    """The example's catch-all prior is saved as 0.043083 (what the nine ranges leave): the
    table shows it to three decimals like the ranges beside it; its editor and tooltip keep
    the saved value, and leaving the editor unchanged changes nothing."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit

    view = example.hypotheses.view
    m = view.model()
    row = next(i for i, h in enumerate(example.doc.case.hypotheses) if h.catch_all)
    cell = m.index(row, 1)
    assert m.data(cell) == "0.043"
    assert "prior: 0.04308" in m.data(cell, Qt.ItemDataRole.ToolTipRole)
    shown = [m.data(m.index(r, 1)) for r in range(m.rowCount())]
    assert "0.04-0.14" in shown and not [t for t in shown if re.search(r"\.\d{4}", t)]
    steps = example.doc.undo_stack.count()
    view.scrollTo(cell)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(cell).center())  # fmt: skip
    qtbot.keyClick(view, Qt.Key.Key_F2)
    (editor,) = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert editor.text() == "0.04308"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert example.doc.undo_stack.count() == steps
    assert example.doc.case.hypotheses[row].prior.text() == "0.04308"
    assert m.data(cell) == "0.043"
