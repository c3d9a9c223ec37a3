"""The bot token never reaches stderr, whichever way Python prints there.

A Bot API server (or a proxy in front of it) that fails with an HTML page quoting the
request path, ``/bot<token>/getMe``, puts the token into exception messages. Those reach
stderr through log records, but also through paths that bypass logging: an uncaught
exception, an exception in a thread or in an asyncio task, an exception in ``__del__``,
a warning. Each is driven here in a real process, against a server that echoes the token.
"""

from __future__ import annotations

import asyncio
import os
import sys
import textwrap
from contextlib import asynccontextmanager

import pytest
from aiohttp import web

TOKEN = "987654321:AAH-echo-token-secret_abcdef"
SECRET_HALF = TOKEN.split(":", 1)[1]


@asynccontextmanager
async def echoing_server():
    """A server answering every request with a 502 HTML page that quotes its path."""

    async def echo(request: web.Request) -> web.Response:
        page = f"<html><body><h1>502 Bad Gateway</h1><p>no upstream for {request.path}</p>"
        return web.Response(status=502, content_type="text/html", text=page + "</body></html>")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", echo)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


def _env(tmp_path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATA_DIR", "PORT")}
    env.update(BOT_TOKEN=TOKEN, DATA_DIR=str(tmp_path / "data"), LOG_LEVEL="DEBUG", **extra)
    return env


async def _run(args: list[str], env: dict[str, str], cwd) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *args,
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _out, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode, err.decode(errors="replace")


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_start_up_failure_against_an_echoing_server_prints_no_token(tmp_path, mode):
    extra = {}
    if mode == "webhook":
        extra = {
            "WEBHOOK_URL": "http://127.0.0.1:9/telegram",
            "WEBHOOK_SECRET": "hook-secret-never-shown",
            "PORT": "8443",  # never reached: the start-up fails first
            "LISTEN_ADDRESS": "127.0.0.1",
        }
    async with echoing_server() as url:
        env = _env(tmp_path, TELEGRAM_API_BASE_URL=url, **extra)
        code, stderr = await _run(["-m", "bot.cli"], env, tmp_path)
    assert code != 0
    assert "/bot<token>/getMe" in stderr  # the echoed page was printed, scrubbed
    assert TOKEN not in stderr
    assert SECRET_HALF not in stderr
    assert "hook-secret-never-shown" not in stderr


# Every path to stderr, each fed the echoed page; the installation is the one the CLI does.
_EVERY_PATH = textwrap.dedent(
    """
    import asyncio, gc, logging, sys, threading, urllib.error, urllib.request, warnings
    from bot.logs import install_loop_exception_handler, redact_everywhere, setup_logging

    token, url = sys.argv[1], sys.argv[2]
    setup_logging("INFO", token)
    redact_everywhere(token)
    try:
        urllib.request.urlopen(f"{url}/bot{token}/getMe")
    except urllib.error.HTTPError as error:
        page = error.read().decode()
    log = logging.getLogger("paths")
    log.error("log record: %s", page)
    try:
        raise RuntimeError(page)
    except RuntimeError:
        log.exception("log traceback")
    warnings.warn(f"warning: {page}")

    def in_thread():
        raise RuntimeError(f"thread: {page}")

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join()

    async def main():
        install_loop_exception_handler(asyncio.get_running_loop())

        async def fail():
            raise RuntimeError(f"task: {page}")

        task = asyncio.ensure_future(fail())
        await asyncio.sleep(0.05)
        del task  # never awaited: the loop reports it when the task is collected
        gc.collect()
        asyncio.get_running_loop().call_exception_handler({"message": f"loop: {page}"})

    asyncio.run(main())

    class Broken:
        def __del__(self):
            raise RuntimeError(f"unraisable: {page}")

    Broken()
    raise RuntimeError(f"uncaught: {page}")
    """
)
_PATHS = ("log record", "log traceback", "warning", "thread", "task", "loop", "unraisable")


async def test_no_path_to_stderr_prints_the_token(tmp_path):
    async with echoing_server() as url:
        code, stderr = await _run(["-c", _EVERY_PATH, TOKEN, url], _env(tmp_path), tmp_path)
    assert code == 1  # the uncaught exception at the end
    for path in (*_PATHS, "uncaught"):
        assert f"{path}: <html>" in stderr or f"{path}\n" in stderr, path
    # Every path printed the echoed page, every time scrubbed.
    assert stderr.count("/bot<token>/getMe") >= len(_PATHS) + 1
    assert TOKEN not in stderr
    assert SECRET_HALF not in stderr
