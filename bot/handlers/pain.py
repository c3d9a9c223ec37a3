"""The pain diary: plain-message reports, /pain with buttons, Undo, and the safety net.

People write "pain 6" or "lower back 4, stiff after work"; /pain lists today's entries and
shows the body map (a picture with numbered zones, domain/body_map.py) with a button per
zone, then asks the level with 0-10 buttons, then an optional note. A message that means
pain but names no area and no clear level ("my back hurts") gets the map too. Every entry is
confirmed in words with an Undo button.
Every plain text message, new or edited, is also read for warning signs
(domain/redflags.py): those get the advice of their tier from the warning-sign table, first,
before the entry is recorded and confirmed, and routines hold back firm pressure that day.

An edited message updates the entry it made ("Updated: 5/10", with an Undo that brings
the values before the edit back), is recorded if it now reads as a report, and is otherwise
left alone (the rules: domain/edits.py).
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import callbacks, groups, keyboards_pain, picture_messages
from bot import texts as common_texts
from bot.context import Context
from bot.features import Feature
from bot.handlers.common import current_user, id_for_update, reply
from bot.i18n import N_, _
from bot.reading import read_pain, warning_signs, worth_asking
from bot.safety_hold import check_keyboard, hold_of, lift_keyboard
from bot.services import services
from bot.texts import pain as texts
from bot.texts import safety as safety_texts
from domain import body_map
from domain.conversation import Awaiting
from domain.edits import read_edit, undo_record, undone
from domain.models import PainEntry, User, utcnow
from domain.pain import PAIN_AREAS
from domain.preferences import UnclearReport
from domain.redflags import (
    HIGH_PAIN_LEVEL,
    Tier,
    high_pain_alert,
    most_urgent,
    remember_warning,
    warning_record,
)
from domain.safety_hold import HOLDING_TIERS, hold_after_sign
from domain.schedule import local_date_of
from storage import Repository, update_preferences

MAX_LEVEL = 10  # a single 10/10 gets the doctor advice once that day


def _zone(user: User) -> str:
    return user.timezone or "UTC"


def _today(user: User) -> date:
    return local_date_of(utcnow(), _zone(user))


async def _find_entry(store: Repository, user_id: int, entry_id: str | None) -> PainEntry | None:
    """The entry with this id in *this* user's own diary, if it is there."""
    if not entry_id:
        return None
    return await store.get_pain(user_id, entry_id)


async def _replace_entry(store: Repository, user_id: int, entry: PainEntry) -> None:
    await store.save_pain(user_id, entry)  # one atomic write: the entry is never missing


def _new_entry(
    update: Update, user: User, level: int, source: str, area: str | None = None, note: str = ""
) -> PainEntry:
    return PainEntry(
        id=id_for_update(update),  # the same if Telegram delivers the update again
        recorded_at=utcnow(),
        local_date=_today(user),
        level=level,
        area=area,
        note=note[: texts.MAX_NOTE],
        source=source,
    )


async def _record_and_confirm(
    update: Update,
    context: Context,
    entry: PainEntry,
    *,
    notice: str | None = None,
    follow_up: str = "",
    keyboard: InlineKeyboardMarkup | None = None,
    preferences: dict[str, object] | None = None,
    then_await: Awaiting | None = None,
) -> None:
    """Store the entry, confirm it in words (trend, rounding) with Undo, then check safety.
    ``then_await``: what the user's next text answers (stored before the confirmation asks)."""
    store = services(context).store
    user_id = update.effective_user.id
    # The entry, the area it names (offered first next time) and ``preferences`` in one write.
    changes = {**(preferences or {}), **({"pain_area": entry.area} if entry.area else {})}
    await store.record_pain(user_id, entry, preferences=changes or None)
    if then_await is not None:
        await store.update_user(user_id, awaiting=then_await)
    today = entry.local_date
    recent = await store.pain_entries(user_id, since=today - timedelta(days=2), until=today)
    yesterday = [e.level for e in recent if e.local_date == today - timedelta(days=1)]
    text = texts.confirmation(entry, yesterday[-1] if yesterday else None, notice) + follow_up
    await reply(update, text, reply_markup=keyboard or keyboards_pain.undo(entry.id))
    await _advise_if_severe(update, context, entry, recent)


