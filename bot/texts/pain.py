"""Everything the pain diary says. Sent as HTML: user text is escaped here, in one place.

Constants are English msgids marked with ``N_``; they are translated where they are used
(``_(texts.NOTED)``), in the language of the user being answered (bot/i18n.py). Area
labels stay English in the diary (what an entry stores): ``area_name`` shows them
translated.
"""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from bot.i18n import N_, _, current_language, format_decimal, format_time, ngettext
from domain.models import PainEntry
from domain.pain import PainParse

LEVEL_QUESTION = N_(
    "How is your back right now? Tap a number: <b>0</b> = no pain, <b>10</b> = worst imaginable."
)
TODAY_HEADER = N_("<b>Today so far</b>")
NOTHING_TODAY = N_("Nothing recorded yet today.")
UNCLEAR = N_(
    "🤔 {understood}\n\n"
    "How is your back right now? Tap a number: <b>0</b> = no pain, <b>10</b> = worst imaginable."
)
# Pain in words without a number ("my back is killing me"): a gentle ask, not a puzzle.
NO_NUMBER = N_(
    "😣 I'm sorry your back is giving you a hard time. How much does it hurt right now? "
    "Tap a number: <b>0</b> = no pain, <b>10</b> = worst imaginable."
)
NO_NUMBER_AREA = N_(
    "😣 I'm sorry your {area} is giving you a hard time. How much does it hurt right now? "
    "Tap a number: <b>0</b> = no pain, <b>10</b> = worst imaginable."
)
# A high level given as the answer to that ask: said back, not just filed.
HIGH_ACK_LEVEL = 7
HIGH_ACKNOWLEDGED = N_("{level}/10 is a lot to carry. I'm sorry it is this bad.")
NOTED = N_("✅ Noted: {what}.")
NOTED_WITH_TREND = N_("✅ Noted: {what}. {trend}")
AREA_QUESTION = N_("Where is it? (optional)")
# The body map (a picture with numbered zones; its buttons carry the same numbers).
MAP_QUESTION = N_(
    "📍 <b>Where does it hurt?</b> Tap the number of that area on the map, "
    "or <i>Whole back</i>, or <i>No particular area</i>."
)
# Pain in words without a number nor an area ("my back hurts"): where first, then how much.
NO_NUMBER_MAP = N_(
    "😣 I'm sorry your back is giving you a hard time.\n\n"
    "📍 <b>Where does it hurt?</b> Tap the number of that area on the map, "
    "or <i>Whole back</i>, or <i>No particular area</i>."
)
UNCLEAR_MAP = N_(
    "🤔 {understood}\n\n"
    "📍 <b>Where does it hurt?</b> Tap the number of that area on the map, "
    "or <i>Whole back</i>, or <i>No particular area</i>."
)
ZONE_CHOSEN = N_(
    "📍 <b>{where}</b>\n"
    "How much does it hurt right now? Tap a number: <b>0</b> = no pain, "
    "<b>10</b> = worst imaginable."
)
ZONE_ANSWERED = "📍 <b>{where}</b>: {level}"
WHOLE_BACK_BUTTON = N_("Whole back")
NO_AREA_BUTTON = N_("No particular area")
OTHER_AREA_BUTTON = N_("◀ Another area")
NOTE_QUESTION = N_(
    "✍️ Anything to add? Type a short note (e.g. <i>after sitting all day</i>), or tap Skip."
)
REMOVED = N_("↩️ Removed: {what}.")
UPDATED = N_("✏️ Updated: {what}.")
BACK_TO = N_("↩️ Back to: {what}.")
KEPT_AFTER_EDIT = N_(
    "✏️ That edit doesn't read as a pain level, so your entry stays as it was: {what}. "
    "Tap Undo to remove it."
)
EDIT_UNDO_GONE = N_("That edit can no longer be undone.")
ALREADY_GONE = N_("That entry is already gone.")
UNDO_BUTTON = N_("↩️ Undo")
SKIP_BUTTON = N_("Skip")
MAX_NOTE = 300
MAX_TODAY_SHOWN = 8
ROUNDED = N_("I rounded {number} to {level}.")

# What an unclear message was read as, in the user's language (English keeps the parser's
# own sentence, which quotes the numbers it read).
UNCLEAR_REASONS = {
    "range": N_("I read two levels, so I am not sure which one to record."),
    "other_scale": N_("I read a number on another scale, but I use a scale from 0 to 10."),
    "several": N_("I read several numbers, but I can record only one level at a time."),
    "past": N_("I read a level for yesterday, but the diary records how you are now."),
    "out_of_range": N_("I read a number, but the scale goes from 0 to 10."),
    "contradiction": N_("You wrote no pain, but also a number."),
    "no_number": N_("I understood you are telling me about your back, but I found no number "
                    "from 0 to 10."),
}  # fmt: skip

# The diary's areas as people read them; the entries keep the English labels of
# domain.pain.AREAS (data stays the same whatever the language).
AREA_NAMES = {
    # Translators: the name of a body area, shown after a level ("lower back 4/10") and on
    # buttons; lower case unless your language capitalises nouns.
    "lower back": N_("lower back"),
    "upper back": N_("upper back"),
    "neck & shoulders": N_("neck & shoulders"),
    "whole back": N_("whole back"),
    "hip & buttock": N_("hip & buttock"),
    "leg": N_("leg"),
    "between the shoulder blades": N_("between the shoulder blades"),
    "mid back": N_("mid back"),
    "buttock": N_("buttock"),
    "hip": N_("hip"),
}
# The body map's zone buttons (domain/body_map.py ZONES' ``short``).
ZONE_BUTTONS = {
    "Neck & shoulders": N_("Neck & shoulders"),
    "Upper back": N_("Upper back"),
    "Between shoulder blades": N_("Between shoulder blades"),
    "Mid back": N_("Mid back"),
    "Lower back": N_("Lower back"),
    "Buttocks": N_("Buttocks"),
    "Hips": N_("Hips"),
    "Legs": N_("Legs"),
}
# The severe-pain advice is built from the warning-sign table: bot/texts/safety.py.


