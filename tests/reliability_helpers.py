"""Shared by the reliability suites (crash safety, Telegram faults): sizes, seeds, tags.

Each suite runs a quick size in the normal test run; the environment makes it longer:
``RELIABILITY_CYCLES=300 python -m pytest tests/test_crash_safety.py`` or
``RELIABILITY_MESSAGES=2000 python -m pytest tests/test_telegram_faults.py``.
``RELIABILITY_SEED`` replays a run (every test prints the seed it used).
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Callable

from domain.models import User

# Letters only: digits in a note would read as extra pain levels, and no real word here
# can trigger the red-flag check.
_LETTERS = "bcdfghjklmnpqrstvwxz"


def size(name: str, default: int) -> int:
    """A suite's size from the environment (``RELIABILITY_CYCLES=300``), else ``default``."""
    return int(os.environ.get(name, default))


def seeded_random(label: str) -> random.Random:
    """A seeded RNG; the seed is printed so a failing run can be replayed."""
    seed = int(os.environ.get("RELIABILITY_SEED", time.time_ns() % 1_000_000))
    print(f"{label}: RELIABILITY_SEED={seed}")
    return random.Random(seed)


def tag(n: int) -> str:
    """A unique, digit-free word for the n-th report ("qb", "qc", ...), to find it again."""
    word = ""
    while True:
        n, digit = divmod(n, len(_LETTERS))
        word = _LETTERS[digit] + word
        if n == 0:
            return "q" + word


def onboarded(user_id: int, zone: str = "Europe/Berlin") -> User:
    """A profile as /start and a time zone leave it (onboarding is tested elsewhere)."""
    return User(user_id=user_id, chat_id=user_id, first_name=f"U{user_id}", timezone=zone)


async def wait_for(check: Callable[[], bool], timeout: float, step: float = 0.02) -> bool:  # noqa: ASYNC109
    """Poll ``check`` until it holds or ``timeout`` s pass; True when it held."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        if loop.time() >= deadline:
            return False
        await asyncio.sleep(step)
    return True


def bot_texts(user) -> list[str]:
    """Every text the bot ever showed in this chat (new messages and edits)."""
    return [event.message.text or "" for event in user.events if event.message is not None]
