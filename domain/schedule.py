"""Reminder schedules: parsing what users type and computing when reminders fire.

A reminder is a local wall-clock time in the user's IANA zone on a set of weekdays
(Python weekdays: 0 = Monday ... 6 = Sunday). We compute fire instants ourselves instead
of using PTB's ``run_daily`` (whose weekdays start at 0 = Sunday) or APScheduler's cron
trigger (which fires twice on the fall-back day). The rule is simple to state and to test:
every selected local date fires exactly once. A wall time that falls in a spring-forward
gap fires at the same distance after the gap ("02:30" becomes 03:30 in Berlin); a wall
time that happens twice on a fall-back day fires at the first occurrence.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EVERY_DAY: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
WEEKDAYS: tuple[int, ...] = (0, 1, 2, 3, 4)
WEEKENDS: tuple[int, ...] = (5, 6)

TIME_EXAMPLE = "07:30"
DAYS_EXAMPLE = "mon,wed,fri"

ReminderKind = Literal["routine", "checkin"]


class ScheduleParseError(ValueError):
    """What the user typed is not a schedule; ``message`` says why, ``example`` what works."""

    def __init__(self, message: str, example: str) -> None:
        super().__init__(f"{message} Try {example}")
        self.message = message
        self.example = example


# ---------------------------------------------------------------------------
# Times
# ---------------------------------------------------------------------------

_AMPM = r"(?:\s*(?P<ampm>[ap])\.?\s*m?\.?)?"
_TIME = re.compile(r"(?P<hour>\d{1,2})(?:\s*[:.h]\s*(?P<minute>\d{1,2})|\s*h)?" + _AMPM)
_COMPACT_TIME = re.compile(r"(?P<hour>\d{1,2})(?P<minute>\d{2})" + _AMPM)
_WORD_TIMES = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}


def parse_time(text: str) -> time:
    """A local time of day from "7:30", "19:00", "7pm", "7.30 pm", "12am", "1930", "18h",
    "at 8am", "@ 14:10".

    A bare hour ("7") means 07:00, as on a 24-hour clock.
    """
    raw = " ".join((text or "").split())
    if not raw:
        raise ScheduleParseError("Please give a time of day.", TIME_EXAMPLE)
    # "at 7pm", "@ 14:10", "8 o'clock" as people type them.
    lowered = re.sub(r"^(?:at\b|@)\s*|\s*o'?clock$", "", raw.casefold().replace("’", "'"))
    if lowered in _WORD_TIMES:
        return _WORD_TIMES[lowered]
    match = _TIME.fullmatch(lowered) or _COMPACT_TIME.fullmatch(lowered)
    if match is None:
        raise ScheduleParseError(f"I can't read “{raw}” as a time of day.", TIME_EXAMPLE)
    hour = int(match.group("hour"))
    minute_text = match.group("minute")
    minute = int(minute_text) if minute_text is not None else 0
    ampm = match.group("ampm")
    if minute_text is not None and len(minute_text) != 2:
        raise ScheduleParseError(f"{raw}: please write minutes with two digits.", TIME_EXAMPLE)
    if minute > 59:
        raise ScheduleParseError(
            f"{raw} is not a time of day: minutes go from 00 to 59.", TIME_EXAMPLE
        )
    if ampm is not None:
        if not 1 <= hour <= 12:
            raise ScheduleParseError(
                f"{raw} is not a time of day: with am/pm the hour goes from 1 to 12.", "7pm"
            )
        hour = hour % 12 + (12 if ampm == "p" else 0)
    elif hour > 23:
        raise ScheduleParseError(
            f"{raw} is not a time of day: hours go from 0 to 23.", TIME_EXAMPLE
        )
    return time(hour, minute)


def format_time(at: time) -> str:
    """The "HH:MM" form we store and show."""
    return f"{at.hour:02d}:{at.minute:02d}"


# ---------------------------------------------------------------------------
# Days
# ---------------------------------------------------------------------------

_DAY_GROUPS: dict[str, tuple[int, ...]] = {
    "daily": EVERY_DAY,
    "everyday": EVERY_DAY,
    "every day": EVERY_DAY,
    "all": EVERY_DAY,
    "weekdays": WEEKDAYS,
    "weekday": WEEKDAYS,
    "workdays": WEEKDAYS,
    "weekends": WEEKENDS,
    "weekend": WEEKENDS,
}
_EXTRA_DAY_WORDS = {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_FILLER = {"every", "each", "on", "and"}


def _day_number(word: str) -> int | None:
    """Monday from "mon", "monday", "mondays" or "mo"; None if not a day."""
    if word in _EXTRA_DAY_WORDS:
        return _EXTRA_DAY_WORDS[word]
    if word.endswith("s") and word[:-1] in DAY_NAMES:
        word = word[:-1]
    if len(word) >= 2:
        for number, name in enumerate(DAY_NAMES):
            if name.startswith(word):
                return number
    return None


def _bad_days(word: str) -> ScheduleParseError:
    return ScheduleParseError(
        f"“{word}” is not a day. Use daily, weekdays, weekends or days like mon,wed,fri.",
        DAYS_EXAMPLE,
    )


def parse_days(text: str) -> tuple[int, ...]:
    """Weekdays (0 = Monday) from "daily", "weekdays", "mon,wed,fri", "tue-thu", ..."""
    lowered = " ".join((text or "").casefold().split())
    if not lowered:
        raise ScheduleParseError("Please say on which days.", DAYS_EXAMPLE)
    lowered = lowered.replace("every day", "everyday")
    lowered = re.sub(r"\s*(?:-|–|\bto\b|\bthrough\b|\btill\b|\buntil\b)\s*", "-", lowered)
    days: set[int] = set()
    for word in re.split(r"[\s,;/&+]+", lowered):
        if not word or word in _FILLER:
            continue
        if word in _DAY_GROUPS:
            days.update(_DAY_GROUPS[word])
            continue
        if "-" in word:
            first, _, last = word.partition("-")
            start, end = _day_number(first), _day_number(last)
            if start is None or end is None:
                raise _bad_days(first if start is None else last)
            # Ranges may wrap the week: "fri-mon" is Friday to Monday.
            span = (end - start) % 7
            days.update((start + step) % 7 for step in range(span + 1))
            continue
        number = _day_number(word)
        if number is None:
            raise _bad_days(word)
        days.add(number)
    if not days:
        raise ScheduleParseError("Please say on which days.", DAYS_EXAMPLE)
    return tuple(sorted(days))


def describe_days(days: tuple[int, ...] | list[int]) -> str:
    """Short human form: "every day", "weekdays", "weekends", "Mon Wed Fri"."""
    unique = tuple(sorted(set(days)))
    if unique == EVERY_DAY:
        return "every day"
    if unique == WEEKDAYS:
        return "weekdays"
    if unique == WEEKENDS:
        return "weekends"
    if not unique:
        return "never"
    return " ".join(DAY_ABBREVIATIONS[d] for d in unique)


@lru_cache(maxsize=2048)
def parse_stored_time(text: str) -> time:
    """:func:`parse_time` of a time we stored ("07:30"), remembered: every reminder's time
    is parsed at each start-up (10,000 of them) and each firing."""
    return parse_time(text)


# ---------------------------------------------------------------------------
# Fire times
# ---------------------------------------------------------------------------


def _require_aware(instant: datetime, name: str) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {instant!r}")


def local_date_of(instant: datetime, zone: str) -> date:
    """The calendar date on the user's wall calendar at ``instant``."""
    _require_aware(instant, "instant")
    return instant.astimezone(ZoneInfo(zone)).date()


