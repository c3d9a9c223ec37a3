"""/routine, /equipment, /tools and the guided player.

- /routine: routines by goal (buttons), by words (``/routine 10 min ball``), routine of
  the day; a card with Start. The first /routine asks once what equipment the user has.
- The player (``rt:start:<routine id>``, from anywhere): pain before, then one step at a
  time edited in place in one message, Next/Back/Pause/Stop and auto-advance, pain after.
  Buttons carry the session id and step; both are checked against the presser's own
  stored session, so old, doubled or forged presses never move anything.
- Auto-advance is one due item per session (``bot.dispatcher``, kind ``auto_advance``, ref
  ``<session>:<step>``); it survives a restart in the due index (see ``_auto_tick``).
- /tools: the tool chooser's questions as buttons, answers kept in user.preferences.

Safety: every list, search, routine of the day, /tools suggestion and Start respects the
user's screening answers (``domain.screening``; asked by the screening feature through
its ``scr:`` buttons, which end with ``rt:go`` back here). A routine unsuitable for an
answer is never offered, and Start on an old button of one is refused kindly. Pain of 8+
before a routine that is not gentle holds the session on a "gentle instead" screen.
"""

from __future__ import annotations

import dataclasses
import html
import logging
from collections.abc import Iterator
from datetime import timedelta
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot import callbacks, keyboards, sending
from bot import texts as common_texts
from bot.dispatcher import DueItem, DueKind, Seeding, UserData, dispatcher_of
from bot.handlers.common import current_user, id_for_update, reply
from bot.processing import user_lock
from bot.safety_hold import hold_of, lift_keyboard
from bot.services import SERVICES_KEY, Services
from bot.texts import routines as texts
from bot.texts import safety as safety_texts
from content.schema import GOALS, Routine
from domain import routines as selection
from domain.models import PainEntry, RoutineSession, User, utcnow
from domain.player import (
    calls_for_gentle,
    clamp_step,
    held_back_by_pain,
    pain_change,
    press_verdict,
)
from domain.redflags import avoid_firm_today
from domain.schedule import local_date_of
from domain.screening import Screening, is_suitable
from storage import new_id, update_preferences

logger = logging.getLogger(__name__)

# Tests shrink every step's duration with this factor; 1.0 in real use.
SECONDS_SCALE = 1.0
# A tick late by up to this much (loop stall, restart) still advances.
AUTO_GRACE_SECONDS = 120
MAX_LISTED = 10
AUTO = "auto_advance"  # the kind of due item of a step's timer
_RESUME = "resume"


# ------------------------------------------------------------------ small helpers


def _services(app: Application) -> Services:
    return app.bot_data[SERVICES_KEY]


def _local_today(user: User):
    return local_date_of(utcnow(), user.timezone or "UTC")


# Buttons that offer, open or carry on a routine: held after a serious warning sign. Stop,
# Pause, the pain-after rating, Rest and the equipment list stay available.
_HELD_BUTTONS = (
    callbacks.RoutinesOpen,
    callbacks.GoalChosen,
    callbacks.RoutineCard,
    callbacks.RoutinesMenu,
    callbacks.StartRoutine,
    callbacks.SwitchRoutine,
    callbacks.ResumeSession,
    callbacks.PainBefore,
    callbacks.GentleChosen,
)
_HELD_MOVES = frozenset({"nx", "bk", "rs", "au"})


def _held_back(data: callbacks.CallbackData) -> bool:
    """Whether this button starts or moves a routine (held after a serious sign)."""
    if isinstance(data, callbacks.PlayerMove):
        return data.action in _HELD_MOVES
    return isinstance(data, _HELD_BUTTONS)


async def _held(update: Update, user: User) -> bool:
    """After a serious warning sign, no routine is offered until a doctor has checked them:
    say so (with the button that lifts the hold) and tell the caller to stop here."""
    hold = hold_of(user)
    if hold is None:
        return False
    await reply(update, safety_texts.routines_held(hold), reply_markup=lift_keyboard())
    return True


async def _edit(
    app: Application, user: User, message_id: int, text: str, markup=None, *, background=False
) -> None:
    """Edit a message in place; "not modified" is fine (the screen already shows it).

    ``background``: nobody pressed anything (auto-advance, start-up), so the edit goes
    through the send policy for background sends (paced behind answers, retried).
    """
    if background:
        await sending.edit_message_text(
            app,
            user.chat_id,
            message_id,
            text,
            what="a routine step",
            user_id=user.user_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
        )
        return
    try:
        await app.bot.edit_message_text(
            text,
            chat_id=user.chat_id,
            message_id=message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
        )
    except BadRequest as error:
        if not sending.is_not_modified(error):
            raise


async def _record_pain(
    app: Application, user: User, level: int, source: str, entry_id: str
) -> None:
    entry = PainEntry(
        id=entry_id,
        recorded_at=utcnow(),
        local_date=_local_today(user),
        level=level,
        area=user.preferences.pain_area,
        source=source,
    )
    await _services(app).store.record_pain(user.user_id, entry)


def _screening(user: User) -> Screening:
    return user.preferences.screening


def _conditions(user: User) -> frozenset[str]:
    """The screening conditions to respect: all of them until the user has answered."""
    return _screening(user).respected()


