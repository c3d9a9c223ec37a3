"""Turn the pain diary and routine sessions into progress people can see.

Every figure is computed over one window of local days (the one its heading names) and
carries the number of days or sessions it rests on, so the words can say it. A figure that
would rest on too little data is not given: it carries what it has and what it needs
instead (the minimums below), and the words say "not enough data yet".

Days are the user's local days: a pain entry carries its ``local_date`` (fixed when it was
recorded), while routine sessions carry UTC instants and are placed on a local day with the
user's zone. Averages over a window are averages of daily averages, so a day with five
reports weighs as much as a day with one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from statistics import fmean
from zoneinfo import ZoneInfo

from domain.models import PainEntry, RoutineSession

# A change between two windows needs this many days with a report in *each*, and at least
# this share of the window's days: 3 of 7, 8 of 30, 23 of 90. A 90-day average taken from
# five days says little about those 90 days.
MIN_CHANGE_DAYS = 3
MIN_CHANGE_SHARE = 0.25
# What one routine seems to do needs this many rated sessions of it inside the window.
MIN_INSIGHT_SESSIONS = 3
# Days with a routine against days without: this many reported days on each side.
MIN_COMPARISON_DAYS = 3
# The chart's trend: the average of the last TREND_WIDTH days, given only for a day whose
# TREND_WIDTH days hold at least TREND_MIN_DAYS days with a report.
TREND_WIDTH = 7
TREND_MIN_DAYS = 3


def local_date(instant: datetime, zone: str) -> date:
    """The user's calendar day at ``instant`` (naive instants are taken as UTC)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(ZoneInfo(zone)).date()


