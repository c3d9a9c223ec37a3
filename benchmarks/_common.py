"""Shared pieces of the benchmarks: the emulator process, seeding users, loop lag, figures."""

from __future__ import annotations

import asyncio
import contextlib
import os
import resource
import signal
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp

from benchmarks.emulator_server import TOKEN
from domain.models import Reminder, User
from storage import Store, new_id

_ROOT = str(Path(__file__).resolve().parents[1])


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started (or exec'ed).

    ``ru_maxrss`` is not enough for a benchmark's child process: Linux carries it over
    fork and exec, so a child spawned by a parent that had seeded 100,000 users reported
    the parent's peak. ``VmHWM`` is the high-water mark of the current program only.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine_note() -> str:
    return f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}"


class Emulator:
    """The emulator (with a BenchRecorder) in a child process, driven over /control HTTP."""

    def __init__(self, limits: bool) -> None:
        self.limits = limits
        self.base_url = ""
        self.token = TOKEN
        self._process: asyncio.subprocess.Process | None = None
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Emulator:
        args = [sys.executable, "-m", "benchmarks.emulator_server"]
        if self.limits:
            args.append("--limits")
        self._process = await asyncio.create_subprocess_exec(
            *args, stdout=asyncio.subprocess.PIPE, cwd=_ROOT
        )
        line = (await asyncio.wait_for(self._process.stdout.readline(), 30)).decode()
        if not line.startswith("READY "):
            raise RuntimeError(f"emulator did not start: {line!r}")
        self.base_url = line.split()[1]
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
        if self._process is not None and self._process.returncode is None:
            self._process.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(self._process.wait(), 10)
            except TimeoutError:
                self._process.kill()
                await self._process.wait()

    async def _call(self, method: str, path: str, body: Any = None, **query: Any) -> Any:
        url = f"{self.base_url}/control/{path}"
        async with self._session.request(method, url, json=body, params=query or None) as resp:
            data = await resp.json()
        if not data.get("ok"):
            raise RuntimeError(f"{path}: {data}")
        return data["result"]

    async def inject(self, messages: list[tuple[int, str]]) -> None:
        await self._call("POST", "bench/inject", {"messages": messages})

    async def users(self, first: int, count: int) -> None:
        await self._call("POST", "bench/users", {"first": first, "count": count})

    async def sent(self, after: int = 0) -> list[list[Any]]:
        return await self._call("GET", "bench/sent", after=after)

    async def injected(self) -> dict[int, list[float]]:
        return {int(k): v for k, v in (await self._call("GET", "bench/injected")).items()}

    async def stats(self) -> dict[str, Any]:
        return await self._call("GET", "stats")

    async def reset(self) -> None:
        await self._call("POST", "bench/reset")

    async def wait_sent(self, count: int, timeout: float, after: int = 0) -> list[list[Any]]:  # noqa: ASYNC109
        """Poll until ``count`` messages were delivered (or ``timeout``); return them."""
        deadline = time.monotonic() + timeout
        records: list[list[Any]] = []
        while True:
            records += await self.sent(after + len(records))
            if len(records) >= count or time.monotonic() > deadline:
                return records
            await asyncio.sleep(0.2)


def bot_env(emulator: Emulator, data_dir: Path, **extra: str) -> dict[str, str]:
    return {
        "BOT_TOKEN": emulator.token,
        "DATA_DIR": str(data_dir),
        "TELEGRAM_API_BASE_URL": emulator.base_url,
        "LOG_LEVEL": "WARNING",
        **extra,
    }


@contextlib.asynccontextmanager
async def running_bot(env: dict[str, str]) -> AsyncIterator[Any]:
    """The real bot (``bot.app``), configured from ``env``, polling the emulator."""
    from bot.app import BotRunner, build_application
    from bot.config import load_config
    from bot.services import Services
    from content import load_library

    config = load_config(env)
    store = await Store.open(config.data_dir)
    services = Services(config=config, store=store, library=load_library())
    runner = BotRunner(build_application(services))
    try:
        await runner.start()
        yield runner.application
    finally:
        try:
            await runner.stop()
        finally:
            await store.close()


def next_minute(after: datetime, lead: float) -> datetime:
    """The first whole minute at least ``lead`` seconds after ``after`` (UTC)."""
    start = after + timedelta(seconds=lead)
    return (start + timedelta(minutes=1)).replace(second=0, microsecond=0)


async def seed_users(
    data_dir: Path, first_id: int, count: int, reminder_at: datetime | None, chunk: int = 200
) -> None:
    """``count`` onboarded users (UTC) with one daily reminder at ``reminder_at``'s minute."""
    store = await Store.open(data_dir)
    created = datetime.now(UTC) - timedelta(days=2)

    async def one(uid: int) -> None:
        await store.save_user(
            User(
                user_id=uid,
                chat_id=uid,
                first_name=f"U{uid}",
                timezone="UTC",
                created_at=created,
                last_seen_at=created,
            )
        )
        if reminder_at is not None:
            await store.add_reminder(
                uid,
                Reminder(
                    id=new_id(),
                    kind="routine",
                    days=tuple(range(7)),
                    time=reminder_at.strftime("%H:%M"),
                    created_at=created,
                ),
            )

    try:
        for start in range(first_id, first_id + count, chunk):
            stop = min(first_id + count, start + chunk)
            await asyncio.gather(*(one(uid) for uid in range(start, stop)))
    finally:
        await store.close()


@dataclass
class LoopLag:
    """Samples event-loop lag: a task sleeps ``interval`` and records the overshoot (ms)."""

    interval: float = 0.010
    samples: list[float] = field(default_factory=list)
    _task: asyncio.Task[None] | None = None

    def start(self) -> LoopLag:
        self._task = asyncio.create_task(self._run())
        return self

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(self.interval)
            self.samples.append((loop.time() - before - self.interval) * 1000)

    async def stop(self) -> list[float]:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        return self.samples


async def probe(
    emulator: Emulator, user_id: int, text: str, interval: float, stop: asyncio.Event
) -> None:
    """One user sending ``text`` every ``interval`` seconds until ``stop``."""
    while not stop.is_set():
        await emulator.inject([(user_id, text)])
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), interval)


def answer_delays(injected: list[float], records: list[list[Any]], chat_id: int) -> list[float]:
    """Seconds from each injected message to its answer (inf if none came)."""
    times = sorted(r[1] for r in records if r[0] == chat_id)
    delays, used = [], 0
    for sent_at in injected:  # each message takes the first answer not already taken
        while used < len(times) and times[used] < sent_at:
            used += 1
        if used < len(times):
            delays.append(times[used] - sent_at)
            used += 1
        else:
            delays.append(float("inf"))
    return delays


async def seed_history(data_dir: Path, user_id: int, days: int = 90) -> None:
    """A user with ``days`` days of pain entries, so /history renders a full chart."""
    from domain.models import PainEntry

    store = await Store.open(data_dir)
    now = datetime.now(UTC)
    try:
        await store.save_user(User(user_id=user_id, chat_id=user_id, timezone="UTC"))
        entries = [
            PainEntry(
                id=new_id(),
                recorded_at=now - timedelta(days=d),
                level=(d * 7) % 11,
                local_date=(now - timedelta(days=d)).date(),
                area="lower back",
            )
            for d in range(days)
        ]
        await store.record_pain_many(user_id, entries)
    finally:
        await store.close()
