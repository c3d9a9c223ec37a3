"""Simulated people and their chats: what they send the bot, and what they see of it.

Each chat keeps the bot's messages as the user sees them now (edits applied, deletes
gone) and an event log (new, edit, delete) that tests wait on with
:meth:`EmulatedUser.next_message`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import re
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from emulator.model import (
    BotEvent,
    BotMessage,
    ButtonNotFound,
    CallbackAnswer,
    EmulatorStats,
    bad_request,
)
from emulator.telegram_html import utf16_len

_MAX_OPEN_QUERIES = 100_000


class Chat:
    """Server-side state of one chat: the bot's messages indexed by id, and the event log."""

    def __init__(self, chat_id: int, chat_type: str, info: dict[str, Any], max_events: int):
        self.id = chat_id
        self.type = chat_type
        self.info = {"id": chat_id, "type": chat_type, **info}
        self.bot_messages: dict[int, BotMessage] = {}  # insertion order == send order
        # The user's own messages still in the chat: id -> date sent (an edit keeps it).
        self.user_message_dates: dict[int, int] = {}
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

    async def wait_changed(self, timeout: float) -> bool:  # noqa: ASYNC109
        """Wait for the next change (an event, or an answer to a button press); False on
        timeout. The change looked for is the one after this call, not one already seen."""
        changed = self._changed
        try:
            await asyncio.wait_for(changed.wait(), timeout)
        except TimeoutError:
            return False
        return True

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


class EmulatedUser:
    """A simulated person in a private chat with the bot (chat id == user id)."""

    def __init__(self, chats: Chats, chat: Chat, info: dict[str, Any]):
        self._chats = chats
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
        return self._chats.user_message(self, _text_content(text))

    async def edit(self, message_id: int, text: str) -> dict[str, Any]:
        """Edit one of this user's text messages, as Telegram clients allow: the bot gets an
        ``edited_message`` update (same id and date, a new ``edit_date``)."""
        return self._chats.user_edit(self, message_id, _text_content(text))

    async def send_location(self, latitude: float, longitude: float) -> dict[str, Any]:
        """Share a location, as when the user taps a request_location keyboard button."""
        location = {"latitude": float(latitude), "longitude": float(longitude)}
        return self._chats.user_message(self, {"location": location})

    async def press(self, button: str, *, message_id: int | None = None) -> str:
        """Press the inline button with this text or exact callback_data; return the query id.

        Searches the newest bot message that has such a button, or only ``message_id``.
        """
        return self._chats.press(self, button, message_id)

    def forge_press(self, data: str, message: BotMessage) -> str:
        """Send a callback query with any ``data`` on ``message``; return the query id.

        What a modified client can do: Telegram does not check that the message has (or
        still has) a button with that data, so the bot must not trust it either.
        """
        return self._chats.callback_query(self, message, data)

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
            lines.extend(f"  {event.describe()}" for event in recent)
        else:
            lines.append("The bot has not sent anything to this chat.")
        requests = self._chats.stats.requests
        lines.append(f"Bot API requests so far: {dict(requests) or 'none'}")
        return "\n".join(lines)