async def _advise_if_severe(
    update: Update, context: Context, entry: PainEntry, recent: list[PainEntry]
) -> None:
    """The doctor advice after a severe level (``recent``: the last three days' entries)."""
    user_id, today = update.effective_user.id, entry.local_date
    if entry.level >= HIGH_PAIN_LEVEL and high_pain_alert(recent, today):
        await _advise_once_today(update, context, user_id, today, repeated=True)
    elif entry.level == MAX_LEVEL:
        await _advise_once_today(update, context, user_id, today, repeated=False)


async def _advise_once_today(
    update: Update, context: Context, user_id: int, today: date, *, repeated
) -> None:
    """Severe pain (8+ on two of three days, or a single 10/10): the doctor advice, at most
    once a day (warning signs count too)."""
    store = services(context).store
    user = await store.get_user(user_id)
    warned = user.preferences.warning_sign
    if user.preferences.pain_advice_date == today or (
        warned is not None
        and warned.date == today
        and warned.tier in HOLDING_TIERS  # that advice already says more
    ):
        return
    await update_preferences(store, user_id, red_flag_date=today, pain_advice_date=today)
    table = services(context).content().warning_signs
    advice = safety_texts.high_pain_advice if repeated else safety_texts.severe_pain_advice
    await reply(update, advice(table))


# ------------------------------------------------------------------------- plain text


async def red_flag_watch(update: Update, context: Context) -> None:
    """Every plain text: a warning sign gets its tier's advice first, and a gentle day."""
    text = update.effective_message.text or ""
    codes = warning_signs(text)
    if not codes:
        if worth_asking(text):
            await _ask_to_be_safe(update, context)
        return
    table = services(context).content().warning_signs
    user = await current_user(update, context)
    today = _today(user)
    top = most_urgent(codes, table.tier_of())
    record = warning_record(user.preferences.warning_sign, today, top, codes)
    hold = hold_after_sign(hold_of(user), top.value, today)
    # Stored first: routines are held (or go gentle) from the moment the advice is read.
    await update_preferences(
        services(context).store,
        user.user_id,
        red_flag_date=today,
        warning_sign=record,
        warning_days=remember_warning(user.preferences.warning_days, record),
        safety_hold=hold,
    )
    markup = lift_keyboard() if hold is not None else None
    await reply(update, safety_texts.advice(table, codes), reply_markup=markup)
    if top is not Tier.EMERGENCY and worth_asking(text):
        await _ask_to_be_safe(update, context)  # a milder sign found, an emergency one missed?


async def _ask_to_be_safe(update: Update, context: Context) -> None:
    """No sign detected, but the message names what an emergency sign is about: ask, once a
    day, with the emergency signs listed (the answer is the safety feature's button)."""
    user = await current_user(update, context)
    today = _today(user)
    hold = hold_of(user)
    if user.preferences.safety_check_date == today or (hold and hold.tier == "emergency"):
        return
    await update_preferences(services(context).store, user.user_id, safety_check_date=today)
    table = services(context).content().warning_signs
    await reply(update, safety_texts.check_question(table), reply_markup=check_keyboard())


