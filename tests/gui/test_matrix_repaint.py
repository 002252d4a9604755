"""The evidence matrix repaints only what an edit changed, and shows the case as it is now."""

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


def shown(window):
    """Every cell's text and colour, as the view asks the model for them."""
    m = window.matrix.model
    return [
        [(m.data(m.index(r, c)), m.data(m.index(r, c), Qt.ItemDataRole.BackgroundRole))
         for c in range(m.columnCount())]
        for r in range(m.rowCount())
    ]  # fmt: skip


def test_a_typed_likelihood_repaints_its_own_row_and_shows_everywhere(window, qtbot):
    from tests.gui.test_live_charts import type_into_cell

    model = window.matrix.model
    painted = []
    model.dataChanged.connect(lambda a, b, *_: painted.append((a.row(), b.row())))
    before = shown(window)
    item = window.doc.case.evidence[model.order[0]].id
    type_into_cell(qtbot, window, item, window.doc.case.hypothesis_ids[0], "0.07")
    after = shown(window)
    assert after[0][len(model.META)][0] == "0.07"
    changed_rows = {r for r in range(len(after)) if after[r] != before[r]}
    assert changed_rows == {0}
    assert painted and all(a == b == 0 for a, b in painted)  # that row, nothing else


def test_an_edit_that_reorders_the_rows_repaints_every_row_that_moved(window, qtbot):
    from beliefwatch.core.commands import set_likelihood
    from beliefwatch.core.elicitation import parse_likelihood

    model = window.matrix.model
    model.set_sort("diagnosticity")
    order = list(model.order)
    painted = set()
    model.dataChanged.connect(lambda a, b, *_: painted.update(range(a.row(), b.row() + 1)))
    last = window.doc.case.evidence[order[-1]]
    for h in window.doc.case.hypothesis_ids:  # the least telling item becomes the most
        value = "0.99" if h == window.doc.case.hypothesis_ids[0] else "0.01"
        window.doc.apply(set_likelihood(last.id, h, parse_likelihood(value)))
    assert model.order != order
    moved = {pos for pos, (a, b) in enumerate(zip(order, model.order, strict=True)) if a != b}
    assert moved <= painted
    # and what the view shows is the case as it is now, row for row
    for pos, i in enumerate(model.order):
        assert model.data(model.index(pos, 1)) == window.doc.case.evidence[i].text
