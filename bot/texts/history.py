"""What /history, /summary and the weekly summary say (HTML; escape anything from users).

Constants are English msgids (``N_``), translated where they are used; the figures under a
chart are built here with ``_``/``ngettext`` in the user's language (bot/i18n.py).
"""

from __future__ import annotations

import html
from datetime import time

from bot.i18n import N_, _, format_time, ngettext
from bot.i18n import day_name as weekday_name
from bot.texts.formats import and_list, day_and_month, one_decimal, signed
from bot.texts.pain import area_name
from bot.texts.report import finding
from domain.associations import MIN_DAYS, Findings
from domain.stats import PeriodSummary, RoutineInsight, Window
from domain.weekly import WeeklySetting

NO_DATA_YET = N_(
    "📈 Nothing to chart yet.\n\n"
    "Send a number like '<b>pain 4</b>' (0 = no pain, 10 = worst) whenever you like, "
    "or tap a level when I check in. Finished routines show up here too. "
    "After a few days you'll see how your back is doing."
)
HISTORY_TITLE = N_("📈 <b>Your back</b>")  # the figures' heading right under it names the days
MORE_ABOVE = N_("☝️ All of it is under the chart above. Pick another period:")

# One area of the body map (/history 5, /history lower back, or the Area button).
AREA_TITLE = N_("📈 <b>Your back: {area}</b>")
AREA_ALSO_COUNTS = N_("Counting your {wider} entries too.")
AREA_BUTTON = N_("📍 One area…")
AREA_BUTTON_CURRENT = N_("📍 {area}: change…")
ALL_AREAS_BUTTON = N_("All areas")
NO_AREA_DATA = N_(
    "📈 Nothing recorded for the <b>{area}</b> yet.\n\n"
    "Under /pain, tap its number on the map when it hurts. /history shows all areas."
)
# Translators: {typed} is what the user wrote; {areas} the map's areas, already translated.
UNKNOWN_AREA = N_(
    "🤔 I don't know the area <i>{typed}</i>. Name one like this: "
    "<code>/history 5</code> or <code>/history lower back</code>.\n\n"
    "The areas of the map: {areas}."
)

WEEKLY_TITLE = N_("🗓 <b>Your week</b>")
WEEKLY_CHART_TITLE = N_("Pain, last 7 days")

# Translators: keep the typed examples as they are (/summary 14:10, /summary friday 6pm): the
# bot reads day names and "pm" in English there.
SUMMARY_ON = N_(
    "🗓 <b>Weekly summary: on</b>\n"
    "On {when} (your time) I send a chart of your week and a short summary, "
    "if you recorded anything that week.\n\n"
    "Tap a day or a time to change it, or type one: <code>/summary 14:10</code>, "
    "<code>/summary friday 6pm</code>."
)
SUMMARY_OFF = N_(
    "🗓 <b>Weekly summary: off</b>\nTurn it on to get a chart of your week on {when} (your time)."
)
TURN_ON_BUTTON = N_("🔔 Turn on")
TURN_OFF_BUTTON = N_("🔕 Turn off")
CURRENT_MARK = "✓ {label}"
OTHER_TIME_BUTTON = N_("🕰 Other time…")
ASK_SUMMARY_TIME = N_(
    "🕰 <b>At what time?</b> Type it, e.g. <i>14:10</i> or <i>6:30pm</i> (your time)."
)
SUMMARY_PARSE_ERROR = N_("🤔 {message}\nFor example: <code>{example}</code>")
# When the weekly summary comes: Monday=0 … Sunday=6.
WEEKLY_WHEN = (
    N_("Mondays at {time}"),
    N_("Tuesdays at {time}"),
    N_("Wednesdays at {time}"),
    N_("Thursdays at {time}"),
    N_("Fridays at {time}"),
    N_("Saturdays at {time}"),
    N_("Sundays at {time}"),
)


def weekly_when(setting: WeeklySetting) -> str:
    """ "Sundays at 19:00", in the user's language."""
    hour, minute = (int(part) for part in setting.time.split(":"))
    return _(WEEKLY_WHEN[setting.day]).format(time=format_time(time(hour, minute)))


