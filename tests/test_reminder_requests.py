"""/remind in people's own words: the labelled corpus, and one-offs across DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from benchmarks.corpus_reminders import CORPUS, TARGET_CORRECT, load_cases, measure, report
from domain.reminder_requests import parse_reminder_request
from domain.schedule import EVERY_DAY, WEEKDAYS, ScheduleParseError

BERLIN = "Europe/Berlin"


def test_corpus_is_large_and_holds_things_that_are_not_reminders() -> None:
    cases = load_cases()
    assert len(cases) >= 80
    assert sum(c.expected == "none" for c in cases) >= 15
    assert sum(" once " in c.expected for c in cases) >= 10


def test_the_corpus_is_read_as_labelled_and_never_misread() -> None:
    result = measure(load_cases())
    assert result.counts["misread"] == 0, report(result)
    assert result.share("correct") >= TARGET_CORRECT, report(result)


@pytest.mark.parametrize("path", sorted(CORPUS.parent.glob("reminders_fresh*.tsv")))
def test_later_batches_are_never_misread(path) -> None:
    result = measure(load_cases(path))
    assert result.cases >= 20
    assert result.counts["misread"] == 0, report(result, path.name)


def test_in_two_hours_is_two_real_hours_across_spring_forward() -> None:
    # 01:30 CET on the night clocks go from 02:00 to 03:00: two hours later is 04:30 CEST.
    now = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    request = parse_reminder_request("in 2 hours", now, BERLIN)
    assert request.once_at == datetime(2026, 3, 29, 2, 30, tzinfo=UTC)
    assert request.times == (time(4, 30),)


def test_in_two_hours_is_two_real_hours_across_fall_back() -> None:
    # 01:30 CEST on the night clocks go from 03:00 back to 02:00.
    now = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    request = parse_reminder_request("in 2 hours", now.astimezone(ZoneInfo(BERLIN)), BERLIN)
    assert request.once_at == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


def test_tomorrow_is_the_wall_clock_time_after_a_dst_change() -> None:
    now = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)  # Saturday 10:00 CET
    request = parse_reminder_request("tomorrow 9:00", now, BERLIN)
    assert request.once_at == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)  # 09:00 CEST
    assert request.days == (6,)


def test_a_time_today_that_passed_is_refused_with_tomorrow_as_example() -> None:
    now = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)
    with pytest.raises(ScheduleParseError) as caught:
        parse_reminder_request("today at 8am", now, BERLIN)
    assert "passed" in caught.value.message
    assert caught.value.example == "/remind tomorrow 08:00"


@pytest.mark.parametrize(
    ("typed", "days", "times"),
    [
        ("every day at 8am", EVERY_DAY, (time(8, 0),)),
        ("weekdays at 6pm", WEEKDAYS, (time(18, 0),)),
        ("every 2 hours from 9 to 13", EVERY_DAY, (time(9, 0), time(11, 0), time(13, 0))),
    ],
)
def test_natural_forms(typed: str, days, times) -> None:
    request = parse_reminder_request(typed, datetime(2026, 1, 5, tzinfo=UTC), BERLIN)
    assert (request.days, request.times, request.once_at) == (days, times, None)


def test_an_unknown_word_is_named_in_the_reason() -> None:
    with pytest.raises(ScheduleParseError) as caught:
        parse_reminder_request("pain 4", datetime(2026, 1, 5, tzinfo=UTC), BERLIN)
    assert "“pain”" in caught.value.message
