"""Turn the pain diary and routine sessions into progress people can see.

Days are the user's local days: a pain entry carries its ``local_date`` (fixed when it was
recorded), while routine sessions carry UTC instants and are placed on a local day with the
user's zone. Averages over a period are averages of daily averages, so a day with five reports
weighs as much as a day with one. We never claim a pattern from too little data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from statistics import fmean
from zoneinfo import ZoneInfo

from domain.models import PainEntry, RoutineSession

MIN_INSIGHT_SESSIONS = 3
MIN_COMPARISON_DAYS = 3
_MINUS = "\u2212"


def local_date(instant: datetime, zone: str) -> date:
    """The user's calendar day at ``instant`` (naive instants are taken as UTC)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(ZoneInfo(zone)).date()


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


@dataclass(frozen=True)
class PeriodSummary:
    """How the last ``days`` local days went, ending with ``end`` (today)."""

    start: date
    end: date
    days: int
    average: float | None  # mean of daily averages
    lowest: int | None
    highest: int | None
    change: float | None  # average minus the previous period's average
    days_reported: int
    entries: int
    routines_completed: int
    streak: int  # consecutive days with a report, up to today (or yesterday)

    @property
    def has_data(self) -> bool:
        """Whether there is anything to show for this period."""
        return self.days_reported > 0 or self.routines_completed > 0


def _period_average(entries: list[PainEntry], start: date, end: date) -> float | None:
    averages = _daily_averages(e for e in entries if start <= e.local_date <= end)
    return fmean(averages.values()) if averages else None


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


def period_summary(
    entries: list[PainEntry],
    sessions: list[RoutineSession],
    *,
    today: date,
    days: int,
    zone: str,
) -> PeriodSummary:
    """Summarise the ``days`` local days ending today and compare with the days before."""
    if days < 1:
        raise ValueError("a period needs at least one day")
    start = today - timedelta(days=days - 1)
    in_period = [e for e in entries if start <= e.local_date <= today]
    average = _period_average(entries, start, today)
    previous = _period_average(entries, start - timedelta(days=days), start - timedelta(days=1))
    change = None if average is None or previous is None else average - previous
    completed = sum(
        1
        for s in sessions
        if s.status == "completed" and start <= local_date(s.started_at, zone) <= today
    )
    return PeriodSummary(
        start=start,
        end=today,
        days=days,
        average=average,
        lowest=min((e.level for e in in_period), default=None),
        highest=max((e.level for e in in_period), default=None),
        change=change,
        days_reported=len({e.local_date for e in in_period}),
        entries=len(in_period),
        routines_completed=completed,
        streak=reporting_streak(entries, today),
    )


def _signed(value: float) -> str:
    """One decimal with a real minus sign, "+" for increases, as people read changes."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0.0"
    sign = _MINUS if rounded < 0 else "+"
    return f"{sign}{abs(rounded):.1f}"


@dataclass(frozen=True)
class RoutineInsight:
    """How pain changed, on average, across completed runs of one routine."""

    routine_id: str
    title: str
    average_change: float  # after minus before; negative means less pain afterwards
    sessions: int

    def describe(self) -> str:
        """E.g. "Lower back ball routine: −1.8 on average over 6 sessions"."""
        if round(self.average_change, 1) == 0:
            return f"{self.title}: no change on average over {self.sessions} sessions"
        change = _signed(self.average_change)
        return f"{self.title}: {change} on average over {self.sessions} sessions"


def routine_insights(
    sessions: list[RoutineSession],
    routine_titles: dict[str, str] | None = None,
    min_sessions: int = MIN_INSIGHT_SESSIONS,
) -> list[RoutineInsight]:
    """Routines with enough completed before/after ratings, most helpful first."""
    titles = routine_titles or {}
    changes: dict[str, list[int]] = defaultdict(list)
    for s in sessions:
        if s.status == "completed" and s.pain_before is not None and s.pain_after is not None:
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
    return insights


@dataclass(frozen=True)
class DayComparison:
    """Average pain on days with a completed routine against days without one."""

    with_routine: float
    without_routine: float
    days_with: int
    days_without: int

    @property
    def difference(self) -> float:
        """With minus without: negative means lower pain on routine days."""
        return self.with_routine - self.without_routine


def routine_day_comparison(
    entries: list[PainEntry],
    sessions: list[RoutineSession],
    zone: str,
    min_days: int = MIN_COMPARISON_DAYS,
) -> DayComparison | None:
    """Compare reported days with and without a completed routine; None from too little data."""
    routine_days = {local_date(s.started_at, zone) for s in sessions if s.status == "completed"}
    averages = _daily_averages(entries)
    with_days = [level for day, level in averages.items() if day in routine_days]
    without_days = [level for day, level in averages.items() if day not in routine_days]
    if len(with_days) < min_days or len(without_days) < min_days:
        return None
    return DayComparison(
        with_routine=fmean(with_days),
        without_routine=fmean(without_days),
        days_with=len(with_days),
        days_without=len(without_days),
    )


START_HINT = "Send a number like 'pain 4' to record how your back feels."


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def summary_text(
    summary: PeriodSummary,
    insights: list[RoutineInsight],
    comparison: DayComparison | None,
) -> str:
    """A short plain-text block for /history and the weekly summary."""
    lines = [f"Last {_days(summary.days)}"]
    if summary.average is None:
        lines.append(f"No pain reports in this period yet. {START_HINT}")
    else:
        lines.append(
            f"Average pain: {summary.average:.1f}/10 "
            f"(lowest {summary.lowest}, highest {summary.highest})"
        )
        if summary.change is not None:
            if round(summary.change, 1) == 0:
                lines.append(f"About the same as the {_days(summary.days)} before.")
            else:
                lines.append(
                    f"Change from the {_days(summary.days)} before: {_signed(summary.change)}"
                )
        lines.append(f"Days with a report: {summary.days_reported} of {summary.days}")
    if summary.routines_completed:
        lines.append(f"Routines completed: {summary.routines_completed}")
    if summary.streak >= 2:
        lines.append(f"Streak: {_days(summary.streak)} in a row")
    if insights:
        lines.append("")
        lines.append("Pain before and after your routines:")
        lines.extend(f"- {insight.describe()}" for insight in insights)
    if comparison is not None:
        lines.append("")
        lines.append(
            f"On days with a routine your pain averaged {comparison.with_routine:.1f}, "
            f"on other days {comparison.without_routine:.1f} "
            f"({_days(comparison.days_with)} and {_days(comparison.days_without)})."
        )
    return "\n".join(lines)
