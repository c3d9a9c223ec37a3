"""/remind, /reminders and /stop: reminders at the local time the user chose, and only then.

The /remind wizard keeps its draft in ``user.preferences.remind_draft`` and waits for a
typed time through ``user.awaiting``, so a restart in the middle loses nothing. Jobs and
firing live in ``bot.reminder_jobs`` (due items of ``bot.dispatcher``).
"""

from __future__ import annotations

import dataclasses
import html
from datetime import timedelta
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import callbacks, keyboards
from bot import texts as common_texts
from bot.context import Context
from bot.dispatcher import DueKind
from bot.features import Feature
from bot.handlers.common import current_user, id_for_update, reply
from bot.i18n import N_, _, current_language, day_name
from bot.i18n import format_time as format_clock
from bot.reminder_jobs import (
    REMINDER,
    SNOOZE,
    cancel_snooze,
    fire,
    reschedule_user,
    schedule_next,
    schedule_snooze,
    seed_reminders,
    seed_snoozes,
    unschedule,
    welcome_back,
)
from bot.services import services
from bot.texts import reminders as texts
from domain import reminders as rules
from domain.conversation import Awaiting
from domain.models import Reminder, User, utcnow
from domain.preferences import DeletedReminder, ReminderDraft
from domain.reminder_requests import ReminderRequest, parse_reminder_request
from domain.schedule import (
    EVERY_DAY,
    WEEKDAYS,
    WEEKENDS,
    ScheduleParseError,
    format_time,
    local_date_of,
    parse_time,
)
from domain.screening import is_suitable
from storage import new_id, update_preferences

__all__ = ["reschedule_user", "welcome_back", "handlers", "DUE"]

COMMON_TIMES = ("07:00", "08:00", "12:00", "18:00", "20:00", "21:00")
DAY_GROUPS = {"daily": EVERY_DAY, "weekdays": WEEKDAYS, "weekends": WEEKENDS}


def _parse_error(error: ScheduleParseError, *, time_only: bool = False) -> str:
    """Why a typed reminder or time was not understood, with an example that works.

    The reasons come from the English reader (domain.schedule, domain.reminder_requests),
    so another language gets one translated sentence instead (the buttons are its way).
    """
    if current_language() != "en":
        template = texts.TIME_NOT_UNDERSTOOD if time_only else texts.REQUEST_NOT_UNDERSTOOD
        return _(template).format(example=html.escape(error.example))
    return _(texts.PARSE_ERROR).format(
        message=html.escape(error.message), example=html.escape(error.example)
    )


def _time_buttons(
    button: type[callbacks.DraftTime | callbacks.ChangeTimeTo], key: str
) -> list[list[tuple[str, str]]]:
    buttons = [(t, button(key, t.replace(":", "")).pack()) for t in COMMON_TIMES]
    return [buttons[:3], buttons[3:]]


# ------------------------------------------------------------------ creating


def _requested(update: Update, request: ReminderRequest) -> list[Reminder]:
    """The reminders a request makes: one, or one per time of a series."""
    # The id comes from the update: handled again after a crash, it replaces, not doubles.
    base = id_for_update(update)
    return [
        Reminder(
            id=base if n == 0 else f"{base[:6]}{n:02d}",
            kind=request.kind,
            days=request.days,
            time=format_time(at),
            once_at=request.once_at,
        )
        for n, at in enumerate(request.times)
    ]


