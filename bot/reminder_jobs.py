"""Reminders and snoozes as due items of the dispatcher (``bot.dispatcher``).

Each active reminder has one item, ``("reminder", user, reminder id)``, at its next
instant; a snooze has ``("snooze", user, reminder id)``. Why not ``run_daily``: it fires
twice on a DST fall-back day and counts weekdays from Sunday. We compute each next
instant with ``domain.schedule`` and keep ``last_fired_date`` in storage, so every
selected local date fires once. Storage is the truth: :func:`seed_reminders` and
:func:`seed_snoozes` derive the items from it (index build, :func:`reschedule_user`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import html
import logging
from collections.abc import Iterator
from datetime import datetime

from telegram import InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.ext import Application

from bot import callbacks, keyboards, sending
from bot.context import Context
from bot.dispatcher import DueItem, Seeding, UserData, dispatcher_of
from bot.i18n import _, use_language
from bot.processing import user_lock
from bot.safety_hold import hold_of, lift_button
from bot.services import Services
from bot.texts import reminders as texts
from bot.texts import routines as routine_texts
from bot.texts import safety as safety_texts
from domain import reminders as rules
from domain.models import Reminder, User, utcnow
from domain.routines import NoRoutineAvailable, routine_of_the_day
from domain.schedule import local_date_of, missed_fire
from domain.screening import is_suitable
from storage import update_preferences

logger = logging.getLogger(__name__)

REMINDER, SNOOZE = "reminder", "snooze"  # kinds of due items
# Reminder jobs that prepare their message at once (see fire).
FIRING_SLOTS = 48


def _services(application: Application) -> Services:
    return application.bot_data.services


def unschedule(application: Application, user_id: int, reminder_id: str) -> None:
    """Drop the reminder's regular and snooze items."""
    dispatcher = dispatcher_of(application)
    dispatcher.cancel(REMINDER, user_id, reminder_id)
    dispatcher.cancel(SNOOZE, user_id, reminder_id)


def cancel_snooze(application: Application, user_id: int, reminder_id: str) -> None:
    dispatcher_of(application).cancel(SNOOZE, user_id, reminder_id)


def schedule_next(
    application: Application, user: User, reminder: Reminder, now: datetime | None = None
) -> datetime | None:
    """(Re)schedule the reminder's next regular firing; None when it should not run."""
    dispatcher = dispatcher_of(application)
    if reminder.paused or not user.active or not user.timezone:
        dispatcher.cancel(REMINDER, user.user_id, reminder.id)
        return None
    due = rules.next_due(reminder, user.timezone, now or utcnow())
    dispatcher.schedule(REMINDER, user.user_id, due, reminder.id)
    return due


def schedule_snooze(application: Application, user: User, reminder: Reminder, at: datetime) -> None:
    dispatcher_of(application).schedule(SNOOZE, user.user_id, at, reminder.id)


async def reschedule_user(application: Application, user_id: int) -> None:
    """Rebuild this user's items from storage (time-zone change, came back, blocked)."""
    await dispatcher_of(application).reseed(user_id)


def seed_reminders(data: UserData, seeding: Seeding) -> Iterator[DueItem]:
    """Each active reminder's next instant; after downtime, the one missed within grace."""
    user, now = data.user, seeding.now
    if not user.active or not user.timezone:
        return
    for reminder in data.reminders:
        if reminder.paused:
            continue
        due = rules.next_due(reminder, user.timezone, now)
        if seeding.after_downtime:
            catch_up = rules.catch_up(reminder, user.timezone, now, seeding.grace)
            if catch_up.action == "send_late":
                due = catch_up.due
        yield DueItem(due, REMINDER, user.user_id, reminder.id)


def seed_snoozes(data: UserData, seeding: Seeding) -> Iterator[DueItem]:
    """Snoozes still ahead; after downtime, also one that passed within grace."""
    user, now = data.user, seeding.now
    if not user.active or not user.timezone:
        return
    for reminder in data.reminders:
        snoozed = reminder.snoozed_until
        if reminder.paused or snoozed is None:
            continue
        if snoozed > now or (seeding.after_downtime and now - snoozed <= seeding.grace):
            yield DueItem(snoozed, SNOOZE, user.user_id, reminder.id)


# ------------------------------------------------------------------------- firing


async def fire(context: Context, item: DueItem) -> None:
    """A reminder is due: send it unless that date fired or was skipped, then plan the next."""
    # Thousands may be due at once: only a bounded number read storage and queue their
    # send at a time, so a person's update still finds free worker threads.
    async with _firing_slots(context.application):
        await _fire(context, item)


def _firing_slots(application: Application) -> asyncio.Semaphore:
    data = application.bot_data
    if data.firing_slots is None:
        data.firing_slots = asyncio.Semaphore(FIRING_SLOTS)
    return data.firing_slots


