"""The short guide to the method shown from the Help menu, for trainees."""

GUIDE = """
<h2>How BeliefWatch reasons</h2>
<p><b>Hypotheses</b> are competing answers to one question. They must exclude each other and,
with a catch-all ("other"), cover every possibility. Each has a <b>prior</b>: how probable you
judged it before the evidence in this case.</p>
<p>A <b>likelihood</b> is P(item | hypothesis): <i>if this hypothesis were true, how probable
is it that we would have seen this item?</i> It is not the probability of the hypothesis. A
row need not sum to 1; only the ratios within a row matter. An item that is equally probable
under every hypothesis tells you nothing, however striking it is.</p>
<p>Type a likelihood as a number (<code>0.7</code>), a range (<code>0.6-0.9</code>), an
ICD&nbsp;203 word (<code>likely</code> = 55-80%) or an ACH rating (<code>CC C N I II</code>);
<code>NA</code> or blank leaves a cell unrated (it then carries no information).</p>
<p><b>Colours</b> in the matrix show the weight of evidence of each cell, in decibans (dB)
against the item's average: blue favours the hypothesis, red counts against it; 10 dB is a
likelihood ratio of 10. Hatched cells are unrated.</p>
<p><b>Reliability</b> (Admiralty A-F) discounts a report: with probability r it reflects the
world, otherwise it would have appeared anyway. Reports that echo one fact belong in a
<b>dependence group</b>, so they are not counted twice.</p>
<p>The <b>credence</b> is the probability of each hypothesis given all the evidence. The
<b>interval</b> (90%) shows how far it could move given how imprecise your inputs are: a wide
interval means the conclusion rests on judgements you could not pin down, not that the
arithmetic is uncertain.</p>
<p><b>Full update</b> samples that uncertainty exactly (with PyMC where needed) and shows
ArviZ plots and diagnostics. The <b>timeline</b> shows how the credences moved as each item
arrived, in date order.</p>
"""
