"""A local Telegram Bot API emulator for tests, the terminal sandbox and benchmarks.

The real python-telegram-bot ``Application`` runs against it unchanged::

    emu = BotApiEmulator(token=TOKEN, files_dir=tmp_path / "files", seed=0)
    await emu.start()
    app = (
        ApplicationBuilder().token(TOKEN)
        .base_url(emu.base_url + "/bot").base_file_url(emu.base_url + "/file/bot")
        .build()
    )
    user = emu.user(42, first_name="Ana")
    await user.send("/start")
    reply = await user.next_message()

Why an emulator rather than mocks: the bot's real HTTP requests (form encoding, JSON-encoded
markup, multipart uploads, long polling) go through PTB untouched, and Telegram's usual
refusals (message too long, not modified, button data too long, flood control, blocked
users) come back as the same JSON errors, so the bot meets them in tests first.

Three faces:
- the Bot API under ``/bot{token}/{method}`` and ``/file/bot{token}/{path}`` (what the bot calls);
- an in-process user side (:meth:`BotApiEmulator.user` -> :class:`EmulatedUser`);
- an HTTP control side under ``/control/`` for a bot or sandbox in another process.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import math
import random
import re
import shutil
import tempfile
import time
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from html.entities import name2codepoint
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

__all__ = [
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

_LOG = logging.getLogger(__name__)

DEFAULT_TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuv"
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_INLINE_BUTTONS = 100
FAULT_KINDS = frozenset({"429", "403", "500", "502", "timeout", "drop", "slow"})

# Update types Telegram delivers when allowed_updates is not given.
_ALL_UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
_DEFAULT_UPDATE_TYPES = _ALL_UPDATE_TYPES - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}

# Form-encoded requests carry these as JSON strings (PTB's RequestParameter.json_value).
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "commands",
        "allowed_updates",
        "media",
        "scope",
        "link_preview_options",
        "reply_parameters",
        "results",
        "message_ids",
        "options",
        "explanation_entities",
        "permissions",
        "prices",
        "menu_button",
        "rights",
    }
)
_INT_FIELDS = frozenset(
    {
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "reply_to_message_id",
        "user_id",
        "max_connections",
        "cache_time",
        "message_thread_id",
        "from_chat_id",
    }
)
_BOOL_FIELDS = frozenset(
    {
        "show_alert",
        "drop_pending_updates",
        "disable_notification",
        "protect_content",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "has_spoiler",
        "disable_content_type_detection",
        "show_caption_above_media",
    }
)
# Requests that count against Telegram's flood limits.
_MESSAGE_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "editMessageText",
        "editMessageReplyMarkup",
        "editMessageCaption",
    }
)
_SECRET_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


# --------------------------------------------------------------------------------------------
# Public data objects
# --------------------------------------------------------------------------------------------


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


def _bad_request(what: str) -> ApiError:
    return ApiError(400, f"Bad Request: {what}")


class HtmlParseError(ValueError):
    """Text is not valid Telegram HTML; the message says where, like Telegram does."""


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


@dataclass
class _Fault:
    kind: str
    method: str | None
    count: int | None
    rate: float | None
    retry_after: int
    delay: float
    chat_id: int | None

    def matches(self, method: str, chat_id: int | None) -> bool:
        if self.method is None:
            if method == "getUpdates":
                return False
        elif self.method.lower() != method.lower():
            return False
        return self.chat_id is None or self.chat_id == chat_id


@dataclass
class _Markup:
    inline: dict[str, Any] | None = None
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)
    reply_keyboard: list[list[tuple[str, bool]]] | None = None
    remove_keyboard: bool = False


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str  # path part of the download URL
    local: Path | None
    size: int


@dataclass
class _Webhook:
    url: str
    secret_token: str | None
    max_connections: int
    allowed_updates: list[str] | None
    last_error_date: int | None = None
    last_error_message: str | None = None


# --------------------------------------------------------------------------------------------
# Telegram HTML
# --------------------------------------------------------------------------------------------

_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_HTML_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _TelegramHtmlParser(HTMLParser):
    """Strict parser for Telegram's HTML subset; raises HtmlParseError like the server."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self._source = source
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.parts: list[str] = []
        self.entities: list[dict[str, Any]] = []
        self._length = 0  # UTF-16 length of the text so far
        self._stack: list[tuple[str, int, dict[str, str | None], int]] = []

    def _byte_offset(self) -> int:
        line, col = self.getpos()
        index = self._line_starts[line - 1] + col
        return len(self._source[:index].encode())

    def _fail(self, reason: str) -> None:
        raise HtmlParseError(f"{reason} at byte offset {self._byte_offset()}")

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self._length += _utf16_len(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _TAG_ENTITY:
            self._fail(f'Unsupported start tag "{tag}"')
        attributes = dict(attrs)
        if tag == "span" and attributes.get("class") != "tg-spoiler":
            self._fail('Tag "span" must have class "tg-spoiler"')
        if tag == "tg-emoji" and not attributes.get("emoji-id"):
            self._fail('Tag "tg-emoji" must have attribute "emoji-id"')
        self._stack.append((tag, self._length, attributes, self._byte_offset()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            self._fail(f'Unexpected end tag "{tag}"')
        open_tag, start, attrs, _ = self._stack.pop()
        if open_tag != tag:
            self._fail(f'Unmatched end tag, expected "</{open_tag}>", found "</{tag}>"')
        length = self._length - start
        if length <= 0:
            return
        entity: dict[str, Any] = {"type": _TAG_ENTITY[tag], "offset": start, "length": length}
        if tag == "a":
            entity["url"] = attrs.get("href") or ""
        elif tag == "tg-emoji":
            entity["custom_emoji_id"] = attrs["emoji-id"]
        elif tag == "blockquote" and "expandable" in attrs:
            entity["type"] = "expandable_blockquote"
        elif tag == "code" and (attrs.get("class") or "").startswith("language-"):
            entity["language"] = (attrs.get("class") or "")[len("language-") :]
        self.entities.append(entity)

    def handle_data(self, data: str) -> None:
        if "<" in data:
            self._fail('Unexpected "<": replace it with "&lt;"')
        if "&" in data:
            self._fail('Unexpected "&": replace it with "&amp;"')
        self._add(data)

    def handle_entityref(self, name: str) -> None:
        if name not in _HTML_ENTITIES:
            known = " (not supported by Telegram)" if name in name2codepoint else ""
            self._fail(f'Unsupported HTML entity "&{name};"{known}')
        self._add(_HTML_ENTITIES[name])

    def handle_charref(self, name: str) -> None:
        try:
            code = int(name[1:], 16) if name[:1] in "xX" else int(name)
            self._add(chr(code))
        except (ValueError, OverflowError):
            self._fail(f'Invalid character reference "&#{name};"')

    def handle_comment(self, data: str) -> None:
        self._fail("Comments are not supported")

    def handle_decl(self, decl: str) -> None:
        self._fail("Declarations are not supported")

    def handle_pi(self, data: str) -> None:
        self._fail("Processing instructions are not supported")

    def unknown_decl(self, data: str) -> None:
        self._fail("Declarations are not supported")

    def finish(self) -> tuple[str, list[dict[str, Any]]]:
        self.close()
        if self._stack:
            tag, _, _, offset = self._stack[-1]
            raise HtmlParseError(
                f'Can\'t find end tag corresponding to start tag "{tag}" at byte offset {offset}'
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.parts), self.entities


def parse_telegram_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into (plain text, MessageEntity dicts); raise HtmlParseError."""
    parser = _TelegramHtmlParser(text)
    parser.feed(text)
    return parser.finish()


# --------------------------------------------------------------------------------------------
# Flood limits
# --------------------------------------------------------------------------------------------


class _FloodLimiter:
    """Telegram's documented flood limits: 30 msg/s overall, ~1/s per chat, 20/min per group."""

    GLOBAL_PER_SECOND = 30
    PRIVATE_BURST = 3.0
    PRIVATE_REFILL_PER_SECOND = 1.0
    GROUP_PER_MINUTE = 20

    def __init__(self, clock: Callable[[], float]):
        self._clock = clock
        self._global: deque[float] = deque()
        self._buckets: dict[int, tuple[float, float]] = {}  # chat -> (tokens, updated at)
        self._groups: dict[int, deque[float]] = {}

    def retry_after(self, chat_id: int | None) -> int | None:
        """Seconds to wait if one more message now would exceed a limit, else None."""
        now = self._clock()
        window = self._global
        while window and window[0] <= now - 1.0:
            window.popleft()
        waits: list[float] = []
        if len(window) >= self.GLOBAL_PER_SECOND:
            waits.append(window[0] + 1.0 - now)
        if chat_id is not None and chat_id > 0:
            tokens = self._tokens(chat_id, now)
            if tokens < 1.0:
                waits.append((1.0 - tokens) / self.PRIVATE_REFILL_PER_SECOND)
        elif chat_id is not None:
            group = self._groups.get(chat_id)
            if group:
                while group and group[0] <= now - 60.0:
                    group.popleft()
                if len(group) >= self.GROUP_PER_MINUTE:
                    waits.append(group[0] + 60.0 - now)
        if not waits:
            return None
        return max(1, math.ceil(max(waits)))

    def record(self, chat_id: int | None) -> None:
        now = self._clock()
        self._global.append(now)
        if chat_id is not None and chat_id > 0:
            self._buckets[chat_id] = (self._tokens(chat_id, now) - 1.0, now)
        elif chat_id is not None:
            self._groups.setdefault(chat_id, deque()).append(now)

    def _tokens(self, chat_id: int, now: float) -> float:
        tokens, updated = self._buckets.get(chat_id, (self.PRIVATE_BURST, now))
        return min(self.PRIVATE_BURST, tokens + (now - updated) * self.PRIVATE_REFILL_PER_SECOND)


# --------------------------------------------------------------------------------------------
# Chats and simulated users
# --------------------------------------------------------------------------------------------


class _Chat:
    """Server-side state of one chat: the bot's messages indexed by id, and the event log."""

    def __init__(self, chat_id: int, chat_type: str, info: dict[str, Any], max_events: int):
        self.id = chat_id
        self.type = chat_type
        self.info = {"id": chat_id, "type": chat_type, **info}
        self.bot_messages: dict[int, BotMessage] = {}  # insertion order == send order
        self.user_message_ids: set[int] = set()
        self.events: deque[BotEvent] = deque(maxlen=max_events)
        self.reply_keyboard: list[list[tuple[str, bool]]] | None = None
        self._next_message_id = 1
        self._changed = asyncio.Event()

    def new_message_id(self) -> int:
        message_id = self._next_message_id
        self._next_message_id += 1
        return message_id

    def add_event(self, event: BotEvent) -> None:
        self.events.append(event)
        self.wake()

    def wake(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def events_after(self, seq: int) -> list[BotEvent]:
        if not self.events or self.events[-1].seq <= seq:
            return []
        return [event for event in self.events if event.seq > seq]

    async def wait_events_after(self, seq: int, timeout: float) -> list[BotEvent]:  # noqa: ASYNC109
        """Events newer than ``seq``, waiting up to ``timeout`` seconds for the first one."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = self.events_after(seq)
            remaining = deadline - loop.time()
            if found or remaining <= 0:
                return found
            changed = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), remaining)


def _describe(event: BotEvent) -> str:
    msg = event.message
    summary = msg.body.replace("\n", " ")
    if len(summary) > 60:
        summary = summary[:57] + "..."
    buttons = f" buttons={msg.button_texts}" if msg.buttons else ""
    return f"{event.kind} #{msg.message_id} {msg.kind} {summary!r}{buttons}"


class EmulatedUser:
    """A simulated person in a private chat with the bot (chat id == user id)."""

    def __init__(self, emulator: BotApiEmulator, chat: _Chat, info: dict[str, Any]):
        self._emu = emulator
        self.chat = chat
        self.id: int = info["id"]
        self.first_name: str = info["first_name"]
        self.info = info
        self.callback_answers: list[CallbackAnswer] = []
        self._cursor = 0  # seq of the last event returned by next_event

    def __repr__(self) -> str:
        return f"EmulatedUser(id={self.id}, first_name={self.first_name!r})"

    @property
    def messages(self) -> list[BotMessage]:
        """The chat's bot messages as the user sees them now (edits applied, deletes gone)."""
        return list(self.chat.bot_messages.values())

    @property
    def reply_keyboard(self) -> list[list[tuple[str, bool]]] | None:
        """The reply keyboard currently shown, or None once removed/never sent."""
        return self.chat.reply_keyboard

    @property
    def events(self) -> list[BotEvent]:
        """Every recorded event in this chat (consumed or not), oldest first."""
        return list(self.chat.events)

    async def send(self, text: str) -> dict[str, Any]:
        """Send a text message to the bot; a leading /command gets a bot_command entity."""
        content: dict[str, Any] = {"text": text}
        match = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
        if match:
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(match.group())}
            ]
        return self._emu._user_message(self, content)

    async def send_location(self, latitude: float, longitude: float) -> dict[str, Any]:
        """Share a location, as when the user taps a request_location keyboard button."""
        location = {"latitude": float(latitude), "longitude": float(longitude)}
        return self._emu._user_message(self, {"location": location})

    async def press(self, button: str, *, message_id: int | None = None) -> str:
        """Press the inline button with this text or exact callback_data; return the query id.

        Searches the newest bot message that has such a button, or only ``message_id``.
        """
        return self._emu._press(self, button, message_id)

    async def next_event(self, timeout: float = 5.0) -> BotEvent:  # noqa: ASYNC109
        """The next thing the bot did in this chat (new message, edit or delete)."""
        found = await self.chat.wait_events_after(self._cursor, timeout)
        if not found:
            raise TimeoutError(self._timeout_text("event", timeout))
        event = found[0]
        self._cursor = event.seq
        return event

    async def next_message(self, timeout: float = 5.0) -> BotMessage:  # noqa: ASYNC109
        """The next new or edited bot message in this chat, skipping deletes."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            remaining = deadline - loop.time()
            try:
                event = await self.next_event(max(0.0, remaining))
            except TimeoutError:
                raise TimeoutError(self._timeout_text("message", timeout)) from None
            if event.kind != "delete":
                return event.message

    def drain(self) -> list[BotEvent]:
        """Consume and return every event already recorded (no waiting)."""
        found = self.chat.events_after(self._cursor)
        if found:
            self._cursor = found[-1].seq
        return found

    def _timeout_text(self, what: str, timeout: float) -> str:
        recent = list(self.chat.events)[-10:]
        lines = [f"No new bot {what} in chat {self.id} within {timeout}s."]
        if recent:
            lines.append("Last events in this chat (all already consumed):")
            lines.extend(f"  {_describe(event)}" for event in recent)
        else:
            lines.append("The bot has not sent anything to this chat.")
        requests = self._emu.stats.requests
        lines.append(f"Bot API requests so far: {dict(requests) or 'none'}")
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# The emulator
# --------------------------------------------------------------------------------------------


def _save_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _safe_filename(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name).strip("._")
    return cleaned or "file"


class BotApiEmulator:
    """Serve a Telegram-compatible Bot API on 127.0.0.1 and simulate users talking to it."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        files_dir: Path | str | None = None,
        seed: int | None = None,
        port: int = 0,
        bot_username: str = "backcare_test_bot",
        bot_first_name: str = "BackCare",
        max_events_per_chat: int = 1000,
        max_sent: int = 200_000,
        max_pending_updates: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.token = token
        self.port = port
        self.rate_limits = False
        self.stats = EmulatorStats()
        self.sent: deque[BotMessage] = deque(maxlen=max_sent)
        self.commands: list[dict[str, Any]] = []
        self.webhook_retries = 3
        self._files_dir = Path(files_dir) if files_dir is not None else None
        self._tmp_dir: str | None = None
        self._random = random.Random(seed)
        self._clock = clock
        self._limiter = _FloodLimiter(clock)
        prefix = token.split(":", 1)[0]
        self.bot_user: dict[str, Any] = {
            "id": int(prefix) if prefix.isdigit() else 123456,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self._max_events = max_events_per_chat
        self._chats: dict[int, _Chat] = {}
        self._users: dict[int, EmulatedUser] = {}
        self._blocked: set[int] = set()
        self._faults: list[_Fault] = []
        self._commands_by_scope: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._files: dict[str, _StoredFile] = {}
        self._files_by_path: dict[str, _StoredFile] = {}
        self._file_ids = itertools.count(1)
        self._queries: OrderedDict[str, EmulatedUser] = OrderedDict()
        self._query_ids = itertools.count(1)
        self._event_seq = itertools.count(1)
        # Updates waiting for getUpdates, oldest first (update ids increase).
        self._pending: deque[dict[str, Any]] = deque(maxlen=max_pending_updates)
        self._next_update_id = 1
        self._allowed_updates: frozenset[str] = _DEFAULT_UPDATE_TYPES
        self._updates_changed = asyncio.Event()
        self._poll_generation = 0
        self._webhook: _Webhook | None = None
        self._webhook_queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._webhook_workers: list[asyncio.Task[None]] = []
        self._session: aiohttp.ClientSession | None = None
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self._methods: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]] = {
            name.lower(): (name, handler) for name, handler in self._method_table().items()
        }

    # ---------------------------------------------------------------- lifecycle

    async def start(self) -> BotApiEmulator:
        """Start listening on 127.0.0.1 (``port=0`` picks a free port); sets base_url."""
        if self._files_dir is None:
            self._tmp_dir = tempfile.mkdtemp(prefix="botapi-emulator-")
            self._files_dir = Path(self._tmp_dir)
        self._closing = asyncio.Event()
        self._updates_changed = asyncio.Event()
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_file)
        self._add_control_routes(app)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # noqa: S101 - started above
        self.port = server.sockets[0].getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        return self

    async def stop(self) -> None:
        """Stop serving: long polls return, webhook delivery stops, the port is released."""
        self._closing.set()
        self._wake_pollers()
        await self._stop_webhook_workers()
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._tmp_dir is not None:
            shutil.rmtree(self._tmp_dir, ignore_errors=True)
            self._tmp_dir = None

    async def __aenter__(self) -> BotApiEmulator:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def api_url(self) -> str:
        """What PTB's ``base_url`` should be."""
        return self.base_url + "/bot"

    @property
    def file_url(self) -> str:
        """What PTB's ``base_file_url`` should be."""
        return self.base_url + "/file/bot"

    @property
    def files_dir(self) -> Path | None:
        return self._files_dir

    # ---------------------------------------------------------------- users and chats

    def user(
        self,
        user_id: int,
        first_name: str = "Test",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> EmulatedUser:
        """The simulated user with this id (created once; the same object afterwards)."""
        existing = self._users.get(user_id)
        if existing is not None:
            return existing
        info: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        chat_info: dict[str, Any] = {"first_name": first_name}
        if last_name:
            info["last_name"] = chat_info["last_name"] = last_name
        if username:
            info["username"] = chat_info["username"] = username
        if language_code:
            info["language_code"] = language_code
        chat = _Chat(user_id, "private", chat_info, self._max_events)
        self._chats[user_id] = chat
        user = EmulatedUser(self, chat, info)
        self._users[user_id] = user
        return user

    def group(self, chat_id: int, title: str = "Test group") -> None:
        """Make a group chat exist (negative id) so the bot may send to it."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        self._chats.setdefault(chat_id, _Chat(chat_id, "group", {"title": title}, self._max_events))

    def chat_messages(self, chat_id: int) -> list[BotMessage]:
        chat = self._chats.get(chat_id)
        return list(chat.bot_messages.values()) if chat else []

    def block(self, user_id: int, *, notify: bool = False) -> None:
        """The user blocks the bot: every send to that chat answers 403 until unblocked.

        With ``notify`` the bot also gets a my_chat_member update, as from Telegram.
        """
        self._blocked.add(user_id)
        if notify and user_id in self._users:
            self._chat_member_update(self._users[user_id], "member", "kicked")

    def unblock(self, user_id: int, *, notify: bool = False) -> None:
        self._blocked.discard(user_id)
        if notify and user_id in self._users:
            self._chat_member_update(self._users[user_id], "kicked", "member")

    def is_blocked(self, user_id: int) -> bool:
        return user_id in self._blocked

    @property
    def webhook(self) -> dict[str, Any]:
        """getWebhookInfo's answer plus the secret token (None when no webhook is set)."""
        info = self._webhook_info()
        info["secret_token"] = self._webhook.secret_token if self._webhook else None
        return info

    @property
    def pending_updates(self) -> int:
        return len(self._pending) if self._webhook is None else self._webhook_queue.qsize()

    # ---------------------------------------------------------------- faults

    def inject_fault(
        self,
        kind: str,
        *,
        method: str | None = None,
        count: int | None = None,
        rate: float | None = None,
        retry_after: int = 1,
        delay: float = 0.0,
        chat_id: int | None = None,
    ) -> None:
        """Make matching Bot API requests fail.

        kind: "429" (flood control, ``retry_after``), "403" (blocked by the user), "500",
        "502", "timeout" (hold the request ``delay`` s, default 5, then process it normally:
        the client may have given up although the message was sent), "drop" (close the
        connection unanswered, request not processed), "slow" (wait ``delay`` s, then answer).
        ``count``: only the next N matches; ``rate``: probability per match (seeded RNG);
        neither: every match until :meth:`clear_faults`. ``method=None`` matches every method
        except getUpdates. ``chat_id`` restricts to requests for that chat.
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {sorted(FAULT_KINDS)}")
        if count is not None and count <= 0:
            raise ValueError("count must be positive")
        if rate is not None and not 0.0 <= rate <= 1.0:
            raise ValueError("rate must be between 0 and 1")
        if kind == "timeout" and delay <= 0:
            delay = 5.0
        self._faults.append(
            _Fault(kind, method, count, rate, max(1, int(retry_after)), float(delay), chat_id)
        )

    def clear_faults(self) -> None:
        self._faults.clear()

    def _pick_fault(self, method: str, chat_id: int | None) -> _Fault | None:
        for fault in self._faults:
            if not fault.matches(method, chat_id):
                continue
            if fault.rate is not None and self._random.random() >= fault.rate:
                continue
            if fault.count is not None:
                fault.count -= 1
                if fault.count <= 0:
                    self._faults.remove(fault)
            self.stats.faults_injected += 1
            return fault
        return None

    async def _sleep(self, seconds: float) -> None:
        """Sleep, but wake early on shutdown."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing.wait(), seconds)

    # ---------------------------------------------------------------- user-side actions

    def _user_message(self, user: EmulatedUser, content: dict[str, Any]) -> dict[str, Any]:
        message_id = user.chat.new_message_id()
        user.chat.user_message_ids.add(message_id)
        message = {
            "message_id": message_id,
            "from": user.info,
            "chat": user.chat.info,
            "date": int(time.time()),
            **content,
        }
        self._enqueue_update({"message": message})
        return message

    def _press(self, user: EmulatedUser, button: str, message_id: int | None) -> str:
        chat = user.chat
        if message_id is not None:
            target = chat.bot_messages.get(message_id)
            if target is None:
                raise ButtonNotFound(f"chat {chat.id} has no bot message #{message_id}")
            candidates: Iterable[BotMessage] = [target]
        else:
            candidates = reversed(chat.bot_messages.values())
        with_buttons: list[BotMessage] = []
        for message in candidates:
            if not message.buttons:
                continue
            with_buttons.append(message)
            for row in message.raw.get("reply_markup", {}).get("inline_keyboard", []):
                for btn in row:
                    if button not in (btn.get("text"), btn.get("callback_data")):
                        continue
                    if "callback_data" not in btn:
                        raise ButtonNotFound(
                            f"button {btn.get('text')!r} on message #{message.message_id} "
                            f"has no callback_data (it is {sorted(set(btn) - {'text'})})"
                        )
                    return self._callback_query(user, message, btn["callback_data"])
        if not with_buttons:
            where = f"message #{message_id}" if message_id is not None else f"chat {chat.id}"
            raise ButtonNotFound(
                f"cannot press {button!r}: no inline keyboard in {where}. "
                f"Bot messages: {[_describe(BotEvent('new', m)) for m in user.messages[-5:]]}"
            )
        listing = "; ".join(
            f"#{m.message_id}: {[(t, d) for row in m.buttons for t, d in row]}"
            for m in with_buttons[:5]
        )
        raise ButtonNotFound(f"no inline button {button!r} in chat {chat.id}. Buttons: {listing}")

    def _callback_query(self, user: EmulatedUser, message: BotMessage, data: str) -> str:
        query_id = str(next(self._query_ids) * 1000 + user.id % 1000)
        self._queries[query_id] = user
        if len(self._queries) > 100_000:
            self._queries.popitem(last=False)
        query = {
            "id": query_id,
            "from": user.info,
            "message": message.raw,
            "chat_instance": str(user.chat.id),
            "data": data,
        }
        self._enqueue_update({"callback_query": query})
        return query_id

    def _chat_member_update(self, user: EmulatedUser, old: str, new: str) -> None:
        now = int(time.time())
        self._enqueue_update(
            {
                "my_chat_member": {
                    "chat": user.chat.info,
                    "from": user.info,
                    "date": now,
                    "old_chat_member": {"status": old, "user": self.bot_user},
                    "new_chat_member": {
                        "status": new,
                        "user": self.bot_user,
                        **({"until_date": 0} if new == "kicked" else {}),
                    },
                }
            }
        )

    # ---------------------------------------------------------------- updates

    def _enqueue_update(self, body: dict[str, Any]) -> None:
        update_type = next(iter(body))
        allowed = self._allowed_updates
        if self._webhook is not None and self._webhook.allowed_updates:
            allowed = frozenset(self._webhook.allowed_updates)
        if update_type not in allowed:
            return
        update = {"update_id": self._next_update_id, **body}
        self._next_update_id += 1
        self.stats.updates_created += 1
        if self._webhook is not None:
            self._webhook_queue.put_nowait(update)
        else:
            self._pending.append(update)
            self._wake_pollers()

    def _wake_pollers(self) -> None:
        self._updates_changed.set()
        self._updates_changed = asyncio.Event()

    def _confirm(self, offset: int) -> None:
        pending = self._pending
        if offset > 0:
            while pending and pending[0]["update_id"] < offset:
                pending.popleft()
        elif offset < 0:
            while len(pending) > -offset:
                pending.popleft()

    # ---------------------------------------------------------------- HTTP: Bot API

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _json_error(ApiError(401, "Unauthorized"))
        requested = request.match_info["method"]
        entry = self._methods.get(requested.lower())
        name = entry[0] if entry else requested
        self.stats.requests[name] += 1
        if entry is None:
            return _json_error(ApiError(404, "Not Found: method not found"))
        handler = entry[1]
        try:
            params = await _read_params(request)
        except ApiError as err:
            return self._error(err)
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            chat_id = None
        fault = self._pick_fault(name, chat_id) if self._faults else None
        if fault is not None:
            early = await self._apply_fault(fault, request)
            if early is not None:
                return early
        counted = self.rate_limits and name in _MESSAGE_METHODS
        try:
            if chat_id is not None and chat_id in self._blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if counted:
                wait = self._limiter.retry_after(chat_id)
                if wait is not None:
                    raise ApiError(429, f"Too Many Requests: retry after {wait}", retry_after=wait)
            result = await handler(params)
        except ApiError as err:
            return self._error(err)
        if counted:
            self._limiter.record(chat_id)
        return web.json_response({"ok": True, "result": result})

    def _error(self, err: ApiError) -> web.Response:
        if err.code == 429:
            self.stats.too_many_requests += 1
        return _json_error(err)

    async def _apply_fault(self, fault: _Fault, request: web.Request) -> web.StreamResponse | None:
        """Answer the fault, or return None to go on processing the request normally."""
        kind = fault.kind
        if kind in ("slow", "timeout"):
            await self._sleep(fault.delay)
            return None
        if kind == "drop":
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=500)  # never reaches the closed connection
        await self._sleep(fault.delay)
        if kind == "429":
            err = ApiError(
                429,
                f"Too Many Requests: retry after {fault.retry_after}",
                retry_after=fault.retry_after,
            )
        elif kind == "403":
            err = ApiError(403, "Forbidden: bot was blocked by the user")
        elif kind == "500":
            err = ApiError(500, "Internal Server Error")
        else:
            err = ApiError(502, "Bad Gateway")
        return self._error(err)

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        stored = self._files_by_path.get(request.match_info["file_path"])
        if request.match_info["token"] != self.token:
            return _json_error(ApiError(401, "Unauthorized"))
        if stored is None or stored.local is None or not stored.local.is_file():
            return _json_error(ApiError(404, "Not Found"))
        return web.FileResponse(stored.local)

    # ---------------------------------------------------------------- method table

    def _method_table(self) -> dict[str, Callable[[dict[str, Any]], Any]]:
        return {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "editMessageCaption": self._edit_message_caption,
            "answerCallbackQuery": self._answer_callback_query,
            "deleteMessage": self._delete_message,
            "deleteMessages": self._delete_messages,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "sendChatAction": self._send_chat_action,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "getFile": self._get_file,
            "getChat": self._get_chat,
            "logOut": self._true,
            "close": self._true,
            "setMyDescription": self._true,
            "setMyShortDescription": self._true,
            "setMyName": self._true,
            "setChatMenuButton": self._true,
        }

    async def _true(self, p: dict[str, Any]) -> bool:
        return True

    async def _get_me(self, p: dict[str, Any]) -> dict[str, Any]:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_chat(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(p)
        return {**chat.info, "accent_color_id": 0, "max_reaction_count": 11}

    async def _get_updates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        if self._webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = _int(p, "offset", 0)
        limit = min(100, max(1, _int(p, "limit", 100)))
        timeout = max(0.0, float(p.get("timeout") or 0))
        allowed = p.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) or _DEFAULT_UPDATE_TYPES
        self._confirm(offset)
        # A newer getUpdates terminates an older one still waiting, like Telegram.
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake_pollers()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            found = list(itertools.islice(self._pending, limit))
            remaining = deadline - loop.time()
            if found or remaining <= 0 or self._closing.is_set() or self._webhook is not None:
                return found
            changed = self._updates_changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), remaining)

    # ---------------------------------------------------------------- messages

    def _chat(self, p: dict[str, Any]) -> _Chat:
        chat_id = p.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad_request("chat_id is empty")
        chat = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise _bad_request("chat not found")
        return chat

    def _format(
        self, text: str, parse_mode: Any, entities: Any, *, what: str = "text"
    ) -> tuple[str, list[dict[str, Any]], str | None]:
        """(plain text, entities, raw html) for text sent with an optional parse_mode."""
        mode = str(parse_mode or "").lower()
        if mode == "html":
            try:
                plain, found = parse_telegram_html(text)
            except HtmlParseError as err:
                raise _bad_request(f"can't parse entities: {err}") from None
            return plain, found, text
        if mode and mode not in ("markdown", "markdownv2"):
            raise _bad_request(f"unsupported parse_mode {parse_mode}")
        return text, list(entities) if isinstance(entities, list) else [], None

    def _message_text(self, p: dict[str, Any]) -> tuple[str, list[dict[str, Any]], str | None]:
        text = p.get("text")
        if text is None or str(text) == "":
            raise _bad_request("message text is empty")
        plain, entities, html = self._format(str(text), p.get("parse_mode"), p.get("entities"))
        if not plain.strip():
            raise _bad_request("message text is empty")
        if len(plain) > MAX_TEXT:
            raise _bad_request("message is too long")
        return plain, entities, html

    def _caption(self, p: dict[str, Any]) -> tuple[str | None, list[dict[str, Any]], str | None]:
        caption = p.get("caption")
        if caption is None or caption == "":
            return None, [], None
        plain, entities, html = self._format(
            str(caption), p.get("parse_mode"), p.get("caption_entities")
        )
        if len(plain) > MAX_CAPTION:
            raise _bad_request("message caption is too long")
        return plain, entities, html

    def _new_message(
        self,
        chat: _Chat,
        content: dict[str, Any],
        markup: _Markup,
        message_id: int | None = None,
        **fields: Any,
    ) -> BotMessage:
        message_id = message_id if message_id is not None else chat.new_message_id()
        raw: dict[str, Any] = {
            "message_id": message_id,
            "from": self.bot_user,
            "chat": chat.info,
            "date": int(time.time()),
            **content,
        }
        if markup.inline is not None:
            raw["reply_markup"] = markup.inline
        message = BotMessage(
            message_id=message_id,
            chat_id=chat.id,
            buttons=markup.buttons,
            reply_keyboard=markup.reply_keyboard,
            remove_keyboard=markup.remove_keyboard,
            raw=raw,
            **fields,
        )
        if markup.reply_keyboard is not None:
            chat.reply_keyboard = markup.reply_keyboard
        elif markup.remove_keyboard:
            chat.reply_keyboard = None
        chat.bot_messages[message_id] = message
        self.sent.append(message)
        self.stats.messages_delivered += 1
        self._emit(chat, "new", message)
        return message

    def _emit(self, chat: _Chat, kind: str, message: BotMessage) -> None:
        chat.add_event(BotEvent(kind, replace(message), next(self._event_seq)))

    async def _send_message(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(p)
        text, entities, html = self._message_text(p)
        markup = _parse_markup(p.get("reply_markup"))
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        return self._new_message(chat, content, markup, text=text, html=html).raw

    def _editable(self, chat: _Chat, p: dict[str, Any]) -> BotMessage:
        if p.get("inline_message_id"):
            raise _bad_request("message to edit not found")
        message_id = _int(p, "message_id", 0)
        message = chat.bot_messages.get(message_id)
        if message is None:
            if message_id in chat.user_message_ids:
                raise _bad_request("message can't be edited")
            raise _bad_request("message to edit not found")
        return message

    def _apply_edit(
        self,
        chat: _Chat,
        message: BotMessage,
        changes: dict[str, Any],
        markup: _Markup,
        **fields: Any,
    ) -> dict[str, Any]:
        """Apply an edit, refusing it like Telegram when nothing would change.

        Telegram drops the inline keyboard when an edit carries no reply_markup.
        """
        unchanged = all((message.raw.get(k) or None) == (v or None) for k, v in changes.items())
        if unchanged and message.raw.get("reply_markup") == markup.inline:
            raise _bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        raw = {k: v for k, v in message.raw.items() if k not in changes and k != "reply_markup"}
        raw.update({k: v for k, v in changes.items() if v})
        if markup.inline is not None:
            raw["reply_markup"] = markup.inline
        raw["edit_date"] = int(time.time())
        message.raw = raw
        message.buttons = markup.buttons
        for name, value in fields.items():
            setattr(message, name, value)
        message.edits += 1
        self.stats.messages_delivered += 1
        self._emit(chat, "edit", message)
        return raw

    async def _edit_message_text(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(p)
        message = self._editable(chat, p)
        text, entities, html = self._message_text(p)
        if message.kind != "text":
            raise _bad_request("there is no text in the message to edit")
        markup = _parse_markup(p.get("reply_markup"), inline_only=True)
        changes = {"text": text, "entities": entities}
        return self._apply_edit(chat, message, changes, markup, text=text, html=html)

    async def _edit_message_caption(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(p)
        message = self._editable(chat, p)
        if message.kind == "text":
            raise _bad_request("there is no caption in the message to edit")
        caption, entities, html = self._caption(p)
        markup = _parse_markup(p.get("reply_markup"), inline_only=True)
        changes = {"caption": caption, "caption_entities": entities}
        return self._apply_edit(chat, message, changes, markup, caption=caption, html=html)

    async def _edit_message_reply_markup(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(p)
        message = self._editable(chat, p)
        markup = _parse_markup(p.get("reply_markup"), inline_only=True)
        return self._apply_edit(chat, message, {}, markup)

    async def _delete_message(self, p: dict[str, Any]) -> bool:
        chat = self._chat(p)
        message_id = _int(p, "message_id", 0)
        message = chat.bot_messages.pop(message_id, None)
        if message is not None:
            self._emit(chat, "delete", message)
            return True
        if message_id in chat.user_message_ids:
            chat.user_message_ids.discard(message_id)
            return True
        raise _bad_request("message to delete not found")

    async def _delete_messages(self, p: dict[str, Any]) -> bool:
        chat = self._chat(p)
        for message_id in p.get("message_ids") or []:
            message = chat.bot_messages.pop(int(message_id), None)
            if message is not None:
                self._emit(chat, "delete", message)
            chat.user_message_ids.discard(int(message_id))
        return True

    async def _send_chat_action(self, p: dict[str, Any]) -> bool:
        self._chat(p)
        if not p.get("action"):
            raise _bad_request("action is empty")
        return True

    async def _answer_callback_query(self, p: dict[str, Any]) -> bool:
        query_id = str(p.get("callback_query_id") or "")
        user = self._queries.pop(query_id, None)
        if user is None:
            raise _bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        user.callback_answers.append(
            CallbackAnswer(
                query_id,
                text=p.get("text") or None,
                show_alert=bool(p.get("show_alert")),
                url=p.get("url") or None,
            )
        )
        return True

    # ---------------------------------------------------------------- files

    async def _send_photo(self, p: dict[str, Any]) -> dict[str, Any]:
        return await self._send_media(p, "photo")

    async def _send_document(self, p: dict[str, Any]) -> dict[str, Any]:
        return await self._send_media(p, "document")

    async def _send_media(self, p: dict[str, Any], kind: str) -> dict[str, Any]:
        chat = self._chat(p)
        caption, entities, html = self._caption(p)
        markup = _parse_markup(p.get("reply_markup"))
        source = p.get(kind)
        message_id = chat.new_message_id()
        if isinstance(source, web.FileField):
            stored, filename, mime = await self._store_upload(chat.id, message_id, source, kind)
        elif isinstance(source, str) and source.startswith(("http://", "https://")):
            stored = self._register_file(None, 0, kind, Path(source).name or kind)
            filename, mime = Path(source).name or kind, None
        elif isinstance(source, str) and source in self._files:
            stored = self._files[source]
            filename, mime = Path(stored.file_path).name, None
        elif source:
            raise _bad_request("wrong file identifier/HTTP URL specified")
        else:
            raise _bad_request(f"there is no {kind} in the request")
        content: dict[str, Any] = {}
        file_info = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
        }
        if kind == "photo":
            content["photo"] = [{**file_info, "width": 320, "height": 320}]
        else:
            content["document"] = {**file_info, "file_name": filename}
            if mime:
                content["document"]["mime_type"] = mime
        if caption is not None:
            content["caption"] = caption
            if entities:
                content["caption_entities"] = entities
        message = self._new_message(
            chat,
            content,
            markup,
            message_id=message_id,
            kind=kind,
            caption=caption,
            html=html,
            file_path=stored.local,
        )
        return message.raw

    async def _store_upload(
        self, chat_id: int, message_id: int, upload: web.FileField, kind: str
    ) -> tuple[_StoredFile, str, str | None]:
        filename = _safe_filename(upload.filename or kind)
        data = upload.file.read()
        assert self._files_dir is not None  # noqa: S101 - set in start()
        path = self._files_dir / str(chat_id) / f"{message_id}-{filename}"
        await asyncio.to_thread(_save_bytes, path, data)
        return self._register_file(path, len(data), kind, filename), filename, upload.content_type

    def _register_file(self, local: Path | None, size: int, kind: str, name: str) -> _StoredFile:
        number = next(self._file_ids)
        folder = "photos" if kind == "photo" else "documents"
        stored = _StoredFile(
            file_id=f"EMU-{kind}-{number}",
            file_unique_id=f"U{number}",
            file_path=f"{folder}/file_{number}{Path(name).suffix}",
            local=local,
            size=size,
        )
        self._files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    async def _get_file(self, p: dict[str, Any]) -> dict[str, Any]:
        stored = self._files.get(str(p.get("file_id") or ""))
        if stored is None:
            raise _bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
            "file_path": stored.file_path,
        }

    # ---------------------------------------------------------------- commands

    async def _set_my_commands(self, p: dict[str, Any]) -> bool:
        commands = p.get("commands")
        if not isinstance(commands, list):
            raise _bad_request("commands must be an array")
        for command in commands:
            name = str(command.get("command", "")) if isinstance(command, dict) else ""
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self._commands_by_scope[_scope_key(p)] = commands
        self.commands = commands
        return True

    async def _get_my_commands(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        return self._commands_by_scope.get(_scope_key(p), [])

    async def _delete_my_commands(self, p: dict[str, Any]) -> bool:
        self._commands_by_scope.pop(_scope_key(p), None)
        if _scope_key(p) == ("default", ""):
            self.commands = []
        return True

    # ---------------------------------------------------------------- webhook

    def _webhook_info(self) -> dict[str, Any]:
        hook = self._webhook
        if hook is None:
            return {
                "url": "",
                "has_custom_certificate": False,
                "pending_update_count": len(self._pending),
            }
        info: dict[str, Any] = {
            "url": hook.url,
            "has_custom_certificate": False,
            "pending_update_count": self._webhook_queue.qsize(),
            "max_connections": hook.max_connections,
            "ip_address": "127.0.0.1",
        }
        if hook.allowed_updates:
            info["allowed_updates"] = hook.allowed_updates
        if hook.last_error_date is not None:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
        return info

    async def _get_webhook_info(self, p: dict[str, Any]) -> dict[str, Any]:
        return self._webhook_info()

    async def _set_webhook(self, p: dict[str, Any]) -> bool:
        url = str(p.get("url") or "")
        secret = p.get("secret_token") or None
        if secret is not None and not _SECRET_TOKEN_RE.match(str(secret)):
            raise _bad_request("secret token contains unallowed characters")
        if not url:
            await self._remove_webhook(bool(p.get("drop_pending_updates")))
            return True
        if not url.startswith(("http://", "https://")):
            raise _bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        allowed = p.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) or _DEFAULT_UPDATE_TYPES
        max_connections = min(100, max(1, _int(p, "max_connections", 40)))
        await self._stop_webhook_workers()
        if p.get("drop_pending_updates"):
            self._pending.clear()
            self._drain_webhook_queue()
        self._webhook = _Webhook(url, secret, max_connections, allowed or None)
        while self._pending:
            self._webhook_queue.put_nowait(self._pending.popleft())
        self._wake_pollers()  # a waiting getUpdates returns now
        if self._session is None:
            self._session = aiohttp.ClientSession()
        self._webhook_workers = [
            asyncio.create_task(self._webhook_worker()) for _ in range(max_connections)
        ]
        return True

    async def _delete_webhook(self, p: dict[str, Any]) -> bool:
        await self._remove_webhook(bool(p.get("drop_pending_updates")))
        return True

    async def _remove_webhook(self, drop_pending: bool) -> None:
        await self._stop_webhook_workers()
        self._webhook = None
        undelivered = self._drain_webhook_queue()
        if drop_pending:
            self._pending.clear()
        else:
            self._pending.extend(undelivered)
            self._wake_pollers()

    def _drain_webhook_queue(self) -> list[dict[str, Any]]:
        drained = []
        while not self._webhook_queue.empty():
            drained.append(self._webhook_queue.get_nowait())
        return drained

    async def _stop_webhook_workers(self) -> None:
        workers, self._webhook_workers = self._webhook_workers, []
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)

    async def _webhook_worker(self) -> None:
        while not self._closing.is_set():
            update = await self._webhook_queue.get()
            await self._deliver(update)

    async def _deliver(self, update: dict[str, Any]) -> None:
        """POST one update to the webhook, retrying a few times like Telegram (briefly)."""
        for attempt in range(self.webhook_retries):
            hook, session = self._webhook, self._session
            if hook is None or session is None or self._closing.is_set():
                return
            headers = {}
            if hook.secret_token:
                headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret_token
            try:
                async with session.post(
                    hook.url,
                    json=update,
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(total=10),
                ) as response:
                    if 200 <= response.status < 300:
                        self.stats.webhook_deliveries += 1
                        return
                    error = f"Wrong response from the webhook: {response.status} {response.reason}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                error = f"Connection error: {exc!r}"
            hook.last_error_date = int(time.time())
            hook.last_error_message = error
            self.stats.webhook_failures += 1
            _LOG.debug("webhook delivery of update %s failed: %s", update["update_id"], error)
            await self._sleep(0.05 * 2**attempt)

    # ---------------------------------------------------------------- HTTP: control side

    def _add_control_routes(self, app: web.Application) -> None:
        r = app.router
        r.add_post("/control/users/{id}/messages", self._control_message)
        r.add_get("/control/users/{id}/messages", self._control_chat_messages)
        r.add_post("/control/users/{id}/location", self._control_location)
        r.add_post("/control/users/{id}/press", self._control_press)
        r.add_get("/control/users/{id}/events", self._control_events)
        r.add_get("/control/sent", self._control_sent)
        r.add_post("/control/faults", self._control_faults)
        r.add_delete("/control/faults", self._control_clear_faults)
        r.add_post("/control/limits", self._control_limits)
        r.add_post("/control/block", self._control_block)
        r.add_get("/control/stats", self._control_stats)
        r.add_get("/control/webhook", self._control_webhook)

    def _control_user(
        self, request: web.Request, body: dict[str, Any] | None = None
    ) -> EmulatedUser:
        try:
            user_id = int(request.match_info["id"])
        except ValueError:
            raise web.HTTPBadRequest(text="user id must be an integer") from None
        first_name = (body or {}).get("first_name") or "Test"
        return self.user(user_id, first_name=str(first_name))

    async def _control_message(self, request: web.Request) -> web.Response:
        body = await _json_body(request)
        if not isinstance(body.get("text"), str):
            return _control_error(400, 'field "text" (string) is required')
        message = await self._control_user(request, body).send(body["text"])
        return _ok(message)

    async def _control_chat_messages(self, request: web.Request) -> web.Response:
        return _ok([m.to_dict() for m in self._control_user(request).messages])

    async def _control_location(self, request: web.Request) -> web.Response:
        body = await _json_body(request)
        try:
            lat, lon = float(body["latitude"]), float(body["longitude"])
        except (KeyError, TypeError, ValueError):
            return _control_error(400, 'fields "latitude" and "longitude" are required')
        return _ok(await self._control_user(request, body).send_location(lat, lon))

    async def _control_press(self, request: web.Request) -> web.Response:
        body = await _json_body(request)
        button = body.get("callback_data") or body.get("text")
        if not isinstance(button, str):
            return _control_error(400, 'field "text" or "callback_data" is required')
        message_id = body.get("message_id")
        try:
            query_id = await self._control_user(request, body).press(
                button, message_id=int(message_id) if message_id is not None else None
            )
        except ButtonNotFound as err:
            return _control_error(404, str(err))
        return _ok({"callback_query_id": query_id})

    async def _control_events(self, request: web.Request) -> web.Response:
        user = self._control_user(request)
        try:
            after = int(request.query.get("after", 0))
            timeout = min(60.0, max(0.0, float(request.query.get("timeout", 0))))
        except ValueError:
            return _control_error(400, "after and timeout must be numbers")
        events = await user.chat.wait_events_after(after, timeout)
        return _ok([event.to_dict() for event in events])

    async def _control_sent(self, request: web.Request) -> web.Response:
        return _ok([message.to_dict() for message in self.sent])

    async def _control_faults(self, request: web.Request) -> web.Response:
        body = await _json_body(request)
        try:
            self.inject_fault(
                str(body.get("kind")),
                method=body.get("method"),
                count=body.get("count"),
                rate=body.get("rate"),
                retry_after=int(body.get("retry_after", 1)),
                delay=float(body.get("delay", 0.0)),
                chat_id=body.get("chat_id"),
            )
        except (TypeError, ValueError) as err:
            return _control_error(400, str(err))
        return _ok(True)

    async def _control_clear_faults(self, request: web.Request) -> web.Response:
        self.clear_faults()
        return _ok(True)

    async def _control_limits(self, request: web.Request) -> web.Response:
        body = await _json_body(request)
        self.rate_limits = bool(body.get("enabled"))
        return _ok({"enabled": self.rate_limits})

    async def _control_block(self, request: web.Request) -> web.Response:
        body = await _json_body(request)
        try:
            user_id = int(body["user_id"])
        except (KeyError, TypeError, ValueError):
            return _control_error(400, 'field "user_id" is required')
        if body.get("blocked", True):
            self.block(user_id, notify=bool(body.get("notify")))
        else:
            self.unblock(user_id, notify=bool(body.get("notify")))
        return _ok({"user_id": user_id, "blocked": self.is_blocked(user_id)})

    async def _control_stats(self, request: web.Request) -> web.Response:
        return _ok(self.stats.to_dict())

    async def _control_webhook(self, request: web.Request) -> web.Response:
        return _ok(self.webhook)


# --------------------------------------------------------------------------------------------
# Request parsing helpers
# --------------------------------------------------------------------------------------------


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Merge query string and body (form, multipart or JSON) and decode typed fields."""
    params: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        content_type = request.content_type
        if content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise _bad_request("can't parse JSON request body") from None
            if not isinstance(body, dict):
                raise _bad_request("JSON request body must be an object")
            params.update(body)
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            params.update(form.items())
    for name, value in params.items():
        if not isinstance(value, str):
            continue
        if name in _JSON_FIELDS:
            try:
                params[name] = json.loads(value)
            except ValueError:
                raise _bad_request(f"can't parse {name} JSON object") from None
        elif name in _INT_FIELDS and re.fullmatch(r"-?\d+", value):
            params[name] = int(value)
        elif name in _BOOL_FIELDS:
            params[name] = value.lower() in ("true", "1")
    return params


def _int(p: dict[str, Any], name: str, default: int) -> int:
    value = p.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad_request(f"invalid {name} specified") from None


def _scope_key(p: dict[str, Any]) -> tuple[str, str]:
    scope = p.get("scope")
    scope_type = scope.get("type", "default") if isinstance(scope, dict) else "default"
    if isinstance(scope, dict) and "chat_id" in scope:
        scope_type = f"{scope_type}:{scope['chat_id']}:{scope.get('user_id', '')}"
    return scope_type, str(p.get("language_code") or "")


def _parse_markup(raw: Any, *, inline_only: bool = False) -> _Markup:
    """Validate reply_markup like Telegram and extract what the user would see."""
    if raw is None or raw == "":
        return _Markup()
    if not isinstance(raw, dict):
        raise _bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in raw:
        return _parse_inline_keyboard(raw)
    if inline_only:
        raise _bad_request("inline keyboard expected")
    if "keyboard" in raw:
        rows = raw["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad_request("can't parse reply keyboard markup JSON object")
        keyboard = [
            [
                (btn, False)
                if isinstance(btn, str)
                else (str(btn.get("text", "")), bool(btn.get("request_location")))
                for btn in row
            ]
            for row in rows
        ]
        if any(not text for row in keyboard for text, _ in row):
            raise _bad_request('can\'t parse keyboard button: Field "text" must be non-empty')
        return _Markup(reply_keyboard=keyboard)
    if raw.get("remove_keyboard"):
        return _Markup(remove_keyboard=True)
    if raw.get("force_reply"):
        return _Markup()
    raise _bad_request("can't parse reply keyboard markup JSON object")


_INLINE_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def _parse_inline_keyboard(raw: dict[str, Any]) -> _Markup:
    rows = raw["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise _bad_request("can't parse inline keyboard markup JSON object")
    if sum(len(row) for row in rows) > MAX_INLINE_BUTTONS:
        raise _bad_request("BUTTONS_TOO_MUCH")
    buttons: list[list[tuple[str, str]]] = []
    for row in rows:
        parsed_row: list[tuple[str, str]] = []
        for btn in row:
            if not isinstance(btn, dict) or not btn.get("text"):
                raise _bad_request("can't parse inline keyboard button: Text must be non-empty")
            if not any(action in btn for action in _INLINE_ACTIONS):
                raise _bad_request(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            if "callback_data" in btn:
                data = str(btn["callback_data"])
                if not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                    raise _bad_request("BUTTON_DATA_INVALID")
                parsed_row.append((str(btn["text"]), data))
            else:
                parsed_row.append((str(btn["text"]), str(btn.get("url", ""))))
        buttons.append(parsed_row)
    return _Markup(inline={"inline_keyboard": rows}, buttons=buttons)


async def _json_body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="body must be JSON") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="body must be a JSON object")
    return body


def _json_error(err: ApiError) -> web.Response:
    return web.json_response(err.payload(), status=err.code)


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _control_error(status: int, description: str) -> web.Response:
    return web.json_response({"ok": False, "description": description}, status=status)
