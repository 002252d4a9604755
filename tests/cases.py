"""Build cases in code for tests (the file format has its own tests)."""

from __future__ import annotations

import datetime as dt

from beliefwatch.core.case import Case, Evidence, Group, Hypothesis, Source
from beliefwatch.core.elicitation import parse_likelihood, parse_prior, parse_reliability


def make_case(priors, rows, *, dates=None, reliabilities=None, groups=None, strength=None):
    """priors: list of prior inputs; rows: list of likelihood rows (inputs per hypothesis)."""
    hyps = [
        Hypothesis(id=f"h{k}", name=f"Hypothesis {k}", prior=parse_prior(p))
        for k, p in enumerate(priors)
    ]
    case = Case(question="test", hypotheses=hyps, prior_strength=strength)
    for j, row in enumerate(rows):
        e = Evidence(
            id=f"e{j}",
            text=f"item {j}",
            likelihoods={f"h{k}": parse_likelihood(v) for k, v in enumerate(row) if v is not None},
            date=dates[j] if dates else dt.date(2024, 1, 1) + dt.timedelta(days=j),
        )
        if reliabilities is not None and reliabilities[j] is not None:
            e.reliability = parse_reliability(reliabilities[j])
        if groups is not None and groups[j] is not None:
            e.group = groups[j]
            if case.group(groups[j]) is None:
                case.groups.append(Group(id=groups[j]))
        case.evidence.append(e)
    return case


def with_shared_source(case: Case, source_id: str, reliability, items: list[str]) -> Case:
    case.sources.append(Source(id=source_id, reliability=parse_reliability(reliability)))
    for e in case.evidence:
        if e.id in items:
            e.source = source_id
    return case


# The taxicab problem as a case file, for command-line tests.
TAXI = """\
question = "Which cab?"
[[hypotheses]]
id = "blue"
name = "Blue cab"
prior = 0.15
[[hypotheses]]
id = "green"
name = "Green cab"
prior = 0.85
[[evidence]]
id = "witness"
text = "The witness says blue"
date = 2024-01-02
[evidence.likelihoods]
blue = 0.8
green = 0.2
"""
