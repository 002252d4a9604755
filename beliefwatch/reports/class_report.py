"""The instructor's class report: every trainee's estimates against the computed credences.

Trainees appear as "Trainee 1", "Trainee 2"... (numbered in order of first appearance) unless
their names are asked for, so that the report can be shown to the class.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Any

from beliefwatch.inference.scoring import (
    coherent,
    finite,
    forecasts_of,
    mean,
    murphy,
    murphy_words,
    normalise,
    score,
    score_cases,
)
from beliefwatch.reports.section import Section

FORMATS = (".pdf", ".html", ".htm")


def class_report_data(
    entries: list[tuple[str, Any, dict[str, float]]], *, names: bool = False
) -> dict[str, Any]:
    """Plain data of the report from (file, case, computed credences) of resolved cases."""
    scored = score_cases(entries)
    labels: dict[str, str] = {}
    for _, case, _ in entries:
        for e in case.estimates:
            labels.setdefault(e.analyst, e.analyst if names else f"Trainee {len(labels) + 1}")
    per: dict[str, dict[str, list]] = {lab: {"brier": [], "log": [], "coherent": [], "fc": []}
                                       for lab in labels.values()}  # fmt: skip
    cases = []
    for (file, case, cred), row in zip(entries, scored["cases"], strict=True):
        hyps = case.hypothesis_ids
        answer = case.resolution.answer
        comp = score(cred, hyps, answer)
        rows = [{"who": "Computed (Bayes)", "credences": comp.credences, "brier": comp.brier,
                 "log": finite(comp.log), "coherent": True, "sum": 1.0}]  # fmt: skip
        for e, s in zip(case.estimates, row["estimates"], strict=True):
            who = labels[e.analyst]
            rows.append({"who": who, "credences": normalise(e.credences, hyps), "brier": s["brier"],
                         "log": s["log"], "coherent": s["coherent"], "sum": s["sum"]})  # fmt: skip
            per[who]["brier"].append(s["brier"])
            per[who]["log"].append(s["log"] if s["log"] is not None else float("-inf"))
            per[who]["coherent"].append(coherent(e.credences))
            per[who]["fc"] += forecasts_of(normalise(e.credences, hyps), answer)
        cases.append({
            "file": Path(file).name, "question": case.question, "answer": answer,
            "answer_name": case.hypothesis(answer).name,
            "hypotheses": [(h.id, h.name) for h in case.hypotheses], "rows": rows,
        })  # fmt: skip
    trainees = [
        {"who": who, "cases": len(v["brier"]), "brier": mean(v["brier"]), "log": mean(v["log"]),
         "coherent": sum(v["coherent"])}
        for who, v in per.items()
    ]  # fmt: skip
    return {
        "date": dt.date.today().isoformat(),
        "names_shown": names,
        "cases": cases,
        "trainees": trainees,
        "mean": scored["mean"],
        "calibration": scored["calibration"],
        "murphy": _murphy_rows(scored["murphy"], per),
    }


def _murphy_rows(overall: dict, per: dict[str, dict[str, list]]) -> list[dict[str, Any]]:
    """Murphy's decomposition for the computed credences, the class and each trainee, each with
    its sentence."""
    rows = [("Computed (Bayes)", overall["computed"], "the computed credences"),
            ("All trainees", overall["estimates"], "the class's estimates")]  # fmt: skip
    rows += [(who, murphy(v["fc"]), f"{who}'s estimates") for who, v in per.items()]
    return [{"who": who, "terms": m, "words": murphy_words(m, subject)}
            for who, m, subject in rows if m is not None]  # fmt: skip


MURPHY_NOTE = (
    "Murphy's decomposition of the mean Brier score of the single forecasts (one per case and "
    "hypothesis, 0 best, 1 worst): Brier = reliability − resolution + uncertainty. Reliability "
    "is how far each bin's forecasts stand from how often they came true (0 is perfect). "
    "Resolution is how far the bins' frequencies stand from the base rate (higher is better: "
    "the forecasts told true from false). Uncertainty is the base rate's own variance, which no "
    "forecaster controls. When forecasts in one bin differ, the identity is off by a small gap, "
    "which the sentence states."
)


def _murphy_cells(r: dict[str, Any]) -> list[str]:
    t = r["terms"]
    return [r["who"], *(f"{t[k]:.3f}" for k in ("reliability", "resolution", "uncertainty",
                                                 "brier_binary"))]  # fmt: skip


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _num(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _coherence(row: dict[str, Any]) -> str:
    return "yes" if row["coherent"] else f"no (sums to {row['sum']:g})"


def _figure(data: dict[str, Any]):
    from beliefwatch.plots.calibration import calibration_diagram

    return calibration_diagram(
        {"computed": data["calibration"]["computed"], "trainees": data["calibration"]["estimates"]},
        width=6.4,
        height=4.6,
    )


NOTE = (
    "Brier score: sum over hypotheses of (p - t)², t = 1 for the answer and 0 for the "
    "others; 0 best, 2 worst. Log score: "
    "natural log of the probability given to the answer, 0 best, lower worse (– when the answer "
    "was given 0). Trainees' numbers are normalised before scoring; an estimate is coherent when "
    "its numbers sum to 1 within 0.02."
)


def _murphy_html(data: dict[str, Any]) -> str:
    e = escape
    head = "".join(f"<th{' class=n' if i else ''}>{h}</th>" for i, h in enumerate(MURPHY_HEAD))
    rows = "".join(
        "<tr>" + "".join(f"<td{' class=n' if i else ''}>{e(c)}</td>"
                         for i, c in enumerate(_murphy_cells(r))) + "</tr>"
        for r in data["murphy"]
    )  # fmt: skip
    words = "".join(f"<li>{e(r['words'])}</li>" for r in data["murphy"])
    return (f"<div class=scroll><table><tr>{head}</tr>{rows}</table></div><ul>{words}</ul>"
            f"<p class=note>{e(MURPHY_NOTE)}</p>")  # fmt: skip


MURPHY_HEAD = ("Who", "Reliability", "Resolution", "Uncertainty", "Brier (single)")


CLASS_KEYS = ("scores", "calibration", "murphy", "case")
CALIBRATION_TEXT = "One forecast per case and hypothesis; the bars count the forecasts in each bin."


def class_report_sections(data: dict[str, Any]) -> list[Section]:
    """The class report's sections in order, one per case at the end: its PDF and HTML
    renderers each walk this one list, as the credence report's walk report_sections."""
    out = [
        Section("scores", "Scores"),
        Section("calibration", "Calibration"),
        Section("murphy", "Calibration decomposed"),
    ]
    out += [Section("case", c["question"] or c["file"], i) for i, c in enumerate(data["cases"])]
    return out


