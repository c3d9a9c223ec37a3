"""The hold after a serious warning sign, as every feature sees it: read, keep, lift.

Features do not import each other, so the pain watch (which starts a hold), the routines
(which respect it), the reminders (which say why they are quiet) and /safety (which lifts
it) share this small module. The rules themselves are pure, in domain/safety_hold.py.
"""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup

from bot import callbacks, keyboards
from bot.texts import safety as texts
from domain.models import User
from domain.safety_hold import SafetyHold, from_settings

HOLD_KEY = "safety_hold"  # user.settings: domain.safety_hold.to_settings(...)
LIFT = callbacks.encode("safe", "seen")  # "A doctor has checked me"


def hold_of(user: User, today: date) -> SafetyHold | None:
    """The user's hold, if routines are held for them."""
    return from_settings(user.settings.get(HOLD_KEY), today)


def lift_button() -> tuple[str, str]:
    return (texts.DOCTOR_CHECKED_BUTTON, LIFT)


def lift_keyboard() -> InlineKeyboardMarkup:
    return keyboards.inline([[lift_button()]])
