"""The guided player's rules: which button presses count, and how steps and changes read.

Pure functions over ``RoutineSession`` and plain numbers: no Telegram, no I/O, no clock.
Every button on the player carries the session id and the step it was drawn for, so a
press is judged against the stored session before anything moves.
"""

from __future__ import annotations

from typing import Literal

from domain.models import RoutineSession

OPEN_STATUSES = frozenset({"active", "paused"})

Verdict = Literal["ok", "ended", "moved", "paused"]


def press_verdict(session: RoutineSession, step: int, *, needs_active: bool = True) -> Verdict:
    """Whether a player button drawn for ``step`` may act on ``session`` now.

    "ended": the session is completed or aborted (say so); "moved": the session is on
    another step already (a double tap or an old message: ignore quietly); "paused": the
    button needs a running session but it is paused.
    """
    if session.status not in OPEN_STATUSES:
        return "ended"
    if session.step != step:
        return "moved"
    if needs_active and session.status != "active":
        return "paused"
    return "ok"


def approx_duration(seconds: int) -> str:
    """How long a step takes, the way people say it: "about 90 s", "about 3 min"."""
    if seconds < 0:
        raise ValueError(f"seconds must not be negative, got {seconds}")
    if seconds <= 90:
        return f"about {seconds} s"
    minutes = seconds / 60
    shown = f"{minutes:.1f}".rstrip("0").rstrip(".")
    return f"about {shown} min"


def pain_change(before: int, after: int) -> tuple[Literal["down", "up", "same"], int]:
    """Direction and size of the change in pain across a routine (lower is better)."""
    for level in (before, after):
        if not 0 <= level <= 10:
            raise ValueError(f"pain levels are 0-10, got {level}")
    delta = after - before
    if delta < 0:
        return "down", -delta
    if delta > 0:
        return "up", delta
    return "same", 0


def clamp_step(step: int, step_count: int) -> int:
    """A step index kept inside the routine (Back on the first step stays there)."""
    if step_count <= 0:
        raise ValueError("a routine has at least one step")
    return max(0, min(step, step_count - 1))


# Pain before a routine at or above this level: gentle routines only, with calm advice.
HIGH_PAIN_LEVEL = 8


def calls_for_gentle(level: int | None) -> bool:
    """True when the pain given before a routine is high enough to offer gentle ones only."""
    return level is not None and level >= HIGH_PAIN_LEVEL


def held_back_by_pain(session: RoutineSession, gentle: bool) -> bool:
    """True while a session must not show a step: high pain before a routine that is not
    gentle (``gentle`` is ``domain.routines.is_gentle`` of its routine). Such a session
    waits on step 0 for a gentle alternative or for the user to rest instead."""
    return session.step == 0 and calls_for_gentle(session.pain_before) and not gentle
