"""Start-up with many users on disk: with the due index ready, and the first start that builds it.

    python -m benchmarks.bench_startup --quick                      # 1,000 users
    python -m benchmarks.bench_startup                              # 10,000 users
    python -m benchmarks.bench_startup --users 100000 --due-now 1000

Every user has a daily reminder hours away, except ``--due-now`` users spread over the
ids, whose reminder is due in the first minute after the start. Three starts in the same
run, each in a fresh process (so peak RSS is the bot's own): an empty data dir (the
baseline), the users without a due index (the first start after the upgrade or a crash:
it builds the index in the background while answering), and the same users with the
index that start left behind. A user's message is waiting in the emulator before each
start: "ready" is when its answer arrives, measured from the moment the process is
spawned (interpreter start and imports included). A due-now reminder is "on time" when
it is sent within its minute, not caught up later as missed; "first" and "last" say how
long after the minute the first and the last of them left (the bot's own pacing is off:
Telegram's 30 msg/s would spread 1,000 messages over 33 s whatever the bot does).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks._common import (
    Emulator,
    bot_env,
    machine_note,
    peak_rss_mb,
    running_bot,
    seed_users,
)
from benchmarks._host import CpuSteal
from bot.dispatcher import dispatcher_of
from domain.models import Reminder
from storage import Store
from storage.due import DueIndex, DueItem, remove_index

PROBE_USER = 1
ON_TIME = 60.0  # seconds after the due minute
LEAD = 15.0  # the due-now minute is at least this long after the spawn
TARGET_READY, TARGET_RSS = 3.0, 250.0


async def child(data_dir: str, base_url: str, until: float) -> None:
    """Runs in the fresh process: start the bot, wait for the build and the due minute."""
    emulator = Emulator(limits=False)
    emulator.base_url = base_url
    env = bot_env(emulator, Path(data_dir), SEND_RATE_LIMIT="0")
    async with running_bot(env) as application:
        dispatcher = dispatcher_of(application)
        await dispatcher.wait_built()
        built_at = time.time()
        await asyncio.sleep(max(1.0, until - time.time()))
        print(json.dumps({"built_at": built_at, "items": len(dispatcher), "rss": peak_rss_mb()}))


def due_minute() -> datetime:
    start = datetime.now(UTC) + timedelta(seconds=LEAD)
    return (start + timedelta(minutes=1)).replace(second=0, microsecond=0)


async def make_due(data_dir: Path, ids: list[int], due: datetime, index: bool) -> None:
    """Move these users' reminders to ``due``; the index says so too, or is gone."""
    store = await Store.open(data_dir)
    items = []
    try:
        for uid in ids:
            (reminder,) = await store.list_reminders(uid)
            moved = Reminder(**{**vars(reminder), "time": f"{due:%H:%M}", "last_fired_date": None})
            await store.save_reminder(uid, moved)
            items.append(DueItem(due, "reminder", uid, reminder.id))
    finally:
        await store.close()
    if not index:
        remove_index(data_dir)
        return
    due_index = DueIndex.open(data_dir)
    assert due_index.complete, "the first start left no complete index behind"
    for item in items:
        due_index.put(item)
    due_index.flush()


async def measure(data_dir: Path, due_ids: list[int], index: bool) -> dict:
    due = due_minute()
    if due_ids:
        await make_due(data_dir, due_ids, due, index)
    async with Emulator(limits=False) as emulator:
        if due_ids:
            await emulator.users(min(due_ids), max(due_ids) - min(due_ids) + 1)
        await emulator.inject([(PROBE_USER, "/help")])
        spawned = time.time()
        until = due.timestamp() + ON_TIME + 5 if due_ids else spawned + 4
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "benchmarks.bench_startup",
            "--child",
            str(data_dir),
            emulator.base_url,
            str(until),
            stdout=asyncio.subprocess.PIPE,
        )
        out, _ = await process.communicate()
        report = json.loads(out.decode().strip().splitlines()[-1])
        records = await emulator.sent()
    replies = [r[1] for r in records if r[0] == PROBE_USER]
    wanted = set(due_ids)
    late = [r[1] - due.timestamp() for r in records if r[0] in wanted]
    return {
        "ready_s": replies[0] - spawned if replies else float("nan"),
        "index_s": report["built_at"] - spawned,
        "items": report["items"],
        "due": len(due_ids),
        "on_time": sum(-1 <= s <= ON_TIME for s in late),
        "sent": len(late),
        "first_s": min(late, default=float("nan")),
        "last_s": max(late, default=float("nan")),
        "rss": report["rss"],
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 users for a CI smoke run")
    parser.add_argument("--users", type=int, help="override the number of users")
    parser.add_argument("--due-now", type=int, default=None, help="reminders due at once")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        await child(args.child[0], args.child[1], float(args.child[2]))
        return
    users = args.users or (1_000 if args.quick else 10_000)
    due_now = min(users - 1, args.due_now if args.due_now is not None else users // 100)
    step = max(1, (users - 1) // max(1, due_now))
    due_ids = list(range(2, users + 1, step))[:due_now]  # spread over the ids; not the probe
    steal = CpuSteal()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        empty = await measure(Path(tmp) / "empty", [], index=False)
        seeding = time.perf_counter()
        await seed_users(Path(tmp) / "full", 1, users, datetime.now(UTC) + timedelta(hours=3))
        seed_s = time.perf_counter() - seeding
        first = await measure(Path(tmp) / "full", due_ids, index=False)
        ready = await measure(Path(tmp) / "full", due_ids, index=True)
    print(f"Start-up with {users:,} users, {due_now:,} reminders due at once ({machine_note()})")
    print(
        f"{'data':>24} | {'ready':>7} | {'index':>7} | {'items':>7} | "
        f"{'due sent on time':>16} | {'first':>7} | {'last':>7} | {'peak RSS':>8}"
    )
    rows = (
        (empty, "empty (baseline)"),
        (first, f"{users:,} users, no index"),
        (ready, f"{users:,} users, index"),
    )
    for row, name in rows:
        print(
            f"{name:>24} | {row['ready_s']:>6.2f}s | {row['index_s']:>6.2f}s | "
            f"{row['items']:>7} | {row['on_time']:>7} of {row['due']:>5} | "
            f"{row['first_s']:>6.2f}s | {row['last_s']:>6.2f}s | {row['rss']:>5.0f} MB"
        )
    for row, name in rows[1:]:
        ok = (
            row["ready_s"] <= TARGET_READY
            and row["on_time"] == row["due"]
            and row["rss"] <= TARGET_RSS
        )
        print(
            f"target ({name}): answering <= {TARGET_READY:.0f} s, every due reminder sent "
            f"on time, peak RSS <= {TARGET_RSS:.0f} MB: "
            f"{'met' if ok else 'NOT met'}"
        )
    print(f"(seeding took {seed_s:.0f} s; on time = sent within {ON_TIME:.0f} s of the minute)")
    print(steal.note())


if __name__ == "__main__":
    asyncio.run(main())
