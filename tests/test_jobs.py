"""The paced job store: many jobs due at once start in slices, all of them, in due order."""

from __future__ import annotations

import asyncio
import math
from datetime import UTC, datetime, timedelta

from apscheduler.jobstores.base import ConflictingIdError, JobLookupError
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.jobs import MAX_DUE_PER_PASS, PacedMemoryJobStore


async def test_due_jobs_start_in_slices_and_none_is_left_behind():
    scheduler = AsyncIOScheduler(timezone=UTC)
    store = PacedMemoryJobStore()
    scheduler.add_jobstore(store, "default")
    ran: list[int] = []
    passes: list[int] = []
    real = store.get_due_jobs

    def counted(now):
        due = real(now)
        passes.append(len(due))
        return due

    store.get_due_jobs = counted
    count = 2 * MAX_DUE_PER_PASS + 37
    start = datetime.now(UTC) - timedelta(seconds=5)

    async def job(n: int) -> None:
        ran.append(n)

    for n in range(count):
        when = start + timedelta(milliseconds=n)  # distinct due instants, in this order
        scheduler.add_job(job, "date", run_date=when, args=[n], misfire_grace_time=60)
    scheduler.start()
    try:
        for _ in range(200):
            if len(ran) == count:
                break
            await asyncio.sleep(0.01)
    finally:
        scheduler.shutdown(wait=False)
    assert sorted(ran) == list(range(count))
    assert ran[:MAX_DUE_PER_PASS] == list(range(MAX_DUE_PER_PASS))  # earliest due first
    assert max(passes) == MAX_DUE_PER_PASS
    assert sum(passes) >= count and len([p for p in passes if p]) >= 3


async def test_jobs_added_in_one_go_wake_the_scheduler_once_and_all_of_them_run():
    from telegram.ext import ApplicationBuilder

    from bot.jobs import coalesce_wakeups

    application = ApplicationBuilder().token("123456:TEST").build()
    coalesce_wakeups(application)
    scheduler = application.job_queue.scheduler
    passes: list[int] = []
    real = scheduler._process_jobs

    def counted():
        passes.append(1)
        return real()

    scheduler._process_jobs = counted
    await application.job_queue.start()
    ran: list[int] = []

    async def callback(context) -> None:
        ran.append(context.job.data)

    try:
        await asyncio.sleep(0.01)
        passes.clear()
        for n in range(300):  # like reminders planning their next firing
            application.job_queue.run_once(callback, 0.2 + n / 10_000, data=n)
        await asyncio.sleep(0)  # the wake-ups queued by the additions run
        await asyncio.sleep(0)
        woken = len(passes)
        for _ in range(300):
            if len(ran) == 300:
                break
            await asyncio.sleep(0.01)
    finally:
        await application.job_queue.stop()
    assert sorted(ran) == list(range(300))
    assert woken == 1  # one per new job without coalescing: 300


def test_callable_checks_are_remembered_but_a_wrong_call_still_fails():
    import apscheduler.job
    import pytest

    from bot.jobs import memoize_callable_checks

    memoize_callable_checks()
    memoize_callable_checks()  # installing twice wraps once
    check = apscheduler.job.check_callable_args
    assert getattr(check, "memoized", False)

    def two(a, b):
        return a, b

    check(two, (1, 2), {})
    check(two, (1, 2), {})  # remembered: no second inspection
    with pytest.raises(ValueError):
        check(two, (1,), {})  # a failed check is never remembered
    with pytest.raises(ValueError):
        check(two, (1, 2, 3), {})
    with pytest.raises(ValueError):
        check(two, (1, 2), {"c": 3})


class _StubJob:
    """What a job store reads of a job: its id and next run time."""

    def __init__(self, job_id: str, when: datetime | None) -> None:
        self.id = job_id
        self.next_run_time = when


_T0 = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
_store_op = st.tuples(
    st.sampled_from(["add", "update", "remove"]),
    st.sampled_from([f"u{n}:rem:{c}" for n in range(4) for c in "ab"]),
    st.one_of(st.none(), st.integers(0, 3).map(lambda m: _T0 + timedelta(minutes=m))),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_store_op, max_size=40))
def test_the_paced_store_keeps_apschedulers_order_and_errors(ops):
    ours, stock = PacedMemoryJobStore(), MemoryJobStore()
    for kind, job_id, when in ops:
        outcomes = []
        for store in (ours, stock):
            method = {"add": store.add_job, "update": store.update_job}.get(kind)
            try:
                if method is None:
                    store.remove_job(job_id)
                else:
                    method(_StubJob(job_id, when))
                outcomes.append(None)
            except (ConflictingIdError, JobLookupError) as error:
                outcomes.append(type(error))
        assert outcomes[0] == outcomes[1]
        assert [(j.id, t) for j, t in ours._jobs] == [(j.id, t) for j, t in stock._jobs]
        assert ours._keys == [(math.inf if t is None else t, j.id) for j, t in ours._jobs]
        assert ours.get_next_run_time() == stock.get_next_run_time()
        due = _T0 + timedelta(minutes=1)
        assert [j.id for j in ours.get_due_jobs(due)] == [j.id for j in stock.get_due_jobs(due)]
    ours.remove_all_jobs()
    assert ours._keys == [] and ours._jobs == []
