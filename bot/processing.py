"""Run updates of different users concurrently, but each user's updates in order.

PTB handles updates one at a time by default, so one slow request would hold up
everybody; fully concurrent processing would let one person's two quick taps race each
other. Serialising per user gives both: others are never blocked, and a user's own
messages are handled in the order sent. Jobs (reminders, timers) take the same per-user
lock around their read-modify-write of that user's data, so a button pressed while a
reminder fires cannot lose either change.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseUpdateProcessor


class UserLocks:
    """One asyncio lock per user id, created on demand and dropped when nobody waits.

    An application has one (``bot_data.locks``), shared by the update processor, jobs
    (:func:`user_lock`) and the due index (which seals itself only while it is idle).
    """

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: dict[int, int] = {}
        self._on_acquire: list[Callable[[], None]] = []

    def on_acquire(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` (on the loop, synchronously) each time a user's lock is
        taken, before anything is done under it."""
        self._on_acquire.append(listener)

    @property
    def idle(self) -> bool:
        """Nobody holds or waits for any user's lock."""
        return not self._locks

    @asynccontextmanager
    async def hold(self, user_id: int) -> AsyncIterator[None]:
        lock = self._locks.setdefault(user_id, asyncio.Lock())
        self._holders[user_id] = self._holders.get(user_id, 0) + 1
        try:
            async with lock:
                for listener in self._on_acquire:
                    listener()
                yield
        finally:
            self._holders[user_id] -= 1
            if not self._holders[user_id]:
                # Nobody else queued for this user: drop the lock so the dict stays small.
                del self._holders[user_id]
                del self._locks[user_id]


def user_lock(application: Application, user_id: int):
    """``async with user_lock(app, uid):`` — the lock a user's updates are handled under."""
    return application.bot_data.locks.hold(user_id)


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Each update under its user's lock, taken from ``locks``: the application's one
    registry (``bot_data.locks``), which jobs and the due index rely on too."""

    def __init__(self, max_concurrent_updates: int, locks: UserLocks) -> None:
        super().__init__(max_concurrent_updates)
        # Never a registry of its own: the due index seals itself only while no user's
        # lock is held, and jobs serialise with updates; both ask ``bot_data.locks``.
        self.locks = locks

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        user = update.effective_user if isinstance(update, Update) else None
        if user is None:
            await coroutine
            return
        async with self.locks.hold(user.id):
            await coroutine

    async def initialize(self) -> None:
        """Nothing to allocate."""

    async def shutdown(self) -> None:
        """Nothing to free."""