async def _fire(context: Context, item: DueItem) -> None:
    application = context.application
    store = _services(application).store
    user = await store.get_user(item.user_id)
    reminder = await store.get_reminder(item.user_id, item.ref)
    if user is None or reminder is None or not user.active or not user.timezone:
        return
    now, grace = utcnow(), _services(application).config.reminder_grace
    if item.kind == SNOOZE:
        if now - item.at <= grace:
            await _fire_snooze(application, user, reminder, now)
        return
    if reminder.once_at is not None:
        await _fire_once(application, user, reminder, now, grace)
        return
    due = item.at
    day = local_date_of(due, user.timezone)
    # Missed while the bot was down (or stalled): late within the grace, else skipped.
    if missed_fire(due, now, grace) == "send_late" and rules.should_fire(reminder, day):
        unanswered = rules.unanswered_after_firing(reminder, user.last_seen_at)
        late = reminder.time if due < dispatcher_of(application).started_at else None
        sent = await _deliver(application, user, reminder, now, rules.wants_nudge(unanswered), late)
        after = max(now, due)
        if not sent:
            # Given up (network) or blocked: the next date still comes, unless blocked.
            await _plan_next(application, user.user_id, reminder.id, after)
            return
        await _plan_next(
            application,
            user.user_id,
            reminder.id,
            after,
            last_fired_at=now,
            last_fired_date=day,
            unanswered=unanswered,
            snoozed_until=None,
        )
        return
    schedule_next(application, user, reminder, max(now, due))  # both read just now


async def _plan_next(
    application: Application, user_id: int, reminder_id: str, after: datetime, **changes
) -> None:
    """Record the firing (``changes``) and plan the next date from what is stored then, in
    one hold of the user's lock: the send took a while (minutes, with retries), and
    meanwhile the user may have deleted, paused or changed the reminder, or their zone."""
    store = _services(application).store
    async with user_lock(application, user_id):
        if changes:
            reminder = await store.modify_reminder(
                user_id, reminder_id, lambda fresh: dataclasses.replace(fresh, **changes)
            )
        else:
            reminder = await store.get_reminder(user_id, reminder_id)
        user = await store.get_user(user_id)
        if reminder is not None and user is not None:  # else deleted meanwhile
            schedule_next(application, user, reminder, after)


async def _fire_once(
    application: Application, user: User, reminder: Reminder, now: datetime, grace
) -> None:
    """A one-off: sent (late within the grace, if the bot was down), then removed."""
    due = reminder.once_at
    if reminder.paused:
        return  # kept (shown as paused) until resumed or deleted
    if missed_fire(due, now, grace) == "send_late":
        late = reminder.time if due < dispatcher_of(application).started_at else None
        await _deliver(application, user, reminder, now, nudge=False, late=late)
    async with user_lock(application, user.user_id):
        await _services(application).store.delete_reminder(user.user_id, reminder.id)


async def _update_reminder(
    application: Application, user_id: int, reminder_id: str, **changes
) -> Reminder | None:
    """Apply ``changes`` to the freshest stored copy, under the user's lock.

    The message was sent without holding the lock; meanwhile the user may have paused,
    snoozed or changed this reminder, and those edits must survive.
    """
    store = _services(application).store
    async with user_lock(application, user_id):
        return await store.modify_reminder(
            user_id, reminder_id, lambda fresh: dataclasses.replace(fresh, **changes)
        )


async def _fire_snooze(application: Application, user: User, reminder: Reminder, now) -> None:
    if reminder.snoozed_until is None or reminder.paused:
        return
    today = local_date_of(now, user.timezone)
    reminder = await _update_reminder(application, user.user_id, reminder.id, snoozed_until=None)
    if reminder is None or reminder.skip_date == today or reminder.paused:
        return
    if await _deliver(application, user, reminder, now, nudge=False, late=None):
        await _update_reminder(application, user.user_id, reminder.id, last_fired_at=now)


async def _deliver(
    application: Application,
    user: User,
    reminder: Reminder,
    now: datetime,
    nudge: bool,
    late: str | None,
) -> bool:
    """Send the reminder message, in the user's language; False when they cannot be reached.

    The language is set here for this user alone: a job runs in whatever context armed it
    (see PITFALLS: context variables leak into scheduler jobs), never the update's.
    """
    with use_language(user.preferences.language or "en"):
        text, markup = reminder_message(application, user, reminder, now, nudge)
        if late:
            text += _(texts.LATE_NOTE).format(time=late)
        sent = await sending.send_message(
            application,
            user.chat_id,
            text,
            what="a reminder",
            user_id=user.user_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
        )
    return sent is not None


