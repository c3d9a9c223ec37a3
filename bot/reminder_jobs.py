"""Reminder jobs: one ``run_once`` per reminder, rescheduled after every firing.

Why not ``run_daily``: it fires twice on a DST fall-back day and counts weekdays from
Sunday. We compute each next instant with ``domain.schedule`` and keep ``last_fired_date``
in storage, so every selected local date fires once. PTB does not persist jobs: storage
is the truth, and :func:`schedule_all` rebuilds the jobs at start-up under stable names
(``u{uid}:rem:{rid}``, ``u{uid}:rem:{rid}:snooze``), replacing any job of the same name.
"""

from __future__ import annotations

import asyncio
import dataclasses
import html
import logging
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackContext

from bot import callbacks, keyboards, sending
from bot.jobs import OnceJob, remove_named, replace_once, replace_once_many
from bot.processing import user_lock
from bot.safety_hold import hold_of, lift_button
from bot.services import SERVICES_KEY, Services
from bot.startup import startup_users
from bot.texts import reminders as texts
from bot.texts import safety as safety_texts
from domain import reminders as rules
from domain.models import Reminder, User, utcnow
from domain.routines import NoRoutineAvailable, routine_of_the_day
from domain.schedule import local_date_of
from domain.screening import is_suitable

logger = logging.getLogger(__name__)

# Reminder jobs that prepare their message at once (see fire).
FIRING_SLOTS = 48
_FIRING_SLOTS_KEY = "reminder_firing_slots"
# Start-up work that is due "now" runs this much later, once the scheduler is running.
_SOON = timedelta(milliseconds=200)


def job_name(user_id: int, reminder_id: str) -> str:
    return f"u{user_id}:rem:{reminder_id}"


def snooze_job_name(user_id: int, reminder_id: str) -> str:
    return f"{job_name(user_id, reminder_id)}:snooze"


def _services(application: Application) -> Services:
    return application.bot_data[SERVICES_KEY]


def _remove_named(application: Application, name: str) -> None:
    remove_named(application, name)  # one look-up: job names are APScheduler ids


def unschedule(application: Application, user_id: int, reminder_id: str) -> None:
    """Drop the reminder's regular and snooze jobs."""
    _remove_named(application, job_name(user_id, reminder_id))
    _remove_named(application, snooze_job_name(user_id, reminder_id))


async def remove_user_jobs(application: Application, user_id: int) -> None:
    """Drop every reminder job of this user (blocked the bot, /forget)."""
    prefix = f"u{user_id}:rem:"
    for job in application.job_queue.jobs():
        if job.name and job.name.startswith(prefix):
            job.schedule_removal()


def _add_job(
    application: Application, name: str, when: datetime, user: User, data: dict[str, Any]
) -> None:
    # Stable names double as job ids: a job of the same name is replaced, never doubled.
    replace_once(
        application,
        fire,
        when,
        name,
        data={"user_id": user.user_id, **data},
        chat_id=user.chat_id,
        user_id=user.user_id,
        misfire_grace_time=_grace_seconds(application),
    )


def _grace_seconds(application: Application) -> int:
    return int(_services(application).config.reminder_grace.total_seconds()) or 1


def schedule_next(
    application: Application,
    user: User,
    reminder: Reminder,
    now: datetime | None = None,
    *,
    fresh: bool = False,
) -> datetime | None:
    """(Re)schedule the reminder's next regular firing; None when it should not run.

    ``fresh``: the queue holds no job of this reminder yet (start-up), skip the removal.
    """
    if not fresh:
        _remove_named(application, job_name(user.user_id, reminder.id))
    if reminder.paused or not user.active or not user.timezone:
        return None
    due = rules.next_due(reminder, user.timezone, now or utcnow())
    data = {"reminder_id": reminder.id, "due": due.isoformat()}
    _add_job(application, job_name(user.user_id, reminder.id), due, user, data)
    return due


