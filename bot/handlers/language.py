"""The language the bot speaks to each person: set for every update, changed with /language.

Before any other handler (``groups.LANGUAGE``), a ``TypeHandler`` sets the current language
(``bot.i18n.set_language``) to the person's stored choice, else the language of their
Telegram app (``language_code``). PTB awaits every handler of an update inside one task, so
a context variable set here holds for all of them, the error handler's apology included,
and never for another update. ``bot.handlers.common.current_user`` stores the language on
first contact; /language changes it, and the choice then wins over ``language_code``.

The stored language is kept in ``bot_data.languages`` once read, and ``current_user`` (which
reads the profile anyway) keeps it there too: so the language costs no second storage read
per update. Only /language changes it (and /forget, or a profile set aside, drops it), so it
cannot go stale.
"""

from __future__ import annotations

import contextlib
import html
import unicodedata
from functools import cache

from babel import Locale
from telegram import Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, TypeHandler, filters

from bot import callbacks, groups, keyboards
from bot import texts as common_texts
from bot.context import Context
from bot.features import Feature
from bot.handlers.common import current_user, reply
from bot.i18n import (
    LANGUAGES,
    _,
    current_language,
    language_for,
    language_name,
    set_language,
    supported,
)
from bot.services import services
from bot.texts import language as texts
from storage import StorageError, update_preferences


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


def _plain(text: str) -> str:
    """Lower case without accents: "Español" and "espanol" are the same answer."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _names() -> dict[str, str]:
    """Every way to name a language we speak: its code, and its name in each of them
    ("de", "deutsch", "german", "aleman", "немецкий")."""
    names = {}
    for code in LANGUAGES:
        names[code] = code
        for speaker in LANGUAGES:
            names[_plain(Locale.parse(code).get_display_name(speaker) or code)] = code
    return names


def language_named(given: str) -> str | None:
    """The language ``given`` names ("de", "de-AT", "Deutsch", "German", "español"), or None."""
    plain = _plain(given)
    return _names().get(plain) or _names().get(plain.replace("_", "-").split("-", 1)[0])


async def language_command(update: Update, context: Context) -> None:
    """/language: the languages as buttons; /language de (or Deutsch) switches at once."""
    user = await current_user(update, context)
    given = " ".join(context.args or [])
    if not given:
        current = current_language()
        text = _(texts.CHOOSE).format(language=language_name(current, in_sentence=True))
        await reply(update, text, reply_markup=keyboards.languages(current))
        return
    chosen = language_named(given)
    if chosen is None:
        await reply(update, _unknown(given), reply_markup=keyboards.languages(current_language()))
        return
    await _switch(update, context, user.user_id, chosen)


def _unknown(given: str) -> str:
    lines = "\n".join(
        _(texts.LANGUAGE_LINE).format(name=language_name(code), code=code) for code in LANGUAGES
    )
    example = next(code for code in LANGUAGES if code != current_language())
    return _(texts.UNKNOWN).format(given=html.escape(given[:40]), languages=lines, example=example)


async def language_pressed(update: Update, context: Context) -> None:
    """lang:set:<code>: a language button."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    if not isinstance(data, callbacks.ChooseLanguage) or not supported(data.language):
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    await query.answer()
    user = await current_user(update, context)
    with contextlib.suppress(BadRequest):  # already gone (a double tap), or too old
        await query.edit_message_reply_markup(reply_markup=None)
    await _switch(update, context, user.user_id, data.language)


async def _switch(update: Update, context: Context, user_id: int, language: str) -> None:
    """Remember the choice, and say so in the language chosen."""
    await update_preferences(services(context).store, user_id, language=language)
    context.application.bot_data.languages[user_id] = language
    set_language(language)  # whatever else answers this update speaks it too
    await reply(update, _(texts.CHOSEN))


def _forget(application: Application, user_id: int) -> None:
    application.bot_data.languages.pop(user_id, None)


async def on_startup(application: Application) -> None:
    """A forgotten profile, or one set aside, takes its language with it."""
    store = application.bot_data.services.store
    store.on_user_forgotten(lambda user_id: _forget(application, user_id))
    store.on_user_problem(lambda user_id, problem: _forget(application, user_id))


COMMANDS = [("language", texts.COMMAND)]


def handlers() -> dict:
    private = filters.ChatType.PRIVATE
    return {
        groups.LANGUAGE: [TypeHandler(Update, speak_their_language)],
        groups.FEATURES: [
            CommandHandler("language", language_command, filters=private),
            CallbackQueryHandler(language_pressed, pattern=callbacks.pattern("lang")),
        ],
    }


FEATURE = Feature("language", handlers=handlers, commands=COMMANDS, on_startup=on_startup)
