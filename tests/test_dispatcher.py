"""One job for everything due, on the real bot: order, pacing, failures, restarts, rebuilds."""

from __future__ import annotations

import asyncio
import logging
import random
import re
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from chat import onboard
from due import due_items, run_due, the_item
from reliability_helpers import wait_for
from telegram.ext import ApplicationHandlerStop, CommandHandler

from bot import dispatcher as dispatcher_module
from bot.dispatcher import DueKind, dispatcher_of
from domain.models import Reminder, utcnow
from storage import Store
from storage.due import COMPLETE_MARKER, DUE_DIR, DueIndex, remove_index

ROOT = Path(__file__).resolve().parents[1]


async def until(check, timeout: float = 5.0) -> None:  # noqa: ASYNC109
    assert await wait_for(check, timeout), "did not happen in time"


def jobs(bot) -> list:
    return list(bot.application.job_queue.jobs())


async def test_one_job_is_armed_at_the_earliest_of_everything_due(bot):
    for uid in (401, 402):
        user = bot.emulator.user(uid)
        await onboard(user)
        await user.send("/remind daily 07:30")
        await user.next_message()
    items = due_items(bot, 401) + due_items(bot, 402)
    assert {i.kind for i in items} == {"reminder", "weekly"} and len(items) == 4
    (job,) = jobs(bot)
    assert job.name == dispatcher_module.JOB_NAME
    assert job.next_t == min(i.at for i in items)


async def test_items_due_at_once_go_out_in_due_order_bounded_and_none_is_left(bot):
    dispatcher = dispatcher_of(bot.application)
    started: list[str] = []
    running = peak = 0

    async def handle(context, item) -> None:
        nonlocal running, peak
        started.append(item.ref)
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.05)
        running -= 1

    dispatcher.kinds["probe"] = DueKind(handle=handle)
    now = utcnow()
    refs = [f"{n:04d}" for n in range(1000)]
    for ref in random.Random(4).sample(refs, len(refs)):  # scheduled in any order
        dispatcher.schedule(
            "probe", 500 + int(ref) % 7, now - timedelta(seconds=1000 - int(ref)), ref
        )
    await until(lambda: len(started) == 1000 and running == 0, timeout=20)
    assert started == refs  # earliest first
    assert 1 < peak <= dispatcher_module.MAX_IN_FLIGHT
    assert not [i for uid in range(500, 507) for i in due_items(bot, uid, "probe")]
    assert all(job.name == dispatcher_module.JOB_NAME for job in jobs(bot))


async def test_a_failing_handler_is_logged_with_its_item_and_tried_again_in_five_minutes(
    bot, caplog
):
    dispatcher = dispatcher_of(bot.application)
    calls = []

    async def handle(context, item) -> None:
        calls.append(item)
        raise RuntimeError("boom")

    dispatcher.kinds["probe"] = DueKind(handle=handle)
    due = utcnow()
    dispatcher.schedule("probe", 510, due, "x")
    await until(lambda: calls and due_items(bot, 510, "probe") and due_items(bot, 510)[0].at > due)
    (again,) = due_items(bot, 510, "probe")
    assert timedelta(minutes=4) < again.at - utcnow() <= timedelta(minutes=5)
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "probe" in record.getMessage() and "510" in record.getMessage()
    assert "RuntimeError: boom" in caplog.text  # with its traceback
    assert len(calls) == 1


async def test_an_item_that_keeps_failing_is_logged_once_and_tried_less_and_less_often(bot, caplog):
    dispatcher = dispatcher_of(bot.application)

    async def handle(context, item) -> None:
        raise RuntimeError("boom")

    dispatcher.kinds["probe"] = DueKind(handle=handle)
    dispatcher.schedule("probe", 511, utcnow() + timedelta(hours=1), "x")
    waits = []
    for _ in range(10):
        await run_due(bot, the_item(bot, 511, "probe", "x"))
        again = the_item(bot, 511, "probe", "x")
        waits.append(round((again.at - utcnow()) / timedelta(minutes=5)))
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 288]  # 5 minutes doubling, up to a day
    logged = [r for r in caplog.records if r.levelno >= logging.WARNING and "511" in r.getMessage()]
    assert len(logged) == 1 and "RuntimeError: boom" in caplog.text


