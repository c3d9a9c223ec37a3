"""The paced job store: many jobs due at once start in slices, all of them, in due order."""

from __future__ import annotations

import asyncio
import math
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.jobstores.base import ConflictingIdError, JobLookupError
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram.ext import ApplicationBuilder

from bot.jobs import (
    MAX_DUE_PER_PASS,
    OnceJob,
    PacedMemoryJobStore,
    install_paced_job_store,
    replace_once,
    replace_once_many,
)


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


def _job_facts(application) -> list[tuple]:
    """Everything a job is made of, in the store's order (callables by identity)."""
    facts = []
    for job, timestamp in application.job_queue.scheduler._jobstores["default"]._jobs:
        queue, ptb_job = job.args
        facts.append(
            (
                job.id,
                job.name,
                timestamp,
                job.next_run_time,
                job.trigger.run_date,
                str(job.trigger),
                job.executor,
                job.func,
                job.func_ref,
                job.kwargs,
                job.misfire_grace_time,
                job.coalesce,
                job.max_instances,
                job._jobstore_alias,
                queue is application.job_queue,
                ptb_job.callback,
                ptb_job.data,
                ptb_job.name,
                ptb_job.chat_id,
                ptb_job.user_id,
                ptb_job.job is job,
            )
        )
    return facts


async def _noop(context) -> None:
    return None


@pytest.mark.parametrize("started", [False, True], ids=["before-start", "running"])
async def test_many_jobs_at_once_are_the_same_jobs_as_one_by_one(started):
    base = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    specs = [
        OnceJob(f"u{n % 7}:rem:{n}", base + timedelta(minutes=n % 5), {"n": n}, n, n + 1)
        for n in range(40)
    ]
    specs.append(specs[3]._replace(when=base + timedelta(hours=2), data={"n": "again"}))
    apps = [ApplicationBuilder().token("1:abc").build() for _ in range(2)]
    for app in apps:
        install_paced_job_store(app)
        if started:
            await app.job_queue.start()
    for spec in specs:
        replace_once(
            apps[0],
            _noop,
            spec.when,
            spec.name,
            data=spec.data,
            chat_id=spec.chat_id,
            user_id=spec.user_id,
            misfire_grace_time=90,
        )
    added = replace_once_many(apps[1], _noop, iter(specs), misfire_grace_time=90)
    try:
        if not started:
            for app in apps:
                await app.job_queue.start()
        assert added == len(specs)
        ours, theirs = _job_facts(apps[1]), _job_facts(apps[0])
        # Each app has its own queue object: compare its role, then the rest as is.
        assert len(ours) == len(specs) - 1  # the repeated name replaced its job
        assert [f[:7] + f[8:] for f in ours] == [f[:7] + f[8:] for f in theirs]
        assert all(f[7] == apps[1].job_queue.job_callback for f in ours)
        assert [j.name for j in apps[1].job_queue.jobs()] == [
            j.name for j in apps[0].job_queue.jobs()
        ]
    finally:
        for app in apps:
            await app.job_queue.stop()
