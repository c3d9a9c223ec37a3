"""Where things live in DATA_DIR, and the checks and set-up of the directory itself.

Layout (folders 0700, files 0600)::

    meta.json                      {"schema": N}: version of the whole directory
    backcare.lock                  flock'ed by the one process that owns the directory
    users/<shard>/<user_id>.json   tables profile, reminders, sessions, _meta
    users/<shard>/<user_id>.pain/<YYYY-MM>.json   the diary, one file per month
    users/<shard>/<user_id>.factors/<YYYY-MM>.json   treatments and factors, likewise
    quarantine/<user_id>-<UTC>...  files we could not read, kept for a human

The shard is ``user_id % 256`` as two hex digits: 256 folders keep listings short.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson

from storage import schema
from storage.atomic import TEMP_SUFFIX, atomic_write, ensure_private_dir
from storage.errors import (
    CorruptUserFileError,
    DataDirError,
    DataDirGoneError,
    DiskError,
    StorageError,
)

log = logging.getLogger("storage.store")  # one logger for the operator to follow

USERS_DIR = "users"
QUARANTINE_DIR = "quarantine"
META_NAME = "meta.json"
DIARY_SUFFIX = ".pain"  # users/<shard>/<user_id>.pain/: the user's diary, a file per month
FACTORS_SUFFIX = ".factors"  # users/<shard>/<user_id>.factors/: treatments and factors, likewise
META_TABLE = "_meta"
# What a start needs free in DATA_DIR, checked by writing it (``write_probe``): room for
# the due index of a few thousand users and a day of diary writes. A bot started with less
# would refuse nearly every write it is asked for.
START_FREE_BYTES = 256 * 1024
_BLOCK = 4096  # a small file still takes a block of the file system
# Errors of the disk itself (not of permissions or paths): the message names the space.
_DISK_PROBLEMS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO})
# Files an older backcare-bot wrote ahead of the user files (``<name>-<n>.log``): while one
# holds records, the user files miss acknowledged writes.
_WRITE_AHEAD_LOG = re.compile(r"^[a-z]+-\d+\.log$")


@lru_cache(maxsize=4096)  # building a Path is a good part of reading a small file
def user_file_path(data_dir: Path, user_id: int) -> Path:
    """Where one user's data lives: ``users/<user_id % 256 as 2 hex digits>/<user_id>.json``."""
    return Path(f"{data_dir}/{USERS_DIR}/{user_id % 256:02x}/{user_id}.json")


def diary_dir(data_dir: Path, user_id: int) -> Path:
    """The folder of one user's diary: a file per month, ``<YYYY-MM>.json``."""
    return Path(f"{data_dir}/{USERS_DIR}/{user_id % 256:02x}/{user_id}{DIARY_SUFFIX}")


def diary_file_path(data_dir: Path, user_id: int, table: str) -> Path:
    """The file of one month table (``pain:2026-12`` -> ``.../<user_id>.pain/2026-12.json``)."""
    return diary_dir(data_dir, user_id) / f"{table[len(schema.DIARY_PREFIX) :]}.json"


def factors_dir(data_dir: Path, user_id: int) -> Path:
    """The folder of one user's treatments and factors: a file per month, ``<YYYY-MM>.json``."""
    return Path(f"{data_dir}/{USERS_DIR}/{user_id % 256:02x}/{user_id}{FACTORS_SUFFIX}")


def month_file_path(data_dir: Path, user_id: int, table: str) -> Path:
    """The file of a month table of either kind: ``pain:2026-12`` (the diary) or
    ``factors:2026-12`` (treatments and factors)."""
    if table.startswith(schema.FACTORS_PREFIX):
        month = table[len(schema.FACTORS_PREFIX) :]
        return factors_dir(data_dir, user_id) / f"{month}.json"
    return diary_file_path(data_dir, user_id, table)


def gone_message(data_dir: Path) -> str:
    return (
        f"DATA_DIR {data_dir} is gone (deleted or unmounted): nothing can be stored until "
        "it is back (restore it, or recreate the folder to start empty)"
    )


