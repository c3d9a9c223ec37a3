"""/start onboarding and /timezone: welcome, safety note, and the user's time zone.

The time-zone question does not swallow what is clearly something else: a pain report,
a warning sign, "hi" or a command is handled as such, and the question asked again after
(``ask_again``). A report sent before the zone is known is recorded at once and moved to
its local date when the zone is set. Someone new, or back after /forget, who writes
anything but /start gets the welcome, the safety note and the zone question first.
"""

from __future__ import annotations

import asyncio
import html
import threading

from telegram import ReplyKeyboardRemove, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import callbacks, groups, keyboards, texts
from bot.context import Context
from bot.features import Feature
from bot.handlers.common import current_user, reply
from bot.i18n import N_, _, format_time
from bot.reminder_jobs import reschedule_user, welcome_back
from bot.services import services
from bot.texts import safety as safety_texts
from domain import timezones
from domain.conversation import Awaiting
from domain.models import User, utcnow
from domain.onboarding import redated
from domain.smalltalk import is_not_an_answer
from storage import SchemaTooNewError

AWAITING_TIMEZONE = Awaiting("timezone")


def _name(first_name: str) -> str:
    return f", {html.escape(first_name)}" if first_name else ""


async def start(update: Update, context: Context) -> None:
    """Welcome newcomers and ask for their zone; greet returning users without resetting."""
    before = await services(context).store.get_user(update.effective_user.id)
    user = await current_user(update, context)
    await welcome_back(context.application, before)  # after a block or /stop
    if user.preferences.zone_unknown:
        return  # current_user has just asked for their zone again (bot/data_notices.py)
    if user.timezone:
        await reply(
            update, _(texts.WELCOME_BACK).format(name=_name(user.first_name), zone=user.timezone)
        )
        return
    await _welcome(update, context, user)
    await _ask_for_zone(update, context, keep=None)


async def _welcome(update: Update, context: Context, user: User) -> None:
    """The welcome and the safety note, shown to a newcomer once (again after /forget)."""
    if user.welcome_due:
        await services(context).store.update_user(user.user_id, welcome_due=False)
    await reply(update, _(texts.WELCOME).format(name=_name(user.first_name)))
    await reply(update, safety_texts.start_note(services(context).content().warning_signs))


async def welcome_again(update: Update, context: Context) -> None:
    """WELCOME_AGAIN: a newcomer's first message or press that is not /start (after /forget,
    say) gets the welcome, the safety note and the zone question, then goes on to the
    feature it is for."""
    store = services(context).store
    try:
        before = await store.get_user(update.effective_user.id)
    except SchemaTooNewError:
        return  # the feature's own handler meets it too, and says so once
    message = update.message
    if before is not None and not before.welcome_due:
        return
    if _command_of(update) == "start" or update.effective_chat is None:
        return  # /start welcomes by itself
    user = await current_user(update, context)
    await _welcome(update, context, user)
    _warm_up_zones(context.application)
    await store.update_user(user.user_id, awaiting=AWAITING_TIMEZONE)
    text = message.text if message is not None else None
    if message is not None and (message.location or _command_of(update)):
        return  # a location answers the question; after a command it is asked again
    if text is not None and is_not_an_answer(text):
        return  # handled as what it is, then the question is asked again
    await reply(update, _(texts.ASK_TIMEZONE), reply_markup=keyboards.share_location())


def _command_of(update: Update) -> str | None:
    """The command this message is ("/help@bot now" -> "help"), or None."""
    text = update.message.text if update.message is not None else None
    if not text or not text.startswith("/"):
        return None
    return text.split()[0][1:].split("@")[0].lower()


async def ask_zone_again(update: Update, context: Context, user: User) -> None:
    """After a message that was not the answer to the zone question: ask it once more."""
    await services(context).store.update_user(user.user_id, awaiting=AWAITING_TIMEZONE)
    await reply(update, _(texts.ASK_TIMEZONE_AGAIN), reply_markup=keyboards.share_location())


async def ask_zone_after_command(update: Update, context: Context) -> None:
    """ASK_AGAIN: a command sent at the zone question was answered; the question stays."""
    try:
        user = await services(context).store.get_user(update.effective_user.id)
    except SchemaTooNewError:
        return  # the command has said so already
    if user is None or user.timezone is not None or user.awaiting != AWAITING_TIMEZONE:
        return
    if _command_of(update) in OWN_COMMANDS:
        return  # those ask it themselves
    await ask_zone_again(update, context, user)


async def timezone_command(update: Update, context: Context) -> None:
    """Show the current zone and take a new one."""
    user = await current_user(update, context)
    if user.preferences.zone_unknown:
        _warm_up_zones(context.application)
        return  # current_user has just asked for their zone again (bot/data_notices.py)
    if not user.timezone:
        await _ask_for_zone(update, context, keep=None)
        return
    _warm_up_zones(context.application)
    await services(context).store.update_user(user.user_id, awaiting=AWAITING_TIMEZONE)
    await reply(
        update,
        _(texts.CURRENT_TIMEZONE).format(zone=user.timezone),
        reply_markup=keyboards.share_location(),
    )
    await reply(
        update,
        _(texts.KEEP_ZONE_QUESTION).format(zone=user.timezone),
        reply_markup=keyboards.zone_choices([], keep=user.timezone),
    )


