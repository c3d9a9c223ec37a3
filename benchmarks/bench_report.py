"""/report's cost: gathering the figures, drawing the PDF and the preview, and what the
event loop feels while a report is drawn.

    python -m benchmarks.bench_report            # 4 weeks, 3 months, 1 year; 5 rounds
    python -m benchmarks.bench_report --quick    # 4 weeks only, 1 round

The baseline, from the same run and the same diary: the /history chart of the same days
(``bot.charts.render_pain_chart``), the drawing every user already gets. The diary has two
or three reports a day with areas and notes, a routine every third day and a factor or two
a day. Loop lag is the longest gap of a 5 ms ticker while one report is drawn: through
``render_off_loop`` (the rendering process, as the bot does it) and, for comparison,
called straight on the loop.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta

from benchmarks._common import machine_note
from bot import charts
from bot.report_pdf import render_report, render_report_pdf, render_report_preview
from domain import stats
from domain.models import PainEntry, RoutineSession
from domain.report import PERIOD_DAYS, FactorMark, build_report

TODAY = date(2026, 12, 3)
AREAS = ("lower back", "neck", "hips", "upper back", None)
FACTORS = (
    ("activity:walk", "walk (activity)"),
    ("medication:ibuprofen", "ibuprofen (medication)"),
    ("sleep:slept badly", "slept badly (sleep)"),
    ("heat:heat pack", "heat pack (heat/cold)"),
)


def diary(days: int) -> tuple[list[PainEntry], list[RoutineSession], list[FactorMark]]:
    rng = random.Random(days)
    entries, sessions, marks = [], [], []
    for ago in range(days):
        day = TODAY - timedelta(days=ago)
        for n in range(rng.randint(2, 3)):
            entries.append(
                PainEntry(
                    id=f"{ago}-{n}",
                    recorded_at=datetime(day.year, day.month, day.day, 8 + 4 * n, tzinfo=UTC),
                    local_date=day,
                    level=rng.randint(1, 8),
                    area=rng.choice(AREAS),
                    note=rng.choice(("", "", "stiff in the morning after a long drive", "ok")),
                )
            )
        if ago % 3 == 0:
            sessions.append(
                RoutineSession(
                    id=f"s{ago}",
                    routine_id="desk-break",
                    started_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
                    status="completed",
                    pain_before=5,
                    pain_after=3,
                )
            )
        for key, label in rng.sample(FACTORS, rng.randint(1, 2)):
            marks.append(FactorMark(day, key, label))
    return entries, sessions, marks


def gather_report(period, entries, sessions, marks):
    return build_report(
        name="Anna",
        period=period,
        today=TODAY,
        zone="Europe/Berlin",
        entries=entries,
        sessions=sessions,
        routine_titles={"desk-break": "Desk break"},
        marks=marks,
    )


def timed(func, *args, rounds: int) -> tuple[float, object]:
    """Median milliseconds of ``rounds`` calls, and the last result."""
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = func(*args)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


async def loop_lag(work) -> float:
    """The longest gap (ms) of a 5 ms ticker while ``work()`` is awaited."""
    longest = 0.0
    done = False

    async def tick() -> None:
        nonlocal longest
        last = time.perf_counter()
        while not done:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            longest = max(longest, (now - last) * 1000)
            last = now

    ticker = asyncio.create_task(tick())
    await asyncio.sleep(0.02)  # the ticker is running before the work starts
    await work()
    done = True
    await ticker
    return longest


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sizes = [("4 weeks", "4w", 28)]
    if not args.quick:
        sizes += [("3 months", "3m", PERIOD_DAYS["3m"]), ("1 year", "all", 365)]
    rounds = 1 if args.quick else args.rounds
    print(f"# /report: {machine_note()}; median of {rounds} round(s) in this process")
    print("| period | gather ms | PDF ms | preview ms | PDF kB | /history chart ms (baseline) |")
    print("|---|---|---|---|---|---|")
    # Imports (matplotlib, fpdf2) are paid once before anything is timed.
    render_report(
        build_report(
            name="A",
            period="4w",
            today=TODAY,
            zone="UTC",
            entries=diary(7)[0],
            sessions=[],
            routine_titles={},
        )
    )
    last = None
    for label, period, days in sizes:
        entries, sessions, marks = diary(days)
        gather, report = timed(gather_report, period, entries, sessions, marks, rounds=rounds)
        pdf_ms, pdf = timed(render_report_pdf, report, rounds=rounds)
        preview_ms, _ = timed(render_report_preview, report, rounds=rounds)
        window = report.window
        spec = charts.chart_spec(
            stats.daily_levels(entries, window.start, window.end),
            set(),
            "Pain",
            trend=stats.rolling_average(entries, window),
        )
        chart_ms, _ = timed(charts.render_pain_chart, spec, rounds=rounds)
        print(
            f"| {label} ({days} days) | {gather:.0f} | {pdf_ms:.0f} | {preview_ms:.0f} "
            f"| {len(pdf) / 1024:.0f} | {chart_ms:.0f} |"
        )
        last = report
    charts.warm_up()
    await charts.render_off_loop(render_report, last)  # the process is up and warm
    off = await loop_lag(lambda: charts.render_off_loop(render_report, last))

    async def on_loop() -> None:
        render_report(last)

    on = await loop_lag(on_loop)
    print(
        f"loop lag while one report is drawn: {off:.0f} ms in the rendering process "
        f"vs {on:.0f} ms drawn on the loop (baseline)"
    )
    charts.shut_down()


if __name__ == "__main__":
    asyncio.run(main())
