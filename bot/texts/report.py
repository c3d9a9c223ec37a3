"""What /report says in the chat (HTML) and the words of the PDF for a clinician (plain).

The PDF is read by someone who never saw the bot: full sentences, dates with the year, no
emoji. Warning-sign wording is not here: it comes from content/safety/warning-signs.yaml.
Findings about factors say what went together, never what caused what.
"""

from __future__ import annotations

from datetime import date

from domain.associations import Association

# ------------------------------------------------------------------------ the chat

ASK_PERIOD = (
    "🩺 <b>A report for your doctor</b>\n"
    "A PDF of one or two pages: your pain by day and area, routines, treatments, warning "
    "signs you told me about and your latest notes. It names you as <b>{name}</b> "
    "(to add a surname or date of birth: <code>/report name Anna Smith, born 1970</code>).\n\n"
    "Which period should it cover?"
)
NAME_SET = "✅ The report names you as <b>{name}</b>."
NAME_RESET = "✅ The report names you by your first name again: <b>{name}</b>."
NAME_TOO_LONG = "🤔 That's a long name for a report: please keep it under {limit} characters."
REPORT_USAGE = (
    "🤔 I didn't get that. Send /report and tap a period, or change how the report names "
    "you: <code>/report name Anna Smith, born 1970</code> (<code>/report name</code> alone "
    "goes back to your first name)."
)
PERIOD_BUTTONS = {"4w": "4 weeks", "3m": "3 months", "all": "From the first entry"}
MAKING = "⏳ Making your report…"
NO_DATA = (
    "📄 There is nothing in your diary for {period} yet, so there is no report to make.\n\n"
    "Send a number like '<b>pain 4</b>' whenever you like; after a few days the report "
    "has something to show."
)
NO_DATA_LONGER = " Or pick a longer period:"  # only under the buttons that offer one
NO_DATA_PERIOD = {"4w": "the last 4 weeks", "3m": "the last 3 months", "all": "any day"}
PREVIEW_CAPTION = (
    "📄 <b>Your report for {span}</b>\nThe first page is above; the PDF below is the one to "
    "show or send to your doctor."
)
FAILED = "😕 Sorry, I couldn't make the report just now. Please try again in a minute."
DOCUMENT_NAME = "back-pain-report-{start}-to-{end}.pdf"

# --------------------------------------------------------------------- the PDF (plain)

TITLE = "Back pain diary: summary for a clinician"
DISCLAIMER = "Self-reported by the patient with the Backcare bot. Not a diagnosis."
PAGE = "Page {page} of {pages}"
FOR = "Patient: {name}"
NAME_UNKNOWN = "(name not given)"
PERIOD = "Period: {start} to {end} ({days} days)"
MADE_ON = "Made on {day}"
SCALE = "Pain is rated 0 (none) to 10 (worst imaginable)."

SUMMARY_HEADING = "Pain in this period"
DAYS_REPORTED = "Days with a pain report"
AVERAGE = "Average pain (mean of daily averages)"
RANGE = "Lowest and highest single report"
CHANGE = "Change from the {days} days before"
CHANGE_NOT_ENOUGH = "not enough reports to compare ({now} and {before} days; needs {needed} each)"
CHANGE_SAME = "about the same ({now} and {before} days with a report)"
CHANGE_VALUE = "{value} points ({now} and {before} days with a report)"
BEST_DAYS = "Best days (lowest average)"
WORST_DAYS = "Worst days (highest report)"
NO_PAIN = "No pain reports in this period."

CHART_TITLE = "Pain by day"
CHART_AVERAGE = "daily average"
CHART_WORST = "worst report of the day"
CHART_ROUTINE = "routine done"
CHART_ROWS = "areas named (squares), treatments and factors (crosses)"
CHART_Y = "pain (0-10)"

AREAS_HEADING = "Areas named"
AREAS_LINE = "{area}: {count} of {reports} reports"
NO_AREAS = "No area was named."

SIGNS_HEADING = "Warning signs the patient reported"
NO_SIGNS = "None reported in this period."
SIGNS_EARLIER = "({count} earlier days with warning signs in this period; the latest below)"
SIGNS_NOTE = "As the patient told the bot; the most urgent level of each day."

ROUTINES_HEADING = "Self-care routines done"
ROUTINE_LINE = "{title}: done {done}x"
ROUTINE_CHANGE = "; pain after minus before {change} on average ({rated} rated)"
NO_ROUTINES = "No routine was done in this period."
ROUTINE_DAYS = (
    "Days with a routine averaged {with_} and days without {without} "
    "({days_with} and {days_without} days)."
)

FACTORS_HEADING = "Treatments and factors recorded"
FACTOR_LINE = "{label}: {entries}x on {days}"  # days: "1 day", "3 days"
FACTOR_AMOUNTS = " (as written: {amounts})"
NO_FACTORS = "None recorded in this period."
FINDINGS_HEADING = "What went with better or worse days"
FINDINGS_NOTE = "Associations in the patient's own records, not causes."
NO_FINDINGS = "Nothing stands out yet (each finding needs at least {days} days with and without)."

NOTES_HEADING = "The patient's latest notes"
NOTES_MORE = "Most recent first, long notes shortened."

# -------------------------------------------------------- the words of a finding

MINUS = "\u2212"


def long_day(day: date) -> str:
    """E.g. "3 Dec 2026": unambiguous wherever the reader is."""
    return f"{day.day} {day:%b %Y}"


def short_day(day: date) -> str:
    return f"{day.day} {day:%b}"


def signed(value: float) -> str:
    rounded = round(value, 1)
    if rounded == 0:
        return "0.0"
    return f"{MINUS if rounded < 0 else '+'}{abs(rounded):.1f}"


def days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def finding(found: Association, label: str) -> str:
    """E.g. "Days after 'slept badly': pain 1.5 points higher on average (9 days with,
    21 without; fairly consistent)". Plain text: escape it for HTML."""
    when = f"Days with {label}" if found.lag == 0 else f"Days after {label}"
    size = abs(round(found.difference, 1))
    if size == 0:
        direction = "about the same pain"
    else:
        word = "lower" if found.difference < 0 else "higher"
        direction = f"pain {size:.1f} points {word} on average"
    basis = f"{days(found.days_with)} with, {found.days_without} without"
    return f"{when}: {direction} ({basis}; {found.confidence})"


GOES_WITH_HEADING = "What goes with better or worse days (not causes):"