async def pain_message(update: Update, context: Context, user: User) -> bool:
    """FREE_TEXT: record a clear report, ask again about an unclear one, leave chat alone."""
    text = update.effective_message.text or ""
    parse = read_pain(text)
    if parse.kind == "report":
        area, note, clear = parse.area, parse.note, None
        asked = None if area else await _typed_answer_to(update, context, user)
        if asked is not None:  # "5" typed under "how much does your lower back hurt?"
            area = asked.area if asked.area in PAIN_AREAS else None
            note, clear = note or asked.note, {"unclear_report": None}
        entry = _new_entry(update, user, parse.level, "message", area, note)
        await _record_and_confirm(
            update, context, entry, notice=texts.rounding_notice(parse), preferences=clear
        )
        return True
    if parse.kind == "unclear":
        if parse.area is None:  # where first (the body map), then the level
            question = await _send_map(update, context, texts.unclear_map_question(parse), "uc")
        else:
            question = await reply(
                update,
                texts.unclear_question(parse),
                reply_markup=keyboards_pain.pain_levels("uc"),
            )
        if parse.area or parse.note:  # kept for the level picked under this question
            # 64 bytes of button data have no room for a note: kept for the level picked.
            pending = UnclearReport(
                question.chat_id, question.message_id, parse.area, parse.note[: texts.MAX_NOTE]
            )
            await update_preferences(services(context).store, user.user_id, unclear_report=pending)
        return True
    return bool(warning_signs(text))  # red_flag_watch already answered those


async def _typed_answer_to(update: Update, context: Context, user: User) -> UnclearReport | None:
    """The unclear question this message answers by typing, if it came right after it
    (message ids of a private chat count up across both sides); its buttons are taken away,
    so a tap cannot record the same answer twice."""
    pending = user.preferences.unclear_report
    message = update.effective_message
    if pending is None or (pending.chat_id, pending.message_id + 1) != (
        message.chat_id,
        message.message_id,
    ):
        return None
    try:
        await context.bot.edit_message_reply_markup(
            pending.chat_id, pending.message_id, reply_markup=None
        )
    except BadRequest:
        pass  # already gone or too old to edit: nothing left to press there
    return pending


async def edited_message(update: Update, context: Context) -> None:
    """An edited plain text (red_flag_watch has read it already): update, record or leave
    alone the entry of that message (domain/edits.py), then stop: no feature answers it."""
    user = await current_user(update, context)
    store = services(context).store
    entry = await _find_entry(store, user.user_id, id_for_update(update))
    text = update.effective_message.text or ""
    reading = read_edit(text, entry, texts.MAX_NOTE, read_pain(text))
    parse = reading.parse
    if reading.kind == "new":
        entry = _new_entry(update, user, parse.level, "message", parse.area, parse.note)
        await _record_and_confirm(update, context, entry, notice=texts.rounding_notice(parse))
    elif reading.kind == "update":
        await _update_and_confirm(
            update, context, entry, reading.entry, texts.rounding_notice(parse)
        )
    elif reading.kind == "kept":
        text = _(texts.KEPT_AFTER_EDIT).format(what=texts.describe(entry))
        await reply(update, text, reply_markup=keyboards_pain.undo(entry.id))
    raise ApplicationHandlerStop


async def _update_and_confirm(
    update: Update,
    context: Context,
    before: PainEntry,
    after: PainEntry,
    notice: str | None,
) -> None:
    """Store the edited entry with what its Undo needs (one write), confirm, check safety."""
    store = services(context).store
    user_id = update.effective_user.id
    changes: dict[str, object] = {"edit_undo": undo_record(before, update.update_id)}
    if after.area:
        changes["pain_area"] = after.area
    await store.record_pain(user_id, after, preferences=changes)
    markup = keyboards_pain.undo_edit(after.id, update.update_id)
    await reply(update, texts.update_confirmation(after, notice), reply_markup=markup)
    day = after.local_date
    await _advise_if_severe(
        update,
        context,
        after,
        await store.pain_entries(user_id, since=day - timedelta(days=2), until=day),
    )


async def note_text(update: Update, context: Context, user: User) -> None:
    """AWAITING pain_note:<id>: the typed note joins the entry (a new report stays a report)."""
    store = services(context).store
    await store.update_user(user.user_id, awaiting=None)
    text = (update.effective_message.text or "").strip()
    if read_pain(text).kind == "report":
        await pain_message(update, context, user)
        return
    entry = await _find_entry(store, user.user_id, user.awaiting.ref if user.awaiting else "")
    if entry is None:
        await reply(update, _(texts.ALREADY_GONE))
        return
    entry = dataclasses.replace(entry, note=text[: texts.MAX_NOTE])
    await _replace_entry(store, user.user_id, entry)
    await reply(update, texts.confirmation(entry), reply_markup=keyboards_pain.undo(entry.id))


