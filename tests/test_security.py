"""Abuse and security: forged buttons, flood control, /stats for admins only, the token
never leaking, echoed text escaped, and a corrupt user file set aside end to end."""

from __future__ import annotations

import asyncio
import io
import logging
from collections import deque

import pytest
from chat import drain, onboard, welcomed
from due import due_items
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.flood import gate_of
from bot.handlers.routines.player import start_session
from bot.logs import RedactTokenFilter
from bot.sandbox.harness import local_bot
from bot.texts import admin as admin_texts
from domain.flood import FloodGate, Verdict
from storage.store import user_file_path

ADMIN = 900


async def answered(user, query_id: str, what: str = "") -> str | None:
    """The text of the bot's answer to this button press (waits up to 5 s for it)."""
    for _ in range(500):
        for answer in user.callback_answers:
            if answer.callback_query_id == query_id:
                return answer.text
        await asyncio.sleep(0.01)
    raise AssertionError(f"button press {what or query_id} was never answered")


def errors_in(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "Error while handling" in r.getMessage()]


@pytest.fixture
async def bot(tmp_path):
    """The real bot, with an admin, and without outgoing pacing (these tests send fast)."""
    env = {"ADMIN_IDS": str(ADMIN), "SEND_RATE_LIMIT": "0"}
    async with local_bot(tmp_path / "data", files_dir=tmp_path / "files", env=env) as running:
        yield running


# ------------------------------------------------------------------- forged buttons


async def _victim_with_data(bot, uid: int) -> dict[str, str]:
    """A user with a reminder, a pain entry and an open routine session; their ids."""
    user = bot.emulator.user(uid)
    await onboard(user)
    await user.send("/remind daily 07:30")
    await user.next_message()
    await user.send("pain 4 stiff")
    await user.next_message()
    profile = await bot.store.get_user(uid)
    routine = next(iter(bot.services.library.routines.values()))
    session = await start_session(bot.application, profile, routine)
    await user.next_message()
    (reminder,) = await bot.store.list_reminders(uid)
    (entry,) = await bot.store.pain_entries(uid)
    return {"rid": reminder.id, "eid": entry.id, "sid": session.id, "routine": routine.id}


async def _stored(bot, uid: int) -> dict:
    everything = await bot.store.export_user(uid)
    everything.pop("exported_at", None)
    return everything


def _forged(ids: dict[str, str]) -> list[str]:
    rid, eid, sid = ids["rid"], ids["eid"], ids["sid"]
    return [
        f"rem:pause:{rid}:l",
        f"rem:resume:{rid}:l",
        f"rem:del:{rid}",
        f"rem:chg:{rid}",
        f"rem:snz:{rid}:15",
        f"rem:skip:{rid}",
        f"rem:done:{rid}",
        f"pain:undo:{eid}",
        f"pain:area:{eid}:lb",
        f"pain:area:{eid}:skip",
        f"pain:nskip:{eid}",
        f"rt:pb:{sid}:7",
        f"rt:pa:{sid}:2",
        f"rt:nx:{sid}:0",
        f"rt:ps:{sid}:0",
        f"rt:st:{sid}:0",
        f"rt:au:{sid}:0",
        f"rt:resume:{sid}",
        # malformed, truncated, out of range, oversized-by-one after truncation to 64
        "rem:",
        "rem",
        "pain:",
        "pain:lvl:11:bt",
        "pain:lvl:-1:bt",
        "pain:lvl:5",
        "pain:undo",
        "rt::x",
        f"rt:nx:{sid}",
        f"rt:pb:{sid[:5]}",
        "tz:set:Not/AZone",
        "tz:set:",
        "hist:days:999999999",
        "hist:wk:time:2561",
        "hist:wk:day:9",
        "tools:zzz:1",
        "data:forget:maybe",
        "data:",
        ":",
        "x" * 64,
        ("pain:undo:" + eid + ":" + "9" * 64)[:64],
    ]


