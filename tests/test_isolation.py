"""One user's unreadable or impossible data is that user's problem (issue 17, item 3).

A data folder holds healthy users with a reminder and a weekly summary due, and one broken
user of each kind: a time zone this tzdata does not know (with a reminder; with a weekly
summary; with neither), a file that is not JSON, a file whose values have the wrong types,
one whose values are impossible, one written by a newer version of the bot. The real bot
starts on it against the local emulator: every healthy user gets every reminder and
summary, each broken user gets one plain message (asked for their zone again, or told
their data was set aside), and the operator gets one log line per broken user.
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from chat import onboard, welcomed
from due import due_items
from reliability_helpers import wait_for

from bot import texts
from bot.dispatcher import dispatcher_of
from bot.sandbox.harness import SANDBOX_TOKEN, LocalBot
from domain.models import PainEntry, Reminder, User, utcnow
from domain.preferences import Preferences
from domain.schedule import local_date_of
from domain.weekly import WeeklySetting
from emulator import BotApiEmulator
from storage import SchemaTooNewError, Store, user_file_path
from storage.due import DueIndex, DueItem, remove_index

HEALTHY = {
    1001: "Europe/Berlin",
    1002: "America/New_York",
    1003: "Asia/Tokyo",
    1004: "Australia/Sydney",
    1005: "UTC",
}
ZONE_WITH_REMINDER, ZONE_WITH_SUMMARY, ZONE_ONLY = 2001, 2002, 2003
NOT_JSON, WRONG_TYPES, IMPOSSIBLE = 2004, 2005, 2006
TOO_NEW = 2007  # written by a newer backcare-bot: refused, kept as it is
ZONE_LOST = (ZONE_WITH_REMINDER, ZONE_WITH_SUMMARY, ZONE_ONLY)
SET_ASIDE = (NOT_JSON, WRONG_TYPES, IMPOSSIBLE)
BROKEN = (*ZONE_LOST, *SET_ASIDE, TOO_NEW)
TOLD_AT_ONCE = (ZONE_WITH_REMINDER, ZONE_WITH_SUMMARY, *SET_ASIDE)  # the rest: when they write
LOST_ZONE = "Atlantis/Lost_City"  # renamed away in a newer tzdata, or from a restored backup
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)


def _has_reminder(uid: int) -> bool:
    return uid not in (ZONE_WITH_SUMMARY, ZONE_ONLY)


def _has_summary(uid: int) -> bool:
    return uid not in (ZONE_WITH_REMINDER, ZONE_ONLY)


async def _seed_users(data_dir, reminder_at: str) -> None:
    """Everyone as a healthy user with a daily check-in, a weekly summary and a diary."""
    now = utcnow()
    async with await Store.open(data_dir) as store:
        for uid in (*HEALTHY, *BROKEN):
            zone = HEALTHY.get(uid, "Europe/Paris")
            prefs = Preferences(weekly_summary=WeeklySetting(enabled=_has_summary(uid)))
            await store.save_user(User(uid, uid, f"U{uid}", timezone=zone, preferences=prefs))
            if _has_reminder(uid):
                local = (now.astimezone(ZoneInfo(zone)) - timedelta(minutes=5)).strftime("%H:%M")
                at = local if reminder_at == "five minutes ago" else reminder_at
                reminder = Reminder(
                    f"r{uid}", "checkin", EVERY_DAY, at, created_at=now - timedelta(days=7)
                )
                await store.add_reminder(uid, reminder)
            for days_ago in (1, 2, 3):
                at = now - timedelta(days=days_ago)
                entry = PainEntry(f"p{uid}-{days_ago}", at, local_date_of(at, zone), 3 + days_ago)
                await store.record_pain(uid, entry)


def _edit(data_dir, uid: int, table: str, **values) -> None:
    path = user_file_path(data_dir, uid)
    data = json.loads(path.read_text())
    for doc in data[table].values():
        doc.update(values)
    path.write_text(json.dumps(data))


def _break_users(data_dir) -> None:
    """What a tzdata upgrade, a restored backup or a hand edit leaves behind."""
    for uid in ZONE_LOST:
        _edit(data_dir, uid, "profile", timezone=LOST_ZONE)
    user_file_path(data_dir, NOT_JSON).write_text('{"profile": {"1": {"user_id": 20')
    _edit(data_dir, WRONG_TYPES, "reminders", days="every day")  # a list of weekdays, by hand
    _edit(data_dir, IMPOSSIBLE, "reminders", time="25:99")
    _edit(data_dir, TOO_NEW, "_meta", schema=99)


def _everything_due_now(data_dir) -> None:
    """The due index as the last run left it, every item due a moment ago; the broken
    users' first, so a failure there would hold up everyone after them."""
    index = DueIndex.open(data_dir)
    index.mark_built()
    now = utcnow()
    for n, uid in enumerate((*BROKEN, *HEALTHY)):
        at = now - timedelta(seconds=60 - n)
        if _has_reminder(uid):
            index.put(DueItem(at, "reminder", uid, f"r{uid}"))
        if _has_summary(uid):
            index.put(DueItem(at, "weekly", uid, ""))
    index.flush()


