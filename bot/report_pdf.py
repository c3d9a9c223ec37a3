"""The report for a clinician as an A4 PDF (fpdf2) and a PNG preview of it (matplotlib).

Pure rendering, no Telegram: ``render_report`` takes a ``domain.report.ClinicianReport``
(plain, picklable data) and returns (PDF bytes, PNG bytes), so the bot runs it in its
rendering process (``bot.charts.render_off_loop``) and never on the event loop.

Readable in black and white: the chart tells its lines apart by line style and marker, not
colour; routine days are hatched. Text uses DejaVu Sans (shipped with matplotlib), so notes
in any European script come out as written. Every page carries the page number and the
line that the report is self-reported and not a diagnosis.
"""

from __future__ import annotations

import io
import math
from datetime import date
from typing import TYPE_CHECKING

from bot.i18n import _, current_language, ngettext, use_language
from bot.texts import report as t
from bot.texts.formats import one_decimal
from bot.texts.pain import area_name
from domain.associations import MIN_DAYS
from domain.report import ClinicianReport, FactorLine

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MAX_AREA_ROWS = 6  # areas drawn under the chart (the most named)
MAX_SIGN_LINES = 10  # days with warning signs listed (the most recent)
_BLACK = "#000000"
_GREY = "#666666"
_LIGHT = "#d0d0d0"


# ------------------------------------------------------------------------ the chart


def _axis_days(report: ClinicianReport) -> tuple[list[date], list[str]]:
    """About eight evenly spaced days to name on the axis, always the first and last."""
    days = [d.day for d in report.days]
    step = max(1, math.ceil(len(days) / 8))
    ticks = days[::step]
    if ticks[-1] != days[-1]:
        if (days[-1] - ticks[-1]).days <= step * 0.6 and len(ticks) > 1:
            ticks.pop()
        ticks.append(days[-1])
    return ticks, [t.short_day(d) for d in ticks]


def draw_report_chart(report: ClinicianReport, width: float = 7.1, height: float = 3.9) -> Figure:
    """Daily average and worst pain, routine days and the areas named each day."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    _draw_chart_into(figure, report)
    return figure


def _draw_chart_into(figure, report: ClinicianReport) -> None:
    """The chart's axes in ``figure`` (a Figure or a SubFigure of the preview)."""
    rows = [
        (area_name(area), {d.day for d in report.days if area in d.areas}, "s")
        for area, _count in report.areas[:MAX_AREA_ROWS]
    ]
    rows += [(label, set(days), "x") for label, days in report.factor_days]
    if rows:
        grid = figure.add_gridspec(2, 1, height_ratios=(3, len(rows) * 0.35 + 0.3))
        pain = figure.add_subplot(grid[0])
    else:
        pain = figure.add_subplot()
    xs = [d.day.toordinal() for d in report.days]
    for day in sorted(report.routine_days):
        pain.axvspan(
            day.toordinal() - 0.45,
            day.toordinal() + 0.45,
            facecolor="none",
            edgecolor=_LIGHT,
            hatch="///",
            linewidth=0,
            label=_(t.CHART_ROUTINE) if day == min(report.routine_days) else None,
        )
    small = len(xs) > 45
    pain.plot(
        xs,
        [math.nan if d.average is None else d.average for d in report.days],
        color=_BLACK,
        linestyle="-",
        marker="o",
        markersize=3 if small else 5,
        linewidth=1.6,
        label=_(t.CHART_AVERAGE),
    )
    pain.plot(
        xs,
        [math.nan if d.worst is None else d.worst for d in report.days],
        color=_GREY,
        linestyle="none",
        marker="^",
        markersize=3 if small else 5,
        label=_(t.CHART_WORST),
    )
    pain.set_ylim(-0.3, 10.3)
    pain.set_yticks(range(0, 11, 2))
    pain.set_ylabel(_(t.CHART_Y), fontsize=9)
    pain.grid(axis="y", color=_LIGHT, linewidth=0.6)
    pain.spines[["top", "right"]].set_visible(False)
    pain.tick_params(labelsize=8)
    pain.legend(loc="upper left", ncols=3, fontsize=8, frameon=False, bbox_to_anchor=(0, 1.16))
    pain.set_xlim(xs[0] - 0.7, xs[-1] + 0.7)
    bottom = pain
    if rows:
        # Areas (squares) and treatments or factors (crosses), one row each, by day.
        strip = figure.add_subplot(grid[1], sharex=pain)
        pain.tick_params(labelbottom=False)
        for row, (_label, days, marker) in enumerate(rows):
            xs_row = sorted(day.toordinal() for day in days)
            strip.plot(
                xs_row,
                [row] * len(xs_row),
                linestyle="none",
                marker=marker,
                markersize=4,
                color=_BLACK,
            )
        strip.set_yticks(range(len(rows)), [_printable(row[0]) for row in rows], fontsize=8)
        strip.set_ylim(len(rows) - 0.5, -0.5)
        strip.set_title(_(t.CHART_ROWS), fontsize=8, loc="left")
        strip.spines[["top", "right"]].set_visible(False)
        strip.grid(axis="x", color=_LIGHT, linewidth=0.4)
        bottom = strip
    ticks, labels = _axis_days(report)
    bottom.set_xticks([d.toordinal() for d in ticks], labels, fontsize=8)