def render_class_html(data: dict[str, Any]) -> str:
    from beliefwatch.reports.figures import svg
    from beliefwatch.reports.html import page

    e = escape
    m = data["mean"]
    summary = (
        f"<tr><td>Computed (Bayes)</td><td class=n>{len(data['cases'])}</td>"
        f"<td class=n>{_num(m['computed']['brier'])}</td>"
        f"<td class=n>{_num(m['computed']['log'])}</td><td class=n>–</td></tr>"
        + "".join(
            f"<tr><td>{e(t['who'])}</td><td class=n>{t['cases']}</td>"
            f"<td class=n>{_num(t['brier'])}</td><td class=n>{_num(t['log'])}</td>"
            f"<td class=n>{t['coherent']} of {t['cases']}</td></tr>"
            for t in data["trainees"]
        )
    )

    def case(s: Section) -> str:
        c = data["cases"][s.index]
        head = "".join(f"<th class=n title='{e(n)}'>{e(h)}</th>" for h, n in c["hypotheses"])
        body = "".join(
            f"<tr><td>{e(r['who'])}</td>"
            + "".join(
                f"<td class=n>{100 * r['credences'][h]:.1f}%</td>" for h, _ in c["hypotheses"]
            )
            + f"<td class=n>{_num(r['brier'])}</td><td class=n>{_num(r['log'])}</td>"
            f"<td>{_coherence(r)}</td></tr>"
            for r in c["rows"]
        )
        return (
            f"<h2>{e(s.title)}</h2><p class=meta>{e(c['file'])} · answer: "
            f"<b>{e(c['answer_name'])}</b> ({e(c['answer'])})</p><div class=scroll><table>"
            f"<tr><th>Who</th>{head}<th class=n>Brier</th><th class=n>Log</th><th>Coherent</th>"
            f"</tr>{body}</table></div>"
        )

    draw = {
        "scores": lambda s: (
            f"""<h2>{e(s.title)}</h2>
<div class=scroll><table><tr><th>Who</th><th class=n>Cases</th><th class=n>Mean Brier</th>
<th class=n>Mean log</th><th class=n>Coherent</th></tr>{summary}</table></div>
<p class=note>{e(NOTE)}</p>"""
        ),
        "calibration": lambda s: (
            f"""<h2>{e(s.title)}</h2>
<p>{e(CALIBRATION_TEXT)}</p>
{svg(_figure(data))}"""
        ),
        "murphy": lambda s: f"<h2>{e(s.title)}</h2>\n{_murphy_html(data)}",
        "case": case,
    }
    body = "\n".join(draw[s.key](s) for s in class_report_sections(data))
    meta = (f"{_count(len(data['cases']), 'resolved case')} · {len(data['trainees'])} trainees ·\n"
            f"{e(data['date'])}{'' if data['names_shown'] else ' · names hidden'}")  # fmt: skip
    return page("Class report", "Class report", meta, body)