# ---------------------------------------------------------------------------- /pain


async def pain_command(update: Update, context: Context) -> None:
    """Today's entries, then the body map (then the level and a note: the buttons below)."""
    user = await current_user(update, context)
    store = services(context).store
    if user.awaiting is not None and user.awaiting.kind == "pain_note":
        await store.update_user(user.user_id, awaiting=None)
    today = _today(user)
    entries = await store.pain_entries(user.user_id, since=today, until=today)
    markup = keyboards_pain.browse(today, correct=bool(entries))
    await reply(update, texts.today_list(entries, _zone(user)), reply_markup=markup)
    await _send_map(update, context, _(texts.MAP_QUESTION), "bt")


async def _send_map(update: Update, context: Context, caption: str, source: str) -> Message:
    """The body map with a button per zone; ``source`` goes on to the level buttons."""
    return await picture_messages.send_picture(
        context.application,
        update.effective_chat.id,
        body_map.PICTURE,
        caption,
        keyboards_pain.body_map(source),
    )


# --------------------------------------------------------------------------- buttons


async def pain_button(update: Update, context: Context) -> None:
    """pain:zone / pain:map / pain:lvl / pain:area / pain:nskip / pain:undo, each checked
    against the presser."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    handler = _BUTTONS.get(type(data))
    if handler is None:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    await handler(update, context, data)


def _known_area(code: str | None) -> bool:
    """An area code a button may carry: one of ours, "skip", or none at all."""
    return code is None or code == keyboards_pain.SKIP_AREA or code in keyboards_pain.AREA_CODES


async def _zone_button(update: Update, context, data: callbacks.PainZone) -> None:
    """pain:zone:<source>:<area>: a zone of the body map picked; now ask the level."""
    query = update.callback_query
    if not _known_area(data.area):
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    await query.answer()
    area = keyboards_pain.AREA_CODES.get(data.area)
    zone = body_map.zone_for_area(area)
    text = texts.zone_chosen(zone.number if zone else None, area)
    markup = keyboards_pain.pain_levels(data.source, area=data.area)
    await _edit_question(update, query, text, markup)


async def _map_button(update: Update, context, data: callbacks.PainMap) -> None:
    """pain:map:<source>: back from the levels to the body map's zones."""
    query = update.callback_query
    await query.answer()
    markup = keyboards_pain.body_map(data.source)
    await _edit_question(update, query, _(texts.MAP_QUESTION), markup)


async def _edit_question(update: Update, query, text: str, markup: InlineKeyboardMarkup) -> None:
    """Change the question in place (the map's caption, or a text); a message that can no
    longer be edited gets the question anew."""
    try:
        if query.message is not None and query.message.photo:
            await query.edit_message_caption(text, parse_mode=ParseMode.HTML, reply_markup=markup)
        else:
            await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as error:
        if "not modified" in error.message:
            return  # the same zone pressed twice
        await reply(update, text, reply_markup=markup)