def _png(figure: Figure, dpi: int) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


# ----------------------------------------------------------------- the words, as lines


def _name(report: ClinicianReport) -> str:
    return _printable(report.name).strip() or _(t.NAME_UNKNOWN)


def period_line(report: ClinicianReport) -> str:
    w = report.window
    return t.period(w.start, w.end, w.days)


def summary_rows(report: ClinicianReport) -> list[tuple[str, str]]:
    """(label, value) rows of the pain summary."""
    pain, days = report.pain, report.window.days
    if pain is None:
        return [(_(t.DAYS_REPORTED), _("{reported} of {days}").format(reported=0, days=days))]
    reported = ngettext(
        "{reported} of {days} ({entries} report)",
        "{reported} of {days} ({entries} reports)",
        pain.entries,
    ).format(reported=pain.days_reported, days=days, entries=pain.entries)
    rows = [
        (_(t.DAYS_REPORTED), reported),
        (_(t.AVERAGE), f"{one_decimal(pain.average)} / 10"),
        (_(t.RANGE), _("{lowest} and {highest}").format(lowest=pain.lowest, highest=pain.highest)),
    ]
    change = report.change
    if change is not None:
        label = t.change_label(report.window.days)
        basis = {"now": change.days_now, "before": change.days_before}
        if change.value is None:
            value = _(t.CHANGE_NOT_ENOUGH).format(needed=change.days_needed, **basis)
        elif round(change.value, 1) == 0:
            value = _(t.CHANGE_SAME).format(**basis)
        else:
            value = _(t.CHANGE_VALUE).format(value=t.signed(change.value), **basis)
        rows.append((label, value))
    rows.append(
        (
            _(t.BEST_DAYS),
            ", ".join(f"{t.long_day(d.day)}: {one_decimal(d.average)}" for d in report.best_days),
        )
    )
    rows.append(
        (_(t.WORST_DAYS), ", ".join(f"{t.long_day(d.day)}: {d.worst}" for d in report.worst_days))
    )
    return rows


def _factor_line(line: FactorLine) -> str:
    given = ", ".join(f"{amount} ×{times}" for amount, times in line.amounts)
    return t.factor_line(line.label, line.entries, line.days, given)


def _latest(lines: list[str]) -> list[str]:
    """The last ``MAX_SIGN_LINES`` of ``lines`` (oldest first), after a line saying how many
    earlier ones are left out: the report stays within two pages."""
    if len(lines) <= MAX_SIGN_LINES:
        return lines
    return [t.signs_earlier(len(lines) - MAX_SIGN_LINES), *lines[-MAX_SIGN_LINES:]]


