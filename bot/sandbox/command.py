"""``backcare-bot sandbox``: chat with the real bot in this terminal, no token needed.

The bot runs against the local Bot API emulator (the development package ``emulator``)
with its data in ``--data-dir``; the chat itself is :func:`emulator.terminal.chat`.
"""

from __future__ import annotations

import asyncio
import getpass
import logging
import sys
from pathlib import Path

from bot.logs import install_loop_exception_handler, redact_everywhere, setup_logging
from bot.sandbox.harness import SANDBOX_TOKEN, local_bot
from emulator.terminal import chat

SANDBOX_USER_ID = 1000


async def _chat(data_dir: Path) -> None:
    install_loop_exception_handler(asyncio.get_running_loop())
    async with local_bot(data_dir) as bot:
        name = getpass.getuser().capitalize() or "You"
        user = bot.emulator.user(SANDBOX_USER_ID, first_name=name)
        intro = [
            f"Sandbox: the real bot runs against a local Bot API on {bot.emulator.base_url}",
            f"Data: {data_dir}   Files the bot sends: {bot.emulator.files_dir}",
        ]
        try:
            await chat(user, intro=intro)
        finally:
            print(f"\nBye! Your sandbox data stays in {data_dir}")


def run_sandbox(data_dir: Path, log_level: str = "WARNING") -> int:
    setup_logging(log_level.upper(), SANDBOX_TOKEN)
    redact_everywhere(SANDBOX_TOKEN)  # the same paths to stderr as a deployment
    data_dir = data_dir.resolve()
    try:
        asyncio.run(_chat(data_dir))
    except KeyboardInterrupt:
        pass
    except Exception as error:  # one readable line instead of a trace for the person trying it
        logging.getLogger("backcare").debug("sandbox failed", exc_info=True)
        print(f"backcare-bot sandbox: {error}", file=sys.stderr)
        return 1
    return 0
