"""Ids of stored things: random ones, and ones derived from the Telegram update that made them.

Telegram hands an update out again when the bot did not confirm it (a crash between
storing and confirming). Whatever that update creates gets an id derived from the update
itself, and the store upserts by id, so handling it twice stores it once: no record of
handled updates is needed.

Every id is 8 URL-safe characters (48 bits), short enough for callback data.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import datetime


def new_id() -> str:
    """A short random id for things no update names (a routine session, a draft)."""
    return secrets.token_urlsafe(6)


def _short(key: str) -> str:
    digest = hashlib.blake2b(key.encode(), digest_size=6, person=b"backcare-id").digest()
    return base64.urlsafe_b64encode(digest).decode()


def id_for_message(chat_id: int, message_id: int, sent_at: datetime | None = None) -> str:
    """The id of what message ``message_id`` in chat ``chat_id`` creates.

    ``sent_at`` (the message's date) tells apart two messages that share a number: a
    chat whose numbering started again (a fresh local Bot API server, the sandbox).
    """
    stamp = int(sent_at.timestamp()) if sent_at is not None else ""
    return _short(f"message:{chat_id}:{message_id}:{stamp}")


def id_for_callback(query_id: str) -> str:
    """The id of what a button press creates (Telegram's callback query id is unique)."""
    return _short(f"callback:{query_id}")


def id_for_part(first_id: str, part: int) -> str:
    """The id of the ``part``-th thing (1, 2, ...) one update creates besides the first,
    whose id is ``first_id`` ("2 ibuprofen and a heat pack": two entries, one message)."""
    return first_id if part == 0 else _short(f"part:{first_id}:{part}")