def format_size(size: int) -> str:
    """``262144`` -> ``256 KB``: a size for a person (1 KB = 1024 bytes)."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def space_for(sizes: Iterable[int]) -> int:
    """What files of these sizes take on disk, each rounded up to a block."""
    return sum(max(_BLOCK, -(-size // _BLOCK) * _BLOCK) for size in sizes)


def is_disk_problem(exc: OSError) -> bool:
    """Full, over quota, read-only or failing: the disk's fault, not the bot's set-up."""
    return exc.errno in _DISK_PROBLEMS


def disk_error(data_dir: Path, exc: OSError, needed: int | None = None) -> DiskError:
    """The storage error for a failed file operation, with what to do about it.

    ``needed``: the bytes the failed work needed free, named in the message when the
    disk is full (or the quota spent).
    """
    if not data_dir.is_dir():
        return DataDirGoneError(gone_message(data_dir))
    reason = exc.strerror or str(exc)
    hint = disk_hint(exc, needed)
    where = f" ({exc.filename})" if exc.filename else ""
    return DiskError(f"DATA_DIR {data_dir}: {reason}{where}: {hint}")


def disk_hint(exc: OSError, needed: int | None = None) -> str:
    """What to do about a failed file operation (``needed``: the bytes it needed free)."""
    space = f"free at least {format_size(needed)}" if needed else "free some space"
    return {
        errno.ENOSPC: space,
        errno.EDQUOT: f"raise the quota or {space}",
        errno.EROFS: "the file system is read-only: remount it read-write",
        errno.EIO: "the disk reports I/O errors: check it",
        errno.EACCES: "give the bot's user write access",
        errno.EPERM: "give the bot's user write access",
    }.get(exc.errno or 0, "check the disk")


def refuse_unapplied_write_ahead_log(data_dir: Path) -> None:
    """Refuse a DATA_DIR whose write-ahead log from an older backcare-bot still holds
    records: they are acknowledged writes missing from the user files. Empty ones go."""
    for entry in os.scandir(data_dir):
        if not _WRITE_AHEAD_LOG.match(entry.name) or not entry.is_file():
            continue
        if entry.stat().st_size == 0:
            os.unlink(entry.path)
            continue
        raise DataDirError(
            f"DATA_DIR {data_dir} holds {entry.name}, a write-ahead log an older backcare-bot "
            "left after a crash: its writes are not in the user files yet. Start the previous "
            "version once and stop it cleanly (it applies the log and deletes it), then start "
            "this one. Deleting the file instead loses those writes."
        )


def parse_user_file(text: str | bytes) -> tuple[dict[str, Any], int]:
    """Parse a user file and check its shape; return (content, schema version)."""
    try:
        data = orjson.loads(text)
    except ValueError as exc:
        raise CorruptUserFileError(f"invalid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise CorruptUserFileError("top level is not an object")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise CorruptUserFileError(f"table {name!r} is not an object")
        if all(map(str.isdigit, table)) and set(map(type, table.values())) <= {dict}:
            continue
        for doc_id, doc in table.items():
            if not doc_id.isdigit() or not isinstance(doc, dict):
                raise CorruptUserFileError(f"table {name!r} has a malformed document {doc_id!r}")
    meta_docs = list(data.get(META_TABLE, {}).values())
    if not meta_docs:
        return data, 1  # written before versions existed, or by hand
    version = meta_docs[0].get("schema")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CorruptUserFileError(f"schema version {version!r} is not a positive integer")
    return data, version


def prepare_data_dir(path: Path) -> None:
    """Create DATA_DIR privately, or make sure an existing one is usable."""
    if path.exists() and not path.is_dir():
        raise DataDirError(f"DATA_DIR {path} is not a directory: point DATA_DIR at a folder")
    try:
        created = ensure_private_dir(path)
    except OSError as exc:
        if is_disk_problem(exc):
            raise DiskError(
                f"DATA_DIR {path} cannot be created ({exc.strerror}): "
                f"{disk_hint(exc, START_FREE_BYTES)}"
            ) from None
        raise DataDirError(
            f"DATA_DIR {path} cannot be created ({exc.strerror}): "
            "create it yourself or point DATA_DIR elsewhere"
        ) from exc
    if not created:
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            log.warning(
                "DATA_DIR %s has mode %o: other users may read health data; run chmod 700 %s",
                path,
                mode,
                path,
            )
    failure = _probe(path)
    if failure is not None and is_disk_problem(failure):
        raise disk_error(path, failure, START_FREE_BYTES)
    if failure is not None:
        raise DataDirError(_not_writable(path, failure))


def write_probe(path: Path) -> str | None:
    """None if ``path`` takes a file of START_FREE_BYTES, else one line saying why not."""
    failure = _probe(path)
    if failure is None:
        return None
    if is_disk_problem(failure):
        return str(disk_error(path, failure, START_FREE_BYTES))
    return _not_writable(path, failure)


def _probe(path: Path) -> OSError | None:
    """Write START_FREE_BYTES to a temporary file in ``path`` and remove it again.

    Written, not asked of ``statvfs``: a quota, a read-only remount or a failing disk
    show up the same way, and the space is really there (not only reported).
    """
    try:
        fd, probe = tempfile.mkstemp(prefix=".probe.", suffix=TEMP_SUFFIX, dir=path)
    except OSError as exc:
        return exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(bytes(START_FREE_BYTES))
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        return exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(probe)
    return None


def _not_writable(path: Path, exc: OSError) -> str:
    return (
        f"DATA_DIR {path} is not writable ({exc.strerror}): "
        "give the bot's user write access or point DATA_DIR elsewhere"
    )


def read_meta_version(data_dir: Path) -> int | None:
    """The directory's schema version, None if meta.json is absent; DataDirError if garbled."""
    meta_path = data_dir / META_NAME
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        version = meta["schema"]
        if isinstance(version, bool) or not isinstance(version, int):
            raise TypeError("schema is not an integer")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataDirError(
            f"{meta_path} is unreadable ({exc}): restore it from a backup, or delete it "
            "and the bot will recreate it (user files carry their own versions)"
        ) from exc
    return version


