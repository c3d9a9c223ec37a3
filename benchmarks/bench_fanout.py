"""Reminder fan-out: 10,000 users with a reminder due at the same minute.

    python -m benchmarks.bench_fanout --quick     # 300 users, 40-100 s (waits for a whole minute)
    python -m benchmarks.bench_fanout             # full: 10,000 users, ~9 min

The emulator runs in its own process (see benchmarks/emulator_server.py). Two phases:

A. Telegram's limits on (30 msg/s overall, ~1/s per chat, 429 beyond): the bot as
   deployed. Every user's reminder is due at the next whole minute. Meanwhile one user
   writes "pain 3" every second and another asks /history (a chart) every 2 s, for the
   first 60 s: their answers must not wait behind the reminders. Reports sustained
   rate, lost reminders, 429s, the first reminder's delay after its due instant, answer
   delays and event-loop lag.
B. Limits off, the bot's pacing off (SEND_RATE_LIMIT=0): the bot's own cost per reminder,
   next to a bare python-telegram-bot loop (``await bot.send_message`` for every chat) on
   the same emulator in the same run. Here the reminders are ones missed a minute ago
   (within REMINDER_GRACE), so they all fire at start-up without waiting for a minute;
   each goes through the same job, storage and send path.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram import Bot

from benchmarks._common import (
    Emulator,
    LoopLag,
    answer_delays,
    bot_env,
    machine_note,
    next_minute,
    peak_rss_mb,
    percentile,
    probe,
    running_bot,
    seed_history,
    seed_users,
)
from benchmarks._host import CpuSteal

BARE_TEXT = "⏰ Time for <b>Lower back release</b> (10 min): a ball against the wall."


def _reminder_records(records: list[list], users: int) -> list[list]:
    return [r for r in records if 1 <= r[0] <= users]


async def phase_limits_on(users: int, folder: Path) -> dict:
    data_dir = folder / "limits-on"
    probe_user, chart_user = users + 1, users + 2
    lead = 12 + users * 0.002  # seeding and start-up must finish before the due minute
    due = next_minute(datetime.now(UTC), lead)
    await seed_users(data_dir, 1, users, due)
    await seed_users(data_dir, probe_user, 1, None)
    await seed_history(data_dir, chart_user)
    async with Emulator(limits=True) as emulator:
        await emulator.users(1, users + 2)
        async with running_bot(bot_env(emulator, data_dir)):
            await asyncio.sleep(max(0.0, due.timestamp() - time.time()))
            lag = LoopLag().start()
            stop = asyncio.Event()
            probes = [
                asyncio.create_task(probe(emulator, probe_user, "pain 3", 1.0, stop)),
                asyncio.create_task(probe(emulator, chart_user, "/history", 2.0, stop)),
            ]
            await asyncio.sleep(min(60.0, users / 30 * 0.8))
            stop.set()
            await asyncio.gather(*probes)
            deadline = time.time() + users / 25 + 60
            records = await emulator.sent()
            while time.time() < deadline:  # until every user has their reminder
                if len({r[0] for r in _reminder_records(records, users)}) >= users:
                    break
                await asyncio.sleep(1)
                records += await emulator.sent(len(records))
            lags = await lag.stop()
            stats = await emulator.stats()
            injected = await emulator.injected()
    reminders = _reminder_records(records, users)
    first, last = reminders[0][1], reminders[-1][1]
    window = [r for r in records if first <= r[1] <= last]
    pain = answer_delays(injected.get(probe_user, []), records, probe_user)
    chart = answer_delays(injected.get(chart_user, []), records, chart_user)
    return {
        "delivered": len({r[0] for r in reminders}),
        "duplicates": len(reminders) - len({r[0] for r in reminders}),
        "reminder_rate": (len(reminders) - 1) / (last - first),
        "all_rate": (len(window) - 1) / (last - first),
        "first_delay": first - due.timestamp(),
        "too_many": stats["too_many_requests"],
        "pain_p50": percentile(pain, 0.5),
        "pain_max": max(pain),
        "chart_p50": percentile(chart, 0.5),
        "chart_max": max(chart),
        "answers": len(pain) + len(chart),
        "lag_p99": percentile(lags, 0.99),
        "lag_max": max(lags),
    }


async def bare_loop(emulator: Emulator, users: int, first_chat: int) -> float:
    """Messages/s of a plain ``telegram.Bot`` awaiting send_message for each chat in turn."""
    async with Bot(emulator.token, base_url=emulator.base_url + "/bot") as bot:
        started = time.perf_counter()
        for chat_id in range(first_chat, first_chat + users):
            await bot.send_message(chat_id, BARE_TEXT, parse_mode="HTML")
        return users / (time.perf_counter() - started)


async def phase_limits_off(users: int, folder: Path) -> dict:
    data_dir = folder / "limits-off"
    missed = datetime.now(UTC) - timedelta(minutes=1)
    await seed_users(data_dir, 1, users, missed)
    async with Emulator(limits=False) as emulator:
        await emulator.users(1, users)
        lag = LoopLag().start()
        async with running_bot(bot_env(emulator, data_dir, SEND_RATE_LIMIT="0")):
            records = await emulator.wait_sent(users, timeout=users / 20 + 60)
        lags = await lag.stop()
        reminders = _reminder_records(records, users)
        first, last = reminders[0][1], reminders[-1][1]
        bot_rate = (len(reminders) - 1) / (last - first)
        bare_rate = await bare_loop(emulator, users, 1)
        stats = await emulator.stats()
    return {
        "delivered": len({r[0] for r in reminders}),
        "bot_rate": bot_rate,
        "bare_rate": bare_rate,
        "too_many": stats["too_many_requests"],
        "lag_p99": percentile(lags, 0.99),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="300 users for a CI smoke run")
    parser.add_argument("--users", type=int, help="override the number of users")
    parser.add_argument("--phase", choices=("on", "off", "both"), default="both")
    args = parser.parse_args()
    users = args.users or (300 if args.quick else 10_000)
    steal = CpuSteal()
    with tempfile.TemporaryDirectory(prefix="bench-fanout-") as tmp:
        off = await phase_limits_off(users, Path(tmp)) if args.phase != "on" else None
        on = await phase_limits_on(users, Path(tmp)) if args.phase != "off" else None
    print(f"Reminder fan-out, {users:,} users due at the same minute ({machine_note()})")
    if on:
        ok = (
            on["reminder_rate"] >= 29
            and on["delivered"] == users
            and on["too_many"] == 0
            and on["first_delay"] <= 1.0
        )
        print(
            f"limits on : {on['delivered']:,}/{users:,} delivered, {on['duplicates']} duplicates, "
            f"{on['too_many']} x 429; reminders {on['reminder_rate']:.2f} msg/s, "
            f"all messages {on['all_rate']:.2f} msg/s (cap 30); first reminder "
            f"{on['first_delay']:.2f} s after due -> {'met' if ok else 'NOT met'}"
        )
        print(
            f"            during it: 'pain 3' answered p50 {on['pain_p50']:.2f} s max "
            f"{on['pain_max']:.2f} s; /history chart p50 {on['chart_p50']:.2f} s max "
            f"{on['chart_max']:.2f} s ({on['answers']} answers); loop lag p99 "
            f"{on['lag_p99']:.1f} ms max {on['lag_max']:.1f} ms"
        )
    if off:
        ratio = off["bot_rate"] / off["bare_rate"]
        print(
            f"limits off: bot {off['bot_rate']:.0f} msg/s vs bare PTB loop "
            f"{off['bare_rate']:.0f} msg/s = {ratio:.0%} (target >= 80%: "
            f"{'met' if ratio >= 0.8 and off['delivered'] == users else 'NOT met'}); "
            f"{off['delivered']:,}/{users:,} delivered; loop lag p99 {off['lag_p99']:.1f} ms"
        )
    print(f"peak RSS of the bot process: {peak_rss_mb():.0f} MB")
    print(steal.note())


if __name__ == "__main__":
    asyncio.run(main())
