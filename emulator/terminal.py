"""A chat with the bot in this terminal, as one simulated user.

What you type goes to the bot as a Telegram message from you. Bot messages with buttons
are numbered as they are shown (``message 3``) and their buttons too: ``#2`` presses
button 2 of the latest message shown with buttons, ``#3.1`` button 1 of message 3 (any
message still on screen, as in Telegram, e.g. Undo under an older entry). A press on a
button that is gone (an edit removed it, the message was deleted) gets a short note, never
an exit. Toasts and alerts a button answers with are shown like messages.
``/loc 52.52 13.40`` shares a location. Photos and documents the bot sends are saved to
files; their paths are shown (a photo edited into another shows the new path). A message
the bot deletes is noted by its number. ``/quit`` (or Ctrl-D) leaves.

Pacing, so that pasted lines read like a chat and ``#2`` never refers to a message not yet
shown: each line waits until the bot is done with the one before. The sandbox runs the
bot on a webhook, which answers the emulator's POST only once the update was handled
(bot/webhook.py), so "done" is known exactly: every update acknowledged
(:meth:`BotApiEmulator.wait_acknowledged`), then whatever the bot sent is printed and the
next line goes out. No quiet window is guessed, however loaded the machine, and a press
answered with a toast alone is done as soon as it is handled. With long polling an
acknowledgement only means "fetched", so there the terminal falls back to waiting for the
update to be fetched, for the first sign of an answer (a message, an edit or a toast),
and then for ``_QUIET`` seconds without another. Messages the bot sends later on its own
(reminders, a routine's next step) are printed whenever they come.
"""

from __future__ import annotations

import asyncio
import re
import sys
import threading
from collections.abc import Iterable
from typing import Any

from emulator.model import BotMessage, ButtonNotFound, CallbackAnswer
from emulator.server import BotApiEmulator
from emulator.users import EmulatedUser

_HANDLED_WAIT = 60.0  # seconds to wait for the bot to handle a line before typing is let go
_FIRST_REPLY_WAIT = 20.0  # long polling: seconds to wait for the first sign of an answer
_QUIET = 0.3  # long polling: seconds without a new message that count as "the bot is done"
HELP = (
    "Type a message and press Enter. #N presses button N of the latest message with "
    "buttons, #M.N button N of message M; /loc LAT LON shares a location; /quit leaves."
)


def format_message(kind: str, message: BotMessage, number: int | None = None) -> str:
    """A bot message as terminal text; ``number`` is its label when it has buttons."""
    label = {"new": "bot", "edit": "bot (edited)"}.get(kind, kind)
    if number is not None:
        label += f" · message {number}"
    lines = [f"\n── {label} ──"]
    if message.kind != "text":
        lines.append(f"[{message.kind} saved to {message.file_path}]")
    body = message.text if message.kind == "text" else (message.caption or "")
    if body:
        lines.append(body)
    index = 0
    for row in message.buttons:
        cells = []
        for text, _data in row:
            index += 1
            cells.append(f"[{index}] {text}")
        lines.append("   ".join(cells))
    if message.reply_keyboard:
        flat = ", ".join(text for row in message.reply_keyboard for text, _location in row)
        lines.append(f"(keyboard: {flat} — type /loc LAT LON to share a location)")
    return "\n".join(lines)


def format_answer(answer: CallbackAnswer) -> str:
    """A button's toast or alert as terminal text."""
    label = "alert (tap OK)" if answer.show_alert else "toast"
    return f"\n── {label} ──\n{answer.text}"


