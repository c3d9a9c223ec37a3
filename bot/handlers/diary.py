"""Browsing and correcting the pain diary: earlier days, and one entry's level, area, note.

``/pain yesterday`` (or ``/pain monday``, ``/pain 2026-11-28``) shows that day's entries,
with ◀ ▶ to step between days; ``/pain`` alone (the pain feature) offers "◀ Earlier days"
and "✏️ Correct an entry". Tapping an entry offers Level, Area, Note and Delete; a deletion
can be undone. Everything happens in one message, edited in place, and every entry is
looked up in the presser's own diary.
"""

from __future__ import annotations

import dataclasses
import html
from datetime import date

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import callbacks, groups, keyboards_pain, sending
from bot import texts as common_texts
from bot.context import Context
from bot.features import Feature
from bot.handlers.common import current_user, reply
from bot.i18n import _
from bot.keyboards import inline
from bot.reading import days_in_english, read_pain
from bot.services import services
from bot.texts import diary as texts
from bot.texts import pain as pain_texts
from domain.conversation import Awaiting
from domain.diary import DayParseError, parse_day, steps_around
from domain.models import PainEntry, User, utcnow
from domain.preferences import RemovedEntry
from domain.schedule import local_date_of
from storage import update_preferences


def _zone(user: User) -> str:
    return user.timezone or "UTC"


def _today(user: User) -> date:
    return local_date_of(utcnow(), _zone(user))


# ------------------------------------------------------------------------ keyboards