async def test_forged_buttons_with_another_users_ids_never_touch_their_data(bot, caplog):
    victim_ids = await _victim_with_data(bot, 301)
    victim = bot.emulator.user(301)
    before = await _stored(bot, 301)
    victim_jobs = due_items(bot, 301)
    gate_of(bot.application).burst = 1000  # this attacker is fast on purpose; not under test
    attacker = bot.emulator.user(302)
    await onboard(attacker)
    forged = _forged(victim_ids)
    buttons = [InlineKeyboardButton(f"b{i}", callback_data=d) for i, d in enumerate(forged)]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    sent = await bot.application.bot.send_message(
        302, "forged", reply_markup=InlineKeyboardMarkup(rows)
    )
    await attacker.next_message()
    victim.drain()

    for i in range(len(forged)):
        query_id = await attacker.press(f"b{i}", message_id=sent.message_id)
        await answered(attacker, query_id, forged[i])  # every press is answered

    assert await _stored(bot, 301) == before
    jobs_now = due_items(bot, 301)
    assert jobs_now == victim_jobs
    assert victim.drain() == []  # nothing was sent to the victim either
    assert errors_in(caplog) == []
    stale = [a.text for a in attacker.callback_answers if a.text]
    assert texts.STALE_BUTTON in stale


async def test_replayed_buttons_act_once(bot, caplog):
    user = bot.emulator.user(303)
    await onboard(user)
    await user.send("pain 6")
    confirmation = await user.next_message()
    undo = confirmation.buttons[0][0][1]
    first = await user.press(undo, message_id=confirmation.message_id)
    await answered(user, first)
    await user.next_message()  # "Removed"
    assert await bot.store.pain_entries(303) == []
    await user.send("pain 3")  # a new entry the replay must not touch
    await user.next_message()
    # The edited message lost its button; a modified client replays the old data anyway.
    message = bot.emulator.chat_messages(303)[-1]
    replay = user.forge_press(undo, message)
    assert await answered(user, replay) == "That entry is already gone."
    assert [e.level for e in await bot.store.pain_entries(303)] == [3]
    assert errors_in(caplog) == []


async def test_oversized_callback_data_is_answered_as_stale(bot, caplog):
    user = bot.emulator.user(304)
    await onboard(user)
    message = user.messages[-1]
    for data in ("pain:undo:" + "x" * 55, "rt:nx:" + "é" * 30):  # 65 and 66 bytes
        query_id = user.forge_press(data, message)
        assert await answered(user, query_id) == texts.STALE_BUTTON
    assert errors_in(caplog) == []


# ------------------------------------------------------------------- flood control


def test_flood_gate_allows_the_burst_then_notifies_once_then_drops():
    gate = FloodGate(burst=3, window=10.0)
    verdicts = [gate.check(1, 0.0) for _ in range(6)]
    assert verdicts == [Verdict.ALLOW] * 3 + [Verdict.NOTIFY] + [Verdict.DROP] * 2
    assert gate.dropped == 3


def test_flood_gate_lets_the_user_in_again_when_the_window_moves():
    gate = FloodGate(burst=2, window=10.0, notice_every=60.0)
    assert [gate.check(1, t) for t in (0.0, 1.0, 2.0)] == [
        Verdict.ALLOW,
        Verdict.ALLOW,
        Verdict.NOTIFY,
    ]
    assert gate.check(1, 10.5) is Verdict.ALLOW  # the message from t=0 left the window
    assert gate.check(1, 10.6) is Verdict.DROP  # limited again, but told only a minute ago
    assert gate.check(1, 80.0) is Verdict.ALLOW
    assert gate.check(1, 80.1) is Verdict.ALLOW
    assert gate.check(1, 80.2) is Verdict.NOTIFY  # a new slow-down, a minute later


