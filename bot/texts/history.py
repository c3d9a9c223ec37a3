"""What /history, /summary and the weekly summary say (HTML; escape anything from users)."""

from __future__ import annotations

import html
from datetime import date

from bot.texts.report import finding
from domain.associations import MIN_DAYS, Findings
from domain.stats import PeriodSummary, RoutineInsight, Window

NO_DATA_YET = (
    "📈 Nothing to chart yet.\n\n"
    "Send a number like '<b>pain 4</b>' (0 = no pain, 10 = worst) whenever you like, "
    "or tap a level when I check in. Finished routines show up here too. "
    "After a few days you'll see how your back is doing."
)
HISTORY_TITLE = "📈 <b>Your back</b>"  # the figures' heading right under it names the days
MORE_ABOVE = "☝️ All of it is under the chart above. Pick another period:"
CHART_TITLE = "Pain, last {days} days"
DAYS_BUTTON = "{days} days"
DAYS_BUTTON_CURRENT = "• {days} days •"

# One area of the body map (/history 5, /history lower back, or the Area button).
AREA_TITLE = "📈 <b>Your back: {area}</b>"
AREA_ALSO_COUNTS = "Counting your {wider} entries too."
AREA_CHART_TITLE = "Pain, {area}, last {days} days"
AREA_BUTTON = "📍 One area…"
AREA_BUTTON_CURRENT = "📍 {area}: change…"
ALL_AREAS_BUTTON = "All areas"
NO_AREA_DATA = (
    "📈 Nothing recorded for the <b>{area}</b> yet.\n\n"
    "Under /pain, tap its number on the map when it hurts. /history shows all areas."
)
UNKNOWN_AREA = (
    "🤔 I don't know the area <i>{typed}</i>. Name one like this: "
    "<code>/history 5</code> or <code>/history lower back</code>.\n\n"
    "The areas of the map: {areas}."
)

WEEKLY_TITLE = "🗓 <b>Your week</b>"
WEEKLY_CHART_TITLE = "Pain, last 7 days"

SUMMARY_ON = (
    "🗓 <b>Weekly summary: on</b>\n"
    "On {when} (your time) I send a chart of your week and a short summary, "
    "if you recorded anything that week.\n\n"
    "Tap a day or a time to change it, or type one: <code>/summary 14:10</code>, "
    "<code>/summary friday 6pm</code>."
)
SUMMARY_OFF = (
    "🗓 <b>Weekly summary: off</b>\nTurn it on to get a chart of your week on {when} (your time)."
)
TURN_ON_BUTTON = "🔔 Turn on"
TURN_OFF_BUTTON = "🔕 Turn off"
CURRENT_MARK = "✓ {label}"
OTHER_TIME_BUTTON = "🕰 Other time…"
ASK_SUMMARY_TIME = "🕰 <b>At what time?</b> Type it, e.g. <i>14:10</i> or <i>6:30pm</i> (your time)."
SUMMARY_PARSE_ERROR = "🤔 {message}\nFor example: <code>{example}</code>"


# ------------------------------------------------------------ the figures under a chart

MINUS = "\u2212"
START_HINT = "Send a number like 'pain 4' to record how your back feels."
NOT_ENOUGH = "not enough data yet"


def area_title(area: str, wider: tuple[str, ...]) -> str:
    """The heading of one area's report, saying which wider entries count for it (HTML)."""
    title = AREA_TITLE.format(area=html.escape(area))
    if wider:
        title += "\n" + AREA_ALSO_COUNTS.format(wider=" and ".join(html.escape(w) for w in wider))
    return title


def no_area_data(area: str) -> str:
    """Nothing yet for this area (HTML: "neck & shoulders" needs its "&" escaped)."""
    return NO_AREA_DATA.format(area=html.escape(area))


def area_list(zones: list[tuple[int | None, str]]) -> str:
    """ "1 neck & shoulders, 2 upper back, …, whole back" (HTML); None: no number."""
    return ", ".join(html.escape(f"{n} {area}" if n else area) for n, area in zones)


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _sessions(n: int) -> str:
    return f"{n} session" if n == 1 else f"{n} sessions"


def _day_and_month(day: date) -> str:
    return f"{day.day} {day:%b}"