class Screen:
    """What the terminal has shown: bot messages, with buttons numbered as they appear."""

    def __init__(self, user: EmulatedUser) -> None:
        self.user = user
        self._message_ids: list[int] = []  # message number - 1 -> message id
        self._numbers: dict[int, int] = {}  # message id -> message number
        self._latest: int | None = None  # number of the last message shown with buttons
        self._answers_shown = len(user.callback_answers)

    def show_new(self) -> bool:
        """Print every event and toast not shown yet; True if there was any."""
        shown = False
        for event in self.user.drain():
            if event.kind == "delete":
                # As a Telegram client it vanishes; here it stays on screen, so say so (the
                # routine player replaces a photo by a new message when a step has none).
                number = self._numbers.get(event.message.message_id)
                if number is not None:
                    print(f"\n(message {number} was removed by the bot)")
                    shown = True
                continue
            print(format_message(event.kind, event.message, self._number(event.message)))
            shown = True
        answers = self.user.callback_answers[self._answers_shown :]
        self._answers_shown += len(answers)
        for answer in answers:
            if answer.text:
                print(format_answer(answer))
                shown = True
        if shown:
            sys.stdout.flush()
        return shown

    def _number(self, message: BotMessage) -> int | None:
        number = self._numbers.get(message.message_id)
        if message.buttons:
            if number is None:
                self._message_ids.append(message.message_id)
                number = self._numbers[message.message_id] = len(self._message_ids)
            self._latest = number
        return number

    def button(self, message_number: int | None, index: int) -> tuple[int, str] | str:
        """(message id, callback data) of a shown button, or a note saying why not."""
        if message_number is None:
            if self._latest is None:
                return "(no buttons yet: nothing to press)"
            message_number = self._latest
        if not 1 <= message_number <= len(self._message_ids):
            shown = len(self._message_ids)
            return f"(no message {message_number} with buttons; they go from 1 to {shown})"
        message_id = self._message_ids[message_number - 1]
        message = self.user.chat.bot_messages.get(message_id)
        if message is None:
            return f"(message {message_number} was deleted; nothing was pressed)"
        markup: dict[str, Any] = message.raw.get("reply_markup") or {}
        buttons = [button for row in markup.get("inline_keyboard", []) for button in row]
        if not buttons:
            return f"(message {message_number} has no buttons any more; nothing was pressed)"
        if not 1 <= index <= len(buttons):
            return f"(message {message_number} has buttons 1 to {len(buttons)}; no button {index})"
        button = buttons[index - 1]
        if "callback_data" not in button:
            target = button.get("url")
            return f"(that button opens {target})" if target else "(that button does nothing here)"
        return message_id, button["callback_data"]


def _start_stdin_reader(loop: asyncio.AbstractEventLoop, queue: asyncio.Queue) -> None:
    """Read stdin in a daemon thread so a pending read never blocks shutdown."""

    def read() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(queue.put_nowait, line.rstrip("\n"))
        loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=read, name="sandbox-stdin", daemon=True).start()


async def chat(user: EmulatedUser, emulator: BotApiEmulator, *, intro: Iterable[str] = ()) -> None:
    """Relay stdin to the bot as ``user`` and print what the bot does, until /quit or EOF."""
    for line in intro:
        print(line)
    print(HELP + " Try /start.")
    screen = Screen(user)
    activity = asyncio.Event()

    async def show_events() -> None:
        while True:
            if screen.show_new():
                activity.set()
            await user.chat.wait_changed(3600)

    async def settle() -> None:
        """Wait until the bot is done with the line just sent (see the module docstring)."""
        if emulator.acknowledges_handling:
            await emulator.wait_acknowledged(_HANDLED_WAIT)
            screen.show_new()
            return
        try:
            await emulator.wait_acknowledged(_FIRST_REPLY_WAIT)
            if not screen.show_new():
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
            activity.clear()
            if match := re.fullmatch(r"#\s*(?:(\d+)\s*\.\s*)?(\d+)", line):
                message_number = int(match.group(1)) if match.group(1) else None
                found = screen.button(message_number, int(match.group(2)))
                if isinstance(found, str):
                    print(found)
                    continue
                message_id, data = found
                try:
                    await user.press(data, message_id=message_id)
                except ButtonNotFound:  # gone between the look and the press
                    print("(that button is gone; nothing was pressed)")
                    continue
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