async def _create(update: Update, context: Context, user: User, wanted: list[Reminder]) -> None:
    """Store the new reminders (not those the user has already), schedule and confirm them."""
    store = services(context).store
    existing = await store.list_reminders(user.user_id)
    now, zone = utcnow(), user.timezone
    new = [r for r in wanted if not any(rules.same_schedule(r, old) for old in existing)]
    if not new:
        described = texts.describe_reminder(wanted[0], zone, now)
        await reply(update, _(texts.ALREADY_EXISTS).format(description=html.escape(described)))
        return
    if len(existing) + len(new) > rules.MAX_REMINDERS:
        await reply(update, _(texts.LIMIT_REACHED).format(limit=rules.MAX_REMINDERS))
        return
    for reminder in new:
        await store.add_reminder(user.user_id, reminder)
        schedule_next(context.application, user, reminder)
    lines = [html.escape(texts.describe_reminder(r, zone, now)) for r in new]
    text = _(texts.CREATED) if len(new) == 1 else _(texts.CREATED_MANY)
    if len(new) < len(wanted):
        text += texts.some_existed(len(wanted) - len(new))
    await reply(update, text.format(description="\n• ".join(lines)))


async def _may_add(update: Update, context: Context, user: User) -> bool:
    if not user.timezone:
        await reply(update, _(common_texts.NEED_TIMEZONE_FIRST))
        return False
    if len(await services(context).store.list_reminders(user.user_id)) >= rules.MAX_REMINDERS:
        await reply(update, _(texts.LIMIT_REACHED).format(limit=rules.MAX_REMINDERS))
        return False
    return True


async def remind(update: Update, context: Context) -> None:
    """/remind: the button wizard, or a one-liner like "/remind weekdays 18:00"."""
    user = await current_user(update, context)
    if not await _may_add(update, context, user):
        return
    if context.args:
        try:
            request = parse_reminder_request(" ".join(context.args), utcnow(), user.timezone)
        except ScheduleParseError as error:
            await reply(update, _parse_error(error))
            return
        await _create(update, context, user, _requested(update, request))
        return
    rows = [
        [
            (_(texts.KIND_ROUTINE_BUTTON), callbacks.NewReminder("routine").pack()),
            (_(texts.KIND_CHECKIN_BUTTON), callbacks.NewReminder("checkin").pack()),
        ]
    ]
    await reply(update, _(texts.ASK_KIND), reply_markup=keyboards.inline(rows))


def _days_keyboard(draft_id: str):
    rows = [
        [(_(texts.EVERY_DAY_BUTTON), callbacks.DraftDays(draft_id, "daily").pack())],
        [
            (_(texts.WEEKDAYS_BUTTON), callbacks.DraftDays(draft_id, "weekdays").pack()),
            (_(texts.WEEKENDS_BUTTON), callbacks.DraftDays(draft_id, "weekends").pack()),
        ],
        [(_(texts.PICK_DAYS_BUTTON), callbacks.PickDays(draft_id).pack())],
    ]
    return keyboards.inline(rows)


def _pick_keyboard(draft_id: str, picked: list[int]):
    buttons = [
        (
            ("✅ " if day in picked else "") + day_name(day, "short"),
            callbacks.ToggleDay(draft_id, day).pack(),
        )
        for day in range(7)
    ]
    rows = [
        buttons[:4],
        buttons[4:],
        [(_(texts.DONE_BUTTON), callbacks.DaysDone(draft_id).pack())],
    ]
    return keyboards.inline(rows)


async def _save_draft(context, user: User, draft: ReminderDraft | None, **changes) -> None:
    """Keep the draft (and e.g. what we wait for) on the freshest profile, in one write."""

    def change(current: User | None) -> User | None:
        if current is None:
            return None
        preferences = dataclasses.replace(current.preferences, remind_draft=draft)
        return dataclasses.replace(current, preferences=preferences, **changes)

    await services(context).store.modify_user(user.user_id, change)


_WIZARD = (
    callbacks.NewReminder,
    callbacks.DraftDays,
    callbacks.PickDays,
    callbacks.ToggleDay,
    callbacks.DaysDone,
    callbacks.DraftTime,
)


async def reminder_button(update: Update, context: Context) -> None:
    """Every rem:* button: the /remind wizard's, or one reminder's."""
    data = callbacks.parse(update.callback_query.data)
    if isinstance(data, _WIZARD):
        await wizard_button(update, context, data)
    else:
        await manage_button(update, context, data)


