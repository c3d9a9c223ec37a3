"""Telegram's flood limits, answered with 429 and ``retry_after`` when they are switched on."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable

# Requests that count against Telegram's flood limits.
MESSAGE_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "editMessageText",
        "editMessageReplyMarkup",
        "editMessageCaption",
        "editMessageMedia",
    }
)


class FloodLimiter:
    """Telegram's documented flood limits: 30 msg/s overall, ~1/s per chat, 20/min per group."""

    GLOBAL_PER_SECOND = 30
    PRIVATE_BURST = 3.0
    PRIVATE_REFILL_PER_SECOND = 1.0
    GROUP_PER_MINUTE = 20

    def __init__(self, clock: Callable[[], float]):
        self._clock = clock
        self._global: deque[float] = deque()
        self._buckets: dict[int, tuple[float, float]] = {}  # chat -> (tokens, updated at)
        self._groups: dict[int, deque[float]] = {}

    def retry_after(self, chat_id: int | None) -> int | None:
        """Seconds to wait if one more message now would exceed a limit, else None."""
        now = self._clock()
        window = self._global
        while window and window[0] <= now - 1.0:
            window.popleft()
        waits: list[float] = []
        if len(window) >= self.GLOBAL_PER_SECOND:
            waits.append(window[0] + 1.0 - now)
        if chat_id is not None and chat_id > 0:
            tokens = self._tokens(chat_id, now)
            if tokens < 1.0:
                waits.append((1.0 - tokens) / self.PRIVATE_REFILL_PER_SECOND)
        elif chat_id is not None:
            group = self._groups.get(chat_id)
            if group:
                while group and group[0] <= now - 60.0:
                    group.popleft()
                if len(group) >= self.GROUP_PER_MINUTE:
                    waits.append(group[0] + 60.0 - now)
        if not waits:
            return None
        return max(1, math.ceil(max(waits)))

    def record(self, chat_id: int | None) -> None:
        now = self._clock()
        self._global.append(now)
        if chat_id is not None and chat_id > 0:
            self._buckets[chat_id] = (self._tokens(chat_id, now) - 1.0, now)
        elif chat_id is not None:
            self._groups.setdefault(chat_id, deque()).append(now)

    def _tokens(self, chat_id: int, now: float) -> float:
        tokens, updated = self._buckets.get(chat_id, (self.PRIVATE_BURST, now))
        return min(self.PRIVATE_BURST, tokens + (now - updated) * self.PRIVATE_REFILL_PER_SECOND)
