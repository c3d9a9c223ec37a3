"""A Bot API request's parameters, decoded as Telegram does.

Query string and body (form, multipart or JSON) are merged; form-encoded requests carry
structured fields as JSON strings (PTB's ``RequestParameter.json_value``) and numbers and
flags as text, so those are decoded here, once, for every method.
"""

from __future__ import annotations

import json
import re
from typing import Any

from aiohttp import web

from emulator.model import bad_request

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


async def read_params(request: web.Request) -> dict[str, Any]:
    """Merge query string and body (form, multipart or JSON) and decode typed fields."""
    params: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        content_type = request.content_type
        if content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON request body") from None
            if not isinstance(body, dict):
                raise bad_request("JSON request body must be an object")
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
                raise bad_request(f"can't parse {name} JSON object") from None
        elif name in _INT_FIELDS and re.fullmatch(r"-?\d+", value):
            params[name] = int(value)
        elif name in _BOOL_FIELDS:
            params[name] = value.lower() in ("true", "1")
    return params


def int_param(p: dict[str, Any], name: str, default: int) -> int:
    value = p.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None