def _day_keyboard(day: date, today: date, entries: list[PainEntry], zone: str):
    buttons = [
        (texts.entry_button(n, e, zone), callbacks.DiaryEntry(e.id).pack())
        for n, e in enumerate(entries[: texts.MAX_SHOWN], start=1)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    step = steps_around(day, today)
    nav = [(f"◀ {texts.day_name(step.earlier, today)}", _day(step.earlier))]
    if step.later is not None:
        nav.append((f"{texts.day_name(step.later, today)} ▶", _day(step.later)))
    return inline([*rows, nav])


def _day(day: date) -> str:
    return callbacks.DiaryDay(day.isoformat()).pack()


def _entry_keyboard(entry: PainEntry, today: date) -> InlineKeyboardMarkup:
    edit = callbacks.DiaryEdit
    back = _(texts.BACK_BUTTON).format(day=texts.day_name(entry.local_date, today))
    return inline(
        [
            [
                (_(texts.LEVEL_BUTTON), edit(entry.id, "level").pack()),
                (_(texts.AREA_BUTTON), edit(entry.id, "area").pack()),
                (_(texts.NOTE_BUTTON), edit(entry.id, "note").pack()),
            ],
            [(_(texts.DELETE_BUTTON), callbacks.DiaryDelete(entry.id).pack())],
            [(back, _day(entry.local_date))],
        ]
    )


def _cancel_row(entry: PainEntry) -> list[tuple[str, str]]:
    return [(_(texts.CANCEL_BUTTON), callbacks.DiaryEntry(entry.id).pack())]


def _level_keyboard(entry: PainEntry) -> InlineKeyboardMarkup:
    def row(levels: range) -> list[tuple[str, str]]:
        return [(str(n), callbacks.DiaryEdit(entry.id, "level", str(n)).pack()) for n in levels]

    return inline([row(range(0, 6)), row(range(6, 11)), _cancel_row(entry)])


def _area_keyboard(entry: PainEntry) -> InlineKeyboardMarkup:
    buttons = [
        (pain_texts.area_name(label), callbacks.DiaryEdit(entry.id, "area", code).pack())
        for code, label in keyboards_pain.CHOOSABLE_CODES.items()
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    none = (_(texts.NO_AREA_BUTTON), callbacks.DiaryEdit(entry.id, "area", "none").pack())
    return inline([*rows, [none], _cancel_row(entry)])


def _note_keyboard(entry: PainEntry) -> InlineKeyboardMarkup:
    clear = (_(texts.CLEAR_NOTE_BUTTON), callbacks.DiaryEdit(entry.id, "note", "clear").pack())
    return inline([[clear], _cancel_row(entry)])


# ------------------------------------------------------------------------- /pain <day>


async def day_command(update: Update, context: Context) -> None:
    """/pain <day>: that day's entries, to step through and correct."""
    user = await current_user(update, context)
    words = " ".join(context.args or [])
    today = _today(user)
    try:
        day = parse_day(days_in_english(words), today)
    except DayParseError as error:
        report = read_pain(words)
        if report.kind == "report":  # "/pain 4": meant to log, so offer the buttons
            hint = _(texts.LOG_WITHOUT_SLASH).format(words=html.escape(words[:60]))
            await reply(update, hint, reply_markup=keyboards_pain.pain_levels("bt"))
        elif error.reason == "future":
            await reply(update, _(texts.DAY_IN_FUTURE).format(day=html.escape(words)))
        else:
            await reply(update, _(texts.DAY_NOT_UNDERSTOOD).format(words=html.escape(words[:60])))
        return
    text, markup = await _day_screen(context, user, day)
    await reply(update, text, reply_markup=markup)


async def _day_screen(context: Context, user: User, day: date):
    entries = await services(context).store.pain_entries(user.user_id, since=day, until=day)
    today, zone = _today(user), _zone(user)
    return texts.day_view(day, today, entries, zone), _day_keyboard(day, today, entries, zone)


# --------------------------------------------------------------------------- buttons


async def diary_button(update: Update, context: Context) -> None:
    """dy:day / dy:ent / dy:ed / dy:del / dy:undo, each checked against the presser."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    handler = _BUTTONS.get(type(data))
    if handler is None:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    user = await current_user(update, context)
    await handler(update, context, user, data)


async def _show(update: Update, text: str, markup: InlineKeyboardMarkup | None) -> None:
    try:
        await update.callback_query.edit_message_text(
            text, parse_mode=ParseMode.HTML, reply_markup=markup
        )
    except BadRequest as error:
        if not sending.is_not_modified(error):
            raise  # pressed twice: the message already shows this


async def _day_button(update: Update, context, user: User, data: callbacks.DiaryDay) -> None:
    try:
        day = date.fromisoformat(data.day)
    except ValueError:
        day = None
    if day is None or day > _today(user):
        await update.callback_query.answer(_(common_texts.STALE_BUTTON))
        return
    await update.callback_query.answer()
    await _show(update, *await _day_screen(context, user, day))


async def _own_entry(update: Update, context, user: User, entry_id: str) -> PainEntry | None:
    """The presser's own diary entry with this id; answers "gone" when there is none."""
    entry = await services(context).store.get_pain(user.user_id, entry_id)
    if entry is None or entry.is_routine_rating:
        await update.callback_query.answer(_(texts.GONE))
        return None
    return entry


async def _entry_button(update: Update, context, user: User, data: callbacks.DiaryEntry) -> None:
    entry = await _own_entry(update, context, user, data.entry_id)
    if entry is None:
        return
    await update.callback_query.answer()
    if user.awaiting == Awaiting("diary_note", entry.id):  # Cancel under the note question
        await services(context).store.update_user(user.user_id, awaiting=None)
    await _show_entry(update, user, entry)


async def _show_entry(update: Update, user: User, entry: PainEntry, status: str = "") -> None:
    today = _today(user)
    text = texts.entry_view(entry, today, _zone(user), status)
    await _show(update, text, _entry_keyboard(entry, today))


async def _edit_button(update: Update, context, user: User, data: callbacks.DiaryEdit) -> None:
    """Ask for the new value (no ``value``), or set it and show the entry again."""
    query = update.callback_query
    entry = await _own_entry(update, context, user, data.entry_id)
    if entry is None:
        return
    store = services(context).store
    if not data.value:
        await query.answer()
        today, zone = _today(user), _zone(user)
        if data.field == "level":
            text = texts.entry_view(entry, today, zone, question=texts.ASK_LEVEL)
            await _show(update, text, _level_keyboard(entry))
        elif data.field == "area":
            text = texts.entry_view(entry, today, zone, question=texts.ASK_AREA)
            await _show(update, text, _area_keyboard(entry))
        else:
            await store.update_user(user.user_id, awaiting=Awaiting("diary_note", entry.id))
            text = texts.entry_view(entry, today, zone, question=texts.ASK_NOTE)
            await _show(update, text, _note_keyboard(entry))
        return
    changed = _changed(entry, data)
    if changed is None:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    await query.answer()
    await store.save_pain(user.user_id, changed)
    if data.field == "note":
        await store.update_user(user.user_id, awaiting=None)
    await _show_entry(update, user, changed, texts.CHANGED)


def _changed(entry: PainEntry, data: callbacks.DiaryEdit) -> PainEntry | None:
    """The entry with the pressed value, or None for a value no button of ours carries."""
    if data.field == "level" and data.value.isdigit() and 0 <= int(data.value) <= 10:
        return dataclasses.replace(entry, level=int(data.value))
    if data.field == "area" and data.value == "none":
        return dataclasses.replace(entry, area=None)
    if data.field == "area" and data.value in keyboards_pain.AREA_CODES:
        return dataclasses.replace(entry, area=keyboards_pain.AREA_CODES[data.value])
    if data.field == "note" and data.value == "clear":
        return dataclasses.replace(entry, note="")
    return None


async def _delete_button(update: Update, context, user: User, data: callbacks.DiaryDelete) -> None:
    """Delete the entry, keeping a copy for Undo (only the latest deletion can be undone)."""
    entry = await _own_entry(update, context, user, data.entry_id)
    store = services(context).store
    if entry is None:
        return
    if not await store.delete_pain(user.user_id, entry.id):
        await update.callback_query.answer(_(texts.GONE))
        return
    await update.callback_query.answer()
    kept = RemovedEntry(**dataclasses.asdict(entry))
    changes: dict[str, object] = {"removed_entry": kept}
    await update_preferences(store, user.user_id, **changes)
    if user.awaiting is not None and user.awaiting.ref == entry.id:
        await store.update_user(user.user_id, awaiting=None)
    today = _today(user)
    back = _(texts.BACK_BUTTON).format(day=texts.day_name(entry.local_date, today))
    markup = inline(
        [
            [(_(texts.UNDO_BUTTON), callbacks.DiaryRestore(entry.id).pack())],
            [(back, _day(entry.local_date))],
        ]
    )
    await _show(update, _(texts.REMOVED).format(what=pain_texts.describe(entry)), markup)


async def _restore_button(
    update: Update, context, user: User, data: callbacks.DiaryRestore
) -> None:
    """Undo the latest deletion: the entry comes back as it was, with its id."""
    kept = user.preferences.removed_entry
    if kept is None or kept.id != data.entry_id:
        await update.callback_query.answer(_(texts.CANNOT_UNDO))
        return
    await update.callback_query.answer()
    entry = PainEntry(**dataclasses.asdict(kept))
    await services(context).store.record_pain(
        user.user_id, entry, preferences={"removed_entry": None}
    )
    await _show_entry(update, user, entry, texts.RESTORED)


_BUTTONS = {
    callbacks.DiaryDay: _day_button,
    callbacks.DiaryEntry: _entry_button,
    callbacks.DiaryEdit: _edit_button,
    callbacks.DiaryDelete: _delete_button,
    callbacks.DiaryRestore: _restore_button,
}


# ----------------------------------------------------------------------- typed note


async def note_text(update: Update, context: Context, user: User) -> None:
    """AWAITING diary_note:<id>: the typed text replaces the entry's note."""
    store = services(context).store
    await store.update_user(user.user_id, awaiting=None)
    entry = await store.get_pain(user.user_id, user.awaiting.ref if user.awaiting else "")
    if entry is None:
        await reply(update, _(texts.GONE))
        return
    text = (update.effective_message.text or "").strip()[: pain_texts.MAX_NOTE]
    entry = dataclasses.replace(entry, note=text)
    await store.save_pain(user.user_id, entry)
    today = _today(user)
    await reply(
        update,
        texts.entry_view(entry, today, _zone(user), texts.CHANGED),
        reply_markup=_entry_keyboard(entry, today),
    )


def handlers() -> dict[int, list]:
    private = filters.ChatType.PRIVATE
    return {
        groups.FEATURES: [
            # /pain alone is the pain feature's (log now); with words it names a day.
            CommandHandler("pain", day_command, filters=private, has_args=True),
            CallbackQueryHandler(diary_button, pattern=callbacks.pattern("dy")),
        ]
    }


FEATURE = Feature("diary", handlers=handlers, awaiting={"diary_note": note_text})
