"""The guided player.

- The player (``rt:start:<routine id>``, from anywhere): pain before, then one step at a
  time edited in place in one message, Next/Back/Pause/Stop and auto-advance, pain after.
  Buttons carry the session id and step; both are checked against the presser's own
  stored session, so old, doubled or forged presses never move anything.
- Auto-advance is one due item per session (``bot.dispatcher``, kind ``auto_advance``, ref
  ``<session>:<step>``); it survives a restart in the due index (see ``_auto_tick``).

Start on an old button of a routine unsuitable for the user's screening answers is
refused kindly. Pain of 8+ before a routine that is not gentle holds the session on a
"gentle instead" screen.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from datetime import timedelta
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application

from bot import callbacks, keyboards
from bot import texts as common_texts
from bot.context import Context
from bot.dispatcher import DueItem, DueKind, Seeding, UserData, dispatcher_of
from bot.handlers.common import reply
from bot.handlers.routines.screen import draw
from bot.handlers.routines.shared import (
    _conditions,
    _escape,
    _escape_block,
    _owned,
    _refusal,
    _services,
    services_of,
)
from bot.i18n import _, use_language
from bot.pictures import step_pictures
from bot.processing import user_lock
from bot.safety_hold import hold_of
from bot.texts import routines as texts
from content.schema import Routine
from domain import routines as selection
from domain.models import RoutineSession, User, utcnow
from domain.player import (
    calls_for_gentle,
    clamp_step,
    held_back_by_pain,
    pain_change,
    press_verdict,
)
from domain.screening import is_suitable
from storage import new_id

logger = logging.getLogger(__name__)


# Tests shrink every step's duration with this factor; 1.0 in real use.
SECONDS_SCALE = 1.0


# A tick late by up to this much (loop stall, restart) still advances.
AUTO_GRACE_SECONDS = 120


AUTO = "auto_advance"  # the kind of due item of a step's timer


_RESUME = "resume"


# ------------------------------------------------------------------ small helpers


def _pain_question(routine: Routine, *, before: bool) -> str:
    """Before/after ratings are the session's, not diary entries: a partner routine asks
    about the partner who receives it, never records the giver's own pain."""
    if routine.who == "partner":
        return _(texts.ASK_PARTNER_PAIN_BEFORE) if before else _(texts.ASK_PARTNER_PAIN_AFTER)
    return _(texts.ASK_PAIN_BEFORE) if before else _(texts.ASK_PAIN_AFTER)


def _level(level: int | str) -> tuple[bool, int | None]:
    """A pain button's level: (valid, 0-10 or None for "skip")."""
    if level == "skip":
        return True, None
    if isinstance(level, int) and 0 <= level <= 10:
        return True, level
    return False, None


# ------------------------------------------------------------------ keyboards


def pain_keyboard(
    question: type[callbacks.PainBefore | callbacks.PainAfter], session_id: str
) -> InlineKeyboardMarkup:
    """0-10 and Skip, for the pain question before or after a routine."""
    levels = [(str(n), question(session_id, n).pack()) for n in range(11)]
    skip = (_(texts.SKIP_BUTTON), question(session_id, "skip").pack())
    return keyboards.inline([levels[:6], levels[6:], [skip]])


def player_keyboard(session: RoutineSession, step_count: int) -> InlineKeyboardMarkup:
    """Next/Back, Pause or Resume, Auto, Stop; every button names the session and step."""

    def button(text: str, action: str) -> tuple[str, str]:
        return text, callbacks.PlayerMove(action, session.id, session.step).pack()

    auto = button(
        _(texts.AUTO_ON_BUTTON) if session.auto_advance else _(texts.AUTO_OFF_BUTTON), "au"
    )
    if session.status == "paused":
        return keyboards.inline(
            [
                [button(_(texts.RESUME_PLAYER_BUTTON), "rs")],
                [auto, button(_(texts.STOP_BUTTON), "st")],
            ]
        )
    last = session.step >= step_count - 1
    moves = [button(_(texts.FINISH_BUTTON) if last else _(texts.NEXT_BUTTON), "nx")]
    if session.step > 0:
        moves.insert(0, button(_(texts.PREV_BUTTON), "bk"))
    return keyboards.inline(
        [moves, [button(_(texts.PAUSE_BUTTON), "ps"), auto, button(_(texts.STOP_BUTTON), "st")]]
    )


# ------------------------------------------------------------------ the player: start


