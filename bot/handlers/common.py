"""Small helpers shared by handlers: who is talking, and their stored profile."""

from __future__ import annotations

import dataclasses
import html
from datetime import timedelta

from telegram import Message, Update
from telegram.constants import ParseMode

from bot import data_notices, texts
from bot.context import Context
from bot.dispatcher import dispatcher_of
from bot.i18n import _, language_for, supported
from bot.services import services
from domain.models import User, utcnow
from domain.preferences import Preferences
from storage import id_for_callback, id_for_message, new_id

# How stale last_seen_at may get before a message refreshes it (saves a write per message).
LAST_SEEN_RESOLUTION = timedelta(seconds=30)


async def current_user(update: Update, context: Context) -> User:
    """The stored profile of whoever sent this update, created on first contact.

    Also notes that the user is active and was seen now (reminders use that to tell
    whether their nudges get any reaction), remembers the language of their Telegram app
    until they choose one (/language), and tells them once when their saved data could
    not be used (``bot.data_notices``).
    """
    store = services(context).store
    tg_user = update.effective_user
    chat = update.effective_chat
    now = utcnow()
    came_back = False
    # Worked out here, not in ``seen``: that may run in the store's worker thread.
    language = language_for(tg_user.language_code)

    def seen(user: User | None) -> User:
        nonlocal came_back
        if user is None:
            return User(
                user_id=tg_user.id,
                chat_id=chat.id if chat else tg_user.id,
                first_name=tg_user.first_name or "",
                last_seen_at=now,
                welcome_due=True,  # shown by /start, or with whatever they send first
                preferences=Preferences(language=language),
            )
        changes: dict = {}
        if not supported(user.preferences.language):
            # A profile from before languages, or a code we no longer speak: remembered
            # once, so reminders and summaries (which have no update) speak it too.
            changes["preferences"] = dataclasses.replace(user.preferences, language=language)
        if not user.active:
            changes["active"] = True  # they came back after blocking us
            came_back = True
        if user.last_seen_at is None or now - user.last_seen_at > LAST_SEEN_RESOLUTION:
            changes["last_seen_at"] = now
        return dataclasses.replace(user, **changes) if changes else user

    user = await store.modify_user(tg_user.id, seen)  # one read-modify-write
    # The language as stored now: the next update's needs no read (bot/handlers/language.py).
    context.application.bot_data.languages[user.user_id] = user.preferences.language or language
    if came_back:
        # The block dropped what they had due; active again, it is all due again (as a
        # rebuild of the due index would find), whatever they wrote, not only /start.
        await dispatcher_of(context.application).reseed(user.user_id)
    # Data of theirs that could not be used (set aside, an unknown zone): told once. The
    # update itself is handled as it would be (a zone asked for now is read from the next).
    await data_notices.tell_in_answer(update, context, user)
    return user


def id_for_update(update: Update) -> str:
    """The id of what this update creates (a diary entry, a reminder): the same each time
    Telegram delivers the update, so one handled again after a crash is stored once."""
    if update.callback_query is not None:
        return id_for_callback(update.callback_query.id)
    message, chat = update.effective_message, update.effective_chat
    if message is not None and chat is not None:
        return id_for_message(chat.id, message.message_id, message.date)
    return new_id()


async def reply(update: Update, text: str, **kwargs) -> Message:
    """Answer in the chat the update came from, as HTML; the message sent."""
    return await update.effective_chat.send_message(text, parse_mode=ParseMode.HTML, **kwargs)


async def unknown_command(update: Update, context: Context) -> None:
    """A /command we don't have."""
    await current_user(update, context)
    command = (update.message.text or "/").split()[0][:40]
    await reply(update, _(texts.UNKNOWN_COMMAND).format(command=html.escape(command)))
