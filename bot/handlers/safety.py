"""/safety: every warning sign by tier, most urgent first, and what to do for each tier;
and the end of a hold on routines once a doctor has checked the person.

The list comes from the one warning-sign table (content/safety/warning-signs.yaml), the same
table that answers a message mentioning a sign, so the two never disagree. A hold starts in
the pain feature's warning-sign watch; it ends here, by the "A doctor has checked me" button
or by saying so in words.
"""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import callbacks
from bot import texts as common_texts
from bot.context import Context
from bot.features import Feature
from bot.handlers.common import current_user, reply
from bot.i18n import N_, _
from bot.reading import warning_signs
from bot.safety_hold import hold_of, lift_keyboard
from bot.services import services
from bot.texts import safety as texts
from domain.models import User, utcnow
from domain.pain import parse_pain_message
from domain.redflags import Tier, remember_warning, warning_record
from domain.safety_check import worth_asking
from domain.safety_hold import asked, due_to_ask, hold_after_sign, says_doctor_checked
from domain.schedule import local_date_of
from storage import update_preferences


def _today(user: User):
    return local_date_of(utcnow(), user.timezone or "UTC")


async def _set_hold(context: Context, user_id: int, hold) -> None:
    """Change only the hold (other preferences may change meanwhile), in one write."""
    await update_preferences(services(context).store, user_id, safety_hold=hold)


async def safety_command(update: Update, context: Context) -> None:
    """List the warning signs by tier with what to do; say whether routines are held."""
    user = await current_user(update, context)
    hold = hold_of(user)
    text = texts.overview(services(context).content().warning_signs)
    text += "\n\n" + _(texts.SCREENING_HINT)
    if hold is None:
        await reply(update, text)
        return
    text += "\n\n" + _(texts.HOLD_NOTE).format(day=texts.day(hold.since))
    await reply(update, text, reply_markup=lift_keyboard())


async def safety_pressed(update: Update, context: Context) -> None:
    """safe:seen: a doctor has checked them, so routines and their reminders come back;
    safe:chk:y|n: the answer to the emergency check question."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    if not isinstance(data, callbacks.DoctorChecked | callbacks.SafetyCheck):
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    await query.answer()
    user = await current_user(update, context)
    if isinstance(data, callbacks.SafetyCheck):
        await _drop_buttons(query)
        await _checked(update, context, user, yes=data.answer == "y")
        return
    held = hold_of(user) is not None
    if held:
        await _set_hold(context, user.user_id, None)  # before anything that could fail
    await _drop_buttons(query)
    await reply(update, _(texts.HOLD_LIFTED if held else texts.NO_HOLD))


async def _drop_buttons(query) -> None:
    """The pressed question's buttons go; a failure there must not stop the answer."""
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except BadRequest:
        pass  # already gone (a double tap) or the message is too old to edit


async def _checked(update: Update, context, user: User, *, yes: bool) -> None:
    """One of the emergency signs is new: the emergency advice, and routines on hold."""
    if not yes:
        await reply(update, _(texts.CHECK_NO_THANKS))
        return
    table = services(context).content().warning_signs
    today = _today(user)
    hold = hold_after_sign(hold_of(user), Tier.EMERGENCY.value, today)
    record = warning_record(user.preferences.warning_sign, today, Tier.EMERGENCY, [])
    await update_preferences(
        services(context).store,
        user.user_id,
        safety_hold=hold,
        warning_sign=record,
        warning_days=remember_warning(user.preferences.warning_days, record),
        red_flag_date=today,
    )
    await reply(update, texts.check_confirmed(table), reply_markup=lift_keyboard())


async def hold_message(update: Update, context: Context, user: User) -> bool:
    """FREE_TEXT while routines are held: "I've seen a doctor" offers the button that lifts
    the hold; otherwise, every few days, a gentle question whether a doctor has checked
    them yet (with what to do if not)."""
    today = _today(user)
    hold = hold_of(user)
    if hold is None:
        return False
    text = update.effective_message.text or ""
    if warning_signs(text) or worth_asking(text):
        return False  # the warning-sign watch has answered this message
    if says_doctor_checked(text):
        # Words only offer the button: "I never saw a doctor" must not lift a hold.
        await reply(update, _(texts.SEEN_OFFER), reply_markup=lift_keyboard())
        # "saw my GP, pain 4": the report is still the pain diary's to record
        return parse_pain_message(text).kind != "report"
    if due_to_ask(hold, today):
        await _set_hold(context, user.user_id, asked(hold, today))
        table = services(context).content().warning_signs
        await reply(update, texts.ask_seen(hold, table), reply_markup=lift_keyboard())
    return False


COMMANDS = [("safety", N_("Warning signs that need a doctor, and how soon"))]
FREE_TEXT = [hold_message]


def handlers() -> list:
    return [
        CommandHandler("safety", safety_command, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(safety_pressed, pattern=callbacks.pattern("safe")),
    ]


FEATURE = Feature("safety", handlers=handlers, commands=COMMANDS, free_text=FREE_TEXT)