def area_name(label: str) -> str:
    """A stored area label in the user's language ("lower back" → "unterer Rücken")."""
    return _(AREA_NAMES[label]) if label in AREA_NAMES else label


def zone_button(short: str) -> str:
    return _(ZONE_BUTTONS[short]) if short in ZONE_BUTTONS else short


def format_level(level: int) -> str:
    """A level the way people say it: "6/10"."""
    return f"{level}/10"


def describe(entry: PainEntry) -> str:
    """Like "lower back 4/10 — ‘stiff after work’", escaped for HTML."""
    what = format_level(entry.level)
    if entry.area:
        what = f"{html.escape(area_name(entry.area))} {what}"
    if entry.note:
        what += f" — ‘{html.escape(entry.note)}’"
    return what


def trend(level: int, yesterday: int | None) -> str:
    """How today's report compares with yesterday's last one ("" when there was none)."""
    if yesterday is None:
        return ""
    if level < yesterday:
        n = yesterday - level
        return ngettext("📉 down {n} from yesterday", "📉 down {n} from yesterday", n).format(n=n)
    if level > yesterday:
        n = level - yesterday
        return ngettext("📈 up {n} from yesterday", "📈 up {n} from yesterday", n).format(n=n)
    return _("➡️ same as yesterday")


def rounding_notice(parse: PainParse) -> str | None:
    """A sentence telling the user we rounded, so the diary never silently changes a value."""
    if parse.kind != "report" or parse.rounded_from is None:
        return None
    return _(ROUNDED).format(number=format_decimal(parse.rounded_from, 6), level=parse.level)


def understood(parse: PainParse) -> str:
    """What an unclear message was read as (plain text, escaped by the caller)."""
    if current_language() == "en" or parse.reason not in UNCLEAR_REASONS:
        return parse.understood
    return _(UNCLEAR_REASONS[parse.reason])


def unclear_question(parse: PainParse) -> str:
    """The question after a message that meant pain but gave no clear level."""
    if parse.reason == "no_number":
        if parse.area:
            return _(NO_NUMBER_AREA).format(area=html.escape(area_name(parse.area)))
        return _(NO_NUMBER)
    return _(UNCLEAR).format(understood=html.escape(understood(parse)))


def unclear_map_question(parse: PainParse) -> str:
    """The question (with the body map) after a message that meant pain but named no area
    and gave no clear level: where first, then the level."""
    if parse.reason == "no_number":
        return _(NO_NUMBER_MAP)
    return _(UNCLEAR_MAP).format(understood=html.escape(understood(parse)))


def _where(number: int | None, area: str | None) -> str:
    if area is None:
        return _(NO_AREA_BUTTON)
    if number is None:
        return html.escape(area_name(area))
    return f"{number} · {html.escape(area_name(area))}"


def zone_chosen(number: int | None, area: str | None) -> str:
    """The level question once a zone is picked: "3 · between the shoulder blades"."""
    return _(ZONE_CHOSEN).format(where=_where(number, area))


def zone_answered(number: int | None, area: str | None, level: int) -> str:
    """The map's caption once answered, so the chat reads what was picked there."""
    return ZONE_ANSWERED.format(where=_where(number, area), level=format_level(level))


def acknowledgement(level: int) -> str | None:
    """A word for a high level given after pain was described in words; None otherwise."""
    return _(HIGH_ACKNOWLEDGED).format(level=level) if level >= HIGH_ACK_LEVEL else None


def confirmation(entry: PainEntry, yesterday: int | None = None, notice: str | None = None) -> str:
    """The words that confirm a recorded entry, with the trend and any rounding notice."""
    if change := trend(entry.level, yesterday):
        lines = [_(NOTED_WITH_TREND).format(what=describe(entry), trend=change)]
    else:
        lines = [_(NOTED).format(what=describe(entry))]
    if notice:
        lines.append(html.escape(notice, quote=False))
    return "\n".join(lines)


def update_confirmation(entry: PainEntry, notice: str | None = None) -> str:
    """The words that confirm an entry updated by an edit of its message."""
    lines = [_(UPDATED).format(what=describe(entry))]
    if notice:
        lines.append(html.escape(notice, quote=False))
    return "\n".join(lines)


def today_list(entries: list[PainEntry], zone: str) -> str:
    """Today's entries, one line each with the local time, or "nothing yet"."""
    if not entries:
        return _(NOTHING_TODAY)
    lines = [_(TODAY_HEADER)]
    if len(entries) > MAX_TODAY_SHOWN:  # keeps the message under Telegram's 4096 characters
        count = len(entries) - MAX_TODAY_SHOWN
        earlier = ngettext(
            "… {count} earlier today (see /export)", "… {count} earlier today (see /export)", count
        )
        lines.append(earlier.format(count=count))
    for entry in entries[-MAX_TODAY_SHOWN:]:
        at = format_time(entry.recorded_at.astimezone(ZoneInfo(zone)))
        lines.append(f"• {at} {describe(entry)}")
    return "\n".join(lines)