def signed(value: float) -> str:
    """One decimal with a real minus sign, "+" for increases, as people read changes."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0.0"
    sign = MINUS if rounded < 0 else "+"
    return f"{sign}{abs(rounded):.1f}"


def window_heading(window: Window) -> str:
    """E.g. "Last 30 days (4 Nov – 3 Dec)": the days every figure below rests on."""
    span = f"{_day_and_month(window.start)} – {_day_and_month(window.end)}"
    if window.days == 1:
        span = _day_and_month(window.end)
    return f"Last {_days(window.days)} ({span})"


def _change_line(summary: PeriodSummary) -> str:
    change = summary.change
    before = f"the {_days(summary.days)} before"
    if change.value is None:
        return (
            f"Change from {before}: {NOT_ENOUGH} (needs {change.days_needed} days with a "
            f"report in each period: {change.days_now} now, {change.days_before} before)"
        )
    basis = f"({change.days_now} and {change.days_before} days with a report)"
    if round(change.value, 1) == 0:
        return f"About the same as {before} {basis}"
    return f"Change from {before}: {signed(change.value)} {basis}"


def describe_insight(insight: RoutineInsight) -> str:
    """E.g. "Lower back ball routine: −1.8 on average over 6 sessions" (HTML-escaped)."""
    title = html.escape(insight.title)
    over = f"over {_sessions(insight.sessions)}"
    if round(insight.average_change, 1) == 0:
        return f"{title}: no change on average {over}"
    return f"{title}: {signed(insight.average_change)} on average {over}"


def _insight_lines(summary: PeriodSummary) -> list[str]:
    insights = summary.insights
    if insights.rated_sessions == 0:
        return []  # no rated routine in these days: nothing to say about routines
    heading = f"Pain before and after routines, last {_days(summary.days)}:"
    if not insights.enough:
        return [
            "",
            f"{heading} {NOT_ENOUGH} (needs {insights.sessions_needed} rated sessions of "
            f"one routine; {insights.rated_sessions} so far)",
        ]
    return ["", heading, *(f"- {describe_insight(i)}" for i in insights.insights)]


def _comparison_lines(summary: PeriodSummary) -> list[str]:
    comparison = summary.comparison
    if summary.routines_completed == 0 or summary.pain is None:
        return []
    heading = f"Days with a routine and without, last {_days(summary.days)}:"
    if comparison.with_routine is None or comparison.without_routine is None:
        return [
            "",
            f"{heading} {NOT_ENOUGH} (needs {comparison.days_needed} days with a report of "
            f"each kind: {comparison.days_with} with a routine, {comparison.days_without} "
            "without)",
        ]
    return [
        "",
        heading,
        f"Pain averaged {comparison.with_routine:.1f} on {_days(comparison.days_with)} "
        f"with a routine and {comparison.without_routine:.1f} on "
        f"{_days(comparison.days_without)} without",
    ]


def summary(summary: PeriodSummary) -> str:
    """The figures under the chart, each over the window its heading names (HTML)."""
    lines = [window_heading(summary.window)]
    pain = summary.pain
    if pain is None:
        lines.append(f"No pain reports in these days yet. {html.escape(START_HINT)}")
    else:
        spread = (
            ""
            if pain.lowest == pain.highest
            else (f" (lowest {pain.lowest}, highest {pain.highest})")
        )
        lines.append(
            f"Average pain: {pain.average:.1f}/10 from {pain.days_reported} of "
            f"{summary.days} days{spread}"
        )
        lines.append(_change_line(summary))
    if summary.routines_completed:
        lines.append(
            f"Routines completed: {summary.routines_completed}, on {_days(summary.routine_days)}"
        )
    if summary.streak == summary.days and summary.days > 1:
        lines.append(f"Streak: a report every day of these {summary.days}")
    elif summary.streak >= 2:
        lines.append(f"Streak: {_days(summary.streak)} in a row")
    lines += _insight_lines(summary)
    lines += _comparison_lines(summary)
    return "\n".join(lines)


# ------------------------------------------------- what goes with better or worse days

MAX_FINDINGS = 3  # in a chat message; the PDF report lists more


def goes_with_lines(found: Findings, labels: dict[str, str], days: int) -> list[str]:
    """What goes with better or worse days over the last ``days`` (HTML); nothing for
    someone who records no treatments or factors. Never worded as a cause."""
    if not found.recorded:
        return []
    heading = f"What goes with better or worse days, last {_days(days)} (not causes):"
    if not found.enough:
        return [
            "",
            f"{heading} {NOT_ENOUGH} (needs {MIN_DAYS} days with a pain report with a "
            f"treatment or factor, and {MIN_DAYS} without it)",
        ]
    if not found.shown:
        return ["", f"{heading} nothing stands out yet"]
    lines = [
        f"- {html.escape(finding(a, labels.get(a.factor, a.factor)))}"
        for a in found.shown[:MAX_FINDINGS]
    ]
    return ["", heading, *lines]
