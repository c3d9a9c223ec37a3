"""/routine and /equipment.

- /routine: routines by goal (buttons), by words (``/routine 10 min ball``), routine of
  the day; a card with Start. The first /routine asks once what equipment the user has.

Every list, search and routine of the day respects the user's screening answers (see the
package's docstring).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot import callbacks, keyboards, sending
from bot import texts as common_texts
from bot.context import Context
from bot.handlers.common import current_user, reply
from bot.handlers.routines.shared import (
    _conditions,
    _escape,
    _held,
    _local_today,
    _owned,
    _refusal,
    _safety_note,
    _safety_row,
    _screening,
    services_of,
)
from bot.i18n import _
from bot.texts import routines as texts
from content.schema import GOALS, Routine
from domain import routines as selection
from domain.models import PainEntry, User
from domain.redflags import avoid_firm_today
from domain.screening import is_suitable
from storage import update_preferences

MAX_LISTED = 10


# ------------------------------------------------------------------ keyboards


def _goal_keyboard(
    resume: tuple[str, str] | None = None, extra: list | None = None
) -> InlineKeyboardMarkup:
    goals = [
        (_(label), callbacks.GoalChosen(key).pack()) for key, label in texts.GOAL_LABELS.items()
    ]
    rows = [goals[i : i + 2] for i in range(0, len(goals), 2)] + (extra or [])
    if resume:
        title, session_id = resume
        rows.insert(
            0,
            [
                (
                    _(texts.RESUME_BUTTON).format(title=title),
                    callbacks.ResumeSession(session_id).pack(),
                )
            ],
        )
    return keyboards.inline(rows)


def _list_keyboard(
    found: list[Routine],
    extra: list | None = None,
    lacking: Mapping[str, frozenset[str]] | None = None,
) -> InlineKeyboardMarkup:
    """One button per routine (with the gear it needs and the user lacks), then Back."""
    lacking = lacking or {}
    rows = [
        [
            (
                texts.routine_button(r.title, r.minutes, lacking.get(r.id, ())),
                callbacks.RoutineCard(r.id).pack(),
            )
        ]
        for r in found[:MAX_LISTED]
    ]
    back = [(_(texts.BACK_BUTTON), callbacks.RoutinesMenu().pack())]
    return keyboards.inline([*rows, *(extra or []), back])


def _card_keyboard(routine: Routine) -> InlineKeyboardMarkup:
    return keyboards.inline(
        [
            [(_(texts.START_BUTTON), callbacks.StartRoutine(routine.id).pack())],
            [(_(texts.BACK_BUTTON), callbacks.RoutinesMenu().pack())],
        ]
    )


def _equipment_keyboard(owned: list[str], then_menu: bool) -> InlineKeyboardMarkup:
    flag = int(then_menu)
    buttons = [
        (("✅ " if key in owned else "▫️ ") + _(label), callbacks.ToggleEquipment(key, flag).pack())
        for key, label in texts.EQUIPMENT_LABELS.items()
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return keyboards.inline([*rows, [(_(texts.DONE_BUTTON), callbacks.EquipmentDone(flag).pack())]])


# ------------------------------------------------------------------ /routine menus


async def routine_command(update: Update, context: Context) -> None:
    """/routine [words]: the goal menu, or routines matching the words."""
    user = await current_user(update, context)
    if await _held(update, user):
        return
    words = " ".join(context.args or []).strip()
    if not words:
        await _open_routines(update, context, user, edit=False)
        return
    # A search by words is answered straight away, with the safe default until answered.
    every = selection.match_words(services_of(context).content().routines, words)
    found = [r for r in every if is_suitable(r, _conditions(user))]
    note = _safety_note(user, len(every) - len(found))
    if len(found) == 1:
        shown = texts.routine_card(found[0]) + note
        await reply(update, shown, reply_markup=_card_keyboard(found[0]))
    elif found:
        marked = selection.with_gear_first(found, _known_gear(user))
        shown = _(texts.ROUTINE_LIST_WORDS).format(words=_escape(words)) + _gear_note(marked) + note
        routines, lacking = _listed(marked)
        markup = _list_keyboard(routines, _safety_row(user), lacking)
        await reply(update, shown, reply_markup=markup)
    else:
        shown = _(texts.NO_MATCH).format(words=_escape(words)) + note
        await reply(update, shown, reply_markup=await _menu_keyboard(context, user))


async def _open_routines(update: Update, context, user: User, *, edit: bool) -> None:
    """What /routine opens with: the safety questions' invitation and the equipment
    question (each until dealt with once), then the goal menu."""
    held = _screening(user)
    if not held.answered and held.declined_on is None:
        text = _(texts.SCREENING_FIRST)
        markup = keyboards.inline(
            [
                [(_(texts.SCREENING_START_BUTTON), callbacks.ScreeningStart("rt").pack())],
                [(_(texts.SCREENING_LATER_BUTTON), callbacks.ScreeningLater("rt").pack())],
            ]
        )
    elif not user.preferences.equipment_asked:
        await update_preferences(services_of(context).store, user.user_id, equipment_asked=True)
        text, markup = _(texts.ASK_EQUIPMENT), _equipment_keyboard(user.equipment, then_menu=True)
    else:
        text = _(texts.CHOOSE_GOAL) + _safety_note(user, 0)
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


async def _menu_keyboard(context, user: User) -> InlineKeyboardMarkup:
    """The goal buttons, with "Resume" on top while a session is open."""
    services = services_of(context)
    open_session = await services.store.active_session(user.user_id)
    routine = services.content().routines.get(open_session.routine_id) if open_session else None
    return _goal_keyboard((routine.title, open_session.id) if routine else None, _safety_row(user))


async def _goal_chosen(update: Update, context, user: User, data: callbacks.GoalChosen) -> None:
    """rt:goal:<goal|quick|today>: the routines for it (or the routine of the day's card)."""
    query, library = update.callback_query, services_of(context).content()
    key = data.goal
    if key == "today":
        today = _local_today(user)
        store = services_of(context).store
        recent = await store.pain_entries(user.user_id, since=today - timedelta(days=2))
        routine = _routine_of_the_day(library, user, recent)
        await query.answer()
        if routine is None:
            await query.edit_message_text(
                _(texts.NO_ROUTINE_TODAY) + _safety_note(user, 0),
                parse_mode=ParseMode.HTML,
                reply_markup=_goal_keyboard(extra=_safety_row(user)),
            )
            return
        await query.edit_message_text(
            _(texts.TODAY_HEADER) + texts.routine_card(routine),
            parse_mode=ParseMode.HTML,
            reply_markup=_card_keyboard(routine),
        )
        return
    if key == "quick":
        wanted = {"max_minutes": selection.QUICK_MAX_MINUTES}
    elif key in GOALS:
        wanted = {"goal": key}
    else:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    await query.answer()
    found = selection.find_routines(library, **wanted, conditions=_conditions(user))
    note = _safety_note(user, len(selection.find_routines(library, **wanted)) - len(found))
    what = html.escape(_(texts.GOAL_LABELS[key]))  # "Upper back & shoulders"
    marked = selection.with_gear_first(found, _known_gear(user))
    listed = _(texts.ROUTINE_LIST).format(what=what) + _gear_note(marked)
    text = (listed if found else _(texts.NONE_FOR_GOAL)) + note
    extra = _safety_row(user)
    routines, lacking = _listed(marked)
    markup = _list_keyboard(routines, extra, lacking) if found else _goal_keyboard(extra=extra)
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


def _known_gear(user: User) -> list[str] | None:
    """What the user owns, once they have been asked (None: we don't know, mark nothing)."""
    return _owned(user) if user.preferences.equipment_asked else None


def _listed(
    marked: list[tuple[Routine, frozenset[str]]],
) -> tuple[list[Routine], dict[str, frozenset[str]]]:
    """(the routines in order, what each needs that the user lacks) for the list keyboard."""
    return [r for r, _needs in marked], {r.id: needs for r, needs in marked if needs}


def _gear_note(marked: list[tuple[Routine, frozenset[str]]]) -> str:
    return _(texts.NEEDS_GEAR) if any(needs for _routine, needs in marked[:MAX_LISTED]) else ""


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
    routine = services_of(context).content().routines.get(data.routine_id)
    if routine is None:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    await query.answer()
    if is_suitable(routine, _conditions(user)):
        text, markup = texts.routine_card(routine), _card_keyboard(routine)
    else:
        text, markup = _refusal(context, user, routine)
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


async def _menu(update: Update, context, user: User, data: callbacks.RoutinesMenu) -> None:
    """rt:menu: back to the goal buttons."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(
        _(texts.CHOOSE_GOAL) + _safety_note(user, 0),
        parse_mode=ParseMode.HTML,
        reply_markup=await _menu_keyboard(context, user),
    )


# ------------------------------------------------------------------ equipment


async def equipment_command(update: Update, context: Context) -> None:
    """/equipment: toggle what you own."""
    user = await current_user(update, context)
    await _ask_equipment(update, context, user, then_menu=False)


async def _ask_equipment(update: Update, context, user: User, then_menu: bool) -> None:
    await update_preferences(services_of(context).store, user.user_id, equipment_asked=True)
    markup = _equipment_keyboard(user.equipment, then_menu)
    await reply(update, _(texts.ASK_EQUIPMENT), reply_markup=markup)


async def _toggle_equipment(
    update: Update, context, user: User, data: callbacks.ToggleEquipment
) -> None:
    """rt:eq:<key>:<then menu>: add or remove one piece of equipment."""
    query, key = update.callback_query, data.item
    if key not in texts.EQUIPMENT_LABELS:
        await query.answer(_(common_texts.STALE_BUTTON))
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
    saved = _(texts.EQUIPMENT_SAVED).format(items=texts.equipment_list(user.equipment))
    await query.edit_message_text(saved, parse_mode=ParseMode.HTML)
    if data.then_menu == 1 and not await _held(update, user):
        menu = _(texts.CHOOSE_GOAL) + _safety_note(user, 0)
        await reply(update, menu, reply_markup=await _menu_keyboard(context, user))
