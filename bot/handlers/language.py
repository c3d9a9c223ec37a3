"""The language the bot speaks to each person: set for every update, changed with /language.

Before any other handler (``groups.LANGUAGE``), a ``TypeHandler`` sets the current language
(``bot.i18n.set_language``) to the person's stored choice, else the language of their
Telegram app (``language_code``). PTB awaits every handler of an update inside one task, so
a context variable set here holds for all of them, the error handler's apology included,
and never for another update. ``bot.handlers.common.current_user`` stores the language on
first contact; /language changes it, and the choice then wins over ``language_code``.

The stored choice is kept in ``bot_data.languages`` once read: the profile is read anyway by
the handler that answers, and this way the language costs no second read per update. Only
/language changes it (and /forget, or a profile set aside, drops it), so it cannot go stale.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, TypeHandler

from bot import groups
from bot.context import Context
from bot.features import Feature
from bot.i18n import language_for, set_language, supported
from bot.services import services
from storage import StorageError

logger = logging.getLogger(__name__)


async def stored_language(context: Context, user_id: int) -> str | None:
    """The language this person chose or was given on first contact; None if none yet."""
    known = context.application.bot_data.languages
    language = known.get(user_id)
    if language is not None:
        return language
    try:
        user = await services(context).store.get_user(user_id)
    except StorageError:
        return None  # the handler that answers meets it too, and says so
    if user is None or not supported(user.preferences.language):
        return None  # not chosen: current_user stores the app's language
    known[user_id] = user.preferences.language
    return user.preferences.language


async def speak_their_language(update: Update, context: Context) -> None:
    """LANGUAGE: every handler of this update speaks the person's language."""
    tg_user = update.effective_user
    if tg_user is None:
        set_language(None)  # a channel post, a poll: nobody to ask, English
        return
    chosen = await stored_language(context, tg_user.id)
    set_language(chosen or language_for(tg_user.language_code))


def _forget(application: Application, user_id: int) -> None:
    application.bot_data.languages.pop(user_id, None)


async def on_startup(application: Application) -> None:
    """A forgotten profile, or one set aside, takes its language with it."""
    store = application.bot_data.services.store
    store.on_user_forgotten(lambda user_id: _forget(application, user_id))
    store.on_user_problem(lambda user_id, problem: _forget(application, user_id))


def handlers() -> dict:
    return {groups.LANGUAGE: [TypeHandler(Update, speak_their_language)]}


FEATURE = Feature("language", handlers=handlers, on_startup=on_startup)
