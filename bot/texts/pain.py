"""Everything the pain diary says. Sent as HTML: user text is escaped here, in one place."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from domain.models import PainEntry
from domain.pain import format_level

LEVEL_QUESTION = (
    "How is your back right now? Tap a number: <b>0</b> = no pain, <b>10</b> = worst imaginable."
)
TODAY_HEADER = "<b>Today so far</b>"
NOTHING_TODAY = "Nothing recorded yet today."
UNCLEAR = "🤔 {understood}\n\n" + LEVEL_QUESTION
# Pain in words without a number ("my back is killing me"): a gentle ask, not a puzzle.
NO_NUMBER = (
    "😣 I'm sorry {where} is giving you a hard time. How much does it hurt right now? "
    "Tap a number: <b>0</b> = no pain, <b>10</b> = worst imaginable."
)
# A high level given as the answer to that ask: said back, not just filed.
HIGH_ACK_LEVEL = 7
HIGH_ACKNOWLEDGED = "{level}/10 is a lot to carry. I'm sorry it is this bad."
NOTED = "✅ Noted: {what}."
AREA_QUESTION = "Where is it? (optional)"
# The body map (a picture with numbered zones; its buttons carry the same numbers).
MAP_QUESTION = (
    "📍 <b>Where does it hurt?</b> Tap the number of that area on the map, "
    "or <i>Whole back</i>, or <i>No particular area</i>."
)
# Pain in words without a number nor an area ("my back hurts"): where first, then how much.
NO_NUMBER_MAP = "😣 I'm sorry your back is giving you a hard time.\n\n" + MAP_QUESTION
UNCLEAR_MAP = "🤔 {understood}\n\n" + MAP_QUESTION
ZONE_CHOSEN = (
    "📍 <b>{where}</b>\n"
    "How much does it hurt right now? Tap a number: <b>0</b> = no pain, "
    "<b>10</b> = worst imaginable."
)
ZONE_ANSWERED = "📍 <b>{where}</b>: {level}"
WHOLE_BACK_BUTTON = "Whole back"
NO_AREA_BUTTON = "No particular area"
OTHER_AREA_BUTTON = "◀ Another area"
NOTE_QUESTION = (
    "✍️ Anything to add? Type a short note (e.g. <i>after sitting all day</i>), or tap Skip."
)
REMOVED = "↩️ Removed: {what}."
UPDATED = "✏️ Updated: {what}."
BACK_TO = "↩️ Back to: {what}."
KEPT_AFTER_EDIT = (
    "✏️ That edit doesn't read as a pain level, so your entry stays as it was: {what}. "
    "Tap Undo to remove it."
)
EDIT_UNDO_GONE = "That edit can no longer be undone."
ALREADY_GONE = "That entry is already gone."
UNDO_BUTTON = "↩️ Undo"
SKIP_BUTTON = "Skip"
MAX_NOTE = 300
MAX_TODAY_SHOWN = 8
EARLIER_TODAY = "… {count} earlier today (see /export)"

# The severe-pain advice is built from the warning-sign table: bot/texts/safety.py.


def describe(entry: PainEntry) -> str:
    """Like "lower back 4/10 — ‘stiff after work’", escaped for HTML."""
    what = format_level(entry.level)
    if entry.area:
        what = f"{html.escape(entry.area)} {what}"
    if entry.note:
        what += f" — ‘{html.escape(entry.note)}’"
    return what


def trend(level: int, yesterday: int | None) -> str:
    """How today's report compares with yesterday's last one ("" when there was none)."""
    if yesterday is None:
        return ""
    if level < yesterday:
        return f"📉 down {yesterday - level} from yesterday"
    if level > yesterday:
        return f"📈 up {level - yesterday} from yesterday"
    return "➡️ same as yesterday"


def unclear_question(reason: str, understood: str, area: str | None) -> str:
    """The question after a message that meant pain but gave no clear level."""
    if reason == "no_number":
        return NO_NUMBER.format(where=f"your {html.escape(area)}" if area else "your back")
    return UNCLEAR.format(understood=html.escape(understood))


def unclear_map_question(reason: str, understood: str) -> str:
    """The question (with the body map) after a message that meant pain but named no area
    and gave no clear level: where first, then the level."""
    if reason == "no_number":
        return NO_NUMBER_MAP
    return UNCLEAR_MAP.format(understood=html.escape(understood))


def _where(number: int | None, area: str | None) -> str:
    if area is None:
        return NO_AREA_BUTTON
    if number is None:
        return html.escape(area)
    return f"{number} · {html.escape(area)}"


def zone_chosen(number: int | None, area: str | None) -> str:
    """The level question once a zone is picked: "3 · between the shoulder blades"."""
    return ZONE_CHOSEN.format(where=_where(number, area))


def zone_answered(number: int | None, area: str | None, level: int) -> str:
    """The map's caption once answered, so the chat reads what was picked there."""
    return ZONE_ANSWERED.format(where=_where(number, area), level=format_level(level))


def acknowledgement(level: int) -> str | None:
    """A word for a high level given after pain was described in words; None otherwise."""
    return HIGH_ACKNOWLEDGED.format(level=level) if level >= HIGH_ACK_LEVEL else None


def confirmation(entry: PainEntry, yesterday: int | None = None, notice: str | None = None) -> str:
    """The words that confirm a recorded entry, with the trend and any rounding notice."""
    lines = [NOTED.format(what=describe(entry))]
    if change := trend(entry.level, yesterday):
        lines[0] += f" {change}"
    if notice:
        lines.append(html.escape(notice, quote=False))
    return "\n".join(lines)


def update_confirmation(entry: PainEntry, notice: str | None = None) -> str:
    """The words that confirm an entry updated by an edit of its message."""
    lines = [UPDATED.format(what=describe(entry))]
    if notice:
        lines.append(html.escape(notice, quote=False))
    return "\n".join(lines)


def today_list(entries: list[PainEntry], zone: str) -> str:
    """Today's entries, one line each with the local time, or "nothing yet"."""
    if not entries:
        return NOTHING_TODAY
    lines = [TODAY_HEADER]
    if len(entries) > MAX_TODAY_SHOWN:  # keeps the message under Telegram's 4096 characters
        lines.append(EARLIER_TODAY.format(count=len(entries) - MAX_TODAY_SHOWN))
    for entry in entries[-MAX_TODAY_SHOWN:]:
        at = entry.recorded_at.astimezone(ZoneInfo(zone)).strftime("%H:%M")
        lines.append(f"• {at} {describe(entry)}")
    return "\n".join(lines)