def schedule_snooze(application: Application, user: User, reminder: Reminder, at: datetime) -> None:
    data = {"reminder_id": reminder.id, "snooze": True}
    _add_job(application, snooze_job_name(user.user_id, reminder.id), at, user, data)


async def reschedule_user(application: Application, user_id: int) -> None:
    """Rebuild this user's jobs from storage (time-zone change, came back after a block)."""
    store = _services(application).store
    user = await store.get_user(user_id)
    if user is None:
        return
    if not user.active:
        await remove_user_jobs(application, user_id)
        return
    now = utcnow()
    for reminder in await store.list_reminders(user_id):
        schedule_next(application, user, reminder, now)
        if reminder.snoozed_until and reminder.snoozed_until > now and not reminder.paused:
            schedule_snooze(application, user, reminder, reminder.snoozed_until)


async def schedule_all(application: Application) -> None:
    """At start-up: a job per active reminder, plus what was missed while we were down.

    The jobs are the ones ``_add_job`` makes, added in one batch (``replace_once_many``).
    """
    services = _services(application)
    now, grace = utcnow(), services.config.reminder_grace
    pairs = [(s.user, r) for s in await startup_users(application) for r in s.reminders]
    jobs: list[OnceJob] = []

    def add(name: str, when: datetime, user: User, data: dict[str, Any]) -> None:
        data = {"user_id": user.user_id, **data}
        jobs.append(OnceJob(name, when, data, user.chat_id, user.user_id))

    for user, reminder in pairs:
        if not user.active or not user.timezone or reminder.paused:
            continue
        catch_up = rules.catch_up(reminder, user.timezone, now, grace)
        name = job_name(user.user_id, reminder.id)
        if catch_up.action == "send_late":
            data = {"reminder_id": reminder.id, "due": catch_up.due.isoformat(), "late": True}
            add(name, now + _SOON, user, data)
        else:
            due = rules.next_due(reminder, user.timezone, now)
            add(name, due, user, {"reminder_id": reminder.id, "due": due.isoformat()})
        snoozed = reminder.snoozed_until
        if snoozed is not None and now - snoozed <= grace:
            data = {"reminder_id": reminder.id, "snooze": True}
            add(snooze_job_name(user.user_id, reminder.id), max(snoozed, now + _SOON), user, data)
    replace_once_many(application, fire, jobs, misfire_grace_time=_grace_seconds(application))


# ------------------------------------------------------------------------- firing


async def fire(context: CallbackContext) -> None:
    """A reminder's job: send it unless that date fired or was skipped, then plan the next."""
    # Thousands may be due at once: only a bounded number read storage and queue their
    # send at a time, so a person's update still finds free worker threads.
    async with _firing_slots(context.application):
        await _fire(context)


def _firing_slots(application: Application) -> asyncio.Semaphore:
    slots = application.bot_data.get(_FIRING_SLOTS_KEY)
    if slots is None:
        slots = application.bot_data[_FIRING_SLOTS_KEY] = asyncio.Semaphore(FIRING_SLOTS)
    return slots


