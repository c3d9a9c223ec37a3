"""Webhook mode: Telegram (the emulator) POSTs updates; strangers are refused before their
request is read, and cannot starve the bot of connections, memory or log space.

The attacks run against a real ``backcare-bot`` process (its memory is read from /proc);
the everyday behaviour against the bot in this process.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import socket
import sys
import time
from contextlib import asynccontextmanager, suppress

import aiohttp
import pytest
from chat import welcomed
from telegram.error import TelegramError

from bot.sandbox.harness import SANDBOX_TOKEN, LocalBot
from emulator import BotApiEmulator
from storage import Store

SECRET = "s3cret-Token_for-tests"
TOKEN = "987654321:AAH-webhook-process-token_abcdef"
PATH = "/telegram"
HUGE = 90 * 1024 * 1024
RSS_LIMIT_MB = 150


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _forged_update(update_id: int = 999999) -> dict:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": 77, "type": "private"},
            "from": {"id": 77, "is_bot": False, "first_name": "Evil"},
            "text": "/help",
        },
    }


async def test_webhook_mode_answers_users_and_rejects_requests_without_the_secret(tmp_path):
    port = _free_port()
    url = f"http://127.0.0.1:{port}{PATH}"
    emulator = BotApiEmulator(token=SANDBOX_TOKEN, files_dir=tmp_path / "files")
    await emulator.start()
    try:
        bot = LocalBot(
            emulator,
            tmp_path / "data",
            env={
                "WEBHOOK_URL": url,
                "WEBHOOK_SECRET": SECRET,
                "PORT": str(port),
                "LISTEN_ADDRESS": "127.0.0.1",
            },
        )
        await bot.start()
        try:
            assert emulator.webhook["url"] == url
            await welcomed(bot.store, 77)  # one answer per /help, no welcome first
            user = emulator.user(77, first_name="Hook")
            await user.send("/help")
            assert "/start" in (await user.next_message()).text

            forged = _forged_update()
            async with aiohttp.ClientSession() as session:
                async with session.post(url, json=forged) as response:
                    assert response.status == 403
                wrong = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
                async with session.post(url, json=forged, headers=wrong) as response:
                    assert response.status == 403
                right = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
                elsewhere = f"http://127.0.0.1:{port}/other"
                async with session.post(elsewhere, json=forged, headers=right) as response:
                    assert response.status == 404
                async with session.post(url, data=b"not json", headers=right) as response:
                    assert response.status == 400
                health = f"http://127.0.0.1:{port}/healthz"
                async with session.get(health) as response:
                    assert response.status == 200
                    assert await response.json() == {"storage": "ok", "telegram": "ok"}
            sent_before = len(emulator.sent)
            await user.send("/help")  # a genuine update still works afterwards
            await user.next_message()
            assert len(emulator.sent) == sent_before + 1
        finally:
            await bot.stop()
        # Stopped: the port is free again, nothing listens on it.
        with pytest.raises(OSError):
            await asyncio.open_connection("127.0.0.1", port)
    finally:
        await emulator.stop()


@asynccontextmanager
async def local_webhook_bot(tmp_path):
    """An emulator and the bot in this process, in webhook mode on a free loopback port."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}{PATH}"
    emulator = BotApiEmulator(token=SANDBOX_TOKEN, files_dir=tmp_path / "files")
    await emulator.start()
    try:
        bot = LocalBot(
            emulator,
            tmp_path / "data",
            env={
                "WEBHOOK_URL": url,
                "WEBHOOK_SECRET": SECRET,
                "PORT": str(port),
                "LISTEN_ADDRESS": "127.0.0.1",
            },
        )
        await bot.start()
        try:
            yield emulator, bot, url
        finally:
            await bot.stop()
    finally:
        await emulator.stop()


async def test_an_update_is_acknowledged_only_once_it_was_handled(tmp_path):
    """Telegram delivers an update again unless it got a 200: the 200 must mean "done"."""
    async with local_webhook_bot(tmp_path) as (emulator, bot, url):
        emulator.user(77, first_name="Hook")  # the chat the updates come from
        await welcomed(bot.store, 77)  # one answer per /help, no welcome first
        right = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with aiohttp.ClientSession() as session:
            for update_id in range(5):
                sent_before = len(emulator.sent)
                update = _forged_update(500_000 + update_id)
                update["message"]["message_id"] = 100 + update_id
                update["message"]["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len("/help")}
                ]
                async with session.post(url, json=update, headers=right) as response:
                    assert response.status == 200
                # The answer was sent before the acknowledgement, never after.
                assert len(emulator.sent) == sent_before + 1