async def _start_pressed(update: Update, context, user: User, data: callbacks.StartRoutine) -> None:
    """rt:start:<routine id>: start it, or ask first if another session is open."""
    query, services = update.callback_query, services_of(context)
    routine = services.content().routines.get(data.routine_id)
    if routine is None:
        await query.answer(_(common_texts.STALE_BUTTON))
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
    current = services.content().routines.get(open_session.routine_id)
    question = _(texts.SWITCH_QUESTION).format(
        current=_escape(current.title if current else open_session.routine_id),
        new=_escape(routine.title),
    )
    markup = keyboards.inline(
        [
            [(_(texts.SWITCH_YES), callbacks.SwitchRoutine(routine.id).pack())],
            [(_(texts.SWITCH_NO), callbacks.ResumeSession(open_session.id).pack())],
        ]
    )
    await reply(update, question, reply_markup=markup)


async def _switch(update: Update, context, user: User, data: callbacks.SwitchRoutine) -> None:
    """rt:switch:<routine id>: stop whatever is open, start this one."""
    query, services = update.callback_query, services_of(context)
    routine = services.content().routines.get(data.routine_id)
    if routine is None:
        await query.answer(_(common_texts.STALE_BUTTON))
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
        _pain_question(routine, before=True).format(
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
        await query.answer(_(texts.SESSION_ENDED) if session else _(common_texts.STALE_BUTTON))
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
    routine = services.content().routines.get(session.routine_id) if session else None
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
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    session = await services_of(context).store.get_session(user.user_id, session.id)
    verdict = press_verdict(session, 0)
    if verdict != "ok" or session.pain_before is not None:
        await query.answer(_(texts.SESSION_ENDED) if verdict == "ended" else None)
        return
    await query.answer()
    if level is not None:
        session.pain_before = level  # the session's rating, saved with the first step
    await _show_step(app, user, session, routine)


async def _player_pressed(update: Update, context, user: User, data: callbacks.PlayerMove) -> None:
    """rt:<nx|bk|ps|rs|st|au>:<sid>:<step>: move the player, if the press still applies."""
    query, app = update.callback_query, context.application
    session, routine = await _own_session(context, user, data.session_id)
    step = data.step
    if session is not None and session.status not in ("active", "paused"):
        await query.answer(_(texts.SESSION_ENDED))
        return
    if session is None:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    if query.message.message_id != session.message_id:  # the player moved to a new message
        await query.answer(_(texts.PLAYER_MOVED))
        return
    session = await services_of(context).store.get_session(user.user_id, session.id)
    needs_active = data.action in ("nx", "bk", "ps")
    verdict = press_verdict(session, step, needs_active=needs_active)
    if data.action == "rs" and verdict == "ok" and session.status != "paused":
        verdict = "moved"
    if verdict != "ok":
        notes = {"ended": _(texts.SESSION_ENDED), "paused": _(texts.NOT_NOW)}
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
    screen = {
        "auto_at": auto_at,
        "paused": session.status == "paused",
        "high_pain": calls_for_gentle(session.pain_before),
        "cautions": cautions,
    }
    picture = await step_pictures(app).get(app.bot, routine.steps[session.step].picture)
    text = None
    if picture is not None:
        legend = _services(app).legend(picture.id)  # in the user's language
        text = texts.step_caption(routine, session.step, legend=legend, **screen)
        if text is None:  # too long for a caption even cut short: the words come first
            picture = None
    if text is None:
        text = texts.step_screen(routine, session.step, **screen)
    markup = player_keyboard(session, len(routine.steps))
    await draw(
        app, user, session, text, markup, new_message, background=background, picture=picture
    )


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
        _services(app).content().routines,
        routine,
        conditions=_conditions(user),
        equipment=_owned(user),
        gentle_only=True,
        same_area=False,
    )[:3]
    text = _(texts.HIGH_PAIN).format(level=session.pain_before) + (
        _(texts.HIGH_PAIN_SWAP) if gentle else _(texts.HIGH_PAIN_NO_GENTLE)
    ).format(title=_escape(routine.title))
    markup = gentle_keyboard(session.id, gentle)
    await draw(app, user, session, text, markup, new_message, background=background)


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
    rows.append([(_(texts.REST_BUTTON), callbacks.Rest(session_id).pack())])
    return keyboards.inline(rows)


async def _gentle_chosen(update: Update, context, user: User, data: callbacks.GentleChosen) -> None:
    """rt:gentle:<sid>:<routine id>: the held-back session carries on with a gentle routine."""
    query, app = update.callback_query, context.application
    session, routine = await _own_session(context, user, data.session_id)
    chosen = services_of(context).content().routines.get(data.routine_id)
    if session is None or chosen is None or query.message.message_id != session.message_id:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    if session.status not in ("active", "paused"):
        await query.answer(_(texts.SESSION_ENDED))
        return
    allowed = selection.is_gentle(chosen) and is_suitable(chosen, _conditions(user))
    if not held_back_by_pain(session, selection.is_gentle(routine)) or not allowed:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    await query.answer()
    session = dataclasses.replace(session, routine_id=chosen.id, status="active")
    await _show_step(app, user, session, chosen, cautions=True)