def section_lines(report: ClinicianReport) -> list[tuple[str, list[str], str | None]]:
    """(heading, lines, small print) of each section after the chart."""
    areas = [
        t.area_line(area_name(area), count, report.area_reports) for area, count in report.areas
    ] or [_(t.NO_AREAS)]
    signs = [
        f"{t.long_day(s.day)} ({s.tier_title})" + (f": {'; '.join(s.signs)}" if s.signs else "")
        for s in report.signs
    ]
    routines = []
    for line in report.routines:
        if line.average_change is None:
            text = _(t.ROUTINE_LINE).format(title=line.title, done=line.done)
        else:
            text = _(t.ROUTINE_LINE_RATED).format(
                title=line.title,
                done=line.done,
                change=t.signed(line.average_change),
                rated=line.rated,
            )
        routines.append(text)
    comparison = report.comparison
    if routines and comparison.with_routine is not None and comparison.without_routine is not None:
        routines.append(
            _(t.ROUTINE_DAYS).format(
                with_=one_decimal(comparison.with_routine),
                without=one_decimal(comparison.without_routine),
                days_with=comparison.days_with,
                days_without=comparison.days_without,
            )
        )
    factors = [_factor_line(f) for f in report.factors]
    findings = [
        t.finding(found, report.factor_labels.get(found.factor, found.factor))
        for found in report.findings
    ]
    notes = [f"{t.long_day(n.day)}: {n.text}" for n in report.notes]
    sections = [
        (_(t.AREAS_HEADING), areas, None),
        (_(t.SIGNS_HEADING), _latest(signs) or [_(t.NO_SIGNS)], _(t.SIGNS_NOTE)),
        (_(t.ROUTINES_HEADING), routines or [_(t.NO_ROUTINES)], None),
        (_(t.FACTORS_HEADING), factors or [_(t.NO_FACTORS)], None),
    ]
    if report.factors:
        sections.append(
            (
                _(t.FINDINGS_HEADING),
                findings or [_(t.NO_FINDINGS).format(days=MIN_DAYS)],
                _(t.FINDINGS_NOTE),
            )
        )
    if notes:  # without notes the section says nothing, yet could fill a page of its own
        sections.append((_(t.NOTES_HEADING), notes, _(t.NOTES_MORE)))
    return sections


# -------------------------------------------------------------------------- the PDF


def _font_files() -> tuple[str, str]:
    """DejaVu Sans, regular and bold, as shipped with matplotlib: Unicode TrueType fonts
    with Latin, accents and Cyrillic, so every language's report prints as written."""
    from matplotlib.font_manager import FontProperties, findfont

    def find(weight: str) -> str:
        font = FontProperties(family="DejaVu Sans", weight=weight)
        return findfont(font, fallback_to_default=False)

    return find("normal"), find("bold")


def _printable(text: str) -> str:
    """Text the font can show: characters beyond the Basic Multilingual Plane (emoji) are
    left out rather than printed as empty boxes."""
    return "".join(ch for ch in text if ord(ch) <= 0xFFFF)


