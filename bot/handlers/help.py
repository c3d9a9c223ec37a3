"""/help: every command, one line each."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot import texts
from bot.context import Context
from bot.features import Feature, features_of
from bot.handlers.common import current_user, reply
from bot.i18n import N_


async def help_command(update: Update, context: Context) -> None:
    """List what the bot can do."""
    await current_user(update, context)
    await reply(update, texts.help_text(features_of(context.application).commands))


COMMANDS = [("help", N_("What I can do, one line per command"))]


def handlers() -> list:
    return [CommandHandler("help", help_command, filters=filters.ChatType.PRIVATE)]


FEATURE = Feature("help", handlers=handlers, commands=COMMANDS)