async def test_a_refused_set_webhook_leaves_nothing_listening(tmp_path):
    port = _free_port()
    emulator = BotApiEmulator(token=SANDBOX_TOKEN, files_dir=tmp_path / "files")
    await emulator.start()
    try:
        emulator.inject_fault("403", method="setWebhook")
        env = {
            "WEBHOOK_URL": f"http://127.0.0.1:{port}{PATH}",
            "WEBHOOK_SECRET": SECRET,
            "PORT": str(port),
            "LISTEN_ADDRESS": "127.0.0.1",
        }
        bot = LocalBot(emulator, tmp_path / "data", env=env)
        with pytest.raises(TelegramError):
            await bot.start()
        try:
            with pytest.raises(OSError):
                await asyncio.open_connection("127.0.0.1", port)
        finally:
            await bot.runner.stop()
    finally:
        await emulator.stop()


async def test_long_polling_serves_healthz_only_when_a_port_is_given(tmp_path):
    port = _free_port()
    emulator = BotApiEmulator(token=SANDBOX_TOKEN, files_dir=tmp_path / "files")
    await emulator.start()
    try:
        env = {"PORT": str(port), "LISTEN_ADDRESS": "127.0.0.1"}
        bot = LocalBot(emulator, tmp_path / "data", env=env)
        await bot.start()
        try:
            user = emulator.user(78, first_name="Poll")
            await user.send("/help")
            await user.next_message()
            async with aiohttp.ClientSession() as session:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    assert response.status == 200
                    assert await response.json() == {"storage": "ok", "telegram": "ok"}
                async with session.post(f"http://127.0.0.1:{port}{PATH}", json={}) as response:
                    assert response.status == 404  # no webhook while polling
        finally:
            await bot.stop()
        bot = LocalBot(emulator, tmp_path / "data2")  # no PORT: nothing listens
        await bot.start()
        try:
            with pytest.raises(OSError):
                await asyncio.open_connection("127.0.0.1", port)
        finally:
            await bot.stop()
    finally:
        await emulator.stop()


# ------------------------------------------------------------- the real process, attacked