class Chats:
    """Every chat the bot can reach, the simulated users in them, and who blocked the bot.

    What users do becomes an update handed to ``enqueue`` (see :mod:`emulator.delivery`).
    """

    def __init__(
        self,
        bot_user: dict[str, Any],
        enqueue: Callable[[dict[str, Any]], None],
        stats: EmulatorStats,
        max_events: int,
    ) -> None:
        self.bot_user = bot_user
        self.stats = stats
        self._enqueue = enqueue
        self._max_events = max_events
        self._chats: dict[int, Chat] = {}
        self._users: dict[int, EmulatedUser] = {}
        self._blocked: set[int] = set()
        self._queries: OrderedDict[str, EmulatedUser] = OrderedDict()
        self._query_ids = itertools.count(1)
        self._event_seq = itertools.count(1)

    # ---------------------------------------------------------------- who exists

    def user(
        self,
        user_id: int,
        first_name: str = "Test",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> EmulatedUser:
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
        chat = Chat(user_id, "private", chat_info, self._max_events)
        self._chats[user_id] = chat
        user = EmulatedUser(self, chat, info)
        self._users[user_id] = user
        return user

    def group(self, chat_id: int, title: str) -> None:
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        self._chats.setdefault(chat_id, Chat(chat_id, "group", {"title": title}, self._max_events))

    def get(self, chat_id: int) -> Chat | None:
        return self._chats.get(chat_id)

    def for_request(self, p: dict[str, Any]) -> Chat:
        """The chat a Bot API request names in ``chat_id``, refused like Telegram if unknown."""
        chat_id = p.get("chat_id")
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        chat = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise bad_request("chat not found")
        return chat

    # ---------------------------------------------------------------- blocking

    def block(self, user_id: int, *, notify: bool = False) -> None:
        self._blocked.add(user_id)
        if notify and user_id in self._users:
            self._chat_member_update(self._users[user_id], "member", "kicked")

    def unblock(self, user_id: int, *, notify: bool = False) -> None:
        self._blocked.discard(user_id)
        if notify and user_id in self._users:
            self._chat_member_update(self._users[user_id], "kicked", "member")

    def is_blocked(self, user_id: int) -> bool:
        return user_id in self._blocked

    # ---------------------------------------------------------------- what the bot did

    def emit(self, chat: Chat, kind: str, message: BotMessage) -> None:
        """Record a new/edit/delete in the chat's event log, as a snapshot."""
        chat.add_event(BotEvent(kind, replace(message), next(self._event_seq)))

    def answer_query(self, query_id: str, answer: CallbackAnswer) -> bool:
        """Hand the bot's answer to the user who pressed; False if the query is unknown."""
        user = self._queries.pop(query_id, None)
        if user is None:
            return False
        user.callback_answers.append(answer)
        user.chat.wake()  # a toast is something to show, like a new message
        return True

    # ---------------------------------------------------------------- what users do

    def user_message(self, user: EmulatedUser, content: dict[str, Any]) -> dict[str, Any]:
        message_id = user.chat.new_message_id()
        sent_at = int(time.time())
        user.chat.user_message_dates[message_id] = sent_at
        message = {
            "message_id": message_id,
            "from": user.info,
            "chat": user.chat.info,
            "date": sent_at,
            **content,
        }
        self._enqueue({"message": message})
        return message

    def user_edit(
        self, user: EmulatedUser, message_id: int, content: dict[str, Any]
    ) -> dict[str, Any]:
        """The user's message ``message_id`` with new content, as an ``edited_message``."""
        sent_at = user.chat.user_message_dates.get(message_id)
        if sent_at is None:
            raise ValueError(f"chat {user.chat.id} has no message #{message_id} from the user")
        message = {
            "message_id": message_id,
            "from": user.info,
            "chat": user.chat.info,
            "date": sent_at,
            "edit_date": max(sent_at, int(time.time())),
            **content,
        }
        self._enqueue({"edited_message": message})
        return message

    def press(self, user: EmulatedUser, button: str, message_id: int | None) -> str:
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
                    return self.callback_query(user, message, btn["callback_data"])
        if not with_buttons:
            where = f"message #{message_id}" if message_id is not None else f"chat {chat.id}"
            raise ButtonNotFound(
                f"cannot press {button!r}: no inline keyboard in {where}. "
                f"Bot messages: {[BotEvent('new', m).describe() for m in user.messages[-5:]]}"
            )
        listing = "; ".join(
            f"#{m.message_id}: {[(t, d) for row in m.buttons for t, d in row]}"
            for m in with_buttons[:5]
        )
        raise ButtonNotFound(f"no inline button {button!r} in chat {chat.id}. Buttons: {listing}")

    def callback_query(self, user: EmulatedUser, message: BotMessage, data: str) -> str:
        query_id = str(next(self._query_ids) * 1000 + user.id % 1000)
        self._queries[query_id] = user
        if len(self._queries) > _MAX_OPEN_QUERIES:
            self._queries.popitem(last=False)
        query = {
            "id": query_id,
            "from": user.info,
            "message": message.raw,
            "chat_instance": str(user.chat.id),
            "data": data,
        }
        self._enqueue({"callback_query": query})
        return query_id

    def _chat_member_update(self, user: EmulatedUser, old: str, new: str) -> None:
        now = int(time.time())
        self._enqueue(
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


def _text_content(text: str) -> dict[str, Any]:
    """A text message's content; a leading /command gets a bot_command entity."""
    content: dict[str, Any] = {"text": text}
    match = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
    if match:
        content["entities"] = [
            {"type": "bot_command", "offset": 0, "length": utf16_len(match.group())}
        ]
    return content
