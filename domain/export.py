"""Turn a person's data into files they can take elsewhere (a spreadsheet, a doctor).

Times are shown on the person's own wall clock, because that is how they remember them,
and every row says which clock that is. What is exported is what the person owns: their
profile and choices, reminders, diary, treatments and factors, and routine sessions
(docs/data.md describes the format). The bot's own bookkeeping (a question it is waiting
for, the day a warning was last shown, a half-finished report) is not theirs and stays out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.factors import format_amount
from domain.models import FactorEntry, PainEntry, Reminder, RoutineSession, User

# The columns of earlier versions first, unchanged (a spreadsheet built on them keeps
# working); treatments and factors added "factor", "amount" and "unit".
DIARY_COLUMNS = (
    "date",
    "time",
    "level",
    "area",
    "note",
    "source",
    "time_zone",
    "kind",
    "routine",
    "factor",
    "amount",
    "unit",
)
EXPORT_FORMAT = "backcare-bot export"
EXPORT_VERSION = 1
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PAIN = "pain"
BEFORE_ROUTINE = "before routine"
AFTER_ROUTINE = "after routine"

# A cell starting with one of these is run as a formula by spreadsheets (OWASP: CSV
# injection); a leading single quote makes it text and shows the cell unchanged.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet shows as text, never runs: ``=1+1`` -> ``'=1+1``."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def diary_csv(
    entries: Iterable[PainEntry],
    zone: str,
    sessions: Iterable[RoutineSession] = (),
    routine_titles: Mapping[str, str] | None = None,
    factors: Iterable[FactorEntry] = (),
) -> str:
    """The diary as CSV text (header + one row per entry, oldest first, local date and time).

    Rows of kind "pain" are the diary; routine ratings follow the same columns as kind
    "before routine" / "after routine" with the routine's title, so they are never mistaken
    for diary entries. Treatments and factors are rows of their own kind ("medication",
    "heat_cold", "activity", ...) with no level: the user's name for them in "factor",
    and the amount and unit they gave. The date column of a diary entry (and of a factor)
    is its ``local_date`` (fixed when it was recorded), so a diary exported after moving
    still groups entries by the day they were felt.
    """
    tz = ZoneInfo(zone)
    titles = routine_titles or {}
    rows: list[tuple[datetime, str, tuple[Any, ...]]] = []
    for entry in entries:
        if entry.is_routine_rating:
            continue  # older versions' copies of session ratings: the sessions give them
        local = entry.recorded_at.astimezone(tz)
        row = (
            entry.local_date.isoformat(),
            f"{local:%H:%M}",
            entry.level,
            entry.area or "",
            entry.note,
            entry.source,
            zone,
            PAIN,
            "",
            "",
            "",
            "",
        )
        rows.append((entry.recorded_at, entry.id, row))
    for session in sessions:
        title = titles.get(session.routine_id, session.routine_id)
        for kind, level, at in _ratings(session):
            local = at.astimezone(tz)
            row = (local.date().isoformat(), f"{local:%H:%M}", level, "", "", "routine", zone)
            rows.append((at, session.id + kind, (*row, kind, title, "", "", "")))
    for factor in factors:
        local = factor.recorded_at.astimezone(tz)
        row = (factor.local_date.isoformat(), f"{local:%H:%M}", "", "", factor.note)
        row += (factor.source, zone, factor.kind, "", factor.name)
        row += (format_amount(factor.amount), factor.unit if factor.amount is not None else "")
        rows.append((factor.recorded_at, factor.id, row))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DIARY_COLUMNS)
    for _, _, row in sorted(rows, key=lambda r: (r[0], r[1])):
        writer.writerow([neutralise(c) if isinstance(c, str) else c for c in row])
    return buffer.getvalue()


def _ratings(session: RoutineSession) -> list[tuple[str, int, datetime]]:
    found = []
    if session.pain_before is not None:
        found.append((BEFORE_ROUTINE, session.pain_before, session.started_at))
    if session.pain_after is not None:
        found.append((AFTER_ROUTINE, session.pain_after, session.ended_at or session.started_at))
    return found


def user_export(
    user: User | None,
    reminders: Iterable[Reminder],
    entries: Iterable[PainEntry],
    sessions: Iterable[RoutineSession],
    *,
    routine_titles: Mapping[str, str],
    exported_at: datetime,
    factors: Iterable[FactorEntry] = (),
) -> dict[str, Any]:
    """What the person owns, in readable names (JSON-ready). Instants are UTC ISO 8601;
    dates and wall-clock times are the person's own ("time_zone")."""
    zone = (user.timezone if user else None) or "UTC"
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": exported_at.isoformat(),
        "profile": _profile(user, zone),
        "reminders": [_reminder(r, routine_titles) for r in reminders],
        "pain_diary": [
            _entry(e, zone)
            for e in sorted(entries, key=lambda e: (e.recorded_at, e.id))
            if not e.is_routine_rating
        ],
        "routine_sessions": [_session(s, routine_titles) for s in sessions],
        "treatments_and_factors": [
            _factor(f, zone) for f in sorted(factors, key=lambda f: (f.recorded_at, f.id))
        ],
    }