def check_or_write_meta(data_dir: Path) -> None:
    version = read_meta_version(data_dir)
    if version is not None:
        schema.refuse_if_too_new(version, f"DATA_DIR {data_dir} ({META_NAME})")
        if version == schema.SCHEMA_VERSION:
            return
    meta = {"schema": schema.SCHEMA_VERSION, "written_at": datetime.now(UTC).isoformat()}
    atomic_write(data_dir / META_NAME, (json.dumps(meta) + "\n").encode())


def remove_stale_temp_files(data_dir: Path) -> None:
    """Temp files left by a crash mid-write are never the real data: drop them.

    Diary months are written through temp files in their shard folder (``temp_dir``),
    so this pass need not list 10,000 diary folders.
    """
    users = data_dir / USERS_DIR
    for shard in users.iterdir() if users.is_dir() else ():
        if shard.is_dir():
            for tmp in shard.glob(f".*{TEMP_SUFFIX}"):
                tmp.unlink(missing_ok=True)
    for tmp in data_dir.glob(f".*{TEMP_SUFFIX}"):
        tmp.unlink(missing_ok=True)


def check_data_dir(data_dir: Path | str) -> list[str]:
    """Health check of DATA_DIR without taking its lock (for ``backcare-bot check``)."""
    path = Path(data_dir).expanduser()
    if not path.exists():
        # Fine on a fresh install: the bot creates it on first start, if it can.
        parent = next((p for p in path.parents if p.exists()), None)
        if parent is None or not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
            return [f"DATA_DIR {path} does not exist and {parent} is not writable"]
        return []
    if not path.is_dir():
        return [f"DATA_DIR {path} is not a directory: point DATA_DIR at a folder"]
    problems = []
    probe = write_probe(path)
    if probe:
        problems.append(probe)
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        problems.append(
            f"DATA_DIR {path} has mode {mode:o}, readable by other users: run chmod 700 {path}"
        )
    try:
        version = read_meta_version(path)
        if version is not None:
            schema.refuse_if_too_new(version, f"DATA_DIR {path} ({META_NAME})")
    except StorageError as exc:
        problems.append(str(exc))
    return problems


def diary_on_disk(data_dir: Path, user_id: int) -> dict[str, dict[str, Any]]:
    """The user's diary as their month files hold it: {month table: {doc id: document}}
    (for tests and a human looking at DATA_DIR; the bot reads months through ``Store``)."""
    found = {}
    folder = diary_dir(Path(data_dir), user_id)
    for path in sorted(folder.glob("[0-9]*.json")) if folder.is_dir() else ():
        found.update(orjson.loads(path.read_bytes()))
    return found


def factors_on_disk(data_dir: Path, user_id: int) -> dict[str, dict[str, Any]]:
    """The user's treatments and factors as their month files hold them (like
    :func:`diary_on_disk`)."""
    found = {}
    folder = factors_dir(Path(data_dir), user_id)
    for path in sorted(folder.glob("[0-9]*.json")) if folder.is_dir() else ():
        found.update(orjson.loads(path.read_bytes()))
    return found