async def _ask_for_zone(update: Update, context: Context, keep: str | None) -> None:
    _warm_up_zones(context.application)
    await services(context).store.update_user(update.effective_user.id, awaiting=AWAITING_TIMEZONE)
    await reply(update, _(texts.ASK_TIMEZONE), reply_markup=keyboards.share_location())


async def receive_zone_text(update: Update, context: Context) -> None:
    """A typed city, zone or offset while we wait for one."""
    resolution = await asyncio.to_thread(timezones.resolve_zone, update.message.text or "")
    if resolution.zone:
        await _set_zone(update, context, resolution.zone)
        if resolution.fixed_offset and resolution.suggestions:
            await reply(
                update,
                _(texts.TIMEZONE_FIXED_OFFSET),
                reply_markup=keyboards.zone_choices(resolution.suggestions),
            )
    elif resolution.suggestions:
        await reply(
            update,
            _(texts.TIMEZONE_SUGGEST),
            reply_markup=keyboards.zone_choices(resolution.suggestions),
        )
    else:
        problem = texts.zone_problem(resolution.problem_kind, resolution.problem_values)
        await reply(update, _(texts.TIMEZONE_PROBLEM).format(problem=problem))


async def receive_location(update: Update, context: Context) -> None:
    """A shared location: look up its zone offline."""
    await current_user(update, context)
    location = update.message.location
    zone = await asyncio.to_thread(
        timezones.zone_for_location, location.latitude, location.longitude
    )
    if zone is None:
        await reply(update, _(texts.TIMEZONE_NOT_FOUND_AT_LOCATION))
        return
    await _set_zone(update, context, zone)


async def zone_button(update: Update, context: Context) -> None:
    """A tapped suggestion (tz:set:<zone>) or "Keep" (tz:keep)."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    user = await current_user(update, context)
    if isinstance(data, callbacks.KeepZone):
        await services(context).store.update_user(user.user_id, awaiting=None)
        await query.answer()
        await query.edit_message_text(
            _(texts.TIMEZONE_KEPT).format(zone=user.timezone or "UTC"), parse_mode="HTML"
        )
        return
    zone = data.zone if isinstance(data, callbacks.SetZone) else None
    if not zone or not timezones.is_valid_zone(zone):
        await query.answer(_(texts.STALE_BUTTON))
        return
    await query.answer()
    await query.edit_message_reply_markup(reply_markup=None)
    await _set_zone(update, context, zone)


async def _set_zone(update: Update, context: Context, zone: str) -> None:
    store = services(context).store
    user = await current_user(update, context)
    first_time = user.timezone is None
    await store.update_user(user.user_id, timezone=zone, awaiting=None, welcome_due=False)
    if first_time:  # reports sent before the zone was known move to their local date
        for entry in redated(await store.pain_entries(user.user_id), zone):
            await store.save_pain(user.user_id, entry)
    await reschedule_user(context.application, user.user_id)  # same wall-clock time
    now = utcnow()
    description = _(texts.ZONE_DESCRIPTION).format(
        zone=html.escape(zone),
        offset=timezones.offset_label(zone, now),
        time=format_time(timezones.local_now(zone, now)),
    )
    await reply(
        update,
        _(texts.TIMEZONE_SET).format(description=description),
        reply_markup=ReplyKeyboardRemove(),
    )
    if first_time:
        await reply(update, _(texts.AFTER_ONBOARDING))


def _warm_up_zones(application) -> None:
    """Build the city index in the background once someone is about to type a city.

    Not at start-up: building it takes noticeable CPU time and memory, which a restart
    with many users to reschedule should not pay up front, and most restarts never need.
    """
    if application.bot_data.warm_up_zones is None:
        # A daemon thread, not asyncio's executor: asyncio.run waits for that one's threads
        # at exit, and a SIGTERM during the build waited seconds for an index nobody needs.
        thread = threading.Thread(target=timezones.warm_up, name="warm-up-zones", daemon=True)
        application.bot_data.warm_up_zones = thread
        thread.start()


async def _awaiting_zone(update: Update, context: Context, user) -> None:
    await receive_zone_text(update, context)


COMMANDS = [
    ("start", N_("Welcome, and set up your time zone")),
    ("timezone", N_("See or change your time zone")),
]
OWN_COMMANDS = frozenset(name for name, _ in COMMANDS)
AWAITING = {"timezone": _awaiting_zone}
ASK_AGAIN = {"timezone": ask_zone_again}


def handlers() -> dict:
    private = filters.ChatType.PRIVATE
    new_message = private & filters.UpdateType.MESSAGE  # not an edit of an earlier one
    return {
        groups.WELCOME_AGAIN: [
            MessageHandler(new_message & ~filters.StatusUpdate.ALL, welcome_again),
            CallbackQueryHandler(welcome_again),
        ],
        groups.FEATURES: [
            CommandHandler("start", start, filters=private),
            CommandHandler("timezone", timezone_command, filters=private),
            MessageHandler(filters.LOCATION & private, receive_location),
            CallbackQueryHandler(zone_button, pattern=callbacks.pattern("tz")),
        ],
        groups.ASK_AGAIN: [MessageHandler(filters.COMMAND & new_message, ask_zone_after_command)],
    }


FEATURE = Feature(
    "start", handlers=handlers, commands=COMMANDS, awaiting=AWAITING, ask_again=ASK_AGAIN
)
