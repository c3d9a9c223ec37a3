"""One read of every user's data per start-up, shared by the features' ``on_startup`` hooks.

Why: reminders, routines and the weekly summary each rebuild jobs from storage. Each
walking all user files on its own (10,000 thread hops each) made start-up take over 6 s
with 10,000 users; one pass (``Store.all_users``) read once and shared takes about 1 s.
``bot.app.on_startup`` drops the snapshot once every hook has run, so it never goes stale.
"""

from __future__ import annotations

from telegram.ext import Application

from bot.services import SERVICES_KEY
from storage.store import UserSnapshot

_SNAPSHOT_KEY = "startup_users"


async def startup_users(application: Application) -> list[UserSnapshot]:
    """Every user's profile, reminders and open session, as read at this start-up."""
    snapshot = application.bot_data.get(_SNAPSHOT_KEY)
    if snapshot is None:
        snapshot = await application.bot_data[SERVICES_KEY].store.all_users()
        application.bot_data[_SNAPSHOT_KEY] = snapshot
    return snapshot


def forget_startup_users(application: Application) -> None:
    application.bot_data.pop(_SNAPSHOT_KEY, None)
