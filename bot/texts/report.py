"""What /report says in the chat (HTML) and the words of the PDF for a clinician (plain).

The PDF is read by someone who never saw the bot: full sentences, dates with the year, no
emoji. Warning-sign wording is not here: it comes from content/safety/warning-signs.yaml.
Findings about factors say what went together, never what caused what.
"""

from __future__ import annotations

from datetime import date

from bot.i18n import N_, _, ngettext
from bot.texts.formats import day_and_month, day_month_year, one_decimal
from bot.texts.formats import signed as signed
from domain.associations import Association

# ------------------------------------------------------------------------ the chat

# Translators: keep "/report name" as it is (the command word); the name and year may be
# any typical local name.
ASK_PERIOD = N_(
    "🩺 <b>A report for your doctor</b>\n"
    "A PDF of one or two pages: your pain by day and area, routines, treatments, warning "
    "signs you told me about and your latest notes. It names you as <b>{name}</b> "
    "(to add a surname or date of birth: <code>/report name Anna Smith, born 1970</code>).\n\n"
    "Which period should it cover?"
)
NAME_SET = N_("✅ The report names you as <b>{name}</b>.")
NAME_RESET = N_("✅ The report names you by your first name again: <b>{name}</b>.")
NAME_TOO_LONG = N_("🤔 That's a long name for a report: please keep it under {limit} characters.")
REPORT_USAGE = N_(
    "🤔 I didn't get that. Send /report and tap a period, or change how the report names "
    "you: <code>/report name Anna Smith, born 1970</code> (<code>/report name</code> alone "
    "goes back to your first name)."
)
PERIOD_BUTTONS = {"4w": N_("4 weeks"), "3m": N_("3 months"), "all": N_("From the first entry")}
MAKING = N_("⏳ Making your report…")
NO_DATA = N_(
    "📄 There is nothing in your diary for {period} yet, so there is no report to make.\n\n"
    "Send a number like '<b>pain 4</b>' whenever you like; after a few days the report "
    "has something to show."
)
NO_DATA_LONGER = N_(" Or pick a longer period:")  # only under the buttons that offer one
NO_DATA_PERIOD = {
    "4w": N_("the last 4 weeks"),
    "3m": N_("the last 3 months"),
    "all": N_("any day"),
}
PREVIEW_CAPTION = N_(
    "📄 <b>Your report for {span}</b>\nThe first page is above; the PDF below is the one to "
    "show or send to your doctor."
)
FAILED = N_("😕 Sorry, I couldn't make the report just now. Please try again in a minute.")
# Translators: a file name: no spaces or slashes; keep {start} and {end} (ISO dates).
DOCUMENT_NAME = N_("back-pain-report-{start}-to-{end}.pdf")

# --------------------------------------------------------------------- the PDF (plain)

TITLE = N_("Back pain diary: summary for a clinician")
DISCLAIMER = N_("Self-reported by the patient with the Backcare bot. Not a diagnosis.")
PAGE = N_("Page {page} of {pages}")
FOR = N_("Patient: {name}")
NAME_UNKNOWN = N_("(name not given)")
# One msgid: how a date ends ("3 дек. 2026 г.") decides the punctuation after it.
MADE_ON = N_("Made on {day}. Pain is rated 0 (none) to 10 (worst imaginable).")

SUMMARY_HEADING = N_("Pain in this period")
DAYS_REPORTED = N_("Days with a pain report")
AVERAGE = N_("Average pain (mean of daily averages)")
RANGE = N_("Lowest and highest single report")
CHANGE_NOT_ENOUGH = N_(
    "not enough reports to compare ({now} and {before} days; needs {needed} each)"
)
CHANGE_SAME = N_("about the same ({now} and {before} days with a report)")
CHANGE_VALUE = N_("{value} points ({now} and {before} days with a report)")
BEST_DAYS = N_("Best days (lowest average)")
WORST_DAYS = N_("Worst days (highest report)")
NO_PAIN = N_("No pain reports in this period.")

CHART_TITLE = N_("Pain by day")
CHART_AVERAGE = N_("daily average")
CHART_WORST = N_("worst report of the day")
CHART_ROUTINE = N_("routine done")
CHART_ROWS = N_("areas named (squares), treatments and factors (crosses)")
CHART_Y = N_("pain (0-10)")

AREAS_HEADING = N_("Areas named")
NO_AREAS = N_("No area was named.")

SIGNS_HEADING = N_("Warning signs the patient reported")
NO_SIGNS = N_("None reported in this period.")
SIGNS_NOTE = N_("As the patient told the bot; the most urgent level of each day.")

