"""At the size the window opens on a 1366 x 768 screen (about 1284 x 706): long fields show
their start, tables show enough rows, notes have room."""

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
    gaps = [b.geometry().top() - a.geometry().bottom() for a, b in zip(fields, fields[1:])]
    assert max(gaps) <= 3 * max(d.layout().spacing(), 6)
    assert d.link.geometry().bottom() <= d.height()
    if size[1] > 1000:
        assert d.link.geometry().bottom() < 0.6 * d.height()  # the spare height is below