async def test_an_earlier_item_rearms_the_one_job_and_the_later_one_stays(bot):
    dispatcher = dispatcher_of(bot.application)
    done = []

    async def handle(context, item) -> None:
        done.append(item.ref)

    dispatcher.kinds["probe"] = DueKind(handle=handle)
    later = utcnow() + timedelta(hours=1)
    dispatcher.schedule("probe", 520, later, "later")
    assert [job.next_t for job in jobs(bot)] == [later]
    dispatcher.schedule("probe", 521, utcnow() + timedelta(seconds=0.3), "soon")
    await until(lambda: done == ["soon"], timeout=3)
    await until(lambda: [job.next_t for job in jobs(bot)] == [later], timeout=1)
    assert [i.ref for i in due_items(bot, 520, "probe")] == ["later"]


async def test_changing_a_reminders_time_moves_its_due_item_for_good(bot):
    user = bot.emulator.user(530)
    await onboard(user)
    await user.send("/remind daily 07:30")
    await user.next_message()
    await user.send("/reminders")
    await user.next_message()
    await user.press("1. 🕰 Time")
    await user.next_message()
    await user.send("8 pm")
    await user.next_message()
    (reminder,) = await bot.store.list_reminders(530)
    (item,) = due_items(bot, 530, "reminder")
    assert item.ref == reminder.id
    local = item.at.astimezone(ZoneInfo("Europe/Berlin"))
    assert (local.hour, local.minute) == (20, 0)
    await bot.restart()
    assert due_items(bot, 530, "reminder") == [item]


async def test_a_deleted_index_is_rebuilt_from_storage_with_the_same_items(bot):
    for uid in (540, 541):
        user = bot.emulator.user(uid)
        await onboard(user)
        await user.send("/remind weekdays 18:00")
        await user.next_message()
    before = due_items(bot, 540) + due_items(bot, 541)
    await bot.stop()
    remove_index(bot.data_dir)
    await bot.start()
    await dispatcher_of(bot.application).wait_built()
    assert due_items(bot, 540) + due_items(bot, 541) == before
    marker = bot.data_dir / DUE_DIR / COMPLETE_MARKER
    await until(marker.exists, timeout=3)  # written once the rebuilt index is on disk


async def test_the_index_is_never_marked_complete_between_a_write_and_its_scheduling(bot):
    """A handler saves a reminder, then schedules it: a crash in between must find no
    marker, or the next start would trust an index without that reminder."""
    from bot.processing import user_lock
    from domain.models import Reminder

    user = bot.emulator.user(545)
    await onboard(user)
    await user.send("/remind daily 07:30")
    await user.next_message()
    marker = bot.data_dir / DUE_DIR / COMPLETE_MARKER
    dispatcher = dispatcher_of(bot.application)
    await until(marker.exists, timeout=5)  # sealed once nobody's update is being handled
    async with user_lock(bot.application, 545):
        assert not marker.exists()  # gone before the handler can write anything
        await bot.store.add_reminder(
            545, Reminder(id="r-crash", kind="routine", days=(0,), time="08:00")
        )
        await dispatcher.flush()  # another user's change flushed meanwhile
        assert not marker.exists()  # the index does not hold r-crash yet
        await dispatcher.reseed(545)
    await dispatcher.flush()
    assert marker.exists()
    assert any(item.ref == "r-crash" for item in due_items(bot, 545, "reminder"))


async def test_a_crash_while_an_update_is_between_its_write_and_its_scheduling_rebuilds(bot):
    """An update's handler saves a reminder, then schedules it: what a crash in between
    leaves on disk must not be an index marked complete without that reminder (the
    crash-suite flake of seed 740407: updates took their user's lock from a registry of
    their own, which the index did not see, so it sealed itself in that window)."""
    user = bot.emulator.user(547)
    await onboard(user)
    await user.send("/remind daily 07:30")
    await user.next_message()
    dispatcher = dispatcher_of(bot.application)
    await until((bot.data_dir / DUE_DIR / COMPLETE_MARKER).exists, timeout=5)
    written, go_on = asyncio.Event(), asyncio.Event()

    async def save_then_schedule(update, context) -> None:
        """What /remind does, held between its write and its scheduling."""
        reminder = Reminder(id="r-halfway", kind="routine", days=(0,), time="08:00")
        await bot.store.add_reminder(547, reminder)
        written.set()
        await go_on.wait()
        await dispatcher.reseed(547)
        raise ApplicationHandlerStop

    bot.application.add_handler(CommandHandler("halfway", save_then_schedule), group=-200)
    await user.send("/halfway")
    await until(written.is_set)
    try:
        await dispatcher.flush()  # another user's change is flushed meanwhile
        on_disk = DueIndex.open(bot.data_dir)  # what the next start finds after a crash now
    finally:
        go_on.set()
    refs = {item.ref for item in on_disk.items_of(547)}
    assert not on_disk.complete or "r-halfway" in refs
    await until(lambda: bool(due_items(bot, 547, "reminder", "r-halfway")))


