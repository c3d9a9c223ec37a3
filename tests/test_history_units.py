"""Pure pieces behind /history, /summary and /export: the chart, the weekly setting, the CSV."""

from __future__ import annotations

import asyncio
import csv
import io
import struct
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.charts import PNG_SIGNATURE, render_pain_chart
from domain.export import DIARY_COLUMNS, diary_csv
from domain.models import PainEntry
from domain.weekly import WeeklySetting, next_summary_time, weekly_setting

TODAY = date(2026, 11, 24)


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which always comes first."""
    return struct.unpack(">II", png[16:24])


def _days(count: int, level=lambda i: i % 11) -> list[tuple[date, float | None]]:
    return [(TODAY - timedelta(days=count - 1 - i), level(i)) for i in range(count)]


@pytest.mark.parametrize(
    ("days", "sessions"),
    [
        (_days(30, lambda i: None), set()),  # nothing reported
        (_days(7, lambda i: 5.0 if i == 3 else None), {TODAY}),  # a single point
        (_days(90, lambda i: None if i % 4 else (i % 11) / 1.5), {TODAY - timedelta(days=3)}),
        ([], set()),  # no days at all
        ([(TODAY, 7.0)], {TODAY}),  # a one-day period
    ],
)
def test_pain_chart_is_a_png_for_any_shape_of_data(days, sessions):
    png = render_pain_chart(days, sessions, "Pain, last days")
    assert png.startswith(PNG_SIGNATURE)
    assert _png_size(png) == (800, 400)


def test_chart_with_more_data_draws_more():
    sparse = render_pain_chart(_days(30, lambda i: None), set(), "t")
    dense = render_pain_chart(_days(30), {TODAY - timedelta(days=i) for i in range(0, 30, 3)}, "t")
    assert sparse != dense


def test_weekly_setting_defaults_to_sunday_evening_and_survives_garbage():
    assert weekly_setting({}) == WeeklySetting(True, 6, "19:00")
    broken = {"weekly_summary": {"enabled": "yes", "day": 9, "time": "soon"}}
    assert weekly_setting(broken) == WeeklySetting(True, 6, "19:00")
    chosen = {"weekly_summary": {"enabled": False, "day": 0, "time": "8:00"}}
    assert weekly_setting(chosen) == WeeklySetting(False, 0, "08:00")
    assert WeeklySetting().describe() == "Sundays at 19:00"


def test_weekly_summary_keeps_local_time_across_the_autumn_clock_change():
    setting = WeeklySetting(True, 6, "19:00")
    before = next_summary_time(setting, "Europe/Berlin", datetime(2026, 10, 17, tzinfo=UTC))
    after = next_summary_time(setting, "Europe/Berlin", before)
    assert before == datetime(2026, 10, 18, 17, 0, tzinfo=UTC)  # 19:00 summer time
    assert after == datetime(2026, 10, 25, 18, 0, tzinfo=UTC)  # 19:00 winter time


def _entry(entry_id: str, at: datetime, level: int, **kw) -> PainEntry:
    return PainEntry(id=entry_id, recorded_at=at, local_date=at.date(), level=level, **kw)


def test_diary_csv_is_sorted_in_local_time_and_quotes_awkward_notes():
    entries = [
        _entry("b", datetime(2026, 3, 2, 23, 30, tzinfo=UTC), 6, note='after "gym", bad'),
        _entry("a", datetime(2026, 3, 1, 8, 5, tzinfo=UTC), 3, area="lower back"),
        _entry("c", datetime(2026, 3, 3, 12, 0, tzinfo=UTC), 2, note="line one\nline two"),
    ]
    rows = list(csv.reader(io.StringIO(diary_csv(entries, "Asia/Tokyo"))))
    assert tuple(rows[0]) == DIARY_COLUMNS
    assert [row[2] for row in rows[1:]] == ["3", "6", "2"]
    assert rows[1][1] == "17:05"  # 08:05 UTC on a Tokyo clock
    assert rows[1][3] == "lower back"
    assert rows[2][4] == 'after "gym", bad'
    assert rows[3][4] == "line one\nline two"
    assert rows[1][5] == "message"


def test_empty_diary_is_just_the_header():
    assert diary_csv([], "UTC").strip() == ",".join(DIARY_COLUMNS)


async def test_charts_render_in_another_process_and_fall_back_to_a_thread(monkeypatch):
    import os

    import bot.charts as charts

    days = _days(7)
    if charts._pool is not None:
        charts._pool.shutdown(wait=False)
    charts._pool = charts._warming = None  # as at start-up: no process yet
    in_thread = []
    monkeypatch.setattr(charts.asyncio, "to_thread", lambda *a: in_thread.append(a))
    png = await charts.render_pain_chart_off_loop(days, set(), "t")  # waits for the process
    assert png.startswith(PNG_SIGNATURE)
    assert charts._ready() and not in_thread
    monkeypatch.undo()
    assert (await charts.render_pain_chart_off_loop(days, set(), "t")).startswith(PNG_SIGNATURE)
    pid = await asyncio.get_running_loop().run_in_executor(charts._renderer(), os.getpid)
    assert pid != os.getpid()  # matplotlib's GIL time is not the event loop's

    class Broken:
        def submit(self, *args, **kwargs):
            raise RuntimeError("cannot start new processes")

    monkeypatch.setattr(charts, "_pool", Broken())
    monkeypatch.setattr(charts, "_warming", None)
    assert (await charts.render_pain_chart_off_loop(days, set(), "t")).startswith(PNG_SIGNATURE)
    assert charts._pool is None  # a fresh process is tried next time
