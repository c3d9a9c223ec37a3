"""Reminders end to end: "I will nudge you at the time you chose, and only then"."""

from __future__ import annotations

import asyncio
import dataclasses
import html
import logging
from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from chat import drain, onboard
from due import due_items, run_due, the_item
from reliability_helpers import wait_for

from bot import sending
from bot.dispatcher import dispatcher_of
from bot.texts import reminders as texts
from domain.models import Reminder, utcnow
from domain.reminder_requests import parse_reminder_request
from domain.schedule import (
    ScheduleParseError,
    format_time,
    local_date_of,
    next_fire_time,
)
from storage.due import DueIndex, DueItem, remove_index


async def eventually(check) -> None:
    """Wait (up to 3 s) until ``check()`` holds: the job saves its state just after the send."""
    async with asyncio.timeout(3):
        while True:  # the timeout bounds it
            if await check():
                return
            await asyncio.sleep(0.02)


def jobs_named(bot, uid: int, rid: str, kind: str = "reminder") -> list:
    return due_items(bot, uid, kind, rid)


def reminder_jobs_of(bot, uid: int) -> list:
    return due_items(bot, uid, "reminder") + due_items(bot, uid, "snooze")


def the_job(bot, uid: int, rid: str):
    return the_item(bot, uid, "reminder", rid)


async def one_reminder(bot, uid: int):
    (reminder,) = await bot.store.list_reminders(uid)
    return reminder


async def create(user, args: str) -> str:
    await user.send(f"/remind {args}")
    return (await user.next_message()).text


async def test_one_liner_creates_a_stored_reminder_listed_in_words(bot):
    user = bot.emulator.user(201)
    await onboard(user)
    confirmation = await create(user, "checkin mon,wed,fri 21:00")
    assert "Check-in · Mon Wed Fri · 21:00 Europe/Berlin · next:" in confirmation
    reminder = await one_reminder(bot, 201)
    assert (reminder.kind, reminder.days, reminder.time) == ("checkin", (0, 2, 4), "21:00")
    job = the_job(bot, 201, reminder.id)
    expected = next_fire_time((0, 2, 4), time(21, 0), "Europe/Berlin", utcnow())
    assert job.at == expected
    await user.send("/reminders")
    listing = await user.next_message()
    assert "1. Check-in · Mon Wed Fri · 21:00 Europe/Berlin · next:" in listing.text
    assert {"1. ⏸ Pause", "1. 🕰 Time", "1. 🗑 Delete"} <= set(listing.button_texts)


async def test_wizard_with_picked_days_and_typed_time_survives_a_restart(bot):
    user = bot.emulator.user(202)
    await onboard(user)
    await user.send("/remind")
    await user.next_message()
    for button in ("🧘 Routine", "Pick days…", "Mo", "We", "✅ Done"):
        await user.press(button)
        await user.next_message()
    await bot.restart()  # the draft and the awaited time live in storage
    await user.send("7:45")
    confirmation = await user.next_message()
    assert "Routine · Mon Wed · 07:45 Europe/Berlin" in confirmation.text
    reminder = await one_reminder(bot, 202)
    assert (reminder.kind, reminder.days, reminder.time) == ("routine", (0, 2), "07:45")
    assert len(jobs_named(bot, 202, reminder.id)) == 1
    stored = await bot.store.get_user(202)
    assert stored.awaiting is None and stored.preferences.remind_draft is None


async def test_wizard_time_button_creates_a_weekday_check_in(bot):
    user = bot.emulator.user(203)
    await onboard(user)
    await user.send("/remind")
    await user.next_message()
    for button in ("📝 Check-in", "Weekdays", "18:00"):
        await user.press(button)
        await user.next_message()
    confirmation = await user.next_message()
    assert "Check-in · Weekdays · 18:00 Europe/Berlin" in confirmation.text


async def test_remind_without_a_time_zone_asks_to_start_first(bot):
    user = bot.emulator.user(204)
    await user.send("/start")
    await drain(user, 3)  # welcome, safety note, the zone question
    await user.send("/remind daily 07:30")
    need, again = await drain(user, 2)
    assert "/start" in need.text
    assert "time zone" in again.text  # the question stays open
    assert await bot.store.list_reminders(204) == []


@pytest.mark.parametrize("args", ["daily 25:00", "someday 7", "garbage", "daily 7:5"])
async def test_bad_one_liner_says_exactly_what_is_wrong_with_an_example(bot, args):
    user = bot.emulator.user(205)
    await onboard(user)
    with pytest.raises(ScheduleParseError) as problem:
        parse_reminder_request(args, utcnow(), "Europe/Berlin")
    answer = await create(user, args)
    assert problem.value.message in answer
    assert f"For example: {problem.value.example}" in answer
    assert await bot.store.list_reminders(205) == []


