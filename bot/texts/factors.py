"""Everything the treatments-and-factors log says (HTML: user words escaped here).

The bot notes what the user took or did in their own words; it never names a medicine,
suggests one, or says anything about a dose (tests/test_factors.py reads every text here).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta

from domain.factors import KIND_LABELS, KIND_SIGNS, describe
from domain.models import FactorEntry, FactorKind

NOTED = "{sign} Noted: {what}, {day}."
NOTED_SEVERAL = "📝 Noted, {day}:\n{lines}"
# A message that dates what it names further back than the past week ("last week", "10
# days ago"): nothing is noted on a guessed date.
TOO_FAR_BACK = (
    "🗓 I can note things from the past week, like <i>walked 30 min yesterday</i> or "
    "<i>on monday I sat 9 hours</i>. Anything earlier is better left out of the diary "
    "than put on a guessed day: nothing was noted."
)
REMOVED = "↩️ Removed: {what}."
UPDATED = "✏️ Updated: {what}."
ALREADY_GONE = "That entry is already gone."
UNDO_BUTTON = "↩️ Undo"

_EXAMPLES = (
    "like <i>heat pack 20 min</i>, <i>walked 30 min</i> or <i>slept badly</i>; for a "
    "medicine, its name as on the pack and the amount you took."
)
LOG_QUESTION = (
    "📝 <b>What would you like to note?</b>\n"
    "Tap one of yours, or pick a kind to add your own. You can also just write it to me, "
    + _EXAMPLES
)
LOG_QUESTION_FIRST = (
    "📝 <b>What would you like to note?</b> Pick a kind.\nYou can also just write it to me, "
    + _EXAMPLES
)
# After a kind is picked: its quick choices (if any) and what to type. The medication one
# names no medicine and no amount: the user's own words only.
TYPE_NAME = {
    "medication": (
        "💊 Type the medicine's name as it is on the pack, and the amount you took if you like."
    ),
    "heat_cold": "🌡 Tap one, or type what you used, with minutes if you like.",
    "activity": "🚶 Tap one, or type what you did, with how long or far (<i>walk 30 min</i>).",
    "sleep": "😴 Tap one, or type how you slept (<i>slept 6 hours</i>).",
    "sitting": "🪑 Tap one, or type how long you sat (<i>desk 9 hours</i>).",
    "stress": "😣 Tap one, or type what it was (<i>deadline</i>).",
    "therapy": "🤲 Tap one, or type what you had (<i>osteopath</i>).",
    "other": "📝 Type what it was, with an amount if you like.",
}
LOG_EXPIRED = "That choice has expired: send /log again."
TYPED_PROBLEMS = {
    "no_name": "🤔 I need a name too, like <i>walk 30 min</i>. What was it?",
    "too_long": "🤔 That is a bit long for a name: a few words, please.",
    "too_big": "🤔 That number looks too big to note. Could you type it again?",
}
OTHER_KIND_BUTTON = "⬅️ Other kinds"
# A question about taking a medicine: never advice, only where to get it.
MEDICINE_QUESTION = (
    "💊 I can't advise on medicines or doses: a pharmacist or your doctor can, and the "
    "leaflet in the pack says how to take it. If you took something, write its name and "
    "the amount as on the pack, and I'll note it."
)


def kind_button(kind: FactorKind) -> str:
    return f"{KIND_SIGNS[kind]} {KIND_LABELS[kind].capitalize()}"


def entry_button(entry: FactorEntry) -> str:
    """A recent entry on /log: its sign and the user's own name for it."""
    return f"{KIND_SIGNS[entry.kind]} {entry.name}"


def what(entry: FactorEntry) -> str:
    """ "<b>ibuprofen 400</b> (medication)", with the note if any: "<b>ibuprofen 2</b>
    (medication: <i>with food</i>)", escaped."""
    note = f": <i>{html.escape(entry.note)}</i>" if entry.note else ""
    return f"<b>{html.escape(describe(entry))}</b> ({KIND_LABELS[entry.kind]}{note})"


def day_words(day: date, today: date) -> str:
    """ "today", "yesterday", "on Monday 30 November": the day an entry was noted for."""
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    return f"on {day:%A} {day.day} {day:%B}"


def confirmation(entries: Sequence[FactorEntry], today: date) -> str:
    """Noted, and for which day (the entries of one message share one)."""
    day = day_words(entries[0].local_date, today)
    if len(entries) == 1:
        return NOTED.format(sign=KIND_SIGNS[entries[0].kind], what=what(entries[0]), day=day)
    lines = "\n".join(f"{KIND_SIGNS[e.kind]} {what(e)}" for e in entries)
    return NOTED_SEVERAL.format(lines=lines, day=day)


def updated(entries: Sequence[FactorEntry], today: date) -> str:
    """Updated after an edit; the day said only when it is not today (an edit that dated
    it: "... yesterday")."""
    day = day_words(entries[0].local_date, today)
    shown = ", ".join(what(e) for e in entries) + ("" if day == "today" else f", {day}")
    return UPDATED.format(what=shown)


def removed(entries: Sequence[FactorEntry]) -> str:
    return REMOVED.format(what=", ".join(what(e) for e in entries))
