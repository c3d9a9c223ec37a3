"""Everything the treatments-and-factors log says (HTML: user words escaped here).

The bot notes what the user took or did in their own words; it never names a medicine,
suggests one, or says anything about a dose (tests/test_factors.py reads every text here).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta

from bot.i18n import N_, _
from bot.texts.formats import long_weekday_day_month
from domain.factors import KIND_SIGNS, describe
from domain.models import FactorEntry, FactorKind

NOTED = N_("{sign} Noted: {what}, {day}.")
NOTED_SEVERAL = N_("📝 Noted, {day}:\n{lines}")
# A message that dates what it names further back than the past week ("last week", "10
# days ago"): nothing is noted on a guessed date.
TOO_FAR_BACK = N_(
    "🗓 I can note things from the past week, like <i>walked 30 min yesterday</i> or "
    "<i>on monday I sat 9 hours</i>. Anything earlier is better left out of the diary "
    "than put on a guessed day: nothing was noted."
)
REMOVED = N_("↩️ Removed: {what}.")
UPDATED = N_("✏️ Updated: {what}.")
ALREADY_GONE = N_("That entry is already gone.")
UNDO_BUTTON = N_("↩️ Undo")

LOG_QUESTION = N_(
    "📝 <b>What would you like to note?</b>\n"
    "Tap one of yours, or pick a kind to add your own. You can also just write it to me, "
    "like <i>heat pack 20 min</i>, <i>walked 30 min</i> or <i>slept badly</i>; for a "
    "medicine, its name as on the pack and the amount you took."
)
LOG_QUESTION_FIRST = N_(
    "📝 <b>What would you like to note?</b> Pick a kind.\nYou can also just write it to me, "
    "like <i>heat pack 20 min</i>, <i>walked 30 min</i> or <i>slept badly</i>; for a "
    "medicine, its name as on the pack and the amount you took."
)
# After a kind is picked: its quick choices (if any) and what to type. The medication one
# names no medicine and no amount: the user's own words only.
TYPE_NAME = {
    "medication": N_(
        "💊 Type the medicine's name as it is on the pack, and the amount you took if you like."
    ),
    "heat_cold": N_("🌡 Tap one, or type what you used, with minutes if you like."),
    "activity": N_("🚶 Tap one, or type what you did, with how long or far (<i>walk 30 min</i>)."),
    "sleep": N_("😴 Tap one, or type how you slept (<i>slept 6 hours</i>)."),
    "sitting": N_("🪑 Tap one, or type how long you sat (<i>desk 9 hours</i>)."),
    "stress": N_("😣 Tap one, or type what it was (<i>deadline</i>)."),
    "therapy": N_("🤲 Tap one, or type what you had (<i>osteopath</i>)."),
    "other": N_("📝 Type what it was, with an amount if you like."),
}
LOG_EXPIRED = N_("That choice has expired: send /log again.")
TYPED_PROBLEMS = {
    "no_name": N_("🤔 I need a name too, like <i>walk 30 min</i>. What was it?"),
    "too_long": N_("🤔 That is a bit long for a name: a few words, please."),
    "too_big": N_("🤔 That number looks too big to note. Could you type it again?"),
}
OTHER_KIND_BUTTON = N_("⬅️ Other kinds")
# A question about taking a medicine: never advice, only where to get it.
MEDICINE_QUESTION = N_(
    "💊 I can't advise on medicines or doses: a pharmacist or your doctor can, and the "
    "leaflet in the pack says how to take it. If you took something, write its name and "
    "the amount as on the pack, and I'll note it."
)


# What each kind is called in a confirmation ("(medication)") and on /log's buttons; the
# entries keep their kind codes (domain.models.FACTOR_KINDS).
KIND_NAMES = {
    "medication": N_("medication"),
    "heat_cold": N_("heat/cold"),
    "activity": N_("activity"),
    "sleep": N_("sleep"),
    "sitting": N_("sitting"),
    "stress": N_("stress"),
    "therapy": N_("therapy"),
    "other": N_("other"),
}
KIND_BUTTONS = {
    "medication": N_("Medication"),
    "heat_cold": N_("Heat/cold"),
    "activity": N_("Activity"),
    "sleep": N_("Sleep"),
    "sitting": N_("Sitting"),
    "stress": N_("Stress"),
    "therapy": N_("Therapy"),
    "other": N_("Other"),
}
# The one-tap choices of domain.factors.PRESETS as the user reads them; a tapped one is
# noted under the name shown, as if the user had typed it.
PRESET_NAMES = {
    "heat pack": N_("heat pack"),
    "hot bath": N_("hot bath"),
    "ice pack": N_("ice pack"),
    "walk": N_("walk"),
    "stretching": N_("stretching"),
    "yoga": N_("yoga"),
    "swim": N_("swim"),
    "slept well": N_("slept well"),
    "slept badly": N_("slept badly"),
    "couldn't sleep": N_("couldn't sleep"),
    "sat a lot": N_("sat a lot"),
    "long drive": N_("long drive"),
    "stressful day": N_("stressful day"),
    "physio": N_("physio"),
    "massage": N_("massage"),
}


def kind_name(kind: FactorKind) -> str:
    return _(KIND_NAMES[kind]) if kind in KIND_NAMES else kind


def kind_names() -> dict[str, str]:
    """Every kind's name in the user's language (the report's and /history's labels)."""
    return {kind: _(name) for kind, name in KIND_NAMES.items()}


def preset_name(preset: str) -> str:
    return _(PRESET_NAMES[preset]) if preset in PRESET_NAMES else preset


def kind_button(kind: FactorKind) -> str:
    return f"{KIND_SIGNS[kind]} {_(KIND_BUTTONS[kind])}"


def entry_button(entry: FactorEntry) -> str:
    """A recent entry on /log: its sign and the user's own name for it."""
    return f"{KIND_SIGNS[entry.kind]} {entry.name}"


def what(entry: FactorEntry) -> str:
    """ "<b>ibuprofen 400</b> (medication)", with the note if any: "<b>ibuprofen 2</b>
    (medication: <i>with food</i>)", escaped."""
    note = f": <i>{html.escape(entry.note)}</i>" if entry.note else ""
    return f"<b>{html.escape(describe(entry))}</b> ({html.escape(kind_name(entry.kind))}{note})"


def day_words(day: date, today: date) -> str:
    """ "today", "yesterday", "on Monday 30 November": the day an entry was noted for."""
    if day == today:
        return _("today")
    if day == today - timedelta(days=1):
        return _("yesterday")
    return _("on {day}").format(day=long_weekday_day_month(day))


def confirmation(entries: Sequence[FactorEntry], today: date) -> str:
    """Noted, and for which day (the entries of one message share one)."""
    day = day_words(entries[0].local_date, today)
    if len(entries) == 1:
        return _(NOTED).format(sign=KIND_SIGNS[entries[0].kind], what=what(entries[0]), day=day)
    lines = "\n".join(f"{KIND_SIGNS[e.kind]} {what(e)}" for e in entries)
    return _(NOTED_SEVERAL).format(lines=lines, day=day)


def updated(entries: Sequence[FactorEntry], today: date) -> str:
    """Updated after an edit; the day said only when it is not today (an edit that dated
    it: "... yesterday")."""
    shown = ", ".join(what(e) for e in entries)
    if entries[0].local_date != today:
        shown += f", {day_words(entries[0].local_date, today)}"
    return _(UPDATED).format(what=shown)


def removed(entries: Sequence[FactorEntry]) -> str:
    return _(REMOVED).format(what=", ".join(what(e) for e in entries))