def render_report_pdf(report: ClinicianReport) -> bytes:
    """The report as A4 PDF bytes: one page, two when the period holds a lot."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    regular, bold = _font_files()

    class ReportPDF(FPDF):
        # fpdf2's documented way to put the same line on every page.
        def footer(self) -> None:
            self.set_y(-13)
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, _(t.DISCLAIMER), align="L", new_x=XPos.LMARGIN, new_y=YPos.TOP)
            self.cell(0, 5, _(t.PAGE).format(page=self.page_no(), pages="{nb}"), align="R")

        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("DejaVu", size=8)
                self.cell(0, 5, f"{_(t.TITLE)}. {_name(report)}. {period_line(report)}")
                self.ln(8)

    pdf = ReportPDF(format="A4", unit="mm")
    pdf.set_margins(15, 14, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", regular)
    pdf.add_font("DejaVu", "B", bold)
    pdf.set_title(_(t.TITLE))
    pdf.set_lang(current_language())  # screen readers pick the right voice
    pdf.set_creator("Backcare bot")
    pdf.add_page()
    width = pdf.epw

    def line(text: str, size: float = 10, style: str = "", height: float = 5.2) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(width, height, _printable(text), align="L", new_x=XPos.LMARGIN)

    line(_(t.TITLE), 15, "B", 8)
    line(_(t.FOR).format(name=_name(report)), 11, "B", 6)
    line(period_line(report), 11, "", 6)
    line(_(t.MADE_ON).format(day=t.long_day(report.made_on)), 8, "", 4.5)
    pdf.ln(2)

    line(_(t.SUMMARY_HEADING), 12, "B", 7)
    if report.pain is None:
        line(_(t.NO_PAIN))
    pdf.set_font("DejaVu", "", 9.5)
    with pdf.table(
        col_widths=(70, width - 70), first_row_as_headings=False, line_height=5.4
    ) as table:
        for label, value in summary_rows(report):
            row = table.row()
            row.cell(label)
            row.cell(_printable(value))
    pdf.ln(3)

    chart = _png(draw_report_chart(report), dpi=220)
    pdf.image(io.BytesIO(chart), w=width, alt_text=_(t.CHART_TITLE))
    pdf.ln(2)

    for heading, lines, small in section_lines(report):
        if pdf.will_page_break(7 + 5.2 * min(len(lines), 2)):
            pdf.add_page()
        line(heading, 11.5, "B", 6.5)
        for text in lines:
            line(f"• {text}", 9.5, "", 4.8)
        if small:
            line(small, 7.5, "", 4)
        pdf.ln(1.5)
    return bytes(pdf.output())


# ---------------------------------------------------------------------- the preview


def render_report_preview(report: ClinicianReport) -> bytes:
    """A PNG of the report at a glance: the heading, the pain summary and the chart."""
    import textwrap

    from matplotlib.figure import Figure

    lines: list[tuple[str, str, str]] = [
        (_(t.TITLE), "", "title"),
        (f"{_(t.FOR).format(name=_name(report))}   ·   {period_line(report)}", "", "plain"),
        (_(t.DISCLAIMER), "", "small"),
    ]
    for label, value in summary_rows(report):
        # Both columns wrap: a label in a longer language must not run into its value.
        labels = textwrap.wrap(label, 44) or [""]
        values = textwrap.wrap(_printable(value), 56) or [""]
        for number in range(max(len(labels), len(values))):
            lines.append(
                (
                    labels[number] if number < len(labels) else "",
                    values[number] if number < len(values) else "",
                    "row",
                )
            )
    height = 0.3 * len(lines) + 0.3  # inches of text above the chart
    figure = Figure(figsize=(7.5, height + 5.0), dpi=100, layout="constrained")
    top, bottom = figure.subfigures(2, 1, height_ratios=(height, 5.0))
    sizes = {"title": 13, "plain": 9.5, "small": 8, "row": 9}
    for number, (label, value, kind) in enumerate(lines):
        y = 1 - (0.15 + 0.3 * number) / height
        top.text(
            0.02,
            y,
            label,
            fontsize=sizes[kind],
            va="top",
            fontweight="bold" if kind == "title" else "normal",
            color=_GREY if kind in ("row", "small") else _BLACK,
        )
        if value:
            top.text(0.45, y, value, fontsize=sizes[kind], va="top")
    _draw_chart_into(bottom, report)
    return _png(figure, dpi=150)


def render_report(report: ClinicianReport, language: str = "en") -> tuple[bytes, bytes]:
    """(PDF, PNG preview) in ``language``: one call, for the rendering process (where no
    update set the user's language, so it is passed along)."""
    with use_language(language):
        return render_report_pdf(report), render_report_preview(report)
