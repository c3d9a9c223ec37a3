"""The report for a clinician (/report): every figure of one period, as plain data.

Pure: built from the diary, the routine sessions, the recorded warning sign and factor
marks the caller read from storage; drawn as a PDF and a PNG preview by ``bot.report_pdf``.
Figures follow ``domain.stats`` (days are the user's local days; an average over days is an
average of daily averages) and the factor findings follow ``domain.associations``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean
from typing import Literal

from domain import stats
from domain.associations import Association, Findings, findings
from domain.factors import KIND_LABELS, factor_key, format_amount
from domain.models import FactorEntry, PainEntry, RoutineSession

Period = Literal["4w", "3m", "all"]
PERIOD_DAYS: dict[str, int] = {"4w": 28, "3m": 91}  # "all": from the first entry
MAX_NOTES = 8  # the most recent notes, so the report stays within two pages
NOTE_LENGTH = 140  # characters of one note before it is shortened
MAX_LISTED = 8  # areas, routines, factors
EXTREME_DAYS = 3  # best days and worst days listed
# /history and the weekly summary look for what goes with better days over this many days:
# a week or a month rarely holds enough days with and without a factor.
GOES_WITH_DAYS = 90


@dataclass(frozen=True)
class FactorMark:
    """One recorded treatment or factor on a local day (e.g. "took ibuprofen 400")."""

    day: date
    key: str  # e.g. "medication:ibuprofen", what goes with pain is computed per key
    label: str  # how the report names it, e.g. "ibuprofen (medication)"
    amount: str = ""  # as the person gave it, e.g. "400 mg"; "" if none


@dataclass(frozen=True)
class SignDay:
    """Warning signs the person reported on one local day, in the table's own words."""

    day: date
    tier_title: str
    signs: tuple[str, ...]


@dataclass(frozen=True)
class DayPain:
    day: date
    average: float | None  # None: no report that day
    worst: int | None
    areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoutineLine:
    title: str
    done: int  # completed sessions in the period
    average_change: float | None  # after minus before over rated sessions; None: none rated
    rated: int


@dataclass(frozen=True)
class FactorLine:
    label: str
    entries: int
    days: int
    amounts: tuple[tuple[str, int], ...] = ()  # amount as given, times; most given first


@dataclass(frozen=True)
class Note:
    day: date
    text: str  # shortened to NOTE_LENGTH


@dataclass(frozen=True)
class ClinicianReport:
    """Everything the report shows, over ``window`` (both ends included)."""

    name: str  # first name only
    period: Period
    window: stats.Window
    made_on: date
    days: tuple[DayPain, ...]
    pain: stats.PainFigures | None
    change: stats.PainChange | None  # None for "from the first entry": nothing before it
    best_days: tuple[DayPain, ...]  # lowest daily average first
    worst_days: tuple[DayPain, ...]  # highest single report first
    areas: tuple[tuple[str, int], ...]  # area, reports naming it; most named first
    area_reports: int  # reports in the period (the areas' denominator)
    signs: tuple[SignDay, ...]
    routines: tuple[RoutineLine, ...]
    comparison: stats.DayComparison
    factors: tuple[FactorLine, ...]
    findings: tuple[Association, ...]
    factor_labels: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    routine_days: frozenset[date] = frozenset()
    # The most recorded treatments and factors and their days, drawn under the chart.
    factor_days: tuple[tuple[str, frozenset[date]], ...] = ()

    @property
    def has_data(self) -> bool:
        return self.pain is not None or bool(self.routines) or bool(self.factors)


def marks_from_factors(
    entries: Sequence[FactorEntry], kind_names: Mapping[str, str] | None = None
) -> list[FactorMark]:
    """One mark per treatment or factor entry, grouped by kind and ``factor_key`` ("Walked"
    and "a walk" are one activity), named as first written; ``kind_names``: what each kind
    is called in the reader's language (English ``KIND_LABELS`` otherwise)."""
    names = kind_names if kind_names is not None else KIND_LABELS
    labels: dict[str, str] = {}
    marks = []
    for entry in sorted(entries, key=lambda e: e.recorded_at):
        name = " ".join(entry.name.split())
        key = f"{entry.kind}:{factor_key(name)}"
        kind = names.get(entry.kind, entry.kind)
        label = labels.setdefault(key, f"{name} ({kind})" if name.casefold() != kind else name)
        marks.append(
            FactorMark(entry.local_date, key, label, format_amount(entry.amount, entry.unit))
        )
    return marks


def first_day(
    entries: Sequence[PainEntry],
    session_days: Sequence[date],
    marks: Sequence[FactorMark],
) -> date | None:
    """The first local day with anything recorded; None for an empty diary."""
    days = [e.local_date for e in entries] + list(session_days) + [m.day for m in marks]
    return min(days) if days else None


def report_window(period: Period, today: date, first: date | None) -> stats.Window:
    """The days a period covers, ending today."""
    if period == "all":
        return stats.Window(min(first or today, today), today)
    return stats.Window.ending(today, PERIOD_DAYS[period])


