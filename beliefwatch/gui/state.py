"""What the window shows, as plain data that the views subscribe to - no Qt here.

In the spirit of glue's viewer state classes: the panels do not reach into the main window or
look for tabs by their titles; they read this state and are told when a field changes. The
window binds it to its tabs (``main_window.py``), the training panel to its checkbox.

Fields:
- ``shown``: the view in front (a key of ``VIEWS``);
- ``training``: training mode is on;
- ``recorded``: the estimate this trainee recorded on the open case, if any;
- ``estimates``: the estimates the open case holds (the window sets it after every edit);
- ``answer_hidden`` (derived): training mode is on and this trainee's estimate is not in the
  case - every computed credence must stay off screen;
- ``hidden`` (derived): the views not offered, those built on the computed credences while
  ``answer_hidden``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

VIEWS = ("credences", "timeline", "drivers", "watch", "full", "item", "sources", "ach",
         "training", "calibration")  # fmt: skip
# Views whose content is built on the computed credences (the lead's analyses included).
CREDENCE_VIEWS = frozenset({"credences", "timeline", "full", "drivers", "watch"})

_INPUTS = ("shown", "training", "recorded", "estimates")
_DERIVED = ("answer_hidden", "hidden")


class ViewState:
    def __init__(self) -> None:
        object.__setattr__(self, "_callbacks", {f: [] for f in _INPUTS + _DERIVED})
        self.shown = "credences"
        self.training = False
        self.recorded = None
        self.estimates: tuple = ()

    def watch(self, field: str, callback: Callable[[Any], None]) -> None:
        """Call ``callback(new_value)`` whenever ``field`` changes."""
        if field not in self._callbacks:
            raise AttributeError(f"no view-state field {field!r}")
        self._callbacks[field].append(callback)

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in _INPUTS:
            raise AttributeError(f"{name!r} is not a view-state field one can set")
        if name == "shown" and value not in VIEWS:
            raise ValueError(f"no view {value!r}; one of {', '.join(VIEWS)}")
        if name == "estimates":
            value = tuple(value)
        changed = [name] if self._set(name, value) else []
        if name != "shown":
            d = self.__dict__
            hide = bool(d.get("training")) and d.get("recorded") not in d.get("estimates", ())
            changed += [f for f, v in (("answer_hidden", hide),
                                       ("hidden", CREDENCE_VIEWS if hide else frozenset()))
                        if self._set(f, v)]  # fmt: skip
        # Every field is up to date before anyone is told: a callback may read them all.
        for field in changed:
            for callback in list(self._callbacks[field]):
                callback(self.__dict__[field])

    def _set(self, name: str, value: Any) -> bool:
        """Store ``value``; True when it changed a value already set (not the first one)."""
        missing = object()
        old = self.__dict__.get(name, missing)
        self.__dict__[name] = value
        return old is not missing and not (old is value or old == value)
