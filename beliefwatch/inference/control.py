"""How a caller steers a long update: progress reports and cancellation, shared by both engines."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]  # (fraction done, what is happening)


class Cancelled(Exception):
    """The caller asked a running update to stop."""
