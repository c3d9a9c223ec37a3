"""A chat with the bot in this terminal, as one simulated user.

What you type goes to the bot as a Telegram message from you. Buttons under a bot
message are numbered: type ``#2`` to press the second one. ``/loc 52.52 13.40`` shares a
location. Photos and documents the bot sends are saved to files; their paths are shown.
``/quit`` (or Ctrl-D) leaves.
"""

from __future__ import annotations

import asyncio
import re
import sys
import threading
from collections.abc import Iterable

from emulator.model import BotMessage
from emulator.users import EmulatedUser

_FIRST_REPLY_WAIT = 20.0  # seconds to wait for the bot to start answering a line (it always does)
_QUIET = 0.3  # seconds without a new message that count as "the bot is done"
HELP = (
    "Type a message and press Enter. #N presses button N, /loc LAT LON shares a location, "
    "/quit leaves."
)


def format_message(kind: str, message: BotMessage, numbering: list[tuple[int, str]]) -> str:
    """A bot message as terminal text; fills ``numbering`` with (message_id, callback)."""
    label = {"new": "bot", "edit": "bot (edited)"}.get(kind, kind)
    lines = [f"\n── {label} ──"]
    if message.kind != "text":
        lines.append(f"[{message.kind} saved to {message.file_path}]")
    body = message.text if message.kind == "text" else (message.caption or "")
    if body:
        lines.append(body)
    if message.buttons:
        numbering.clear()
        for row in message.buttons:
            cells = []
            for text, data in row:
                numbering.append((message.message_id, data or text))
                cells.append(f"[{len(numbering)}] {text}")
            lines.append("   ".join(cells))
    if message.reply_keyboard:
        flat = ", ".join(text for row in message.reply_keyboard for text, _location in row)
        lines.append(f"(keyboard: {flat} — type /loc LAT LON to share a location)")
    return "\n".join(lines)


def _start_stdin_reader(loop: asyncio.AbstractEventLoop, queue: asyncio.Queue) -> None:
    """Read stdin in a daemon thread so a pending read never blocks shutdown."""

    def read() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(queue.put_nowait, line.rstrip("\n"))
        loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=read, name="sandbox-stdin", daemon=True).start()


async def chat(user: EmulatedUser, *, intro: Iterable[str] = ()) -> None:
    """Relay stdin to the bot as ``user`` and print what the bot does, until /quit or EOF."""
    for line in intro:
        print(line)
    print(HELP + " Try /start.")
    numbering: list[tuple[int, str]] = []
    activity = asyncio.Event()

    async def show_events() -> None:
        while True:
            try:
                event = await user.next_event(timeout=3600)
            except TimeoutError:
                continue
            activity.set()
            if event.kind == "delete":
                continue
            print(format_message(event.kind, event.message, numbering), flush=True)

    async def settle() -> None:
        """Wait for the bot's answer to go quiet, so pasted lines read like a chat."""
        try:
            await asyncio.wait_for(activity.wait(), _FIRST_REPLY_WAIT)
            while True:
                activity.clear()
                await asyncio.wait_for(activity.wait(), _QUIET)
        except TimeoutError:
            activity.clear()

    printer = asyncio.create_task(show_events())
    lines: asyncio.Queue = asyncio.Queue()
    _start_stdin_reader(asyncio.get_running_loop(), lines)
    try:
        while (line := await lines.get()) is not None:
            line = line.strip()
            if not line:
                continue
            if line in ("/quit", "/exit"):
                break
            if match := re.fullmatch(r"#\s*(\d+)", line):
                index = int(match.group(1))
                if not 1 <= index <= len(numbering):
                    print(f"(no button {index}; the last message has {len(numbering)})")
                    continue
                message_id, data = numbering[index - 1]
                await user.press(data, message_id=message_id)
            elif match := re.fullmatch(r"/loc\s+(-?[\d.]+)[,\s]+(-?[\d.]+)", line):
                await user.send_location(float(match.group(1)), float(match.group(2)))
            elif line.startswith("/loc"):
                print("(usage: /loc LATITUDE LONGITUDE, e.g. /loc 52.52 13.40)")
                continue
            else:
                await user.send(line)
            await settle()
    finally:
        printer.cancel()
