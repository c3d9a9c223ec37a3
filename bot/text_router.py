"""Plain text, routed: to the question the user is answering, else to the features that
read free text (the safety hold, pain reports), else a short answer to everyday words
("hi", "thanks", "help") or a hint of what the bot understands.

Which question is open lives in the user's stored state (``user.awaiting``), which a
handler filter cannot read (filters are synchronous), so one handler reads it and hands
the text to the feature that declared that kind; the features never see each other.
A question its feature lets be interrupted (``Feature.ask_again``: the time zone) does not
swallow a message that is clearly something else ("pain 4", a warning sign, "hi"): that
is handled as such, and the question is asked again after it.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot import groups, texts
from bot.context import Context
from bot.features import Feature, features_of
from bot.handlers.common import current_user, reply
from bot.i18n import supported
from bot.reading import read_pain, warning_signs
from domain.reading import guess_language
from domain.smalltalk import classify, is_not_an_answer


async def text_message(update: Update, context: Context) -> None:
    user = await current_user(update, context)
    features = features_of(context.application)
    text = update.effective_message.text or ""
    waiting_for = features.awaiting_handler(user.awaiting)
    ask_again = features.ask_again_handler(user.awaiting)
    if waiting_for is not None and not (ask_again is not None and _not_an_answer(text)):
        await waiting_for(update, context, user)
        return
    for handler in features.free_text:
        if await handler(update, context, user):
            break
    else:
        await reply(update, _everyday_answer(text))
    if ask_again is not None:
        await ask_again(update, context, user)


def _everyday_answer(text: str) -> str:
    """ "hi", "thanks", "help" answered; a language we don't speak told so; else the hint."""
    kind = classify(text)
    if kind is None:
        language = guess_language(text)
        if language is not None and not supported(language):
            return texts.not_spoken()
    return texts.answer_to_everyday_words(kind)


def _not_an_answer(text: str) -> bool:
    """Clearly something else than the answer to an open question, in English or in the
    user's language ("Rücken 5" is a pain report, not a city)."""
    return is_not_an_answer(text) or read_pain(text).kind != "none" or bool(warning_signs(text))


def handlers() -> dict:
    """After every feature's own handlers (commands and buttons win), before the catch-alls."""
    plain_text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    return {groups.FEATURES: [MessageHandler(plain_text, text_message)]}


FEATURE = Feature("text", handlers=handlers)