async def test_eleventh_reminder_is_refused(bot):
    user = bot.emulator.user(206)
    await onboard(user)
    for hour in range(10):
        assert "Reminder set" in await create(user, f"daily {hour + 7}:00")
    answer = await create(user, "daily 21:30")
    assert "10 reminders" in answer and "/reminders" in answer
    assert len(await bot.store.list_reminders(206)) == 10


async def test_routine_reminder_fires_with_its_buttons_once_per_date(bot):
    user = bot.emulator.user(207)
    await onboard(user)
    await create(user, "daily 07:30")
    reminder = await one_reminder(bot, 207)
    job = the_job(bot, 207, reminder.id)
    await run_due(bot, job)
    message = await user.next_message()
    assert "Time for your back" in message.text and " min" in message.text
    data = [d for row in message.buttons for _, d in row]
    assert any(d.startswith("rt:start:") for d in data)
    assert {f"rem:snz:{reminder.id}:15", f"rem:snz:{reminder.id}:60"} <= set(data)
    assert f"rem:skip:{reminder.id}" in data
    fired = await one_reminder(bot, 207)
    assert fired.last_fired_date == local_date_of(job.at, "Europe/Berlin")
    next_job = the_job(bot, 207, reminder.id)
    assert next_job.at - job.at == timedelta(days=1)
    await run_due(bot, job)  # the same date again: nothing
    assert user.drain() == []


async def test_check_in_reminder_asks_for_a_level_with_buttons_0_to_10(bot):
    user = bot.emulator.user(208)
    await onboard(user)
    await create(user, "checkin daily 21:00")
    reminder = await one_reminder(bot, 208)
    await run_due(bot, the_job(bot, 208, reminder.id))
    message = await user.next_message()
    assert "How is your back today? 0 = no pain, 10 = worst" in message.text
    levels = [row for row in message.buttons if row[0][1].startswith("pain:lvl:")]
    assert [len(row) for row in levels] == [6, 5]
    assert levels[1][-1] == ("10", "pain:lvl:10:ci")


async def test_snooze_schedules_a_one_off_that_fires_again(bot):
    user = bot.emulator.user(209)
    await onboard(user)
    await create(user, "checkin daily 21:00")
    reminder = await one_reminder(bot, 209)
    await run_due(bot, the_job(bot, 209, reminder.id))
    await user.next_message()
    await user.press(texts.SNOOZE_15_BUTTON)
    snoozed = [m for m in await drain(user, 2) if "again at" in m.text]
    assert snoozed
    (snooze_job,) = jobs_named(bot, 209, reminder.id, "snooze")
    stored = await one_reminder(bot, 209)
    assert stored.snoozed_until == snooze_job.at
    assert timedelta(minutes=14) < snooze_job.at - utcnow() <= timedelta(minutes=15)
    await run_due(bot, snooze_job)
    again = await user.next_message()
    assert "How is your back today?" in again.text
    assert (await one_reminder(bot, 209)).snoozed_until is None


async def test_skip_today_cancels_the_snooze_and_that_dates_firing(bot):
    user = bot.emulator.user(210)
    await onboard(user)
    await create(user, "daily 07:30")
    reminder = await one_reminder(bot, 210)
    await run_due(bot, the_job(bot, 210, reminder.id))
    await user.next_message()
    await user.press(texts.SNOOZE_60_BUTTON, message_id=None)
    await drain(user, 2)
    await user.press(texts.SKIP_TODAY_BUTTON)
    skipped = [m for m in await drain(user, 2) if "Skipped" in m.text]
    assert skipped
    assert jobs_named(bot, 210, reminder.id, "snooze") == []
    stored = await one_reminder(bot, 210)
    assert stored.skip_date == local_date_of(utcnow(), "Europe/Berlin")
    assert stored.snoozed_until is None
    # A regular firing on a skipped date sends nothing and moves on to the next date.
    job = the_job(bot, 210, reminder.id)
    due_day = local_date_of(job.at, "Europe/Berlin")
    await bot.store.save_reminder(210, dataclasses.replace(stored, skip_date=due_day))
    await run_due(bot, job)
    assert user.drain() == []
    assert the_job(bot, 210, reminder.id).at - job.at == timedelta(days=1)


