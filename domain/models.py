"""Plain data objects shared by storage, domain logic and the Telegram layer.

Instants are timezone-aware datetimes in UTC; local dates are ``datetime.date``;
wall-clock times are ``"HH:MM"`` strings interpreted in the user's IANA zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Literal, get_args

from domain.conversation import Awaiting
from domain.preferences import Preferences


def utcnow() -> datetime:
    """The current instant, timezone-aware, in UTC."""
    return datetime.now(UTC)


@dataclass
class User:
    """One person talking to the bot in a private chat."""

    user_id: int
    chat_id: int
    first_name: str = ""
    timezone: str | None = None  # IANA name, e.g. "Europe/Berlin"
    created_at: datetime = field(default_factory=utcnow)
    active: bool = True  # False once Telegram said the user blocked the bot
    # Conversation state that must survive a restart, e.g. a time zone while we wait for one.
    awaiting: Awaiting | None = None
    equipment: list[str] = field(default_factory=list)
    preferences: Preferences = field(default_factory=Preferences)
    last_seen_at: datetime | None = None  # last message or button from the user (UTC)
    # True from first contact until the welcome and safety note are shown: someone new
    # (or back after /forget) who writes anything but /start gets them first all the same.
    welcome_due: bool = False


@dataclass
class Reminder:
    """A recurring nudge at a local wall-clock time on some weekdays, or a one-off.

    A one-off ("tomorrow 9:00", "in 2 hours") keeps its instant in ``once_at``; ``days``
    and ``time`` then hold its local weekday and time, for showing it."""

    id: str
    kind: str  # "routine" or "checkin"
    days: tuple[int, ...]  # Python weekdays: 0 = Monday ... 6 = Sunday
    time: str  # "HH:MM" local wall-clock time in the user's zone
    routine_id: str | None = None
    paused: bool = False
    created_at: datetime = field(default_factory=utcnow)
    snoozed_until: datetime | None = None  # UTC instant of a pending snooze
    skip_date: date | None = None  # a local date on which not to fire
    last_fired_at: datetime | None = None  # UTC instant of the last delivery
    last_fired_date: date | None = None  # local date of the last delivery
    unanswered: int = 0  # reminders in a row with no reaction
    once_at: datetime | None = None  # UTC instant of a one-off (fires once, then removed)


@dataclass
class PainEntry:
    """One point of the pain diary on the 0-10 numeric rating scale."""

    id: str
    recorded_at: datetime  # UTC
    local_date: date
    level: int
    area: str | None = None  # a label of domain.pain.PAIN_AREAS, e.g. "lower back"
    note: str = ""
    source: str = "message"  # message, button, checkin (legacy: before_routine, after_routine)

    @property
    def is_routine_rating(self) -> bool:
        """A before/after rating stored by older versions as a diary entry: not the diary."""
        return self.source in ROUTINE_RATING_SOURCES


# Before/after ratings of a routine belong to its RoutineSession (pain_before, pain_after).
# Versions before issue 18 also stored them as PainEntry with these sources (copying the
# level the session already keeps): such entries stay on disk, but no diary read returns them.
ROUTINE_RATING_SOURCES = frozenset({"before_routine", "after_routine"})


# What a treatment or everyday factor is, for grouping: the name keeps the user's words.
FactorKind = Literal[
    "medication", "heat_cold", "activity", "sleep", "sitting", "stress", "therapy", "other"
]
FACTOR_KINDS: tuple[FactorKind, ...] = get_args(FactorKind)


@dataclass
class FactorEntry:
    """A treatment taken or a factor of the day (medication, heat, a walk, a bad night...),
    kept beside the pain diary. ``name`` and ``unit`` are the user's own words, as written
    ("ibuprofen", "tablets"): the bot never renames a medication nor adds a dose."""

    id: str
    recorded_at: datetime  # UTC
    local_date: date
    kind: FactorKind
    name: str  # "ibuprofen", "heat pack", "walk", "slept badly"
    amount: float | None = None  # the number given (400, 2, 20), None if none was
    unit: str = ""  # as written with the amount: "mg", "tablets", "min", "hours"; "" if none
    note: str = ""
    source: str = "message"  # message, button


@dataclass
class RoutineSession:
    """One run through a routine, finished or not."""

    id: str
    routine_id: str
    started_at: datetime
    status: str = "active"  # active, paused, completed, aborted
    step: int = 0  # index of the step the user is on (0-based)
    ended_at: datetime | None = None
    # Ratings of this run (0-10), kept here and never in the diary: for a partner routine
    # they describe the partner who received it, not the user.
    pain_before: int | None = None
    pain_after: int | None = None
    auto_advance: bool = False
    message_id: int | None = None  # the chat message the player edits in place
    # The picture that message shows (None: a text message). A photo cannot become text
    # again, so the player needs to know which kind of message it edits, also when a
    # timer moves it after a restart.
    shown_picture: str | None = None