ROUTINES_HEADING = N_("Self-care routines done")
ROUTINE_LINE = N_("{title}: done {done}x")
ROUTINE_LINE_RATED = N_(
    "{title}: done {done}x; pain after minus before {change} on average ({rated} rated)"
)
NO_ROUTINES = N_("No routine was done in this period.")
ROUTINE_DAYS = N_(
    "Days with a routine averaged {with_} and days without {without} "
    "({days_with} and {days_without} days)."
)

FACTORS_HEADING = N_("Treatments and factors recorded")
NO_FACTORS = N_("None recorded in this period.")
FINDINGS_HEADING = N_("What went with better or worse days")
FINDINGS_NOTE = N_("Associations in the patient's own records, not causes.")
NO_FINDINGS = N_(
    "Nothing stands out yet (each finding needs at least {days} days with and without)."
)

NOTES_HEADING = N_("The patient's latest notes")
NOTES_MORE = N_("Most recent first, long notes shortened.")

# -------------------------------------------------------- the words of a finding

# What a finding's confidence word (domain.associations.Confidence) reads as.
CONFIDENCE = {
    "too few days": N_("too few days"),
    "no clear difference": N_("no clear difference"),
    "a hint": N_("a hint"),
    "fairly consistent": N_("fairly consistent"),
}


def long_day(day: date) -> str:
    """E.g. "3 Dec 2026": unambiguous wherever the reader is (in the user's language)."""
    return day_month_year(day)


def short_day(day: date) -> str:
    return day_and_month(day)


def days(n: int) -> str:
    return ngettext("{count} day", "{count} days", n).format(count=n)


def finding(found: Association, label: str) -> str:
    """E.g. "Days after 'slept badly': pain 1.5 points higher on average (9 days with,
    21 without; fairly consistent)". Plain text: escape it for HTML."""
    size = abs(round(found.difference, 1))
    values = {
        "label": label,
        "size": one_decimal(size),
        "with_days": days(found.days_with),
        "without": found.days_without,
        "confidence": _(CONFIDENCE.get(found.confidence, found.confidence)),
    }
    same, lower = size == 0, found.difference < 0
    if found.lag == 0:
        if same:
            text = _(
                "Days with {label}: about the same pain ({with_days} with, {without} "
                "without; {confidence})"
            )
        elif lower:
            text = _(
                "Days with {label}: pain {size} points lower on average ({with_days} "
                "with, {without} without; {confidence})"
            )
        else:
            text = _(
                "Days with {label}: pain {size} points higher on average ({with_days} "
                "with, {without} without; {confidence})"
            )
    elif same:
        text = _(
            "Days after {label}: about the same pain ({with_days} with, {without} "
            "without; {confidence})"
        )
    elif lower:
        text = _(
            "Days after {label}: pain {size} points lower on average ({with_days} "
            "with, {without} without; {confidence})"
        )
    else:
        text = _(
            "Days after {label}: pain {size} points higher on average ({with_days} "
            "with, {without} without; {confidence})"
        )
    return text.format(**values)


GOES_WITH_HEADING = N_("What goes with better or worse days (not causes):")


def period(start: date, end: date, days: int) -> str:
    """ "Period: 4 Nov 2026 to 3 Dec 2026 (30 days)"."""
    return ngettext(
        "Period: {start} to {end} ({days} day)", "Period: {start} to {end} ({days} days)", days
    ).format(start=long_day(start), end=long_day(end), days=days)


def change_label(days: int) -> str:
    return ngettext(
        "Change from the {days} day before", "Change from the {days} days before", days
    ).format(days=days)


def signs_earlier(count: int) -> str:
    return ngettext(
        "({count} earlier day with warning signs in this period; the latest below)",
        "({count} earlier days with warning signs in this period; the latest below)",
        count,
    ).format(count=count)


def area_line(area: str, count: int, reports: int) -> str:
    return ngettext(
        "{area}: {count} of {reports} report", "{area}: {count} of {reports} reports", reports
    ).format(area=area, count=count, reports=reports)


def factor_line(label: str, entries: int, day_count: int, amounts: str = "") -> str:
    """ "walk (activity): 3x on 2 days", with the amounts as written if any."""
    values = {"label": label, "entries": entries, "days": days(day_count), "amounts": amounts}
    if amounts:
        return _("{label}: {entries}x on {days} (as written: {amounts})").format(**values)
    return _("{label}: {entries}x on {days}").format(**values)
