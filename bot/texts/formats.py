"""Days and figures as the pain diary, /history, /log and the report write them, in the
user's language.

English keeps the diary's own day-first style ("Thu 26 Nov", "3 Dec 2026"); other
languages get CLDR's pattern for the same fields (Babel skeletons: "Do., 26. Nov.",
"3 dic 2026", "3 дек. 2026 г."), so the order, punctuation and month forms are theirs.
"""

from __future__ import annotations

from datetime import date

from babel.lists import format_list
from babel.numbers import format_decimal as format_babel_decimal

from bot.i18n import SOURCE_LANGUAGE, current_language, format_date, format_skeleton

MINUS = "\u2212"


def _day(day: date, english: str, skeleton: str) -> str:
    if current_language() == SOURCE_LANGUAGE:
        return format_date(day, english)
    return format_skeleton(skeleton, day)


def day_and_month(day: date) -> str:
    """ "3 Dec" / "3. Dez." / "3 dic" / "3 дек."."""
    return _day(day, "d MMM", "MMMd")


def day_month_year(day: date) -> str:
    """ "3 Dec 2026": unambiguous wherever the reader is."""
    return _day(day, "d MMM y", "yMMMd")


def weekday_day_month(day: date, *, year: bool = False) -> str:
    """ "Thu 26 Nov" (and the year when asked)."""
    if year:
        return _day(day, "EEE d MMM y", "yMMMEd")
    return _day(day, "EEE d MMM", "MMMEd")


def long_weekday_day_month(day: date) -> str:
    """ "Monday 30 November"."""
    return _day(day, "EEEE d MMMM", "MMMMEEEEd")


def one_decimal(value: float) -> str:
    """ "4.5" / "4,5": always one decimal, as the figures under a chart are read."""
    return format_babel_decimal(round(value, 1), format="#,##0.0", locale=current_language())


def signed(value: float) -> str:
    """One decimal with a real minus sign, "+" for increases, as people read changes."""
    rounded = round(value, 1)
    if rounded == 0:
        return one_decimal(0)
    return f"{MINUS if rounded < 0 else '+'}{one_decimal(abs(rounded))}"


def and_list(items: list[str]) -> str:
    """ "a and b", "a, b and c" (Babel's list patterns: "a und b", "a y b", "a и b")."""
    return format_list(items, locale=current_language())
