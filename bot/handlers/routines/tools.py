"""/tools: the tool chooser's questions as buttons, answers kept in user.preferences.

Its suggestion respects the user's screening answers (see the package's docstring).
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode

from bot import callbacks, keyboards
from bot import texts as common_texts
from bot.context import Context
from bot.handlers.common import current_user, reply
from bot.handlers.routines.shared import (
    _conditions,
    _escape_block,
    _held,
    _owned,
    _safety_row,
    _screening,
    services_of,
)
from bot.i18n import _
from bot.texts import routines as texts
from content.schema import Routine
from domain import routines as selection
from domain.models import User
from domain.screening import is_suitable
from storage import update_preferences

# ------------------------------------------------------------------ /tools


async def tools_command(update: Update, context: Context) -> None:
    """/tools: start the tool chooser from the first question."""
    user = await current_user(update, context)
    if await _held(update, user):
        return
    await update_preferences(services_of(context).store, user.user_id, tools_answers={})
    chooser = services_of(context).content().tool_chooser
    text, markup = _tools_screen(context, user, {})
    await reply(update, _escape_block(chooser.intro) + "\n\n" + text, reply_markup=markup)


def _tools_screen(context, user: User, answers: dict) -> tuple[str, InlineKeyboardMarkup]:
    """The next unanswered question, or the recommendation once all are answered."""
    library = services_of(context).content()
    chooser = library.tool_chooser
    for number, question in enumerate(chooser.questions, start=1):
        if question.key in answers:
            continue
        buttons = [
            [(option.label, callbacks.ToolsAnswer(question.key, option.key).pack())]
            for option in question.options
        ]
        header = f"<b>{number}/{len(chooser.questions)}</b> "
        return header + _escape_block(question.text), keyboards.inline(buttons)
    found = chooser.recommend(answers)
    routine = library.routines.get(found.routine_id)
    rows = [[(_(texts.TOOLS_AGAIN), callbacks.ToolsAgain().pack())]]
    routine_title = routine.title if routine else found.routine_id
    text = _(texts.TOOLS_RECOMMEND).format(
        tool=_escape_block(found.tool.name),
        description=_escape_block(found.tool.description),
        why=_escape_block(found.why),
        routine=_escape_block(routine_title),
    )
    offered = routine
    if routine is not None and not is_suitable(routine, _conditions(user)):
        text, offered = _tools_instead(library, user, routine, text)
        rows = _safety_row(user) + rows
    if offered is not None:
        start = _(texts.TOOLS_START).format(routine=offered.title)
        rows.insert(0, [(start[:60], callbacks.StartRoutine(offered.id).pack())])
    return text, keyboards.inline(rows)


def _tools_instead(library, user: User, routine: Routine, text: str) -> tuple[str, Routine | None]:
    """The recommended routine is unsuitable: say so, and offer one for the same area."""
    instead = selection.alternatives(
        library.routines, routine, conditions=_conditions(user), equipment=_owned(user)
    )
    answered = _screening(user).answered
    template = _(texts.TOOLS_UNSUITABLE) if answered else _(texts.TOOLS_UNSUITABLE_UNANSWERED)
    text += template.format(routine=_escape_block(routine.title))
    if not instead:
        return text + _(texts.TOOLS_NONE_INSTEAD), None
    return text + _(texts.TOOLS_INSTEAD).format(routine=_escape_block(instead[0].title)), instead[0]


async def tools_pressed(update: Update, context: Context) -> None:
    """tools:<question>:<option>, or tools:_again: record the answer, show what comes next."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    user = await current_user(update, context)
    chooser = services_of(context).content().tool_chooser
    answers = dict(user.preferences.tools_answers)
    if isinstance(data, callbacks.ToolsAgain):
        answers = {}
    else:
        known = {q.key: q.option_keys() for q in chooser.questions}
        if not isinstance(data, callbacks.ToolsAnswer) or data.option not in known.get(
            data.question, ()
        ):
            await query.answer(_(common_texts.STALE_BUTTON))
            return
        answers[data.question] = data.option
    await update_preferences(services_of(context).store, user.user_id, tools_answers=answers)
    await query.answer()
    text, markup = _tools_screen(context, user, answers)
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
