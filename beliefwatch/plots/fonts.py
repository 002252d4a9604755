"""One CJK fallback font for the figures and the PDF text, so Korean and Chinese never draw boxes.

DejaVu Sans (matplotlib's own) has no Hangul or Han glyphs; a system font that has them is
found through fontconfig, or at the usual places when fontconfig cannot say.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import subprocess
from pathlib import Path

# Fonts that cover Hangul and Han characters, tried in order when fontconfig cannot say.
CJK_FONTS = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 1),  # Debian fonts-noto-cjk, KR
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 1),
    ("/usr/share/fonts/truetype/nanum/NanumGothic.ttf", 0),
    ("/System/Library/Fonts/AppleSDGothicNeo.ttc", 0),
    ("C:/Windows/Fonts/malgun.ttf", 0),
]


def _fontconfig_fonts() -> list[tuple[str, int, str]]:
    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(
            ["fc-list", ":lang=ko", "-f", "%{file}|%{index}|%{family}\\n"],
            capture_output=True, text=True, timeout=10,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in out.splitlines():
        path, _, rest = line.partition("|")
        index, _, family = rest.partition("|")
        if path.lower().endswith((".ttf", ".otf", ".ttc")):
            try:
                found.append((path, int(index or 0), family))
            except ValueError:
                continue
    return found


@functools.cache
def find_cjk_font() -> tuple[str, int] | None:
    """A regular sans font that covers Korean (and with it Han characters), if there is one."""
    found = _fontconfig_fonts()
    # A proportional sans regular face, the Korean cut first (the analysts' main script).
    found.sort(key=lambda f: ("Sans" not in f[0], "Regular" not in f[0], "Mono" in f[2],
                              "KR" not in f[2], f[0], f[1]))  # fmt: skip
    for path, index in [*((p, i) for p, i, _ in found[:1]), *CJK_FONTS]:
        if Path(path).exists():
            return path, index
    return None


@functools.cache
def cjk_family() -> str | None:
    """The family name of the CJK font, registered with matplotlib (None without one).

    Registered by file: matplotlib's font cache predates a font installed later.
    """
    found = find_cjk_font()
    if found is None:
        return None
    from matplotlib import font_manager, ft2font

    path, index = found
    try:
        name = ft2font.FT2Font(path, face_index=index).family_name
        if name not in {f.name for f in font_manager.fontManager.ttflist}:
            font_manager.fontManager.addfont(path)
    except (OSError, RuntimeError, ValueError):
        return None
    return name


def font_families() -> list[str]:
    """matplotlib's font.family: the usual sans, then the CJK font for glyphs it lacks."""
    cjk = cjk_family()
    return ["sans-serif", cjk] if cjk else ["sans-serif"]


_ON_DEMAND = False  # inside fallback_only_if_needed: the builders' own calls do nothing


def use_cjk_fallback() -> None:
    """Make the CJK font matplotlib's fallback for every figure made from now on.

    Process-wide on purpose: a text's font is fixed when it is created, tick labels are created
    as late as drawing, and figures come from several modules (ours, ArviZ's, the analyses');
    a per-figure setting missed some of them and they drew boxes. Idempotent and cheap after
    the first call.
    """
    if not _ON_DEMAND:
        _turn_on()


def _turn_on() -> None:
    import matplotlib

    families = font_families()
    current = matplotlib.rcParams["font.family"]
    if len(families) > 1 and families[-1] not in current:
        matplotlib.rcParams["font.family"] = [*current, families[-1]]


def missing_from_sans(texts) -> set[str]:
    """The characters of ``texts`` that matplotlib's sans-serif font (DejaVu Sans) lacks."""
    from matplotlib import font_manager

    font = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    charmap = font_manager.get_font(font).get_charmap()
    chars = set().union(*map(set, texts))
    return {c for c in chars if not c.isspace() and ord(c) not in charmap}


@contextlib.contextmanager
def fallback_only_if_needed(texts):
    """Figures made inside get the CJK fallback only if some character of ``texts`` (every
    string they will show) is missing from the sans-serif font: it would draw nothing else,
    and opening the 20 MB collection costs a report a tenth of a second.

    Outside, and once turned on, as before: the window keeps it on for every later figure.
    """
    global _ON_DEMAND
    if missing_from_sans(texts):
        _turn_on()
    saved, _ON_DEMAND = _ON_DEMAND, True
    try:
        yield
    finally:
        _ON_DEMAND = saved
