"""One place that turns any unexpected error into a log line and a short apology."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot import sending, texts
from bot.context import Context
from bot.i18n import _
from storage import DiskError, SchemaTooNewError

logger = logging.getLogger(__name__)


def describe_update(update: object) -> str:
    """Who and what, for the log: ids and the kind of update, never message contents."""
    if not isinstance(update, Update):
        return repr(type(update).__name__)
    user = update.effective_user
    kind = "callback" if update.callback_query else "message" if update.message else "other"
    data = update.callback_query.data if update.callback_query else None
    parts = [f"update_id={update.update_id}", f"kind={kind}"]
    if user:
        parts.append(f"user_id={user.id}")
    if data:
        parts.append(f"callback_data={data!r}")
    if update.message and update.message.text and update.message.text.startswith("/"):
        parts.append(f"command={update.message.text.split()[0][:40]!r}")
    return " ".join(parts)


async def on_error(update: object, context: Context) -> None:
    """Log the error with its context; tell the user we are sorry; keep running."""
    error = context.error
    if isinstance(error, Forbidden):
        logger.info("Cannot reach %s: %s", describe_update(update), error)
        if isinstance(update, Update) and update.effective_user:
            await sending.user_blocked(context.application, update.effective_user.id)
        return
    if sending.is_not_modified(error):
        # A repeated tap on a button whose screen is already showing: nothing went wrong.
        logger.debug("Nothing to change for %s: %s", describe_update(update), error)
        if isinstance(update, Update) and update.callback_query:
            try:
                await update.callback_query.answer()
            except TelegramError:
                pass  # the handler answered before editing
        return
    if isinstance(error, BadRequest) and "query is too old" in error.message.lower():
        # A press delivered again after a restart (the ids of what it creates make that
        # harmless): Telegram no longer takes an answer to it, and nobody is waiting.
        logger.info("Button press too old to answer for %s", describe_update(update))
        return
    if isinstance(error, (RetryAfter, NetworkError)) and not isinstance(update, Update):
        logger.warning("Telegram API problem outside an update: %s", error)
        return
    context.application.bot_data.errors_since_start += 1
    apology = texts.APOLOGY
    if isinstance(error, SchemaTooNewError):
        # The store logged it once for this user; every message of theirs meets it until
        # the bot is upgraded, and a traceback each time would tell the operator nothing.
        logger.debug("Refused for %s: %s", describe_update(update), error)
        apology = texts.DATA_TOO_NEW
    elif isinstance(error, DiskError):
        # The store logged the problem once, in one line, and stays quiet until it is fixed:
        # no traceback per message. Nothing was stored, and the user is told so.
        logger.debug("Not stored for %s: %s", describe_update(update), error)
        apology = texts.STORAGE_APOLOGY
    elif isinstance(error, (RetryAfter, NetworkError)) and not isinstance(error, BadRequest):
        # Network trouble or flood control beyond the limiter's retries. An answer is not
        # tried again (the person is waiting, and may repeat it): log it and apologise.
        logger.warning("Reply lost for %s: %s", describe_update(update), error)
    else:
        logger.error("Error while handling %s", describe_update(update), exc_info=error)
    if not isinstance(update, Update):
        return
    if update.callback_query:
        try:
            await update.callback_query.answer()
        except TelegramError:
            pass  # already answered by the handler, or too old: the message below still goes
    if update.effective_chat:
        try:
            await context.bot.send_message(update.effective_chat.id, _(apology))
        except TelegramError as send_error:
            logger.warning(
                "Could not send the apology for %s: %s", describe_update(update), send_error
            )
