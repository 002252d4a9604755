"""A team's files: several analysts' versions of one case (docs/team.md).

Each FILE is one analyst's self-contained case (it may ``include`` shared files, e.g. the
priors); a folder stands for its ``.toml`` files, less those another file in it includes. The
analyst is named by the file's top-level ``analyst = "..."``, else by the file's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from beliefwatch.core.case import Case
from beliefwatch.core.errors import CaseError


@dataclass
class Member:
    name: str
    file: Path
    case: Case


def team_files(paths: list[str | Path]) -> list[Path]:
    """The analysts' files in the order given; a folder's files in name order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.glob("*.toml") if f.is_file() and f.name[0] not in "._")
            if not found:
                raise CaseError("no .toml case files in this folder", file=p)
            out += found
        elif p.exists():
            out.append(p)
        else:
            raise CaseError("file or folder not found", file=p)
    return list(dict.fromkeys(out))


def load_team(paths: list[str | Path]) -> list[Member]:
    """Load every analyst's case; check that all have the same hypothesis ids."""
    from beliefwatch.io.load import load_case

    files = team_files(paths)
    cases = {f: load_case(f) for f in files}
    # A file another analyst's file includes is a shared part (priors, common items), not an
    # analyst of its own.
    shared = {i.resolve() for c in cases.values() for i in c.includes}
    members = [Member(c.analyst or f.stem, f, c) for f, c in cases.items()
               if f.resolve() not in shared]  # fmt: skip
    if len(members) < 1:
        raise CaseError("no analyst's case among " + ", ".join(map(str, paths)))
    _check_same_hypotheses(members)
    _unique_names(members)
    return members


def _check_same_hypotheses(members: list[Member]) -> None:
    first = members[0]
    ids = first.case.hypothesis_ids
    for m in members[1:]:
        mine = m.case.hypothesis_ids
        if set(mine) != set(ids):
            missing = [h for h in ids if h not in mine]
            extra = [h for h in mine if h not in ids]
            parts = ([f"lacks {', '.join(missing)}"] if missing else []) + (
                [f"adds {', '.join(extra)}"] if extra else []
            )
            raise CaseError(
                f"hypothesis ids differ from {first.file.name}'s: " + "; ".join(parts)
                + " (every analyst must answer the same hypotheses)",
                file=m.file,
            )  # fmt: skip


def _unique_names(members: list[Member]) -> None:
    """Two analysts of one name (or two files of one stem) are told apart by their file."""
    seen: dict[str, int] = {}
    for m in members:
        seen[m.name] = seen.get(m.name, 0) + 1
    for m in members:
        if seen[m.name] > 1:
            m.name = f"{m.name} ({m.file.name})"