@lru_cache(maxsize=32768)
def fire_instant_on(day: date, at: time, zone: str) -> datetime:
    """The UTC instant at which the reminder for local date ``day`` fires.

    Remembered (a pure function of its arguments, and zone arithmetic is not free): at
    start-up every reminder's next and latest instants are computed, and people share
    zones and times, so most reminders ask for an instant already computed.

    ``fold=0`` gives exactly our rules: in a fall-back overlap it is the first occurrence,
    and in a spring-forward gap zoneinfo uses the offset from before the gap, which lands
    the same distance after the gap (Berlin 02:30 -> 03:30 CEST = 01:30 UTC).
    """
    wall = datetime.combine(day, at.replace(tzinfo=None, fold=0)).replace(tzinfo=ZoneInfo(zone))
    return wall.astimezone(UTC)


def next_fire_time(days: tuple[int, ...], at: time, zone: str, after: datetime) -> datetime:
    """The first UTC instant strictly after ``after`` at which the reminder fires."""
    _require_aware(after, "after")
    selected = set(days)
    if not selected or not selected <= set(EVERY_DAY):
        raise ValueError(f"days must be a non-empty set of weekdays 0..6, got {days!r}")
    # Start a day early: a fire time pushed forward by a gap could land on the next date.
    start = local_date_of(after, zone) - timedelta(days=1)
    # One week always holds every weekday; the margin covers a calendar day that a zone
    # skipped entirely (Pacific/Apia, 2011-12-30).
    for offset in range(16):
        day = start + timedelta(days=offset)
        if day.weekday() in selected:
            instant = fire_instant_on(day, at, zone)
            if instant > after:
                return instant
    raise AssertionError("no fire time within 16 days")  # pragma: no cover


