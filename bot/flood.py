"""Guards in front of every feature: per-user flood control and malformed button data.

A ``TypeHandler`` in the very first handler group sees every update from a person
before any feature does: every update type with an effective user counts (new and edited
messages, button presses, inline queries, reactions, block and unblock), all in that
user's one window, so no kind of update is a way around the limit (an edit costs what a
message costs). Over the burst (the decision is domain/flood.py), the update is
stopped there (``ApplicationHandlerStop``): the first time with one polite notice, then
silently, until the user's window has room again. A skipped button press is still
answered (a short toast), or its spinner would turn until Telegram gives up on it.
Other users have their own windows and never notice. The gate lives in ``bot_data`` so
/stats can read it and tests can tune it.

Button data that is not ours at all (empty, oversized, no ``feature:action``) is answered
as stale right here, so no feature has to remember to survive it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot import callbacks, groups
from bot import texts as common_texts
from bot.context import Context
from bot.i18n import _
from bot.texts import admin as texts
from domain.flood import FloodGate, Verdict


def gate_of(application: Application) -> FloodGate:
    """The application's flood gate (created on first use with the default limits)."""
    data = application.bot_data
    if data.flood_gate is None:
        data.flood_gate = FloodGate()
    return data.flood_gate


def _clock(application: Application) -> Callable[[], float]:
    return application.bot_data.flood_clock


async def flood_guard(update: Update, context: Context) -> None:
    """Let the update through, or stop it here (with one notice per slow-down)."""
    user = update.effective_user
    if user is None:
        return  # a channel post, a poll's state: nobody's typing to slow down
    verdict = gate_of(context.application).check(user.id, _clock(context.application)())
    if verdict is Verdict.ALLOW:
        await _refuse_malformed_button(update)
        return
    # Both are courtesies (each may fail on its own); dropping the update is what matters.
    if update.callback_query:
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer(_(texts.FLOOD_BUTTON))
    # The notice goes where the person typed or pressed (not after a block or a reaction).
    if verdict is Verdict.NOTIFY and update.effective_chat and update.effective_message:
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(
                update.effective_chat.id, _(texts.FLOOD_NOTICE), parse_mode=ParseMode.HTML
            )
    raise ApplicationHandlerStop


async def _refuse_malformed_button(update: Update) -> None:
    query = update.callback_query
    if query is None:
        return
    if callbacks.parse(query.data) is None:  # not ours: no feature needs to see it
        await query.answer(_(common_texts.STALE_BUTTON))
        raise ApplicationHandlerStop


def install(application: Application) -> None:
    """Put the guard in front of every feature."""
    gate_of(application)
    application.add_handler(TypeHandler(Update, flood_guard), group=groups.FLOOD)