def _profile(user: User | None, zone: str) -> dict[str, Any]:
    if user is None:
        return {"time_zone": zone}
    prefs = user.preferences
    weekly = prefs.weekly_summary
    screening = prefs.screening
    return {
        "first_name": user.first_name,
        "language": prefs.language,  # the bot's language for them; null: not chosen yet
        "time_zone": zone,
        "joined_at": user.created_at.isoformat(),
        "equipment": list(user.equipment),
        "weekly_summary": {
            "on": weekly.enabled,
            "day": DAY_NAMES[weekly.day],
            "time": weekly.time,
        },
        "reminders_paused": prefs.reminders_stopped,
        "safety_answers": {
            "answered_on": _date(screening.answered_on),
            "declined_on": _date(screening.declined_on),
            "conditions": sorted(screening.conditions - screening.unsure),
            "not_sure": sorted(screening.unsure),
        },
        "tool_answers": dict(prefs.tools_answers),
        "report_name": prefs.report_name,
        "warning_signs_reported": [
            {"date": day.date.isoformat(), "level": day.tier, "signs": list(day.codes)}
            for day in prefs.warning_days
        ],
    }


def _reminder(reminder: Reminder, titles: Mapping[str, str]) -> dict[str, Any]:
    return {
        "id": reminder.id,
        "what": "check-in" if reminder.kind == "checkin" else "routine",
        "routine": titles.get(reminder.routine_id, reminder.routine_id)
        if reminder.routine_id
        else None,
        "days": [DAY_NAMES[d] for d in reminder.days if 0 <= d < len(DAY_NAMES)],
        "time": reminder.time,
        # A one-off's moment (UTC); its days and time say nothing then.
        "once_at": reminder.once_at.isoformat() if reminder.once_at else None,
        "paused": reminder.paused,
        "created_at": reminder.created_at.isoformat(),
    }


def _entry(entry: PainEntry, zone: str) -> dict[str, Any]:
    return {
        "id": entry.id,
        "date": entry.local_date.isoformat(),
        "time": f"{entry.recorded_at.astimezone(ZoneInfo(zone)):%H:%M}",
        "recorded_at": entry.recorded_at.isoformat(),
        "level": entry.level,
        "area": entry.area,
        "note": entry.note,
        "source": entry.source,
    }


def _factor(entry: FactorEntry, zone: str) -> dict[str, Any]:
    return {
        "id": entry.id,
        "date": entry.local_date.isoformat(),
        "time": f"{entry.recorded_at.astimezone(ZoneInfo(zone)):%H:%M}",
        "recorded_at": entry.recorded_at.isoformat(),
        "kind": entry.kind,
        "name": entry.name,
        "amount": entry.amount,
        "unit": entry.unit,
        "note": entry.note,
        "source": entry.source,
    }


def _session(session: RoutineSession, titles: Mapping[str, str]) -> dict[str, Any]:
    return {
        "id": session.id,
        "routine": titles.get(session.routine_id, session.routine_id),
        "routine_id": session.routine_id,
        "started_at": session.started_at.isoformat(),
        "ended_at": session.ended_at.isoformat() if session.ended_at else None,
        "status": session.status,
        "steps_reached": session.step + 1,
        "pain_before": session.pain_before,
        "pain_after": session.pain_after,
    }


def _date(day: Any) -> str | None:
    return day.isoformat() if day is not None else None
