"""The Bot API methods the emulator implements, refusing bad requests with Telegram's words.

Each method takes the decoded parameters (see :mod:`emulator.params`) and returns the
``result`` of a successful answer, or raises :class:`~emulator.model.ApiError`.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from emulator.delivery import Updates
from emulator.files import Files, StoredFile
from emulator.markup import Markup, parse_markup
from emulator.model import BotMessage, CallbackAnswer, EmulatorStats, bad_request
from emulator.params import int_param
from emulator.telegram_html import HtmlParseError, parse_telegram_html
from emulator.users import Chat, Chats

MAX_TEXT = 4096
MAX_CAPTION = 1024

Method = Callable[[dict[str, Any]], Awaitable[Any]]


def _scope_key(p: dict[str, Any]) -> tuple[str, str]:
    scope = p.get("scope")
    scope_type = scope.get("type", "default") if isinstance(scope, dict) else "default"
    if isinstance(scope, dict) and "chat_id" in scope:
        scope_type = f"{scope_type}:{scope['chat_id']}:{scope.get('user_id', '')}"
    return scope_type, str(p.get("language_code") or "")


def _set_text(texts: dict[str, str], p: dict[str, Any], field: str, limit: int) -> bool:
    """Store a description for ``p``'s language_code; an empty one removes it (as Telegram
    does: the default shows again)."""
    text = str(p.get(field) or "")
    if len(text) > limit:
        raise bad_request(f"{field.upper()}_INVALID")
    language = str(p.get("language_code") or "")
    if text:
        texts[language] = text
    else:
        texts.pop(language, None)
    return True


def _text_for(texts: dict[str, str], p: dict[str, Any]) -> str:
    """What a user of that language sees: their language's text, else the default."""
    language = str(p.get("language_code") or "")
    return texts.get(language, texts.get("", ""))


