"""Charts as PNG bytes: pure functions, no Telegram, no global pyplot state.

Rendering uses matplotlib's object API (``Figure`` + the Agg canvas). The bot renders in a
separate process (:func:`render_pain_chart_off_loop`): matplotlib holds the GIL for
most of a chart's rendering, so in a worker thread it stalled the event loop and every
other answer during a reminder fan-out. A process has its own GIL and the second core.

matplotlib is imported on first use, not with this module: its import is a large share of
the bot's start-up (see ``python -X importtime``).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import math
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, TypeVar

from bot.i18n import N_, _, current_language, use_language
from bot.texts.formats import day_and_month

if TYPE_CHECKING:
    from matplotlib.figure import Figure

A = TypeVar("A")
R = TypeVar("R")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

logger = logging.getLogger(__name__)
_pool: ProcessPoolExecutor | None = None
_warming: Future[bool] | None = None  # the process's first task: done once it is up

WARM_UP_WAIT = 10.0  # seconds a chart waits for the starting process before using a thread

_LINE = "#2b6cb0"
_TREND = "#dd6b20"
_SESSION = "#38a169"

# Text sizes for a chart read on a phone, where Telegram shows it about 360 points wide.
_FONT = 14
TREND_LABEL = N_("7-day average")
PAIN_LABEL = N_("pain that day")
SESSION_LABEL = N_("routine done")
NO_REPORTS = N_("no pain reports in these days")
Y_LABEL = N_("pain (0-10)")
MAX_TICKS = 7
LEGEND_ROW = 40  # characters of legend that fit one row under the chart
# A lone day of data is drawn in the middle of a week-wide axis, not on its edge.
LONE_DAY_HALF_SPAN = 3.5


@dataclass(frozen=True)
class ChartSpec:
    """Everything drawn, as plain data (x is a day's proleptic ordinal, ``date.toordinal``):
    built by :func:`chart_spec` without matplotlib, drawn by :func:`draw_chart`."""

    title: str
    x_range: tuple[float, float]
    ticks: tuple[tuple[float, str], ...]
    pain: tuple[tuple[float, float | None], ...]  # None: no report that day (a gap)
    trend: tuple[tuple[float, float | None], ...]  # empty: too little data for a trend
    sessions: tuple[float, ...]
    note: str | None = None  # said in the middle of an empty chart (a msgid)
    # The user's language: the chart is drawn in another process, where no update set it.
    language: str = "en"


def _tick_labels(days: list[date]) -> list[str]:
    """Labels like "27 Nov", "29", "1 Dec", "3" (in the current language): the month on the
    first tick and wherever a new month starts."""
    labels = []
    previous: date | None = None
    for day in days:
        new_month = previous is None or (day.year, day.month) != (previous.year, previous.month)
        labels.append(day_and_month(day) if new_month else str(day.day))
        previous = day
    return labels


def chart_spec(
    days: list[tuple[date, float | None]],
    session_days: set[date],
    title: str,
    trend: list[tuple[date, float | None]] | None = None,
    language: str | None = None,
) -> ChartSpec:
    """What the chart of ``days`` (each with its average pain or None) shows: a pure function.

    The axis spans the window; when only one day has data, that day sits in the middle of a
    week-wide axis. Ticks are about :data:`MAX_TICKS` evenly spaced days ending on the last
    one, plus the first day; they name the month on the first tick and wherever a new month
    starts, so a window across two months names both. ``language``: the chart's (the
    current one if not given).
    """
    language = language or current_language()
    if not days:
        return ChartSpec(title, (-0.5, 0.5), (), (), (), (), NO_REPORTS, language)
    first, last = days[0][0], days[-1][0]
    sessions = sorted(d for d in session_days if first <= d <= last)
    data_days = {d for d, level in days if level is not None} | set(sessions)
    if len(data_days) == 1:
        (lone,) = data_days
        x_range = (lone.toordinal() - LONE_DAY_HALF_SPAN, lone.toordinal() + LONE_DAY_HALF_SPAN)
        tick_days = [lone]
    else:
        span = (last - first).days + 1
        pad = max(0.6, span * 0.02)  # a point on the first or last day clears the frame
        x_range = (first.toordinal() - pad, last.toordinal() + pad)
        step = math.ceil(span / MAX_TICKS)
        tick_days = sorted(last - timedelta(days=i) for i in range(0, span, step))
        if tick_days[0] != first:
            # The first day is always named, so its month is too (and where the window starts).
            if (tick_days[0] - first).days < step / 2 and len(tick_days) > 2:
                tick_days.pop(0)
            tick_days.insert(0, first)
    with use_language(language):
        labels = _tick_labels(tick_days)
    trend_points = [(d, v) for d, v in (trend or []) if first <= d <= last]
    if sum(v is not None for _day, v in trend_points) < 2:
        trend_points = []  # a trend needs at least two days with a value to be a line
    return ChartSpec(
        title=title,
        x_range=x_range,
        ticks=tuple(zip((d.toordinal() for d in tick_days), labels, strict=True)),
        pain=tuple((d.toordinal(), level) for d, level in days),
        trend=tuple((d.toordinal(), v) for d, v in trend_points),
        sessions=tuple(d.toordinal() for d in sessions),
        note=None if any(level is not None for _day, level in days) else NO_REPORTS,
        language=language,
    )


def draw_chart(spec: ChartSpec) -> Figure:
    """The matplotlib figure for ``spec`` (object API only: no global pyplot state), its
    words in ``spec.language``."""
    with use_language(spec.language):
        return _draw_chart(spec)


def _draw_chart(spec: ChartSpec) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 4.6), dpi=130, layout="constrained")
    axes = figure.add_subplot()
    for index, x in enumerate(spec.sessions):
        axes.axvspan(
            x - 0.4,
            x + 0.4,
            color=_SESSION,
            alpha=0.25,
            linewidth=0,
            label=_(SESSION_LABEL) if index == 0 else None,
        )
    xs = [x for x, _ in spec.pain]
    ys = [math.nan if level is None else level for _x, level in spec.pain]
    reported = sum(not math.isnan(y) for y in ys)
    if reported:
        axes.plot(
            xs,
            ys,
            color=_LINE,
            marker="o",
            markersize=9 if reported == 1 else 6 if len(xs) <= 45 else 4,
            linewidth=2,
            label=_(PAIN_LABEL),
        )
    if spec.trend:
        axes.plot(
            [x for x, _ in spec.trend],
            [math.nan if v is None else v for _x, v in spec.trend],
            color=_TREND,
            linewidth=2.5,
            linestyle="--",
            label=_(TREND_LABEL),
        )
    axes.set_xlim(*spec.x_range)
    axes.set_ylim(-0.3, 10.3)
    axes.set_yticks(range(0, 11, 2))
    axes.set_ylabel(_(Y_LABEL), fontsize=_FONT)
    axes.set_xticks([x for x, _label in spec.ticks], [label for _x, label in spec.ticks])
    axes.tick_params(labelsize=_FONT)
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)
    figure.suptitle(spec.title, fontsize=_FONT + 3, fontweight="bold")
    if spec.note:
        axes.text(
            0.5,
            0.5,
            _(spec.note),
            transform=axes.transAxes,
            ha="center",
            va="center",
            color="grey",
            fontsize=_FONT,
        )
    handles, labels = axes.get_legend_handles_labels()
    if handles:
        # Outside the plot (under the dates), never over the data; in one row when the
        # words are short enough (English), else in two, so longer languages stay in frame.
        ncols = len(labels) if sum(len(label) for label in labels) <= LEGEND_ROW else 2
        figure.legend(loc="outside lower center", ncols=ncols, frameon=False, fontsize=_FONT)
    return figure


def render_pain_chart(spec: ChartSpec) -> bytes:
    """The chart as PNG bytes (rendered with the Agg canvas)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = draw_chart(spec)
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _preload() -> bool:
    """The rendering process's first task: import matplotlib before the first chart."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401

    return True


def _exit_with_parent() -> None:
    """In the rendering process: exit as soon as the bot's process is gone.

    Why: the process waits for work on a pipe it holds both ends of, so a bot that was
    killed (SIGKILL, the OOM killer) left it waiting for ever, holding its memory (the crash
    suite used to leave dozens behind). The parent's sentinel, a pipe only the
    parent writes to, becomes readable when the parent exits, however it exits.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _renderer() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        # spawn: a fresh interpreter, never a fork of a process running threads.
        _pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_exit_with_parent,
        )
    return _pool


