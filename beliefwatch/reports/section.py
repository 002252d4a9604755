"""One section of a report, as its renderers walk them: the credence report's list comes from
content.report_sections, the class report's from class_report.class_report_sections."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str  # what the renderers draw: one of content.SECTION_KEYS or class_report.CLASS_KEYS
    title: str
    index: int | None = None  # which one, for a section drawn once per case (the class report)
