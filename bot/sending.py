"""The one send policy for messages nobody is waiting on.

Reminders, weekly summaries, snooze re-sends and routine auto-advance edits go through
:func:`deliver` (or its shorthand :func:`send_message`), which marks them as background
sends for the pacing (``bot/ratelimit.py``) and decides:

- Network trouble or a timeout (``NetworkError``, ``TimedOut``): tried again after each of
  ``RETRY_DELAYS`` (with ±20 % jitter, so many failed sends do not come back in
  lock-step), then given up with one log line. A send that timed out may have been
  carried out anyway, so a retried ``sendMessage`` can arrive twice (at most
  ``len(RETRY_DELAYS)`` extra copies); a retried edit that had landed answers "not
  modified", which counts as done.
- Flood control (429): never seen here; the rate limiter waits it out and retries. If it
  still fails after the limiter's retries, the send is given up.
- Blocked by the user (``Forbidden``): never retried; the user's reminders are paused once
  through the ``on_blocked`` callback given to :func:`install` at build time (this module
  knows no feature), and every background sender skips inactive users after that.
- "Message is not modified" (:func:`is_not_modified`): the screen already shows it: done.
- Any other ``BadRequest`` is our bug: raised to the caller (its job's error is logged).

Answers to a person (a handler's replies) are *not* retried here: the person is waiting,
and an error reaches ``bot/errors.py``, which logs it and apologises.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from bot.ratelimit import BACKGROUND

logger = logging.getLogger(__name__)

# Pauses before each new try of a background send that failed on the network: three
# retries over about 21 s ride out a short outage (tests shorten them).
RETRY_DELAYS: tuple[float, ...] = (1.0, 5.0, 15.0)
_JITTER = 0.2

OnBlocked = Callable[[Application, int], Awaitable[None]]


class Outcome(enum.Enum):
    """How a background send ended."""

    SENT = "sent"  # delivered (or an edit Telegram already showed)
    BLOCKED = "blocked"  # the user blocked the bot: their reminders are paused
    GAVE_UP = "gave up"  # network trouble outlasted the retries (logged)


@dataclass
class SendPolicy:
    on_blocked: OnBlocked
    pausing: set[int] = field(default_factory=set)  # users whose block is being recorded


def install(application: Application, on_blocked: OnBlocked) -> None:
    """Say, at build time, what a block means (pause the user's reminders)."""
    application.bot_data.send_policy = SendPolicy(on_blocked)


def is_not_modified(error: BaseException) -> bool:
    """Telegram refused an edit because the message already shows exactly that."""
    return isinstance(error, BadRequest) and "message is not modified" in error.message.lower()


def _is_chat_gone(error: BadRequest) -> bool:
    return "chat not found" in error.message.lower()


async def user_blocked(application: Application, user_id: int) -> None:
    """The user blocked the bot (a 403 on any send): pause them, once.

    Two sends may fail at the same moment; only the first records the block. The
    callback itself does nothing for a user already paused, so a later 403 is silent.
    """
    policy: SendPolicy | None = application.bot_data.send_policy
    if policy is None or user_id in policy.pausing:
        return
    policy.pausing.add(user_id)
    try:
        await policy.on_blocked(application, user_id)
    finally:
        policy.pausing.discard(user_id)


async def deliver(
    application: Application,
    send: Callable[[], Awaitable[Any]],
    *,
    what: str,
    user_id: int,
) -> Outcome:
    """Run ``send()`` (a Bot API call made with ``rate_limit_args=BACKGROUND``) under the
    policy above; ``what`` names the send in log lines ("a reminder")."""
    attempts = len(RETRY_DELAYS) + 1
    for attempt in range(attempts):
        try:
            await send()
            return Outcome.SENT
        except Forbidden:
            await user_blocked(application, user_id)
            return Outcome.BLOCKED
        except BadRequest as error:  # before NetworkError: PTB derives it from that
            if is_not_modified(error):
                return Outcome.SENT
            if _is_chat_gone(error):
                # No such chat (an id from a restored backup, an impossible chat id): like
                # a block, that user's alone: paused once, until they write again.
                await user_blocked(application, user_id)
                return Outcome.BLOCKED
            raise
        except NetworkError as error:
            if attempt + 1 == attempts:
                logger.warning(
                    "Giving up on %s to %s after %d tries: %s", what, user_id, attempts, error
                )
                return Outcome.GAVE_UP
            delay = RETRY_DELAYS[attempt] * random.uniform(1 - _JITTER, 1 + _JITTER)
            logger.info(
                "Sending %s to %s failed (%s); try %d of %d in %.1f s",
                what,
                user_id,
                error,
                attempt + 2,
                attempts,
                delay,
            )
            await asyncio.sleep(delay)
        except RetryAfter as error:  # the rate limiter already waited and retried
            logger.warning("Giving up on %s to %s: %s", what, user_id, error)
            return Outcome.GAVE_UP
    raise AssertionError("unreachable")  # pragma: no cover


async def send_message(
    application: Application,
    chat_id: int,
    text: str,
    *,
    what: str,
    user_id: int,
    **kwargs: Any,
) -> Message | None:
    """``bot.send_message`` as a background send; the message, or None if not sent."""
    sent: list[Message] = []

    async def send() -> None:
        sent.append(
            await application.bot.send_message(chat_id, text, rate_limit_args=BACKGROUND, **kwargs)
        )

    await deliver(application, send, what=what, user_id=user_id)
    return sent[0] if sent else None


def log_polling_error(error: TelegramError) -> None:
    """getUpdates failed: PTB's updater retries it with its own backoff (1 s, x1.5, max 30 s).

    A line without a traceback: a network blip is expected, not a bug in the bot.
    """
    logger.warning("Polling for updates failed, retrying: %s", error)