async def test_pause_resume_and_delete_from_the_list_refresh_it_in_place(bot):
    user = bot.emulator.user(211)
    await onboard(user)
    await create(user, "weekends 09:00")
    reminder = await one_reminder(bot, 211)
    await user.send("/reminders")
    listing = await user.next_message()
    await user.press("1. ⏸ Pause")
    edited = await user.next_message()
    assert edited.message_id == listing.message_id and "· paused" in edited.text
    assert reminder_jobs_of(bot, 211) == []
    await user.press("1. ▶️ Resume")
    edited = await user.next_message()
    assert "paused" not in edited.text
    assert len(jobs_named(bot, 211, reminder.id)) == 1
    await user.press("1. 🗑 Delete")
    edited = await user.next_message()
    assert edited.message_id == listing.message_id and "no reminders" in edited.text
    assert await bot.store.list_reminders(211) == []
    assert reminder_jobs_of(bot, 211) == []


async def test_change_time_from_the_list_reschedules(bot):
    user = bot.emulator.user(212)
    await onboard(user)
    await create(user, "daily 07:30")
    await user.send("/reminders")
    await user.next_message()
    await user.press("1. 🕰 Time")
    await user.next_message()
    await user.send("8 pm")
    assert "20:00" in (await user.next_message()).text
    reminder = await one_reminder(bot, 212)
    assert reminder.time == "20:00"
    local = the_job(bot, 212, reminder.id).at.astimezone(ZoneInfo("Europe/Berlin"))
    assert (local.hour, local.minute) == (20, 0)


async def test_stop_pauses_everything_and_resume_all_or_start_brings_it_back(bot):
    user = bot.emulator.user(213)
    await onboard(user)
    await create(user, "daily 07:30")
    await create(user, "checkin daily 21:00")
    await user.send("/stop")
    assert "Paused all your reminders (2)" in (await user.next_message()).text
    assert reminder_jobs_of(bot, 213) == []
    await user.send("/reminders")
    await user.next_message()
    await user.press(texts.RESUME_ALL_BUTTON)
    await user.next_message()
    assert len(reminder_jobs_of(bot, 213)) == 2
    await user.send("/stop")
    await user.next_message()
    await user.send("/start")
    assert texts.RESUMED_ON_START in (await user.next_message()).text
    assert not any(r.paused for r in await bot.store.list_reminders(213))
    assert len(reminder_jobs_of(bot, 213)) == 2


async def test_restart_restores_jobs_without_doubles(bot):
    user = bot.emulator.user(214)
    await onboard(user)
    await create(user, "daily 07:30")
    await create(user, "checkin weekdays 21:00")
    before = sorted(reminder_jobs_of(bot, 214))
    await bot.restart()
    await bot.restart()
    after = sorted(reminder_jobs_of(bot, 214))
    assert after == before and len(after) == 2


async def _went_down_before_a_reminder(
    bot, uid: int, ago: timedelta, *, index_lost: bool
) -> Reminder:
    """A daily reminder whose time today was ``ago`` ago, while the bot was down (stopped
    here; the caller starts it). It last fired the day before. The due index on disk says
    it is due then, as it did when the bot went down, or is lost (``index_lost``).
    """
    now = utcnow()
    due = (now - ago).replace(second=0, microsecond=0)
    local = due.astimezone(ZoneInfo("Europe/Berlin"))
    reminder = Reminder(
        id="missed01",
        kind="checkin",
        days=(0, 1, 2, 3, 4, 5, 6),
        time=format_time(local.time()),
        created_at=now - timedelta(days=3),
        last_fired_at=due - timedelta(days=1),
        last_fired_date=local.date() - timedelta(days=1),
    )
    await bot.store.add_reminder(uid, reminder)
    await bot.stop()
    if index_lost:
        remove_index(bot.data_dir)
    else:
        index = DueIndex.open(bot.data_dir)
        index.put(DueItem(due, "reminder", uid, reminder.id))
        index.flush()
    return reminder


@pytest.mark.parametrize("index_lost", [False, True], ids=["index", "index lost"])
async def test_time_missed_while_down_within_grace_is_sent_once_late(bot, index_lost):
    user = bot.emulator.user(215)
    await onboard(user)
    reminder = await _went_down_before_a_reminder(
        bot, 215, timedelta(minutes=10), index_lost=index_lost
    )
    await bot.start()
    late = await user.next_message()
    assert "How is your back today?" in late.text and "A little late" in late.text
    due_day = local_date_of(utcnow() - timedelta(minutes=10), "Europe/Berlin")

    async def fired_and_planned_tomorrow():
        jobs = jobs_named(bot, 215, reminder.id)
        fired = (await one_reminder(bot, 215)).last_fired_date == due_day
        return fired and len(jobs) == 1 and jobs[0].at - utcnow() > timedelta(hours=23)

    await eventually(fired_and_planned_tomorrow)
    await bot.restart()  # a second restart does not send it again
    assert all(j.at - utcnow() > timedelta(hours=23) for j in reminder_jobs_of(bot, 215))
    await asyncio.sleep(0.3)
    assert user.drain() == []