def test_flood_gate_keeps_users_apart_and_forgets_idle_ones():
    gate = FloodGate(burst=1, window=10.0, notice_every=20.0)
    assert gate.check(1, 0.0) is Verdict.ALLOW
    assert gate.check(1, 0.1) is Verdict.NOTIFY
    assert gate.check(2, 0.2) is Verdict.ALLOW  # someone else is never slowed
    for uid in range(3, 1000):
        gate.check(uid, 1.0)
    assert gate.tracked_users() == 999
    gate.check(5000, 100.0)
    assert gate.tracked_users() == 1


def test_flood_gate_never_accepts_more_than_the_burst_in_any_window():
    """A long random-ish stream: any 10 s span holds at most ``burst`` accepted updates."""
    gate = FloodGate(burst=20, window=10.0)
    accepted: deque[float] = deque()
    t = 0.0
    for i in range(5000):
        t += (i * 7919 % 97) / 100.0  # 0 to 0.96 s apart, deterministic
        if gate.check(7, t) is Verdict.ALLOW:
            accepted.append(t)
            while accepted[0] <= t - 10.0:
                accepted.popleft()
            assert len(accepted) <= 20


async def test_fast_sender_gets_one_notice_and_is_slowed_while_others_are_not(bot):
    now = [1000.0]
    bot.application.bot_data.flood_clock = lambda: now[0]
    fast, calm = bot.emulator.user(311), bot.emulator.user(312)
    await welcomed(bot.store, 311, 312)  # one answer per /help, no welcome first
    for _ in range(25):
        await fast.send("/help")
    for _ in range(3):
        await calm.send("/help")
    fast_replies = await drain(fast, 21)
    calm_replies = await drain(calm, 3)
    assert all("/start" in m.text for m in calm_replies)
    notices = [m for m in fast_replies if m.text.startswith("🐢")]
    assert len(notices) == 1 and "very fast" in notices[0].text
    assert sum("/start" in m.text for m in fast_replies) == 20
    gate = gate_of(bot.application)
    for _ in range(500):  # the last 4 skipped messages are being dropped now
        if gate.dropped == 5:
            break
        await asyncio.sleep(0.01)
    assert gate.dropped == 5
    now[0] += 11  # the window has moved on: the fast sender is heard again
    await fast.send("/help")
    assert "/start" in (await fast.next_message()).text
    assert len(fast.messages) == 22  # skipped messages got nothing, and no second notice


async def test_a_button_pressed_while_slowed_down_is_answered_not_left_spinning(bot):
    now = [1000.0]
    bot.application.bot_data.flood_clock = lambda: now[0]
    user = bot.emulator.user(313)
    await welcomed(bot.store, 313)  # one answer per /help, no welcome first
    for _ in range(19):
        await user.send("/help")
    await user.send("/pain 4")  # the 20th update of the window: its level buttons arrive
    replies = await drain(user, 20)
    levels = replies[-1]
    assert "5" in levels.button_texts
    first = await user.press("5", message_id=levels.message_id)
    assert await answered(user, first, "while slowed down") == admin_texts.FLOOD_BUTTON
    second = await user.press("6", message_id=levels.message_id)
    assert await answered(user, second, "again") == admin_texts.FLOOD_BUTTON
    notices = [m for m in await drain(user, 1) if m.text.startswith("🐢")]
    assert len(notices) == 1  # one notice for the slow-down, a toast for each press
    assert await bot.store.pain_entries(313) == []  # the skipped presses recorded nothing
    now[0] += 11
    third = await user.press("6", message_id=levels.message_id)
    assert await answered(user, third, "after the window") != admin_texts.FLOOD_BUTTON
    # the handler answers the press first and records it after: wait for the record
    for _ in range(500):
        if await bot.store.pain_entries(313):
            break
        await asyncio.sleep(0.01)
    assert [e.level for e in await bot.store.pain_entries(313)] == [6]


# ------------------------------------------------------------------- /stats


