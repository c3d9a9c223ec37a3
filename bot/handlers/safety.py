"""/safety: every warning sign by tier, most urgent first, and what to do for each tier.

The list comes from the one warning-sign table (content/safety/warning-signs.yaml), the same
table that answers a message mentioning a sign, so the two never disagree.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, ContextTypes, filters

from bot.handlers.common import current_user, reply
from bot.services import services
from bot.texts import safety as texts


async def safety_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the warning signs by tier with what to do."""
    await current_user(update, context)
    await reply(update, texts.overview(services(context).library.warning_signs))


COMMANDS = [("safety", "Warning signs that need a doctor, and how soon")]


def handlers() -> list:
    return [CommandHandler("safety", safety_command, filters=filters.ChatType.PRIVATE)]
