"""Pure rules behind reminders: how one reads in words, whether it fires, what to catch up.

The promise is "I nudge you at the time you chose, and only then": every selected local
date fires at most once (``last_fired_date``), a skipped date never fires, and a reminder
whose time passed while the bot was down goes out once, late, only within a grace window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from domain.models import Reminder
from domain.schedule import (
    describe_days,
    format_next,
    last_fire_time,
    local_date_of,
    missed_fire,
    next_fire_time,
    parse_stored_time,
)

MAX_REMINDERS = 10
# Reminders in a row without any reaction before we ask whether another time suits better.
UNANSWERED_BEFORE_NUDGE = 3
KIND_LABELS = {"routine": "Routine", "checkin": "Check-in"}


def reminder_time(reminder: Reminder) -> time:
    """The stored "HH:MM" as a ``time``."""
    return parse_stored_time(reminder.time)


def describe_reminder(reminder: Reminder, zone: str, now: datetime) -> str:
    """One line in words: "Check-in · Mon Wed Fri · 21:00 Europe/Berlin · next: Wed 21:00"."""
    label = KIND_LABELS.get(reminder.kind, reminder.kind.capitalize())
    if reminder.once_at is not None:
        return f"{label} · once · {format_next(reminder.once_at, zone, now)} {zone}"
    days = describe_days(reminder.days)
    days = days[0].upper() + days[1:]
    line = f"{label} · {days} · {reminder.time} {zone}"
    if reminder.paused:
        return line + " · paused"
    return line + f" · next: {format_next(next_due(reminder, zone, now), zone, now)}"


def next_due(reminder: Reminder, zone: str, after: datetime) -> datetime:
    """The next instant after ``after`` whose local date has not fired yet.

    Skipping a date that already fired matters when a job runs a little before its time
    (or is triggered by hand): the same date must not be scheduled twice. A one-off is due
    at its instant, even a past one (sent late within the grace, else dropped, when fired).
    """
    if reminder.once_at is not None:
        return reminder.once_at
    at = reminder_time(reminder)
    due = next_fire_time(reminder.days, at, zone, after)
    while reminder.last_fired_date is not None and local_date_of(due, zone) <= (
        reminder.last_fired_date
    ):
        due = next_fire_time(reminder.days, at, zone, due)
    return due


def should_fire(reminder: Reminder, local_day: date) -> bool:
    """A regular firing for ``local_day`` goes out unless that date fired or was skipped."""
    if reminder.paused:
        return False
    if reminder.last_fired_date is not None and reminder.last_fired_date >= local_day:
        return False
    return reminder.skip_date != local_day


def reacted_since_last(reminder: Reminder, last_seen_at: datetime | None) -> bool:
    """Did the user send anything (message or button) after the previous reminder?"""
    if reminder.last_fired_at is None:
        return True  # nothing to react to yet
    return last_seen_at is not None and last_seen_at >= reminder.last_fired_at


def unanswered_after_firing(reminder: Reminder, last_seen_at: datetime | None) -> int:
    """The new count of reminders in a row with no reaction, taken at a firing."""
    if reacted_since_last(reminder, last_seen_at):
        return 0
    return reminder.unanswered + 1


def wants_nudge(unanswered: int) -> bool:
    return unanswered >= UNANSWERED_BEFORE_NUDGE


@dataclass(frozen=True)
class CatchUp:
    """What to do at start-up about a due time that passed while the bot was down."""

    action: Literal["none", "send_late", "skip"]
    due: datetime | None = None


def catch_up(reminder: Reminder, zone: str, now: datetime, grace: timedelta) -> CatchUp:
    """The latest due instant after the last firing (or creation), if it was missed.

    Only that one instant counts: several missed days never produce several messages.
    It is sent late within ``grace`` (``missed_fire``), else skipped; a date that already
    fired or that the user skipped is never caught up.
    """
    if reminder.paused or reminder.once_at is not None:
        return CatchUp("none")  # a one-off is due at its own instant (next_due)
    since = reminder.last_fired_at or reminder.created_at
    at = reminder_time(reminder)
    latest = last_fire_time(reminder.days, at, zone, now)
    # A week back holds every weekday: months of downtime still catch up one instant.
    if latest <= max(since, now - timedelta(days=8)):
        return CatchUp("none")
    if not should_fire(reminder, local_date_of(latest, zone)):
        return CatchUp("none")
    return CatchUp(missed_fire(latest, now, grace), latest)


def same_schedule(reminder: Reminder, other: Reminder) -> bool:
    """Would ``other`` nudge at exactly the times ``reminder`` does, with the same kind?"""
    if reminder.kind != other.kind or reminder.once_at != other.once_at:
        return False
    if reminder.once_at is not None:
        return True
    return set(reminder.days) == set(other.days) and reminder.time == other.time


def in_order_of_next(reminders: list[Reminder], zone: str, now: datetime) -> list[Reminder]:
    """Soonest first in the user's zone; paused ones after, in the order they would come."""
    return sorted(reminders, key=lambda r: (r.paused, next_due(r, zone, now), r.id))