def _memory_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) of a process, in MB."""
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _raise_own_open_files_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        if hard != resource.RLIM_INFINITY and hard < needed:
            pytest.skip(f"needs {needed} open files; the hard limit is {hard}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


class BotProcess:
    """``python -m bot.cli`` in webhook mode against ``emulator``; stderr collected."""

    def __init__(self, process: asyncio.subprocess.Process, port: int) -> None:
        self.process = process
        self.port = port
        self.stderr: list[str] = []
        self._reader = asyncio.create_task(self._collect())

    async def _collect(self) -> None:
        async for line in self.process.stderr:
            self.stderr.append(line.decode(errors="replace"))

    def lines(self, text: str) -> list[str]:
        return [line for line in self.stderr if text in line]

    async def stop(self) -> str:
        if self.process.returncode is None:
            self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), 30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        with suppress(TimeoutError):
            await asyncio.wait_for(self._reader, 10)
        return "".join(self.stderr)


@asynccontextmanager
async def webhook_process(tmp_path, open_files: int | None = None):
    """An emulator and the bot process in webhook mode, answering a first user."""
    emulator = BotApiEmulator(token=TOKEN, files_dir=tmp_path / "files")
    await emulator.start()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATA_DIR", "PORT")}
    env.update(
        BOT_TOKEN=TOKEN,
        DATA_DIR=str(tmp_path / "data"),
        TELEGRAM_API_BASE_URL=emulator.base_url,
        WEBHOOK_URL=f"http://127.0.0.1:{port}{PATH}",
        WEBHOOK_SECRET=SECRET,
        PORT=str(port),
        LISTEN_ADDRESS="127.0.0.1",
        SEND_RATE_LIMIT="0",
    )

    def limit_open_files() -> None:
        if open_files is not None:
            _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
            resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, hard))

    await _known_users(tmp_path / "data")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        preexec_fn=limit_open_files,
    )
    bot = BotProcess(process, port)
    try:
        user = emulator.user(5000, first_name="First")
        await user.send("/help")
        await user.next_message(timeout=60)
        yield emulator, bot
    finally:
        logs = await bot.stop()
        await emulator.stop()
        assert TOKEN not in logs
        assert SECRET not in logs


# The users who probe the process: known already, so /help is their first answer (a
# newcomer's welcome would build the place-name index, which the memory limits leave out).
PROBE_USERS = (5000, *range(5001, 5004), *range(6001, 6008), *range(7001, 7003), 7101, 7102)


async def _known_users(data_dir) -> None:
    store = await Store.open(data_dir)
    try:
        await welcomed(store, *PROBE_USERS)
    finally:
        await store.close()


async def _everyone_answered(emulator: BotApiEmulator, uids: range) -> None:
    assert set(uids) <= set(PROBE_USERS)
    users = [emulator.user(uid, first_name=f"U{uid}") for uid in uids]
    for user in users:
        await user.send("/help")
    for user in users:
        assert "/start" in (await user.next_message(timeout=60)).text


async def _post_huge(port: int, headers: dict[str, str], size: int) -> tuple[int | None, int]:
    """POST a ``size``-byte body as fast as the server takes it.

    Returns the status the server answered (None: it closed without one) and how many
    body bytes had been handed to the kernel by then.
    """
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = [f"POST {PATH} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    head += [f"{name}: {value}" for name, value in headers.items()]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode())
    chunk = b"x" * (256 * 1024)
    sent = 0

    async def pump() -> None:
        nonlocal sent
        with suppress(ConnectionError):
            while sent < size:
                writer.write(chunk)
                await writer.drain()
                sent += len(chunk)

    pumping = asyncio.create_task(pump())
    status = None
    try:
        line = await asyncio.wait_for(reader.readline(), 60)
        if line.startswith(b"HTTP/1.1 "):
            status = int(line.split()[1])
    except ConnectionError:
        pass
    finally:
        pumping.cancel()
        with suppress(asyncio.CancelledError, ConnectionError):
            await pumping
        writer.transport.abort()
    return status, sent


async def test_huge_bodies_are_refused_unread_and_the_bot_stays_small(tmp_path):
    async with webhook_process(tmp_path) as (emulator, bot):
        _rss, peak_before = _memory_mb(bot.process.pid)
        without_secret = {"Content-Length": str(HUGE), "Content-Type": "application/json"}
        with_secret = {**without_secret, "X-Telegram-Bot-Api-Secret-Token": SECRET}
        chunked = {
            "Transfer-Encoding": "chunked",
            "X-Telegram-Bot-Api-Secret-Token": SECRET,
        }
        results = await asyncio.gather(
            *[_post_huge(bot.port, without_secret, HUGE) for _ in range(8)],
            *[_post_huge(bot.port, with_secret, HUGE) for _ in range(8)],
        )
        # A chunked body (no Content-Length) of raw bytes: chunk framing is invalid after
        # the first, so send one proper chunk larger than the limit instead.
        status_chunked = await _post_chunked(bot.port, chunked, 3 * 1024 * 1024)
        _rss, peak_after = _memory_mb(bot.process.pid)

        statuses = [status for status, _sent in results]
        assert statuses[:8] == [403] * 8
        assert statuses[8:] == [413] * 8
        assert status_chunked == 413
        # What the client managed to push is what the kernel's socket buffers hold, never
        # the 90 MB: the bot did not read the bodies.
        assert max(sent for _status, sent in results) < HUGE / 4
        assert peak_after < RSS_LIMIT_MB, (peak_before, peak_after)
        await _everyone_answered(emulator, range(5001, 5004))
    assert not bot.lines("Traceback")
    assert len(bot.lines("Webhook refused")) <= 2  # once per minute, with a count


async def _post_chunked(port: int, headers: dict[str, str], size: int) -> int | None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = [f"POST {PATH} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    head += [f"{name}: {value}" for name, value in headers.items()]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode())
    writer.write(f"{size:x}\r\n".encode())
    with suppress(ConnectionError):
        for _ in range(size // (256 * 1024)):
            writer.write(b"{" * (256 * 1024))
            await writer.drain()
    try:
        line = await asyncio.wait_for(reader.readline(), 60)
    except ConnectionError:
        return None
    finally:
        writer.transport.abort()
    return int(line.split()[1]) if line.startswith(b"HTTP/1.1 ") else None


async def _half_open(port: int, count: int) -> list[asyncio.StreamWriter]:
    """``count`` connections that send half a request head and then nothing."""
    writers = []
    for _ in range(count):
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            continue  # the backlog is full: the attacker's problem
        writer.write(f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".encode())
        writers.append(writer)
    return writers


async def test_sigterm_stops_the_webhook_bot_cleanly(tmp_path):
    """Exit code 0, no ERROR line, also with a user's update being handled (issue 17)."""
    async with webhook_process(tmp_path) as (emulator, bot):
        await emulator.user(5300, first_name="Late").send("/help")
        started = time.monotonic()
        logs = await bot.stop()
        took = time.monotonic() - started
        assert bot.process.returncode == 0, logs[-2000:]
        assert not bot.lines(" ERROR ") and not bot.lines("Traceback"), logs[-2000:]
        assert bot.lines("Bot stopped")
        print(f"\nSIGTERM to exit, webhook mode: {took:.2f} s")


