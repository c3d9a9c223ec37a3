"""Which day of the diary a person means: "/pain yesterday", "/pain 2026-11-28", "/pain 28.11".

Dates are the person's local dates (a diary entry's ``local_date``). A day without a year is
the most recent one that is not in the future ("28.11" in January is last November); a
weekday name is the most recent such day ("monday" on a Monday is today). Day-first
numbers ("28/11", "28.11"), as most of the world writes them; "11/28" is understood only
when it cannot be a day-first date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

# How far back a person may browse (the diary keeps more; /export has it all).
MAX_DAYS_BACK = 3660

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?")
_DAYS_AGO = re.compile(r"(\d{1,4})\s+days?\s+ago")


class DayParseError(ValueError):
    """Words that name no day we can show; ``reason`` is "unknown" or "future"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class DayStep:
    """The days either side of a shown day: ``later`` is None when the day is today."""

    earlier: date
    later: date | None


def parse_day(text: str, today: date) -> date:
    """The local date ``text`` names, at most ``MAX_DAYS_BACK`` days before ``today``.

    Raises DayParseError("unknown") for words that name no date and ("future") for a
    date after today.
    """
    words = re.sub(r"\s+", " ", text.strip().lower()).removeprefix("on ").removeprefix("last ")
    day = _read(words, today)
    if day is None:
        raise DayParseError("unknown")
    if day > today:
        raise DayParseError("future")
    if (today - day).days > MAX_DAYS_BACK:
        raise DayParseError("unknown")
    return day


def _read(words: str, today: date) -> date | None:
    if words in ("today", "now"):
        return today
    if words in ("yesterday", "yday", "yest"):
        return today - timedelta(days=1)
    if words in _WEEKDAYS:
        return today - timedelta(days=(today.weekday() - _WEEKDAYS[words]) % 7)
    if m := _DAYS_AGO.fullmatch(words):
        return today - timedelta(days=min(int(m.group(1)), MAX_DAYS_BACK + 1))
    if m := _ISO.fullmatch(words):
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _NUMERIC.fullmatch(words):
        first, second = int(m.group(1)), int(m.group(2))
        day, month = (second, first) if second > 12 >= first else (first, second)
        return _dated(today, day, month, m.group(3))
    if (m := _DAY_MONTH.fullmatch(words)) and m.group(2) in _MONTHS:
        return _dated(today, int(m.group(1)), _MONTHS[m.group(2)], m.group(3))
    if (m := _MONTH_DAY.fullmatch(words)) and m.group(1) in _MONTHS:
        return _dated(today, int(m.group(2)), _MONTHS[m.group(1)], m.group(3))
    return None


def _dated(today: date, day: int, month: int, year: str | None) -> date | None:
    """The date with this day and month: in ``year``, else the latest not after today."""
    if year is not None:
        number = int(year)
        return _date(number + 2000 if number < 100 else number, month, day)
    for candidate_year in (today.year, today.year - 1):
        found = _date(candidate_year, month, day)
        if found is not None and found <= today:
            return found
    return _date(today.year - 1, month, day)


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def steps_around(day: date, today: date) -> DayStep:
    """The day before and (unless ``day`` is today) the day after, for ◀ ▶ buttons."""
    return DayStep(day - timedelta(days=1), day + timedelta(days=1) if day < today else None)
