"""One read of every user's data per start-up, shared by the features' ``on_startup`` hooks.

Why: reminders, routines and the weekly summary each rebuild jobs from storage. Each
walking all user files on its own (10,000 thread hops each) made start-up take over 6 s
with 10,000 users; one pass (``Store.all_users``) read once and shared takes about 1 s.
``bot.app.on_startup`` drops the snapshot once every hook has run, so it never goes stale.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from telegram.ext import Application

from bot.services import SERVICES_KEY
from storage.store import UserSnapshot

_SNAPSHOT_KEY = "startup_users"
_BACKGROUND_KEY = "startup_background"

logger = logging.getLogger(__name__)


async def startup_users(application: Application) -> list[UserSnapshot]:
    """Every user's profile, reminders and open session, as read at this start-up."""
    snapshot = application.bot_data.get(_SNAPSHOT_KEY)
    if snapshot is None:
        snapshot = await application.bot_data[SERVICES_KEY].store.all_users()
        application.bot_data[_SNAPSHOT_KEY] = snapshot
    return snapshot


def forget_startup_users(application: Application) -> None:
    application.bot_data.pop(_SNAPSHOT_KEY, None)


def run_in_background(
    application: Application, work: Coroutine[Any, Any, None], name: str
) -> asyncio.Task[None]:
    """Start-up work that need not be done before the bot answers; cancelled at stop.

    A failure is logged with the task's name; it never stops the bot.
    """

    async def guarded() -> None:
        try:
            await work
        except Exception:
            logger.exception("Start-up task %s failed", name)

    task = asyncio.create_task(guarded(), name=name)
    application.bot_data.setdefault(_BACKGROUND_KEY, {})[name] = task
    return task


def background_task(application: Application, name: str) -> asyncio.Task[None] | None:
    return application.bot_data.get(_BACKGROUND_KEY, {}).get(name)


async def stop_background(application: Application) -> None:
    """Cancel start-up work still running (the bot is stopping) and wait for it."""
    tasks = list(application.bot_data.pop(_BACKGROUND_KEY, {}).values())
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
