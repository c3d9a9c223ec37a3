"""A local Telegram Bot API emulator, for tests, the terminal sandbox and benchmarks.

A development package: the bot never imports it at run time (only ``backcare-bot sandbox``
does). The real python-telegram-bot ``Application`` runs against it unchanged::

    from emulator import BotApiEmulator

    emu = BotApiEmulator(token=TOKEN, files_dir=tmp_path / "files", seed=0)
    await emu.start()
    app = (
        ApplicationBuilder().token(TOKEN)
        .base_url(emu.api_url).base_file_url(emu.file_url)
        .build()
    )
    user = emu.user(42, first_name="Ana")
    await user.send("/start")
    reply = await user.next_message()

Why an emulator rather than mocks: the bot's real HTTP requests (form encoding, JSON-encoded
markup, multipart uploads, long polling) go through PTB untouched, and Telegram's usual
refusals (message too long, not modified, button data too long, flood control, blocked
users) come back as the same JSON errors, so the bot meets them in tests first. It listens
on 127.0.0.1 only.

Three faces:
- the Bot API under ``/bot{token}/{method}`` and ``/file/bot{token}/{path}`` (what the bot
  calls): :mod:`emulator.server`, :mod:`emulator.methods`, :mod:`emulator.delivery`;
- an in-process user side (:meth:`BotApiEmulator.user` -> :class:`EmulatedUser`):
  :mod:`emulator.users`;
- an HTTP control side under ``/control/`` for a bot or sandbox in another process:
  :mod:`emulator.control`.

Also: fault injection (:mod:`emulator.faults`), Telegram's flood limits
(:mod:`emulator.limits`), Telegram HTML (:mod:`emulator.telegram_html`) and a chat in the
terminal (:mod:`emulator.terminal`).
"""

from emulator.faults import FAULT_KINDS
from emulator.model import (
    ApiError,
    BotEvent,
    BotMessage,
    ButtonNotFound,
    CallbackAnswer,
    EmulatorStats,
)
from emulator.server import DEFAULT_TOKEN, BotApiEmulator
from emulator.telegram_html import HtmlParseError, parse_telegram_html
from emulator.users import EmulatedUser

__all__ = [
    "DEFAULT_TOKEN",
    "FAULT_KINDS",
    "ApiError",
    "BotApiEmulator",
    "BotEvent",
    "BotMessage",
    "ButtonNotFound",
    "CallbackAnswer",
    "EmulatedUser",
    "EmulatorStats",
    "HtmlParseError",
    "parse_telegram_html",
]