def _about(records, uid: int) -> list[logging.LogRecord]:
    return [r for r in records if r.levelno >= logging.WARNING and f"user {uid}" in r.getMessage()]


@pytest.fixture
async def emulator(tmp_path):
    async with BotApiEmulator(token=SANDBOX_TOKEN, files_dir=tmp_path / "files") as running:
        yield running


@pytest.mark.parametrize("index", ["kept", "rebuilt"])
async def test_broken_users_are_told_once_and_everyone_else_gets_everything(
    index, emulator, tmp_path, caplog
):
    """``kept``: the due index of the last run, everything due now (reminders and weekly
    summaries). ``rebuilt``: no index, so start-up reads every user file and sends the
    reminders missed five minutes ago (a summary missed while down is not sent)."""
    caplog.set_level(logging.INFO)
    data_dir = tmp_path / "data"
    if index == "kept":
        await _seed_users(data_dir, reminder_at="09:00")
        _break_users(data_dir)
        _everything_due_now(data_dir)
    else:
        await _seed_users(data_dir, reminder_at="five minutes ago")
        _break_users(data_dir)
        remove_index(data_dir)
    users = {uid: emulator.user(uid) for uid in (*HEALTHY, *BROKEN)}
    bot = LocalBot(emulator, data_dir)
    await bot.start()
    try:
        await _check_broken_users_told_once(bot, users, summaries=index == "kept", caplog=caplog)
    finally:
        await bot.stop()


