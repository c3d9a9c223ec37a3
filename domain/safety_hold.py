"""The promise after a serious warning sign: no routines until a doctor has checked you.

After a sign of the ``emergency`` or ``same_day`` tier, routine suggestions and routine
reminders are held until the person says a doctor has checked them. The bot asks gently
every few days instead of nagging daily. Pure logic over plain data; the hold is kept in
``user.preferences.safety_hold``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

# Tiers (see the warning-sign table in content/) that hold routines; "mention" does not.
HOLDING_TIERS: tuple[str, ...] = ("emergency", "same_day")
# Most urgent first: a later, more urgent sign upgrades the hold, a milder one never lowers it.
_URGENCY = {"emergency": 0, "same_day": 1}
ASK_AGAIN_AFTER_DAYS = 3


@dataclass(frozen=True)
class SafetyHold:
    """Routines are held since ``since`` because of a sign of ``tier``."""

    since: date
    tier: str
    asked_on: date | None = None  # when we last asked whether a doctor has seen them


def hold_after_sign(hold: SafetyHold | None, tier: str, today: date) -> SafetyHold | None:
    """The hold after a sign of ``tier`` is noticed today (unchanged for a milder tier)."""
    if tier not in HOLDING_TIERS:
        return hold
    if hold is None:
        return SafetyHold(since=today, tier=tier)
    # Fresh advice was just given: no "have you seen a doctor?" on top of it for a few days.
    tier = tier if _URGENCY[tier] < _URGENCY.get(hold.tier, len(_URGENCY)) else hold.tier
    return replace(hold, tier=tier, asked_on=today)


def due_to_ask(hold: SafetyHold | None, today: date) -> bool:
    """Whether to ask, gently, if a doctor has checked them (every few days, not daily)."""
    if hold is None:
        return False
    last = hold.asked_on or hold.since
    return (today - last).days >= ASK_AGAIN_AFTER_DAYS


def asked(hold: SafetyHold, today: date) -> SafetyHold:
    return replace(hold, asked_on=today)


# "I've seen a doctor", "the GP checked me", "been to A&E, all fine": the person says so in
# words instead of tapping the button. Questions and plans ("should I see a doctor?", "I'll
# see my GP tomorrow") are not a check that happened.
_CLINICIAN = (
    r"(?:doctor|doc|gp|physio(?:therapist)?|a\s*&\s*e|a\s+and\s+e|emergency|hospital|nurse|"
    r"clinic|specialist)"
)
_CHECKED = re.compile(
    r"\b(?:(?:i\s*(?:'ve|\s+have)?\s*)?(?:seen|saw|visited|been\s+to|went\s+to)\s+(?:a|my|the)?\s*"
    + _CLINICIAN
    + r")\b|\b"
    + _CLINICIAN
    + r"\s+(?:has\s+|have\s+)?(?:checked|examined|saw|seen|cleared)\s+(?:me|it)\b",
    re.IGNORECASE,
)
_NOT_YET = re.compile(
    r"\?|\b(?:will|i'll|going\s+to|gonna|should|need\s+to|have\s+to|can't|cannot|not|never|"
    r"yet|wish|haven't|didn't|tomorrow|next\s+week|appointment|sent\s+me|referred|"
    r"said\s+to\s+go|scan|mri|x-?ray|my\s+(?:wife|husband|partner|mum|mom|dad|son|daughter)|"
    r"tv)\b",
    re.IGNORECASE,
)


# The same in the other languages the bot speaks (Spanish, German, Russian), each with its
# own words for "not yet", "tomorrow", "should", an appointment, a question.
_OTHER_LANGUAGES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        re.compile(
            r"\b(?:fui|he\s+ido|estuve)\s+(?:al|a\s+la|en\s+el|en\s+la|a)\s+"
            r"(?:m[eé]dic[oa]|doctora?|fisio|urgencias|hospital|cl[ií]nica)"
            r"|\b(?:m[eé]dic[oa]|doctora?|fisio)\s+(?:ya\s+)?me\s+(?:ha\s+)?"
            r"(?:vio|visto|revis[oó]|revisado|examin[oó]|examinado)\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\?|\b(?:no|nunca|todav[ií]a|a[uú]n|ma[nñ]ana|cita|voy\s+a|tengo\s+que|deber[ií]a)\b",
            re.IGNORECASE,
        ),
    ),
    (
        re.compile(
            r"\b(?:war|bin)\s+(?:\w+\s+)?(?:beim|bei\s+der|im|in\s+der|zum|zur)\s+"
            r"(?:arzt|ärztin|hausarzt|hausärztin|doktor|physio|notaufnahme|krankenhaus|klinik)"
            r"|\b(?:arzt|ärztin|doktor|physio)\s+hat\s+mich\s+(?:\w+\s+)?"
            r"(?:untersucht|angeschaut|gesehen|durchgecheckt)\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\?|\b(?:nicht|nie|noch\s+nicht|kein|morgen|termin|muss|sollte|werde|gehe)\b",
            re.IGNORECASE,
        ),
    ),
    (
        re.compile(
            r"(?:был[аи]?|сходил[аи]?|ходил[аи]?)\s+(?:\w+\s+)?(?:у\s+врача|к\s+врачу|"
            r"у\s+доктора|в\s+больниц[еу]|в\s+травмпункт|в\s+поликлиник)"
            r"|(?:врач|доктор)\s+(?:\w+\s+)?(?:меня\s+)?(?:осмотрел|посмотрел|проверил)",
            re.IGNORECASE,
        ),
        re.compile(
            r"\?|(?:^|\s)(?:не|нет|ещё|еще|завтра|надо|нужно|должен|должна|пойду|"
            r"записал[аи]?с[ья]|запись)(?:\s|$|[,.!])",
            re.IGNORECASE,
        ),
    ),
)


def says_doctor_checked(text: str) -> bool:
    """True when a message seems to say, in the past, that a clinician has checked them
    (in English, Spanish, German or Russian).

    Only ever a reason to offer the "A doctor has checked me" button, never to lift the hold
    by itself: words are too easy to misread ("I never saw a doctor")."""
    if _CHECKED.search(text) and not _NOT_YET.search(text):
        return True
    return any(
        checked.search(text) and not not_yet.search(text) for checked, not_yet in _OTHER_LANGUAGES
    )
