"""Start-up with 10,000 users and their reminders on disk, next to an empty data dir.

    python -m benchmarks.bench_startup --quick     # 1,000 users, ~10 s
    python -m benchmarks.bench_startup             # full: 10,000 users, ~30 s

Both starts run in the same run, each in a fresh process (so peak RSS is the bot's own).
A user's message is waiting in the emulator before the bot starts: "ready" is when its
answer arrives. "Scheduled" is when every reminder has its job. "Weekly" is when the
weekly-summary jobs, rebuilt in the background once the bot runs, are all placed too.
Times are measured from the moment the process is spawned (interpreter start and imports
included).
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
from bot.handlers import history
from bot.startup import background_task

PROBE_USER = 1


async def child(data_dir: str, base_url: str, expect: int) -> None:
    """Runs in the fresh process: start the bot, report when all reminder jobs exist."""
    emulator = Emulator(limits=False)
    emulator.base_url = base_url
    async with running_bot(bot_env(emulator, Path(data_dir))) as application:
        jobs = [j for j in application.job_queue.jobs() if j.name and ":rem:" in j.name]
        scheduled_at = time.time()
        rebuild = background_task(application, history.REBUILD_TASK)
        if rebuild is not None:
            await rebuild
        weekly = application.job_queue.scheduler.get_jobs()
        weekly_at, weekly_jobs = time.time(), sum(j.id.endswith(":weekly") for j in weekly)
        await asyncio.sleep(1.0)  # let the waiting message be answered
        report = {"scheduled_at": scheduled_at, "jobs": len(jobs), "rss": peak_rss_mb()}
        print(json.dumps({**report, "weekly_at": weekly_at, "weekly_jobs": weekly_jobs}))


async def measure(users: int, folder: Path, label: str) -> dict:
    data_dir = folder / label
    due = datetime.now(UTC) + timedelta(hours=3)
    seed_started = time.perf_counter()
    if users:
        await seed_users(data_dir, 1, users, due)
    seed_s = time.perf_counter() - seed_started
    async with Emulator(limits=False) as emulator:
        await emulator.inject([(PROBE_USER, "/help")])
        spawned = time.time()
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "benchmarks.bench_startup",
            "--child",
            str(data_dir),
            emulator.base_url,
            str(users),
            stdout=asyncio.subprocess.PIPE,
        )
        out, _ = await process.communicate()
        report = json.loads(out.decode().strip().splitlines()[-1])
        replies = [r for r in await emulator.sent() if r[0] == PROBE_USER]
    return {
        "users": users,
        "seed_s": seed_s,
        "ready_s": replies[0][1] - spawned if replies else float("nan"),
        "scheduled_s": report["scheduled_at"] - spawned,
        "jobs": report["jobs"],
        "weekly_s": report["weekly_at"] - spawned,
        "weekly_jobs": report["weekly_jobs"],
        "rss": report["rss"],
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 users for a CI smoke run")
    parser.add_argument("--users", type=int, help="override the number of users")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        await child(args.child[0], args.child[1], int(args.child[2]))
        return
    users = args.users or (1_000 if args.quick else 10_000)
    steal = CpuSteal()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        empty = await measure(0, Path(tmp), "empty")
        full = await measure(users, Path(tmp), "full")
    print(f"Start-up with {users:,} users and reminders on disk ({machine_note()})")
    print(
        f"{'data':>16} | {'ready':>7} | {'scheduled':>9} | {'jobs':>6} | "
        f"{'weekly':>7} | {'jobs':>6} | {'peak RSS':>8}"
    )
    for row, name in ((empty, "empty (baseline)"), (full, f"{users:,} users")):
        print(
            f"{name:>16} | {row['ready_s']:>6.2f}s | {row['scheduled_s']:>8.2f}s | "
            f"{row['jobs']:>6} | {row['weekly_s']:>6.2f}s | {row['weekly_jobs']:>6} | "
            f"{row['rss']:>5.0f} MB"
        )
    ok = full["jobs"] == users and max(full["ready_s"], full["scheduled_s"]) <= 3.0
    print(
        f"target: ready and all {users:,} reminders scheduled <= 3 s, peak RSS <= 200 MB: "
        f"{'met' if ok and full['rss'] <= 200 else 'NOT met'} (seeding took {full['seed_s']:.0f} s)"
    )
    print(steal.note())


if __name__ == "__main__":
    asyncio.run(main())