def _owned(user: User) -> list[str]:
    """The user's equipment we know of (an unknown key from old data is ignored)."""
    return [e for e in user.equipment if e in texts.EQUIPMENT_LABELS]


def _safety_note(user: User, left_out: int) -> str:
    """One line under a list: showing the safe default, or how many were left out."""
    if not _screening(user).answered:
        return texts.UNANSWERED_NOTE
    return texts.LEFT_OUT_NOTE.format(count=left_out) if left_out else ""


def _safety_row(user: User) -> list[list[tuple[str, str]]]:
    """A "Safety questions" button while the user has not answered them."""
    if _screening(user).answered:
        return []
    return [[(texts.SCREENING_BUTTON, callbacks.ScreeningStart("rt").pack())]]


def _level(level: int | str) -> tuple[bool, int | None]:
    """A pain button's level: (valid, 0-10 or None for "skip")."""
    if level == "skip":
        return True, None
    if isinstance(level, int) and 0 <= level <= 10:
        return True, level
    return False, None


# ------------------------------------------------------------------ keyboards


def _goal_keyboard(
    resume: tuple[str, str] | None = None, extra: list | None = None
) -> InlineKeyboardMarkup:
    goals = [(label, callbacks.GoalChosen(key).pack()) for key, label in texts.GOAL_LABELS.items()]
    rows = [goals[i : i + 2] for i in range(0, len(goals), 2)] + (extra or [])
    if resume:
        title, session_id = resume
        rows.insert(
            0,
            [
                (
                    texts.RESUME_BUTTON.format(title=title),
                    callbacks.ResumeSession(session_id).pack(),
                )
            ],
        )
    return keyboards.inline(rows)


def _list_keyboard(found: list[Routine], extra: list | None = None) -> InlineKeyboardMarkup:
    rows = [
        [(texts.routine_button(r.title, r.minutes), callbacks.RoutineCard(r.id).pack())]
        for r in found[:MAX_LISTED]
    ]
    back = [(texts.BACK_BUTTON, callbacks.RoutinesMenu().pack())]
    return keyboards.inline([*rows, *(extra or []), back])


def _card_keyboard(routine: Routine) -> InlineKeyboardMarkup:
    return keyboards.inline(
        [
            [(texts.START_BUTTON, callbacks.StartRoutine(routine.id).pack())],
            [(texts.BACK_BUTTON, callbacks.RoutinesMenu().pack())],
        ]
    )


