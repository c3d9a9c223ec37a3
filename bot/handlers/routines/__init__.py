"""/routine, /equipment, /tools and the guided player.

- ``menu``: /routine (by goal, by words, routine of the day, cards) and /equipment.
- ``player``: a session from Start to the pain after, and its auto-advance timer.
- ``screen``: how the player's one message shows a screen (text, a step's picture).
- ``tools``: the /tools chooser.
- ``shared``: what they share (services, screening answers, the safety hold).

This module is the feature's declaration (``bot.features``): its handlers, commands and
due kind, and the one dispatcher of every ``rt:*`` button.

Safety: every list, search, routine of the day, /tools suggestion and Start respects the
user's screening answers (``domain.screening``; asked by the screening feature through
its ``scr:`` buttons, which end with ``rt:go`` back here). A routine unsuitable for an
answer is never offered, and Start on an old button of one is refused kindly. Pain of 8+
before a routine that is not gentle holds the session on a "gentle instead" screen.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import callbacks
from bot import texts as common_texts
from bot.context import Context
from bot.features import Feature
from bot.handlers.common import current_user
from bot.handlers.routines.menu import (
    _card,
    _equipment_done,
    _go,
    _goal_chosen,
    _menu,
    _toggle_equipment,
    equipment_command,
    routine_command,
)
from bot.handlers.routines.player import (
    DUE,
    _gentle_chosen,
    _pain_after,
    _pain_before,
    _player_pressed,
    _rest,
    _resume,
    _start_pressed,
    _switch,
)
from bot.handlers.routines.shared import _held, _held_back
from bot.handlers.routines.tools import tools_command, tools_pressed
from bot.i18n import N_, _
from bot.safety_hold import hold_of

__all__ = ["FEATURE"]

# ------------------------------------------------------------------ wiring

_ACTIONS = {
    callbacks.RoutinesOpen: _go,
    callbacks.GoalChosen: _goal_chosen,
    callbacks.RoutineCard: _card,
    callbacks.RoutinesMenu: _menu,
    callbacks.ToggleEquipment: _toggle_equipment,
    callbacks.EquipmentDone: _equipment_done,
    callbacks.StartRoutine: _start_pressed,
    callbacks.SwitchRoutine: _switch,
    callbacks.ResumeSession: _resume,
    callbacks.PainBefore: _pain_before,
    callbacks.PainAfter: _pain_after,
    callbacks.GentleChosen: _gentle_chosen,
    callbacks.Rest: _rest,
    callbacks.PlayerMove: _player_pressed,
}


async def routine_pressed(update: Update, context: Context) -> None:
    """Every rt:* button, dispatched by its type."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    action = _ACTIONS.get(type(data))
    if action is None:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    user = await current_user(update, context)
    if _held_back(data) and hold_of(user) is not None:
        await query.answer()
        await _held(update, user)
        return
    await action(update, context, user, data)


COMMANDS = [
    ("routine", N_("Guided self-care routines, step by step")),
    ("tools", N_("Find the massage tool that suits you")),
    ("equipment", N_("Tell me which equipment you have")),
]


def handlers() -> list:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("routine", routine_command, filters=private),
        CommandHandler("equipment", equipment_command, filters=private),
        CommandHandler("tools", tools_command, filters=private),
        CallbackQueryHandler(routine_pressed, pattern=callbacks.pattern("rt")),
        CallbackQueryHandler(tools_pressed, pattern=callbacks.pattern("tools")),
    ]


FEATURE = Feature("routines", handlers=handlers, commands=COMMANDS, due=DUE)