@pytest.mark.parametrize("index_lost", [False, True], ids=["index", "index lost"])
async def test_time_missed_by_more_than_the_grace_is_skipped(bot, index_lost):
    user = bot.emulator.user(216)
    await onboard(user)
    reminder = await _went_down_before_a_reminder(
        bot, 216, timedelta(hours=2), index_lost=index_lost
    )
    await bot.start()
    await dispatcher_of(bot.application).wait_built()

    async def planned_tomorrow():
        jobs = jobs_named(bot, 216, reminder.id)
        return len(jobs) == 1 and jobs[0].at - utcnow() > timedelta(hours=21)

    await eventually(planned_tomorrow)
    assert (await one_reminder(bot, 216)).last_fired_date == reminder.last_fired_date
    assert user.drain() == []


async def test_blocked_user_is_marked_inactive_and_comes_back_with_start(bot, caplog):
    user = bot.emulator.user(217)
    await onboard(user)
    await create(user, "daily 07:30")
    reminder = await one_reminder(bot, 217)
    bot.emulator.block(217)
    with caplog.at_level(logging.INFO):
        await run_due(bot, the_job(bot, 217, reminder.id))
    assert (await bot.store.get_user(217)).active is False
    assert reminder_jobs_of(bot, 217) == []
    blocked_logs = [r for r in caplog.records if "blocked the bot" in r.getMessage()]
    assert len(blocked_logs) == 1 and blocked_logs[0].exc_info is None
    bot.emulator.unblock(217)
    await user.send("/start")
    await user.next_message()
    assert (await bot.store.get_user(217)).active is True
    assert len(jobs_named(bot, 217, reminder.id)) == 1


async def test_blocked_user_who_comes_back_with_any_message_gets_their_reminders_again(bot):
    """Any message marks them active again; their reminders were dropped from the due index
    at the block, so they must be planned again then (not only at /start, which would find
    them active already), as a rebuild of the index would."""
    user = bot.emulator.user(227)
    await onboard(user)
    await create(user, "daily 07:30")
    reminder = await one_reminder(bot, 227)
    bot.emulator.block(227)
    await run_due(bot, the_job(bot, 227, reminder.id))
    assert reminder_jobs_of(bot, 227) == []
    bot.emulator.unblock(227)
    await user.send("/reminders")
    await user.next_message()
    assert (await bot.store.get_user(227)).active is True
    assert len(jobs_named(bot, 227, reminder.id)) == 1


async def test_flood_limit_is_retried_and_the_reminder_arrives(bot):
    user = bot.emulator.user(218)
    await onboard(user)
    await create(user, "daily 07:30")
    reminder = await one_reminder(bot, 218)
    bot.emulator.inject_fault("429", method="sendMessage", count=1, retry_after=1)
    await run_due(bot, the_job(bot, 218, reminder.id))
    assert "Time for your back" in (await user.next_message()).text
    assert bot.emulator.stats.too_many_requests >= 1


async def test_server_errors_are_retried_with_backoff(bot, monkeypatch):
    monkeypatch.setattr(sending, "RETRY_DELAYS", (0, 0, 0))
    user = bot.emulator.user(219)
    await onboard(user)
    await create(user, "daily 07:30")
    reminder = await one_reminder(bot, 219)
    bot.emulator.inject_fault("502", method="sendMessage", count=2)
    await run_due(bot, the_job(bot, 219, reminder.id))
    assert "Time for your back" in (await user.next_message()).text


async def test_time_zone_change_keeps_the_same_wall_clock_time(bot):
    user = bot.emulator.user(220)
    await onboard(user)
    await create(user, "daily 07:30")
    reminder = await one_reminder(bot, 220)
    await user.send("/timezone")
    await drain(user, 2)
    await user.send("America/New_York")
    await user.next_message()
    job = the_job(bot, 220, reminder.id)
    expected = next_fire_time(
        reminder.days, time(7, 30), "America/New_York", utcnow() - timedelta(seconds=5)
    )
    assert job.at == expected
    assert job.at.astimezone(ZoneInfo("America/New_York")).time() == time(7, 30)


