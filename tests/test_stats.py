"""Progress people can see: daily levels, period summaries, what routines seem to do.

Every figure is over one window and never from too little data: the diaries below are built
so that each answer is known.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from statistics import fmean
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.models import PainEntry, RoutineSession
from domain.stats import (
    MIN_CHANGE_DAYS,
    MIN_COMPARISON_DAYS,
    MIN_INSIGHT_SESSIONS,
    TREND_MIN_DAYS,
    TREND_WIDTH,
    Window,
    daily_levels,
    days_needed_for_change,
    local_date,
    pain_change,
    period_summary,
    reporting_streak,
    rolling_average,
    routine_day_comparison,
    routine_insights,
)

ZONE = "Europe/Berlin"
TODAY = date(2025, 3, 20)


def entry(day: date, level: int, n: int = 0) -> PainEntry:
    """A diary entry recorded at noon local time on ``day``."""
    at = datetime.combine(day, time(12, n), ZoneInfo(ZONE)).astimezone(UTC)
    return PainEntry(id=f"{day}-{n}", recorded_at=at, local_date=day, level=level)


def session(
    day: date,
    routine_id: str = "ball",
    status: str = "completed",
    before: int | None = None,
    after: int | None = None,
    zone: str = ZONE,
    at: time = time(18, 0),
) -> RoutineSession:
    started = datetime.combine(day, at, ZoneInfo(zone)).astimezone(UTC)
    return RoutineSession(
        id=f"{routine_id}-{day}-{at}",
        routine_id=routine_id,
        started_at=started,
        status=status,
        pain_before=before,
        pain_after=after,
    )


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


WEEK = Window.ending(TODAY, 7)


def diary(levels_by_day: dict[int, list[int]]) -> list[PainEntry]:
    """Entries from {days ago: [levels that day]}."""
    return [
        entry(ago(days), level, n)
        for days, levels in levels_by_day.items()
        for n, level in enumerate(levels)
    ]


# --- windows --------------------------------------------------------------------------


def test_a_window_names_its_days_and_the_window_before_it() -> None:
    assert WEEK == Window(ago(6), TODAY) and WEEK.days == 7
    assert WEEK.before() == Window(ago(13), ago(7))
    assert ago(6) in WEEK and ago(7) not in WEEK and TODAY + timedelta(days=1) not in WEEK
    assert WEEK.each_day() == [ago(i) for i in range(6, -1, -1)]
    month = Window.ending(date(2025, 3, 2), 30)  # across February: 30 days, not a month
    assert (month.start, month.days) == (date(2025, 2, 1), 30)


def test_window_needs_at_least_one_day() -> None:
    with pytest.raises(ValueError):
        Window.ending(TODAY, 0)
    with pytest.raises(ValueError):
        period_summary([], [], today=TODAY, days=0, zone=ZONE)


# --- daily levels and the trend ---------------------------------------------------------


def test_daily_levels_average_each_day_and_leave_gaps_empty() -> None:
    entries = [entry(ago(2), 4), entry(ago(2), 7, 1), entry(ago(0), 3)]
    levels = daily_levels(entries, ago(3), TODAY)
    assert [day for day, _ in levels] == [ago(3), ago(2), ago(1), ago(0)]
    assert dict(levels) == {ago(3): None, ago(2): fmean([4, 7]), ago(1): None, ago(0): 3}


def test_daily_levels_ignore_entries_outside_the_range() -> None:
    levels = daily_levels([entry(ago(10), 9), entry(TODAY + timedelta(days=1), 9)], ago(1), TODAY)
    assert levels == [(ago(1), None), (TODAY, None)]


def test_trend_averages_the_last_seven_days_of_daily_averages() -> None:
    # Days 13..0 ago; day 13 ago averages 2 and 6 (=4). Levels rise by one a day from day 9.
    entries = diary({13: [2, 6], 9: [1], 8: [2], 7: [3], 6: [4], 5: [5], 4: [6], 3: [7]})
    window = Window.ending(TODAY, 14)
    trend = dict(rolling_average(entries, window))
    assert trend[ago(13)] is None  # one day with a report in its seven
    assert trend[ago(9)] is None  # two days
    assert trend[ago(8)] == pytest.approx(fmean([4, 1, 2]))  # 13 ago weighs as one day
    assert trend[ago(6)] == pytest.approx(fmean([1, 2, 3, 4]))  # 13 ago is just outside
    assert trend[ago(3)] == pytest.approx(fmean([1, 2, 3, 4, 5, 6, 7]))
    assert trend[TODAY] == pytest.approx(fmean([4, 5, 6, 7]))  # days 6..3 ago
    assert len(trend) == 14


def test_trend_uses_only_the_windows_own_reports() -> None:
    entries = diary({8: [9], 9: [9], 10: [9], 0: [1], 1: [1]})
    assert dict(rolling_average(entries, WEEK))[TODAY] is None  # 2 days in the window
    more = entries + diary({2: [4]})
    assert dict(rolling_average(more, WEEK))[TODAY] == pytest.approx(2)
    assert TREND_WIDTH == 7 and TREND_MIN_DAYS == 3


# --- pain over a window and the change from the window before ---------------------------


def test_period_summary_reports_average_range_and_change() -> None:
    this_week = {0: [3, 5], 2: [4], 6: [6]}
    last_week = {7: [7], 10: [8, 6], 13: [5]}
    summary = period_summary(diary(this_week | last_week), [], today=TODAY, days=7, zone=ZONE)

    expected_average = fmean(fmean(levels) for levels in this_week.values())
    expected_previous = fmean(fmean(levels) for levels in last_week.values())
    pain = summary.pain
    assert pain is not None and summary.window == WEEK
    assert pain.average == pytest.approx(expected_average)
    assert (pain.lowest, pain.highest) == (3, 6)
    assert (pain.days_reported, pain.entries) == (3, 4)
    change = summary.change
    assert change.value == pytest.approx(expected_average - expected_previous)
    assert (change.days_now, change.days_before, change.days_needed) == (3, 3, 3)


@pytest.mark.parametrize(("window_days", "needed"), [(1, 3), (7, 3), (14, 4), (30, 8), (90, 23)])
def test_a_change_needs_more_days_over_a_longer_window(window_days: int, needed: int) -> None:
    assert days_needed_for_change(window_days) == needed >= MIN_CHANGE_DAYS


@pytest.mark.parametrize(
    ("days_now", "days_before", "enough"),
    [(23, 23, True), (30, 22, False), (22, 30, False), (90, 5, False), (0, 40, False)],
)
def test_a_90_day_change_is_never_taken_from_a_few_days(
    days_now: int, days_before: int, enough: bool
) -> None:
    entries = diary({i: [3] for i in range(days_now)} | {90 + i: [5] for i in range(days_before)})
    change = pain_change(entries, Window.ending(TODAY, 90))
    assert (change.days_now, change.days_before, change.days_needed) == (
        days_now,
        days_before,
        23,
    )
    assert change.enough is enough
    assert change.value == (pytest.approx(-2) if enough else None)


def test_period_without_reports_has_no_pain_figures() -> None:
    summary = period_summary([entry(ago(8), 4)], [], today=TODAY, days=7, zone=ZONE)
    assert summary.pain is None
    assert summary.change.value is None and summary.change.days_before == 1
    assert not summary.has_data


def test_only_completed_routines_in_the_period_are_counted() -> None:
    sessions = [
        session(ago(0)),
        session(ago(3)),
        session(ago(3), "stretch"),
        session(ago(3), status="aborted"),
        session(ago(2), status="active"),
        session(ago(7)),  # just before the period
    ]
    summary = period_summary([], sessions, today=TODAY, days=7, zone=ZONE)
    assert (summary.routines_completed, summary.routine_days) == (3, 2)
    assert summary.has_data


def test_routine_late_in_the_evening_counts_on_the_local_day_across_dst() -> None:
    # New York falls back on 2024-11-03; 23:30 local that evening is already 11-04 in UTC.
    zone = "America/New_York"
    dst_day = date(2024, 11, 3)
    late = session(dst_day, zone=zone, at=time(23, 30))
    assert late.started_at.date() == dst_day + timedelta(days=1)  # UTC has moved on

    summary = period_summary([], [late], today=dst_day, days=1, zone=zone)
    assert summary.routines_completed == 1
    next_day = period_summary([], [late], today=dst_day + timedelta(days=1), days=1, zone=zone)
    assert next_day.routines_completed == 0


def test_routine_just_after_midnight_on_spring_forward_counts_on_the_new_day() -> None:
    # Berlin springs forward on 2024-03-31; 00:30 local is still 03-30 in UTC.
    dst_day = date(2024, 3, 31)
    early = session(dst_day, at=time(0, 30))
    assert early.started_at.date() == dst_day - timedelta(days=1)
    assert local_date(early.started_at, ZONE) == dst_day
    assert period_summary([], [early], today=dst_day, days=1, zone=ZONE).routines_completed == 1


def test_local_date_treats_naive_instants_as_utc() -> None:
    assert local_date(datetime(2024, 6, 1, 23, 0), ZONE) == date(2024, 6, 2)


# --- streak ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reported_days_ago", "expected"),
    [
        ([0, 1, 2], 3),
        ([1, 2, 3], 3),  # nothing yet today: the streak runs up to yesterday
        ([0, 2, 3], 1),
        ([2, 3], 0),  # yesterday missed: broken
        ([0], 1),
        ([], 0),
        ([-1, 0], 1),  # a future-dated report does not extend the streak
    ],
)
def test_streak_counts_consecutive_days_with_a_report(
    reported_days_ago: list[int], expected: int
) -> None:
    entries = [entry(ago(n), 3) for n in reported_days_ago]
    assert reporting_streak(entries, TODAY) == expected
    assert period_summary(entries, [], today=TODAY, days=7, zone=ZONE).streak == expected


def test_several_reports_on_one_day_count_once_in_the_streak() -> None:
    entries = [entry(TODAY, 3, n) for n in range(4)]
    assert reporting_streak(entries, TODAY) == 1


def test_streak_in_a_summary_never_runs_past_its_window() -> None:
    entries = diary({i: [3] for i in range(20)})
    assert reporting_streak(entries, TODAY) == 20
    assert period_summary(entries, [], today=TODAY, days=7, zone=ZONE).streak == 7
    assert period_summary(entries, [], today=TODAY, days=30, zone=ZONE).streak == 20


# --- routine insights ---------------------------------------------------------------------


def test_routine_insights_average_the_change_and_put_the_most_helpful_first() -> None:
    ball = [(6, 4), (5, 4), (7, 5), (6, 5)]
    stretch = [(4, 4), (5, 5), (3, 4)]
    sessions = [session(ago(i), "ball", before=b, after=a) for i, (b, a) in enumerate(ball)]
    sessions += [session(ago(i), "stretch", before=b, after=a) for i, (b, a) in enumerate(stretch)]
    found = routine_insights(sessions, WEEK, ZONE, {"ball": "Lower back ball routine"})

    insights = found.insights
    assert [i.routine_id for i in insights] == ["ball", "stretch"]
    assert insights[0].title == "Lower back ball routine"
    assert insights[0].average_change == pytest.approx(fmean(a - b for b, a in ball))
    assert insights[0].sessions == len(ball)
    assert insights[1].title == "stretch"  # no title known: the id stands in
    assert found.rated_sessions == 7 and found.enough


def test_routine_insights_count_only_the_windows_sessions() -> None:
    # 10 sessions in the last 7 days... of two routines; 6 more of "ball" before the week.
    inside = [session(ago(i % 7), "ball", before=6, after=4, at=time(8 + i, 0)) for i in range(6)]
    inside += [session(ago(i), "stretch", before=5, after=5) for i in range(4)]
    before = [session(ago(8 + i), "ball", before=6, after=6) for i in range(6)]
    found = routine_insights(inside + before, WEEK, ZONE)
    by_id = {i.routine_id: i for i in found.insights}
    assert by_id["ball"].sessions == 6 and by_id["ball"].average_change == pytest.approx(-2)
    assert by_id["stretch"].sessions == 4
    assert found.rated_sessions == 10
    month = routine_insights(inside + before, Window.ending(TODAY, 30), ZONE)
    assert {i.routine_id: i.sessions for i in month.insights} == {"ball": 12, "stretch": 4}


def test_routine_insights_need_three_rated_completed_sessions_in_the_window() -> None:
    sessions = [
        session(ago(0), before=6, after=4),
        session(ago(1), before=6, after=4),
        session(ago(2), before=6, after=None),
        session(ago(3), before=None, after=3),
        session(ago(4), status="aborted", before=6, after=4),
        session(ago(9), before=6, after=4),  # rated, but before the window
    ]
    found = routine_insights(sessions, WEEK, ZONE)
    assert found.insights == () and not found.enough
    assert (found.rated_sessions, found.sessions_needed) == (2, MIN_INSIGHT_SESSIONS)
    assert len(routine_insights(sessions, WEEK, ZONE, min_sessions=2).insights) == 1


# --- days with and without a routine ------------------------------------------------------


def test_days_with_a_routine_are_compared_with_days_without() -> None:
    with_days = {ago(0): 3, ago(2): 4, ago(4): 2}
    without_days = {ago(1): 6, ago(3): 5, ago(5): 7, ago(6): 6}
    entries = [entry(d, lvl) for d, lvl in (with_days | without_days).items()]
    entries += [entry(ago(9), 10), entry(ago(10), 0)]  # outside the window
    sessions = [session(d) for d in with_days] + [session(ago(1), status="aborted")]
    sessions += [session(ago(10))]

    comparison = routine_day_comparison(entries, sessions, WEEK, ZONE)
    assert comparison.enough
    assert comparison.with_routine == pytest.approx(fmean(with_days.values()))
    assert comparison.without_routine == pytest.approx(fmean(without_days.values()))
    assert (comparison.days_with, comparison.days_without) == (len(with_days), len(without_days))
    assert comparison.difference == pytest.approx(
        fmean(with_days.values()) - fmean(without_days.values())
    )


@pytest.mark.parametrize(("n_with", "n_without"), [(2, 5), (5, 2), (0, 0), (3, 0)])
def test_comparison_is_never_claimed_from_too_little_data(n_with: int, n_without: int) -> None:
    entries = [entry(ago(i), 4) for i in range(n_with + n_without)]
    sessions = [session(ago(i)) for i in range(n_with)]
    comparison = routine_day_comparison(entries, sessions, Window.ending(TODAY, 30), ZONE)
    assert not comparison.enough and comparison.difference is None
    assert (comparison.days_with, comparison.days_without) == (n_with, n_without)
    assert comparison.days_needed == MIN_COMPARISON_DAYS


def test_routine_days_without_a_pain_report_do_not_count() -> None:
    entries = [entry(ago(i), 4) for i in range(3, 8)]
    sessions = [session(ago(i)) for i in range(3)]  # routines on days nobody reported pain
    comparison = routine_day_comparison(entries, sessions, Window.ending(TODAY, 30), ZONE)
    assert not comparison.enough and comparison.days_with == 0


# --- properties ---------------------------------------------------------------------------

_ENTRIES = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 10)).map(lambda t: entry(ago(t[0]), t[1])),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(_ENTRIES, st.integers(1, 31))
def test_averages_lie_between_lowest_and_highest(entries: list[PainEntry], days: int) -> None:
    summary = period_summary(entries, [], today=TODAY, days=days, zone=ZONE)
    pain = summary.pain
    if pain is not None:
        assert pain.lowest - 1e-9 <= pain.average <= pain.highest + 1e-9
        assert 1 <= pain.days_reported <= days
    for _, level in daily_levels(entries, summary.window.start, TODAY):
        if level is not None:
            assert pain is not None
            assert pain.lowest - 1e-9 <= level <= pain.highest + 1e-9
    for _, level in rolling_average(entries, summary.window):
        if level is not None:
            assert pain is not None
            assert pain.lowest - 1e-9 <= level <= pain.highest + 1e-9
    assert 0 <= summary.streak <= min(days, len({e.local_date for e in entries}))
    change = summary.change
    if change.value is not None:
        assert min(change.days_now, change.days_before) >= days_needed_for_change(days)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 10), st.integers(0, 10)), max_size=30)
)
def test_insight_changes_stay_within_the_possible_range(
    rated: list[tuple[str, int, int]],
) -> None:
    sessions = [
        session(ago(i), routine, before=b, after=a) for i, (routine, b, a) in enumerate(rated)
    ]
    insights = routine_insights(sessions, Window.ending(TODAY, 30), ZONE).insights
    assert [i.average_change for i in insights] == sorted(i.average_change for i in insights)
    for insight in insights:
        assert -10 <= insight.average_change <= 10
        assert insight.sessions >= 3
