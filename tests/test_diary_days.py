"""Which diary day a person means (domain.diary): pure logic."""

from __future__ import annotations

from datetime import date

import pytest

from domain.diary import DayParseError, parse_day, steps_around

TODAY = date(2026, 12, 3)  # a Thursday


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("today", TODAY),
        ("yesterday", date(2026, 12, 2)),
        ("Yesterday ", date(2026, 12, 2)),
        ("2026-11-28", date(2026, 11, 28)),
        ("28.11", date(2026, 11, 28)),
        ("28/11", date(2026, 11, 28)),
        ("11/28", date(2026, 11, 28)),  # cannot be day-first
        ("28.11.2025", date(2025, 11, 28)),
        ("28 nov", date(2026, 11, 28)),
        ("Nov 28", date(2026, 11, 28)),
        ("28th November", date(2026, 11, 28)),
        ("25 dec", date(2025, 12, 25)),  # no year: the latest that is not in the future
        ("monday", date(2026, 11, 30)),
        ("thursday", TODAY),
        ("last friday", date(2026, 11, 27)),
        ("3 days ago", date(2026, 11, 30)),
        ("on 1 dec", date(2026, 12, 1)),
    ],
)
def test_a_day_is_understood_in_everyday_words(words: str, day: date) -> None:
    assert parse_day(words, TODAY) == day


@pytest.mark.parametrize("words", ["banana", "31.02", "2026-13-01", "", "99 days", "5000 days ago"])
def test_words_that_name_no_day_are_refused(words: str) -> None:
    with pytest.raises(DayParseError) as raised:
        parse_day(words, TODAY)
    assert raised.value.reason == "unknown"


def test_a_day_after_today_is_refused_as_the_future() -> None:
    with pytest.raises(DayParseError) as raised:
        parse_day("2026-12-04", TODAY)
    assert raised.value.reason == "future"


def test_steps_never_go_past_today() -> None:
    assert steps_around(TODAY, TODAY).later is None
    step = steps_around(date(2026, 12, 1), TODAY)
    assert (step.earlier, step.later) == (date(2026, 11, 30), date(2026, 12, 2))