async def _rest(update: Update, context, user: User, data: callbacks.Rest) -> None:
    """rt:rest:<sid>: no routine today after all; the session ends, kindly."""
    query, app = update.callback_query, context.application
    session, _routine = await _own_session(context, user, data.session_id)
    if session is None or query.message.message_id != session.message_id:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    if session.status not in ("active", "paused"):
        await query.answer(_(texts.SESSION_ENDED))
        return
    await query.answer()
    _cancel_auto(app, user.user_id, session.id)
    session = dataclasses.replace(session, status="aborted", ended_at=utcnow())
    await draw(app, user, session, _(texts.RESTED), None, False)


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
    text = _(texts.STOPPED_UNSUITABLE).format(title=_escape(routine.title))
    await draw(app, user, session, text, None, new_message, background=background)


async def _finish(
    app, user: User, session: RoutineSession, routine: Routine, *, background: bool = False
) -> None:
    session = dataclasses.replace(
        session, status="completed", ended_at=utcnow(), step=len(routine.steps) - 1
    )
    _cancel_auto(app, user.user_id, session.id)
    text = _pain_question(routine, before=False).format(title=_escape(routine.title))
    markup = pain_keyboard(callbacks.PainAfter, session.id)
    await draw(app, user, session, text, markup, False, background=background)


async def _stop(app, user: User, session: RoutineSession) -> None:
    """End the session as aborted, keeping the step reached."""
    routine = _services(app).content().routines.get(session.routine_id)
    _cancel_auto(app, user.user_id, session.id)
    session = dataclasses.replace(session, status="aborted", ended_at=utcnow())
    await _services(app).store.save_session(user.user_id, session)
    if routine is None or session.message_id is None:
        return
    text = _(texts.STOPPED).format(
        title=_escape(routine.title), number=session.step + 1, count=len(routine.steps)
    )
    try:
        await draw(app, user, session, text, None, False)
    except BadRequest:
        logger.info("user %s: could not show the stopped player message", user.user_id)


async def _pain_after(update: Update, context, user: User, data: callbacks.PainAfter) -> None:
    """rt:pa:<sid>:<0-10|skip>: note the pain after, say how it changed."""
    query, app = update.callback_query, context.application
    session, routine = await _own_session(context, user, data.session_id)
    valid, level = _level(data.level)
    if session is None or not valid:
        await query.answer(_(common_texts.STALE_BUTTON))
        return
    if session.status != "completed" or session.pain_after is not None:
        await query.answer(_(texts.SESSION_ENDED) if session.status == "aborted" else None)
        return
    await query.answer()
    if level is not None:
        session.pain_after = level
        await services_of(context).store.save_session(user.user_id, session)
    direction, delta = ("same", 0)
    if level is not None and session.pain_before is not None:
        direction, delta = pain_change(session.pain_before, level)
    change = texts.change_text(session.pain_before, level, direction, delta)
    text = _(texts.FINISHED).format(title=_escape(routine.title), change=change)
    tip = _how_often_tip(services_of(context).content(), session.id)
    if tip:
        text += _(texts.HOW_OFTEN_LINE).format(tip=_escape_block(tip))
    await draw(app, user, session, text, None, False)


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


async def _auto_tick(context: Context, item: DueItem) -> None:
    """The step's time is up: move on, if the session is still where the timer left it.

    A timer that comes too late (the bot was down) starts its step over instead, as does
    the one the index build plans (``<session>:resume``): which second of the step the bot
    stopped at is not known, and a little longer on a step is better than skipping part.
    """
    app = context.application
    services = _services(app)
    session_id, _colon, step = item.ref.partition(":")
    async with user_lock(app, item.user_id):  # a button press may race the timer
        session = await services.store.get_session(item.user_id, session_id)
        user = await services.store.get_user(item.user_id)
        if session is None or user is None or not session.auto_advance or not user.active:
            return  # (inactive: blocked the bot, paused by the send policy)
        if hold_of(user) is not None:
            return  # a serious warning sign since: the routine waits where it is
        if step != _RESUME and press_verdict(session, int(step)) != "ok":
            return
        # The next step in the user's language as it is now (a job has no update that set
        # it; it runs in the context that armed it), so a switch mid-routine shows at once.
        with use_language(user.preferences.language or "en"):
            routine = services.content().routines.get(session.routine_id)
            if routine is None:
                return
            if step == _RESUME or utcnow() - item.at > timedelta(seconds=AUTO_GRACE_SECONDS):
                await _show_step_again(app, user, session, routine)
                return
            await _go_to(app, user, session, routine, session.step + 1, background=True)


async def _show_step_again(app, user: User, session: RoutineSession, routine: Routine) -> None:
    """The step timer restarts after downtime (or fired too late): show the step again."""
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


# The step timer follows no setting: only the index build seeds it (restart the step).
DUE = {AUTO: DueKind(handle=_auto_tick, seed=seed_auto, follows_settings=False)}
