"""Named jobs in constant time: the job's name is also its APScheduler id.

Why: PTB finds jobs by name by scanning (and wrapping) every job in the queue, so
"replace this user's job" costs O(jobs) and rebuilding 10,000 reminders at start-up
costs O(n^2) (minutes). With ``id=name`` and ``replace_existing=True`` APScheduler
replaces a job of the same name itself, and a removal is a dictionary look-up once
the scheduler runs. Names stay unique per job (``u{uid}:<feature>:<id>``), so
``get_jobs_by_name`` and removal by the ``u{uid}:`` prefix keep working.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from telegram.ext import Application, Job


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
