"""``reply_markup`` as Telegram validates it, and what the user would see of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from emulator.model import bad_request

MAX_CALLBACK_DATA = 64
MAX_INLINE_BUTTONS = 100


@dataclass
class Markup:
    inline: dict[str, Any] | None = None
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)
    reply_keyboard: list[list[tuple[str, bool]]] | None = None
    remove_keyboard: bool = False


def parse_markup(raw: Any, *, inline_only: bool = False) -> Markup:
    """Validate reply_markup like Telegram and extract what the user would see."""
    if raw is None or raw == "":
        return Markup()
    if not isinstance(raw, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in raw:
        return _parse_inline_keyboard(raw)
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in raw:
        rows = raw["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request("can't parse reply keyboard markup JSON object")
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
            raise bad_request('can\'t parse keyboard button: Field "text" must be non-empty')
        return Markup(reply_keyboard=keyboard)
    if raw.get("remove_keyboard"):
        return Markup(remove_keyboard=True)
    if raw.get("force_reply"):
        return Markup()
    raise bad_request("can't parse reply keyboard markup JSON object")


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


def _parse_inline_keyboard(raw: dict[str, Any]) -> Markup:
    rows = raw["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse inline keyboard markup JSON object")
    if sum(len(row) for row in rows) > MAX_INLINE_BUTTONS:
        raise bad_request("BUTTONS_TOO_MUCH")
    buttons: list[list[tuple[str, str]]] = []
    for row in rows:
        parsed_row: list[tuple[str, str]] = []
        for btn in row:
            if not isinstance(btn, dict) or not btn.get("text"):
                raise bad_request("can't parse inline keyboard button: Text must be non-empty")
            if not any(action in btn for action in _INLINE_ACTIONS):
                raise bad_request(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            if "callback_data" in btn:
                data = str(btn["callback_data"])
                if not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                    raise bad_request("BUTTON_DATA_INVALID")
                parsed_row.append((str(btn["text"]), data))
            else:
                parsed_row.append((str(btn["text"]), str(btn.get("url", ""))))
        buttons.append(parsed_row)
    return Markup(inline={"inline_keyboard": rows}, buttons=buttons)
