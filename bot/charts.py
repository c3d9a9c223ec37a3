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
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date, timedelta

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

logger = logging.getLogger(__name__)
_pool: ProcessPoolExecutor | None = None
_warming: Future[bool] | None = None  # the process's first task: done once it is up

WARM_UP_WAIT = 10.0  # seconds a chart waits for the starting process before using a thread

_LINE = "#2b6cb0"
_SESSION = "#38a169"


def render_pain_chart(
    days: list[tuple[date, float | None]], session_days: set[date], title: str
) -> bytes:
    """A line of daily average pain (0-10) with the days of completed routines marked.

    Days without a report leave a gap in the line (a lone report still shows as a dot),
    so the chart never suggests data that was not given.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 4), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    if days:
        first, last = days[0][0], days[-1][0]
    else:
        last = date.today()
        first = last - timedelta(days=6)
    xs = [date2num(day) for day, _ in days]
    ys = [math.nan if level is None else level for _, level in days]
    shown_sessions = sorted(d for d in session_days if first <= d <= last)
    for index, day in enumerate(shown_sessions):
        axes.axvline(
            date2num(day),
            color=_SESSION,
            alpha=0.35,
            linewidth=3,
            label="routine done" if index == 0 else None,
        )
    if xs:
        axes.plot(xs, ys, color=_LINE, marker="o", markersize=4, linewidth=2, label="pain")
    axes.set_xlim(date2num(first) - 0.5, date2num(last) + 0.5)
    axes.set_ylim(-0.3, 10.3)
    axes.set_yticks(range(0, 11, 2))
    axes.set_ylabel("pain (0-10)")
    axes.set_title(title)
    axes.grid(axis="y", alpha=0.3)
    locator = AutoDateLocator(maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    if all(math.isnan(y) for y in ys):
        axes.text(
            0.5,
            0.5,
            "no pain reports in this period",
            transform=axes.transAxes,
            ha="center",
            va="center",
            color="grey",
        )
    if shown_sessions or xs:
        axes.legend(loc="upper right", fontsize="small", frameon=False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _preload() -> bool:
    """The rendering process's first task: import matplotlib before the first chart."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.dates  # noqa: F401
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


async def render_pain_chart_off_loop(
    days: list[tuple[date, float | None]], session_days: set[date], title: str
) -> bytes:
    """:func:`render_pain_chart` in the rendering process; in a thread if it fails.

    A chart asked for while the process is still starting waits for it (once): rendering
    in a thread instead, with matplotlib's import on top, held the GIL for seconds during
    a reminder fan-out.
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
            return await asyncio.to_thread(render_pain_chart, days, session_days, title)
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(_renderer(), render_pain_chart, days, session_days, title)
    except (BrokenProcessPool, OSError, RuntimeError) as error:
        logger.warning("Chart process failed (%s); rendering in a thread instead", error)
        _pool = _warming = None
        return await asyncio.to_thread(render_pain_chart, days, session_days, title)