async def _level_button(update: Update, context, data: callbacks.PainLevel) -> None:
    """A 0-10 button from /pain, a reminder check-in or after an unclear message."""
    query = update.callback_query
    if not 0 <= data.level <= MAX_LEVEL or not _known_area(data.area):
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    level, source = data.level, data.source
    await query.answer()
    if data.area is not None and query.message is not None and query.message.photo:
        await _close_map(query, data.area, level)
    else:  # an answered check-in is done: its Snooze and Skip go with the levels
        await _drop_level_buttons(query, answered_check_in=source == "ci")
    user = await current_user(update, context)
    picked = keyboards_pain.AREA_CODES.get(data.area or "")  # on the body map, if any
    if source == "uc":
        area, note, clear = _unclear_report_of(user, query.message)
        area = picked if data.area is not None else area
        entry = _new_entry(update, user, level, keyboards_pain.LEVEL_SOURCES[source], area, note)
        notice = texts.acknowledgement(level)  # they told us in words how bad it is
        await _record_and_confirm(update, context, entry, notice=notice, preferences=clear)
        return
    entry = _new_entry(update, user, level, keyboards_pain.LEVEL_SOURCES[source], picked)
    if data.area is not None:  # the area came first, on the body map: the note is next
        await _record_and_confirm(
            update,
            context,
            entry,
            follow_up="\n\n" + _(texts.NOTE_QUESTION),
            keyboard=keyboards_pain.note_skip(entry.id),
            then_await=Awaiting("pain_note", entry.id),
        )
    elif source == "bt":  # a level asked first ("/pain 4"): the area next, then the note
        follow_up = "\n\n" + _(texts.AREA_QUESTION)
        keyboard = keyboards_pain.areas(entry.id)
        await _record_and_confirm(update, context, entry, follow_up=follow_up, keyboard=keyboard)
    else:
        await _record_and_confirm(update, context, entry)


async def _close_map(query, code: str, level: int) -> None:
    """The body map answered: its caption says the zone and level picked, and no buttons
    are left to press again."""
    area = keyboards_pain.AREA_CODES.get(code)
    zone = body_map.zone_for_area(area)
    text = texts.zone_answered(zone.number if zone else None, area, level)
    try:
        await query.edit_message_caption(text, parse_mode=ParseMode.HTML, reply_markup=None)
    except BadRequest:
        pass  # too old to edit, or already answered: nothing left to press there


def _unclear_report_of(
    user: User, question: Message | None
) -> tuple[str | None, str, dict[str, object] | None]:
    """(area, note, the change that clears them) kept for this unclear question, if it is
    the latest."""
    pending = user.preferences.unclear_report
    if pending is None or question is None:
        return None, "", None
    if (pending.chat_id, pending.message_id) != (question.chat_id, question.message_id):
        return None, "", None  # an older question: its words were replaced by newer ones
    area = pending.area if pending.area in PAIN_AREAS else None
    return area, pending.note, {"unclear_report": None}


def _later_button(data: callbacks.CallbackData | None) -> bool:
    """Snooze or "Skip today": asking for the check-in later, moot once it is answered."""
    skip = isinstance(data, callbacks.ReminderButton) and data.action == "skip"
    return skip or isinstance(data, callbacks.Snooze)


async def _drop_level_buttons(query, answered_check_in: bool = False) -> None:
    """Remove the 0-10 buttons (keeping any others) so one message records one level;
    an answered check-in also loses its Snooze and Skip."""
    markup = getattr(query.message, "reply_markup", None)
    if markup is None:
        return

    def dropped(button) -> bool:
        data = callbacks.parse(button.callback_data)
        asked = isinstance(data, callbacks.PainLevel | callbacks.PainMap)
        return asked or (answered_check_in and _later_button(data))

    rows = [[b for b in row if not dropped(b)] for row in markup.inline_keyboard]
    rows = [row for row in rows if row]
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup(rows) if rows else None)
    except BadRequest:
        pass  # message too old to edit, or already without buttons: nothing to remove


async def _area_button(update: Update, context, data: callbacks.PainArea) -> None:
    """pain:area:<entry id>:<code>: set the area, then offer the optional note."""
    query = update.callback_query
    store = services(context).store
    user = await current_user(update, context)
    entry = await _find_entry(store, user.user_id, data.entry_id)
    code = data.area
    if entry is None or (
        code not in keyboards_pain.AREA_CODES and code != keyboards_pain.SKIP_AREA
    ):
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    await query.answer()
    if code in keyboards_pain.AREA_CODES:
        entry = dataclasses.replace(entry, area=keyboards_pain.AREA_CODES[code])
        await _replace_entry(store, user.user_id, entry)
        await update_preferences(store, user.user_id, pain_area=entry.area)
    await store.update_user(user.user_id, awaiting=Awaiting("pain_note", entry.id))
    await query.edit_message_text(
        texts.confirmation(entry) + "\n\n" + _(texts.NOTE_QUESTION),
        parse_mode=ParseMode.HTML,
        reply_markup=keyboards_pain.note_skip(entry.id),
    )