async def pause_blocked_user(application: Application, user_id: int) -> None:
    """The user blocked the bot: mark them inactive and drop their items, logged once.

    The send policy's ``on_blocked`` (``bot/sending.py``, installed in ``bot/app.py``), which
    calls it once at a time per user; a later call finds the user inactive and does
    nothing, so a block never turns into repeated attempts or log lines.
    """
    store = _services(application).store
    user = await store.get_user(user_id)
    if user is None or not user.active:
        return
    logger.info("User %s blocked the bot (or their chat is gone); pausing their reminders", user_id)
    await store.update_user(user_id, active=False)
    await reschedule_user(application, user_id)  # inactive: nothing is due any more


def reminder_message(
    application: Application, user: User, reminder: Reminder, now: datetime, nudge: bool
) -> tuple[str, InlineKeyboardMarkup]:
    """The text and buttons of one reminder: the routine of the day, or the check-in."""
    rid = reminder.id
    rows: list[list[tuple[str, str]]] = []
    if reminder.kind == "checkin":
        text = _(texts.CHECKIN_REMINDER)
        levels = [(str(n), callbacks.PainLevel(n, "ci").pack()) for n in range(11)]
        rows += [levels[:6], levels[6:]]
    elif (hold := hold_of(user)) is not None:
        # After a serious warning sign: one line why, and the way to lift the hold.
        # No snooze or "another time?" nudge: there is nothing to do with it until then.
        return safety_texts.reminder_held(hold), keyboards.inline([[lift_button()]])
    else:
        text, routine_id = _routine_text(application, user, reminder, now)
        if routine_id:
            rows.append([(_(texts.START_NOW_BUTTON), callbacks.StartRoutine(routine_id).pack())])
        else:  # nothing suits today: open the routine menu instead
            rows.append([(_(texts.CHOOSE_ROUTINE_BUTTON), callbacks.RoutinesOpen("new").pack())])
    if reminder.once_at is not None:
        return text, keyboards.inline(rows)  # fires once: nothing to snooze or skip
    rows.append(
        [
            (_(texts.SNOOZE_15_BUTTON), callbacks.Snooze(rid, 15).pack()),
            (_(texts.SNOOZE_60_BUTTON), callbacks.Snooze(rid, 60).pack()),
        ]
    )
    rows.append([(_(texts.SKIP_TODAY_BUTTON), callbacks.ReminderButton("skip", rid).pack())])
    if nudge:
        text += _(texts.NUDGE)
        rows.append(
            [
                (_(texts.NUDGE_CHANGE_BUTTON), callbacks.ReminderButton("chg", rid).pack()),
                (_(texts.NUDGE_PAUSE_BUTTON), callbacks.ReminderButton("pause", rid).pack()),
            ]
        )
    return text, keyboards.inline(rows)


def _routine_text(
    application: Application, user: User, reminder: Reminder, now: datetime
) -> tuple[str, str | None]:
    library = _services(application).content()
    today = local_date_of(now, user.timezone)
    # The safety answers (all conditions until answered): never offer what they rule out.
    conditions = user.preferences.screening.respected()
    routine = library.routines.get(reminder.routine_id) if reminder.routine_id else None
    why = ""
    if routine is not None and not is_suitable(routine, conditions):
        why = _(texts.ROUTINE_UNSUITABLE_LINE).format(title=html.escape(routine.title))
        routine = None
    if routine is None:
        try:
            routine = routine_of_the_day(
                library,
                user_id=user.user_id,
                local_date=today,
                preferred_area=user.preferences.pain_area,
                equipment=set(user.equipment) or None,
                avoid_deep=user.preferences.red_flag_date == today,
                conditions=conditions,
            )
        except (NoRoutineAvailable, ValueError):  # ValueError: a pain area or tool we lost
            return _(texts.ROUTINE_REMINDER_FALLBACK) + why, None
    text = _(texts.ROUTINE_REMINDER).format(
        title=html.escape(routine.title),
        minutes=routine_texts.minutes_short(routine.minutes),
        summary=html.escape(routine.summary),
    )
    return text + why, routine.id


async def welcome_back(application: Application, before: User | None) -> bool:
    """Called by /start with the profile as it was: resume after a block or /stop.

    Returns True when reminders that /stop paused were switched back on.
    """
    if before is None:
        return False
    store = application.bot_data.services.store
    resumed = False
    if before.preferences.reminders_stopped:
        for reminder in await store.list_reminders(before.user_id):
            if reminder.paused:
                await store.save_reminder(
                    before.user_id, dataclasses.replace(reminder, paused=False)
                )
        await update_preferences(store, before.user_id, reminders_stopped=False)
        resumed = True
    if resumed or not before.active:
        await reschedule_user(application, before.user_id)
    if resumed:
        await application.bot.send_message(before.chat_id, _(texts.RESUMED_ON_START))
    return resumed