def _failed(future: Future[bool]) -> bool:
    return future.done() and (future.cancelled() or future.exception() is not None)


def _ready() -> bool:
    return _warming is not None and _warming.done() and not _failed(_warming)


def warm_up() -> None:
    """Start the rendering process (it imports matplotlib, slowly) unless it is starting."""
    global _pool, _warming
    if _warming is not None and not _failed(_warming):
        return
    try:
        _warming = _renderer().submit(_preload)
    except (OSError, RuntimeError) as error:
        _pool = _warming = None  # a fresh process is tried next time
        logger.warning("Chart process could not start (%s); charts render in a thread", error)


def shut_down() -> None:
    """At stop, once no handler runs: end the rendering process without waiting for it.

    Why: Python's exit waits for a process pool's work, and a stop in the seconds after a
    start waited for the process to finish importing matplotlib. The rendering process
    is the only child process the bot starts.
    """
    global _pool, _warming
    if _pool is None:
        return
    _pool.shutdown(wait=False, cancel_futures=True)
    for child in multiprocessing.active_children():
        child.terminate()
    _pool = _warming = None


async def render_pain_chart_off_loop(spec: ChartSpec) -> bytes:
    """:func:`render_pain_chart` in the rendering process (see :func:`render_off_loop`)."""
    return await render_off_loop(render_pain_chart, spec)


async def render_off_loop(render: Callable[[A], R], data: A) -> R:
    """``render(data)`` in the rendering process; in a thread if the process fails.

    ``render`` is a module-level function and ``data`` plain picklable data (the process
    receives both pickled). A render asked for while the process is still starting waits
    for it (once): rendering in a thread instead, with matplotlib's import on top, held the
    GIL for seconds during a reminder fan-out.
    """
    global _pool, _warming
    if not _ready():
        warm_up()
        if _warming is not None:
            with contextlib.suppress(Exception):
                # shield: a timeout must not cancel the process's start for everyone
                waiting = asyncio.shield(asyncio.wrap_future(_warming))
                await asyncio.wait_for(waiting, WARM_UP_WAIT)
        if not _ready():
            return await asyncio.to_thread(render, data)
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(_renderer(), render, data)
    except (BrokenProcessPool, OSError, RuntimeError) as error:
        logger.warning("Chart process failed (%s); rendering in a thread instead", error)
        _pool = _warming = None
        return await asyncio.to_thread(render, data)
