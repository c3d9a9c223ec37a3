"""Callback data: a small, parseable ``feature:action:arg`` format decoded in one place.

Telegram allows 1-64 bytes of callback data. Everything a button carries is re-checked
against the user who pressed it (ids are looked up in *that* user's own storage), so
forged or replayed data can at worst address the presser's own records.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 64


class CallbackDataError(ValueError):
    """The data is not one of ours (malformed, truncated, too long)."""


@dataclass(frozen=True)
class Callback:
    feature: str
    action: str
    args: tuple[str, ...] = ()

    def arg(self, index: int = 0, default: str | None = None) -> str | None:
        return self.args[index] if index < len(self.args) else default


def encode(feature: str, action: str, *args: object) -> str:
    """``encode("tz", "set", "Europe/Berlin")`` → ``"tz:set:Europe/Berlin"``."""
    parts = [feature, action, *(str(a) for a in args)]
    if any(":" in p for p in parts[:2]) or any(not p for p in parts[:2]):
        raise ValueError(f"bad callback parts: {parts!r}")
    data = ":".join(parts)
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def decode(data: str | None) -> Callback:
    if not data or len(data.encode()) > MAX_BYTES:
        raise CallbackDataError("empty or oversized callback data")
    feature, _, rest = data.partition(":")
    action, _, tail = rest.partition(":")
    if not feature.isalnum() or not action.replace("_", "").isalnum():
        raise CallbackDataError(f"malformed callback data {data[:64]!r}")
    args = tuple(tail.split(":")) if tail else ()
    return Callback(feature, action, args)