async def test_half_open_connections_do_not_starve_real_updates(tmp_path):
    _raise_own_open_files_limit(4096)
    # The usual default limit of open files: 1,100 connections would take them all.
    async with webhook_process(tmp_path, open_files=1024) as (emulator, bot):
        attackers = await _half_open(bot.port, 1100)
        try:
            assert len(attackers) > 1000
            await _everyone_answered(emulator, range(6001, 6006))
            _rss, peak = _memory_mb(bot.process.pid)
            assert peak < RSS_LIMIT_MB
        finally:
            for writer in attackers:
                writer.transport.abort()
        await _everyone_answered(emulator, range(6006, 6008))
    assert not bot.lines("Traceback")
    assert len(bot.stderr) < 60  # no line per connection


async def test_running_out_of_open_files_is_logged_once_and_the_bot_recovers(tmp_path):
    _raise_own_open_files_limit(4096)
    async with webhook_process(tmp_path) as (emulator, bot):
        # Something else took the files: the limit drops under the server's connection
        # cap while it runs, and accepting fails with EMFILE.
        _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.prlimit(bot.process.pid, resource.RLIMIT_NOFILE, (160, hard))
        attackers = await _half_open(bot.port, 400)
        try:
            await asyncio.sleep(4)  # asyncio retries accepting every second meanwhile
        finally:
            for writer in attackers:
                writer.transport.abort()
        resource.prlimit(bot.process.pid, resource.RLIMIT_NOFILE, (4096, hard))
        await _everyone_answered(emulator, range(7001, 7003))
    assert len(bot.lines("Cannot accept connections")) == 1
    assert not bot.lines("socket.accept() out of system resource")


async def test_a_low_open_files_limit_lowers_the_connection_cap_instead(tmp_path):
    _raise_own_open_files_limit(4096)
    async with webhook_process(tmp_path, open_files=160) as (emulator, bot):
        assert bot.lines("open-files limit is 160: serving at most 60 connections")
        attackers = await _half_open(bot.port, 400)
        try:
            await _everyone_answered(emulator, range(7101, 7103))
        finally:
            for writer in attackers:
                writer.transport.abort()
    assert not bot.lines("Cannot accept connections")


@pytest.mark.parametrize("failing", ["telegram", "storage"])
async def test_healthz_names_what_fails(tmp_path, failing):
    async with webhook_process(tmp_path) as (emulator, bot):
        data, gone = tmp_path / "data", tmp_path / "data-gone"
        if failing == "telegram":
            emulator.inject_fault("502", method="getMe")
        else:
            data.rename(gone)  # the volume went away under the running bot
        try:
            async with aiohttp.ClientSession() as session:
                async with session.get(f"http://127.0.0.1:{bot.port}/healthz") as response:
                    status, body = response.status, json.loads(await response.text())
        finally:
            if gone.exists():
                gone.rename(data)
    assert status == 503
    assert body == {
        "storage": "failed" if failing == "storage" else "ok",
        "telegram": "failed" if failing == "telegram" else "ok",
    }


async def _health_command(tmp_path, port: int) -> tuple[int, str]:
    """``backcare-bot health`` as Docker's HEALTHCHECK runs it, next to the bot."""
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATA_DIR", "PORT")}
    env.update(
        BOT_TOKEN=TOKEN,
        DATA_DIR=str(tmp_path / "data"),
        WEBHOOK_URL=f"http://127.0.0.1:{port}{PATH}",
        WEBHOOK_SECRET=SECRET,
        PORT=str(port),
        LISTEN_ADDRESS="0.0.0.0",
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "health",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode, output.decode()


async def test_the_health_command_asks_the_running_bot(tmp_path):
    async with webhook_process(tmp_path) as (_emulator, bot):
        code, output = await _health_command(tmp_path, bot.port)
        assert code == 0, output
        assert '"storage": "ok"' in output and '"telegram": "ok"' in output
    # Stopped: nothing answers, and the health command says so.
    code, output = await _health_command(tmp_path, bot.port)
    assert code == 1
    assert "did not answer" in output
    assert TOKEN not in output