def short_day_name(day: int) -> str:
    """ "Mon" … "Sun" (Monday=0) in the user's language, for the day buttons."""
    return weekday_name(day, "abbreviated")


def chart_title(days: int) -> str:
    return ngettext("Pain, last {days} day", "Pain, last {days} days", days).format(days=days)


def area_chart_title(area: str, days: int) -> str:
    return ngettext("Pain, {area}, last {days} day", "Pain, {area}, last {days} days", days).format(
        area=area_name(area), days=days
    )


def days_button(days: int, *, current: bool) -> str:
    label = ngettext("{days} day", "{days} days", days).format(days=days)
    return f"• {label} •" if current else label


def area_button(area: str | None) -> str:
    if area is None:
        return _(AREA_BUTTON)
    return _(AREA_BUTTON_CURRENT).format(area=area_name(area))


# ------------------------------------------------------------ the figures under a chart

START_HINT = N_("Send a number like 'pain 4' to record how your back feels.")


def area_title(area: str, wider: tuple[str, ...]) -> str:
    """The heading of one area's report, saying which wider entries count for it (HTML)."""
    title = _(AREA_TITLE).format(area=html.escape(area_name(area)))
    if wider:
        names = and_list([html.escape(area_name(w)) for w in wider])
        title += "\n" + _(AREA_ALSO_COUNTS).format(wider=names)
    return title


def no_area_data(area: str) -> str:
    """Nothing yet for this area (HTML: "neck & shoulders" needs its "&" escaped)."""
    return _(NO_AREA_DATA).format(area=html.escape(area_name(area)))


def area_list(zones: list[tuple[int | None, str]]) -> str:
    """ "1 neck & shoulders, 2 upper back, …, whole back" (HTML); None: no number."""
    return ", ".join(
        html.escape(f"{n} {area_name(area)}" if n else area_name(area)) for n, area in zones
    )


def _days(n: int) -> str:
    return ngettext("{count} day", "{count} days", n).format(count=n)


def window_heading(window: Window) -> str:
    """E.g. "Last 30 days (4 Nov – 3 Dec)": the days every figure below rests on."""
    span = f"{day_and_month(window.start)} – {day_and_month(window.end)}"
    if window.days == 1:
        span = day_and_month(window.end)
    return ngettext("Last {count} day ({span})", "Last {count} days ({span})", window.days).format(
        count=window.days, span=span
    )


def _change_line(summary: PeriodSummary) -> str:
    change, n = summary.change, summary.days
    basis = {"now": change.days_now, "before": change.days_before}
    if change.value is None:
        return ngettext(
            "Change from the {count} day before: not enough data yet (needs {needed} days "
            "with a report in each period: {now} now, {before} before)",
            "Change from the {count} days before: not enough data yet (needs {needed} days "
            "with a report in each period: {now} now, {before} before)",
            n,
        ).format(count=n, needed=change.days_needed, **basis)
    if round(change.value, 1) == 0:
        return ngettext(
            "About the same as the {count} day before ({now} and {before} days with a report)",
            "About the same as the {count} days before ({now} and {before} days with a report)",
            n,
        ).format(count=n, **basis)
    return ngettext(
        "Change from the {count} day before: {value} ({now} and {before} days with a report)",
        "Change from the {count} days before: {value} ({now} and {before} days with a report)",
        n,
    ).format(count=n, value=signed(change.value), **basis)


def describe_insight(insight: RoutineInsight) -> str:
    """E.g. "Lower back ball routine: −1.8 on average over 6 sessions" (HTML-escaped)."""
    title, n = html.escape(insight.title), insight.sessions
    if round(insight.average_change, 1) == 0:
        return ngettext(
            "{title}: no change on average over {count} session",
            "{title}: no change on average over {count} sessions",
            n,
        ).format(title=title, count=n)
    return ngettext(
        "{title}: {change} on average over {count} session",
        "{title}: {change} on average over {count} sessions",
        n,
    ).format(title=title, change=signed(insight.average_change), count=n)


