"""Outgoing-message pacing: Telegram's limits, with people waiting on an answer served first.

Built on python-telegram-bot's public ``BaseRateLimiter`` API. Every send says what it
is through PTB's ``rate_limit_args``: ``bot.send_message(..., rate_limit_args=BACKGROUND)``
for a send nobody is waiting on (reminders, weekly summaries, routine auto-advance; see
``bot/sending.py``); a send without it is an answer to a person. Nothing is read from
ambient state: a context variable set per update leaks into every scheduler job started
after a handler added a job (APScheduler wakes up in the context of whoever added it), so
the fact travels with the call.

Why not PTB's ``AIORateLimiter``: its overall limiter is one FIFO queue, so during a
10,000-reminder fan-out (5.5 minutes at 30 msg/s) the answer to someone's message
waits behind every queued reminder. It also has no per-chat limit for private chats.

How this one works:

- Overall: a request may start only while fewer than ``overall_per_second`` requests
  are in flight or *finished* within the last second. Telegram counts a message when it
  handles it, which is before we see the response, so this never exceeds its sliding
  window (no 429), whatever the network jitter.
- Background messages start at most ``overall_per_second`` a second, spaced out (a token
  bucket, bursts of ``BACKGROUND_BURST``), instead of filling the window in one burst:
  when thousands are due at one instant, an answer asked for just then would otherwise
  wait for the whole window to move on. Spaced, the window frees a few slots at a time,
  which an answer takes next; the rate is about the same, as the window bounds it anyway.
- Per chat: one request at a time. Background messages also keep to at most ``burst``
  messages plus one more per ``1 / per_chat_per_second`` seconds (Telegram: about 1/s
  in a private chat, 20/min in a group), counted from when earlier requests finished.
  Answers are not held back: a /start that sends four messages would otherwise take
  three seconds, and Telegram tolerates such short bursts.
- Priority: answers go before background messages waiting for a slot.
- A 429 that happens anyway is waited out (``retry_after``) and retried, up to
  ``max_retries`` times; this is the only place that handles 429.

``overall_per_second=0`` turns pacing off (a server without limits); at most
``max_in_flight`` counted requests run at once either way, so a burst never exhausts
the HTTP connection pool (a pool timeout would lose the message).
"""

from __future__ import annotations

import asyncio
import enum
import heapq
import itertools
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any, Final

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

logger = logging.getLogger(__name__)


class SendKind(enum.Enum):
    """What a send is, as PTB's ``rate_limit_args`` (an Enum member: never falsy, which
    PTB would drop)."""

    ANSWER = "answer"  # a person is waiting for it (the default: no rate_limit_args)
    BACKGROUND = "background"  # nobody is waiting: paced behind answers


BACKGROUND: Final = SendKind.BACKGROUND

# Requests Telegram counts against its flood limits.
_COUNTED_PREFIXES = ("send", "edit", "copy", "forward")
_HISTORY = 8  # per-chat completions remembered
GROUP_BURST, GROUP_PER_SECOND = 20, 20 / 60
BACKGROUND_BURST = 3  # background messages that may start together (see _background_wait)
# Counted requests in flight at once: below the bot's HTTP connection pool (bot/app.py),
# leaving connections for requests that are not counted (callback answers, chat actions).
# Enough for Telegram's 30 a second at up to ~250 ms a request; more open connections
# cost httpx CPU on every request (its pool looks at each one).
MAX_IN_FLIGHT = 8


class _ChatState:
    __slots__ = ("busy", "done")

    def __init__(self) -> None:
        self.busy = False
        self.done: deque[float] = deque(maxlen=_HISTORY)  # completion times, oldest first


class PriorityRateLimiter(BaseRateLimiter[SendKind]):
    """Paces counted requests overall and per chat; answers go before background sends."""

    def __init__(
        self,
        overall_per_second: int = 30,
        burst: int = 3,
        per_chat_per_second: float = 1.0,
        max_retries: int = 3,
        max_in_flight: int = MAX_IN_FLIGHT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.overall = overall_per_second
        self.max_in_flight = max_in_flight
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
        self._tokens, self._tokens_at = float(BACKGROUND_BURST), 0.0  # see _background_wait

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
        rate_limit_args: SendKind | None,
    ) -> bool | dict | list[dict]:
        counted = endpoint.lower().startswith(_COUNTED_PREFIXES)
        chat_id = data.get("chat_id") if counted else None
        if not isinstance(chat_id, int):
            chat_id = None
        background = rate_limit_args is SendKind.BACKGROUND
        for attempt in range(self.max_retries + 1):
            if counted:
                await self._admit(chat_id, background)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == self.max_retries:
                    logger.warning(
                        "Telegram flood control on %s after %d retries, giving up: %s",
                        endpoint,
                        attempt,
                        error,
                    )
                    raise
                delay = error.retry_after
                seconds = delay.total_seconds() if isinstance(delay, timedelta) else delay
                logger.info("Telegram flood control on %s: retrying in %s s", endpoint, seconds)
                await asyncio.sleep(float(seconds))
            finally:
                if counted:
                    self._release(chat_id)
        raise AssertionError("unreachable")  # pragma: no cover

    # ------------------------------------------------------------------ admission

    async def _admit(self, chat_id: int | None, background: bool) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (int(background), next(self._order), chat_id, future))
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

    def _chat_ready_at(self, chat_id: int | None, now: float, background: bool) -> float:
        """When this chat may take one more message (``now`` or later; inf while busy)."""
        if chat_id is None:
            return now
        state = self._chats.get(chat_id)
        if state is None:
            return now
        if state.busy:
            return float("inf")
        if not background or self.overall <= 0:
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
        """Start as many waiting requests as the limits allow, answers first."""
        now = self._clock()
        finished = self._finished
        while finished and finished[0] <= now - 1.0:
            finished.popleft()
        next_check = float("inf")
        skipped: list[tuple[int, int, int | None, asyncio.Future[None]]] = []
        while self._waiting and self._has_room(len(finished)):
            item = heapq.heappop(self._waiting)
            priority, _, chat_id, future = item
            if future.cancelled():
                continue
            background = priority == 1
            ready = self._chat_ready_at(chat_id, now, background)
            if ready > now:
                skipped.append(item)  # this chat must wait; let others past
                next_check = min(next_check, ready)
                continue
            if self.overall > 0:
                wait = self._background_wait(now)
                if background and wait > 0:
                    skipped.append(item)  # every request after it is background too
                    next_check = min(next_check, now + wait)
                    break
                self._tokens = max(-BACKGROUND_BURST, self._tokens - 1)
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

    def _background_wait(self, now: float) -> float:
        """Seconds until a background message may start (0: now), by a token bucket.

        Tokens come at ``overall`` a second, up to ``BACKGROUND_BURST``; every start takes
        one, an answer's too (it starts at once, taking a background turn), so starts stay
        about ``1 / overall`` apart on average and the window's slots keep freeing a few at
        a time instead of all in the same millisecond. A small burst lets background sends
        use slots that free close together (strict spacing lost part of the rate to jitter).
        """
        self._tokens = min(BACKGROUND_BURST, self._tokens + (now - self._tokens_at) * self.overall)
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