async def test_three_silent_reminders_in_a_row_ask_about_another_time(bot):
    user = bot.emulator.user(221)
    await onboard(user)
    await create(user, "checkin daily 21:00")
    reminder = await one_reminder(bot, 221)
    fired_at = utcnow() - timedelta(days=1)
    silent = dataclasses.replace(reminder, last_fired_at=fired_at, unanswered=2)
    await bot.store.save_reminder(221, silent)
    await bot.store.update_user(221, last_seen_at=fired_at - timedelta(hours=1))
    await run_due(bot, the_job(bot, 221, reminder.id))
    message = await user.next_message()
    assert html.unescape(texts.NUDGE.strip()) in message.text
    assert {texts.NUDGE_CHANGE_BUTTON, texts.NUDGE_PAUSE_BUTTON} <= set(message.button_texts)
    assert (await one_reminder(bot, 221)).unanswered == 3


async def test_buttons_of_someone_elses_reminder_are_stale(bot):
    owner, other = bot.emulator.user(222), bot.emulator.user(223)
    await onboard(owner)
    await onboard(other)
    await create(owner, "daily 07:30")
    reminder = await one_reminder(bot, 222)
    await create(other, "daily 08:00")
    await other.send("/reminders")
    listing = await other.next_message()
    # A forged press: the other user's list, with the owner's reminder id.
    other.forge_press(f"rem:del:{reminder.id}:l", listing)
    await other.send("/reminders")
    await other.next_message()
    assert any(a.text == "That button is no longer active." for a in other.callback_answers)
    assert len(await bot.store.list_reminders(222)) == 1


async def test_a_reminder_deleted_while_its_send_keeps_failing_is_not_planned_again(
    bot, monkeypatch
):
    monkeypatch.setattr(sending, "RETRY_DELAYS", (0, 0, 0))
    user = bot.emulator.user(231)
    await onboard(user)
    await create(user, "daily 07:30")
    reminder = await one_reminder(bot, 231)
    await user.send("/reminders")
    await user.next_message()
    sends = bot.emulator.stats.requests["sendMessage"]
    # Every try of the reminder's send fails, slowly; the user deletes it meanwhile.
    bot.emulator.inject_fault("502", method="sendMessage", chat_id=231, count=4, delay=0.5)
    firing = asyncio.create_task(run_due(bot, the_job(bot, 231, reminder.id)))

    assert await wait_for(lambda: bot.emulator.stats.requests["sendMessage"] > sends, 10)
    await user.press("1. 🗑 Delete")
    await user.next_message()
    await firing
    assert await bot.store.list_reminders(231) == []
    assert reminder_jobs_of(bot, 231) == []  # given up on, not planned for tomorrow


async def test_a_time_zone_changed_while_a_reminder_is_being_sent_plans_the_next_in_it(bot):
    user = bot.emulator.user(232)
    await onboard(user)
    await create(user, "daily 07:30")
    reminder = await one_reminder(bot, 232)
    await user.send("/timezone")
    await drain(user, 2)
    sends = bot.emulator.stats.requests["sendMessage"]
    # The reminder's sendMessage takes a while; the user moves to New York meanwhile.
    bot.emulator.inject_fault("slow", method="sendMessage", chat_id=232, count=1, delay=3)
    firing = asyncio.create_task(run_due(bot, the_job(bot, 232, reminder.id)))
    assert await wait_for(lambda: bot.emulator.stats.requests["sendMessage"] > sends, 10)
    await user.send("America/New_York")

    async def moved() -> bool:
        return (await bot.store.get_user(232)).timezone == "America/New_York"

    await eventually(moved)
    assert not firing.done()  # moved while the reminder was still on its way
    await firing
    (item,) = reminder_jobs_of(bot, 232)
    assert item.at.astimezone(ZoneInfo("America/New_York")).time() == time(7, 30)


async def test_pausing_while_a_reminder_is_being_sent_keeps_both_changes(bot):
    user = bot.emulator.user(230)
    await onboard(user)
    await create(user, "daily 07:30")
    reminder = await one_reminder(bot, 230)
    job = the_job(bot, 230, reminder.id)
    # The reminder's sendMessage takes a while; the user pauses everything meanwhile.
    bot.emulator.inject_fault("slow", method="sendMessage", chat_id=230, count=1, delay=0.8)
    firing = asyncio.create_task(run_due(bot, job))
    await asyncio.sleep(0.2)
    await user.send("/stop")
    await firing
    stored = await one_reminder(bot, 230)
    assert stored.paused is True  # the user's pause survived the job's save
    assert stored.last_fired_date is not None  # and the job's delivery was recorded
