"""/screening: a few yes/no safety questions, so unsuitable routines are never offered.

Firm or deep pressure, heat and electric massagers need care with some conditions
(``domain.screening.CONDITIONS``). The questions come from content/tips/screening.yaml and
are asked one at a time in one message, edited in place. Answers are stored in
``user.preferences.screening`` only once all are
given; "Not sure" counts as a yes, and until someone answers, every condition is respected.

Other features reach the flow through its callback data, never by importing this module:

- ``scr:go:<then>`` asks the questions from the first one (a "Safety questions" button);
- ``scr:no:<then>`` notes that the user would rather not answer now.

``<then>`` is ``rt`` to end with a "Continue to routines" button (``rt:go``), or ``x``.
While answering, buttons carry the answers so far, one letter each: ``scr:a:<then>:nyu``.
"""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import callbacks, keyboards, sending
from bot import texts as common_texts
from bot.context import Context
from bot.features import Feature
from bot.handlers.common import current_user, reply
from bot.i18n import N_, _
from bot.services import services
from bot.texts import screening as texts
from content.schema import ScreeningQuestions
from domain import screening
from domain.models import User, utcnow
from domain.routines import care_kinds
from domain.schedule import local_date_of
from storage import update_preferences


def _questions(context: Context) -> ScreeningQuestions:
    return services(context).content().screening


# ------------------------------------------------------------------ screens


def question_screen(
    questions: ScreeningQuestions, answers: list[str], then: str
) -> tuple[str, InlineKeyboardMarkup]:
    """The next question after ``answers`` (the intro above the first one)."""
    index = len(answers)
    question = questions.questions[index]
    text = _(texts.QUESTION).format(
        number=index + 1,
        count=len(questions.questions),
        question=html.escape(question.question),
        why=html.escape(question.why),
    )
    if index == 0:
        text = _(texts.INTRO).format(intro=html.escape(questions.intro)) + "\n\n" + text
    text += "\n\n" + _(texts.NOT_SURE_NOTE)

    def answer(label: str, value: str) -> tuple[str, str]:
        code = screening.encode_answers([*answers, value])
        return label, callbacks.ScreeningAnswers(then, code).pack()

    rows = [
        [answer(_(texts.YES_BUTTON), "yes"), answer(_(texts.NO_BUTTON), "no")],
        [answer(_(texts.NOT_SURE_BUTTON), "unsure")],
    ]
    if answers:
        back = callbacks.ScreeningAnswers(then, screening.encode_answers(answers[:-1])).pack()
        rows.append([(_(texts.BACK_BUTTON), back)])
    return text, keyboards.inline(rows)


def summary_screen(
    library, held: screening.Screening, then: str
) -> tuple[str, InlineKeyboardMarkup]:
    """What the answers mean: how many routines are left out and why, with Change answers."""
    questions: ScreeningQuestions = library.screening
    routines = list(library.routines.values())
    left_out = [r for r in routines if not screening.is_suitable(r, held.conditions)]
    labels = [questions.label(c) for c in screening.CONDITIONS if c in held.conditions]
    if not held.conditions:
        text = _(texts.SUMMARY_CLEAR)
    elif not left_out:
        labels_text = html.escape(texts.join_words(labels))
        text = _(texts.SUMMARY_HELD_NOTHING_LEFT_OUT).format(labels=labels_text)
    else:
        count = texts.routines_count(len(left_out))
        if len(left_out) <= texts.MAX_NAMED:
            titles = html.escape(texts.join_words([r.title for r in left_out]))
            what = _(texts.LEFT_OUT_NAMED).format(count=count, titles=titles)
        else:
            kinds = [_(texts.KIND_LABELS[k]) for k in care_kinds(left_out)]
            what = _(texts.LEFT_OUT_KINDS).format(count=count, kinds=texts.join_alternatives(kinds))
        text = _(texts.SUMMARY_HELD).format(
            labels=html.escape(texts.join_words(labels)),
            left_out=what,
            remaining=texts.routines_count(len(routines) - len(left_out)),
        )
    unsure = [questions.label(c) for c in screening.CONDITIONS if c in held.unsure]
    if unsure:
        text += "\n\n" + _(texts.UNSURE_NOTE).format(labels=html.escape(texts.join_words(unsure)))
    text += "\n\n" + _(texts.CHANGE_NOTE)
    return text, _after_keyboard(then, _(texts.CHANGE_BUTTON))


def _after_keyboard(then: str, again_label: str) -> InlineKeyboardMarkup:
    rows = [[(again_label, callbacks.ScreeningStart(then).pack())]]
    if then == "rt":
        rows.insert(0, [(_(texts.CONTINUE_BUTTON), callbacks.RoutinesOpen().pack())])
    return keyboards.inline(rows)


# ------------------------------------------------------------------ handlers


async def screening_command(update: Update, context: Context) -> None:
    """/screening: what your answers mean now (with Change answers), or the first question."""
    user = await current_user(update, context)
    held = user.preferences.screening
    if held.answered:
        text, markup = summary_screen(services(context).content(), held, "x")
    else:
        text, markup = question_screen(_questions(context), [], "x")
    await reply(update, text, reply_markup=markup)


async def screening_pressed(update: Update, context: Context) -> None:
    """scr:go, scr:a and scr:no buttons: the next question, the summary, or "not now"."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    try:
        is_answer = isinstance(data, callbacks.ScreeningAnswers)
        answers = screening.decode_answers(data.answers) if is_answer else []
    except screening.ScreeningError:
        data = None
    flow = (callbacks.ScreeningStart, callbacks.ScreeningLater, callbacks.ScreeningAnswers)
    if not isinstance(data, flow):
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    then = data.then
    user = await current_user(update, context)
    await query.answer()
    library = services(context).content()
    if isinstance(data, callbacks.ScreeningLater):
        await _save(context, user, screening.Screening(declined_on=_today(user)))
        text, markup = _(texts.DECLINED), _after_keyboard(then, _(texts.ANSWER_NOW_BUTTON))
    elif len(answers) < len(screening.CONDITIONS):
        text, markup = question_screen(library.screening, answers, then)
    else:
        held = screening.from_answers(answers, _today(user))
        await _save(context, user, held)
        text, markup = summary_screen(library, held, then)
    try:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as error:
        if not sending.is_not_modified(error):  # a double tap: already showing it
            raise


def _today(user: User):
    return local_date_of(utcnow(), user.timezone or "UTC")


async def _save(context, user: User, held: screening.Screening) -> None:
    """Keep the answers (only this field: other preferences may change meanwhile)."""
    await update_preferences(services(context).store, user.user_id, screening=held)


COMMANDS = [("screening", N_("Safety questions: which routines suit you"))]


def handlers() -> list:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("screening", screening_command, filters=private),
        CallbackQueryHandler(screening_pressed, pattern=callbacks.pattern("scr")),
    ]


FEATURE = Feature("screening", handlers=handlers, commands=COMMANDS)
