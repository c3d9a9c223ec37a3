"""What the emulator shows of the bot's work: messages, events, answers, refusals, counters."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


class ApiError(Exception):
    """A Bot API refusal, answered as ``{"ok": false, "error_code": ..., ...}``."""

    def __init__(self, code: int, description: str, *, retry_after: int | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(what: str) -> ApiError:
    return ApiError(400, f"Bad Request: {what}")


class ButtonNotFound(LookupError):
    """A simulated user pressed a button that the bot's messages do not have."""


@dataclass
class BotMessage:
    """One message the bot sent, in the state the user currently sees (edits applied).

    For photos and documents ``text`` is empty and ``caption`` holds the caption;
    :attr:`body` returns whichever is set.
    """

    message_id: int
    chat_id: int
    text: str = ""
    html: str | None = None  # raw text/caption as sent, when parse_mode was HTML
    kind: str = "text"  # "text" | "photo" | "document"
    caption: str | None = None
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)  # (text, data or url)
    reply_keyboard: list[list[tuple[str, bool]]] | None = None  # (text, request_location)
    remove_keyboard: bool = False
    file_path: Path | None = None  # where an uploaded file was saved
    edits: int = 0
    raw: dict[str, Any] = field(default_factory=dict, repr=False)  # the Message JSON

    @property
    def button_texts(self) -> list[str]:
        return [text for row in self.buttons for text, _ in row]

    @property
    def body(self) -> str:
        return self.text or self.caption or ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["file_path"] = str(self.file_path) if self.file_path else None
        data["button_texts"] = self.button_texts
        return data


@dataclass
class BotEvent:
    """Something the bot did in a chat; ``message`` is a snapshot taken at that moment."""

    kind: str  # "new" | "edit" | "delete"
    message: BotMessage
    seq: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "message": self.message.to_dict()}

    def describe(self) -> str:
        """One line for failure messages: kind, id, and the start of the text."""
        msg = self.message
        summary = msg.body.replace("\n", " ")
        if len(summary) > 60:
            summary = summary[:57] + "..."
        buttons = f" buttons={msg.button_texts}" if msg.buttons else ""
        return f"{self.kind} #{msg.message_id} {msg.kind} {summary!r}{buttons}"


@dataclass
class CallbackAnswer:
    """The bot's answerCallbackQuery for one of the user's button presses."""

    callback_query_id: str
    text: str | None = None
    show_alert: bool = False
    url: str | None = None


@dataclass
class EmulatorStats:
    """Counters for tests and benchmarks."""

    requests: Counter[str] = field(default_factory=Counter)
    messages_delivered: int = 0
    too_many_requests: int = 0  # every 429 answered, limits and injected faults alike
    faults_injected: int = 0
    updates_created: int = 0
    webhook_deliveries: int = 0
    webhook_failures: int = 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["requests"] = dict(self.requests)
        return data

    def reset(self) -> None:
        """Start counting from zero (in place: every part of the emulator shares this object)."""
        for name, value in vars(EmulatorStats()).items():
            setattr(self, name, value)


__all__ = [
    "ApiError",
    "BotEvent",
    "BotMessage",
    "ButtonNotFound",
    "CallbackAnswer",
    "EmulatorStats",
    "bad_request",
]