async def wizard_button(update: Update, context, data: callbacks.CallbackData) -> None:
    """The wizard's steps: kind (rem:new) → days (rem:days/pick/tog/done) → time (rem:at)."""
    query = update.callback_query
    user = await current_user(update, context)
    if isinstance(data, callbacks.NewReminder):
        if data.kind not in rules.KIND_LABELS or not user.timezone:
            await query.answer(_(common_texts.STALE_BUTTON))
            return
        draft = ReminderDraft(new_id(), data.kind)
        await _save_draft(context, user, draft)
        await query.answer()
        await query.edit_message_text(
            _(texts.ASK_DAYS), parse_mode="HTML", reply_markup=_days_keyboard(draft.id)
        )
        return
    draft = user.preferences.remind_draft
    if draft is None or draft.id != getattr(data, "draft_id", None):
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    await _wizard_step(update, context, user, draft, data)


async def _wizard_step(update, context, user: User, draft: ReminderDraft, data) -> None:
    query = update.callback_query
    if isinstance(data, callbacks.DraftDays):
        draft = dataclasses.replace(draft, days=tuple(DAY_GROUPS[data.days]))
    elif isinstance(data, callbacks.PickDays):
        await query.answer()
        await query.edit_message_text(
            _(texts.ASK_PICK_DAYS), parse_mode="HTML", reply_markup=_pick_keyboard(draft.id, [])
        )
        return
    elif isinstance(data, callbacks.ToggleDay):
        day = data.day
        picked = sorted(set(draft.days) ^ {day})
        await _save_draft(context, user, dataclasses.replace(draft, days=tuple(picked)))
        await query.answer()
        await query.edit_message_reply_markup(reply_markup=_pick_keyboard(draft.id, picked))
        return
    elif isinstance(data, callbacks.DaysDone):
        if not draft.days:
            await query.answer(_(texts.PICK_AT_LEAST_ONE))
            return
    elif isinstance(data, callbacks.DraftTime) and draft.days:
        await _finish_wizard(update, context, user, draft, data.time)
        return
    else:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    await _save_draft(context, user, draft, awaiting=Awaiting("remind_time", draft.id))
    await query.answer()
    await query.edit_message_text(
        _(texts.ASK_TIME).format(zone=html.escape(user.timezone or "UTC")),
        parse_mode="HTML",
        reply_markup=keyboards.inline(_time_buttons(callbacks.DraftTime, draft.id)),
    )


async def _accepted_time(update, typed: str):
    """The time tapped or typed, acknowledged; None (and the user told why) if invalid."""
    query = update.callback_query
    try:
        at = parse_time(typed)
    except ScheduleParseError as error:
        if query:
            await query.answer(_(common_texts.STALE_BUTTON))
        else:
            await reply(update, _parse_error(error, time_only=True))
        return None
    if query:
        await query.answer()
        await query.edit_message_reply_markup(reply_markup=None)
    return at


async def _finish_wizard(update, context, user: User, draft: ReminderDraft, typed: str) -> None:
    """A time for the draft, tapped or typed: create the reminder, or say what is wrong."""
    at = await _accepted_time(update, typed)
    if at is None:
        return
    await _save_draft(context, user, None, awaiting=None)
    if await _may_add(update, context, user):
        request = ReminderRequest(draft.kind, tuple(draft.days), (at,))
        await _create(update, context, user, _requested(update, request))


async def _awaiting_new_time(update: Update, context: Context, user) -> None:
    draft = user.preferences.remind_draft
    if draft is None or user.awaiting != Awaiting("remind_time", draft.id) or not draft.days:
        await services(context).store.update_user(user.user_id, awaiting=None)
        await reply(update, _(common_texts.UNEXPECTED_TEXT))
        return
    await _finish_wizard(update, context, user, draft, update.message.text or "")


# ------------------------------------------------------------------ listing