async def test_admin_sees_stats(bot):
    admin = bot.emulator.user(ADMIN)
    await welcomed(bot.store, ADMIN)
    someone = bot.emulator.user(321)
    await onboard(someone)
    await someone.send("/remind daily 07:30")
    await someone.next_message()
    await someone.send("/remind weekdays 18:00")
    await someone.next_message()
    await someone.send("pain 4")
    await someone.next_message()
    await someone.send("/stop")
    await someone.next_message()
    await someone.send("/remind checkin daily 21:00")
    await someone.next_message()
    await admin.send("/stats")
    stats = (await admin.next_message()).text
    assert "Users: 2" in stats  # the admin has a profile now too
    assert "Active reminders: 1 (of 3)" in stats
    assert "Pain reports today (UTC): 1" in stats
    assert "Errors since start: 0" in stats


async def test_stats_counts_errors(bot, monkeypatch):
    admin = bot.emulator.user(ADMIN)
    await welcomed(bot.store, ADMIN)
    real = bot.store.pain_entries

    async def broken(user_id, *args, **kwargs):
        if user_id == 322:
            raise RuntimeError("disk on fire")
        return await real(user_id, *args, **kwargs)

    victim = bot.emulator.user(322)
    await onboard(victim)  # setting the zone reads the diary too
    monkeypatch.setattr(bot.store, "pain_entries", broken)
    await victim.send("/pain")
    assert (await victim.next_message()).text == texts.APOLOGY
    monkeypatch.setattr(bot.store, "pain_entries", real)
    await admin.send("/stats")
    assert "Errors since start: 1" in (await admin.next_message()).text


async def test_stats_for_anyone_else_is_just_an_unknown_command(bot):
    user = bot.emulator.user(323)
    await welcomed(bot.store, 323)
    await user.send("/stats")
    refused = await user.next_message()
    await user.send("/nosuchthing")
    unknown = await user.next_message()
    assert refused.html == texts.UNKNOWN_COMMAND.format(command="/stats")
    assert unknown.html == texts.UNKNOWN_COMMAND.format(command="/nosuchthing")
    await user.send("/help")
    assert "/stats" not in (await user.next_message()).text
    assert "stats" not in [c["command"] for c in bot.emulator.commands]


# ------------------------------------------------------------------- the token


async def test_token_never_appears_in_logs_data_files_or_exports(bot, caplog, monkeypatch):
    token = bot.services.config.token
    secret = token.split(":", 1)[1]
    caplog.set_level(logging.DEBUG)
    stream = io.StringIO()
    production_like = logging.StreamHandler(stream)  # what setup_logging installs
    production_like.addFilter(RedactTokenFilter(token))
    logging.getLogger().addHandler(production_like)
    try:
        user = bot.emulator.user(331, first_name="Tess")
        await onboard(user)
        await user.send("pain 5 stiff")
        await user.next_message()
        await user.send("/remind daily 07:30")
        await user.next_message()
        await user.send("/export")
        exports = await drain(user, 3)
        real = bot.store.list_reminders

        async def broken(user_id):
            raise RuntimeError(f"cannot reach https://api.telegram.org/bot{token}/getMe")

        monkeypatch.setattr(bot.store, "list_reminders", broken)
        await user.send("/reminders")
        assert (await user.next_message()).text == texts.APOLOGY
        monkeypatch.setattr(bot.store, "list_reminders", real)
    finally:
        logging.getLogger().removeHandler(production_like)

    logged = stream.getvalue()
    assert "Error while handling" in logged and "Traceback" in logged
    assert "<token>" in logged  # the induced error's URL was scrubbed, not dropped
    assert secret not in logged
    assert secret not in "\n".join(r.getMessage() for r in caplog.records)
    assert secret not in caplog.text
    files = [m.file_path for m in exports if m.file_path]
    assert len(files) == 2
    stored = [p for p in bot.data_dir.rglob("*") if p.is_file()]
    assert any(p.suffix == ".json" for p in stored)
    for path in files + stored:
        assert secret.encode() not in path.read_bytes(), path