async def _check_broken_users_told_once(bot, users, summaries: bool, caplog) -> None:
    def received(uid: int) -> list:
        return bot.emulator.chat_messages(uid)

    expected = 2 if summaries else 1
    assert await wait_for(lambda: all(len(received(u)) == expected for u in HEALTHY), 30), {
        u: len(received(u)) for u in HEALTHY
    }
    assert await wait_for(lambda: all(received(uid) for uid in TOLD_AT_ONCE), 10)
    await asyncio.sleep(1)  # anything more would have come by now

    for uid in HEALTHY:
        bodies = sorted(received(uid), key=lambda m: m.kind)
        if summaries:
            summary, reminder = bodies
            assert summary.kind == "photo" and "Your week" in summary.body
        else:
            (reminder,) = bodies
        assert reminder.kind == "text" and "How is your back" in reminder.body
        assert [i.kind for i in due_items(bot, uid)] == ["reminder", "weekly"]
        (item,) = due_items(bot, uid, "reminder")
        assert item.at > utcnow()  # planned for its next day, not retried

    for uid in (ZONE_WITH_REMINDER, ZONE_WITH_SUMMARY):
        (ask,) = received(uid)
        assert LOST_ZONE in ask.body and "time zone" in ask.body
    assert received(ZONE_ONLY) == []  # nothing of theirs stopped: asked when they write
    assert received(TOO_NEW) == []
    # Its items wait for an upgraded bot, a day at a time, without a traceback.
    assert all(i.at > utcnow() + timedelta(hours=12) for i in due_items(bot, TOO_NEW))
    for uid in SET_ASIDE:
        (told,) = received(uid)
        assert told.body == texts.HISTORY_LOST
        assert list((bot.data_dir / "quarantine").glob(f"{uid}-*.json"))
    for uid in BROKEN:
        if uid != TOO_NEW:
            assert due_items(bot, uid) == []  # nothing retried every five minutes
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]

    # Their next messages are answered as anyone's, and nobody is told twice: the one
    # asked for a zone answers with one, the others ask for help.
    for uid in TOLD_AT_ONCE:
        await users[uid].next_message()  # the notice, read above
    zone_user = users[ZONE_WITH_REMINDER]
    await zone_user.send("Europe/Lisbon")
    assert "Lisbon" in (await zone_user.next_message()).body
    assert await wait_for(lambda: due_items(bot, ZONE_WITH_REMINDER, "reminder"), 5)
    await users[ZONE_ONLY].send("/start")  # asked for the zone once, not welcomed anew
    assert LOST_ZONE in (await users[ZONE_ONLY].next_message()).body
    await users[ZONE_WITH_SUMMARY].send("/history")  # the chart, by UTC dates meanwhile
    assert (await users[ZONE_WITH_SUMMARY].next_message()).kind == "photo"
    for uid in SET_ASIDE:  # a fresh record: welcomed as new, asked for a zone after
        await users[uid].send("/help")
        welcome, _note, help_reply, ask = [await users[uid].next_message() for _ in range(4)]
        assert "Backcare" in welcome.body and "time zone" in ask.body
        assert "/history" in help_reply.body
    for _ in range(2):  # told each time (nothing can be done for them), logged once
        await users[TOO_NEW].send("/history")
        assert (await users[TOO_NEW].next_message()).body == texts.DATA_TOO_NEW
    await asyncio.sleep(0.5)
    counts = {uid: len(received(uid)) for uid in BROKEN}
    # Told once; then the zone set ("set", "all set"), the chart (and the zone question it
    # interrupted, again), the help (after the welcome and the safety note, and before the
    # zone question, for a fresh record): nothing more.
    assert counts == {2001: 3, 2002: 3, 2003: 1, 2004: 5, 2005: 5, 2006: 5, 2007: 2}
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    for uid in BROKEN:  # one line for the operator per broken user, however often used
        about = _about(caplog.records, uid)
        assert len(about) == 1, [r.getMessage() for r in about]

    # A restart finds nothing more to tell or to log.
    logged = len(caplog.records)
    await bot.restart()
    await dispatcher_of(bot.application).wait_built()
    await asyncio.sleep(1)
    for uid in BROKEN:
        assert _about(caplog.records[logged:], uid) == []
    assert {uid: len(received(uid)) for uid in BROKEN} == counts


# ------------------------------------------------------------------ the store alone


@pytest.fixture
async def store(tmp_path):
    async with await Store.open(tmp_path / "data") as opened:
        yield opened


def _rewrite(store, uid: int, table: str, **values) -> None:
    """Change fields of every document of ``table`` in the user's file, as a hand edit."""
    store.clear_cache()
    path = user_file_path(store.data_dir, uid)
    data = json.loads(path.read_text())
    for doc in data[table].values():
        doc.update(values)
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    ("table", "values"),
    [
        ("reminders", {"time": "25:99"}),
        ("reminders", {"days": [9]}),
        ("reminders", {"days": []}),
        ("reminders", {"kind": "horoscope"}),
        ("profile", {"preferences": {"weekly_summary": {"day": 7}}}),
        ("profile", {"preferences": {"weekly_summary": {"time": "noonish"}}}),
    ],
)
async def test_impossible_values_set_the_file_aside_once_and_others_carry_on(
    store, table, values, caplog
):
    found = []
    store.on_user_problem(lambda uid, problem: found.append((uid, problem)))
    for uid in (1, 2):
        await store.save_user(User(uid, uid, timezone="Europe/Berlin"))
        await store.add_reminder(uid, Reminder("r", "checkin", EVERY_DAY, "09:00"))
    _rewrite(store, 2, table, **values)

    with caplog.at_level(logging.WARNING, logger="storage.store"):
        assert [s.user.user_id for s in await store.all_users()] == [1]
        assert await store.get_user(2) is None and await store.list_reminders(2) == []
    assert len(_about(caplog.records, 2)) == 1
    assert found == [(2, "set_aside")]
    assert len(list((store.data_dir / "quarantine").glob("2-*.json"))) == 1
    assert [r.time for r in await store.list_reminders(1)] == ["09:00"]


