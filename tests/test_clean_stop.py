"""Stop and start as an operator sees them: a real ``backcare-bot`` process, SIGTERM, and
a disk that fills up (issue 17, item 5).

The stop times are printed (``pytest -s``), not asserted: a loaded CI machine would make
a timed assertion flaky. ``benchmarks/bench_stop.py`` measures them.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

from bot import texts
from emulator import BotApiEmulator
from storage import Store

TOKEN = "987654321:AAH-clean-stop-token_abcdefgh"
FULL_DISK_BOT = Path(__file__).with_name("full_disk_bot.py")
NO_HANG = 20  # seconds: only so that a stop that hangs fails instead of blocking the suite


class Bot:
    """One ``backcare-bot`` process against ``emulator``; stderr collected."""

    def __init__(self, emulator: BotApiEmulator, data_dir: Path, flag: Path | None = None):
        self.emulator, self.data_dir, self.flag = emulator, data_dir, flag
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> asyncio.subprocess.Process:
        env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATA_DIR", "PORT")}
        env.update(
            BOT_TOKEN=TOKEN,
            DATA_DIR=str(self.data_dir),
            TELEGRAM_API_BASE_URL=self.emulator.base_url,
            SEND_RATE_LIMIT="0",
        )
        if self.flag is not None:
            env["FULL_DISK_FLAG"] = str(self.flag)
            command = [sys.executable, str(FULL_DISK_BOT)]
        else:
            command = [sys.executable, "-m", "bot.cli"]
        self.process = await asyncio.create_subprocess_exec(
            *command,
            env=env,
            cwd=self.data_dir.parent,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        return self.process

    async def ended(self) -> str:
        """Wait for the process to exit by itself; its stderr."""
        _out, err = await asyncio.wait_for(self.process.communicate(), NO_HANG)
        return err.decode(errors="replace")

    async def sigterm(self) -> tuple[str, float]:
        """SIGTERM; stderr and the seconds from the signal to the exit."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        logs = await self.ended()
        return logs, time.monotonic() - started

    async def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()


async def _onboard(user) -> None:
    await user.send("/start")
    for _ in range(3):  # welcome, safety note, zone question (the first after start-up)
        await user.next_message(timeout=60)
    await user.send("Europe/Berlin")
    for _ in range(2):
        await user.next_message(timeout=30)


def _errors(logs: str) -> list[str]:
    return [line for line in logs.splitlines() if " ERROR " in line or "Traceback" in line]


async def test_sigterm_stops_long_polling_at_once_even_when_telegram_does_not_confirm(tmp_path):
    """PTB confirms the handled updates with one more getUpdates at stop. Telegram slow to
    answer it made every stop wait 5 s and log an ERROR traceback: now the stop goes on
    after a short wait, with one warning (the updates come again, and are stored once)."""
    emulator = BotApiEmulator(token=TOKEN, files_dir=tmp_path / "files")
    await emulator.start()
    bot = Bot(emulator, tmp_path / "data")
    try:
        await bot.start()
        await _onboard(emulator.user(5101, first_name="Stop"))
        logs, quiet = await bot.sigterm()
        assert bot.process.returncode == 0, logs[-2000:]
        assert not _errors(logs), _errors(logs)
        assert "Bot stopped" in logs

        await bot.start()
        user = emulator.user(5102, first_name="Slow")
        await _onboard(user)  # every message the bot sends a newcomer is read here
        # The long poll in flight is answered normally; the confirmation after it hangs.
        emulator.inject_fault("timeout", method="getUpdates", delay=30)
        logs, slow = await bot.sigterm()
        assert bot.process.returncode == 0, logs[-2000:]
        assert not _errors(logs), _errors(logs)
        assert "did not confirm the last updates" in logs

        emulator.clear_faults()
        await bot.start()
        await user.send("/help")
        await user.next_message(timeout=60)
        # Telegram answers the confirmation with an error: PTB logs that as an ERROR with
        # a traceback, although nothing is lost; the bot makes it the same one warning.
        emulator.inject_fault("502", method="getUpdates")
        logs, _took = await bot.sigterm()
        assert bot.process.returncode == 0, logs[-2000:]
        assert not _errors(logs), _errors(logs)
        assert "did not confirm the last updates at stop (telegram.error.NetworkError: " in logs, (
            logs[-3000:]
        )
        print(f"\nSIGTERM to exit: {quiet:.2f} s; Telegram not answering: {slow:.2f} s")
    finally:
        await bot.kill()
        await emulator.stop()


async def test_a_full_disk_at_stop_and_start_is_one_line_and_exit_2_and_nothing_is_lost(
    tmp_path,
):
    """The disk fills while the bot runs: a report is refused (never acknowledged), the
    stop and a restart on the still-full disk each end with one line naming DATA_DIR and
    the space needed, exit code 2; once there is space, everything acknowledged is there."""
    emulator = BotApiEmulator(token=TOKEN, files_dir=tmp_path / "files")
    await emulator.start()
    data_dir, flag = tmp_path / "data", tmp_path / "disk-is-full"
    bot = Bot(emulator, data_dir, flag)
    try:
        await bot.start()
        user = emulator.user(5201, first_name="Full")
        await _onboard(user)
        await user.send("pain 4")
        assert "4/10" in (await user.next_message(timeout=30)).text  # acknowledged

        flag.touch()  # the disk is full from here on
        await user.send("pain 6")
        assert (await user.next_message(timeout=30)).text == texts.STORAGE_APOLOGY
        logs, _took = await bot.sigterm()
        assert bot.process.returncode == 2, logs[-2000:]
        (line,) = [line for line in logs.splitlines() if line.startswith("backcare-bot:")]
        assert f"DATA_DIR {data_dir}" in line and "free at least 256 KB" in line, line
        print(f"\nAt stop: {line}")
        assert "Traceback" not in logs

        await bot.start()  # still full: the start refuses, in one line
        logs = await bot.ended()
        assert bot.process.returncode == 2, logs[-2000:]
        assert logs.strip().splitlines() == [
            f"backcare-bot: DATA_DIR {data_dir}: No space left on device: free at least 256 KB"
        ]

        flag.unlink()  # space again: the bot starts and answers
        await bot.start()
        await user.send("/help")
        assert "/start" in (await user.next_message(timeout=60)).text
        logs, _took = await bot.sigterm()
        assert bot.process.returncode == 0, logs[-2000:]
        assert not _errors(logs), _errors(logs)
    finally:
        await bot.kill()
        await emulator.stop()
    async with await Store.open(data_dir) as store:
        assert (await store.get_user(user.id)).timezone == "Europe/Berlin"
        assert [entry.level for entry in await store.pain_entries(user.id)] == [4]