def render_class_pdf(data: dict[str, Any], path: Path) -> None:
    from beliefwatch.reports.pdf import _heading, _headings_style, _new_pdf, _para, _Plots, _title

    pdf = _new_pdf(report="class report")
    plots = _Plots()
    pdf.add_page()
    _title(pdf, "Class report")
    hidden = "" if data["names_shown"] else " · names hidden"
    counts = f"{_count(len(data['cases']), 'resolved case')} · " + _count(
        len(data["trainees"]), "trainee"
    )
    _para(pdf, f"{counts} · {data['date']}{hidden}", 9)

    def scores(s: Section) -> None:
        _heading(pdf, s.title)
        m = data["mean"]
        pdf.set_font("body", size=9)
        with pdf.table(col_widths=(70, 25, 30, 30, 35), text_align=("LEFT", *["RIGHT"] * 4),
                       line_height=5, headings_style=_headings_style()) as table:  # fmt: skip
            table.row(["Who", "Cases", "Mean Brier", "Mean log", "Coherent"])
            table.row(["Computed (Bayes)", str(len(data["cases"])), _num(m["computed"]["brier"]),
                       _num(m["computed"]["log"]), "–"])  # fmt: skip
            for t in data["trainees"]:
                table.row([t["who"], str(t["cases"]), _num(t["brier"]), _num(t["log"]),
                           f"{t['coherent']} of {t['cases']}"])  # fmt: skip
        pdf.ln(2)
        _para(pdf, NOTE, 8)

    def calibration(s: Section) -> None:
        _heading(pdf, s.title)
        _para(pdf, CALIBRATION_TEXT, 9)
        plots.place(pdf, _figure(data), 150)

    def murphy_section(s: Section) -> None:
        _heading(pdf, s.title)
        pdf.set_font("body", size=9)
        with pdf.table(col_widths=(70, 28, 28, 28, 28), text_align=("LEFT", *["RIGHT"] * 4),
                       line_height=5, headings_style=_headings_style()) as table:  # fmt: skip
            table.row(list(MURPHY_HEAD))
            for r in data["murphy"]:
                table.row(_murphy_cells(r))
        pdf.ln(2)
        for r in data["murphy"]:
            _para(pdf, "• " + r["words"], 9)
        _para(pdf, MURPHY_NOTE, 8)
        pdf.add_page()  # the cases start on a page of their own

    def case(s: Section) -> None:
        c = data["cases"][s.index]
        if pdf.get_y() > pdf.h * 0.7:  # keep a case's heading with its table
            pdf.add_page()
        _heading(pdf, s.title)
        _para(pdf, f"{c['file']} · answer: {c['answer_name']} ({c['answer']})", 9)
        ids = [h for h, _ in c["hypotheses"]]
        usable = pdf.w - pdf.l_margin - pdf.r_margin
        hyp_w = min(22, (usable - 40 - 3 * 18) / max(len(ids), 1))
        widths = (usable - hyp_w * len(ids) - 3 * 18, *[hyp_w] * len(ids), 18, 18, 18)
        pdf.set_font("body", size=7.5)
        with pdf.table(col_widths=widths, width=usable, line_height=4,
                       text_align=("LEFT", *["RIGHT"] * (len(ids) + 2), "CENTER"),
                       headings_style=_headings_style(), repeat_headings=1) as table:  # fmt: skip
            table.row(["Who", *ids, "Brier", "Log", "Coherent"])
            for r in c["rows"]:
                table.row([r["who"], *(f"{100 * r['credences'][h]:.1f}%" for h in ids),
                           _num(r["brier"]), _num(r["log"]),
                           _coherence(r)])  # fmt: skip
        pdf.ln(2)
        _para(pdf, "Hypotheses: " + "; ".join(f"{h} = {n}" for h, n in c["hypotheses"]), 8)

    draw = {"scores": scores, "calibration": calibration, "murphy": murphy_section, "case": case}
    for s in class_report_sections(data):
        draw[s.key](s)
    plots.stamp(bytes(pdf.output()), path)


def write_class_report(
    entries: list[tuple[str, Any, dict[str, float]]], path: str | Path, *, names: bool = False
) -> Path:
    """Write the class report as PDF or HTML (by the suffix); returns the path written."""
    from beliefwatch.io.save import atomic_write

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path.name}: class report format must be .pdf or .html")
    data = class_report_data(entries, names=names)
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".pdf":
        from beliefwatch.reports import write_pdf

        write_pdf(lambda tmp: render_class_pdf(data, tmp), path)
    else:
        atomic_write(path, render_class_html(data))
    return path
