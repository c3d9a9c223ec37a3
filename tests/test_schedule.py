"""Reminder schedules: what users type after /remind, and when reminders really fire."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.schedule import (
    EVERY_DAY,
    ScheduleParseError,
    describe_days,
    fire_times_between,
    format_next,
    format_time,
    last_fire_time,
    local_date_of,
    missed_fire,
    next_fire_time,
    parse_days,
    parse_time,
)

DST_ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Pacific/Chatham",
]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(zone: str, *args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone), fold=fold)


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7:30", time(7, 30)),
        ("07:30", time(7, 30)),
        ("19:00", time(19, 0)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("7pm", time(19, 0)),
        ("7 PM", time(19, 0)),
        ("7.30pm", time(19, 30)),
        ("7:30 am", time(7, 30)),
        ("7:30 p.m.", time(19, 30)),
        ("12am", time(0, 0)),
        ("12:15am", time(0, 15)),
        ("12pm", time(12, 0)),
        ("1am", time(1, 0)),
        ("1930", time(19, 30)),
        ("0730", time(7, 30)),
        ("730", time(7, 30)),
        ("7", time(7, 0)),
        ("7h30", time(7, 30)),
        (" 21:00 ", time(21, 0)),
        ("noon", time(12, 0)),
        ("Midnight", time(0, 0)),
    ],
)
def test_user_writes_a_time_in_many_ways(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message", "example"),
    [
        ("25:00", "25:00 is not a time of day: hours go from 0 to 23.", "07:30"),
        ("24:00", "24:00 is not a time of day: hours go from 0 to 23.", "07:30"),
        ("2500", "2500 is not a time of day: hours go from 0 to 23.", "07:30"),
        ("7:75", "7:75 is not a time of day: minutes go from 00 to 59.", "07:30"),
        ("13pm", "13pm is not a time of day: with am/pm the hour goes from 1 to 12.", "7pm"),
        ("0am", "0am is not a time of day: with am/pm the hour goes from 1 to 12.", "7pm"),
        ("", "Please give a time of day.", "07:30"),
        ("   ", "Please give a time of day.", "07:30"),
        ("7:5", "7:5: please write minutes with two digits.", "07:30"),
        ("soon", "I can't read “soon” as a time of day.", "07:30"),
        ("7m", "I can't read “7m” as a time of day.", "07:30"),
        ("-7:00", "I can't read “-7:00” as a time of day.", "07:30"),
    ],
)
def test_impossible_times_say_what_is_wrong(typed: str, message: str, example: str) -> None:
    with pytest.raises(ScheduleParseError) as caught:
        parse_time(typed)
    assert caught.value.message == message
    assert caught.value.example == example
    assert str(caught.value) == f"{message} Try {example}"


@pytest.mark.parametrize(
    ("at", "text"), [(time(7, 5), "07:05"), (time(0, 0), "00:00"), (time(23, 59), "23:59")]
)
def test_times_are_stored_as_hh_mm_and_read_back(at: time, text: str) -> None:
    assert format_time(at) == text
    assert parse_time(text) == at


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("daily", (0, 1, 2, 3, 4, 5, 6)),
        ("every day", (0, 1, 2, 3, 4, 5, 6)),
        ("everyday", (0, 1, 2, 3, 4, 5, 6)),
        ("Every Day", (0, 1, 2, 3, 4, 5, 6)),
        ("weekdays", (0, 1, 2, 3, 4)),
        ("weekends", (5, 6)),
        ("weekend", (5, 6)),
        ("mon,wed,fri", (0, 2, 4)),
        ("mon wed fri", (0, 2, 4)),
        ("fri, mon, wed", (0, 2, 4)),
        ("mon,mon,Mon", (0,)),
        ("monday", (0,)),
        ("Monday", (0,)),
        ("mondays and thursdays", (0, 3)),
        ("sun", (6,)),
        ("SAT", (5,)),
        ("tue-thu", (1, 2, 3)),
        ("tue - thu", (1, 2, 3)),
        ("mon to fri", (0, 1, 2, 3, 4)),
        ("fri-mon", (0, 4, 5, 6)),
        ("tues thurs", (1, 3)),
        ("wednesday, saturday", (2, 5)),
        ("weekdays sat", (0, 1, 2, 3, 4, 5)),
        ("every tuesday", (1,)),
    ],
)
def test_user_picks_days_in_many_ways(typed: str, days: tuple[int, ...]) -> None:
    assert parse_days(typed) == days


NOT_A_DAY = "is not a day. Use daily, weekdays, weekends or days like mon,wed,fri."


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("someday", f"“someday” {NOT_A_DAY}"),
        ("mon,funday", f"“funday” {NOT_A_DAY}"),
        ("mon-xyz", f"“xyz” {NOT_A_DAY}"),
        ("s", f"“s” {NOT_A_DAY}"),
        ("", "Please say on which days."),
        ("every", "Please say on which days."),
    ],
)
def test_unknown_days_are_explained(typed: str, message: str) -> None:
    with pytest.raises(ScheduleParseError) as caught:
        parse_days(typed)
    assert caught.value.message == message
    assert caught.value.example == "mon,wed,fri"


@pytest.mark.parametrize(
    ("days", "text"),
    [
        ((0, 1, 2, 3, 4, 5, 6), "every day"),
        ((0, 1, 2, 3, 4), "weekdays"),
        ((5, 6), "weekends"),
        ((0, 2, 4), "Mon Wed Fri"),
        ((6,), "Sun"),
        ((4, 0), "Mon Fri"),
        ((0, 1, 2, 3, 4, 5), "Mon Tue Wed Thu Fri Sat"),
    ],
)
def test_days_are_described_briefly(days: tuple[int, ...], text: str) -> None:
    assert describe_days(days) == text


@pytest.mark.parametrize(
    "typed", ["daily", "weekdays", "weekends", "mon wed fri", "sun", "tue-thu"]
)
def test_described_days_parse_back_to_the_same_days(typed: str) -> None:
    days = parse_days(typed)
    assert parse_days(describe_days(days)) == days


# ---------------------------------------------------------------------------
# Fire times: ordinary days
# ---------------------------------------------------------------------------


def test_daily_reminder_fires_later_today_then_tomorrow() -> None:
    after = local("Europe/Berlin", 2026, 1, 14, 6, 0)
    first = next_fire_time(EVERY_DAY, time(7, 30), "Europe/Berlin", after)
    assert first == utc(2026, 1, 14, 6, 30)
    assert first.tzinfo is UTC
    second = next_fire_time(EVERY_DAY, time(7, 30), "Europe/Berlin", first)
    assert second == utc(2026, 1, 15, 6, 30)


def test_next_fire_is_strictly_after_the_given_instant() -> None:
    exactly = utc(2026, 1, 14, 6, 30)
    assert next_fire_time(EVERY_DAY, time(7, 30), "Europe/Berlin", exactly) == utc(
        2026, 1, 15, 6, 30
    )


def test_weekday_numbers_are_python_weekdays_monday_first() -> None:
    # 2026-01-14 is a Wednesday; Monday-only (0) must skip to 2026-01-19.
    after = utc(2026, 1, 14, 12, 0)
    assert next_fire_time((0,), time(9, 0), "UTC", after) == utc(2026, 1, 19, 9, 0)
    assert next_fire_time((6,), time(9, 0), "UTC", after) == utc(2026, 1, 18, 9, 0)


def test_local_date_decides_the_weekday_not_the_utc_date() -> None:
    # Monday 00:30 in Sydney is still Sunday in UTC.
    after = utc(2026, 1, 17, 0, 0)
    fire = next_fire_time((0,), time(0, 30), "Australia/Sydney", after)
    assert fire.astimezone(ZoneInfo("Australia/Sydney")) == local(
        "Australia/Sydney", 2026, 1, 19, 0, 30
    )
    assert fire == utc(2026, 1, 18, 13, 30)


def test_after_may_be_in_any_zone() -> None:
    after = local("America/New_York", 2026, 1, 14, 1, 0)  # = 06:00 UTC
    assert next_fire_time(EVERY_DAY, time(7, 30), "Europe/Berlin", after) == utc(2026, 1, 14, 6, 30)


def test_naive_instants_and_bad_days_are_refused() -> None:
    with pytest.raises(ValueError):
        next_fire_time(EVERY_DAY, time(7, 30), "Europe/Berlin", datetime(2026, 1, 14))
    with pytest.raises(ValueError):
        next_fire_time((), time(7, 30), "Europe/Berlin", utc(2026, 1, 14))
    with pytest.raises(ValueError):
        next_fire_time((7,), time(7, 30), "Europe/Berlin", utc(2026, 1, 14))


# ---------------------------------------------------------------------------
# Fire times: daylight saving edges
# ---------------------------------------------------------------------------

# (zone, local date, wall time, expected UTC instant)
GAP_CASES = [
    # Berlin springs 02:00 -> 03:00 on 2026-03-29: 02:30 fires at 03:30 CEST.
    ("Europe/Berlin", date(2026, 3, 29), time(2, 30), utc(2026, 3, 29, 1, 30)),
    ("Europe/Berlin", date(2026, 3, 29), time(2, 0), utc(2026, 3, 29, 1, 0)),
    ("Europe/Berlin", date(2026, 3, 29), time(3, 0), utc(2026, 3, 29, 1, 0)),
    ("Europe/Berlin", date(2026, 3, 29), time(7, 30), utc(2026, 3, 29, 5, 30)),
    ("America/New_York", date(2026, 3, 8), time(2, 30), utc(2026, 3, 8, 7, 30)),
    # Sydney springs 02:00 -> 03:00 on 2026-10-04 (southern hemisphere: October).
    ("Australia/Sydney", date(2026, 10, 4), time(2, 15), utc(2026, 10, 3, 16, 15)),
    # Lord Howe springs only 30 minutes: 02:00 -> 02:30; 02:15 fires at 02:45 (+11).
    ("Australia/Lord_Howe", date(2026, 10, 4), time(2, 15), utc(2026, 10, 3, 15, 45)),
    ("Australia/Lord_Howe", date(2026, 10, 4), time(2, 30), utc(2026, 10, 3, 15, 30)),
    # Santiago springs at midnight: 00:00 -> 01:00 on Sunday 2026-09-06.
    ("America/Santiago", date(2026, 9, 6), time(0, 0), utc(2026, 9, 6, 4, 0)),
    ("America/Santiago", date(2026, 9, 6), time(0, 30), utc(2026, 9, 6, 4, 30)),
    # Chatham springs 02:45 -> 03:45 on 2026-09-27.
    ("Pacific/Chatham", date(2026, 9, 27), time(3, 0), utc(2026, 9, 26, 14, 15)),
]


@pytest.mark.parametrize(("zone", "day", "at", "expected"), GAP_CASES)
def test_time_in_a_spring_forward_gap_fires_once_shifted_by_the_gap(
    zone: str, day: date, at: time, expected: datetime
) -> None:
    fire = next_fire_time(EVERY_DAY, at, zone, expected - timedelta(hours=1))
    assert fire == expected
    assert local_date_of(fire, zone) == day
    following = next_fire_time(EVERY_DAY, at, zone, fire)
    assert local_date_of(following, zone) == day + timedelta(days=1)


# (zone, local date, ambiguous wall time, first occurrence in UTC)
FOLD_CASES = [
    # Berlin falls back 03:00 -> 02:00 on 2026-10-25: 02:30 happens at 00:30 and 01:30 UTC.
    ("Europe/Berlin", date(2026, 10, 25), time(2, 30), utc(2026, 10, 25, 0, 30)),
    ("America/New_York", date(2026, 11, 1), time(1, 30), utc(2026, 11, 1, 5, 30)),
    # Sydney falls back 03:00 -> 02:00 on 2026-04-05 (southern autumn).
    ("Australia/Sydney", date(2026, 4, 5), time(2, 30), utc(2026, 4, 4, 15, 30)),
    # Lord Howe falls back 02:00 -> 01:30: 01:45 happens twice, 30 minutes apart.
    ("Australia/Lord_Howe", date(2026, 4, 5), time(1, 45), utc(2026, 4, 4, 14, 45)),
    # Santiago falls back at midnight: Saturday 23:30 happens twice.
    ("America/Santiago", date(2026, 4, 4), time(23, 30), utc(2026, 4, 5, 2, 30)),
    # Chatham falls back 03:45 -> 02:45 on 2026-04-05.
    ("Pacific/Chatham", date(2026, 4, 5), time(3, 0), utc(2026, 4, 4, 13, 15)),
]


@pytest.mark.parametrize(("zone", "day", "at", "first"), FOLD_CASES)
def test_time_that_happens_twice_fires_once_at_the_first(
    zone: str, day: date, at: time, first: datetime
) -> None:
    second = local(zone, day.year, day.month, day.day, at.hour, at.minute, fold=1)
    assert second.astimezone(UTC) > first  # the case really is ambiguous
    fire = next_fire_time(EVERY_DAY, at, zone, first - timedelta(hours=1))
    assert fire == first
    following = next_fire_time(EVERY_DAY, at, zone, fire)
    assert local_date_of(following, zone) == day + timedelta(days=1)
    # Even asked from between the two occurrences, the day is not fired again.
    between = first + timedelta(minutes=1)
    assert local_date_of(next_fire_time(EVERY_DAY, at, zone, between), zone) > day


@pytest.mark.parametrize(
    ("zone", "at", "expected"),
    [
        ("Asia/Kolkata", time(7, 30), utc(2026, 3, 29, 2, 0)),
        ("Asia/Kathmandu", time(7, 30), utc(2026, 3, 29, 1, 45)),
        ("Pacific/Chatham", time(7, 30), utc(2026, 3, 28, 17, 45)),  # +13:45 in March
    ],
)
def test_odd_offsets_fire_at_the_right_instant(zone: str, at: time, expected: datetime) -> None:
    after = datetime.combine(date(2026, 3, 29), time(0, 0), tzinfo=ZoneInfo(zone))
    assert next_fire_time(EVERY_DAY, at, zone, after) == expected


def test_fire_times_between_lists_each_day_once_across_fall_back() -> None:
    start = local("Europe/Berlin", 2026, 10, 23, 12, 0)
    end = local("Europe/Berlin", 2026, 10, 27, 12, 0)
    fires = fire_times_between(EVERY_DAY, time(2, 30), "Europe/Berlin", start, end)
    assert [local_date_of(f, "Europe/Berlin") for f in fires] == [
        date(2026, 10, 24),
        date(2026, 10, 25),
        date(2026, 10, 26),
        date(2026, 10, 27),
    ]
    assert fires[1] == utc(2026, 10, 25, 0, 30)


def test_fire_times_between_is_open_at_start_and_closed_at_end() -> None:
    start = utc(2026, 1, 14, 9, 0)
    end = utc(2026, 1, 16, 9, 0)
    fires = fire_times_between(EVERY_DAY, time(9, 0), "UTC", start, end)
    assert fires == [utc(2026, 1, 15, 9, 0), utc(2026, 1, 16, 9, 0)]
    assert fire_times_between(EVERY_DAY, time(9, 0), "UTC", end, start) == []


def test_local_date_of_uses_the_users_calendar() -> None:
    instant = utc(2026, 1, 14, 23, 30)
    assert local_date_of(instant, "Europe/Berlin") == date(2026, 1, 15)
    assert local_date_of(instant, "America/New_York") == date(2026, 1, 14)
    assert local_date_of(instant, "Pacific/Chatham") == date(2026, 1, 15)


@pytest.mark.parametrize("zone", DST_ZONES)
def test_two_years_of_daily_gap_and_fold_times_fire_once_per_day(zone: str) -> None:
    """Deterministic sweep: every day of 2026-2027 at times that hit each zone's edges."""
    tz = ZoneInfo(zone)
    for at in (time(0, 0), time(0, 30), time(1, 45), time(2, 15), time(2, 50), time(23, 30)):
        after = datetime(2025, 12, 31, 12, 0, tzinfo=tz)
        expected_day = date(2025, 12, 31) if at > time(12, 0) else date(2026, 1, 1)
        previous = after
        while expected_day <= date(2027, 12, 31):
            fire = next_fire_time(EVERY_DAY, at, zone, previous)
            assert fire > previous
            assert local_date_of(fire, zone) == expected_day, (zone, at, fire)
            _assert_wall_time(fire, expected_day, at, tz)
            previous = fire
            expected_day += timedelta(days=1)