async def _list_view(context, user: User, undo: bool = False):
    """The /reminders text and its per-reminder buttons; with ``undo``, right after a
    delete, the button that brings the deleted one back."""
    now, zone = utcnow(), user.timezone or "UTC"
    stored = await services(context).store.list_reminders(user.user_id)
    reminders = rules.in_order_of_next(stored, zone, now)
    kept = user.preferences.deleted_reminder if undo else None
    undo_row = [(_(texts.UNDO_DELETE_BUTTON), callbacks.UndoDelete(kept.id).pack())] if kept else []
    if not reminders:
        return _(texts.LIST_EMPTY), keyboards.inline([undo_row]) if undo_row else None
    lines, rows = [], []
    for n, reminder in enumerate(reminders, start=1):
        lines.append(f"{n}. {html.escape(texts.describe_reminder(reminder, zone, now))}")
        rows += _reminder_rows(n, reminder)
    if any(r.paused for r in reminders):
        rows.append([(_(texts.RESUME_ALL_BUTTON), callbacks.ResumeAll().pack())])
    if undo_row:
        rows.append(undo_row)
    return _(texts.LIST_HEADER) + "\n".join(lines), keyboards.inline(rows)


def _reminder_rows(n: int, reminder: Reminder) -> list[list[tuple[str, str]]]:
    """Pause or resume, time, days and delete; which routine, for a routine reminder."""
    rid = reminder.id
    toggle = "resume" if reminder.paused else "pause"
    label = _(texts.RESUME_BUTTON) if reminder.paused else _(texts.PAUSE_BUTTON)
    row = [(label.format(n=n), callbacks.ReminderButton(toggle, rid, "l").pack())]
    if reminder.once_at is None:
        row.append(
            (_(texts.CHANGE_BUTTON).format(n=n), callbacks.ReminderButton("chg", rid).pack())
        )
        row.append(
            (_(texts.DAYS_BUTTON).format(n=n), callbacks.ReminderButton("wdays", rid).pack())
        )
    row.append((_(texts.DELETE_BUTTON).format(n=n), callbacks.ReminderButton("del", rid).pack()))
    rows = [row]
    if reminder.kind == "routine":
        rows.append(
            [(_(texts.ROUTINE_BUTTON).format(n=n), callbacks.ReminderButton("rtn", rid).pack())]
        )
    return rows


async def list_reminders(update: Update, context: Context) -> None:
    """/reminders: every reminder in words, with pause/resume, change time and delete."""
    user = await current_user(update, context)
    text, markup = await _list_view(context, user)
    await reply(update, text, reply_markup=markup)


async def _refresh_list(update, context, user: User, undo: bool = False) -> None:
    text, markup = await _list_view(context, user, undo)
    await update.callback_query.edit_message_text(text, parse_mode="HTML", reply_markup=markup)


async def _set_paused(context, user: User, reminders: list[Reminder], paused: bool) -> int:
    store, changed = services(context).store, 0
    for reminder in reminders:
        if reminder.paused == paused:
            continue
        reminder = dataclasses.replace(reminder, paused=paused, snoozed_until=None)
        await store.save_reminder(user.user_id, reminder)
        unschedule(context.application, user.user_id, reminder.id)
        schedule_next(context.application, user, reminder)
        changed += 1
    return changed


async def stop(update: Update, context: Context) -> None:
    """/stop: pause every reminder (resume from /reminders or /start)."""
    user = await current_user(update, context)
    reminders = await services(context).store.list_reminders(user.user_id)
    count = await _set_paused(context, user, reminders, paused=True)
    if not count:
        await reply(update, _(texts.STOPPED_NONE))
        return
    await _set_stopped_flag(context, user, True)
    await reply(update, _(texts.STOPPED).format(count=count))


async def _set_stopped_flag(context, user: User, stopped: bool) -> None:
    await update_preferences(services(context).store, user.user_id, reminders_stopped=stopped)


def _action_of(data: callbacks.CallbackData | None) -> str | None:
    if isinstance(data, callbacks.ReminderButton):
        return data.action
    if isinstance(data, callbacks.Snooze):
        return "snz"
    if isinstance(data, callbacks.ChangeTimeTo):
        return "ctime"
    if isinstance(data, callbacks.ChangeDays):
        return "cdays"
    if isinstance(data, callbacks.SetDays):
        return "sdays"
    if isinstance(data, callbacks.SetRoutine):
        return "srt"
    return None


