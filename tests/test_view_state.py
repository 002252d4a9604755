"""The window's view state, headless: what is shown and hidden, and who is told."""

import pytest

from beliefwatch.gui.state import CREDENCE_VIEWS, ViewState


def test_training_mode_hides_the_credence_views_until_this_trainee_records():
    s = ViewState()
    told = []
    s.watch("answer_hidden", lambda v: told.append(("answer_hidden", v)))
    s.watch("hidden", lambda v: told.append(("hidden", v)))
    assert not s.answer_hidden and s.hidden == frozenset()
    s.training = True
    assert s.answer_hidden and s.hidden == CREDENCE_VIEWS
    assert told == [("answer_hidden", True), ("hidden", CREDENCE_VIEWS)]
    s.recorded = "mine"  # recorded, but the edit that stores it has not landed yet
    assert s.answer_hidden
    s.estimates = ["someone else's", "mine"]
    assert not s.answer_hidden and s.hidden == frozenset()
    s.estimates = ["someone else's"]  # undo of the record: hidden again
    assert s.answer_hidden
    s.training = False
    assert not s.answer_hidden and told[-1] == ("hidden", frozenset())


def test_every_field_is_current_when_a_watcher_is_told():
    s = ViewState()
    seen = []
    s.watch("training", lambda _on: seen.append(s.answer_hidden))
    s.training = True
    assert seen == [True]


def test_watchers_are_told_only_of_changes():
    s = ViewState()
    shown = []
    s.watch("shown", shown.append)
    s.shown = "ach"
    s.shown = "ach"
    s.shown = "full"
    assert shown == ["ach", "full"]


def test_unknown_views_and_fields_are_refused():
    s = ViewState()
    with pytest.raises(ValueError, match="no view 'Credences'"):
        s.shown = "Credences"  # a key, not a tab's title
    with pytest.raises(AttributeError):
        s.answer_hidden = True  # derived, never set
    with pytest.raises(AttributeError):
        s.watch("colour", print)