def _equipment_keyboard(owned: list[str], then_menu: bool) -> InlineKeyboardMarkup:
    flag = int(then_menu)
    buttons = [
        (("✅ " if key in owned else "▫️ ") + label, callbacks.ToggleEquipment(key, flag).pack())
        for key, label in texts.EQUIPMENT_LABELS.items()
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return keyboards.inline([*rows, [(texts.DONE_BUTTON, callbacks.EquipmentDone(flag).pack())]])


def pain_keyboard(
    question: type[callbacks.PainBefore | callbacks.PainAfter], session_id: str
) -> InlineKeyboardMarkup:
    """0-10 and Skip, for the pain question before or after a routine."""
    levels = [(str(n), question(session_id, n).pack()) for n in range(11)]
    skip = (texts.SKIP_BUTTON, question(session_id, "skip").pack())
    return keyboards.inline([levels[:6], levels[6:], [skip]])


def player_keyboard(session: RoutineSession, step_count: int) -> InlineKeyboardMarkup:
    """Next/Back, Pause or Resume, Auto, Stop; every button names the session and step."""

    def button(text: str, action: str) -> tuple[str, str]:
        return text, callbacks.PlayerMove(action, session.id, session.step).pack()

    auto = button(texts.AUTO_ON_BUTTON if session.auto_advance else texts.AUTO_OFF_BUTTON, "au")
    if session.status == "paused":
        return keyboards.inline(
            [[button(texts.RESUME_PLAYER_BUTTON, "rs")], [auto, button(texts.STOP_BUTTON, "st")]]
        )
    last = session.step >= step_count - 1
    moves = [button(texts.FINISH_BUTTON if last else texts.NEXT_BUTTON, "nx")]
    if session.step > 0:
        moves.insert(0, button(texts.PREV_BUTTON, "bk"))
    return keyboards.inline(
        [moves, [button(texts.PAUSE_BUTTON, "ps"), auto, button(texts.STOP_BUTTON, "st")]]
    )


# ------------------------------------------------------------------ /routine menus


async def routine_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/routine [words]: the goal menu, or routines matching the words."""
    user = await current_user(update, context)
    if await _held(update, user):
        return
    words = " ".join(context.args or []).strip()
    if not words:
        await _open_routines(update, context, user, edit=False)
        return
    # A search by words is answered straight away, with the safe default until answered.
    every = selection.match_words(services_of(context).library.routines, words)
    found = [r for r in every if is_suitable(r, _conditions(user))]
    note = _safety_note(user, len(every) - len(found))
    if len(found) == 1:
        shown = texts.routine_card(found[0]) + note
        await reply(update, shown, reply_markup=_card_keyboard(found[0]))
    elif found:
        shown = texts.ROUTINE_LIST_WORDS.format(words=_escape(words)) + note
        await reply(update, shown, reply_markup=_list_keyboard(found, _safety_row(user)))
    else:
        shown = texts.NO_MATCH.format(words=_escape(words)) + note
        await reply(update, shown, reply_markup=await _menu_keyboard(context, user))


async def _open_routines(update: Update, context, user: User, *, edit: bool) -> None:
    """What /routine opens with: the safety questions' invitation and the equipment
    question (each until dealt with once), then the goal menu."""
    held = _screening(user)
    if not held.answered and held.declined_on is None:
        text = texts.SCREENING_FIRST
        markup = keyboards.inline(
            [
                [(texts.SCREENING_START_BUTTON, callbacks.ScreeningStart("rt").pack())],
                [(texts.SCREENING_LATER_BUTTON, callbacks.ScreeningLater("rt").pack())],
            ]
        )
    elif not user.preferences.equipment_asked:
        await update_preferences(services_of(context).store, user.user_id, equipment_asked=True)
        text, markup = texts.ASK_EQUIPMENT, _equipment_keyboard(user.equipment, then_menu=True)
    else:
        text = texts.CHOOSE_GOAL + _safety_note(user, 0)
        markup = await _menu_keyboard(context, user)
    if edit:
        await update.callback_query.edit_message_text(
            text, parse_mode=ParseMode.HTML, reply_markup=markup
        )
    else:
        await reply(update, text, reply_markup=markup)


async def _go(update: Update, context, user: User, data: callbacks.RoutinesOpen) -> None:
    """rt:go (from the end of the safety questions), rt:go:new (from a reminder): carry on
    into /routine, in place or on a new message."""
    await update.callback_query.answer()
    await _open_routines(update, context, user, edit=data.fresh != "new")


def services_of(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return _services(context.application)


def _escape(text: str) -> str:
    """User words or content put into HTML (user words cut short: they are only echoed)."""
    return html.escape(text[:100])


async def _menu_keyboard(context, user: User) -> InlineKeyboardMarkup:
    """The goal buttons, with "Resume" on top while a session is open."""
    services = services_of(context)
    open_session = await services.store.active_session(user.user_id)
    routine = services.library.routines.get(open_session.routine_id) if open_session else None
    return _goal_keyboard((routine.title, open_session.id) if routine else None, _safety_row(user))


async def _goal_chosen(update: Update, context, user: User, data: callbacks.GoalChosen) -> None:
    """rt:goal:<goal|quick|today>: the routines for it (or the routine of the day's card)."""
    query, library = update.callback_query, services_of(context).library
    key = data.goal
    if key == "today":
        today = _local_today(user)
        store = services_of(context).store
        recent = await store.pain_entries(user.user_id, since=today - timedelta(days=2))
        routine = _routine_of_the_day(library, user, recent)
        await query.answer()
        if routine is None:
            await query.edit_message_text(
                texts.NO_ROUTINE_TODAY + _safety_note(user, 0),
                parse_mode=ParseMode.HTML,
                reply_markup=_goal_keyboard(extra=_safety_row(user)),
            )
            return
        await query.edit_message_text(
            texts.TODAY_HEADER + texts.routine_card(routine),
            parse_mode=ParseMode.HTML,
            reply_markup=_card_keyboard(routine),
        )
        return
    if key == "quick":
        wanted = {"max_minutes": selection.QUICK_MAX_MINUTES}
    elif key in GOALS:
        wanted = {"goal": key}
    else:
        await query.answer(common_texts.STALE_BUTTON)
        return
    await query.answer()
    found = selection.find_routines(library, **wanted, conditions=_conditions(user))
    note = _safety_note(user, len(selection.find_routines(library, **wanted)) - len(found))
    what = html.escape(texts.GOAL_LABELS[key])  # "Upper back & shoulders"
    text = (texts.ROUTINE_LIST.format(what=what) if found else texts.NONE_FOR_GOAL) + note
    extra = _safety_row(user)
    markup = _list_keyboard(found, extra) if found else _goal_keyboard(extra=extra)
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


def _routine_of_the_day(library, user: User, recent: list[PainEntry]) -> Routine | None:
    """Today's pick; nothing firm on a day with a warning sign or severe pain (8+ today,
    or on two of the last three days)."""
    equipment = set(_owned(user)) or None
    today = _local_today(user)
    avoid_deep = avoid_firm_today(user.preferences.red_flag_date == today, recent, today)
    area = user.preferences.pain_area
    for preferred in (area, None):
        try:
            return selection.routine_of_the_day(
                library,
                user_id=user.user_id,
                local_date=_local_today(user),
                preferred_area=preferred,
                equipment=equipment,
                avoid_deep=avoid_deep,
                conditions=_conditions(user),
            )
        except ValueError:
            continue  # an area label we do not know: choose without it
        except selection.NoRoutineAvailable:
            return None
    return None


async def _card(update: Update, context, user: User, data: callbacks.RoutineCard) -> None:
    """rt:card:<routine id>: the routine's card with Start and Back."""
    query = update.callback_query
    routine = services_of(context).library.routines.get(data.routine_id)
    if routine is None:
        await query.answer(common_texts.STALE_BUTTON)
        return
    await query.answer()
    if is_suitable(routine, _conditions(user)):
        text, markup = texts.routine_card(routine), _card_keyboard(routine)
    else:
        text, markup = _refusal(context, user, routine)
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


def _refusal(context, user: User, routine: Routine) -> tuple[str, InlineKeyboardMarkup]:
    """Why an unsuitable routine is not started, with one or two that suit the user."""
    instead = selection.alternatives(
        services_of(context).library.routines,
        routine,
        conditions=_conditions(user),
        equipment=_owned(user),
        same_area=False,
    )[:2]
    template = texts.NOT_SUITABLE if _screening(user).answered else texts.NOT_SUITABLE_UNANSWERED
    text = template.format(title=_escape(routine.title)) + (texts.TRY_INSTEAD if instead else "")
    rows = [
        [(texts.routine_button(r.title, r.minutes), callbacks.RoutineCard(r.id).pack())]
        for r in instead
    ]
    rows += _safety_row(user) + [[(texts.CHOOSE_ROUTINE_BUTTON, callbacks.RoutinesMenu().pack())]]
    return text, keyboards.inline(rows)


async def _menu(update: Update, context, user: User, data: callbacks.RoutinesMenu) -> None:
    """rt:menu: back to the goal buttons."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(
        texts.CHOOSE_GOAL + _safety_note(user, 0),
        parse_mode=ParseMode.HTML,
        reply_markup=await _menu_keyboard(context, user),
    )


# ------------------------------------------------------------------ equipment


async def equipment_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/equipment: toggle what you own."""
    user = await current_user(update, context)
    await _ask_equipment(update, context, user, then_menu=False)


async def _ask_equipment(update: Update, context, user: User, then_menu: bool) -> None:
    await update_preferences(services_of(context).store, user.user_id, equipment_asked=True)
    markup = _equipment_keyboard(user.equipment, then_menu)
    await reply(update, texts.ASK_EQUIPMENT, reply_markup=markup)


async def _toggle_equipment(
    update: Update, context, user: User, data: callbacks.ToggleEquipment
) -> None:
    """rt:eq:<key>:<then menu>: add or remove one piece of equipment."""
    query, key = update.callback_query, data.item
    if key not in texts.EQUIPMENT_LABELS:
        await query.answer(common_texts.STALE_BUTTON)
        return
    owned = [e for e in user.equipment if e != key]
    if key not in user.equipment:
        owned.append(key)
    await services_of(context).store.update_user(user.user_id, equipment=owned)
    await query.answer()
    markup = _equipment_keyboard(owned, data.then_menu == 1)
    try:
        await query.edit_message_reply_markup(reply_markup=markup)
    except BadRequest as error:
        if not sending.is_not_modified(error):
            raise


async def _equipment_done(
    update: Update, context, user: User, data: callbacks.EquipmentDone
) -> None:
    """rt:eqdone:<then menu>: confirm, then show the goal menu if /routine asked."""
    query = update.callback_query
    await query.answer()
    saved = texts.EQUIPMENT_SAVED.format(items=texts.equipment_list(user.equipment))
    await query.edit_message_text(saved, parse_mode=ParseMode.HTML)
    if data.then_menu == 1 and not await _held(update, user):
        menu = texts.CHOOSE_GOAL + _safety_note(user, 0)
        await reply(update, menu, reply_markup=await _menu_keyboard(context, user))


# ------------------------------------------------------------------ the player: start


async def _start_pressed(update: Update, context, user: User, data: callbacks.StartRoutine) -> None:
    """rt:start:<routine id>: start it, or ask first if another session is open."""
    query, services = update.callback_query, services_of(context)
    routine = services.library.routines.get(data.routine_id)
    if routine is None:
        await query.answer(common_texts.STALE_BUTTON)
        return
    await query.answer()
    if not is_suitable(routine, _conditions(user)):  # an old card, reminder or /tools answer
        text, markup = _refusal(context, user, routine)
        await reply(update, text, reply_markup=markup)
        return
    open_session = await services.store.active_session(user.user_id)
    if open_session is None:
        await start_session(context.application, user, routine)
        return
    current = services.library.routines.get(open_session.routine_id)
    question = texts.SWITCH_QUESTION.format(
        current=_escape(current.title if current else open_session.routine_id),
        new=_escape(routine.title),
    )
    markup = keyboards.inline(
        [
            [(texts.SWITCH_YES, callbacks.SwitchRoutine(routine.id).pack())],
            [(texts.SWITCH_NO, callbacks.ResumeSession(open_session.id).pack())],
        ]
    )
    await reply(update, question, reply_markup=markup)


async def _switch(update: Update, context, user: User, data: callbacks.SwitchRoutine) -> None:
    """rt:switch:<routine id>: stop whatever is open, start this one."""
    query, services = update.callback_query, services_of(context)
    routine = services.library.routines.get(data.routine_id)
    if routine is None:
        await query.answer(common_texts.STALE_BUTTON)
        return
    await query.answer()
    await query.edit_message_reply_markup(reply_markup=None)
    if not is_suitable(routine, _conditions(user)):  # answers changed since the question
        text, markup = _refusal(context, user, routine)
        await reply(update, text, reply_markup=markup)
        return
    app = context.application
    open_session = await services.store.active_session(user.user_id)
    if open_session is not None:
        await _stop(app, user, open_session)
    await start_session(app, user, routine)


async def start_session(app: Application, user: User, routine: Routine) -> RoutineSession:
    """A new session on a new message, asking for pain first."""
    session = RoutineSession(id=new_id(), routine_id=routine.id, started_at=utcnow())
    message = await app.bot.send_message(
        user.chat_id,
        texts.ASK_PAIN_BEFORE.format(
            title=_escape(routine.title), cautions=texts.cautions_block(routine)
        ),
        parse_mode=ParseMode.HTML,
        reply_markup=pain_keyboard(callbacks.PainBefore, session.id),
    )
    session.message_id = message.message_id
    await _services(app).store.save_session(user.user_id, session)
    return session


async def _resume(update: Update, context, user: User, data: callbacks.ResumeSession) -> None:
    """rt:resume:<session id>: bring an open session back on a fresh message."""
    query, app = update.callback_query, context.application
    session, routine = await _own_session(context, user, data.session_id)
    if session is None or session.status not in ("active", "paused"):
        await query.answer(texts.SESSION_ENDED if session else common_texts.STALE_BUTTON)
        return
    await query.answer()
    old_message = session.message_id
    session.status = "active"
    await _show_step(app, user, session, routine, new_message=True)
    if old_message and old_message != session.message_id:
        try:
            await app.bot.edit_message_reply_markup(user.chat_id, old_message, reply_markup=None)
        except TelegramError:
            pass  # too old or already without buttons: nothing to tidy


async def _own_session(context, user: User, session_id: str | None):
    """The presser's own session and its routine, or (None, None)."""
    services = services_of(context)
    session = await services.store.get_session(user.user_id, session_id or "")
    routine = services.library.routines.get(session.routine_id) if session else None
    if routine is None:
        return None, None
    return session, routine


# ------------------------------------------------------------------ the player: moves


async def _pain_before(update: Update, context, user: User, data: callbacks.PainBefore) -> None:
    """rt:pb:<sid>:<0-10|skip>: note the pain, then show the first step."""
    query, app = update.callback_query, context.application
    session, routine = await _own_session(context, user, data.session_id)
    valid, level = _level(data.level)
    if session is None or not valid or query.message.message_id != session.message_id:
        await query.answer(common_texts.STALE_BUTTON)
        return
    session = await services_of(context).store.get_session(user.user_id, session.id)
    verdict = press_verdict(session, 0)
    if verdict != "ok" or session.pain_before is not None:
        await query.answer(texts.SESSION_ENDED if verdict == "ended" else None)
        return
    await query.answer()
    if level is not None:
        session.pain_before = level
        await _record_pain(app, user, level, "before_routine", id_for_update(update))
    await _show_step(app, user, session, routine)


async def _player_pressed(update: Update, context, user: User, data: callbacks.PlayerMove) -> None:
    """rt:<nx|bk|ps|rs|st|au>:<sid>:<step>: move the player, if the press still applies."""
    query, app = update.callback_query, context.application
    session, routine = await _own_session(context, user, data.session_id)
    step = data.step
    if session is not None and session.status not in ("active", "paused"):
        await query.answer(texts.SESSION_ENDED)
        return
    if session is None or query.message.message_id != session.message_id:
        await query.answer(common_texts.STALE_BUTTON)
        return
    session = await services_of(context).store.get_session(user.user_id, session.id)
    needs_active = data.action in ("nx", "bk", "ps")
    verdict = press_verdict(session, step, needs_active=needs_active)
    if data.action == "rs" and verdict == "ok" and session.status != "paused":
        verdict = "moved"
    if verdict != "ok":
        notes = {"ended": texts.SESSION_ENDED, "paused": texts.NOT_NOW}
        await query.answer(notes.get(verdict))
        return
    await query.answer()
    await _MOVES[data.action](app, user, session, routine)


async def _next(app, user, session, routine) -> None:
    await _go_to(app, user, session, routine, session.step + 1)


async def _back(app, user, session, routine) -> None:
    await _go_to(app, user, session, routine, clamp_step(session.step - 1, len(routine.steps)))


async def _pause(app, user, session, routine) -> None:
    session.status = "paused"
    _cancel_auto(app, user.user_id, session.id)
    await _show_step(app, user, session, routine)


async def _resume_step(app, user, session, routine) -> None:
    session.status = "active"
    await _show_step(app, user, session, routine)


async def _toggle_auto(app, user, session, routine) -> None:
    session.auto_advance = not session.auto_advance
    await _show_step(app, user, session, routine)


async def _stop_pressed(app, user, session, routine) -> None:
    await _stop(app, user, session)


_MOVES = {
    "nx": _next,
    "bk": _back,
    "ps": _pause,
    "rs": _resume_step,
    "au": _toggle_auto,
    "st": _stop_pressed,
}


async def _go_to(
    app,
    user: User,
    session: RoutineSession,
    routine: Routine,
    step: int,
    *,
    background: bool = False,
) -> None:
    """Show ``step`` (or the end); ``background``: the auto-advance timer moved, not a press."""
    if held_back_by_pain(session, selection.is_gentle(routine)):
        step = session.step  # no moving on until a gentle routine is chosen: redraw that
    if step >= len(routine.steps):
        await _finish(app, user, session, routine, background=background)
        return
    session.step = step
    await _show_step(app, user, session, routine, background=background)


async def _show_step(
    app,
    user: User,
    session: RoutineSession,
    routine: Routine,
    *,
    new_message: bool = False,
    cautions: bool = False,
    background: bool = False,
) -> None:
    """Save the session, (re)start its timer if it auto-advances, and draw the step.

    The step is drawn by editing the session's one message, or on a new message (which
    then becomes the session's message) when resuming from elsewhere. Every way to a step
    passes here, so here a session whose routine became unsuitable is stopped, and one
    held back by high pain shows the gentle choice instead of a step. ``background``: no
    one pressed a button (auto-advance, start-up): see ``_edit``.
    """
    _cancel_auto(app, user.user_id, session.id)
    if not is_suitable(routine, _conditions(user)):
        await _stop_unsuitable(
            app, user, session, routine, new_message=new_message, background=background
        )
        return
    if held_back_by_pain(session, selection.is_gentle(routine)):
        await _show_gentle_choice(
            app, user, session, routine, new_message=new_message, background=background
        )
        return
    auto_at = None
    if session.status == "active" and session.auto_advance:
        due = _schedule_auto(app, user, session, routine)
        auto_at = due.astimezone(ZoneInfo(user.timezone or "UTC")).strftime("%H:%M:%S")
    text = texts.step_screen(
        routine,
        session.step,
        auto_at=auto_at,
        paused=session.status == "paused",
        high_pain=calls_for_gentle(session.pain_before),
        cautions=cautions,
    )
    markup = player_keyboard(session, len(routine.steps))
    await _draw(app, user, session, text, markup, new_message, background=background)


async def _draw(
    app,
    user: User,
    session: RoutineSession,
    text: str,
    markup,
    new_message: bool,
    *,
    background: bool = False,
) -> None:
    """Save the session and show ``text`` on its message (or a new one, which becomes it)."""
    if new_message or session.message_id is None:
        if background:
            message = await sending.send_message(
                app,
                user.chat_id,
                text,
                what="a routine step",
                user_id=user.user_id,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
            )
            if message is None:
                return  # blocked or unreachable: the session stays where it was
        else:
            message = await app.bot.send_message(
                user.chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
            )
        session.message_id = message.message_id
        await _services(app).store.save_session(user.user_id, session)
        return
    await _services(app).store.save_session(user.user_id, session)
    try:
        await _edit(app, user, session.message_id, text, markup, background=background)
    except BadRequest as error:
        # The player message is gone (deleted by the user, too old): carry on in a new one.
        logger.info("user %s: player message not editable (%s)", user.user_id, error)
        await _draw(app, user, session, text, markup, new_message=True, background=background)


async def _show_gentle_choice(
    app,
    user: User,
    session: RoutineSession,
    routine: Routine,
    *,
    new_message: bool = False,
    background: bool = False,
) -> None:
    """Pain of 8+ before a routine that is not gentle: calm advice and gentle ones instead."""
    gentle = selection.alternatives(
        _services(app).library.routines,
        routine,
        conditions=_conditions(user),
        equipment=_owned(user),
        gentle_only=True,
        same_area=False,
    )[:3]
    text = texts.HIGH_PAIN.format(level=session.pain_before) + (
        texts.HIGH_PAIN_SWAP if gentle else texts.HIGH_PAIN_NO_GENTLE
    ).format(title=_escape(routine.title))
    markup = gentle_keyboard(session.id, gentle)
    await _draw(app, user, session, text, markup, new_message, background=background)


def gentle_keyboard(session_id: str, gentle: list[Routine]) -> InlineKeyboardMarkup:
    """One button per gentle routine to carry on with, and "Rest today"."""
    rows = [
        [
            (
                texts.routine_button(r.title, r.minutes),
                callbacks.GentleChosen(session_id, r.id).pack(),
            )
        ]
        for r in gentle
    ]
    rows.append([(texts.REST_BUTTON, callbacks.Rest(session_id).pack())])
    return keyboards.inline(rows)


async def _gentle_chosen(update: Update, context, user: User, data: callbacks.GentleChosen) -> None:
    """rt:gentle:<sid>:<routine id>: the held-back session carries on with a gentle routine."""
    query, app = update.callback_query, context.application
    session, routine = await _own_session(context, user, data.session_id)
    chosen = services_of(context).library.routines.get(data.routine_id)
    if session is None or chosen is None or query.message.message_id != session.message_id:
        await query.answer(common_texts.STALE_BUTTON)
        return
    if session.status not in ("active", "paused"):
        await query.answer(texts.SESSION_ENDED)
        return
    allowed = selection.is_gentle(chosen) and is_suitable(chosen, _conditions(user))
    if not held_back_by_pain(session, selection.is_gentle(routine)) or not allowed:
        await query.answer(common_texts.STALE_BUTTON)
        return
    await query.answer()
    session = dataclasses.replace(session, routine_id=chosen.id, status="active")
    await _show_step(app, user, session, chosen, cautions=True)


async def _rest(update: Update, context, user: User, data: callbacks.Rest) -> None:
    """rt:rest:<sid>: no routine today after all; the session ends, kindly."""
    query, app = update.callback_query, context.application
    session, _ = await _own_session(context, user, data.session_id)
    if session is None or query.message.message_id != session.message_id:
        await query.answer(common_texts.STALE_BUTTON)
        return
    if session.status not in ("active", "paused"):
        await query.answer(texts.SESSION_ENDED)
        return
    await query.answer()
    _cancel_auto(app, user.user_id, session.id)
    session = dataclasses.replace(session, status="aborted", ended_at=utcnow())
    await _services(app).store.save_session(user.user_id, session)
    await _edit(app, user, session.message_id, texts.RESTED)


async def _stop_unsuitable(
    app,
    user: User,
    session: RoutineSession,
    routine: Routine,
    *,
    new_message: bool,
    background: bool = False,
) -> None:
    """The answers changed while this session was open: end it and say why."""
    session = dataclasses.replace(session, status="aborted", ended_at=utcnow())
    text = texts.STOPPED_UNSUITABLE.format(title=_escape(routine.title))
    await _draw(app, user, session, text, None, new_message, background=background)


async def _finish(
    app, user: User, session: RoutineSession, routine: Routine, *, background: bool = False
) -> None:
    session = dataclasses.replace(
        session, status="completed", ended_at=utcnow(), step=len(routine.steps) - 1
    )
    _cancel_auto(app, user.user_id, session.id)
    await _services(app).store.save_session(user.user_id, session)
    text = texts.ASK_PAIN_AFTER.format(title=_escape(routine.title))
    markup = pain_keyboard(callbacks.PainAfter, session.id)
    await _edit(app, user, session.message_id, text, markup, background=background)


async def _stop(app, user: User, session: RoutineSession) -> None:
    """End the session as aborted, keeping the step reached."""
    routine = _services(app).library.routines.get(session.routine_id)
    _cancel_auto(app, user.user_id, session.id)
    session = dataclasses.replace(session, status="aborted", ended_at=utcnow())
    await _services(app).store.save_session(user.user_id, session)
    if routine is None or session.message_id is None:
        return
    text = texts.STOPPED.format(
        title=_escape(routine.title), number=session.step + 1, count=len(routine.steps)
    )
    try:
        await _edit(app, user, session.message_id, text)
    except BadRequest:
        logger.info("user %s: could not edit the stopped player message", user.user_id)


async def _pain_after(update: Update, context, user: User, data: callbacks.PainAfter) -> None:
    """rt:pa:<sid>:<0-10|skip>: note the pain after, say how it changed."""
    query, app = update.callback_query, context.application
    session, routine = await _own_session(context, user, data.session_id)
    valid, level = _level(data.level)
    if session is None or not valid:
        await query.answer(common_texts.STALE_BUTTON)
        return
    if session.status != "completed" or session.pain_after is not None:
        await query.answer(texts.SESSION_ENDED if session.status == "aborted" else None)
        return
    await query.answer()
    if level is not None:
        session.pain_after = level
        await services_of(context).store.save_session(user.user_id, session)
        await _record_pain(app, user, level, "after_routine", id_for_update(update))
    direction, delta = ("same", 0)
    if level is not None and session.pain_before is not None:
        direction, delta = pain_change(session.pain_before, level)
    change = texts.change_text(session.pain_before, level, direction, delta)
    text = texts.FINISHED.format(title=_escape(routine.title), change=change)
    tip = _how_often_tip(services_of(context).library, session.id)
    if tip:
        text += texts.HOW_OFTEN_LINE.format(tip=_escape_block(tip))
    await _edit(app, user, query.message.message_id, text)


def _how_often_tip(library, seed: str) -> str | None:
    """One line of the guide's "how often and how long" advice, a different one each time."""
    section = library.tips.sections.get("how-often")
    if section is None or not section.items:
        return None
    return section.items[sum(seed.encode()) % len(section.items)]


# ------------------------------------------------------------------ auto-advance


def _schedule_auto(app, user: User, session: RoutineSession, routine: Routine):
    """Run the step's timer; return when it fires (UTC)."""
    seconds = routine.steps[session.step].seconds * SECONDS_SCALE
    due = utcnow() + timedelta(seconds=seconds)
    dispatcher_of(app).schedule(AUTO, user.user_id, due, f"{session.id}:{session.step}")
    return due


def _cancel_auto(app, user_id: int, session_id: str) -> None:
    dispatcher_of(app).cancel_where(user_id, AUTO, f"{session_id}:")


async def _auto_tick(context: ContextTypes.DEFAULT_TYPE, item: DueItem) -> None:
    """The step's time is up: move on, if the session is still where the timer left it.

    A timer that comes too late (the bot was down) starts its step over instead, as does
    the one the index build plans (``<session>:resume``): which second of the step the bot
    stopped at is not known, and a little longer on a step is better than skipping part.
    """
    app = context.application
    services = _services(app)
    session_id, _, step = item.ref.partition(":")
    async with user_lock(app, item.user_id):  # a button press may race the timer
        session = await services.store.get_session(item.user_id, session_id)
        user = await services.store.get_user(item.user_id)
        if session is None or user is None or not session.auto_advance or not user.active:
            return  # (inactive: blocked the bot, paused by the send policy)
        if hold_of(user) is not None:
            return  # a serious warning sign since: the routine waits where it is
        if step != _RESUME and press_verdict(session, int(step)) != "ok":
            return
        routine = services.library.routines.get(session.routine_id)
        if routine is None:
            return
        if step == _RESUME or utcnow() - item.at > timedelta(seconds=AUTO_GRACE_SECONDS):
            await _resume_step(app, user, session, routine)
            return
        await _go_to(app, user, session, routine, session.step + 1, background=True)


async def _resume_step(app, user: User, session: RoutineSession, routine: Routine) -> None:
    if session.status != "active" or not 0 <= session.step < len(routine.steps):
        return
    try:
        await _show_step(app, user, session, routine, background=True)
    except TelegramError as error:
        logger.warning("user %s: could not resume the player: %s", user.user_id, error)


def seed_auto(data: UserData, seeding: Seeding) -> Iterator[DueItem]:
    """After downtime: restart the current step's timer of an auto-advancing session."""
    session = data.open_session
    if seeding.after_downtime and session is not None and session.auto_advance:
        if session.status == "active":
            yield DueItem(seeding.now, AUTO, data.user.user_id, f"{session.id}:{_RESUME}")


# ------------------------------------------------------------------ /tools


async def tools_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/tools: start the tool chooser from the first question."""
    user = await current_user(update, context)
    if await _held(update, user):
        return
    await update_preferences(services_of(context).store, user.user_id, tools_answers={})
    chooser = services_of(context).library.tool_chooser
    text, markup = _tools_screen(context, user, {})
    await reply(update, _escape_block(chooser.intro) + "\n\n" + text, reply_markup=markup)


def _escape_block(text: str) -> str:
    return html.escape(text)


def _tools_screen(context, user: User, answers: dict) -> tuple[str, InlineKeyboardMarkup]:
    """The next unanswered question, or the recommendation once all are answered."""
    library = services_of(context).library
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
    rows = [[(texts.TOOLS_AGAIN, callbacks.ToolsAgain().pack())]]
    routine_title = routine.title if routine else found.routine_id
    text = texts.TOOLS_RECOMMEND.format(
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
        start = texts.TOOLS_START.format(routine=offered.title)
        rows.insert(0, [(start[:60], callbacks.StartRoutine(offered.id).pack())])
    return text, keyboards.inline(rows)


def _tools_instead(library, user: User, routine: Routine, text: str) -> tuple[str, Routine | None]:
    """The recommended routine is unsuitable: say so, and offer one for the same area."""
    instead = selection.alternatives(
        library.routines, routine, conditions=_conditions(user), equipment=_owned(user)
    )
    answered = _screening(user).answered
    template = texts.TOOLS_UNSUITABLE if answered else texts.TOOLS_UNSUITABLE_UNANSWERED
    text += template.format(routine=_escape_block(routine.title))
    if not instead:
        return text + texts.TOOLS_NONE_INSTEAD, None
    return text + texts.TOOLS_INSTEAD.format(routine=_escape_block(instead[0].title)), instead[0]


async def tools_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """tools:<question>:<option>, or tools:_again: record the answer, show what comes next."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    user = await current_user(update, context)
    chooser = services_of(context).library.tool_chooser
    answers = dict(user.preferences.tools_answers)
    if isinstance(data, callbacks.ToolsAgain):
        answers = {}
    else:
        known = {q.key: q.option_keys() for q in chooser.questions}
        if not isinstance(data, callbacks.ToolsAnswer) or data.option not in known.get(
            data.question, ()
        ):
            await query.answer(common_texts.STALE_BUTTON)
            return
        answers[data.question] = data.option
    await update_preferences(services_of(context).store, user.user_id, tools_answers=answers)
    await query.answer()
    text, markup = _tools_screen(context, user, answers)
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


# ------------------------------------------------------------------ wiring

_ACTIONS = {
    callbacks.RoutinesOpen: _go,
    callbacks.GoalChosen: _goal_chosen,
    callbacks.RoutineCard: _card,
    callbacks.RoutinesMenu: _menu,
    callbacks.ToggleEquipment: _toggle_equipment,
    callbacks.EquipmentDone: _equipment_done,
    callbacks.StartRoutine: _start_pressed,
    callbacks.SwitchRoutine: _switch,
    callbacks.ResumeSession: _resume,
    callbacks.PainBefore: _pain_before,
    callbacks.PainAfter: _pain_after,
    callbacks.GentleChosen: _gentle_chosen,
    callbacks.Rest: _rest,
    callbacks.PlayerMove: _player_pressed,
}


async def routine_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every rt:* button, dispatched by its type."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    action = _ACTIONS.get(type(data))
    if action is None:
        await query.answer(common_texts.STALE_BUTTON)
        return
    user = await current_user(update, context)
    if _held_back(data) and hold_of(user) is not None:
        await query.answer()
        await _held(update, user)
        return
    await action(update, context, user, data)


# The step timer follows no setting: only the index build seeds it (restart the step).
DUE = {AUTO: DueKind(handle=_auto_tick, seed=seed_auto, follows_settings=False)}

COMMANDS = [
    ("routine", "Guided self-care routines, step by step"),
    ("tools", "Find the massage tool that suits you"),
    ("equipment", "Tell me which equipment you have"),
]


def handlers() -> list:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("routine", routine_command, filters=private),
        CommandHandler("equipment", equipment_command, filters=private),
        CommandHandler("tools", tools_command, filters=private),
        CallbackQueryHandler(routine_pressed, pattern=callbacks.pattern("rt")),
        CallbackQueryHandler(tools_pressed, pattern=callbacks.pattern("tools")),
    ]