async def manage_button(update: Update, context, data: callbacks.CallbackData | None) -> None:
    """rem:pause/resume/chg/del/resall/snz/skip/ctime: ids are looked up in the presser's data."""
    query = update.callback_query
    user = await current_user(update, context)
    store = services(context).store
    if isinstance(data, callbacks.ResumeAll):
        await _set_paused(context, user, await store.list_reminders(user.user_id), paused=False)
        await _set_stopped_flag(context, user, False)
        await query.answer()
        await _refresh_list(update, context, user)
        return
    if isinstance(data, callbacks.UndoDelete):
        await _undo_delete(update, context, user, data)
        return
    action = _action_of(data)
    reminder = await store.get_reminder(user.user_id, data.reminder_id) if action else None
    if reminder is None or not user.timezone:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    await _BUTTONS[action](update, context, user, reminder, data)


async def _pause_or_resume(update, context, user: User, reminder: Reminder, data) -> None:
    query = update.callback_query
    await _set_paused(context, user, [reminder], paused=data.action == "pause")
    await query.answer()
    if data.origin == "l":
        await _refresh_list(update, context, user)
    else:
        await reply(update, _(texts.PAUSED_ONE))


async def _delete(update, context, user: User, reminder: Reminder, data) -> None:
    """Delete, keeping a copy for the Undo button shown under the list."""
    store = services(context).store
    kept = DeletedReminder(
        id=reminder.id,
        kind=reminder.kind,
        days=tuple(reminder.days),
        time=reminder.time,
        routine_id=reminder.routine_id,
        once_at=reminder.once_at,
        last_fired_date=reminder.last_fired_date,
    )
    user = await update_preferences(store, user.user_id, deleted_reminder=kept)
    await store.delete_reminder(user.user_id, reminder.id)
    unschedule(context.application, user.user_id, reminder.id)
    await update.callback_query.answer()
    await _refresh_list(update, context, user, undo=True)


async def _undo_delete(update, context, user: User, data: callbacks.UndoDelete) -> None:
    kept = user.preferences.deleted_reminder
    query = update.callback_query
    if kept is None or kept.id != data.reminder_id:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    store = services(context).store
    if len(await store.list_reminders(user.user_id)) >= rules.MAX_REMINDERS:
        await query.answer(_(texts.LIMIT_REACHED_SHORT))
        return
    reminder = Reminder(**dataclasses.asdict(kept))
    await store.add_reminder(user.user_id, reminder)
    user = await update_preferences(store, user.user_id, deleted_reminder=None)
    schedule_next(context.application, user, reminder)
    await query.answer(_(texts.RESTORED))
    await _refresh_list(update, context, user)


def _days_picker(reminder_id: str, mask: int):
    toggles = [
        (
            ("✅ " if mask >> day & 1 else "") + day_name(day, "short"),
            callbacks.ChangeDays(reminder_id, mask ^ (1 << day)).pack(),
        )
        for day in range(7)
    ]
    presets = [
        (_(texts.EVERY_DAY_BUTTON), callbacks.SetDays(reminder_id, _mask(EVERY_DAY)).pack()),
        (_(texts.WEEKDAYS_BUTTON), callbacks.SetDays(reminder_id, _mask(WEEKDAYS)).pack()),
        (_(texts.WEEKENDS_BUTTON), callbacks.SetDays(reminder_id, _mask(WEEKENDS)).pack()),
    ]
    done = [(_(texts.DONE_BUTTON), callbacks.SetDays(reminder_id, mask).pack())]
    return keyboards.inline([presets, toggles[:4], toggles[4:], done])


def _mask(days) -> int:
    return sum(1 << day for day in set(days))


