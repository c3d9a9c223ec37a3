"""Schema versions of what is on disk and the migrations between them.

``DATA_DIR/meta.json`` and every user file (its ``_meta`` table) carry a version.
Older user files are upgraded when first opened by running ``MIGRATIONS[v]`` for
each v from the file's version up to ``SCHEMA_VERSION``; each step takes the raw
file content (table name -> {doc id -> doc}) and returns it in the next version's
shape. Newer files are refused: an old bot would silently drop what it does not
understand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storage.errors import SchemaTooNewError

SCHEMA_VERSION = 1

Migration = Callable[[dict[str, Any]], dict[str, Any]]

# MIGRATIONS[n] turns version n data into version n + 1 data.
MIGRATIONS: dict[int, Migration] = {}


def refuse_if_too_new(version: int, where: str) -> None:
    """Raise SchemaTooNewError if ``version`` is newer than this code understands."""
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"{where} has schema version {version}, but this backcare-bot understands "
            f"up to version {SCHEMA_VERSION}: upgrade backcare-bot"
        )


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring one user file's content from ``version`` up to SCHEMA_VERSION."""
    for step in range(version, SCHEMA_VERSION):
        try:
            migration = MIGRATIONS[step]
        except KeyError:
            raise RuntimeError(f"no migration from schema {step} to {step + 1}") from None
        data = migration(data)
    return data
