"""Per-user flood control: a sliding window over the updates we accepted from each person.

Why a window of *accepted* updates: someone who keeps hammering gets through at the
allowed pace (``burst`` per ``window`` seconds) instead of being locked out for as long
as they keep typing, and everybody else is never touched because each user has their
own window. Why one notice: a person who taps fast deserves to know why the bot went
quiet, but a reply per dropped message would be exactly the flood we are avoiding.

Pure logic over a clock value passed in; the Telegram side is ``bot/flood.py``.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import Enum


class Verdict(Enum):
    ALLOW = "allow"  # handle the update normally
    NOTIFY = "notify"  # drop it, and tell the user once that they are going too fast
    DROP = "drop"  # drop it silently (they were told already)


@dataclass
class FloodGate:
    """Decides, per user, whether one more update may be handled now.

    ``burst`` updates are accepted in any ``window`` seconds; beyond that updates are
    dropped until the oldest accepted one leaves the window. The first drop of a
    slow-down asks for a notice, and at most one every ``notice_every`` seconds after that.
    """

    burst: int = 20
    window: float = 10.0
    notice_every: float = 60.0
    dropped: int = 0  # updates dropped since start, for /stats
    _accepted: dict[int, deque[float]] = field(default_factory=dict, repr=False)
    _noticed_at: dict[int, float] = field(default_factory=dict, repr=False)
    _limited: set[int] = field(default_factory=set, repr=False)
    _last_sweep: float | None = field(default=None, repr=False)

    def check(self, user_id: int, now: float) -> Verdict:
        """Record one update from ``user_id`` at ``now`` (seconds, monotonic) and judge it."""
        self._sweep(now)
        accepted = self._accepted.setdefault(user_id, deque())
        while accepted and accepted[0] <= now - self.window:
            accepted.popleft()
        if len(accepted) < self.burst:
            accepted.append(now)
            self._limited.discard(user_id)
            return Verdict.ALLOW
        self.dropped += 1
        first_drop = user_id not in self._limited
        self._limited.add(user_id)
        noticed = self._noticed_at.get(user_id)
        if first_drop and (noticed is None or now - noticed >= self.notice_every):
            self._noticed_at[user_id] = now
            return Verdict.NOTIFY
        return Verdict.DROP

    def tracked_users(self) -> int:
        """How many users the gate holds state for (bounded by recent activity)."""
        return len(self._accepted)

    def _sweep(self, now: float) -> None:
        """Forget users idle for a while, so memory follows recent activity, not all time."""
        if self._last_sweep is not None and now - self._last_sweep < self.window:
            return
        self._last_sweep = now
        horizon = max(self.window, self.notice_every)
        for user_id in [u for u, q in self._accepted.items() if not q or q[-1] <= now - horizon]:
            del self._accepted[user_id]
            self._limited.discard(user_id)
        for user_id in [u for u, t in self._noticed_at.items() if t <= now - horizon]:
            del self._noticed_at[user_id]
