"""Dataclass <-> JSON-ready dict conversion for everything we store.

One place decides how values look on disk: instants are ISO-8601 strings in UTC,
local dates are ISO dates, tuples and sets become lists, nested dataclasses (a user's
preferences, the conversation state) become objects of their own, without the fields that
hold their default. Decoding ignores keys it does not
know (a newer version may have added them) and fills missing keys with the
dataclass defaults, so small schema additions need no migration. Values of the
wrong type raise :class:`CodecError`, which the store treats as a corrupt file.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

_MISSING = dataclasses.MISSING


class CodecError(ValueError):
    """A stored document does not fit the dataclass it should decode into."""


def encode_value(value: Any) -> Any:
    """Turn one Python value into its JSON-ready form."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"refusing to store a naive datetime {value!r}: use UTC-aware ones")
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encode_nested(value)
    if isinstance(value, list | tuple):
        return [encode_value(v) for v in value]
    if isinstance(value, frozenset | set):  # sorted: the same set is always the same file
        return sorted(encode_value(v) for v in value)
    if isinstance(value, dict):
        return {str(k): encode_value(v) for k, v in value.items()}
    return value


def encode(obj: Any) -> dict[str, Any]:
    """A dataclass instance as a JSON-serialisable dict (one key per field)."""
    return {f.name: encode_value(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def _encode_nested(obj: Any) -> dict[str, Any]:
    """A dataclass inside a document (a user's preferences): only the fields that differ
    from their defaults. Most people keep most defaults, and every user file is decoded at
    start-up; decoding fills the defaults back in. Top-level documents stay complete: the
    store queries their fields (``id``, ``status``) in the files."""
    doc = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.default is not _MISSING and value == f.default:
            continue
        if f.default_factory is not _MISSING and value == f.default_factory():
            continue
        doc[f.name] = encode_value(value)
    return doc


def decode(cls: type[T], doc: Mapping[str, Any]) -> T:
    """Rebuild a dataclass from a stored document; raise CodecError if it does not fit."""
    if not isinstance(doc, Mapping):
        raise CodecError(f"{cls.__name__}: expected an object, got {type(doc).__name__}")
    kwargs: dict[str, Any] = {}
    for name, required, convert in _plan(cls):
        if name in doc:
            try:
                kwargs[name] = convert(doc[name])
            except (TypeError, ValueError) as exc:
                raise CodecError(f"{cls.__name__}.{name}: {exc}") from exc
        elif required:
            raise CodecError(f"{cls.__name__}: missing required field {name!r}")
    return cls(**kwargs)


@cache
def _plan(cls: type) -> tuple[tuple[str, bool, Callable[[Any], Any]], ...]:
    """Per-class list of (field name, required?, converter), computed once."""
    hints = typing.get_type_hints(cls)
    plan = []
    for f in dataclasses.fields(cls):
        required = f.default is _MISSING and f.default_factory is _MISSING
        plan.append((f.name, required, _converter(hints[f.name])))
    return tuple(plan)


def _converter(hint: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = _converter(args[0]) if len(args) == 1 else _passthrough
        return lambda v: None if v is None else inner(v)
    if dataclasses.is_dataclass(hint):
        return lambda v: decode(hint, v)
    if origin is typing.Literal:
        allowed = typing.get_args(hint)

        def one_of(v: Any) -> Any:
            if v not in allowed:
                raise ValueError(f"expected one of {allowed}, got {v!r}")
            return v

        return one_of
    if hint is datetime:
        return _to_datetime
    if hint is date:
        return _to_date
    if origin is tuple:
        item_hint = typing.get_args(hint)[0]
        item = _converter(item_hint)
        if item_hint in (int, str):  # weekdays: checked in one pass (start-up decodes 10,000)

            def plain_items(v: Any) -> tuple[Any, ...]:
                items = _expect(v, list)
                if all(type(x) is item_hint for x in items):  # bool is not an int here
                    return tuple(items)
                return tuple(item(x) for x in items)  # raises with the offending item

            return plain_items
        return lambda v: tuple(item(x) for x in _expect(v, list))
    if origin is frozenset:
        item = _converter(typing.get_args(hint)[0])
        return lambda v: frozenset(item(x) for x in _expect(v, list))
    if origin is list or hint is list:
        args = typing.get_args(hint)
        item = _converter(args[0]) if args else _passthrough
        return lambda v: [item(x) for x in _expect(v, list)]
    if origin is dict or hint is dict:
        args = typing.get_args(hint)
        if args:
            key, value = _converter(args[0]), _converter(args[1])
            return lambda v: {key(k): value(x) for k, x in _expect(v, dict).items()}
        return lambda v: dict(_expect(v, dict))
    # The exact type first (one comparison), the full check only for anything else:
    # start-up decodes every user and reminder, ~20 fields each.
    if hint is bool:
        return lambda v: v if v is True or v is False else _expect(v, bool)
    if hint is int:
        return lambda v: v if type(v) is int else _to_int(v)
    if hint is float:
        return lambda v: float(_expect(v, int | float))
    if hint is str:
        return lambda v: v if type(v) is str else _expect(v, str)
    return _passthrough


def _passthrough(value: Any) -> Any:
    return value


def _expect(value: Any, kind: Any) -> Any:
    if not isinstance(value, kind):
        raise TypeError(f"expected {getattr(kind, '__name__', kind)}, got {value!r}")
    return value


def _to_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected int, got {value!r}")
    return value


def _to_datetime(value: Any) -> datetime:
    parsed = datetime.fromisoformat(_expect(value, str))
    if parsed.tzinfo is UTC:  # how we store instants: nothing to convert
        return parsed
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _to_date(value: Any) -> date:
    return date.fromisoformat(_expect(value, str))