async def test_data_dir_is_private(bot):
    user = bot.emulator.user(332)
    await onboard(user)
    assert bot.data_dir.stat().st_mode & 0o777 == 0o700
    files = [p for p in bot.data_dir.rglob("*.json")]
    assert files
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o600, path


# ------------------------------------------------------------------- escaping


async def test_echoed_text_is_escaped_for_html(bot):
    user = bot.emulator.user(341)
    await user.send("/start")
    await drain(user, 3)
    await user.send("<i>Berlin")
    zone_reply = await user.next_message()  # the emulator answers 400 to broken HTML
    assert zone_reply.text
    await user.send("Europe/Berlin")
    await drain(user, 2)
    await user.send("pain 5 <b>x</b> & y <script>")
    noted = await user.next_message()
    assert "<b>x</b> & y <script>" in noted.text
    await user.send("/x<b>")
    unknown = await user.next_message()
    assert "/x<b>" in unknown.text
    assert (await bot.store.pain_entries(341))[0].note.startswith("<b>x</b> & y")


# ------------------------------------------------------------------- corrupt user file


async def test_corrupt_user_file_is_set_aside_and_only_that_user_is_told(bot, caplog):
    damaged, fine = bot.emulator.user(351), bot.emulator.user(352)
    await onboard(damaged)
    await onboard(fine, "Asia/Tokyo")
    await fine.send("pain 2")
    await fine.next_message()
    await bot.stop()
    user_file_path(bot.data_dir, 351).write_text('{"profile": {"1": {"user_id": 35', "utf-8")
    with caplog.at_level(logging.WARNING):
        await bot.start()
        await damaged.send("/help")
        # A fresh record: told what happened, welcomed as new, then the answer
        notice, welcome, _, help_reply, again = await drain(damaged, 5)
        await fine.send("/help")
        fine_help = await fine.next_message()
    assert notice.text == texts.HISTORY_LOST
    assert "/start" in help_reply.text and "/start" in fine_help.text
    assert any("351" in r.getMessage() and "unreadable" in r.getMessage() for r in caplog.records)
    assert len(list((bot.data_dir / "quarantine").iterdir())) == 1
    assert (await bot.store.get_user(352)).timezone == "Asia/Tokyo"
    assert [e.level for e in await bot.store.pain_entries(352)] == [2]
    assert "Backcare" in welcome.text and "time zone" in again.text
    await damaged.send("/help")
    assert "/start" in (await damaged.next_message()).text  # told once, not every time
    await fine.send("/start")
    assert "Welcome back" in (await fine.next_message()).text


async def test_tapping_the_choice_already_shown_is_not_an_error(bot, caplog):
    user = bot.emulator.user(361)
    await onboard(user)
    await user.send("/summary")
    screen = await user.next_message()
    chosen = next(d for row in screen.buttons for _, d in row if d == "hist:wk:time:1900")
    for _ in range(2):  # the screen already shows 19:00: Telegram says "not modified"
        query_id = await user.press(chosen, message_id=screen.message_id)
        await answered(user, query_id, chosen)
    await user.send("/help")
    assert "/start" in (await user.next_message()).text
    assert texts.APOLOGY not in [m.text for m in user.messages]
    assert errors_in(caplog) == []


async def test_message_not_modified_is_harmless_not_an_apology(bot, caplog, monkeypatch):
    from telegram.error import BadRequest

    user = bot.emulator.user(362)
    await onboard(user)
    real = bot.store.pain_entries

    async def unchanged(user_id, *args, **kwargs):
        raise BadRequest("Message is not modified: specified new message content is the same")

    monkeypatch.setattr(bot.store, "pain_entries", unchanged)
    await user.send("/pain")
    await user.send("/help")
    assert "/start" in (await user.next_message()).text  # the first answer is the help
    monkeypatch.setattr(bot.store, "pain_entries", real)
    assert errors_in(caplog) == []
    assert bot.application.bot_data.errors_since_start == 0