async def _ask_days(update, context, user: User, reminder: Reminder, data) -> None:
    await update.callback_query.answer()
    description = html.escape(texts.describe_reminder(reminder, user.timezone, utcnow()))
    await reply(
        update,
        _(texts.ASK_NEW_DAYS).format(description=description),
        reply_markup=_days_picker(reminder.id, _mask(reminder.days)),
    )


async def _toggle_day(update, context, user: User, reminder: Reminder, data) -> None:
    await update.callback_query.answer()
    markup = _days_picker(reminder.id, data.mask)
    await update.callback_query.edit_message_reply_markup(reply_markup=markup)


async def _set_days(update, context, user: User, reminder: Reminder, data) -> None:
    query = update.callback_query
    days = tuple(day for day in range(7) if data.mask >> day & 1)
    if not days or reminder.once_at is not None:
        await query.answer(_(texts.PICK_AT_LEAST_ONE) if not days else _(common_texts.STALE_BUTTON))
        return
    reminder = dataclasses.replace(reminder, days=days, unanswered=0)
    await _save_changed(update, context, user, reminder)


async def _save_changed(update, context, user: User, reminder: Reminder) -> None:
    """Store a changed reminder, plan its next firing and say what it is now."""
    await services(context).store.save_reminder(user.user_id, reminder)
    schedule_next(context.application, user, reminder)
    description = html.escape(texts.describe_reminder(reminder, user.timezone, utcnow()))
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(
        _(texts.CHANGED).format(description=description), parse_mode="HTML"
    )


def _suitable_routines(context, user: User) -> list:
    conditions = user.preferences.screening.respected()
    routines = services(context).content().routines.values()
    return [r for r in routines if is_suitable(r, conditions)]


async def _ask_routine(update, context, user: User, reminder: Reminder, data) -> None:
    await update.callback_query.answer()
    rid = reminder.id
    rows = [[(_(texts.ROUTINE_OF_THE_DAY_BUTTON), callbacks.SetRoutine(rid).pack())]]
    rows += [
        [
            (
                ("✅ " if r.id == reminder.routine_id else "") + r.title,
                callbacks.SetRoutine(rid, r.id).pack(),
            )
        ]
        for r in _suitable_routines(context, user)
    ]
    current = services(context).content().routines.get(reminder.routine_id or "")
    which = html.escape(current.title) if current else _(texts.ROUTINE_OF_THE_DAY)
    await reply(
        update, _(texts.ASK_ROUTINE).format(current=which), reply_markup=keyboards.inline(rows)
    )


async def _set_routine(update, context, user: User, reminder: Reminder, data) -> None:
    routine = services(context).content().routines.get(data.routine_id or "")
    if reminder.kind != "routine" or (data.routine_id and routine is None):
        await update.callback_query.answer(_(common_texts.STALE_BUTTON))
        return
    reminder = dataclasses.replace(reminder, routine_id=data.routine_id)
    await services(context).store.save_reminder(user.user_id, reminder)
    which = html.escape(routine.title) if routine else _(texts.ROUTINE_OF_THE_DAY)
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(
        _(texts.ROUTINE_SET).format(routine=which), parse_mode="HTML"
    )


async def _ask_new_time(update, context, user: User, reminder: Reminder, data) -> None:
    await services(context).store.update_user(
        user.user_id, awaiting=Awaiting("remind_change", reminder.id)
    )
    await update.callback_query.answer()
    description = html.escape(texts.describe_reminder(reminder, user.timezone, utcnow()))
    await reply(
        update,
        _(texts.ASK_NEW_TIME).format(description=description),
        reply_markup=keyboards.inline(_time_buttons(callbacks.ChangeTimeTo, reminder.id)),
    )


async def _change_time(update, context, user: User, reminder: Reminder, typed: str) -> None:
    at = await _accepted_time(update, typed)
    if at is None:
        return
    store = services(context).store
    await store.update_user(user.user_id, awaiting=None)
    reminder = dataclasses.replace(reminder, time=format_time(at), unanswered=0)
    await store.save_reminder(user.user_id, reminder)
    schedule_next(context.application, user, reminder)
    description = html.escape(texts.describe_reminder(reminder, user.timezone, utcnow()))
    await reply(update, _(texts.TIME_CHANGED).format(description=description))


