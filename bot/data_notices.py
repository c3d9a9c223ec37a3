"""Telling a person, once, that their saved data could not be used as it was.

The store deals with the data itself and logs one line for the operator
(``Store.on_user_problem``): an unreadable or impossible file is set aside in the
quarantine folder and the user goes on with empty data; a time zone this tzdata does not
know is cleared. This module tells the person, once, whichever comes first:

- at once, as a ``notice`` due item of the dispatcher (kept in the due index, so a restart
  does not lose it; sent under the send policy for background sends), so someone whose
  reminder or summary stopped learns why without writing first;
- in answer to their next message (``bot.handlers.common.current_user``).

Someone whose zone was cleared is asked for it again at once only if something of theirs
would have gone out (an active reminder, the weekly summary); else at their next message.
Both paths run under the user's lock, so neither tells twice.
"""

from __future__ import annotations

import dataclasses
import html
import logging
from functools import partial
from typing import TYPE_CHECKING

from telegram import Update
from telegram.constants import ParseMode

from bot import keyboards, sending, texts
from bot.context import BotApplication, Context
from bot.dispatcher import DueItem, DueKind, dispatcher_of
from bot.i18n import _, use_language
from bot.processing import user_lock
from domain.conversation import Awaiting
from domain.models import User, utcnow
from storage import UserProblem

if TYPE_CHECKING:
    from storage import Repository

logger = logging.getLogger(__name__)

NOTICE = "notice"  # kind of due item; its ref is the problem ("set_aside", "zone_unknown")
SET_ASIDE: UserProblem = "set_aside"
ZONE_UNKNOWN: UserProblem = "zone_unknown"
_ASKING_ZONE = Awaiting("timezone")  # the zone prompt of bot/handlers/start.py takes the answer


def install(application: BotApplication) -> None:
    """Hear about problems the store finds (call once, at build time)."""
    application.bot_data.services.store.on_user_problem(partial(_found, application))


def _found(application: BotApplication, user_id: int, problem: UserProblem) -> None:
    try:
        dispatcher_of(application).schedule(NOTICE, user_id, utcnow(), problem)
    except RuntimeError:  # the dispatcher is not running: the next message tells them
        logger.debug("user %s: %s noticed before the dispatcher started", user_id, problem)


async def tell(context: Context, item: DueItem) -> None:
    """The ``notice`` item: tell the user now, unless their next message already did."""
    application = context.application
    store = application.bot_data.services.store
    async with user_lock(application, item.user_id):
        if item.ref == SET_ASIDE:
            # The flag is kept in memory only; an item from before a restart still tells.
            from_before = item.at < dispatcher_of(application).started_at
            if store.pop_quarantine_notice(item.user_id) or from_before:
                # The profile (and its chat id, and language) went with the file; a private
                # chat's id is the user's id, and English is the language of no choice.
                await sending.send_message(
                    application,
                    item.user_id,
                    texts.HISTORY_LOST,
                    what="a data notice",
                    user_id=item.user_id,
                )
        elif item.ref == ZONE_UNKNOWN:
            await _ask_zone_now(application, item.user_id)


async def _ask_zone_now(application: BotApplication, user_id: int) -> None:
    store = application.bot_data.services.store
    user = await store.get_user(user_id)
    if user is None or user.preferences.zone_unknown is None or not user.active:
        return
    if not await _something_would_go_out(store, user):
        return  # nothing of theirs stopped: ask when they next write
    with use_language(user.preferences.language):  # a job: no update set it
        question, keyboard = _zone_question(user), keyboards.share_location()
    sent = await sending.send_message(
        application,
        user.chat_id,
        question,
        what="a time zone question",
        user_id=user_id,
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard,
    )
    if sent is not None:
        await _asked(store, user)


async def tell_in_answer(update: Update, context: Context, user: User) -> None:
    """Called with every update's user (under their lock): tell what is still untold."""
    application = context.application
    store = application.bot_data.services.store
    chat = update.effective_chat
    if chat is None:
        return
    if store.pop_quarantine_notice(user.user_id):
        dispatcher_of(application).cancel(NOTICE, user.user_id, SET_ASIDE)
        await chat.send_message(_(texts.HISTORY_LOST))
    if user.preferences.zone_unknown is not None:
        dispatcher_of(application).cancel(NOTICE, user.user_id, ZONE_UNKNOWN)
        await chat.send_message(
            _zone_question(user),
            parse_mode=ParseMode.HTML,
            reply_markup=keyboards.share_location(),
        )
        await _asked(store, user)


def _zone_question(user: User) -> str:
    unknown = _(texts.ZONE_UNKNOWN).format(zone=html.escape(user.preferences.zone_unknown or ""))
    return f"{unknown}\n\n{_(texts.ASK_TIMEZONE)}"


async def _asked(store: Repository, user: User) -> None:
    """The question is out: the next plain text is read as a zone, and it is not asked again."""

    def change(stored: User | None) -> User | None:
        if stored is None or stored.preferences.zone_unknown is None:
            return stored
        preferences = dataclasses.replace(stored.preferences, zone_unknown=None)
        return dataclasses.replace(stored, preferences=preferences, awaiting=_ASKING_ZONE)

    await store.modify_user(user.user_id, change)


async def _something_would_go_out(store: Repository, user: User) -> bool:
    if user.preferences.weekly_summary.enabled:
        return True
    return any(not reminder.paused for reminder in await store.list_reminders(user.user_id))


DUE = {NOTICE: DueKind(handle=tell, follows_settings=False)}