def shorten(text: str, length: int = NOTE_LENGTH) -> str:
    """One line of at most ``length`` characters, cut at a word with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    cut = flat[: length - 1].rsplit(" ", 1)[0] if " " in flat[: length - 1] else flat[: length - 1]
    return cut.rstrip(" ,.;:") + "…"


def build_report(
    *,
    name: str,
    period: Period,
    today: date,
    zone: str,
    entries: Sequence[PainEntry],
    sessions: Sequence[RoutineSession],
    routine_titles: Mapping[str, str],
    signs: Sequence[SignDay] = (),
    marks: Sequence[FactorMark] = (),
) -> ClinicianReport:
    """The report of ``period`` ending ``today`` (sessions placed on days in ``zone``)."""
    completed = [s for s in sessions if s.status == "completed"]
    session_days = [stats.local_date(s.started_at, zone) for s in completed]
    window = report_window(period, today, first_day(entries, session_days, marks))
    inside = [e for e in entries if e.local_date in window]
    days = _days(inside, window)
    reported = [d for d in days if d.average is not None]
    areas = Counter(e.area for e in inside if e.area)
    # Up to three best and worst days, never the same day in both lists.
    extremes = min(EXTREME_DAYS, len(reported) // 2) or len(reported)
    in_window = [s for s, day in zip(completed, session_days, strict=True) if day in window]
    marks_in = [m for m in marks if m.day in window]
    return ClinicianReport(
        name=name,
        period=period,
        window=window,
        made_on=today,
        days=tuple(days),
        pain=stats.pain_figures(list(inside), window),
        change=None if period == "all" else stats.pain_change(list(entries), window),
        best_days=tuple(sorted(reported, key=lambda d: (d.average, -d.day.toordinal())))[:extremes],
        worst_days=tuple(sorted(reported, key=lambda d: (-(d.worst or 0), -d.day.toordinal())))[
            :extremes
        ],
        areas=tuple(areas.most_common(MAX_LISTED)),
        area_reports=len(inside),
        signs=tuple(sorted((s for s in signs if s.day in window), key=lambda s: s.day)),
        routines=_routines(in_window, routine_titles),
        comparison=stats.routine_day_comparison(list(entries), list(completed), window, zone),
        factors=_factor_lines(marks_in),
        findings=factor_findings(inside, marks_in, window).shown[:MAX_LISTED],
        factor_labels={m.key: m.label for m in marks_in},
        notes=_notes(inside),
        routine_days=frozenset(day for day in session_days if day in window),
        factor_days=_factor_days(marks_in),
    )


def _days(entries: Sequence[PainEntry], window: stats.Window) -> list[DayPain]:
    by_day: dict[date, list[PainEntry]] = defaultdict(list)
    for entry in entries:
        by_day[entry.local_date].append(entry)
    days = []
    for day in window.each_day():
        found = by_day.get(day, [])
        levels = [e.level for e in found]
        days.append(
            DayPain(
                day,
                fmean(levels) if levels else None,
                max(levels) if levels else None,
                tuple(dict.fromkeys(e.area for e in found if e.area)),
            )
        )
    return days


def _routines(
    sessions: Sequence[RoutineSession], titles: Mapping[str, str]
) -> tuple[RoutineLine, ...]:
    done: Counter[str] = Counter(s.routine_id for s in sessions)
    changes: dict[str, list[int]] = defaultdict(list)
    for s in sessions:
        if s.pain_before is not None and s.pain_after is not None:
            changes[s.routine_id].append(s.pain_after - s.pain_before)
    lines = [
        RoutineLine(
            titles.get(rid, rid),
            count,
            fmean(changes[rid]) if changes[rid] else None,
            len(changes[rid]),
        )
        for rid, count in done.most_common(MAX_LISTED)
    ]
    return tuple(lines)


def _factor_lines(marks: Sequence[FactorMark]) -> tuple[FactorLine, ...]:
    entries: Counter[str] = Counter(m.key for m in marks)
    days: dict[str, set[date]] = defaultdict(set)
    labels: dict[str, str] = {}
    for m in marks:
        days[m.key].add(m.day)
        labels.setdefault(m.key, m.label)
    amounts: dict[str, Counter[str]] = defaultdict(Counter)
    for m in marks:
        if m.amount:
            amounts[m.key][m.amount] += 1
    ordered = sorted(entries, key=lambda k: (-len(days[k]), -entries[k], labels[k]))
    return tuple(
        FactorLine(labels[k], entries[k], len(days[k]), tuple(amounts[k].most_common(3)))
        for k in ordered[:MAX_LISTED]
    )


def _factor_days(marks: Sequence[FactorMark], most: int = 4) -> tuple:
    days: dict[str, set[date]] = defaultdict(set)
    labels: dict[str, str] = {}
    for m in marks:
        days[m.key].add(m.day)
        labels.setdefault(m.key, m.label)
    ordered = sorted(days, key=lambda k: (-len(days[k]), labels[k]))[:most]
    return tuple((labels[k], frozenset(days[k])) for k in ordered)


def factor_findings(
    entries: Sequence[PainEntry], marks: Sequence[FactorMark], window: stats.Window
) -> Findings:
    """What goes with lower or higher pain the same or next day, over ``window`` only."""
    pain = {
        day: level
        for day, level in stats.daily_levels(list(entries), window.start, window.end)
        if level is not None
    }
    factors: dict[date, set[str]] = defaultdict(set)
    for m in marks:
        if m.day in window:
            factors[m.day].add(m.key)
    return findings(pain, factors)


def _notes(entries: Sequence[PainEntry]) -> tuple[Note, ...]:
    noted = sorted((e for e in entries if e.note.strip()), key=lambda e: e.recorded_at)
    return tuple(Note(e.local_date, shorten(e.note)) for e in reversed(noted))[:MAX_NOTES]
