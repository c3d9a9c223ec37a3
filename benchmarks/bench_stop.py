"""How long SIGTERM takes: from the signal to the exit of a real ``backcare-bot`` process.

    python -m benchmarks.bench_stop               # 3 rounds (the median is shown)
    python -m benchmarks.bench_stop --rounds 1

Each stop follows a start that answered one user (so the first due-index flush and
a long poll are in flight, as after a deploy). "Telegram slow" holds every getUpdates
from just before the signal (the long poll in flight is answered normally), so PTB's
last getUpdates, the one that confirms the handled updates, gets no answer.

Baseline, same run, same emulator: a bare python-telegram-bot echo bot on
``Application.run_polling`` (PTB's own stop).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import machine_note
from benchmarks._host import CpuSteal
from emulator import BotApiEmulator

TOKEN = "987654321:AAH-bench-stop-token_abcdefgh"
TARGET = 2.0  # seconds, issue 17

# PTB's own loop: run_polling handles SIGTERM itself (stop_signals).
_ECHO_BOT = """
import logging, os
logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level="INFO")
logging.getLogger("httpx").setLevel("WARNING")
from telegram.ext import ApplicationBuilder, MessageHandler, filters
async def echo(update, context):
    await update.message.reply_text(update.message.text)
app = ApplicationBuilder().token(os.environ["BOT_TOKEN"]).base_url(
    os.environ["TELEGRAM_API_BASE_URL"] + "/bot").build()
app.add_handler(MessageHandler(filters.TEXT, echo))
app.run_polling()
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def one_stop(kind: str, slow_telegram: bool) -> tuple[float, int, int]:
    """Start, answer a user, SIGTERM: (seconds to exit, exit code, ERROR lines)."""
    with tempfile.TemporaryDirectory() as tmp:
        emulator = BotApiEmulator(token=TOKEN, files_dir=Path(tmp) / "files")
        await emulator.start()
        env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATA_DIR", "PORT")}
        env.update(
            BOT_TOKEN=TOKEN,
            DATA_DIR=str(Path(tmp) / "data"),
            TELEGRAM_API_BASE_URL=emulator.base_url,
            LOG_LEVEL="INFO",
        )
        if kind == "webhook":
            port = _free_port()
            env.update(
                WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
                WEBHOOK_SECRET="bench-secret-123",
                PORT=str(port),
                LISTEN_ADDRESS="127.0.0.1",
            )
        command = ["-c", _ECHO_BOT] if kind == "bare PTB" else ["-m", "bot.cli"]
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *command,
            env=env,
            cwd=tmp,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            user = emulator.user(7001, first_name="Bench")
            await user.send("/help")
            await user.next_message(timeout=60)
            await asyncio.sleep(0.2)  # the reply's handler has finished
            if slow_telegram:
                emulator.inject_fault("timeout", method="getUpdates", delay=60)
            started = time.monotonic()
            process.send_signal(signal.SIGTERM)
            _out, err = await asyncio.wait_for(process.communicate(), 60)
            took = time.monotonic() - started
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
            await emulator.stop()
        errors = sum(" ERROR " in line for line in err.decode(errors="replace").splitlines())
        return took, process.returncode, errors


async def main(rounds: int) -> None:
    steal = CpuSteal()
    scenarios = [
        ("bare PTB", False),
        ("bare PTB", True),
        ("polling", False),
        ("polling", True),
        ("webhook", False),
    ]
    print(f"SIGTERM to exit, median of {rounds} (target {TARGET:g} s, no ERROR line)")
    print("| process | Telegram | stop | exit code | ERROR lines |")
    print("|---|---|---|---|---|")
    for kind, slow in scenarios:
        results = [await one_stop(kind, slow) for _ in range(rounds)]
        took = statistics.median(r[0] for r in results)
        codes = sorted({r[1] for r in results})
        errors = max(r[2] for r in results)
        telegram = "slow to confirm" if slow else "answers"
        if kind == "webhook":
            telegram = "(no getUpdates)"
        print(f"| {kind} | {telegram} | {took:.2f} s | {codes} | {errors} |")
    print(machine_note())
    print(steal.note())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    asyncio.run(main(parser.parse_args().rounds))
