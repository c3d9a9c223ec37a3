"""Plain text, routed: to the question the user is answering, else to the features that
read free text (the safety hold, pain reports), else a hint of what the bot understands.

Which question is open lives in the user's stored state (``user.awaiting``), which a
handler filter cannot read (filters are synchronous), so one handler reads it and hands
the text to the feature that declared that kind; the features never see each other.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot import groups, texts
from bot.context import Context
from bot.features import Feature, features_of
from bot.handlers.common import current_user, reply


async def text_message(update: Update, context: Context) -> None:
    user = await current_user(update, context)
    features = features_of(context.application)
    waiting_for = features.awaiting_handler(user.awaiting)
    if waiting_for is not None:
        await waiting_for(update, context, user)
        return
    for handler in features.free_text:
        if await handler(update, context, user):
            return
    await reply(update, texts.UNEXPECTED_TEXT)


def handlers() -> dict:
    """After every feature's own handlers (commands and buttons win), before the catch-alls."""
    plain_text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    return {groups.FEATURES: [MessageHandler(plain_text, text_message)]}


FEATURE = Feature("text", handlers=handlers)
