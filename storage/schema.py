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
from datetime import date
from typing import Any

from storage.errors import SchemaTooNewError
from storage.legacy_settings import typed_profiles

# 1: one file per user, the whole diary in its table "pain".
# 2: the diary split by month: table "pain:YYYY-MM" per month of the entries' local date,
#    each kept in a file of its own (see storage.store), so a pain report reads one month.
# 3: typed profiles: ``settings`` (a dict of string keys) became ``preferences`` (the fields of
#    domain.preferences.Preferences) and ``awaiting`` ("kind:ref") an object {kind, ref}.
SCHEMA_VERSION = 3

Migration = Callable[[dict[str, Any]], dict[str, Any]]

DIARY_PREFIX = "pain:"
# Treatments and factors (domain.models.FactorEntry) beside the diary: a table per month too,
# "factors:YYYY-MM", each in a file of its own in a folder beside the diary's. Added without
# a version: older versions never open that folder, and the main file is unchanged.
FACTORS_PREFIX = "factors:"
UNDATED_MONTH = "0000-00"  # entries whose local date does not parse (decoding reports them)


def diary_table(day: date) -> str:
    """The table holding diary entries of this local date: ``pain:YYYY-MM``."""
    return f"{DIARY_PREFIX}{day.year:04d}-{day.month:02d}"


def factors_table(day: date) -> str:
    """The table holding treatment and factor entries of this local date: ``factors:YYYY-MM``."""
    return f"{FACTORS_PREFIX}{day.year:04d}-{day.month:02d}"


def is_diary_table(name: str) -> bool:
    return name.startswith(DIARY_PREFIX)


def diary_table_of(doc: Any) -> str:
    """The month table a stored diary document belongs in (by its ``local_date``)."""
    try:
        return diary_table(date.fromisoformat(doc["local_date"]))
    except (TypeError, KeyError, ValueError):
        return DIARY_PREFIX + UNDATED_MONTH


def split_diary_by_month(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 -> 2: the table "pain" becomes one table per month, document ids kept.

    Keeping the ids makes the split the same every time it runs (a crash mid-migration
    runs it again).
    """
    content = {name: table for name, table in data.items() if name != "pain"}
    for doc_id, doc in data.get("pain", {}).items():
        content.setdefault(diary_table_of(doc), {})[doc_id] = doc
    return content


# MIGRATIONS[n] turns version n data into version n + 1 data.
MIGRATIONS: dict[int, Migration] = {1: split_diary_by_month, 2: typed_profiles}


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
