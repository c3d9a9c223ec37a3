"""What browsing and correcting the diary says (HTML; user text escaped in bot/texts/pain)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from bot.texts.pain import describe
from domain.models import PainEntry

MAX_SHOWN = 12  # entries with an edit button on one day (more: see /export)

EARLIER_BUTTON = "◀ Earlier days"
CORRECT_BUTTON = "✏️ Correct an entry"
NOTHING_THAT_DAY = "Nothing recorded on this day."
PICK_ENTRY = "Tap an entry to change or delete it."
MORE_THAT_DAY = "… and {count} more (see /export)"
DAY_NOT_UNDERSTOOD = (
    "🤔 I couldn't tell which day “{words}” is. Try <code>/pain yesterday</code>, "
    "<code>/pain monday</code> or a date like <code>/pain 2026-11-28</code>."
)
LOG_WITHOUT_SLASH = (
    "📝 To log it, send it as a plain message (<code>{words}</code>, no slash), "
    "or tap a number now: <b>0</b> = no pain, <b>10</b> = worst imaginable."
)
DAY_IN_FUTURE = "📅 {day} hasn't happened yet, so there is nothing to show."
ENTRY_QUESTION = "What would you like to change?"
LEVEL_BUTTON = "Level"
AREA_BUTTON = "Area"
NOTE_BUTTON = "Note"
DELETE_BUTTON = "🗑 Delete"
BACK_BUTTON = "◀ Back to {day}"
CANCEL_BUTTON = "Cancel"
NO_AREA_BUTTON = "No area"
CLEAR_NOTE_BUTTON = "Remove the note"
ASK_LEVEL = "Pick the right level, from 0 (no pain) to 10 (worst imaginable):"
ASK_AREA = "Where was it?"
ASK_NOTE = "✍️ Type the new note for this entry (it replaces the old one)."
CHANGED = "✅ Changed."
RESTORED = "↩️ Restored."
REMOVED = "🗑 Removed: {what}."
UNDO_BUTTON = "↩️ Undo"
GONE = "That entry is no longer in your diary."
CANNOT_UNDO = "That can no longer be undone."


def day_name(day: date, today: date) -> str:
    """ "Today", "Yesterday", or like "Thu 26 Nov" (with the year when it is not this one)."""
    if day == today:
        return "Today"
    if (today - day).days == 1:
        return "Yesterday"
    shown = f"{day:%a} {day.day} {day:%b}"
    return shown if day.year == today.year else f"{shown} {day.year}"


def day_view(day: date, today: date, entries: list[PainEntry], zone: str) -> str:
    """One day's entries, numbered, with their local times."""
    lines = [f"<b>📔 {day_name(day, today)}</b>"]
    if not entries:
        return "\n".join([*lines, NOTHING_THAT_DAY])
    for number, entry in enumerate(entries[:MAX_SHOWN], start=1):
        lines.append(f"{number}. {local_time(entry, zone)} {describe(entry)}")
    if len(entries) > MAX_SHOWN:
        lines.append(MORE_THAT_DAY.format(count=len(entries) - MAX_SHOWN))
    lines += ["", PICK_ENTRY]
    return "\n".join(lines)


def entry_view(
    entry: PainEntry, today: date, zone: str, status: str = "", question: str = ENTRY_QUESTION
) -> str:
    """One entry and a question (what to change), after an optional status line."""
    head = f"<b>{day_name(entry.local_date, today)}, {local_time(entry, zone)}</b>"
    lines = [status] if status else []
    lines += [head, describe(entry), "", question]
    return "\n".join(lines)


def entry_button(number: int, entry: PainEntry, zone: str) -> str:
    return f"{number}. {local_time(entry, zone)} · {entry.level}/10"


def local_time(entry: PainEntry, zone: str) -> str:
    return entry.recorded_at.astimezone(ZoneInfo(zone)).strftime("%H:%M")