async def _note_skip_button(update: Update, context, data: callbacks.SkipNote) -> None:
    """pain:nskip:<entry id>: no note; keep Undo under the confirmation."""
    query = update.callback_query
    store = services(context).store
    user = await current_user(update, context)
    entry = await _find_entry(store, user.user_id, data.entry_id)
    if entry is None or user.awaiting != Awaiting("pain_note", entry.id):
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    await query.answer()
    await store.update_user(user.user_id, awaiting=None)
    await query.edit_message_text(
        texts.confirmation(entry),
        parse_mode=ParseMode.HTML,
        reply_markup=keyboards_pain.undo(entry.id),
    )


async def _undo_button(update: Update, context, data: callbacks.UndoPain) -> None:
    """pain:undo:<entry id>: remove the presser's own entry; anything else is already gone."""
    query = update.callback_query
    store = services(context).store
    user = await current_user(update, context)
    entry = await _find_entry(store, user.user_id, data.entry_id)
    if entry is None or not await store.delete_pain(user.user_id, entry.id):
        await query.answer(_(texts.ALREADY_GONE))
        return
    await query.answer()
    if user.awaiting == Awaiting("pain_note", entry.id):
        await store.update_user(user.user_id, awaiting=None)
    await query.edit_message_text(
        _(texts.REMOVED).format(what=texts.describe(entry)), parse_mode=ParseMode.HTML
    )


async def _undo_edit_button(update: Update, context, data: callbacks.UndoEdit) -> None:
    """pain:unedit:<entry id>:<edit>: the presser's entry as it was before their latest edit."""
    query = update.callback_query
    store = services(context).store
    user = await current_user(update, context)
    entry = await _find_entry(store, user.user_id, data.entry_id)
    kept = user.preferences.edit_undo
    if entry is None or kept is None or (kept.entry_id, kept.edit) != (entry.id, data.edit):
        await query.answer(_(texts.EDIT_UNDO_GONE))
        return
    await query.answer()
    entry = undone(entry, kept)
    await store.record_pain(user.user_id, entry, preferences={"edit_undo": None})
    await query.edit_message_text(
        _(texts.BACK_TO).format(what=texts.describe(entry)), parse_mode=ParseMode.HTML
    )


_BUTTONS = {
    callbacks.PainLevel: _level_button,
    callbacks.PainZone: _zone_button,
    callbacks.PainMap: _map_button,
    callbacks.PainArea: _area_button,
    callbacks.SkipNote: _note_skip_button,
    callbacks.UndoPain: _undo_button,
    callbacks.UndoEdit: _undo_edit_button,
}

COMMANDS = [("pain", N_("Log how your back feels (0–10); /pain yesterday shows an earlier day"))]
AWAITING = {"pain_note": note_text}
FREE_TEXT = [pain_message]


def handlers() -> dict[int, list]:
    """The warning-sign watch reads every plain text (new or edited) first; then edits are
    handled (and stopped) here, and the feature group has the rest."""
    private = filters.ChatType.PRIVATE
    plain_text = filters.TEXT & ~filters.COMMAND & private
    return {
        groups.SAFETY_WATCH: [
            MessageHandler(filters.UpdateType.MESSAGES & plain_text, red_flag_watch)
        ],
        groups.EDITS: [
            MessageHandler(filters.UpdateType.EDITED_MESSAGE & plain_text, edited_message)
        ],
        groups.FEATURES: [
            # /pain with words names an earlier day: the diary feature's.
            CommandHandler("pain", pain_command, filters=private, has_args=False),
            CallbackQueryHandler(pain_button, pattern=callbacks.pattern("pain")),
        ],
    }


FEATURE = Feature(
    "pain", handlers=handlers, commands=COMMANDS, awaiting=AWAITING, free_text=FREE_TEXT
)
