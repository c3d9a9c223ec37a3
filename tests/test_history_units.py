"""Pure pieces behind /history, /summary and /export: the chart, its words, the weekly
setting, the CSV."""

from __future__ import annotations

import asyncio
import csv
import io
import struct
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.charts import (
    NO_REPORTS,
    PAIN_LABEL,
    PNG_SIGNATURE,
    SESSION_LABEL,
    TREND_LABEL,
    chart_spec,
    draw_chart,
    render_pain_chart,
)
from bot.texts import history as t
from domain.export import DIARY_COLUMNS, diary_csv
from domain.models import PainEntry, RoutineSession
from domain.stats import Window, period_summary
from domain.weekly import WeeklySetting, next_summary_time, weekly_setting

TODAY = date(2026, 11, 24)


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which always comes first."""
    return struct.unpack(">II", png[16:24])


def _days(count: int, level=lambda i: i % 11) -> list[tuple[date, float | None]]:
    return [(TODAY - timedelta(days=count - 1 - i), level(i)) for i in range(count)]


def _chart(days, sessions=frozenset(), trend=None):
    return chart_spec(days, set(sessions), "Pain, last days", trend)


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
    png = render_pain_chart(_chart(days, sessions, trend=days))
    assert png.startswith(PNG_SIGNATURE)
    assert _png_size(png) == (910, 598)


def _tick_labels(spec) -> list[str]:
    return [label for _, label in spec.ticks]


def test_chart_across_two_months_names_both():
    spec = _chart(_days(30))  # 26 Oct to 24 Nov
    labels = _tick_labels(spec)
    assert labels[0].endswith(" Oct") and any(label.endswith(" Nov") for label in labels)
    assert labels[-1] == "24"  # the last tick is today, in a month already named
    assert 5 <= len(labels) <= 7
    week = _tick_labels(_chart(_days(7)))  # 18 to 24 Nov: one month, named once
    assert week == ["18 Nov", "19", "20", "21", "22", "23", "24"]
    quarter = _tick_labels(_chart(_days(90)))
    assert {label.split()[-1] for label in quarter if " " in label} == {"Aug", "Sep", "Oct", "Nov"}


def test_a_lone_day_of_data_sits_in_the_middle_of_the_chart():
    spec = _chart(_days(30, lambda i: 6.0 if i == 29 else None))  # reported today only
    low, high = spec.x_range
    assert (low + high) / 2 == TODAY.toordinal()
    assert _tick_labels(spec) == ["24 Nov"]
    alone = _chart(_days(7, lambda i: None), {TODAY - timedelta(days=2)})  # a routine only
    assert sum(alone.x_range) / 2 == (TODAY - timedelta(days=2)).toordinal()


def test_points_on_the_first_and_last_day_clear_the_frame():
    for count in (7, 30, 90):
        spec = _chart(_days(count))
        low, high = spec.x_range
        first, last = spec.pain[0][0], spec.pain[-1][0]
        assert low < first - 0.5 and high > last + 0.5


def test_trend_line_is_drawn_and_named_when_there_are_enough_points():
    days = _days(30)
    trend = [(day, 4.0 if i > 5 else None) for i, (day, _) in enumerate(days)]
    figure = draw_chart(_chart(days, {TODAY}, trend))
    axes = figure.axes[0]
    labels = [line.get_label() for line in axes.get_lines()]
    assert TREND_LABEL in labels and PAIN_LABEL in labels
    (legend,) = figure.legends
    assert [text.get_text() for text in legend.get_texts()] == [
        SESSION_LABEL,
        PAIN_LABEL,
        TREND_LABEL,
    ]
    one_value = [(day, 4.0 if i == 29 else None) for i, (day, _) in enumerate(days)]
    assert _chart(days, trend=one_value).trend == ()  # a single value is not a line


def test_legend_stays_outside_the_plot():
    figure = draw_chart(_chart(_days(30), {TODAY - timedelta(days=i) for i in range(0, 30, 2)}))
    renderer = figure.canvas.get_renderer() if hasattr(figure.canvas, "get_renderer") else None
    if renderer is None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    plot = figure.axes[0].get_window_extent(renderer)
    legend = figure.legends[0].get_window_extent(renderer)
    assert not legend.overlaps(plot)


def test_empty_chart_says_so_and_has_no_legend():
    spec = _chart(_days(7, lambda i: None))
    assert spec.note == NO_REPORTS and spec.trend == ()
    figure = draw_chart(spec)
    assert figure.legends == []
    assert NO_REPORTS in [text.get_text() for text in figure.axes[0].texts]


# --- the words under the chart ---------------------------------------------------------


def _entry_on(day: date, level: int) -> PainEntry:
    at = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    return PainEntry(id=f"{day}-{level}", recorded_at=at, local_date=day, level=level)


def _rated(day: date, routine: str, before: int, after: int) -> RoutineSession:
    at = datetime(day.year, day.month, day.day, 18, tzinfo=UTC)
    return RoutineSession(
        id=f"{routine}-{day}",
        routine_id=routine,
        started_at=at,
        status="completed",
        pain_before=before,
        pain_after=after,
    )


def _ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_every_heading_names_its_window_and_each_figure_its_days():
    # Levels 3, 4, 5, 3, 4, 5, 3 over the week (0 to 6 days ago), two days the week before.
    entries = [_entry_on(_ago(i), 3 + i % 3) for i in range(0, 9)]
    sessions = [_rated(_ago(i), "ball", 6, 4) for i in range(0, 12, 2)]  # 4 in the week
    summary = period_summary(
        entries, sessions, today=TODAY, days=7, zone="UTC", routine_titles={"ball": "Ball <1>"}
    )
    text = t.summary(summary)
    assert text.startswith("Last 7 days (18 Nov – 24 Nov)\n")
    assert "Average pain: 3.9/10 from 7 of 7 days (lowest 3, highest 5)" in text
    assert "Change from the 7 days before: not enough data yet" in text
    assert "(needs 3 days with a report in each period: 7 now, 2 before)" in text
    assert "Routines completed: 4, on 4 days" in text
    assert "Pain before and after routines, last 7 days:\n- Ball &lt;1&gt;: \u22122.0" in text
    assert "on average over 4 sessions" in text
    assert (
        "Days with a routine and without, last 7 days:\n"
        "Pain averaged 3.8 on 4 days with a routine and 4.0 on 3 days without"
    ) in text
    assert "Streak: a report every day of these 7" in text


def test_too_little_data_says_not_enough_data_yet():
    summary = period_summary(
        [_entry_on(TODAY, 4)], [_rated(TODAY, "ball", 5, 3)], today=TODAY, days=30, zone="UTC"
    )
    text = t.summary(summary)
    assert "Average pain: 4.0/10 from 1 of 30 days\n" in text  # one report: no range
    assert "Change from the 30 days before: not enough data yet (needs 8 days" in text
    assert "before and after routines, last 30 days: not enough data yet" in text
    assert "(needs 3 rated sessions of one routine; 1 so far)" in text
    assert "Pain averaged" not in text and "on average over" not in text


def test_summary_without_reports_says_how_to_start():
    summary = period_summary([], [_rated(TODAY, "ball", 5, 3)], today=TODAY, days=7, zone="UTC")
    text = t.summary(summary)
    assert "No pain reports in these days yet" in text and "pain 4" in text
    assert "Routines completed: 1, on 1 day" in text
    assert "Average" not in text and "Change" not in text and "Days with a routine" not in text


@pytest.mark.parametrize(
    ("change", "text"),
    [(-1.84, "\u22121.8"), (0.5, "+0.5"), (0.0, "0.0"), (-0.04, "0.0")],
)
def test_changes_read_with_a_real_minus_sign(change: float, text: str) -> None:
    assert t.signed(change) == text


def test_a_one_day_window_names_just_that_day():
    assert t.window_heading(Window(TODAY, TODAY)) == "Last 1 day (24 Nov)"


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

    days = _chart(_days(7))
    if charts._pool is not None:
        charts._pool.shutdown(wait=False)
    charts._pool = charts._warming = None  # as at start-up: no process yet
    in_thread = []
    monkeypatch.setattr(charts.asyncio, "to_thread", lambda *a: in_thread.append(a))
    png = await charts.render_pain_chart_off_loop(days)  # waits for the process
    assert png.startswith(PNG_SIGNATURE)
    assert charts._ready() and not in_thread
    monkeypatch.undo()
    assert (await charts.render_pain_chart_off_loop(days)).startswith(PNG_SIGNATURE)
    pid = await asyncio.get_running_loop().run_in_executor(charts._renderer(), os.getpid)
    assert pid != os.getpid()  # matplotlib's GIL time is not the event loop's

    class Broken:
        def submit(self, *args, **kwargs):
            raise RuntimeError("cannot start new processes")

    monkeypatch.setattr(charts, "_pool", Broken())
    monkeypatch.setattr(charts, "_warming", None)
    assert (await charts.render_pain_chart_off_loop(days)).startswith(PNG_SIGNATURE)
    assert charts._pool is None  # a fresh process is tried next time
