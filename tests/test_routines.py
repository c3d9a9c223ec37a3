"""/routine, /equipment, /tools and the guided player, driven through Telegram as a user would."""

from __future__ import annotations

import asyncio

from chat import answer_screening, drain, onboard, screened
from due import due_items, run_due

from bot import callbacks
from bot.handlers.routines import player as player_feature
from bot.texts import routines as texts
from bot.texts import screening as screening_texts


async def ready(bot, user_id: int, equipment: tuple[str, ...] = (), yes: tuple[str, ...] = ()):
    """An onboarded user who has answered the safety questions (Yes to ``yes``, else No)
    and the equipment question."""
    user = bot.emulator.user(user_id)
    await onboard(user)
    await screened(bot, user_id, yes)
    await user.send("/routine")
    await user.next_message()  # the equipment question
    for key in equipment:
        await user.press(callbacks.ToggleEquipment(key, 1).pack())
        await user.next_message()
    await user.press(texts.DONE_BUTTON)
    await drain(user, 2)  # "Saved" edit, then the goal menu
    return user


async def eventually(check, within: float = 3.0):
    """Storage is written right after the message is sent: wait for it briefly."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        result = await check()
        if result or loop.time() > deadline:
            return result
        await asyncio.sleep(0.02)


def routine_titles(message) -> list[str]:
    return [t.split(" · ")[0] for t in message.button_texts if " · " in t]


async def start_routine(bot, user, routine_id: str):
    """Start a routine from a card, answer pain before; return the player message."""
    await user.send(f"/routine {bot.services.library.routines[routine_id].title}")
    card = await user.next_message()
    if texts.START_BUTTON not in card.button_texts:  # several matches: pick ours
        await user.press(callbacks.RoutineCard(routine_id).pack())
        await user.next_message()
    await user.press(callbacks.StartRoutine(routine_id).pack())
    return await user.next_message()


async def test_first_routine_asks_safety_then_equipment_once_and_remembers_it(bot):
    user = bot.emulator.user(201)
    await onboard(user)
    await user.send("/routine")
    invitation = await user.next_message()
    assert "safety questions" in invitation.text
    await answer_screening(user)
    await user.press(screening_texts.CONTINUE_BUTTON)
    question = await user.next_message()
    assert "What do you have" in question.text and question.message_id == invitation.message_id
    await user.press("▫️ Massage ball")
    toggled = await user.next_message()
    assert "✅ Massage ball" in toggled.button_texts
    await user.press(texts.DONE_BUTTON)
    saved, menu = await drain(user, 2)
    assert "Massage ball" in saved.text
    assert "Lower back" in menu.button_texts
    assert (await bot.store.get_user(201)).equipment == ["ball"]
    await user.send("/routine")
    again = await user.next_message()
    assert again.text.startswith("🧘") and "Routine of the day" in again.button_texts
    await bot.restart()
    await user.send("/routine")
    assert "Lower back" in (await user.next_message()).button_texts


async def test_user_finds_routines_by_goal_buttons_and_opens_a_card(bot):
    user = await ready(bot, 202)
    await user.press("Lower back")
    listing = await user.next_message()
    library = bot.services.library.routines
    titles = routine_titles(listing)
    assert titles and all("lower_back" in r.goals for r in library.values() if r.title in titles)
    await user.press(listing.button_texts[0])
    card = await user.next_message()
    assert card.message_id == listing.message_id
    assert "min" in card.text and texts.START_BUTTON in card.button_texts
    await user.press(texts.BACK_BUTTON)
    assert "Neck" in (await user.next_message()).button_texts


async def test_quick_button_lists_only_short_routines(bot):
    user = await ready(bot, 203)
    await user.press("Quick (≤ 15 min)")
    listing = await user.next_message()
    minutes = [int(t.split(" · ")[1].split()[0]) for t in listing.button_texts if " · " in t]
    assert minutes and max(minutes) <= 15


async def test_user_finds_routines_by_words(bot):
    user = await ready(bot, 204)
    library = bot.services.library.routines
    await user.send("/routine lower back")
    reply = await user.next_message()
    found = [r for r in library.values() if r.title in routine_titles(reply)]
    assert found and all("lower_back" in r.goals for r in found)

    await user.send("/routine 10 min")
    reply = await user.next_message()
    found = [r for r in library.values() if r.title in routine_titles(reply)]
    assert found and all(r.minutes <= 15 for r in found)

    await user.send("/routine ball")
    reply = await user.next_message()
    shown = reply.text + " ".join(reply.button_texts)
    assert "with a ball" in shown

    await user.send("/routine partner")
    reply = await user.next_message()
    found = [r for r in library.values() if r.title in routine_titles(reply)]
    assert found and all(r.who == "partner" for r in found)


async def test_words_that_match_nothing_get_a_friendly_reply_with_goals(bot):
    user = await ready(bot, 205)
    await user.send("/routine <b>zebra</b>")
    reply = await user.next_message()
    assert "found no routine" in reply.text and "<b>zebra</b>" in reply.text
    assert "Lower back" in reply.button_texts


async def test_routine_of_the_day_shows_a_card_that_fits_the_equipment(bot):
    user = await ready(bot, 206)
    await user.press("Routine of the day")
    card = await user.next_message()
    assert "Routine of the day" in card.text and texts.START_BUTTON in card.button_texts
    start = next(d for row in card.buttons for t, d in row if t == texts.START_BUTTON)
    routine = bot.services.library.routines[start.split(":")[2]]
    assert routine.tools == frozenset()  # no equipment owned


async def test_player_walks_steps_in_one_message_and_stop_keeps_the_step(bot):
    user = await ready(bot, 207)
    prompt = await start_routine(bot, user, "quick-tension-relief")
    assert "0 (not at all)" in prompt.text
    await user.press("6")
    step1 = await user.next_message()
    assert "Step 1 of 9 — Settle and breathe" in step1.body and "about 60 s" in step1.body
    await user.press(texts.NEXT_BUTTON)
    step2 = await user.next_message()
    assert "Step 2 of 9" in step2.body and step2.message_id == step1.message_id
    await user.press(texts.NEXT_BUTTON)
    step3 = await user.next_message()
    assert "Pressure: moderate" in step3.body and "Avoid:" in step3.body
    await user.press(texts.PREV_BUTTON)
    assert "Step 2 of 9" in (await user.next_message()).body
    await user.press(texts.STOP_BUTTON)
    stopped = await user.next_message()
    assert "Stopped" in stopped.text and "step 2 of 9" in stopped.text
    # One player message at a time: a screen edits the one shown or, where a step switches
    # between text and picture, replaces it and deletes the old one.
    shown = [e for e in user.events if e.message.message_id >= prompt.message_id]
    created = {e.message.message_id for e in shown if e.kind == "new"} | {prompt.message_id}
    deleted = {e.message.message_id for e in shown if e.kind == "delete"}
    assert created - deleted == {stopped.message_id}
    assert [e.kind for e in shown].count("edit") >= 3
    (session,) = await bot.store.list_sessions(207)
    assert (session.status, session.step, session.pain_before) == ("aborted", 1, 6)
    assert session.ended_at is not None
    assert await bot.store.pain_entries(207) == []  # the rating is the session's, not the diary's


async def test_completing_records_pain_before_and_after_and_says_how_it_changed(bot):
    user = await ready(bot, 208)
    await start_routine(bot, user, "desk-break")
    await user.press("6")
    screen = await user.next_message()
    while texts.FINISH_BUTTON not in screen.button_texts:
        await user.press(texts.NEXT_BUTTON)
        screen = await user.next_message()
    await user.press(texts.FINISH_BUTTON)
    ask = await user.next_message()
    assert "How much does your back hurt now" in ask.text
    await user.press("4")
    done = await user.next_message()
    assert "Before 6, now 4: down 2. Nice." in done.text
    (session,) = await bot.store.list_sessions(208)
    assert (session.status, session.pain_before, session.pain_after) == ("completed", 6, 4)
    assert session.ended_at is not None
    # Ratings belong to the session: /pain, the averages and the CSV never see them.
    assert await bot.store.pain_entries(208) == []
    await user.send("/pain")
    listing = await user.next_message()
    assert "Nothing recorded yet today" in listing.text


async def test_a_partner_routine_asks_about_the_partner_and_keeps_the_giver_diary_apart(bot):
    user = await ready(bot, 230)
    await user.send("pain 2")
    await user.next_message()
    prompt = await start_routine(bot, user, "partner-lower-back")
    assert "your partner" in prompt.text and "how much does your back hurt" not in prompt.text
    await user.press("7")
    screen = await user.next_message()
    while texts.FINISH_BUTTON not in screen.button_texts:
        await user.press(texts.NEXT_BUTTON)
        screen = await user.next_message()
    await user.press(texts.FINISH_BUTTON)
    ask = await user.next_message()
    assert "How does your partner's back feel now" in ask.text
    await user.press("3")
    await user.next_message()
    (session,) = await bot.store.list_sessions(230)
    assert (session.pain_before, session.pain_after) == (7, 3)
    assert [e.level for e in await bot.store.pain_entries(230)] == [2]  # only the giver's own


async def test_button_from_an_ended_session_is_answered_with_the_ended_text(bot):
    user = await ready(bot, 209)
    player = await start_routine(bot, user, "desk-break")
    await user.press(texts.SKIP_BUTTON)
    await user.next_message()
    (session,) = await bot.store.list_sessions(209)
    await user.press(texts.STOP_BUTTON)
    await user.next_message()
    # The old keyboard, pressed again (e.g. from another device that still shows it).
    await bot.application.bot.send_message(
        209,
        "old",
        reply_markup=player_feature.player_keyboard(session, 5),
    )
    old = await user.next_message()
    await user.press(callbacks.PlayerMove("nx", session.id, 0).pack(), message_id=old.message_id)
    await asyncio.sleep(0.3)
    assert user.callback_answers[-1].text == texts.SESSION_ENDED
    assert (await bot.store.get_session(209, session.id)).status == "aborted"
    assert player.message_id != old.message_id


async def test_another_users_session_id_does_nothing_to_that_session(bot):
    owner = await ready(bot, 211)
    await start_routine(bot, owner, "desk-break")
    await owner.press("5")
    await owner.next_message()
    (session,) = await bot.store.list_sessions(211)
    intruder = await ready(bot, 212)
    await bot.application.bot.send_message(
        212, "forged", reply_markup=player_feature.player_keyboard(session, 5)
    )
    await intruder.next_message()
    for action in ("Next ▶", texts.STOP_BUTTON, texts.AUTO_OFF_BUTTON):
        await intruder.press(action)
    await asyncio.sleep(0.3)
    assert all(a.text == "That button is no longer active." for a in intruder.callback_answers[-3:])
    after = await bot.store.get_session(211, session.id)
    assert (after.status, after.step, after.auto_advance) == ("active", 0, False)
    assert await bot.store.list_sessions(212) == []


async def test_starting_while_a_session_is_open_asks_before_stopping_it(bot):
    user = await ready(bot, 213)
    await start_routine(bot, user, "desk-break")
    await user.press(texts.SKIP_BUTTON)
    await user.next_message()
    await user.send("/routine")
    menu = await user.next_message()
    assert any(t.startswith("▶ Resume") for t in menu.button_texts)
    await user.press(callbacks.GoalChosen("neck").pack())
    await user.next_message()
    await user.press(callbacks.RoutineCard("neck-and-shoulders").pack())
    await user.next_message()
    await user.press(texts.START_BUTTON)
    question = await user.next_message()
    assert "Stop the current one and start" in question.text
    await user.press(texts.SWITCH_YES)
    await drain(user, 3)  # buttons removed, old player stopped, new pain question

    async def two_sessions():
        found = await bot.store.list_sessions(213)
        return found if len(found) == 2 else None

    sessions = await eventually(two_sessions)
    assert [s.status for s in sessions] == ["aborted", "active"]
    assert sessions[1].routine_id == "neck-and-shoulders"


async def test_pause_and_resume_from_routine_menu(bot):
    user = await ready(bot, 214)
    await start_routine(bot, user, "desk-break")
    await user.press(texts.SKIP_BUTTON)
    await user.next_message()
    await user.press(texts.NEXT_BUTTON)
    await user.next_message()
    await user.press(texts.PAUSE_BUTTON)
    paused = await user.next_message()
    assert "Paused" in paused.body and texts.NEXT_BUTTON not in paused.button_texts
    assert (await bot.store.active_session(214)).status == "paused"
    await user.send("/routine")
    await user.next_message()
    await user.press(next(t for t in user.messages[-1].button_texts if t.startswith("▶ Resume")))
    resumed = await user.next_message()
    assert "Step 2 of" in resumed.body and texts.NEXT_BUTTON in resumed.button_texts

    async def resumed_session():
        found = await bot.store.active_session(214)
        return found if found.message_id == resumed.message_id else None

    session = await eventually(resumed_session)
    assert session.status == "active" and session.message_id == resumed.message_id


async def wait_for_text(user, needle: str, within: float = 5.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        message = await user.next_message(timeout=max(0.1, deadline - loop.time()))
        if needle in message.body:
            return message


async def test_auto_advance_moves_on_by_itself_and_resumes_after_restart(bot, monkeypatch):
    monkeypatch.setattr(player_feature, "SECONDS_SCALE", 0.02)  # 60 s steps take 1.2 s
    user = await ready(bot, 215)
    await start_routine(bot, user, "desk-break")
    await user.press(texts.SKIP_BUTTON)
    await user.next_message()
    await user.press(texts.AUTO_OFF_BUTTON)
    auto = await user.next_message()
    assert "Auto: next step at" in auto.body and texts.AUTO_ON_BUTTON in auto.button_texts
    # The timer's edit is a background send: after the burst of answers above it keeps to
    # Telegram's pace for one chat (about one a second), so it may take a few seconds.
    moved = await wait_for_text(user, "Step 2 of", within=15)
    assert moved.message_id == auto.message_id
    await bot.restart()
    session = await bot.store.active_session(215)
    assert session.auto_advance and session.step >= 1
    (timer,) = due_items(bot, 215, "auto_advance")
    assert timer.ref.startswith(f"{session.id}:")
    later = await wait_for_text(user, f"Step {session.step + 2} of", within=15)
    assert later.message_id == auto.message_id


async def test_auto_tick_for_a_moved_step_does_nothing(bot, monkeypatch):
    monkeypatch.setattr(player_feature, "SECONDS_SCALE", 100.0)  # never fires by itself here
    user = await ready(bot, 216)
    await start_routine(bot, user, "desk-break")
    await user.press(texts.SKIP_BUTTON)
    await user.next_message()
    await user.press(texts.AUTO_OFF_BUTTON)
    await user.next_message()
    session = await bot.store.active_session(216)
    (timer,) = due_items(bot, 216, "auto_advance")
    assert timer.ref == f"{session.id}:0"
    await user.press(texts.NEXT_BUTTON)
    await user.next_message()
    await run_due(bot, timer)  # the old step's timer, handed out as the step moved on
    assert (await bot.store.active_session(216)).step == 1
    (timer,) = due_items(bot, 216, "auto_advance")
    await run_due(bot, timer)
    assert (await bot.store.active_session(216)).step == 2
    await user.press(texts.PAUSE_BUTTON)
    await wait_for_text(user, "Paused")
    assert due_items(bot, 216, "auto_advance") == []


async def test_tools_walks_to_a_recommendation_with_a_start_button(bot):
    user = bot.emulator.user(217)
    await onboard(user)
    await screened(bot, 217)
    await user.send("/tools")
    first = await user.next_message()
    assert "1/4" in first.text
    await user.press("At home")
    await user.next_message()
    await bot.restart()  # answers live in storage
    await user.press("Lower back")
    await user.next_message()
    await user.press("Deep")
    last = await user.next_message()
    assert "4/4" in last.text
    await user.press(callbacks.ToolsAnswer("style", "hands_on").pack())
    recommendation = await user.next_message()
    assert "Massage ball" in recommendation.text and "Why" in recommendation.text
    start = next(t for t in recommendation.button_texts if t.startswith("▶ Start"))
    await user.press(start)
    prompt = await user.next_message()
    assert "Before we start" in prompt.text
    (session,) = await eventually(lambda: bot.store.list_sessions(217))
    assert session.routine_id == "lower-back-ball"


async def test_first_search_by_words_answers_straight_away(bot):
    user = bot.emulator.user(260)
    await onboard(user)
    await user.send("/routine neck")
    reply = await user.next_message()
    library = bot.services.library.routines
    found = [r for r in library.values() if r.title in routine_titles(reply)]
    assert found and all("neck" in r.goals for r in found)
