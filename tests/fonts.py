"""The CJK font tests: skipped on a developer's machine without a Korean/Chinese font, never in
CI (`.ci/run` installs fonts-noto-cjk or fails; CI=1 there makes a missing font a failure)."""

from __future__ import annotations

import os

import pytest

from beliefwatch.plots.fonts import find_cjk_font

needs_cjk_font = pytest.mark.skipif(
    find_cjk_font() is None and not os.environ.get("CI"),
    reason="no font with Korean characters installed (CI installs one and runs this test)",
)
