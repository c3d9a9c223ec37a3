"""Progress people can see: daily levels, period summaries, what routines seem to do."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from statistics import fmean
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.models import PainEntry, RoutineSession
from domain.stats import (
    START_HINT,
    DayComparison,
    RoutineInsight,
    daily_levels,
    local_date,
    period_summary,
    reporting_streak,
    routine_day_comparison,
    routine_insights,
    summary_text,
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


# --- daily levels -------------------------------------------------------------------------


def test_daily_levels_average_each_day_and_leave_gaps_empty() -> None:
    entries = [entry(ago(2), 4), entry(ago(2), 7, 1), entry(ago(0), 3)]
    levels = daily_levels(entries, ago(3), TODAY)
    assert [day for day, _ in levels] == [ago(3), ago(2), ago(1), ago(0)]
    assert dict(levels) == {ago(3): None, ago(2): fmean([4, 7]), ago(1): None, ago(0): 3}


def test_daily_levels_ignore_entries_outside_the_range() -> None:
    levels = daily_levels([entry(ago(10), 9), entry(TODAY + timedelta(days=1), 9)], ago(1), TODAY)
    assert levels == [(ago(1), None), (TODAY, None)]


# --- period summary -----------------------------------------------------------------------


def test_period_summary_reports_average_range_and_change() -> None:
    this_week = {ago(0): [3, 5], ago(2): [4], ago(6): [6]}
    last_week = {ago(7): [7], ago(10): [8, 6]}
    entries = [
        entry(day, level, n)
        for days in (this_week, last_week)
        for day, levels in days.items()
        for n, level in enumerate(levels)
    ]
    summary = period_summary(entries, [], today=TODAY, days=7, zone=ZONE)

    expected_average = fmean(fmean(levels) for levels in this_week.values())
    expected_previous = fmean(fmean(levels) for levels in last_week.values())
    assert summary.average == pytest.approx(expected_average)
    assert summary.change == pytest.approx(expected_average - expected_previous)
    assert summary.lowest == min(min(v) for v in this_week.values())
    assert summary.highest == max(max(v) for v in this_week.values())
    assert summary.days_reported == len(this_week)
    assert summary.entries == sum(len(v) for v in this_week.values())
    assert (summary.start, summary.end) == (ago(6), TODAY)


def test_change_is_none_without_data_in_the_previous_period() -> None:
    summary = period_summary([entry(ago(1), 4)], [], today=TODAY, days=7, zone=ZONE)
    assert summary.average == 4
    assert summary.change is None


def test_period_without_reports_has_no_average() -> None:
    summary = period_summary([entry(ago(8), 4)], [], today=TODAY, days=7, zone=ZONE)
    assert (summary.average, summary.lowest, summary.highest, summary.change) == (
        None,
        None,
        None,
        None,
    )
    assert summary.days_reported == 0
    assert not summary.has_data


def test_only_completed_routines_in_the_period_are_counted() -> None:
    sessions = [
        session(ago(0)),
        session(ago(3)),
        session(ago(3), status="aborted"),
        session(ago(2), status="active"),
        session(ago(7)),  # just before the period
    ]
    summary = period_summary([], sessions, today=TODAY, days=7, zone=ZONE)
    in_period = [
        s
        for s in sessions
        if s.status == "completed" and ago(6) <= local_date(s.started_at, ZONE) <= TODAY
    ]
    assert summary.routines_completed == len(in_period) == 2
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


def test_period_needs_at_least_one_day() -> None:
    with pytest.raises(ValueError):
        period_summary([], [], today=TODAY, days=0, zone=ZONE)


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


# --- routine insights ---------------------------------------------------------------------


def test_routine_insights_average_the_change_and_put_the_most_helpful_first() -> None:
    ball = [(6, 4), (5, 4), (7, 5), (6, 5)]
    stretch = [(4, 4), (5, 5), (3, 4)]
    sessions = [session(ago(i), "ball", before=b, after=a) for i, (b, a) in enumerate(ball)]
    sessions += [session(ago(i), "stretch", before=b, after=a) for i, (b, a) in enumerate(stretch)]
    insights = routine_insights(sessions, {"ball": "Lower back ball routine"})

    assert [i.routine_id for i in insights] == ["ball", "stretch"]
    assert insights[0].title == "Lower back ball routine"
    assert insights[0].average_change == pytest.approx(fmean(a - b for b, a in ball))
    assert insights[0].sessions == len(ball)
    assert insights[1].title == "stretch"  # no title known: the id stands in


def test_routine_insights_need_three_rated_completed_sessions() -> None:
    sessions = [
        session(ago(0), before=6, after=4),
        session(ago(1), before=6, after=4),
        session(ago(2), before=6, after=None),
        session(ago(3), before=None, after=3),
        session(ago(4), status="aborted", before=6, after=4),
    ]
    assert routine_insights(sessions) == []
    assert len(routine_insights(sessions, min_sessions=2)) == 1


@pytest.mark.parametrize(
    ("change", "sessions", "text"),
    [
        (-1.8, 6, "Lower back ball routine: \u22121.8 on average over 6 sessions"),
        (0.5, 3, "Lower back ball routine: +0.5 on average over 3 sessions"),
        (0.0, 4, "Lower back ball routine: no change on average over 4 sessions"),
        (-0.04, 5, "Lower back ball routine: no change on average over 5 sessions"),
    ],
)
def test_insight_reads_as_a_short_sentence(change: float, sessions: int, text: str) -> None:
    insight = RoutineInsight("ball", "Lower back ball routine", change, sessions)
    assert insight.describe() == text


# --- days with and without a routine ------------------------------------------------------


def test_days_with_a_routine_are_compared_with_days_without() -> None:
    with_days = {ago(0): 3, ago(2): 4, ago(4): 2}
    without_days = {ago(1): 6, ago(3): 5, ago(5): 7, ago(6): 6}
    entries = [entry(d, lvl) for d, lvl in (with_days | without_days).items()]
    sessions = [session(d) for d in with_days] + [session(ago(1), status="aborted")]

    comparison = routine_day_comparison(entries, sessions, ZONE)
    assert comparison is not None
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
    assert routine_day_comparison(entries, sessions, ZONE) is None


def test_routine_days_without_a_pain_report_do_not_count() -> None:
    entries = [entry(ago(i), 4) for i in range(3, 8)]
    sessions = [session(ago(i)) for i in range(3)]  # routines on days nobody reported pain
    assert routine_day_comparison(entries, sessions, ZONE) is None


# --- summary text -------------------------------------------------------------------------


def test_summary_without_data_says_how_to_start() -> None:
    summary = period_summary([], [], today=TODAY, days=7, zone=ZONE)
    text = summary_text(summary, [], None)
    assert START_HINT in text
    assert "Average" not in text


def test_summary_shows_numbers_insights_and_comparison() -> None:
    entries = [entry(ago(i), lvl) for i, lvl in enumerate([3, 4, 5, 6, 7, 6, 5, 8])]
    sessions = [session(ago(i), before=6, after=4) for i in range(3)]
    summary = period_summary(entries, sessions, today=TODAY, days=7, zone=ZONE)
    insights = routine_insights(sessions, {"ball": "Ball routine"})
    comparison = DayComparison(3.5, 5.25, 4, 4)
    text = summary_text(summary, insights, comparison)

    assert summary.average is not None and summary.change is not None
    assert f"{summary.average:.1f}/10" in text
    assert f"lowest {summary.lowest}, highest {summary.highest}" in text
    assert "\u2212" in text  # this week is lower than the single day before it
    assert f"Days with a report: {summary.days_reported} of 7" in text
    assert f"Routines completed: {summary.routines_completed}" in text
    assert insights[0].describe() in text
    assert "3.5" in text and "5.2" in text
    assert not any(mark in text for mark in ("<b>", "*", "`"))


def test_summary_mentions_routines_even_without_pain_reports() -> None:
    summary = period_summary([], [session(TODAY)], today=TODAY, days=7, zone=ZONE)
    text = summary_text(summary, [], None)
    assert "Routines completed: 1" in text
    assert START_HINT in text


# --- properties ---------------------------------------------------------------------------

_ENTRIES = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 10)).map(lambda t: entry(ago(t[0]), t[1])),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(_ENTRIES, st.integers(1, 31))
def test_averages_lie_between_lowest_and_highest(entries: list[PainEntry], days: int) -> None:
    summary = period_summary(entries, [], today=TODAY, days=days, zone=ZONE)
    if summary.average is None:
        assert summary.days_reported == 0
    else:
        assert summary.lowest is not None and summary.highest is not None
        assert summary.lowest - 1e-9 <= summary.average <= summary.highest + 1e-9
        assert 1 <= summary.days_reported <= days
    for _, level in daily_levels(entries, summary.start, TODAY):
        if level is not None:
            assert summary.lowest is not None and summary.highest is not None
            assert summary.lowest - 1e-9 <= level <= summary.highest + 1e-9
    assert 0 <= summary.streak <= len({e.local_date for e in entries})


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
    insights = routine_insights(sessions)
    assert [i.average_change for i in insights] == sorted(i.average_change for i in insights)
    for insight in insights:
        assert -10 <= insight.average_change <= 10
        assert insight.sessions >= 3