# ---------------------------------------------------------------------------
# Property tests
# ---------------------------------------------------------------------------


def _assert_wall_time(fire: datetime, day: date, at: time, tz: ZoneInfo) -> None:
    """The instant shows the requested wall time, or the gap-shifted one if it does not exist."""
    wall = datetime.combine(day, at)
    first = wall.replace(tzinfo=tz, fold=0)
    second = wall.replace(tzinfo=tz, fold=1)
    exists = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == wall
    if exists:
        assert fire.astimezone(tz).replace(tzinfo=None) == wall
        # In an overlap the earlier of the two instants is used.
        assert fire == min(first.astimezone(UTC), second.astimezone(UTC))
    else:
        gap = (second.utcoffset() or timedelta()) - (first.utcoffset() or timedelta())
        assert gap > timedelta(0)
        assert fire.astimezone(tz).replace(tzinfo=None) == wall + gap


EDGE_TIMES = [time(h, m) for h in (0, 1, 2, 3, 23) for m in (0, 15, 30, 45)]
times = st.one_of(
    st.sampled_from(EDGE_TIMES),
    st.builds(time, st.integers(0, 23), st.integers(0, 59)),
)
day_sets = st.sets(st.integers(0, 6), min_size=1).map(lambda s: tuple(sorted(s)))
start_instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 11, 30), timezones=st.just(UTC)
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    zone=st.sampled_from(DST_ZONES),
    days=day_sets,
    at=times,
    start=start_instants,
    span=st.integers(7, 60),
)
def test_iterating_fire_times_gives_each_selected_date_exactly_once(
    zone: str, days: tuple[int, ...], at: time, start: datetime, span: int
) -> None:
    tz = ZoneInfo(zone)
    fires: list[datetime] = []
    current = start
    while len(fires) < span:
        current = next_fire_time(days, at, zone, current)
        fires.append(current)

    assert all(f.tzinfo is UTC for f in fires)
    assert all(a < b for a, b in zip(fires, fires[1:], strict=False))
    assert fires[0] > start

    fire_days = [local_date_of(f, zone) for f in fires]
    # Every selected local date between the first and last fire appears exactly once.
    expected = []
    day = fire_days[0]
    while day <= fire_days[-1]:
        if day.weekday() in days:
            expected.append(day)
        day += timedelta(days=1)
    assert fire_days == expected

    # Nothing was missed before the first fire: the previous selected date fired by start.
    previous_day = fire_days[0] - timedelta(days=1)
    while previous_day.weekday() not in days:
        previous_day -= timedelta(days=1)
    earlier = next_fire_time(days, at, zone, start - timedelta(days=8))
    while local_date_of(earlier, zone) < previous_day:
        earlier = next_fire_time(days, at, zone, earlier)
    assert local_date_of(earlier, zone) == previous_day
    assert earlier <= start

    for fire, fire_day in zip(fires, fire_days, strict=True):
        _assert_wall_time(fire, fire_day, at, tz)