async def _fire(context: CallbackContext) -> None:
    application = context.application
    data = context.job.data
    store = _services(application).store
    user = await store.get_user(data["user_id"])
    reminder = await store.get_reminder(data["user_id"], data["reminder_id"])
    if user is None or reminder is None or not user.active or not user.timezone:
        return
    now = utcnow()
    if data.get("snooze"):
        await _fire_snooze(application, user, reminder, now)
        return
    due = datetime.fromisoformat(data["due"])
    day = local_date_of(due, user.timezone)
    if rules.should_fire(reminder, day):
        unanswered = rules.unanswered_after_firing(reminder, user.last_seen_at)
        late = reminder.time if data.get("late") else None
        sent = await _deliver(application, user, reminder, now, rules.wants_nudge(unanswered), late)
        if not sent:
            return
        marked = await _update_reminder(
            application,
            user.user_id,
            reminder.id,
            last_fired_at=now,
            last_fired_date=day,
            unanswered=unanswered,
            snoozed_until=None,
        )
        if marked is None:
            return  # deleted while the message was on its way
        reminder = marked
    schedule_next(application, user, reminder, max(now, due))


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
    """Send the reminder message; False when the user cannot be reached."""
    text, markup = reminder_message(application, user, reminder, now, nudge)
    if late:
        text += texts.LATE_NOTE.format(time=late)
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
    """The user blocked the bot: mark them inactive and drop their jobs, logged once.

    The send policy's ``on_blocked`` (``bot/sending.py``, installed in ``bot/app.py``), which
    calls it once at a time per user; a later call finds the user inactive and does
    nothing, so a block never turns into repeated attempts or log lines.
    """
    store = _services(application).store
    user = await store.get_user(user_id)
    if user is None or not user.active:
        return
    logger.info("User %s blocked the bot; pausing their reminders", user_id)
    await store.update_user(user_id, active=False)
    await remove_user_jobs(application, user_id)


def reminder_message(
    application: Application, user: User, reminder: Reminder, now: datetime, nudge: bool
) -> tuple[str, InlineKeyboardMarkup]:
    """The text and buttons of one reminder: the routine of the day, or the check-in."""
    rid = reminder.id
    rows: list[list[tuple[str, str]]] = []
    if reminder.kind == "checkin":
        text = texts.CHECKIN_REMINDER
        levels = [(str(n), callbacks.PainLevel(n, "ci").pack()) for n in range(11)]
        rows += [levels[:6], levels[6:]]
    elif (hold := hold_of(user)) is not None:
        # After a serious warning sign: one line why, and the way to lift the hold.
        # No snooze or "another time?" nudge: there is nothing to do with it until then.
        return safety_texts.reminder_held(hold), keyboards.inline([[lift_button()]])
    else:
        text, routine_id = _routine_text(application, user, reminder, now)
        if routine_id:
            rows.append([(texts.START_NOW_BUTTON, callbacks.StartRoutine(routine_id).pack())])
        else:  # nothing suits today: open the routine menu instead
            rows.append([(texts.CHOOSE_ROUTINE_BUTTON, callbacks.RoutinesOpen("new").pack())])
    rows.append(
        [
            (texts.SNOOZE_15_BUTTON, callbacks.Snooze(rid, 15).pack()),
            (texts.SNOOZE_60_BUTTON, callbacks.Snooze(rid, 60).pack()),
        ]
    )
    rows.append([(texts.SKIP_TODAY_BUTTON, callbacks.ReminderButton("skip", rid).pack())])
    if nudge:
        text += texts.NUDGE
        rows.append(
            [
                (texts.NUDGE_CHANGE_BUTTON, callbacks.ReminderButton("chg", rid).pack()),
                (texts.NUDGE_PAUSE_BUTTON, callbacks.ReminderButton("pause", rid).pack()),
            ]
        )
    return text, keyboards.inline(rows)


def _routine_text(
    application: Application, user: User, reminder: Reminder, now: datetime
) -> tuple[str, str | None]:
    library = _services(application).library
    today = local_date_of(now, user.timezone)
    # The safety answers (all conditions until answered): never offer what they rule out.
    conditions = user.preferences.screening.respected()
    routine = library.routines.get(reminder.routine_id) if reminder.routine_id else None
    why = ""
    if routine is not None and not is_suitable(routine, conditions):
        why = texts.ROUTINE_UNSUITABLE_LINE.format(title=html.escape(routine.title))
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
            return texts.ROUTINE_REMINDER_FALLBACK + why, None
    text = texts.ROUTINE_REMINDER.format(
        title=html.escape(routine.title),
        minutes=routine.minutes,
        summary=html.escape(routine.summary),
    )
    return text + why, routine.id
