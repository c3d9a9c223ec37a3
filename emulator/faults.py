"""Fault injection: Bot API requests that fail the ways Telegram and networks fail.

The Telegram-fault suites use it to check that nothing is lost or sent twice when a
request is refused (429, 403, 5xx), answered late, or cut off.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from emulator.model import ApiError, EmulatorStats

FAULT_KINDS = frozenset({"429", "403", "500", "502", "timeout", "drop", "slow"})


@dataclass
class Fault:
    """One injected fault; ``count`` is how many matches remain (None: unlimited)."""

    kind: str
    method: str | None
    count: int | None
    rate: float | None
    retry_after: int
    delay: float
    chat_id: int | None

    def matches(self, method: str, chat_id: int | None) -> bool:
        if self.method is None:
            if method == "getUpdates":
                return False
        elif self.method.lower() != method.lower():
            return False
        return self.chat_id is None or self.chat_id == chat_id

    def error(self) -> ApiError:
        """The refusal this fault answers with (for "429", "403", "500" and "502")."""
        if self.kind == "429":
            return ApiError(
                429,
                f"Too Many Requests: retry after {self.retry_after}",
                retry_after=self.retry_after,
            )
        if self.kind == "403":
            return ApiError(403, "Forbidden: bot was blocked by the user")
        if self.kind == "500":
            return ApiError(500, "Internal Server Error")
        return ApiError(502, "Bad Gateway")


class Faults:
    """The faults in force, picked per request with a seeded random generator."""

    def __init__(self, stats: EmulatorStats, seed: int | None) -> None:
        self._stats = stats
        self._random = random.Random(seed)
        self._faults: list[Fault] = []

    def __bool__(self) -> bool:
        return bool(self._faults)

    def inject(
        self,
        kind: str,
        *,
        method: str | None = None,
        count: int | None = None,
        rate: float | None = None,
        retry_after: int = 1,
        delay: float = 0.0,
        chat_id: int | None = None,
    ) -> None:
        """See :meth:`emulator.BotApiEmulator.inject_fault`."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {sorted(FAULT_KINDS)}")
        if count is not None and count <= 0:
            raise ValueError("count must be positive")
        if rate is not None and not 0.0 <= rate <= 1.0:
            raise ValueError("rate must be between 0 and 1")
        if kind == "timeout" and delay <= 0:
            delay = 5.0
        self._faults.append(
            Fault(kind, method, count, rate, max(1, int(retry_after)), float(delay), chat_id)
        )

    def clear(self) -> None:
        self._faults.clear()

    def pick(self, method: str, chat_id: int | None) -> Fault | None:
        """The fault this request meets, if any (counting it down)."""
        for fault in self._faults:
            if not fault.matches(method, chat_id):
                continue
            if fault.rate is not None and self._random.random() >= fault.rate:
                continue
            if fault.count is not None:
                fault.count -= 1
                if fault.count <= 0:
                    self._faults.remove(fault)
            self._stats.faults_injected += 1
            return fault
        return None
