"""The bot as an operator runs it: a real ``backcare-bot`` process against a Bot API server."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from emulator import BotApiEmulator

TOKEN = "987654321:AAH-independent-looking-token_abc"


def _env(emulator: BotApiEmulator, data_dir) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATA_DIR")}
    env.update(
        BOT_TOKEN=TOKEN,
        DATA_DIR=str(data_dir),
        TELEGRAM_API_BASE_URL=emulator.base_url,
        LOG_LEVEL="DEBUG",
    )
    return env


async def _spawn(env: dict[str, str], cwd) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_bot_process_answers_refuses_a_second_instance_and_stops_cleanly(tmp_path):
    emulator = BotApiEmulator(token=TOKEN, files_dir=tmp_path / "files")
    await emulator.start()
    first = second = None
    try:
        env = _env(emulator, tmp_path / "data")
        first = await _spawn(env, tmp_path)
        user = emulator.user(4242, first_name="Proc")
        await user.send("/start")
        welcome = await user.next_message(timeout=30)
        assert "Proc" in welcome.text

        second = await _spawn(env, tmp_path)
        _out, err = await asyncio.wait_for(second.communicate(), 30)
        assert second.returncode == 2
        assert f"pid {first.pid}" in err.decode()

        first.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(first.communicate(), 30)
        assert first.returncode == 0, err.decode()[-2000:]
        logs = err.decode()
        assert "Bot started" in logs
        assert TOKEN not in logs  # DEBUG logging included
    finally:
        for process in (first, second):
            if process is not None and process.returncode is None:
                process.kill()
                await process.wait()
        await emulator.stop()


def _children(pid: int) -> set[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as listing:
        return {int(child) for child in listing.read().split()}


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


async def test_a_killed_bot_leaves_no_process_behind(tmp_path):
    emulator = BotApiEmulator(token=TOKEN, files_dir=tmp_path / "files")
    await emulator.start()
    bot = None
    try:
        bot = await _spawn(_env(emulator, tmp_path / "data"), tmp_path)
        user = emulator.user(4243, first_name="Kill")
        await user.send("/start")
        await user.next_message(timeout=30)
        children: set[int] = set()
        for _ in range(100):  # the chart process starts with the start-up hooks
            children = _children(bot.pid)
            if children:
                break
            await asyncio.sleep(0.1)
        assert children, "the bot started no chart process"

        bot.kill()  # SIGKILL: no clean-up code of the bot runs
        # A process left behind keeps the bot's output pipes open, so this would hang.
        await asyncio.wait_for(bot.wait(), 30)
        for _ in range(100):
            if not any(_running(pid) for pid in children):
                break
            await asyncio.sleep(0.1)
        assert not [pid for pid in children if _running(pid)]
    finally:
        if bot is not None and bot.returncode is None:
            bot.kill()
            await bot.wait()
        await emulator.stop()