async def test_a_change_made_while_the_index_is_built_is_not_undone_by_the_build(bot, monkeypatch):
    user = bot.emulator.user(560)
    await onboard(user)
    await user.send("/remind daily 07:30")
    await user.next_message()
    stale = await dispatcher_module.user_data(bot.store, 560)  # what the build reads first
    go_on = asyncio.Event()

    async def slow_scan(store):
        await go_on.wait()
        yield stale

    monkeypatch.setattr(dispatcher_module, "all_users", slow_scan)
    await bot.stop()
    remove_index(bot.data_dir)
    await bot.start()
    await user.send("/reminders")  # the user moves it to 20:00 while the build runs
    await user.next_message()
    await user.press("1. 🕰 Time")
    await user.next_message()
    await user.send("8 pm")
    await user.next_message()
    go_on.set()
    await dispatcher_of(bot.application).wait_built()
    (item,) = due_items(bot, 560, "reminder")
    assert item.at.astimezone(ZoneInfo("Europe/Berlin")).hour == 20


async def test_the_index_is_marked_complete_again_once_the_last_update_is_done(bot):
    """A flush while someone's update is being handled leaves the marker off; once nobody's
    is, it comes back without waiting for another change (else a crash after a busy
    moment rebuilds the whole index for nothing)."""
    busy, other = bot.emulator.user(548), bot.emulator.user(549)
    for user in (busy, other):
        await onboard(user)
    marker = bot.data_dir / DUE_DIR / COMPLETE_MARKER
    await until(marker.exists, timeout=5)
    holding, go_on = asyncio.Event(), asyncio.Event()

    async def hold(update, context) -> None:
        holding.set()
        await go_on.wait()
        raise ApplicationHandlerStop

    bot.application.add_handler(CommandHandler("hold", hold), group=-200)
    await busy.send("/hold")
    await until(holding.is_set)
    try:
        await other.send("/remind daily 07:30")  # a change, flushed while /hold is handled
        await other.next_message()
        await asyncio.sleep(2 * dispatcher_module.FLUSH_SECONDS)  # the flush after it is done
        assert not marker.exists()
    finally:
        go_on.set()
    await until(marker.exists, timeout=5)


async def test_a_reminder_deleted_while_the_index_is_built_is_not_brought_back_by_the_build(
    bot, monkeypatch
):
    """The build read the user before the deletion; the deletion found nothing of theirs in
    the index yet (they were not seeded), so nothing told the build to read them again."""
    user = bot.emulator.user(561)
    await onboard(user)
    await user.send("/remind daily 07:30")
    await user.next_message()
    stale = await dispatcher_module.user_data(bot.store, 561)  # what the build reads first
    go_on = asyncio.Event()

    async def slow_scan(store):
        await go_on.wait()
        yield stale

    monkeypatch.setattr(dispatcher_module, "all_users", slow_scan)
    await bot.stop()
    remove_index(bot.data_dir)
    await bot.start()
    await user.send("/reminders")  # the user deletes it while the build runs
    await user.next_message()
    await user.press("1. 🗑 Delete")
    await user.next_message()
    assert await bot.store.list_reminders(561) == []
    go_on.set()
    await dispatcher_of(bot.application).wait_built()
    assert due_items(bot, 561, "reminder") == []


async def test_a_user_whose_time_zone_vanished_does_not_stop_the_rebuild(bot, caplog):
    for uid in (550, 551):
        user = bot.emulator.user(uid)
        await onboard(user)
        await user.send("/remind daily 09:00")
        await user.next_message()
    await bot.stop()
    remove_index(bot.data_dir)
    async with await Store.open(bot.data_dir) as store:
        await store.update_user(550, timezone="Atlantis/Lost_City")  # e.g. a restored backup
    await bot.start()
    await dispatcher_of(bot.application).wait_built()
    assert {i.kind for i in due_items(bot, 551)} == {"reminder", "weekly"}
    # Nothing of theirs is planned in a zone nobody knows; they are asked for it instead.
    assert await wait_for(lambda: not due_items(bot, 550), 5)
    about = [r for r in caplog.records if "user 550" in r.getMessage()]
    assert [r.levelno for r in about] == [logging.WARNING]  # one line, no traceback


def test_no_private_name_of_apscheduler_or_ptb_is_used():
    private = re.compile(
        r"_jobs_index|_get_job_index|__wrapped__|Job\.__new__|check_callable_args"
        r"|_pending_jobs|\._eventloop|\._jobs\b"
    )
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("bot", "storage")
        for path in (ROOT / folder).rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if private.search(line)
    ]
    assert found == []
