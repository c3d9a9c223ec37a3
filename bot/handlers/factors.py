"""Treatments and everyday factors: "took ibuprofen 400", "heat pack 20 min", "slept badly".

Plain messages naming what the user took or did are noted beside the pain diary, on the
day they name within the past week (today unless told otherwise), confirmed in words that
say the day, with Undo (domain/factors.py reads them; a message that also gives a pain level
is handed on to the pain diary too). /log offers the same as buttons: the user's own recent
ones first, then a button per kind, each with a few one-tap choices or the name typed.

Why /log: it is short, it is the word people use for keeping such a diary, and /pain
already names the pain diary's own command, so /log reads as "note something else".

The bot keeps the user's words for a medication and never names, suggests or doses one;
a question about taking a medicine gets where to ask instead (a pharmacist, a doctor).
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import callbacks, groups, keyboards, texts
from bot.context import Context
from bot.features import Feature
from bot.handlers.common import current_user, id_for_update, reply
from bot.i18n import N_, _
from bot.reading import read_pain, warning_signs
from bot.services import services
from bot.texts import factors as t
from domain.conversation import Awaiting
from domain.factors import (
    PRESETS,
    FactorParse,
    FactorTypeError,
    asks_about_medicine,
    factor_key,
    parse_typed,
    read_message,
)
from domain.models import FACTOR_KINDS, FactorEntry, User, utcnow
from domain.schedule import local_date_of
from storage import id_for_part

RECENT_DAYS = 60  # how far back /log looks for the user's own ones
MAX_RECENT = 6
MAX_PARTS = 10  # entries one message may make (an Undo removes them together)


def _today(user: User) -> date:
    return local_date_of(utcnow(), user.timezone or "UTC")


def _entries(
    update: Update, user: User, found: list[FactorParse], source: str, day: date | None = None
) -> list[FactorEntry]:
    """Entries for what one update named, on ``day`` (today unless the message named
    another); their ids come from the update, so one handled again after a crash is stored
    once."""
    first = id_for_update(update)
    now = utcnow()
    return [
        FactorEntry(
            id=id_for_part(first, n),
            recorded_at=now,
            local_date=day or local_date_of(now, user.timezone or "UTC"),
            kind=f.kind,
            name=f.name,
            amount=f.amount,
            unit=f.unit,
            note=f.note,
            source=source,
        )
        for n, f in enumerate(found[:MAX_PARTS])
    ]


async def _record(context: Context, user: User, entries: list[FactorEntry]) -> InlineKeyboardMarkup:
    """Store the entries; the Undo button that removes them together."""
    store = services(context).store
    for entry in entries:
        await store.record_factor(user.user_id, entry)
    undo = callbacks.UndoFactor(entries[0].id, len(entries)).pack()
    return keyboards.inline([[(_(t.UNDO_BUTTON), undo)]])


# ------------------------------------------------------------------------- plain text


async def factor_message(update: Update, context: Context, user: User) -> bool:
    """FREE_TEXT: note the factors a message names; True when nothing is left for the pain
    diary (it reads the message too when a level or pain is given beside them)."""
    text = update.effective_message.text or ""
    today = _today(user)
    reading = read_message(text, today)
    if not reading.factors:
        if asks_about_medicine(text) and not warning_signs(text):
            if read_pain(text).kind == "none":
                await reply(update, _(t.MEDICINE_QUESTION))
                return True
        return False
    if reading.too_far:
        await reply(update, _(t.TOO_FAR_BACK))
        return not reading.pain_too
    entries = _entries(update, user, list(reading.factors), "message", reading.day)
    markup = await _record(context, user, entries)
    await reply(update, t.confirmation(entries, today), reply_markup=markup)
    return not reading.pain_too


async def edited_message(update: Update, context: Context) -> None:
    """An edited plain text: the entries its message made follow the edit ("took ibuprofen
    400" edited to "... 200": updated in place, same ids and time); an edit that now names
    a factor notes it; one that names none keeps what was noted (a typo loses nothing).
    Nothing is stopped: the pain diary reads the same edit next."""
    user = await current_user(update, context)
    store = services(context).store
    first = id_for_update(update)
    sent = update.effective_message.date
    day = local_date_of(sent, user.timezone or "UTC") if sent else None
    # The days a message names count from the day it was sent, not the day of the edit.
    reading = read_message(update.effective_message.text or "", day)
    nearby = await store.factor_entries(
        user.user_id, since=day - timedelta(days=1) if day else None, until=None
    )
    ids = {id_for_part(first, n) for n in range(MAX_PARTS)}
    made = [e for e in nearby if e.id in ids]
    if not reading.factors or reading.too_far:
        return
    fresh = _entries(update, user, list(reading.factors), "message", reading.day)
    if made:
        fresh = [dataclasses.replace(e, recorded_at=made[0].recorded_at) for e in fresh]
        if [_kept(e) for e in fresh] == [_kept(e) for e in sorted(made, key=_part_of(first))]:
            return  # the edit changed something else (a pain level): nothing to say here
        for gone in made:
            if gone.id not in {e.id for e in fresh}:
                await store.delete_factor(user.user_id, gone.id)
    markup = await _record(context, user, fresh)
    today = _today(user)
    text = t.updated(fresh, today) if made else t.confirmation(fresh, today)
    await reply(update, text, reply_markup=markup)


def _kept(entry: FactorEntry) -> tuple:
    return (
        entry.id,
        entry.local_date,
        entry.kind,
        entry.name,
        entry.amount,
        entry.unit,
        entry.note,
    )


def _part_of(first: str):
    order = {id_for_part(first, n): n for n in range(MAX_PARTS)}
    return lambda entry: order.get(entry.id, MAX_PARTS)


async def typed_name(update: Update, context: Context, user: User) -> None:
    """AWAITING factor_name:<kind>: the name (and amount) typed after a kind on /log."""
    store = services(context).store
    kind = user.awaiting.ref if user.awaiting else ""
    if kind not in FACTOR_KINDS:
        await store.update_user(user.user_id, awaiting=None)
        await reply(update, _(t.LOG_EXPIRED))
        return
    try:
        parsed = parse_typed(update.effective_message.text or "", kind)  # type: ignore[arg-type]
    except FactorTypeError as problem:
        await reply(update, _(t.TYPED_PROBLEMS[problem.reason]))  # still waiting for the name
        return
    await store.update_user(user.user_id, awaiting=None)
    entries = _entries(update, user, [parsed], "button")
    markup = await _record(context, user, entries)
    await reply(update, t.confirmation(entries, _today(user)), reply_markup=markup)


async def question_lapses(update: Update, context: Context, user: User) -> None:
    """ASK_AGAIN factor_name: a pain report or a greeting sent instead of a name was handled
    as such; the /log question lapses quietly (the buttons stay to start again)."""
    await services(context).store.update_user(user.user_id, awaiting=None)


# ----------------------------------------------------------------------------- /log


async def _log_keyboard(context: Context, user: User) -> tuple[str, InlineKeyboardMarkup]:
    """The user's own recent ones (newest first, one per name), then a button per kind."""
    today = local_date_of(utcnow(), user.timezone or "UTC")
    store = services(context).store
    recent = await store.factor_entries(
        user.user_id, since=today - timedelta(days=RECENT_DAYS), until=today
    )
    mine: dict[tuple[str, str], FactorEntry] = {}
    for entry in reversed(recent):
        mine.setdefault((entry.kind, factor_key(entry.name)), entry)
    own = list(mine.values())[:MAX_RECENT]
    rows = [
        [(t.entry_button(e), callbacks.FactorAgain(e.id).pack()) for e in own[i : i + 2]]
        for i in range(0, len(own), 2)
    ]
    kinds = [(t.kind_button(k), callbacks.FactorKindChosen(k).pack()) for k in FACTOR_KINDS]
    rows += [kinds[i : i + 2] for i in range(0, len(kinds), 2)]
    return _(t.LOG_QUESTION if own else t.LOG_QUESTION_FIRST), keyboards.inline(rows)


async def log_command(update: Update, context: Context) -> None:
    """/log: buttons for what to note."""
    user = await current_user(update, context)
    if user.awaiting is not None and user.awaiting.kind == "factor_name":
        await services(context).store.update_user(user.user_id, awaiting=None)
    text, markup = await _log_keyboard(context, user)
    await reply(update, text, reply_markup=markup)


async def log_button(update: Update, context: Context) -> None:
    """fac:kind / fac:pre / fac:again / fac:undo, each checked against the presser."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    handler = _BUTTONS.get(type(data))
    if handler is None:
        await query.answer(_(texts.STALE_BUTTON))
        return
    await handler(update, context, data)


async def _edit(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    try:
        await update.callback_query.edit_message_text(
            text, parse_mode=ParseMode.HTML, reply_markup=markup
        )
    except BadRequest:  # too old to edit, or unchanged: say it anew
        await reply(update, text, reply_markup=markup)


async def _kind_button(update: Update, context: Context, data: callbacks.FactorKindChosen) -> None:
    """A kind: its one-tap choices, and the name typed next (awaiting factor_name)."""
    query = update.callback_query
    if data.kind not in FACTOR_KINDS:
        await query.answer(_(texts.STALE_BUTTON))
        return
    await query.answer()
    user = await current_user(update, context)
    await services(context).store.update_user(
        user.user_id, awaiting=Awaiting("factor_name", data.kind)
    )
    presets = [
        (t.preset_name(name), callbacks.FactorPreset(data.kind, n).pack())
        for n, name in enumerate(PRESETS[data.kind])  # type: ignore[index]
    ]
    rows = [presets[i : i + 2] for i in range(0, len(presets), 2)]
    rows.append([(_(t.OTHER_KIND_BUTTON), callbacks.FactorKindChosen("").pack())])
    await _edit(update, _(t.TYPE_NAME[data.kind]), keyboards.inline(rows))


async def _back_or_kind(update: Update, context: Context, data: callbacks.FactorKindChosen) -> None:
    """An empty kind is "Other kinds": the /log buttons again."""
    if data.kind:
        await _kind_button(update, context, data)
        return
    await update.callback_query.answer()
    user = await current_user(update, context)
    if user.awaiting is not None and user.awaiting.kind == "factor_name":
        await services(context).store.update_user(user.user_id, awaiting=None)
    text, markup = await _log_keyboard(context, user)
    await _edit(update, text, markup)


async def _noted_by_button(update: Update, context: Context, found: FactorParse) -> None:
    user = await current_user(update, context)
    if user.awaiting is not None and user.awaiting.kind == "factor_name":
        await services(context).store.update_user(user.user_id, awaiting=None)
    entries = _entries(update, user, [found], "button")
    markup = await _record(context, user, entries)
    await _edit(update, t.confirmation(entries, _today(user)), markup)


async def _preset_button(update: Update, context: Context, data: callbacks.FactorPreset) -> None:
    query = update.callback_query
    choices = PRESETS.get(data.kind, ())  # type: ignore[call-overload]
    if not 0 <= data.index < len(choices):
        await query.answer(_(texts.STALE_BUTTON))
        return
    await query.answer()
    name = t.preset_name(choices[data.index])  # noted as the user read it
    await _noted_by_button(update, context, FactorParse(data.kind, name))  # type: ignore[arg-type]


async def _again_button(update: Update, context: Context, data: callbacks.FactorAgain) -> None:
    """One of the presser's own earlier entries, noted again under its name (no amount:
    the button shows only the name)."""
    query = update.callback_query
    earlier = await services(context).store.get_factor(update.effective_user.id, data.entry_id)
    if earlier is None:
        await query.answer(_(t.LOG_EXPIRED))
        return
    await query.answer()
    await _noted_by_button(update, context, FactorParse(earlier.kind, earlier.name))


async def _undo_button(update: Update, context: Context, data: callbacks.UndoFactor) -> None:
    """fac:undo:<first id>:<parts>: remove the presser's own entries of one confirmation."""
    query = update.callback_query
    store = services(context).store
    user_id = update.effective_user.id
    gone = []
    for part in range(min(max(data.parts, 1), MAX_PARTS)):
        entry = await store.get_factor(user_id, id_for_part(data.entry_id, part))
        if entry is not None and await store.delete_factor(user_id, entry.id):
            gone.append(entry)
    if not gone:
        await query.answer(_(t.ALREADY_GONE))
        return
    await query.answer()
    await _edit(update, t.removed(gone))


_BUTTONS = {
    callbacks.FactorKindChosen: _back_or_kind,
    callbacks.FactorPreset: _preset_button,
    callbacks.FactorAgain: _again_button,
    callbacks.UndoFactor: _undo_button,
}

COMMANDS = [
    ("log", N_("Note what you took or did: medication, heat, a walk, sleep, sitting, stress"))
]
AWAITING = {"factor_name": typed_name}
ASK_AGAIN = {"factor_name": question_lapses}
FREE_TEXT = [factor_message]


def handlers() -> dict[int, list]:
    private = filters.ChatType.PRIVATE
    edited_text = filters.UpdateType.EDITED_MESSAGE & filters.TEXT & ~filters.COMMAND & private
    return {
        groups.FACTOR_EDITS: [MessageHandler(edited_text, edited_message)],
        groups.FEATURES: [
            CommandHandler("log", log_command, filters=private),
            CallbackQueryHandler(log_button, pattern=callbacks.pattern("fac")),
        ],
    }


FEATURE = Feature(
    "factors",
    handlers=handlers,
    commands=COMMANDS,
    awaiting=AWAITING,
    ask_again=ASK_AGAIN,
    free_text=FREE_TEXT,
)
