"""Named jobs in constant time: the job's name is also its APScheduler id.

Why: PTB finds jobs by name by scanning (and wrapping) every job in the queue, so
"replace this user's job" costs O(jobs) and rebuilding 10,000 reminders at start-up
costs O(n^2) (minutes). With ``id=name`` and ``replace_existing=True`` APScheduler
replaces a job of the same name itself, and a removal is a dictionary look-up once
the scheduler runs. Names stay unique per job (``u{uid}:<feature>:<id>``), so
``get_jobs_by_name`` and removal by the ``u{uid}:`` prefix keep working.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

import apscheduler.job
from apscheduler.jobstores.base import ConflictingIdError, JobLookupError
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.triggers.date import DateTrigger
from apscheduler.util import convert_to_datetime, datetime_to_utc_timestamp
from telegram.ext import Application, Job

# Due jobs APScheduler starts per pass of the event loop (see PacedMemoryJobStore).
MAX_DUE_PER_PASS = 100


class PacedMemoryJobStore(MemoryJobStore):
    """APScheduler's in-memory store, handing out at most ``MAX_DUE_PER_PASS`` due jobs.

    Why: 10,000 reminders due at the same minute were all started in one call of the
    scheduler (about 1 s in which the event loop did nothing else), so the first
    reminder left 1.2 s late and every answer waited too. The scheduler asks again at
    once when due jobs remain (its next wake-up time is in the past), so the rest follow
    in later loop passes, in due order, with the jobs already started running between.

    Also: APScheduler finds a job's place with a binary search written in Python, run
    for every job added, replaced or removed; with 10,000 reminders due at one instant
    each search compares job ids in Python (~19 us, profiled: a large part of rebuilding
    the jobs at start-up). This store keeps the sort keys ``(timestamp, job id)`` in a
    list of their own, in step with ``_jobs``, and searches it with ``bisect`` (in C).
    The order and the index found are the same as APScheduler's.
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[tuple[float, str]] = []  # (timestamp or inf, id) of each of _jobs

    # add_job, update_job and remove_job are APScheduler's, with each change of
    # ``_jobs`` made to ``_keys`` too.

    def add_job(self, job: Any) -> None:
        if job.id in self._jobs_index:
            raise ConflictingIdError(job.id)
        timestamp = datetime_to_utc_timestamp(job.next_run_time)
        key = _key(timestamp, job.id)
        index = bisect.bisect_left(self._keys, key)
        self._keys.insert(index, key)
        self._jobs.insert(index, (job, timestamp))
        self._jobs_index[job.id] = (job, timestamp)

    def update_job(self, job: Any) -> None:
        old_job, old_timestamp = self._jobs_index.get(job.id, (None, None))
        if old_job is None:
            raise JobLookupError(job.id)
        old_index = self._get_job_index(old_timestamp, old_job.id)
        new_timestamp = datetime_to_utc_timestamp(job.next_run_time)
        if old_timestamp == new_timestamp:
            self._jobs[old_index] = (job, new_timestamp)
        else:
            del self._jobs[old_index]
            del self._keys[old_index]
            key = _key(new_timestamp, job.id)
            new_index = bisect.bisect_left(self._keys, key)
            self._keys.insert(new_index, key)
            self._jobs.insert(new_index, (job, new_timestamp))
        self._jobs_index[old_job.id] = (job, new_timestamp)

    def remove_job(self, job_id: str) -> None:
        job, timestamp = self._jobs_index.get(job_id, (None, None))
        if job is None:
            raise JobLookupError(job_id)
        index = self._get_job_index(timestamp, job_id)
        del self._jobs[index]
        del self._keys[index]
        del self._jobs_index[job.id]

    def remove_all_jobs(self) -> None:
        super().remove_all_jobs()
        self._keys = []

    def _get_job_index(self, timestamp: float | None, job_id: str) -> int:
        return bisect.bisect_left(self._keys, _key(timestamp, job_id))

    def get_due_jobs(self, now: datetime) -> list[Any]:
        now_timestamp = datetime_to_utc_timestamp(now)
        due = []
        for job, timestamp in self._jobs:
            if timestamp is None or timestamp > now_timestamp or len(due) >= MAX_DUE_PER_PASS:
                break
            due.append(job)
        return due


def _key(timestamp: float | None, job_id: str) -> tuple[float, str]:
    return (math.inf if timestamp is None else timestamp, job_id)


def install_paced_job_store(application: Application) -> None:
    """Swap the job queue's default store for the paced one (before the queue starts)."""
    scheduler = application.job_queue.scheduler
    try:
        scheduler.remove_jobstore("default")
    except KeyError:
        pass  # not created yet: APScheduler adds a plain one at start unless we do
    scheduler.add_jobstore(PacedMemoryJobStore(), "default")


def memoize_callable_checks() -> None:
    """Let APScheduler check each job callback's signature once, not once per job.

    Why: for every job added, APScheduler checks its callable against the job's
    arguments with ``inspect.signature``: a third of rebuilding 10,000 reminder jobs at
    start-up (profiled). The answer depends only on the function and the shape of the
    arguments, so a check that passed is remembered; one that fails is never cached.
    """
    if getattr(apscheduler.job.check_callable_args, "memoized", False):
        return
    check = apscheduler.job.check_callable_args
    passed: set[tuple[Any, ...]] = set()

    def memoized(func: Any, args: Any, kwargs: Any) -> None:
        key = (getattr(func, "__func__", func), hasattr(func, "__self__"), len(args))
        key += tuple(sorted(kwargs))
        try:
            if key in passed:
                return
        except TypeError:  # an unhashable callable: check it every time
            check(func, args, kwargs)
            return
        check(func, args, kwargs)
        passed.add(key)

    memoized.memoized = True  # type: ignore[attr-defined]
    apscheduler.job.check_callable_args = memoized


