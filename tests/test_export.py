"""The export files' pure logic: spreadsheet-safe cells, rating rows, readable JSON."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from domain.export import DIARY_COLUMNS, diary_csv, neutralise, user_export
from domain.models import FactorEntry, PainEntry, Reminder, RoutineSession, User
from domain.preferences import Preferences, UnclearReport, WarningSign

T0 = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # the night Berlin moves its clocks forward


@pytest.mark.parametrize("cell", ["=1+1", "+49 123", "-3 better", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_a_spreadsheet_would_run_is_shown_as_text(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["stiff after work", "", "3 = fine", "'quoted"])
def test_an_ordinary_cell_is_unchanged(cell: str) -> None:
    assert neutralise(cell) == cell


def _entry(hours: int, level: int, **kw) -> PainEntry:
    at = T0 + timedelta(hours=hours)
    return PainEntry(id=f"e{hours}", recorded_at=at, local_date=at.date(), level=level, **kw)


def test_routine_ratings_are_rows_of_their_own_naming_the_routine_in_time_order() -> None:
    session = RoutineSession(
        id="s1",
        routine_id="desk-break",
        started_at=T0 + timedelta(hours=1),
        ended_at=T0 + timedelta(hours=2),
        status="completed",
        pain_before=6,
        pain_after=3,
    )
    entries = [
        _entry(0, 4, note="=cmd|' /C calc'!A0"),
        _entry(3, 2),
        _entry(1, 6, source="before_routine"),  # an older version's copy: left out
    ]
    text = diary_csv(entries, "Europe/Berlin", [session], {"desk-break": "Desk break"})
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == DIARY_COLUMNS
    got = [(r["time"], r["kind"], r["level"], r["routine"], r["source"]) for r in rows]
    assert got == [
        ("01:30", "pain", "4", "", "message"),
        ("03:30", "before routine", "6", "Desk break", "routine"),  # after the DST jump
        ("04:30", "after routine", "3", "Desk break", "routine"),
        ("05:30", "pain", "2", "", "message"),
    ]
    assert rows[0]["note"] == "'=cmd|' /C calc'!A0"
    assert {r["time_zone"] for r in rows} == {"Europe/Berlin"}


def test_the_json_export_holds_what_the_user_owns_in_readable_names() -> None:
    user = User(
        user_id=1,
        chat_id=1,
        first_name="Ana",
        timezone="Europe/Berlin",
        equipment=["ball"],
        preferences=Preferences(
            pain_area="neck",
            red_flag_date=T0.date(),
            unclear_report=UnclearReport(1, 2, None, "x"),
            warning_days=(WarningSign(T0.date(), "same_day", ("fever",)),),
            report_name="Ana Lima, born 1980",
            language="de",
        ),
    )
    reminder = Reminder(id="r1", kind="checkin", days=(0, 4), time="07:30")
    once = Reminder(id="r2", kind="routine", days=(3,), time="09:00", once_at=T0)
    exported = user_export(
        user,
        [reminder, once],
        [_entry(0, 4), _entry(1, 6, source="after_routine")],
        [],
        routine_titles={},
        exported_at=T0,
    )
    assert set(exported) == {
        "format",
        "version",
        "exported_at",
        "profile",
        "reminders",
        "pain_diary",
        "routine_sessions",
        "treatments_and_factors",
    }
    assert exported["profile"]["time_zone"] == "Europe/Berlin"
    assert exported["profile"]["language"] == "de"
    assert exported["profile"]["equipment"] == ["ball"]
    assert exported["profile"]["report_name"] == "Ana Lima, born 1980"
    assert exported["profile"]["warning_signs_reported"] == [
        {"date": T0.date().isoformat(), "level": "same_day", "signs": ["fever"]}
    ]
    assert exported["reminders"][0]["days"] == ["Mon", "Fri"]
    assert exported["reminders"][0]["what"] == "check-in"
    assert exported["reminders"][0]["once_at"] is None
    assert exported["reminders"][1]["once_at"] == T0.isoformat()
    assert [e["level"] for e in exported["pain_diary"]] == [4]
    assert exported["pain_diary"][0]["time"] == "01:30"
    flat = repr(exported)
    assert "red_flag_date" not in flat and "unclear_report" not in flat and "awaiting" not in flat


def test_treatments_and_factors_are_rows_of_their_kind_beside_the_diary() -> None:
    """Old columns keep their meaning (a factor row has no level); the factor's own words,
    amount and unit fill the new columns; the JSON lists them with their kind."""
    took = FactorEntry(
        id="f1",
        recorded_at=T0 + timedelta(hours=2),
        local_date=(T0 + timedelta(hours=2)).date(),
        kind="medication",
        name="=ibuprofen",
        amount=400.0,
    )
    walk = FactorEntry(
        id="f2",
        recorded_at=T0 + timedelta(minutes=30),
        local_date=T0.date(),
        kind="activity",
        name="walked",
        amount=30.0,
        unit="min",
        note="with the dog",
        source="button",
    )
    text = diary_csv([_entry(0, 4)], "Europe/Berlin", factors=[took, walk])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert DIARY_COLUMNS[:9] == (
        "date", "time", "level", "area", "note", "source", "time_zone", "kind", "routine"
    )  # fmt: skip
    got = [(r["time"], r["kind"], r["level"], r["factor"], r["amount"], r["unit"]) for r in rows]
    assert got == [
        ("01:30", "pain", "4", "", "", ""),
        ("03:00", "activity", "", "walked", "30", "min"),  # 01:00 UTC: clocks went forward
        ("04:30", "medication", "", "'=ibuprofen", "400", ""),
    ]
    assert rows[1]["note"] == "with the dog" and rows[1]["source"] == "button"
    exported = user_export(
        None, [], [], [], routine_titles={}, exported_at=T0, factors=[took, walk]
    )
    listed = exported["treatments_and_factors"]
    assert [(f["kind"], f["name"], f["amount"], f["unit"]) for f in listed] == [
        ("activity", "walked", 30.0, "min"),
        ("medication", "=ibuprofen", 400.0, ""),
    ]
    assert listed[1]["time"] == "02:30" and listed[1]["date"] == "2026-03-29"  # no profile: UTC
