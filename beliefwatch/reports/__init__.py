"""Credence reports in PDF, HTML and Markdown. No Qt: the same code serves CLI and window."""

from __future__ import annotations

import shutil
from pathlib import Path

from beliefwatch.core.case import Case
from beliefwatch.inference.result import Result

FORMATS = (".pdf", ".html", ".htm", ".md")


def write_report(
    case: Case, result: Result, path: str | Path, *, author: str | None = None
) -> Path:
    """Write the report; the format follows the file's suffix. Returns the path written."""
    from beliefwatch.plots.fonts import fallback_only_if_needed
    from beliefwatch.reports.content import build_report, report_strings

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path.name}: report format must be one of {', '.join(FORMATS)}")
    report = build_report(case, result, author)
    path.parent.mkdir(parents=True, exist_ok=True)
    with fallback_only_if_needed(report_strings(report)):
        _write(report, path, suffix)
    return path


def _write(report, path: Path, suffix: str) -> None:
    from beliefwatch.io.save import atomic_write

    if suffix == ".pdf":
        from beliefwatch.reports.pdf import render_pdf

        write_pdf(lambda tmp: render_pdf(report, tmp), path)
    elif suffix == ".md":
        from beliefwatch.reports.markdown import render_markdown

        folder = path.with_name(path.stem + "_files")
        made = not folder.exists()
        try:
            atomic_write(path, render_markdown(report, path))
        except BaseException:
            if made:  # a failed report leaves no half-filled folder of plots behind
                shutil.rmtree(folder, ignore_errors=True)
            raise
    else:
        from beliefwatch.reports.html import render_html

        atomic_write(path, render_html(report))


def write_pdf(render, path: Path) -> None:
    """``render(tmp)`` writes a PDF beside ``path``; it replaces ``path`` only when complete,
    so a failed export never leaves half a file where the last good report was."""
    from beliefwatch.io.safe_write import check_writable, resolved_target

    target = resolved_target(path)  # through a symlink: the link stays, its target is written
    check_writable(target)
    tmp = target.with_name(f".{target.name}.part")
    try:
        render(tmp)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
