"""Values a stored document may have the right types for and still be impossible.

The codec checks types; these checks catch what would only fail later, at every firing or
every message (a reminder at "25:99", on weekday 9, a pain level of 42), and turn it into
a :class:`~storage.codec.CodecError` at the moment the file is read: the store then sets
the file aside once, like any file it cannot make sense of, instead of one user's data
failing on every use.

A stored time zone this tzdata does not know is not impossible, only unknown here (renamed
between tzdata versions, or from a restored backup): the store clears it and the user is
asked for their zone again (``Store`` does that, not this module).
"""

from __future__ import annotations

import math

from domain.models import FactorEntry, PainEntry, Reminder, RoutineSession, User
from domain.reminders import KIND_LABELS
from domain.schedule import ScheduleParseError, parse_stored_time
from storage.codec import CodecError

_WEEKDAYS = range(7)
_LEVELS = range(11)  # the 0-10 numeric rating scale
_SESSION_STATUSES = frozenset({"active", "paused", "completed", "aborted"})
# A factor's words and number as a person writes them: a name of a few words, a unit of
# one or two, a number no message means (a million mg, a negative walk) is a broken file.
MAX_FACTOR_NAME = 60
MAX_FACTOR_UNIT = 20
MAX_FACTOR_AMOUNT = 100_000


def check_possible(obj: object) -> None:
    """Raise CodecError if a decoded document holds a value nothing could have stored."""
    if isinstance(obj, Reminder):
        _check_days(obj.days, "Reminder.days")
        _check_time(obj.time, "Reminder.time")
        if obj.kind not in KIND_LABELS:
            raise CodecError(f"Reminder.kind: unknown kind {obj.kind!r}")
    elif isinstance(obj, PainEntry):
        if obj.level not in _LEVELS:
            raise CodecError(f"PainEntry.level: {obj.level!r} is not on the 0-10 scale")
    elif isinstance(obj, FactorEntry):
        check_factor(obj)
    elif isinstance(obj, RoutineSession):
        if obj.status not in _SESSION_STATUSES:
            raise CodecError(f"RoutineSession.status: unknown status {obj.status!r}")
        if obj.step < 0:
            raise CodecError(f"RoutineSession.step: {obj.step!r} is negative")
        for name in ("pain_before", "pain_after"):
            level = getattr(obj, name)
            if level is not None and level not in _LEVELS:
                raise CodecError(f"RoutineSession.{name}: {level!r} is not on the 0-10 scale")
    elif isinstance(obj, User):
        weekly = obj.preferences.weekly_summary
        _check_days((weekly.day,), "WeeklySetting.day")
        _check_time(weekly.time, "WeeklySetting.time")


def check_factor(entry: FactorEntry) -> None:
    """Raise CodecError if a factor entry holds what no message could have given."""
    name = entry.name.strip()
    if not name or len(entry.name) > MAX_FACTOR_NAME:
        raise CodecError(f"FactorEntry.name: {entry.name!r} is empty or too long")
    if len(entry.unit) > MAX_FACTOR_UNIT:
        raise CodecError(f"FactorEntry.unit: {entry.unit!r} is too long")
    amount = entry.amount
    if amount is not None and not (math.isfinite(amount) and 0 <= amount <= MAX_FACTOR_AMOUNT):
        raise CodecError(f"FactorEntry.amount: {amount!r} is not a plausible amount")
    if entry.unit and amount is None:
        raise CodecError(f"FactorEntry.unit: {entry.unit!r} without an amount")


def _check_days(days: tuple[int, ...], name: str) -> None:
    if not days or any(day not in _WEEKDAYS for day in days):
        raise CodecError(f"{name}: {list(days)!r} are not weekdays 0-6")


def _check_time(text: str, name: str) -> None:
    try:
        parse_stored_time(text)
    except ScheduleParseError:
        raise CodecError(f"{name}: {text!r} is not a time of day") from None