def _insight_lines(summary: PeriodSummary) -> list[str]:
    insights = summary.insights
    if insights.rated_sessions == 0:
        return []  # no rated routine in these days: nothing to say about routines
    heading = ngettext(
        "Pain before and after routines, last {count} day:",
        "Pain before and after routines, last {count} days:",
        summary.days,
    ).format(count=summary.days)
    if not insights.enough:
        missing = _(
            "not enough data yet (needs {needed} rated sessions of one routine; {rated} so far)"
        ).format(needed=insights.sessions_needed, rated=insights.rated_sessions)
        return ["", f"{heading} {missing}"]
    return ["", heading, *(f"- {describe_insight(i)}" for i in insights.insights)]


def _comparison_lines(summary: PeriodSummary) -> list[str]:
    comparison = summary.comparison
    if summary.routines_completed == 0 or summary.pain is None:
        return []
    heading = ngettext(
        "Days with a routine and without, last {count} day:",
        "Days with a routine and without, last {count} days:",
        summary.days,
    ).format(count=summary.days)
    if comparison.with_routine is None or comparison.without_routine is None:
        missing = _(
            "not enough data yet (needs {needed} days with a report of each kind: "
            "{with_routine} with a routine, {without_routine} without)"
        ).format(
            needed=comparison.days_needed,
            with_routine=comparison.days_with,
            without_routine=comparison.days_without,
        )
        return ["", f"{heading} {missing}"]
    averaged = _(
        "Pain averaged {with_average} on {with_days} with a routine and {without_average} "
        "on {without_days} without"
    ).format(
        with_average=one_decimal(comparison.with_routine),
        with_days=_days(comparison.days_with),
        without_average=one_decimal(comparison.without_routine),
        without_days=_days(comparison.days_without),
    )
    return ["", heading, averaged]


def summary(summary: PeriodSummary) -> str:
    """The figures under the chart, each over the window its heading names (HTML)."""
    lines = [window_heading(summary.window)]
    pain = summary.pain
    if pain is None:
        no_reports = _("No pain reports in these days yet.")
        lines.append(f"{no_reports} {html.escape(_(START_HINT))}")
    else:
        figures = {
            "average": one_decimal(pain.average),
            "reported": pain.days_reported,
            "days": summary.days,
            "lowest": pain.lowest,
            "highest": pain.highest,
        }
        if pain.lowest == pain.highest:
            line = ngettext(
                "Average pain: {average}/10 from {reported} of {days} day",
                "Average pain: {average}/10 from {reported} of {days} days",
                summary.days,
            )
        else:
            line = ngettext(
                "Average pain: {average}/10 from {reported} of {days} day "
                "(lowest {lowest}, highest {highest})",
                "Average pain: {average}/10 from {reported} of {days} days "
                "(lowest {lowest}, highest {highest})",
                summary.days,
            )
        lines.append(line.format(**figures))
        lines.append(_change_line(summary))
    if summary.routines_completed:
        lines.append(
            ngettext(
                "Routines completed: {done}, on {count} day",
                "Routines completed: {done}, on {count} days",
                summary.routine_days,
            ).format(done=summary.routines_completed, count=summary.routine_days)
        )
    if summary.streak == summary.days and summary.days > 1:
        lines.append(
            ngettext(
                "Streak: a report every day of these {count}",
                "Streak: a report every day of these {count}",
                summary.days,
            ).format(count=summary.days)
        )
    elif summary.streak >= 2:
        lines.append(
            ngettext(
                "Streak: {count} day in a row", "Streak: {count} days in a row", summary.streak
            ).format(count=summary.streak)
        )
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
    heading = ngettext(
        "What goes with better or worse days, last {count} day (not causes):",
        "What goes with better or worse days, last {count} days (not causes):",
        days,
    ).format(count=days)
    if not found.enough:
        missing = _(
            "not enough data yet (needs {needed} days with a pain report with a treatment "
            "or factor, and {needed} without it)"
        ).format(needed=MIN_DAYS)
        return ["", f"{heading} {missing}"]
    if not found.shown:
        # Outside the f-string: pybabel does not extract a _() written inside one.
        nothing = _("nothing stands out yet")
        return ["", f"{heading} {nothing}"]
    lines = [
        f"- {html.escape(finding(a, labels.get(a.factor, a.factor)))}"
        for a in found.shown[:MAX_FINDINGS]
    ]
    return ["", heading, *lines]
