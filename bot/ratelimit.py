"""Outgoing-message pacing: Telegram's limits, with people waiting on an answer served first.

Why not PTB's ``AIORateLimiter``: its overall limiter is one FIFO queue, so during a
10,000-reminder fan-out (5.5 minutes at 30 msg/s) the answer to someone's message
waits behind every queued reminder. It also has no per-chat limit for private chats.

How this one works:

- Overall: a request may start only while fewer than ``overall_per_second`` requests
  are in flight or *finished* within the last second. Telegram counts a message when it
  handles it, which is before we see the response, so this can never exceed its
  sliding window (no 429), whatever the network jitter; it still sustains
  ``limit / (1 s + latency)`` messages a second (29.8/s at 5 ms).
- Job messages (reminders) start at most ``overall_per_second`` a second, spaced out
  (a token bucket, bursts of ``JOB_BURST``), instead of filling the window in one burst:
  10,000 reminders due at one instant used to take all 30 slots in the first few
  milliseconds, so an answer asked for just then waited for the window to move on,
  over a second (measured: 1.01-1.05 s). Spaced, the window fills over the first second
  and frees a few slots at a time after that, which an answer takes next; the rate is
  about the same, as the window bounds it anyway.
- Per chat: one request at a time. Job messages (reminders) also keep to at most
  ``burst`` messages plus one more per ``1 / per_chat_per_second`` seconds (Telegram:
  about 1/s in a private chat, 20/min in a group), counted from when earlier requests
  finished. Answers are not held back: a /start that sends four messages would
  otherwise take three seconds, and Telegram tolerates such short bursts.
- Priority: requests made while handling an update (someone is waiting) go before
  requests from jobs (reminders, weekly summaries). :func:`mark_interactive` is
  registered as the first handler of every update and flags its context.
- A 429 that happens anyway is retried after ``retry_after``, up to ``max_retries``.

``overall_per_second=0`` turns pacing off (a server without limits); at most
``max_in_flight`` counted requests run at once either way, so a burst never exhausts
PTB's connection pool (a pool timeout would lose the message).

Jobs that send to many users (reminders) also take a :func:`job_slot` before they read
storage, so 10,000 jobs due at once do not flood the worker threads that a person's
update needs too: only ``JOB_SLOTS`` of them prepare at a time, ahead of the pacing.
"""

from __future__ import annotations

import asyncio
import contextvars
import heapq
import itertools
import time
from collections import deque
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.error import RetryAfter
from telegram.ext import Application, BaseRateLimiter, ContextTypes, TypeHandler

# Requests Telegram counts against its flood limits.
_COUNTED_PREFIXES = ("send", "edit", "copy", "forward")
_INTERACTIVE: contextvars.ContextVar[bool] = contextvars.ContextVar("interactive", default=False)
_HISTORY = 8  # per-chat completions remembered
GROUP_BURST, GROUP_PER_SECOND = 20, 20 / 60
JOB_BURST = 3  # job messages that may start together (see PriorityRateLimiter._job_wait)


