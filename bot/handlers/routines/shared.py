"""Small helpers the routine menu, the player and the tool chooser share: services, the
user's screening answers and equipment, the safety hold, HTML escaping."""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application

from bot import callbacks, keyboards
from bot.context import Context
from bot.handlers.common import reply
from bot.i18n import _
from bot.safety_hold import hold_of, lift_keyboard
from bot.services import Services
from bot.texts import routines as texts
from bot.texts import safety as safety_texts
from content.schema import Routine
from domain import routines as selection
from domain.models import User, utcnow
from domain.schedule import local_date_of
from domain.screening import Screening

# ------------------------------------------------------------------ small helpers


def _services(app: Application) -> Services:
    return app.bot_data.services


def _local_today(user: User):
    return local_date_of(utcnow(), user.timezone or "UTC")


# Buttons that offer, open or carry on a routine: held after a serious warning sign. Stop,
# Pause, the pain-after rating, Rest and the equipment list stay available.
_HELD_BUTTONS = (
    callbacks.RoutinesOpen,
    callbacks.GoalChosen,
    callbacks.RoutineCard,
    callbacks.RoutinesMenu,
    callbacks.StartRoutine,
    callbacks.SwitchRoutine,
    callbacks.ResumeSession,
    callbacks.PainBefore,
    callbacks.GentleChosen,
)


_HELD_MOVES = frozenset({"nx", "bk", "rs", "au"})


def _held_back(data: callbacks.CallbackData) -> bool:
    """Whether this button starts or moves a routine (held after a serious sign)."""
    if isinstance(data, callbacks.PlayerMove):
        return data.action in _HELD_MOVES
    return isinstance(data, _HELD_BUTTONS)


async def _held(update: Update, user: User) -> bool:
    """After a serious warning sign, no routine is offered until a doctor has checked them:
    say so (with the button that lifts the hold) and tell the caller to stop here."""
    hold = hold_of(user)
    if hold is None:
        return False
    await reply(update, safety_texts.routines_held(hold), reply_markup=lift_keyboard())
    return True


def _screening(user: User) -> Screening:
    return user.preferences.screening


def _conditions(user: User) -> frozenset[str]:
    """The screening conditions to respect: all of them until the user has answered."""
    return _screening(user).respected()


def _owned(user: User) -> list[str]:
    """The user's equipment we know of (an unknown key from old data is ignored)."""
    return [e for e in user.equipment if e in texts.EQUIPMENT_LABELS]


def _safety_note(user: User, left_out: int) -> str:
    """One line under a list: showing the safe default, or how many were left out."""
    if not _screening(user).answered:
        return _(texts.UNANSWERED_NOTE)
    return _(texts.LEFT_OUT_NOTE).format(count=left_out) if left_out else ""


def _safety_row(user: User) -> list[list[tuple[str, str]]]:
    """A "Safety questions" button while the user has not answered them."""
    if _screening(user).answered:
        return []
    return [[(_(texts.SCREENING_BUTTON), callbacks.ScreeningStart("rt").pack())]]


def services_of(context: Context) -> Services:
    return _services(context.application)


def _escape(text: str) -> str:
    """User words or content put into HTML (user words cut short: they are only echoed)."""
    return html.escape(text[:100])


def _refusal(context, user: User, routine: Routine) -> tuple[str, InlineKeyboardMarkup]:
    """Why an unsuitable routine is not started, with one or two that suit the user."""
    instead = selection.alternatives(
        services_of(context).content().routines,
        routine,
        conditions=_conditions(user),
        equipment=_owned(user),
        same_area=False,
    )[:2]
    template = (
        _(texts.NOT_SUITABLE) if _screening(user).answered else _(texts.NOT_SUITABLE_UNANSWERED)
    )
    text = template.format(title=_escape(routine.title)) + (_(texts.TRY_INSTEAD) if instead else "")
    rows = [
        [(texts.routine_button(r.title, r.minutes), callbacks.RoutineCard(r.id).pack())]
        for r in instead
    ]
    rows += _safety_row(user) + [
        [(_(texts.CHOOSE_ROUTINE_BUTTON), callbacks.RoutinesMenu().pack())]
    ]
    return text, keyboards.inline(rows)


def _escape_block(text: str) -> str:
    return html.escape(text)
