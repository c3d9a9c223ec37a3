"""Bounded retries of transient Telegram failures, for every request the bot makes.

PTB raises a timeout, a dropped connection or an HTTP 5xx straight into the handler that
was replying, so one hiccup would cost the user their answer. :class:`RetryingRateLimiter`
sits where PTB routes every request except ``getUpdates`` (the updater retries that one
itself): handler replies, edits, callback answers and reminder jobs alike.

The policy, in numbers:

- 429 (flood control): rare, since :class:`bot.ratelimit.PriorityRateLimiter` paces sends
  to Telegram's limits; waited out and retried there, up to ``max_retries`` times.
- ``NetworkError`` / ``TimedOut`` (5xx, dropped connection, no answer in time): at most
  ``1 + len(RETRY_DELAYS)`` attempts, pausing ``RETRY_DELAYS`` (with ±20 % jitter, so many
  failed requests do not come back in lock-step) in between; then the error is raised and
  logged by whoever called (``bot.errors`` for handlers, ``bot.reminder_jobs`` for jobs).
- ``BadRequest`` (our bug) and ``Forbidden`` (the user blocked us): never retried.

The trade-off: a request that timed out may have been carried out anyway, so a retried
``sendMessage`` can show the same message twice (Telegram bots all share this; the
bound keeps it to at most ``len(RETRY_DELAYS)`` extra copies). A retried edit that had
already landed answers "message is not modified": that counts as success here.
"""

from __future__ import annotations

import asyncio
import logging
import random
from typing import Any

from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut

from bot.ratelimit import PriorityRateLimiter

logger = logging.getLogger(__name__)

# Pauses between the attempts of a request that failed in transit (tests may set 0).
RETRY_DELAYS: tuple[float, ...] = (0.5, 1.5)
_JITTER = 0.2


def max_attempts() -> int:
    """How many times one request is tried at most, on transient failures."""
    return 1 + len(RETRY_DELAYS)


class RetryingRateLimiter(PriorityRateLimiter):
    """``PriorityRateLimiter`` (pacing, 429s) plus bounded retries of transient failures."""

    async def process_request(
        self,
        callback: Any,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        maybe_done = False  # an earlier attempt may have been carried out (timeout)
        for attempt in range(max_attempts()):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest as error:
                if maybe_done and "not modified" in str(error).lower():
                    return True  # the edit of the timed-out attempt did land
                raise
            except NetworkError as error:
                maybe_done = maybe_done or isinstance(error, TimedOut)
                if attempt + 1 >= max_attempts():
                    logger.warning(
                        "Telegram %s failed %d times, giving up: %s", endpoint, attempt + 1, error
                    )
                    raise
                delay = RETRY_DELAYS[attempt] * random.uniform(1 - _JITTER, 1 + _JITTER)
                logger.info(
                    "Telegram %s failed (%s); retry %d of %d in %.1f s",
                    endpoint,
                    error,
                    attempt + 1,
                    len(RETRY_DELAYS),
                    delay,
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover


def log_polling_error(error: TelegramError) -> None:
    """getUpdates failed: PTB's updater retries it with its own backoff (1 s, x1.5, max 30 s).

    A line without a traceback: a network blip is expected, not a bug in the bot.
    """
    logger.warning("Polling for updates failed, retrying: %s", error)
