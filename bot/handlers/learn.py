"""/learn: the topics of the massage guide (techniques, tools, hand placement, mistakes,
how often and how long, self-care, when to stop), one message updated in place."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import callbacks
from bot import texts as common_texts
from bot.context import Context
from bot.features import Feature
from bot.handlers.common import current_user, reply
from bot.i18n import N_, _
from bot.keyboards import inline
from bot.services import services
from bot.texts import learn as texts

_TOPIC_IDS = frozenset(topic_id for topic_id, _label in texts.TOPICS)


def _menu() -> InlineKeyboardMarkup:
    buttons = [(_(label), callbacks.LearnTopic(key).pack()) for key, label in texts.TOPICS]
    return inline([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def _back() -> InlineKeyboardMarkup:
    return inline([[(_(texts.BACK_BUTTON), callbacks.LearnMenu().pack())]])


def topic_text(library, topic_id: str) -> str:
    """The text of one topic, from the content library."""
    if topic_id == "tools":
        tools = library.tool_chooser.tools.values()
        return texts.topic(
            _(texts.TOOLS_TITLE), [texts.tool_line(tool.name, tool.description) for tool in tools]
        )
    section = library.tips.sections[topic_id]
    footer = "\n\n" + _(texts.SAFETY_FOOTER) if topic_id == "safety" else ""
    return texts.topic(section.title, list(section.items), footer)


async def learn_command(update: Update, context: Context) -> None:
    """The list of topics as buttons."""
    await current_user(update, context)
    await reply(update, _(texts.INTRO), reply_markup=_menu())


async def learn_pressed(update: Update, context: Context) -> None:
    """learn:t:<topic> shows a topic in the same message; learn:menu goes back."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    topic_id = data.topic if isinstance(data, callbacks.LearnTopic) else None
    if not isinstance(data, callbacks.LearnMenu) and topic_id not in _TOPIC_IDS:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    await query.answer()
    if topic_id is None:
        text, markup = _(texts.INTRO), _menu()
    else:
        text, markup = topic_text(services(context).content(), topic_id), _back()
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


COMMANDS = [("learn", N_("How to massage your back safely: techniques, tools, mistakes"))]


def handlers() -> list:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("learn", learn_command, filters=private),
        CallbackQueryHandler(learn_pressed, pattern=callbacks.pattern("learn")),
    ]


FEATURE = Feature("learn", handlers=handlers, commands=COMMANDS)