class BotApiMethods:
    """Messages, edits, deletes, button answers, files and commands, by method name."""

    def __init__(
        self,
        bot_user: dict[str, Any],
        chats: Chats,
        updates: Updates,
        files: Files,
        stats: EmulatorStats,
        max_sent: int,
    ) -> None:
        self.bot_user = bot_user
        self.sent: deque[BotMessage] = deque(maxlen=max_sent)
        self.commands: list[dict[str, Any]] = []
        self.message_listeners: list[Callable[[BotMessage], None]] = []
        self._chats = chats
        self._updates = updates
        self._files = files
        self._stats = stats
        self._commands_by_scope: dict[tuple[str, str], list[dict[str, Any]]] = {}
        # setMyDescription / setMyShortDescription, by language_code ("" = the default).
        self.descriptions: dict[str, str] = {}
        self.short_descriptions: dict[str, str] = {}

    def table(self) -> dict[str, Method]:
        """Method name (Telegram's spelling) -> implementation."""
        return {
            "getMe": self._get_me,
            "getUpdates": self._updates.get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "editMessageCaption": self._edit_message_caption,
            "editMessageMedia": self._edit_message_media,
            "answerCallbackQuery": self._answer_callback_query,
            "deleteMessage": self._delete_message,
            "deleteMessages": self._delete_messages,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "sendChatAction": self._send_chat_action,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setWebhook": self._updates.set_webhook,
            "deleteWebhook": self._updates.delete_webhook,
            "getWebhookInfo": self._updates.get_webhook_info,
            "getFile": self._get_file,
            "getChat": self._get_chat,
            "logOut": self._true,
            "close": self._true,
            "setMyDescription": self._set_my_description,
            "getMyDescription": self._get_my_description,
            "setMyShortDescription": self._set_my_short_description,
            "getMyShortDescription": self._get_my_short_description,
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
        chat = self._chats.for_request(p)
        return {**chat.info, "accent_color_id": 0, "max_reaction_count": 11}

    # ---------------------------------------------------------------- text and captions

    def _format(
        self, text: str, parse_mode: Any, entities: Any
    ) -> tuple[str, list[dict[str, Any]], str | None]:
        """(plain text, entities, raw html) for text sent with an optional parse_mode."""
        mode = str(parse_mode or "").lower()
        if mode == "html":
            try:
                plain, found = parse_telegram_html(text)
            except HtmlParseError as err:
                raise bad_request(f"can't parse entities: {err}") from None
            return plain, found, text
        if mode and mode not in ("markdown", "markdownv2"):
            raise bad_request(f"unsupported parse_mode {parse_mode}")
        return text, list(entities) if isinstance(entities, list) else [], None

    def _message_text(self, p: dict[str, Any]) -> tuple[str, list[dict[str, Any]], str | None]:
        text = p.get("text")
        if text is None or str(text) == "":
            raise bad_request("message text is empty")
        plain, entities, html = self._format(str(text), p.get("parse_mode"), p.get("entities"))
        if not plain.strip():
            raise bad_request("message text is empty")
        if len(plain) > MAX_TEXT:
            raise bad_request("message is too long")
        return plain, entities, html

    def _caption(self, p: dict[str, Any]) -> tuple[str | None, list[dict[str, Any]], str | None]:
        caption = p.get("caption")
        if caption is None or caption == "":
            return None, [], None
        plain, entities, html = self._format(
            str(caption), p.get("parse_mode"), p.get("caption_entities")
        )
        if len(plain) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        return plain, entities, html

    # ---------------------------------------------------------------- messages

    def _new_message(
        self,
        chat: Chat,
        content: dict[str, Any],
        markup: Markup,
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
        self._stats.messages_delivered += 1
        self._chats.emit(chat, "new", message)
        for listener in self.message_listeners:
            listener(message)
        return message

    async def _send_message(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chats.for_request(p)
        text, entities, html = self._message_text(p)
        markup = parse_markup(p.get("reply_markup"))
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        return self._new_message(chat, content, markup, text=text, html=html).raw

    def _editable(self, chat: Chat, p: dict[str, Any]) -> BotMessage:
        if p.get("inline_message_id"):
            raise bad_request("message to edit not found")
        message_id = int_param(p, "message_id", 0)
        message = chat.bot_messages.get(message_id)
        if message is None:
            if message_id in chat.user_message_dates:
                raise bad_request("message can't be edited")
            raise bad_request("message to edit not found")
        return message

    def _apply_edit(
        self,
        chat: Chat,
        message: BotMessage,
        changes: dict[str, Any],
        markup: Markup,
        **fields: Any,
    ) -> dict[str, Any]:
        """Apply an edit, refusing it like Telegram when nothing would change.

        Telegram drops the inline keyboard when an edit carries no reply_markup.
        """
        unchanged = all((message.raw.get(k) or None) == (v or None) for k, v in changes.items())
        if unchanged and message.raw.get("reply_markup") == markup.inline:
            raise bad_request(
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
        self._stats.messages_delivered += 1
        self._chats.emit(chat, "edit", message)
        return raw

    async def _edit_message_text(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chats.for_request(p)
        message = self._editable(chat, p)
        text, entities, html = self._message_text(p)
        if message.kind != "text":
            raise bad_request("there is no text in the message to edit")
        markup = parse_markup(p.get("reply_markup"), inline_only=True)
        changes = {"text": text, "entities": entities}
        return self._apply_edit(chat, message, changes, markup, text=text, html=html)

    async def _edit_message_caption(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chats.for_request(p)
        message = self._editable(chat, p)
        if message.kind == "text":
            raise bad_request("there is no caption in the message to edit")
        caption, entities, html = self._caption(p)
        markup = parse_markup(p.get("reply_markup"), inline_only=True)
        changes = {"caption": caption, "caption_entities": entities}
        return self._apply_edit(chat, message, changes, markup, caption=caption, html=html)

    async def _edit_message_reply_markup(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chats.for_request(p)
        message = self._editable(chat, p)
        markup = parse_markup(p.get("reply_markup"), inline_only=True)
        return self._apply_edit(chat, message, {}, markup)

    async def _delete_message(self, p: dict[str, Any]) -> bool:
        chat = self._chats.for_request(p)
        message_id = int_param(p, "message_id", 0)
        message = chat.bot_messages.pop(message_id, None)
        if message is not None:
            self._chats.emit(chat, "delete", message)
            return True
        if chat.user_message_dates.pop(message_id, None) is not None:
            return True
        raise bad_request("message to delete not found")

    async def _delete_messages(self, p: dict[str, Any]) -> bool:
        chat = self._chats.for_request(p)
        for message_id in p.get("message_ids") or []:
            message = chat.bot_messages.pop(int(message_id), None)
            if message is not None:
                self._chats.emit(chat, "delete", message)
            chat.user_message_dates.pop(int(message_id), None)
        return True

    async def _send_chat_action(self, p: dict[str, Any]) -> bool:
        self._chats.for_request(p)
        if not p.get("action"):
            raise bad_request("action is empty")
        return True

    async def _answer_callback_query(self, p: dict[str, Any]) -> bool:
        query_id = str(p.get("callback_query_id") or "")
        answer = CallbackAnswer(
            query_id,
            text=p.get("text") or None,
            show_alert=bool(p.get("show_alert")),
            url=p.get("url") or None,
        )
        if not self._chats.answer_query(query_id, answer):
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        return True

    # ---------------------------------------------------------------- files

    async def _send_photo(self, p: dict[str, Any]) -> dict[str, Any]:
        return await self._send_media(p, "photo")

    async def _send_document(self, p: dict[str, Any]) -> dict[str, Any]:
        return await self._send_media(p, "document")

    async def _stored_media(
        self, chat: Chat, message_id: int, source: Any, kind: str, edit: int = 0
    ) -> tuple[StoredFile, str, str | None]:
        """(stored file, file name, MIME type) for an upload, a known file_id or a URL."""
        known = self._files.by_id(source) if isinstance(source, str) else None
        if isinstance(source, web.FileField):
            return await self._files.store_upload(chat.id, message_id, source, kind, edit)
        if isinstance(source, str) and source.startswith(("http://", "https://")):
            name = Path(source).name or kind
            return self._files.register(None, 0, kind, name), name, None
        if known is not None:
            return known, Path(known.file_path).name, None
        if source:
            raise bad_request("wrong file identifier/HTTP URL specified")
        raise bad_request(f"there is no {kind} in the request")

    @staticmethod
    def _media_content(kind: str, stored: StoredFile, filename: str, mime: str | None) -> Any:
        """The message's ``photo`` (sizes) or ``document`` field for a stored file."""
        file_info = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
        }
        if kind == "photo":
            return [{**file_info, "width": 320, "height": 320}]
        document = {**file_info, "file_name": filename}
        if mime:
            document["mime_type"] = mime
        return document

    async def _send_media(self, p: dict[str, Any], kind: str) -> dict[str, Any]:
        chat = self._chats.for_request(p)
        caption, entities, html = self._caption(p)
        markup = parse_markup(p.get("reply_markup"))
        message_id = chat.new_message_id()
        stored, filename, mime = await self._stored_media(chat, message_id, p.get(kind), kind)
        content: dict[str, Any] = {kind: self._media_content(kind, stored, filename, mime)}
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

    async def _edit_message_media(self, p: dict[str, Any]) -> dict[str, Any]:
        """Replace a message's photo or document (or add one to a text message), with the
        caption the new media carries (none: the caption goes) and the keyboard given (none:
        the keyboard goes). A new file arrives as ``attach://<name>``, the request's part
        of that name."""
        chat = self._chats.for_request(p)
        message = self._editable(chat, p)
        media = p.get("media")
        if not isinstance(media, dict):
            raise bad_request("can't parse InputMedia JSON object")
        kind = media.get("type")
        if kind not in ("photo", "document"):  # the only media the emulator keeps
            raise bad_request(f"unsupported media type {kind!r} in the emulator")
        source = media.get("media")
        if isinstance(source, str) and source.startswith("attach://"):
            source = p.get(source.removeprefix("attach://"))
            if not isinstance(source, web.FileField):
                raise bad_request("wrong file identifier/HTTP URL specified")
        stored, filename, mime = await self._stored_media(
            chat, message.message_id, source, kind, edit=message.edits + 1
        )
        caption, entities, html = self._caption(media)
        markup = parse_markup(p.get("reply_markup"), inline_only=True)
        changes: dict[str, Any] = {
            "text": None,
            "entities": None,
            "photo": None,
            "document": None,
            kind: self._media_content(kind, stored, filename, mime),
            "caption": caption,
            "caption_entities": entities,
        }
        return self._apply_edit(
            chat,
            message,
            changes,
            markup,
            kind=kind,
            text="",
            caption=caption,
            html=html,
            file_path=stored.local,
        )

    async def _get_file(self, p: dict[str, Any]) -> dict[str, Any]:
        stored = self._files.by_id(str(p.get("file_id") or ""))
        if stored is None:
            raise bad_request("invalid file_id")
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
            raise bad_request("commands must be an array")
        for command in commands:
            name = str(command.get("command", "")) if isinstance(command, dict) else ""
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self._commands_by_scope[_scope_key(p)] = commands
        if _scope_key(p) == ("default", ""):
            self.commands = commands
        return True

    def commands_for(self, language_code: str = "") -> list[dict[str, Any]]:
        """The default scope's commands for one language ("" = without language_code)."""
        return self._commands_by_scope.get(("default", language_code), [])

    # ---------------------------------------------------------------- descriptions

    async def _set_my_description(self, p: dict[str, Any]) -> bool:
        return _set_text(self.descriptions, p, "description", 512)

    async def _get_my_description(self, p: dict[str, Any]) -> dict[str, str]:
        return {"description": _text_for(self.descriptions, p)}

    async def _set_my_short_description(self, p: dict[str, Any]) -> bool:
        return _set_text(self.short_descriptions, p, "short_description", 120)

    async def _get_my_short_description(self, p: dict[str, Any]) -> dict[str, str]:
        return {"short_description": _text_for(self.short_descriptions, p)}

    async def _get_my_commands(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        return self._commands_by_scope.get(_scope_key(p), [])

    async def _delete_my_commands(self, p: dict[str, Any]) -> bool:
        self._commands_by_scope.pop(_scope_key(p), None)
        if _scope_key(p) == ("default", ""):
            self.commands = []
        return True