async def _change_time_button(update, context, user, reminder, data) -> None:
    await _change_time(update, context, user, reminder, data.time)


async def _awaiting_change_time(update: Update, context: Context, user) -> None:
    reminder_id = user.awaiting.ref if user.awaiting else ""
    reminder = await services(context).store.get_reminder(user.user_id, reminder_id)
    if reminder is None:
        await services(context).store.update_user(user.user_id, awaiting=None)
        await reply(update, _(common_texts.UNEXPECTED_TEXT))
        return
    await _change_time(update, context, user, reminder, update.message.text or "")


async def _snooze(update, context, user: User, reminder: Reminder, data) -> None:
    query = update.callback_query
    now = utcnow()
    until = now + timedelta(minutes=data.minutes)
    reminder = dataclasses.replace(reminder, snoozed_until=until)
    await services(context).store.save_reminder(user.user_id, reminder)
    await services(context).store.update_user(user.user_id, last_seen_at=now)
    schedule_snooze(context.application, user, reminder, until)
    await query.answer()
    # Only "Skip today" stays: it also cancels the snooze.
    skip = [(_(texts.SKIP_TODAY_BUTTON), callbacks.ReminderButton("skip", reminder.id).pack())]
    await query.edit_message_reply_markup(reply_markup=keyboards.inline([skip]))
    local = until.astimezone(_zone(user))
    await reply(update, _(texts.SNOOZED).format(time=format_clock(local)))


async def _skip(update, context, user: User, reminder: Reminder, data) -> None:
    query = update.callback_query
    now = utcnow()
    today = local_date_of(now, user.timezone)
    reminder = dataclasses.replace(reminder, skip_date=today, snoozed_until=None)
    store = services(context).store
    await store.save_reminder(user.user_id, reminder)
    await store.update_user(user.user_id, last_seen_at=now)
    cancel_snooze(context.application, user.user_id, reminder.id)
    await query.answer()
    await query.edit_message_reply_markup(reply_markup=None)
    next_due = rules.next_due(
        dataclasses.replace(reminder, last_fired_date=today), user.timezone, now
    )
    await reply(
        update, _(texts.SKIPPED).format(next=texts.format_next(next_due, user.timezone, now))
    )


def _zone(user: User) -> ZoneInfo:
    return ZoneInfo(user.timezone)


_BUTTONS = {
    "pause": _pause_or_resume,
    "resume": _pause_or_resume,
    "del": _delete,
    "chg": _ask_new_time,
    "ctime": _change_time_button,
    "snz": _snooze,
    "skip": _skip,
    "wdays": _ask_days,
    "cdays": _toggle_day,
    "sdays": _set_days,
    "rtn": _ask_routine,
    "srt": _set_routine,
}


# ------------------------------------------------------------------ hooks


COMMANDS = [
    ("remind", N_("Set a reminder: /remind, or /remind weekdays at 6pm, /remind tomorrow 9:00")),
    ("reminders", N_("See, pause, change (time, days, routine) or delete your reminders")),
    ("stop", N_("Pause all reminders")),
]
AWAITING = {"remind_time": _awaiting_new_time, "remind_change": _awaiting_change_time}
DUE = {
    REMINDER: DueKind(handle=fire, seed=seed_reminders),
    SNOOZE: DueKind(handle=fire, seed=seed_snoozes),
}


def handlers() -> list:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("remind", remind, filters=private),
        CommandHandler("reminders", list_reminders, filters=private),
        CommandHandler("stop", stop, filters=private),
        CallbackQueryHandler(reminder_button, pattern=callbacks.pattern("rem")),
    ]


FEATURE = Feature("reminders", handlers=handlers, commands=COMMANDS, awaiting=AWAITING, due=DUE)
