"""The paced job store: many jobs due at once start in slices, all of them, in due order."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

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
