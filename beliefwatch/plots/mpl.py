"""matplotlib's Figure, with the settings every figure of BeliefWatch needs: builders import
Figure from here, so that the settings hold before the first figure draws.

Every text in a figure is the analyst's own words, never mathtext: a name like "Spend $5 on #1
& $6" would otherwise be parsed as a formula and make the figure fail. Set process-wide, as
the CJK fallback is (fonts.py): tick labels are created as late as drawing, and figures come
from ArviZ too, so a per-figure setting would miss some. Not set in ``beliefwatch.plots``
itself: the window imports the colours and name helpers from there at launch, and matplotlib
costs it a quarter of a second.
"""

import matplotlib
from matplotlib.figure import Figure

matplotlib.rcParams["text.parse_math"] = False

__all__ = ["Figure"]
