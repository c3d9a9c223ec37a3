"""Reminders as a newcomer sets and tends them (issue 18): natural forms, no duplicates,
one-offs, a list in order of next time, days and routine changed, undo on delete, and an
answered check-in that stops offering Snooze and Skip."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import time, timedelta

from chat import drain, onboard
from due import due_items, run_due, the_item

from bot.dispatcher import dispatcher_of
from bot.texts import reminders as texts
from domain.models import utcnow
from domain.schedule import EVERY_DAY, WEEKDAYS, next_fire_time
from storage.due import remove_index

ZONE = "Europe/Berlin"


async def create(user, args: str) -> str:
    await user.send(f"/remind {args}")
    return (await user.next_message()).text


async def test_the_same_reminder_sent_three_times_is_stored_once(bot):
    user = bot.emulator.user(1801)
    await onboard(user)
    assert "Reminder set" in await create(user, "daily 07:30")
    for _ in range(2):
        answer = await create(user, "daily 07:30")
        assert "You already have this reminder" in answer and "07:30" in answer
    assert len(await bot.store.list_reminders(1801)) == 1
    assert len(due_items(bot, 1801, "reminder")) == 1
    # Another kind at the same time is another reminder.
    assert "Reminder set" in await create(user, "checkin daily 07:30")


async def test_natural_forms_set_the_reminder_meant(bot):
    user = bot.emulator.user(1802)
    await onboard(user)
    for typed, kind, days, at in [
        ("every day at 8am", "routine", EVERY_DAY, "08:00"),
        ("daily at 7", "routine", EVERY_DAY, "07:00"),
        ("weekdays at 6pm", "routine", WEEKDAYS, "18:00"),
        ("check in mon, wed, fri @ 9 pm", "checkin", (0, 2, 4), "21:00"),
    ]:
        assert "Reminder set" in await create(user, typed), typed
        stored = {(r.kind, r.days, r.time) for r in await bot.store.list_reminders(1802)}
        assert (kind, days, at) in stored, typed


async def test_every_two_hours_makes_a_series_of_reminders(bot):
    user = bot.emulator.user(1803)
    await onboard(user)
    answer = await create(user, "every 2 hours from 9 to 17")
    assert "Reminders set" in answer
    times = sorted(r.time for r in await bot.store.list_reminders(1803))
    assert times == ["09:00", "11:00", "13:00", "15:00", "17:00"]
    assert len(due_items(bot, 1803, "reminder")) == 5


async def test_not_a_reminder_gets_a_reason_and_an_example(bot):
    user = bot.emulator.user(1804)
    await onboard(user)
    answer = await create(user, "pain 4")
    assert "“pain”" in answer and "For example:" in answer
    assert await bot.store.list_reminders(1804) == []


async def test_a_one_off_in_two_hours_fires_once_then_is_gone(bot):
    user = bot.emulator.user(1805)
    await onboard(user)
    before = utcnow()
    answer = await create(user, "in 2 hours")
    assert "once" in answer
    (reminder,) = await bot.store.list_reminders(1805)
    assert timedelta(minutes=119) <= reminder.once_at - before <= timedelta(minutes=121)
    item = the_item(bot, 1805, "reminder", reminder.id)
    assert item.at == reminder.once_at
    await run_due(bot, item)
    message = await user.next_message()
    assert "Time for your back" in message.text
    assert texts.SNOOZE_15_BUTTON not in message.button_texts
    assert texts.SKIP_TODAY_BUTTON not in message.button_texts
    assert await bot.store.list_reminders(1805) == []
    assert due_items(bot, 1805, "reminder") == []


async def test_tomorrow_at_nine_is_due_at_nine_on_tomorrows_wall_clock(bot):
    user = bot.emulator.user(1806)
    await onboard(user)
    await create(user, "checkin tomorrow 9:00")
    (reminder,) = await bot.store.list_reminders(1806)
    now = utcnow()
    from zoneinfo import ZoneInfo

    tomorrow = now.astimezone(ZoneInfo(ZONE)).date() + timedelta(days=1)
    due = the_item(bot, 1806, "reminder", reminder.id).at
    assert due.astimezone(ZoneInfo(ZONE)).date() == tomorrow
    assert due.astimezone(ZoneInfo(ZONE)).time() == time(9, 0)


async def test_the_list_is_in_order_of_next_time(bot):
    user = bot.emulator.user(1807)
    await onboard(user)
    await create(user, "in 3 hours")
    await create(user, "in 1 hour")
    await create(user, "checkin in 2 hours")
    await user.send("/reminders")
    listing = (await user.next_message()).text
    lines = [line for line in listing.splitlines() if line[:2] in {"1.", "2.", "3."}]
    assert lines[0].startswith("1. Routine · once")
    assert lines[1].startswith("2. Check-in · once")
    stored = sorted(await bot.store.list_reminders(1807), key=lambda r: r.once_at)
    assert stored[0].time in lines[0] and stored[2].time in lines[2]


async def test_repeating_reminders_are_listed_soonest_first(bot):
    from zoneinfo import ZoneInfo

    from domain.schedule import DAY_NAMES

    user = bot.emulator.user(1812)
    await onboard(user)
    today = utcnow().astimezone(ZoneInfo(ZONE)).weekday()
    later, sooner = DAY_NAMES[(today + 3) % 7], DAY_NAMES[(today + 1) % 7]
    await create(user, f"{later} 12:00")
    await create(user, f"checkin {sooner} 12:00")
    await user.send("/reminders")
    listing = (await user.next_message()).text
    assert "1. Check-in" in listing and "2. Routine" in listing


async def test_a_reminders_days_can_be_changed_from_the_list(bot):
    user = bot.emulator.user(1808)
    await onboard(user)
    await create(user, "daily 07:30")
    await user.send("/reminders")
    await user.next_message()
    await user.press("1. 📅 Days")
    assert "New days for" in (await user.next_message()).text
    await user.press("✅ Mo")
    await user.next_message()  # Monday unticked
    await user.press("✅ Done")
    assert "Tue Wed Thu Fri Sat Sun" in (await user.next_message()).text
    (reminder,) = await bot.store.list_reminders(1808)
    assert reminder.days == (1, 2, 3, 4, 5, 6)
    item = the_item(bot, 1808, "reminder", reminder.id)
    assert item.at == next_fire_time(reminder.days, time(7, 30), ZONE, utcnow())
    await user.press("1. 📅 Days", message_id=None)
    await user.next_message()
    await user.press("Weekdays")
    await user.next_message()
    assert (await bot.store.list_reminders(1808))[0].days == WEEKDAYS


async def test_the_routine_a_reminder_opens_can_be_chosen(bot):
    user = bot.emulator.user(1809)
    await onboard(user)
    await create(user, "daily 07:30")
    await user.send("/reminders")
    await user.next_message()
    await user.press("1. 🧘 Which routine")
    question = await user.next_message()
    assert texts.ROUTINE_OF_THE_DAY_BUTTON in question.button_texts
    await user.press("Desk break (no equipment)")
    assert "now opens Desk break (no equipment)" in (await user.next_message()).text
    (reminder,) = await bot.store.list_reminders(1809)
    assert reminder.routine_id == "desk-break"
    await run_due(bot, the_item(bot, 1809, "reminder", reminder.id))
    fired = await user.next_message()
    assert "rt:start:desk-break" in [data for row in fired.buttons for _, data in row]


async def test_deleting_a_reminder_can_be_undone(bot):
    user = bot.emulator.user(1810)
    await onboard(user)
    await create(user, "checkin weekdays 21:00")
    await user.send("/reminders")
    await user.next_message()
    await user.press("1. 🗑 Delete")
    emptied = await user.next_message()
    assert texts.UNDO_DELETE_BUTTON in emptied.button_texts
    assert await bot.store.list_reminders(1810) == []
    assert due_items(bot, 1810, "reminder") == []
    await user.send("/reminders")  # a fresh list offers no undo: it is for the moment after
    assert texts.UNDO_DELETE_BUTTON not in (await user.next_message()).button_texts
    await user.press(texts.UNDO_DELETE_BUTTON, message_id=emptied.message_id)
    restored = await user.next_message()
    assert "1. Check-in · Weekdays · 21:00" in restored.text
    assert texts.UNDO_DELETE_BUTTON not in restored.button_texts
    (reminder,) = await bot.store.list_reminders(1810)
    assert (reminder.kind, reminder.days, reminder.time) == ("checkin", WEEKDAYS, "21:00")
    assert len(due_items(bot, 1810, "reminder", reminder.id)) == 1


async def test_an_answered_check_in_drops_snooze_and_skip(bot):
    user = bot.emulator.user(1811)
    await onboard(user)
    await create(user, "checkin daily 21:00")
    (reminder,) = await bot.store.list_reminders(1811)
    await run_due(bot, the_item(bot, 1811, "reminder", reminder.id))
    check_in = await user.next_message()
    assert texts.SNOOZE_15_BUTTON in check_in.button_texts
    await user.press("4")
    await drain(user, 2)
    shown = next(m for m in user.messages if m.message_id == check_in.message_id)
    assert shown.buttons == []


async def test_a_one_off_survives_a_restart_and_one_missed_while_down_goes_out_late_once(bot):
    user = bot.emulator.user(1813)
    await onboard(user)
    await create(user, "in 2 hours")
    (planned,) = await bot.store.list_reminders(1813)
    await bot.restart()
    await dispatcher_of(bot.application).wait_built()
    assert the_item(bot, 1813, "reminder", planned.id).at == planned.once_at
    # Down over its time (10 minutes ago, within the grace): sent once, late, then gone.
    missed = dataclasses.replace(planned, once_at=utcnow() - timedelta(minutes=10))
    await bot.store.save_reminder(1813, missed)
    await bot.stop()
    remove_index(bot.data_dir)
    await bot.start()
    await dispatcher_of(bot.application).wait_built()
    late = await user.next_message()
    assert "Time for your back" in late.text and "A little late" in late.text

    async def removed() -> bool:
        return await bot.store.list_reminders(1813) == []

    async with asyncio.timeout(3):
        while True:  # the timeout bounds it
            if await removed():
                break
            await asyncio.sleep(0.02)
    await bot.restart()
    await asyncio.sleep(0.3)
    assert user.drain() == []
