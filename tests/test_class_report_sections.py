"""The class report's one ordered list of sections (class_report_sections), walked by its PDF
and HTML renderers as the credence report's renderers walk report_sections."""

from pathlib import Path

import pytest

import beliefwatch as bw
from beliefwatch.reports.class_report import (
    class_report_data,
    class_report_sections,
    write_class_report,
)
from tests.test_reports import text_of

FIX = Path(__file__).parent / "fixtures" / "training"


def _entries():
    out = []
    for f in sorted(FIX.glob("*.toml")):
        case = bw.load_case(f)
        out.append((str(f), case, bw.update(case, engine="exact").credences))
    return out


def test_the_list_holds_the_summaries_then_one_section_per_case():
    data = class_report_data(_entries())
    sections = class_report_sections(data)
    assert [s.key for s in sections] == ["scores", "calibration", "murphy", "case", "case"]
    assert [(s.title, s.index) for s in sections[3:]] == [
        (c["question"] or c["file"], i) for i, c in enumerate(data["cases"])
    ]


@pytest.mark.parametrize("suffix", [".pdf", ".html"])
def test_both_formats_show_the_sections_in_the_list_order(tmp_path, suffix):
    entries = _entries()
    titles = [" ".join(s.title.split()) for s in class_report_sections(class_report_data(entries))]
    text = " ".join(text_of(write_class_report(entries, tmp_path / f"c{suffix}")).split())
    at = [text.find(t) for t in titles]
    assert -1 not in at, [t for t, i in zip(titles, at, strict=True) if i < 0]
    assert at == sorted(at) and len(set(at)) == len(at)
