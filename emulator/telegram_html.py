"""Telegram's HTML subset, parsed as strictly as the Bot API server does.

The bot's ``parse_mode=HTML`` texts become plain text plus MessageEntity dicts; anything
Telegram would refuse raises :class:`HtmlParseError` with Telegram's wording and offset.
"""

from __future__ import annotations

import re
from html.entities import name2codepoint
from html.parser import HTMLParser
from typing import Any


class HtmlParseError(ValueError):
    """Text is not valid Telegram HTML; the message says where, like Telegram does."""


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


def utf16_len(text: str) -> int:
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
        self._length += utf16_len(text)

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
