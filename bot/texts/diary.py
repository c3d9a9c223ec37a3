"""What browsing and correcting the diary says (HTML; user text escaped in bot/texts/pain)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from bot.i18n import N_, _, format_time
from bot.texts.formats import weekday_day_month
from bot.texts.pain import describe, format_level
from domain.models import PainEntry

MAX_SHOWN = 12  # entries with an edit button on one day (more: see /export)

EARLIER_BUTTON = N_("◀ Earlier days")
CORRECT_BUTTON = N_("✏️ Correct an entry")
NOTHING_THAT_DAY = N_("Nothing recorded on this day.")
PICK_ENTRY = N_("Tap an entry to change or delete it.")
MORE_THAT_DAY = N_("… and {count} more (see /export)")
# Translators: keep the commands as they are (/pain yesterday, /pain monday, /pain 2026-11-28):
# the bot reads day names in English there.
DAY_NOT_UNDERSTOOD = N_(
    "🤔 I couldn't tell which day “{words}” is. Try <code>/pain yesterday</code>, "
    "<code>/pain monday</code> or a date like <code>/pain 2026-11-28</code>."
)
LOG_WITHOUT_SLASH = N_(
    "📝 To log it, send it as a plain message (<code>{words}</code>, no slash), "
    "or tap a number now: <b>0</b> = no pain, <b>10</b> = worst imaginable."
)
DAY_IN_FUTURE = N_("📅 {day} hasn't happened yet, so there is nothing to show.")
ENTRY_QUESTION = N_("What would you like to change?")
LEVEL_BUTTON = N_("Level")
AREA_BUTTON = N_("Area")
NOTE_BUTTON = N_("Note")
DELETE_BUTTON = N_("🗑 Delete")
BACK_BUTTON = N_("◀ Back to {day}")
CANCEL_BUTTON = N_("Cancel")
NO_AREA_BUTTON = N_("No area")
CLEAR_NOTE_BUTTON = N_("Remove the note")
ASK_LEVEL = N_("Pick the right level, from 0 (no pain) to 10 (worst imaginable):")
ASK_AREA = N_("Where was it?")
ASK_NOTE = N_("✍️ Type the new note for this entry (it replaces the old one).")
CHANGED = N_("✅ Changed.")
RESTORED = N_("↩️ Restored.")
REMOVED = N_("🗑 Removed: {what}.")
UNDO_BUTTON = N_("↩️ Undo")
GONE = N_("That entry is no longer in your diary.")
CANNOT_UNDO = N_("That can no longer be undone.")


def day_name(day: date, today: date) -> str:
    """ "Today", "Yesterday", or like "Thu 26 Nov" (with the year when it is not this one),
    in the user's language."""
    if day == today:
        return _("Today")
    if (today - day).days == 1:
        return _("Yesterday")
    return weekday_day_month(day, year=day.year != today.year)


def day_view(day: date, today: date, entries: list[PainEntry], zone: str) -> str:
    """One day's entries, numbered, with their local times."""
    lines = [f"<b>📔 {day_name(day, today)}</b>"]
    if not entries:
        return "\n".join([*lines, _(NOTHING_THAT_DAY)])
    for number, entry in enumerate(entries[:MAX_SHOWN], start=1):
        lines.append(f"{number}. {local_time(entry, zone)} {describe(entry)}")
    if len(entries) > MAX_SHOWN:
        lines.append(_(MORE_THAT_DAY).format(count=len(entries) - MAX_SHOWN))
    lines += ["", _(PICK_ENTRY)]
    return "\n".join(lines)


def entry_view(
    entry: PainEntry, today: date, zone: str, status: str = "", question: str = ENTRY_QUESTION
) -> str:
    """One entry and a question (what to change), after an optional status line (both
    msgids, translated here)."""
    head = f"<b>{day_name(entry.local_date, today)}, {local_time(entry, zone)}</b>"
    lines = [_(status)] if status else []
    lines += [head, describe(entry), "", _(question)]
    return "\n".join(lines)


def entry_button(number: int, entry: PainEntry, zone: str) -> str:
    return f"{number}. {local_time(entry, zone)} · {format_level(entry.level)}"


def local_time(entry: PainEntry, zone: str) -> str:
    return format_time(entry.recorded_at.astimezone(ZoneInfo(zone)))
