"""Answers for anything no feature claimed: unknown commands, stickers, stale buttons; and
silence for an edit no feature claimed (an edited command or chatter: see domain/edits.py).

Stray plain text is answered by ``bot.text_router``, which runs just before these."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, MessageHandler, filters

from bot import groups, texts
from bot.context import Context
from bot.features import Feature
from bot.handlers.common import current_user, reply, unknown_command
from bot.i18n import _
from bot.services import services
from domain.conversation import outlives_a_command
from storage import SchemaTooNewError


async def forget_pending_question(update: Update, context: Context) -> None:
    """A new command abandons the question we were waiting on (a zone, a time, a note).

    Otherwise "hello" typed an hour after leaving the /pain flow would become that
    entry's note. Commands that ask a question set their own state again afterwards. A
    newcomer's time-zone question stays open (the start feature asks it again after).
    """
    store = services(context).store
    try:
        user = await store.get_user(update.effective_user.id)
    except SchemaTooNewError:
        return  # the command's own handler meets it too, and says so once
    if user is not None and user.awaiting:
        if outlives_a_command(user.awaiting, has_zone=user.timezone is not None):
            return
        await store.update_user(user.user_id, awaiting=None)


async def other_message(update: Update, context: Context) -> None:
    """Stickers, photos, voice notes... things we can't read."""
    await current_user(update, context)
    await reply(update, _(texts.UNEXPECTED_MEDIA))


async def ignore_edit(update: Update, context: Context) -> None:
    """An edit nobody claimed: a command is not run again, chatter is not answered again."""
    raise ApplicationHandlerStop


async def stale_button(update: Update, context: Context) -> None:
    """A button whose data no feature understands (old message, forged data)."""
    await update.callback_query.answer(_(texts.STALE_BUTTON))


def handlers() -> dict:
    """Catch-alls, registered last so they only see what no feature claimed; and, before
    any feature, the reset of a pending question when a (new, not edited) command arrives."""
    private = filters.ChatType.PRIVATE
    new_command = filters.UpdateType.MESSAGE & filters.COMMAND & private
    return {
        groups.FORGET_PENDING_QUESTION: [MessageHandler(new_command, forget_pending_question)],
        groups.EDITS: [MessageHandler(filters.UpdateType.EDITED, ignore_edit)],
        groups.FEATURES: [
            MessageHandler(filters.COMMAND & private, unknown_command),
            MessageHandler(private & ~filters.StatusUpdate.ALL, other_message),
            CallbackQueryHandler(stale_button),
        ],
    }


FEATURE = Feature("fallback", handlers=handlers)
