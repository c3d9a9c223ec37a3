"""``backcare-bot sandbox``: chat with the real bot in this terminal, no token needed.

The bot runs against the local Bot API emulator (the development package ``emulator``)
with its data in ``--data-dir``; the chat itself is :func:`emulator.terminal.chat`.
Updates reach the bot through its webhook server on 127.0.0.1, which answers only once an
update is handled: that answer tells the terminal when the bot is done with a line.
You are ``--name`` (a friendly first name, not the login name of this computer), and your
Telegram app speaks ``--language`` (its ``language_code``, as Telegram sends it).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import socket
import sys
from pathlib import Path

from bot.logs import install_loop_exception_handler, redact_everywhere, setup_logging
from bot.sandbox.harness import SANDBOX_TOKEN, local_bot
from emulator.terminal import chat

SANDBOX_USER_ID = 1000
DEFAULT_NAME = "Alex"
_WEBHOOK_PATH = "/telegram"


def _webhook_env() -> dict[str, str]:
    """A webhook on a free loopback port, with a secret made up for this run."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return {
        "WEBHOOK_URL": f"http://127.0.0.1:{port}{_WEBHOOK_PATH}",
        "WEBHOOK_SECRET": secrets.token_urlsafe(32),
        "PORT": str(port),
        "LISTEN_ADDRESS": "127.0.0.1",
    }


async def _chat(data_dir: Path, name: str, language: str) -> None:
    install_loop_exception_handler(asyncio.get_running_loop())
    async with local_bot(data_dir, env=_webhook_env()) as bot:
        user = bot.emulator.user(SANDBOX_USER_ID, first_name=name, language_code=language)
        intro = [
            f"Sandbox: the real bot runs against a local Bot API on {bot.emulator.base_url}",
            f"Data: {data_dir}   Files the bot sends: {bot.emulator.files_dir}",
            f"You are {name} (--name), your Telegram app speaks {language!r} (--language).",
        ]
        try:
            await chat(user, bot.emulator, intro=intro)
        finally:
            print(f"\nBye! Your sandbox data stays in {data_dir}")


def run_sandbox(
    data_dir: Path, log_level: str = "WARNING", name: str | None = None, language: str = "en"
) -> int:
    setup_logging(log_level.upper(), SANDBOX_TOKEN)
    redact_everywhere(SANDBOX_TOKEN)  # the same paths to stderr as a deployment
    data_dir = data_dir.resolve()
    try:
        asyncio.run(_chat(data_dir, " ".join((name or "").split()) or DEFAULT_NAME, language))
    except KeyboardInterrupt:
        pass
    except Exception as error:  # one readable line instead of a trace for the person trying it
        logging.getLogger("backcare").debug("sandbox failed", exc_info=True)
        print(f"backcare-bot sandbox: {error}", file=sys.stderr)
        return 1
    return 0