@settings(max_examples=80, deadline=None)
@given(
    zone=st.sampled_from(DST_ZONES),
    days=day_sets,
    at=times,
    start=start_instants,
    length=st.integers(0, 30 * 24 * 60),
)
def test_fire_times_between_matches_iterating_next_fire_time(
    zone: str, days: tuple[int, ...], at: time, start: datetime, length: int
) -> None:
    end = start + timedelta(minutes=length)
    fires = fire_times_between(days, at, zone, start, end)
    assert all(start < f <= end for f in fires)
    following = next_fire_time(days, at, zone, fires[-1] if fires else start)
    assert following > end


@settings(max_examples=150, deadline=None)
@given(
    zone=st.sampled_from([*DST_ZONES, "Pacific/Apia", "America/Havana", "Asia/Gaza"]),
    days=day_sets,
    at=times,
    until=st.datetimes(
        min_value=datetime(2011, 12, 20), max_value=datetime(2027, 11, 30), timezones=st.just(UTC)
    ),
)
def test_last_fire_time_is_the_latest_fire_time_at_or_before(
    zone: str, days: tuple[int, ...], at: time, until: datetime
) -> None:
    last = last_fire_time(days, at, zone, until)
    assert last <= until
    # Stepping forward from the last fire passes ``until``: nothing fires in between.
    assert next_fire_time(days, at, zone, last) > until
    # And it is one of the fire times that stepping forward from a week earlier visits.
    current = next_fire_time(days, at, zone, until - timedelta(days=9))
    while current < last:
        current = next_fire_time(days, at, zone, current)
    assert current == last