@dataclass(frozen=True)
class Window:
    """Local days from ``start`` to ``end``, both included."""

    start: date
    end: date

    @classmethod
    def ending(cls, end: date, days: int) -> Window:
        """The ``days`` local days up to and including ``end``."""
        if days < 1:
            raise ValueError("a window needs at least one day")
        return cls(end - timedelta(days=days - 1), end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def before(self) -> Window:
        """The window of the same length just before this one."""
        return Window.ending(self.start - timedelta(days=1), self.days)

    def each_day(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]


def _daily_averages(entries: Iterable[PainEntry]) -> dict[date, float]:
    levels: dict[date, list[int]] = defaultdict(list)
    for entry in entries:
        levels[entry.local_date].append(entry.level)
    return {day: fmean(values) for day, values in levels.items()}


def daily_levels(
    entries: list[PainEntry], start: date, end: date
) -> list[tuple[date, float | None]]:
    """Average level for each local day from ``start`` to ``end`` inclusive; None if no report."""
    averages = _daily_averages(e for e in entries if start <= e.local_date <= end)
    days = (end - start).days + 1
    return [
        (day, averages.get(day)) for day in (start + timedelta(days=i) for i in range(max(days, 0)))
    ]


def rolling_average(
    entries: list[PainEntry],
    window: Window,
    width: int = TREND_WIDTH,
    min_days: int = TREND_MIN_DAYS,
) -> list[tuple[date, float | None]]:
    """For each day of ``window``: the average of the daily averages of the ``width`` days
    ending that day; None where fewer than ``min_days`` of them have a report.

    Only the window's own reports count, so the line averages what the chart shows.
    """
    averages = _daily_averages(e for e in entries if e.local_date in window)
    trend: list[tuple[date, float | None]] = []
    for day in window.each_day():
        levels = [
            averages[d] for d in (day - timedelta(days=i) for i in range(width)) if d in averages
        ]
        trend.append((day, fmean(levels) if len(levels) >= min_days else None))
    return trend


# ------------------------------------------------------------------------ pain figures


@dataclass(frozen=True)
class PainFigures:
    """Pain over one window: given only when it has at least one day with a report."""

    average: float  # mean of daily averages
    lowest: int
    highest: int
    days_reported: int
    entries: int


def pain_figures(entries: list[PainEntry], window: Window) -> PainFigures | None:
    """Average, lowest and highest pain in the window; None without a report in it."""
    inside = [e for e in entries if e.local_date in window]
    if not inside:
        return None
    averages = _daily_averages(inside)
    return PainFigures(
        average=fmean(averages.values()),
        lowest=min(e.level for e in inside),
        highest=max(e.level for e in inside),
        days_reported=len(averages),
        entries=len(inside),
    )


def days_needed_for_change(window_days: int) -> int:
    """Days with a report each of two windows of this length needs before we compare them."""
    return max(MIN_CHANGE_DAYS, math.ceil(window_days * MIN_CHANGE_SHARE))


@dataclass(frozen=True)
class PainChange:
    """The window's average pain minus the window before's, if both rest on enough days."""

    value: float | None  # None: not enough data yet
    days_now: int  # days with a report in the window
    days_before: int  # and in the window before it
    days_needed: int  # in each

    @property
    def enough(self) -> bool:
        return self.value is not None


def pain_change(entries: list[PainEntry], window: Window) -> PainChange:
    """Compare the window with the one just before it, never from too few days."""
    now = pain_figures(entries, window)
    before = pain_figures(entries, window.before())
    needed = days_needed_for_change(window.days)
    days_now = now.days_reported if now else 0
    days_before = before.days_reported if before else 0
    value = None
    if now and before and days_now >= needed and days_before >= needed:
        value = now.average - before.average
    return PainChange(value, days_now, days_before, needed)


def reporting_streak(entries: list[PainEntry], today: date) -> int:
    """Consecutive local days with a report, ending today, or yesterday if today has none yet.

    Not having reported yet today does not break a streak: the day is not over.
    """
    reported = {e.local_date for e in entries}
    day = today if today in reported else today - timedelta(days=1)
    streak = 0
    while day in reported:
        streak += 1
        day -= timedelta(days=1)
    return streak


# ---------------------------------------------------------------------------- routines


def _completed_in(
    sessions: list[RoutineSession], window: Window, zone: str
) -> list[RoutineSession]:
    return [
        s for s in sessions if s.status == "completed" and local_date(s.started_at, zone) in window
    ]


@dataclass(frozen=True)
class RoutineInsight:
    """How pain changed, on average, across completed runs of one routine in a window."""

    routine_id: str
    title: str
    average_change: float  # after minus before; negative means less pain afterwards
    sessions: int


@dataclass(frozen=True)
class RoutineInsights:
    """The routines with enough rated sessions in a window, most helpful first."""

    insights: tuple[RoutineInsight, ...]
    rated_sessions: int  # completed sessions in the window with both ratings, all routines
    sessions_needed: int  # of one routine, for an insight about it

    @property
    def enough(self) -> bool:
        return bool(self.insights)


def routine_insights(
    sessions: list[RoutineSession],
    window: Window,
    zone: str,
    routine_titles: dict[str, str] | None = None,
    min_sessions: int = MIN_INSIGHT_SESSIONS,
) -> RoutineInsights:
    """What each routine seems to do, from its rated sessions inside the window only."""
    titles = routine_titles or {}
    changes: dict[str, list[int]] = defaultdict(list)
    for s in _completed_in(sessions, window, zone):
        if s.pain_before is not None and s.pain_after is not None:
            changes[s.routine_id].append(s.pain_after - s.pain_before)
    insights = [
        RoutineInsight(
            routine_id=routine_id,
            title=titles.get(routine_id, routine_id),
            average_change=fmean(values),
            sessions=len(values),
        )
        for routine_id, values in changes.items()
        if len(values) >= min_sessions
    ]
    insights.sort(key=lambda i: (i.average_change, -i.sessions, i.title))
    rated = sum(len(values) for values in changes.values())
    return RoutineInsights(tuple(insights), rated, min_sessions)


@dataclass(frozen=True)
class DayComparison:
    """Average pain on reported days with a completed routine against those without one."""

    with_routine: float | None  # None (both): not enough data yet
    without_routine: float | None
    days_with: int
    days_without: int
    days_needed: int  # on each side

    @property
    def enough(self) -> bool:
        return self.with_routine is not None and self.without_routine is not None

    @property
    def difference(self) -> float | None:
        """With minus without: negative means lower pain on routine days."""
        if self.with_routine is None or self.without_routine is None:
            return None
        return self.with_routine - self.without_routine


def routine_day_comparison(
    entries: list[PainEntry],
    sessions: list[RoutineSession],
    window: Window,
    zone: str,
    min_days: int = MIN_COMPARISON_DAYS,
) -> DayComparison:
    """Compare the window's reported days with and without a completed routine."""
    routine_days = {local_date(s.started_at, zone) for s in _completed_in(sessions, window, zone)}
    averages = _daily_averages(e for e in entries if e.local_date in window)
    with_days = [level for day, level in averages.items() if day in routine_days]
    without_days = [level for day, level in averages.items() if day not in routine_days]
    if len(with_days) < min_days or len(without_days) < min_days:
        return DayComparison(None, None, len(with_days), len(without_days), min_days)
    return DayComparison(
        fmean(with_days), fmean(without_days), len(with_days), len(without_days), min_days
    )


# ----------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class PeriodSummary:
    """Every figure /history and the weekly summary show, all over the same window."""

    window: Window
    pain: PainFigures | None
    change: PainChange
    routines_completed: int
    routine_days: int  # local days with a completed routine
    insights: RoutineInsights
    comparison: DayComparison
    streak: int  # consecutive days with a report up to today, within the window

    @property
    def days(self) -> int:
        return self.window.days

    @property
    def has_data(self) -> bool:
        """Whether there is anything to show for this window."""
        return self.pain is not None or self.routines_completed > 0


def period_summary(
    entries: list[PainEntry],
    sessions: list[RoutineSession],
    *,
    today: date,
    days: int,
    zone: str,
    routine_titles: dict[str, str] | None = None,
) -> PeriodSummary:
    """Summarise the ``days`` local days ending today; every figure over those days only."""
    window = Window.ending(today, days)
    completed = _completed_in(sessions, window, zone)
    return PeriodSummary(
        window=window,
        pain=pain_figures(entries, window),
        change=pain_change(entries, window),
        routines_completed=len(completed),
        routine_days=len({local_date(s.started_at, zone) for s in completed}),
        insights=routine_insights(sessions, window, zone, routine_titles),
        comparison=routine_day_comparison(entries, sessions, window, zone),
        streak=min(reporting_streak(entries, today), window.days),
    )