def last_fire_time(days: tuple[int, ...], at: time, zone: str, until: datetime) -> datetime:
    """The latest UTC instant at or before ``until`` at which the reminder fires.

    The mirror of :func:`next_fire_time`: fire instants grow with their local date, so
    walking dates back from the day after ``until``'s (a fall-back overlap at midnight
    can put that day's fire time first) finds it in one or two zone conversions, where
    stepping forward through the last week took up to nine (start-up, 10,000 reminders).
    """
    _require_aware(until, "until")
    selected = set(days)
    if not selected or not selected <= set(EVERY_DAY):
        raise ValueError(f"days must be a non-empty set of weekdays 0..6, got {days!r}")
    start = local_date_of(until, zone) + timedelta(days=1)
    for offset in range(17):
        day = start - timedelta(days=offset)
        if day.weekday() in selected:
            instant = fire_instant_on(day, at, zone)
            if instant <= until:
                return instant
    raise AssertionError("no fire time within 16 days")  # pragma: no cover


def fire_times_between(
    days: tuple[int, ...], at: time, zone: str, start: datetime, end: datetime
) -> list[datetime]:
    """All fire instants in (start, end], in order: what a bot that was down has missed."""
    instants: list[datetime] = []
    current = start
    while True:
        current = next_fire_time(days, at, zone, current)
        if current > end:
            return instants
        instants.append(current)


def missed_fire(due: datetime, now: datetime, grace: timedelta) -> Literal["send_late", "skip"]:
    """Whether a reminder whose time passed while the bot was down is still worth sending.

    Within ``grace`` of its time it goes out once, late; older ones are skipped, because
    a 7:30 stretch reminder at 15:00 helps nobody. A due time in the future is not late at
    all, so it is never skipped (clock jitter must not drop a reminder).
    """
    _require_aware(due, "due")
    _require_aware(now, "now")
    return "send_late" if now - due <= grace else "skip"


def format_next(instant: datetime, zone: str, now: datetime) -> str:
    """When the next reminder comes, in the user's words: "today 21:00", "Wed 07:30"."""
    _require_aware(instant, "instant")
    _require_aware(now, "now")
    tz = ZoneInfo(zone)
    local = instant.astimezone(tz)
    days_ahead = (local.date() - now.astimezone(tz).date()).days
    clock = f"{local:%H:%M}"
    if days_ahead == 0:
        return f"today {clock}"
    if days_ahead == 1:
        return f"tomorrow {clock}"
    weekday = DAY_ABBREVIATIONS[local.weekday()]
    if 1 < days_ahead < 7:
        return f"{weekday} {clock}"
    return f"{weekday} {local.day} {_MONTHS[local.month - 1]} {clock}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