def test_last_fire_time_at_exactly_a_fire_instant_and_across_a_skipped_day() -> None:
    fire = utc(2026, 1, 14, 6, 30)  # 07:30 in Berlin
    assert last_fire_time(EVERY_DAY, time(7, 30), "Europe/Berlin", fire) == fire
    before = fire - timedelta(microseconds=1)
    previous = utc(2026, 1, 13, 6, 30)
    assert last_fire_time(EVERY_DAY, time(7, 30), "Europe/Berlin", before) == previous
    # Samoa skipped Friday 2011-12-30 entirely: like a spring-forward gap, that Friday's
    # 09:00 fires shifted by the gap (Saturday 09:00 local), as next_fire_time has it.
    saturday_9 = datetime(2011, 12, 31, 9, 0, tzinfo=ZoneInfo("Pacific/Apia")).astimezone(UTC)
    assert last_fire_time((4,), time(9, 0), "Pacific/Apia", saturday_9) == saturday_9
    assert next_fire_time((4,), time(9, 0), "Pacific/Apia", utc(2011, 12, 24)) == saturday_9
    with pytest.raises(ValueError):
        last_fire_time((), time(7, 30), "Europe/Berlin", fire)


# ---------------------------------------------------------------------------
# Late reminders and display
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("late_by", "grace", "decision"),
    [
        (timedelta(0), timedelta(minutes=30), "send_late"),
        (timedelta(minutes=29), timedelta(minutes=30), "send_late"),
        (timedelta(minutes=30), timedelta(minutes=30), "send_late"),
        (timedelta(minutes=31), timedelta(minutes=30), "skip"),
        (timedelta(days=2), timedelta(hours=2), "skip"),
        (timedelta(seconds=-5), timedelta(minutes=30), "send_late"),
        (timedelta(seconds=1), timedelta(0), "skip"),
    ],
)
def test_reminder_missed_while_down_is_sent_late_only_within_grace(
    late_by: timedelta, grace: timedelta, decision: str
) -> None:
    due = utc(2026, 1, 14, 7, 30)
    assert missed_fire(due, due + late_by, grace) == decision


@pytest.mark.parametrize(
    ("instant", "now", "text"),
    [
        (utc(2026, 1, 14, 20, 0), utc(2026, 1, 14, 10, 0), "today 21:00"),
        (utc(2026, 1, 15, 6, 30), utc(2026, 1, 14, 10, 0), "tomorrow 07:30"),
        (utc(2026, 1, 15, 6, 30), utc(2026, 1, 14, 23, 30), "today 07:30"),  # past midnight
        (utc(2026, 1, 21, 20, 0), utc(2026, 1, 16, 10, 0), "Wed 21:00"),
        (utc(2026, 1, 26, 20, 0), utc(2026, 1, 16, 10, 0), "Mon 26 Jan 21:00"),
        (utc(2026, 3, 29, 1, 30), utc(2026, 3, 28, 12, 0), "tomorrow 03:30"),  # gap day
    ],
)
def test_next_reminder_is_shown_in_the_users_words(
    instant: datetime, now: datetime, text: str
) -> None:
    assert format_next(instant, "Europe/Berlin", now) == text
