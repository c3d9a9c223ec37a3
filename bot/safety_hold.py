"""The hold after a serious warning sign, as every feature sees it: read, keep, lift; and
the buttons of the emergency check question (domain/safety_check.py).

Features do not import each other, so the pain watch (which starts a hold), the routines
(which respect it), the reminders (which say why they are quiet) and /safety (which lifts
it) share this small module. The rules themselves are pure, in domain/safety_hold.py.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot import callbacks, keyboards
from bot.i18n import _
from bot.texts import safety as texts
from domain.models import User
from domain.safety_hold import SafetyHold

LIFT = callbacks.DoctorChecked().pack()  # "A doctor has checked me"
CHECK_YES = callbacks.SafetyCheck("y").pack()
CHECK_NO = callbacks.SafetyCheck("n").pack()


def hold_of(user: User) -> SafetyHold | None:
    """The user's hold, if routines are held for them (it lasts until lifted)."""
    return user.preferences.safety_hold


def lift_button() -> tuple[str, str]:
    return (_(texts.DOCTOR_CHECKED_BUTTON), LIFT)


def lift_keyboard() -> InlineKeyboardMarkup:
    return keyboards.inline([[lift_button()]])


def check_keyboard() -> InlineKeyboardMarkup:
    """The answers to "is any of these new for you?"."""
    return keyboards.inline(
        [[(_(texts.CHECK_YES_BUTTON), CHECK_YES)], [(_(texts.CHECK_NO_BUTTON), CHECK_NO)]]
    )