async def mark_interactive(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every update, in a group of its own before all others: its sends are answers."""
    _INTERACTIVE.set(True)


JOB_SLOTS = 48
_JOB_SLOTS_KEY = "job_slots"


def job_slot(application: Application) -> asyncio.Semaphore:
    """``async with job_slot(app):`` around a bulk job's work (bounded concurrency)."""
    slots = application.bot_data.get(_JOB_SLOTS_KEY)
    if slots is None:
        slots = application.bot_data[_JOB_SLOTS_KEY] = asyncio.Semaphore(JOB_SLOTS)
    return slots


def interactive_marker(group: int = -1000) -> tuple[TypeHandler, int]:
    return TypeHandler(Update, mark_interactive), group


class _ChatState:
    __slots__ = ("busy", "done")

    def __init__(self) -> None:
        self.busy = False
        self.done: deque[float] = deque(maxlen=_HISTORY)  # completion times, oldest first


class PriorityRateLimiter(BaseRateLimiter[dict]):
    """Paces counted requests overall and per chat; answers to updates go first."""

    def __init__(
        self,
        overall_per_second: int = 30,
        burst: int = 3,
        per_chat_per_second: float = 1.0,
        max_retries: int = 3,
        max_in_flight: int = 8,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.overall = overall_per_second
        self.max_in_flight = max_in_flight  # below PTB's pool of 256 connections
        self.burst = burst
        self.per_chat = per_chat_per_second
        self.max_retries = max_retries
        self._clock = clock
        self._in_flight = 0
        self._finished: deque[float] = deque()
        self._chats: dict[int, _ChatState] = {}
        # (priority, arrival order, chat id, future) of requests waiting to start
        self._waiting: list[tuple[int, int, int | None, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._wakeup: asyncio.TimerHandle | None = None
        self._swept_at = float("-inf")  # last sweep of idle chats
        self._tokens, self._tokens_at = float(JOB_BURST), 0.0  # see _job_wait

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        if self._wakeup is not None:
            self._wakeup.cancel()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict | list[dict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict | None,
    ) -> bool | dict | list[dict]:
        counted = endpoint.lower().startswith(_COUNTED_PREFIXES)
        chat_id = data.get("chat_id") if counted else None
        if not isinstance(chat_id, int):
            chat_id = None
        for attempt in range(self.max_retries + 1):
            if counted:
                await self._admit(chat_id)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == self.max_retries:
                    raise
                delay = error.retry_after
                seconds = delay.total_seconds() if isinstance(delay, timedelta) else delay
                await asyncio.sleep(float(seconds))
            finally:
                if counted:
                    self._release(chat_id)
        raise AssertionError("unreachable")  # pragma: no cover

    # ------------------------------------------------------------------ admission

    async def _admit(self, chat_id: int | None) -> None:
        priority = 0 if _INTERACTIVE.get() else 1
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (priority, next(self._order), chat_id, future))
        self._pump()
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self._release(chat_id)  # admitted, then cancelled: give the slot back
            raise

    def _release(self, chat_id: int | None) -> None:
        now = self._clock()
        self._in_flight -= 1
        self._finished.append(now)
        if chat_id is not None:
            state = self._chats[chat_id]
            state.busy = False
            state.done.append(now)
        self._pump()

    def _chat_ready_at(self, chat_id: int | None, now: float, interactive: bool) -> float:
        """When this chat may take one more message (``now`` or later; inf while busy)."""
        if chat_id is None:
            return now
        state = self._chats.get(chat_id)
        if state is None:
            return now
        if state.busy:
            return float("inf")
        if interactive or self.overall <= 0:
            return now  # a person waits for this answer: Telegram tolerates short bursts
        private = chat_id > 0
        burst = self.burst if private else GROUP_BURST
        rate = self.per_chat if private else GROUP_PER_SECOND
        ready, count = now, len(state.done) + 1
        for finished in state.done:  # the k-th newest must leave room for k+1 messages
            ready = max(ready, finished + (count - burst) / rate)
            count -= 1
        return ready

    def _pump(self) -> None:
        """Start as many waiting requests as the limits allow, best priority first."""
        now = self._clock()
        finished = self._finished
        while finished and finished[0] <= now - 1.0:
            finished.popleft()
        next_check = float("inf")
        skipped: list[tuple[int, int, int | None, asyncio.Future[None]]] = []
        while self._waiting and self._has_room(len(finished)):
            item = heapq.heappop(self._waiting)
            _, _, chat_id, future = item
            if future.cancelled():
                continue
            interactive = item[0] == 0
            ready = self._chat_ready_at(chat_id, now, interactive=interactive)
            if ready > now:
                skipped.append(item)  # this chat must wait; let others past
                next_check = min(next_check, ready)
                continue
            if self.overall > 0:
                wait = self._job_wait(now)
                if not interactive and wait > 0:
                    skipped.append(item)  # every request after it is a job too
                    next_check = min(next_check, now + wait)
                    break
                self._tokens = max(-JOB_BURST, self._tokens - 1)
            self._in_flight += 1
            if chat_id is not None:
                self._chats.setdefault(chat_id, _ChatState()).busy = True
            future.set_result(None)
        for item in skipped:
            heapq.heappush(self._waiting, item)
        if self._waiting and finished:
            next_check = min(next_check, finished[0] + 1.0)
        self._forget_idle_chats(now)
        if next_check != float("inf"):
            self._schedule_pump(next_check - now)

    def _job_wait(self, now: float) -> float:
        """Seconds until a job message may start (0: now), by the job token bucket.

        Tokens come at ``overall`` a second, up to ``JOB_BURST``; every start takes one,
        an answer's too (it starts at once, taking a job's turn), so starts stay about
        ``1 / overall`` apart on average and the window's slots keep freeing a few at a
        time instead of all in the same millisecond. A small burst lets jobs use slots
        that free close together (strict spacing lost 1.6 % of the rate to such jitter).
        """
        self._tokens = min(JOB_BURST, self._tokens + (now - self._tokens_at) * self.overall)
        self._tokens_at = now
        return 0.0 if self._tokens >= 1 else (1 - self._tokens) / self.overall

    def _has_room(self, finished_last_second: int) -> bool:
        if self._in_flight >= self.max_in_flight:
            return False
        return self.overall <= 0 or self._in_flight + finished_last_second < self.overall

    def _schedule_pump(self, delay: float) -> None:
        loop = asyncio.get_running_loop()
        when = loop.time() + max(0.0, delay) + 0.001
        if self._wakeup is not None:
            if self._wakeup.when() <= when:
                return
            self._wakeup.cancel()
        self._wakeup = loop.call_at(when, self._on_wakeup)

    def _on_wakeup(self) -> None:
        self._wakeup = None
        self._pump()

    def _forget_idle_chats(self, now: float) -> None:
        """Keep memory bounded: a chat idle for a minute has a full allowance again."""
        if len(self._chats) < 4096 or now - self._swept_at < 60:
            return
        self._swept_at = now
        for chat_id in [
            c for c, s in self._chats.items() if not s.busy and s.done and now - s.done[-1] > 60
        ]:
            del self._chats[chat_id]