def coalesce_wakeups(application: Application) -> None:
    """Let the scheduler wake up once per loop pass however many jobs were added meanwhile.

    Why: APScheduler wakes itself for every job added (``call_soon_threadsafe``: a write
    to the loop's self-pipe, then a full ``_process_jobs`` pass), even when the new job
    is due tomorrow. Each reminder that fires plans its next one, so a 10,000-reminder
    fan-out cost 10,000 such wake-ups; the stall watcher caught the loop in that
    ``send`` in a third of its samples of stalls over 80 ms. One pending wake-up sees
    every job added before it runs, so nothing is missed.
    """
    scheduler = application.job_queue.scheduler
    process = type(scheduler).wakeup.__wrapped__  # the method under run_in_event_loop
    pending: list[Any] = [None]  # the loop a wake-up is queued on

    def run() -> None:
        pending[0] = None
        process(scheduler)

    def wakeup() -> None:
        loop = scheduler._eventloop
        if pending[0] is loop and not loop.is_closed():
            return
        pending[0] = loop
        loop.call_soon_threadsafe(run)

    scheduler.wakeup = wakeup


def replace_once(
    application: Application,
    callback: Any,
    when: datetime,
    name: str,
    *,
    data: object = None,
    chat_id: int | None = None,
    user_id: int | None = None,
    misfire_grace_time: int = 1,
) -> Job:
    """``run_once`` under a unique ``name``, replacing any job of that name."""
    return application.job_queue.run_once(
        callback,
        when=when,
        name=name,
        data=data,
        chat_id=chat_id,
        user_id=user_id,
        job_kwargs={
            "id": name,
            "replace_existing": True,
            "misfire_grace_time": misfire_grace_time,
        },
    )


def remove_named(application: Application, name: str) -> None:
    """Drop the job called ``name`` (one look-up), and any older job of that name."""
    scheduler = application.job_queue.scheduler
    try:
        scheduler.remove_job(name)
    except JobLookupError:
        pass


class OnceJob(NamedTuple):
    """One job for :func:`replace_once_many`: ``replace_once``'s arguments."""

    name: str
    when: datetime
    data: object = None
    chat_id: int | None = None
    user_id: int | None = None


def replace_once_many(
    application: Application, callback: Any, jobs: Iterable[OnceJob], *, misfire_grace_time: int
) -> int:
    """``replace_once`` for many jobs of one callback (start-up); the number added.

    Why: adding a job through PTB and APScheduler is ~65 us, two thirds of it
    APScheduler checking and converting every argument of the job (``Job._modify``)
    and building its trigger; start-up adds 10,000 such jobs. The first job takes the
    normal path, so APScheduler checks what all of them share (callback, executor,
    grace time); each other job is a copy of it with its own id, PTB job, trigger
    (one per distinct instant) and next run time, handed to the scheduler as
    ``add_job`` would hand it (pending until the scheduler starts, else added to its
    store, replacing a job of the same id, with the job-added event). The jobs are the
    same as ``replace_once``'s (tested attribute by attribute).
    """
    queue = application.job_queue
    scheduler = queue.scheduler
    template: apscheduler.job.Job | None = None
    triggers: dict[datetime, DateTrigger] = {}
    count = 0
    for job in jobs:
        count += 1
        if template is None:
            template = replace_once(
                application,
                callback,
                job.when,
                job.name,
                data=job.data,
                chat_id=job.chat_id,
                user_id=job.user_id,
                misfire_grace_time=misfire_grace_time,
            ).job
            shared = {
                key: getattr(template, key, scheduler._job_defaults.get(key))
                for key in ("executor", "func", "func_ref", "kwargs", "coalesce", "max_instances")
            }
            shared["misfire_grace_time"] = template.misfire_grace_time
            continue
        trigger = triggers.get(job.when)
        if trigger is None:
            trigger = triggers[job.when] = DateTrigger(
                run_date=job.when, timezone=job.when.tzinfo or scheduler.timezone
            )
        ptb_job = Job(
            callback=callback,
            data=job.data,
            name=job.name,
            chat_id=job.chat_id,
            user_id=job.user_id,
        )
        aps = apscheduler.job.Job.__new__(apscheduler.job.Job)
        aps._scheduler = scheduler
        aps._jobstore_alias = None
        for key, value in shared.items():
            setattr(aps, key, value)
        aps.id = aps.name = job.name
        aps.args = (queue, ptb_job)
        aps.trigger = trigger
        aps.next_run_time = convert_to_datetime(
            trigger.get_next_fire_time(None, trigger.run_date), scheduler.timezone, "next_run_time"
        )
        ptb_job._job = aps
        with scheduler._jobstores_lock:
            if scheduler.state == STATE_STOPPED:
                scheduler._pending_jobs.append((aps, "default", True))
            else:
                scheduler._real_add_job(aps, "default", True)
    return count
