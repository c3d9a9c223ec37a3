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


def says_doctor_checked(text: str) -> bool:
    """True when a message seems to say, in the past, that a clinician has checked them.

    Only ever a reason to offer the "A doctor has checked me" button, never to lift the hold
    by itself: words are too easy to misread ("I never saw a doctor")."""
    return bool(_CHECKED.search(text)) and not _NOT_YET.search(text)
