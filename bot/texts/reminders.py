"""Every sentence of the reminders feature (sent as HTML; escape user input).

English source strings, translated where they are used (``bot.i18n``); a reminder in words
(``describe_reminder``) and "when next" (``format_next``) follow the rules of
``domain.reminders`` and ``domain.schedule`` with the user's language's day and month names.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import get_month_names

from bot.i18n import N_, _, current_language, day_name, format_time, ngettext
from domain import reminders as rules
from domain.models import Reminder
from domain.schedule import EVERY_DAY, WEEKDAYS, WEEKENDS

ASK_KIND = N_("⏰ <b>What should I remind you of?</b>")
KIND_ROUTINE_BUTTON = N_("🧘 Routine")
KIND_CHECKIN_BUTTON = N_("📝 Check-in")

ASK_DAYS = N_("📅 <b>On which days?</b>")
ASK_PICK_DAYS = N_("📅 <b>Tap the days you want</b>, then Done.")
EVERY_DAY_BUTTON = N_("Every day")
WEEKDAYS_BUTTON = N_("Weekdays")
WEEKENDS_BUTTON = N_("Weekends")
PICK_DAYS_BUTTON = N_("Pick days…")
DONE_BUTTON = N_("✅ Done")
PICK_AT_LEAST_ONE = N_("Pick at least one day.")

# Translators: keep the example times as they are (07:30, 7pm): typed times are read
# as digits or in English ("7pm"); a translated "19 Uhr" would not be understood.
ASK_TIME = N_(
    "🕰 <b>At what time?</b> Tap one, or type it (<i>07:30</i>, <i>7pm</i>). "
    "Times are in your zone, {zone}."
)
# Translators: keep the example times as they are (see "At what time?").
ASK_NEW_TIME = N_(
    "🕰 <b>New time for:</b> {description}\nTap one, or type it (<i>07:30</i>, <i>7pm</i>)."
)

CREATED = N_("✅ Reminder set: {description}\n\nSee and change them all with /reminders.")
TIME_CHANGED = N_("✅ Changed: {description}")
CHANGED = N_("✅ Changed: {description}")
CREATED_MANY = N_("✅ Reminders set:\n• {description}\n\nSee and change them all with /reminders.")
ALREADY_EXISTS = N_(
    "👍 You already have this reminder: {description}\nSee and change it in /reminders."
)
LIMIT_REACHED_SHORT = N_("You have the most reminders I keep. Delete one first.")
ASK_NEW_DAYS = N_("📅 <b>New days for:</b> {description}\nTap the days, then Done.")
DAYS_BUTTON = N_("{n}. 📅 Days")
ROUTINE_BUTTON = N_("{n}. 🧘 Which routine")
ROUTINE_OF_THE_DAY = N_("the routine of the day")
ROUTINE_OF_THE_DAY_BUTTON = N_("🎲 Routine of the day")
ASK_ROUTINE = N_("🧘 <b>Which routine should this reminder open?</b> Now: {current}.")
ROUTINE_SET = N_("✅ This reminder now opens {routine}.")
RESTORED = N_("Restored.")
UNDO_DELETE_BUTTON = N_("↩️ Undo delete")
# A typed time or one-line reminder not understood, for a user who does not speak English
# (the reader of typed reminders knows English words only; times like 07:30 work anywhere).
# Translators: {example} is an English command or a time; keep "in English words".
TIME_NOT_UNDERSTOOD = N_(
    "🤔 I can't read that as a time of day. Tap a time, or type it like <code>{example}</code>."
)
REQUEST_NOT_UNDERSTOOD = N_(
    "🤔 I didn't understand that reminder. Send /remind alone and tap the buttons, or type "
    "it in English words, for example: <code>{example}</code>"
)
PARSE_ERROR = N_("🤔 {message}\nFor example: <code>{example}</code>")
LIMIT_REACHED = N_(
    "You already have {limit} reminders, the most I keep. Delete one in /reminders to add another."
)

LIST_HEADER = N_("⏰ <b>Your reminders</b>\n")
# Translators: keep the /remind examples in English: one-line reminders are read in
# English words only (the buttons of /remind work in every language).
LIST_EMPTY = N_(
    "You have no reminders yet. Set one with /remind, or in one line: "
    "<code>/remind every day at 8am</code>, <code>/remind checkin weekdays 9pm</code>, "
    "<code>/remind tomorrow 9:00</code>, <code>/remind in 2 hours</code>."
)
PAUSE_BUTTON = N_("{n}. ⏸ Pause")
RESUME_BUTTON = N_("{n}. ▶️ Resume")
CHANGE_BUTTON = N_("{n}. 🕰 Time")
DELETE_BUTTON = N_("{n}. 🗑 Delete")
RESUME_ALL_BUTTON = N_("▶️ Resume all")

STOPPED = N_(
    "⏸ Paused all your reminders ({count}). Resume them from /reminders "
    "(<b>Resume all</b>) or with /start."
)
STOPPED_NONE = N_("You have no active reminders to pause. Set one with /remind.")
RESUMED_ON_START = N_("▶️ Your reminders are on again.")

# Translators: {minutes} is the routine's length, already in words ("12 min").
ROUTINE_REMINDER = N_("⏰ <b>Time for your back</b>\n\n<b>{title}</b> · {minutes}\n{summary}")
ROUTINE_REMINDER_FALLBACK = N_("⏰ <b>Time for your back</b>: a few minutes of self-care.")
CHECKIN_REMINDER = N_("📝 <b>Check-in</b>\nHow is your back today? 0 = no pain, 10 = worst")
LATE_NOTE = N_("\n\n<i>(A little late: I was offline at {time}.)</i>")
NUDGE = N_("\n\nI haven't heard from you for a few reminders — would another time suit you better?")
START_NOW_BUTTON = N_("▶️ Start the routine now")
CHOOSE_ROUTINE_BUTTON = N_("🧘 Choose a routine")
ROUTINE_UNSUITABLE_LINE = N_(
    "\n\n🛡 Not <b>{title}</b> today: after your safety answers it is not one for you."
)
SNOOZE_15_BUTTON = N_("😴 Snooze 15 min")
SNOOZE_60_BUTTON = N_("😴 Snooze 1 h")
SKIP_TODAY_BUTTON = N_("⏭ Skip today")
NUDGE_CHANGE_BUTTON = N_("🕰 Change time")
NUDGE_PAUSE_BUTTON = N_("⏸ Pause this reminder")

SNOOZED = N_("😴 OK, I'll remind you again at {time}.")
SKIPPED = N_("⏭ Skipped for today. Next: {next}.")
PAUSED_ONE = N_("⏸ Paused. Resume it from /reminders.")

KIND_LABELS = {"routine": N_("Routine"), "checkin": N_("Check-in")}
# The days of a reminder in its one-line description.
EVERY_DAY_WORDS = N_("every day")
WEEKDAYS_WORDS = N_("weekdays")
WEEKENDS_WORDS = N_("weekends")
# One line per reminder, in /reminders and the confirmations. {days}: "every day" or
# "Mon Wed Fri"; {time}: "21:00"; {zone}: an IANA zone name; {next}: "today 21:00".
REMINDER_LINE = N_("{kind} · {days} · {time} {zone} · next: {next}")
REMINDER_LINE_PAUSED = N_("{kind} · {days} · {time} {zone} · paused")
REMINDER_LINE_ONCE = N_("{kind} · once · {next} {zone}")
NEXT_TODAY = N_("today {time}")
NEXT_TOMORROW = N_("tomorrow {time}")
# {weekday}: abbreviated ("Wed"); within the coming week.
NEXT_THIS_WEEK = N_("{weekday} {time}")
# {weekday} and {month} abbreviated, {day} the day of the month: "Wed 3 Dec 07:30".
NEXT_LATER = N_("{weekday} {day} {month} {time}")


def some_existed(count: int) -> str:
    """Under "Reminders set": how many of the asked-for times the user had already."""
    return ngettext(
        "\n({count} of them you had already.)", "\n({count} of them you had already.)", count
    ).format(count=count)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def describe_days(days) -> str:
    """ "every day", "weekdays", "weekends", or the days abbreviated: "Mon Wed Fri"."""
    unique = tuple(sorted(set(days)))
    words = {EVERY_DAY: EVERY_DAY_WORDS, WEEKDAYS: WEEKDAYS_WORDS, WEEKENDS: WEEKENDS_WORDS}
    if unique in words:
        return _(words[unique])
    return " ".join(day_name(d, "abbreviated") for d in unique)


def format_next(instant: datetime, zone: str, now: datetime) -> str:
    """When a reminder comes next, as ``domain.schedule.format_next`` says it, translated."""
    tz = ZoneInfo(zone)
    local = instant.astimezone(tz)
    days_ahead = (local.date() - now.astimezone(tz).date()).days
    clock = format_time(local)
    if days_ahead == 0:
        return _(NEXT_TODAY).format(time=clock)
    if days_ahead == 1:
        return _(NEXT_TOMORROW).format(time=clock)
    weekday = day_name(local.weekday(), "abbreviated")
    if 1 < days_ahead < 7:
        return _(NEXT_THIS_WEEK).format(weekday=weekday, time=clock)
    return _(NEXT_LATER).format(
        weekday=weekday, day=local.day, month=month_abbreviation(local.month), time=clock
    )


def month_abbreviation(month: int) -> str:
    """1..12 → "Dec" / "Dez." / "дек." (as in a date, the genitive where a language has one)."""
    return get_month_names("abbreviated", context="format", locale=current_language())[month]


def describe_reminder(reminder: Reminder, zone: str, now: datetime) -> str:
    """One line in words: "Check-in · Mon Wed Fri · 21:00 Europe/Berlin · next: Wed 21:00"
    (``domain.reminders.describe_reminder``, in the user's language)."""
    kind = _(KIND_LABELS[reminder.kind]) if reminder.kind in KIND_LABELS else reminder.kind
    if reminder.once_at is not None:
        when = format_next(reminder.once_at, zone, now)
        return _(REMINDER_LINE_ONCE).format(kind=kind, next=when, zone=zone)
    days = _capitalized(describe_days(reminder.days))
    at = format_time(rules.reminder_time(reminder))
    if reminder.paused:
        return _(REMINDER_LINE_PAUSED).format(kind=kind, days=days, time=at, zone=zone)
    when = format_next(rules.next_due(reminder, zone, now), zone, now)
    return _(REMINDER_LINE).format(kind=kind, days=days, time=at, zone=zone, next=when)