async def test_an_impossible_pain_level_sets_its_month_aside_and_keeps_the_rest(store):
    found = []
    store.on_user_problem(lambda uid, problem: found.append((uid, problem)))
    await store.save_user(User(1, 1, timezone="UTC"))
    now = utcnow()
    await store.record_pain(1, PainEntry("a", now, now.date(), 4))
    store.clear_cache()
    month = next((store.data_dir / "users").glob("*/1.pain/*.json"))
    data = json.loads(month.read_text())
    for doc in next(iter(data.values())).values():
        doc["level"] = 42
    month.write_text(json.dumps(data))

    assert await store.pain_entries(1) == []
    assert (await store.get_user(1)).timezone == "UTC"
    assert found == [(1, "set_aside")]


async def test_an_unknown_zone_is_cleared_once_kept_for_the_question_and_logged_once(store, caplog):
    found = []
    store.on_user_problem(lambda uid, problem: found.append((uid, problem)))
    await store.save_user(User(1, 1, timezone="Europe/Berlin"))
    await store.add_reminder(1, Reminder("r", "checkin", EVERY_DAY, "09:00"))
    _rewrite(store, 1, "profile", timezone=LOST_ZONE)

    with caplog.at_level(logging.WARNING, logger="storage.store"):
        (snapshot,) = await store.all_users()
        for _ in range(3):
            user = await store.get_user(1)
        store.clear_cache()
        assert await store.get_user(1) == user  # stored so: not cleared (and logged) again
    assert snapshot.user == user
    assert user.timezone is None and user.preferences.zone_unknown == LOST_ZONE
    assert [r.id for r in snapshot.reminders] == ["r"]  # nothing else of theirs is lost
    assert len(_about(caplog.records, 1)) == 1
    assert found == [(1, "zone_unknown")]
    assert not (store.data_dir / "quarantine").exists()


async def test_a_file_from_a_newer_version_is_refused_for_its_user_alone_and_logged_once(
    store, caplog
):
    for uid in (1, 2, 3):
        await store.save_user(User(uid, uid, timezone="Europe/Berlin"))
        await store.add_reminder(uid, Reminder("r", "checkin", EVERY_DAY, "09:00"))
    _rewrite(store, 2, "_meta", schema=99)  # restored from a newer backcare-bot's backup

    with caplog.at_level(logging.WARNING, logger="storage.store"):
        assert [s.user.user_id for s in await store.all_users()] == [1, 3]
        for _ in range(3):
            with pytest.raises(SchemaTooNewError):
                await store.get_user(2)
    assert len(_about(caplog.records, 2)) == 1
    assert user_file_path(store.data_dir, 2).exists()  # kept as it is: nothing to repair
    assert not (store.data_dir / "quarantine").exists()


async def test_a_report_sent_after_the_zone_was_lost_is_noted_and_the_next_text_sets_it(bot):
    user = bot.emulator.user(3001)
    await onboard(user)
    await bot.stop()
    async with await Store.open(bot.data_dir) as store:
        await store.update_user(3001, timezone=LOST_ZONE)  # e.g. a restored backup
    await bot.start()

    await user.send("lower back 4")  # their file is first read now: asked once, here
    ask, noted = await user.next_message(), await user.next_message()
    assert LOST_ZONE in ask.body
    assert noted.body.startswith("✅ Noted") and "4/10" in noted.body  # a report, not a zone
    await user.send("Berlin")
    assert "Europe/Berlin" in (await user.next_message()).body
    assert (await bot.store.get_user(3001)).timezone == "Europe/Berlin"


async def test_stats_count_everyone_else_around_broken_users(tmp_path, emulator, caplog):
    data_dir = tmp_path / "data"
    await _seed_users(data_dir, reminder_at="09:00")
    _break_users(data_dir)
    admin = emulator.user(4001)
    bot = LocalBot(emulator, data_dir, {"ADMIN_IDS": "4001"})
    await bot.start()
    try:
        await welcomed(bot.store, 4001)  # the stats are the first answer
        await admin.send("/stats")
        stats = (await admin.next_message()).text
    finally:
        await bot.stop()
    # Counted around the broken files (how many of them depends on which notice went out
    # first: the broken users' chats do not exist here); none of them is an error.
    assert stats.startswith("Bot status") and "Errors since start: 0" in stats
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
