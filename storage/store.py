"""The repository the bot talks to: async verbs over one small TinyDB file per user.

Layout of DATA_DIR (folders 0700, files 0600)::

    meta.json                      {"schema": N}: version of the whole directory
    backcare.lock                  flock'ed by the one process that owns the directory
    users/<shard>/<user_id>.json   tables profile, reminders, sessions, _meta
    users/<shard>/<user_id>.pain/<YYYY-MM>.json   the diary, one file per month
    quarantine/<user_id>-<UTC>...  files we could not read, kept for a human

Why per-user files: TinyDB rewrites its whole file on every write, so one shared
file gets slower with every user; a per-user file keeps a write proportional to
one person's data. The 256 shard folders keep directory listings short.

Why the diary is split by month (schema 2): a pain report needs the profile and the
last few days, not years of entries. With the whole diary in the user's file, a report
for a user who was not in memory read and parsed all of it (a 100-entry diary: 20 KB,
most of the report's time), so reports got slower as diaries grew. Now each month of a
user's diary is a table (``pain:YYYY-MM``) in a file of its own, read when an operation
first needs it; the journal, the checkpoints and the in-memory changes treat it like any
other table, and a checkpoint writes only the files whose tables changed. Only reading
the whole diary (history, export) lists the user's diary folder.

Concurrency: the bot runs on one asyncio loop. Each user has an ``asyncio.Lock``;
under it one operation runs at a time on the user's TinyDB, so the instance is only
ever used by one thread at a time. An operation on a small file (up to
``INLINE_LIMIT``, read from memory or disk) runs on the loop itself: tens of
microseconds, less than the thread hop would cost. A large file is handled in a
worker thread.

Durability: a write returns once it is on disk, in the write-ahead journal
(``storage/journal.py``: one fdatasync shared by every write waiting at that moment).
A journal record holds only what the write changed (a patch: the documents added,
replaced or removed), so its cost does not grow with the user's diary. The user files
catch up at checkpoints: when the journal passes ``CHECKPOINT_BYTES``, is older than
``CHECKPOINT_SECONDS``, on ``forget_user`` (so no copy of a forgotten user's data stays
behind) and on ``close``. Until then the store keeps each journaled change in memory
(``_Change``; bounded by the journal's size), so a user's state is always their file
plus their changes since; a user file read again is brought up to date the same way.
A crash leaves the journal behind; the next ``Store.open`` replays it into the user
files before anything reads them.

In memory, a cached user keeps their parsed data (``_UserStorage.data``), which is
never changed in place: TinyDB gets copies of the documents, and a write's new state
replaces it once its patch is in the journal. A write thus costs a copy and a compare
of the user's documents, not a JSON parse and dump of their whole file.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import os
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import orjson
from tinydb import TinyDB, where
from tinydb.storages import Storage
from tinydb.table import Table

from domain.models import PainEntry, Reminder, RoutineSession, User
from storage import schema
from storage.atomic import (
    DIR_MODE,
    FILE_MODE,
    TEMP_SUFFIX,
    atomic_write,
    ensure_private_dir,
    fsync_dir,
)
from storage.codec import CodecError, decode, encode
from storage.errors import (
    CorruptUserFileError,
    DataDirError,
    StorageError,
    UserNotFound,
)
from storage.journal import Journal, journal_files, read_records
from storage.lock import DataDirLock
from storage.schema import diary_table, diary_table_of, is_diary_table

log = logging.getLogger(__name__)

T = TypeVar("T")

USERS_DIR = "users"
QUARANTINE_DIR = "quarantine"
META_NAME = "meta.json"
DEFAULT_CACHE_SIZE = 1024  # open user files kept in memory (least recently used go first)
# ... and the bytes of their files, at most: a user whose whole diary was read (/history,
# /export, years of entries) holds it all in memory, so a count alone bounds nothing.
# Light users (a profile and this month: a few KB) still fit by the thousand.
DEFAULT_CACHE_BYTES = 8 * 2**20
# Operations on a user's data up to this size (of its file, estimated) run on the event
# loop (copying and comparing that much takes tens of microseconds; reading a 32 KB file
# from disk and parsing it, about 0.3 ms); larger ones go to a worker thread.
INLINE_LIMIT = 32 * 1024
CHECKPOINT_BYTES = 8 * 2**20  # journal size that triggers bringing user files up to date
CHECKPOINT_SECONDS = 600.0  # ... or the age of its oldest record
_CLEAN: Any = object()  # no change waiting to be journaled

_PROFILE, _REMINDERS, _SESSIONS, _META = "profile", "reminders", "sessions", "_meta"
_LEGACY_PAIN = "pain"  # schema 1's diary table, still found in an old journal
DIARY_SUFFIX = ".pain"  # users/<shard>/<user_id>.pain/: the user's diary, a file per month
_OPEN_STATUSES = frozenset({"active", "paused"})


class UserSnapshot(NamedTuple):
    """One user's profile, reminders (oldest first) and open routine session, if any."""

    user: User
    reminders: list[Reminder]
    open_session: RoutineSession | None


def new_id() -> str:
    """A short random id (8 URL-safe characters, 48 bits) that fits in callback data."""
    return secrets.token_urlsafe(6)


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


class _Change(NamedTuple):
    """One journaled change of a user's data, kept in memory until the next checkpoint.

    ``kind`` is "patch" (``value``: ``{table: {doc id: document, or None if removed}}``),
    "state" (``value``: the whole content, None for no file: what a failed write goes
    back to) or "delete" (the user's data was erased). ``seq`` orders all changes.
    """

    seq: int
    kind: str
    value: Any
    size: int  # bytes of its journal record; the file's size is estimated with it


def _apply(data: dict[str, Any] | None, change: _Change) -> dict[str, Any] | None:
    """``data`` after ``change``, as a new dict (``data`` itself is left as it was).

    Applying a user's changes again to a state that already has some of them gives the
    same result (a patch sets documents to their new values), so a file read while a
    checkpoint writes it, old or new, comes out the same.
    """
    if change.kind == "delete":
        return None
    if change.kind == "state":
        return change.value
    new = dict(data) if data else {}
    for name, docs in change.value.items():
        table = dict(new.get(name, {}))
        for doc_id, doc in docs.items():
            if doc is None:
                table.pop(doc_id, None)
            else:
                table[doc_id] = doc
        new[name] = table
    return new


def _diff(
    old: dict[str, Any] | None,
    new: dict[str, Any],
    touched: dict[str, set[str]] | None = None,
) -> dict[str, Any]:
    """The patch that turns ``old`` into ``new`` (empty if they are equal).

    ``touched`` names, per table, the only documents a write may have added or changed
    (documents it did not touch are the very same objects); a table it does not name is
    compared in full. So recording a diary entry compares one document, not the diary.
    """
    old = old or {}
    patch: dict[str, Any] = {}
    for name, table in new.items():
        before = old.get(name, {})
        if table is before:
            continue  # a table the write did not touch is the very same object
        keys = touched.get(name) if touched is not None else None
        if keys is None:
            # Documents the write did not touch are the very same objects: skip them.
            changes = {
                k: doc
                for k, doc in table.items()
                if (was := before.get(k)) is not doc and was != doc
            }
            removed = True
        else:
            changes = {
                k: doc for k in keys if (doc := table.get(k)) is not None and before.get(k) != doc
            }
            # Without a removal the table holds exactly its old keys plus the new ones.
            added = sum(1 for k in changes if k not in before)
            removed = len(table) != len(before) + added
        if removed:
            changes.update((k, None) for k in before.keys() - table.keys())
        if changes:
            patch[name] = changes
    for name in old.keys() - new.keys():
        if old[name]:
            patch[name] = dict.fromkeys(old[name])
    return patch


class _Documents(dict):
    """A table's documents while TinyDB changes them: each document TinyDB takes out
    (to update it in place) is a copy, so the state it came from stays as it was.
    ``touched`` collects the ids of documents taken out or set (see ``_diff``)."""

    def __init__(self, documents: dict[int, Any]) -> None:
        super().__init__(documents)
        self.touched: set[int] = set()

    def __getitem__(self, doc_id: Any) -> Any:
        doc = dict(dict.__getitem__(self, doc_id))
        self[doc_id] = doc
        return doc

    def __setitem__(self, doc_id: Any, doc: Any) -> None:
        self.touched.add(doc_id)
        dict.__setitem__(self, doc_id, doc)


class _Table(Table):
    """TinyDB's table, updating copies of documents (see ``_UserStorage``) and telling
    the storage which documents a write touched."""

    def insert(self, document: Mapping[str, Any]) -> int:
        """Add one document without converting the whole table.

        TinyDB's own insert converts every document id of the table twice (to int and
        back), so a diary entry cost time in proportion to the diary; this one copies
        the table's dict (C speed) and adds the document.
        """
        if isinstance(document, self.document_class) or not isinstance(document, Mapping):
            return super().insert(document)  # an explicit id, or TinyDB's own error
        doc_id = self._get_next_id()
        tables = self.storage.read() or {}
        table = tables.get(self.name, {})
        key = str(doc_id)
        if key in table:
            raise ValueError(f"Document with ID {key} already exists")
        tables[self.name] = {**table, key: dict(document)}
        self.storage.write(tables, touched={self.name: {key}})
        self.clear_cache()
        return doc_id

    def _get_next_id(self) -> int:
        # TinyDB's, with the largest id found by ``map`` (C speed): its generator of
        # ``document_id_class(i)`` was a fifth of a report for a user read from disk.
        if self._next_id is None:
            self._next_id = max(map(self.document_id_class, self._read_table()), default=0) + 1
        next_id = self._next_id
        self._next_id = next_id + 1
        return next_id

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        # TinyDB's _update_table, on copies of the documents and reporting what it touched.
        tables = self.storage.read() or {}
        id_class = self.document_id_class
        documents = _Documents(
            {id_class(doc_id): doc for doc_id, doc in tables.get(self.name, {}).items()}
        )
        updater(documents)
        tables[self.name] = {str(doc_id): doc for doc_id, doc in dict.items(documents)}
        self.storage.write(tables, touched={self.name: {str(i) for i in documents.touched}})
        self.clear_cache()


class _TinyDB(TinyDB):
    table_class = _Table


class _UserStorage(Storage):
    """A user's data in memory, for TinyDB; ``Store`` journals each change as a patch.

    ``data`` is the journaled state; nothing changes it in place (a checkpoint may be
    writing it out from another thread). TinyDB reads it as it is (its reads copy what
    they return) and changes copies (``_Table``), so a write costs the documents it
    touches, not the user's whole diary. ``write`` only stages the new state until
    ``Store`` has the patch in the journal (``commit``) or the write failed (``revert``).
    """

    def __init__(self, data: dict[str, Any] | None, size: int, seq: int) -> None:
        super().__init__()
        self.data = data
        self.size = size  # estimated bytes of the user's file: small ones run on the loop
        self.seq = seq  # the last change ``data`` includes
        self._staged: Any = _CLEAN
        # Per table, the documents the staged writes touched (None: not known, compare all).
        self._touched: dict[str, set[str]] | None = {}

    def current(self) -> dict[str, dict[str, Any]] | None:
        """The state as this operation sees it (staged writes included); do not change it."""
        return self.data if self._staged is _CLEAN else self._staged

    def read(self) -> dict[str, dict[str, Any]] | None:
        current = self.current()
        if current is None:
            return None
        return dict(current)  # TinyDB replaces tables in it

    def add_table(self, name: str, table: dict[str, Any], size: int) -> None:
        """A month of the diary read from its file: part of the state, not a change."""
        self.data = {**(self.data or {}), name: table}
        if self._staged is not _CLEAN and name not in (self._staged or {}):
            self._staged = {**(self._staged or {}), name: table}
        self.size += size

    def write(
        self, data: dict[str, dict[str, Any]], touched: dict[str, set[str]] | None = None
    ) -> None:
        data.setdefault(_META, {"1": {"schema": schema.SCHEMA_VERSION}})
        self._staged = data
        if touched is None or self._touched is None:
            self._touched = None  # a write we know nothing of (TinyDB's drop_tables...)
        else:
            for name, keys in touched.items():
                self._touched[name] = self._touched.get(name, set()) | keys

    def take_change(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """(patch, new state) of what this operation wrote; None if it changed nothing."""
        staged, self._staged = self._staged, _CLEAN
        touched, self._touched = self._touched, {}
        if staged is _CLEAN:
            return None
        patch = _diff(self.data, staged, touched)
        return (patch, staged) if patch else None

    def commit(self, data: dict[str, Any], change: _Change) -> None:
        self.data, self.seq = data, change.seq
        self.size += change.size

    def revert(self) -> None:
        """Forget changes that did not reach the journal."""
        self._staged = _CLEAN
        self._touched = {}

    def close(self) -> None:
        """Nothing to flush: ``Store`` journals every change."""


class _UserFile:
    """One user's open TinyDB; used by one thread at a time (see ``Store._run``).

    Its state holds the user's main file and the months of the diary read so far; an
    operation names the months it needs (``diary``, ``load``) before touching them.
    """

    __slots__ = ("user_id", "path", "storage", "db", "store", "cached_bytes")

    def __init__(
        self,
        user_id: int,
        path: Path,
        data: dict[str, Any] | None,
        size: int,
        seq: int,
        store: Store,
    ) -> None:
        self.user_id = user_id
        self.path = path
        self.store = store
        self.storage = _UserStorage(data, size, seq)
        storage = self.storage
        self.db = _TinyDB(storage=lambda: storage)
        self.cached_bytes = 0  # its size when _FileCache last counted it

    def table(self, name: str) -> Table:
        return self.db.table(name)

    def diary(self, name: str) -> Table:
        """The month table ``name`` (``pain:YYYY-MM``), read from its file if need be."""
        self.load((name,))
        return self.db.table(name)

    def load(self, names: Iterable[str]) -> None:
        """Read the month tables not in memory yet (a month without a file is empty)."""
        for name in names:
            current = self.storage.current()
            if current is None or name not in current:
                table, size = self.store._load_month(self.user_id, name)
                self.storage.add_table(name, table, size)

    def diary_months(self) -> list[str]:
        """Every month table of the user's diary, oldest first (lists their diary folder)."""
        names = self.store._months_on_disk(self.user_id)
        names.update(name for name in self.storage.current() or () if is_diary_table(name))
        return sorted(names)

    def small(self) -> bool:
        return self.storage.size <= INLINE_LIMIT

    def revert(self) -> None:
        self.storage.revert()
        self.db.clear_cache()  # query results may describe the undone change


class _FileCache(OrderedDict[int, _UserFile]):
    """The open user files, least recently used first, with the bytes they hold summed.

    ``bytes`` adds up each file's size as last counted: when it was put in, and when
    ``Store._run`` calls :meth:`recount` after an operation that may have grown it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.bytes = 0

    def __setitem__(self, user_id: int, handle: _UserFile) -> None:
        self.pop(user_id, None)
        handle.cached_bytes = handle.storage.size
        self.bytes += handle.cached_bytes
        super().__setitem__(user_id, handle)

    def __delitem__(self, user_id: int) -> None:
        self.bytes -= self[user_id].cached_bytes
        super().__delitem__(user_id)

    def pop(self, user_id: int, default: Any = None) -> Any:
        handle = super().pop(user_id, None)
        if handle is None:
            return default
        self.bytes -= handle.cached_bytes
        return handle

    def popitem(self, last: bool = True) -> tuple[int, _UserFile]:
        user_id, handle = super().popitem(last)
        self.bytes -= handle.cached_bytes
        return user_id, handle

    def clear(self) -> None:
        super().clear()
        self.bytes = 0

    def recount(self, handle: _UserFile) -> None:
        """Count the handle's current size, if it is (still) the cached one."""
        if self.get(handle.user_id) is handle:
            self.bytes += handle.storage.size - handle.cached_bytes
            handle.cached_bytes = handle.storage.size


class Store:
    """Async repository over DATA_DIR; create it with ``await Store.open(path)``."""

    def __init__(
        self,
        data_dir: Path,
        cache_size: int = DEFAULT_CACHE_SIZE,
        cache_bytes: int = DEFAULT_CACHE_BYTES,
    ) -> None:
        """Prefer :meth:`open`, which also prepares the directory and takes the lock."""
        self.data_dir = Path(data_dir).expanduser()
        self.quarantined: set[int] = set()
        self._cache_size = max(1, cache_size)
        self._cache_bytes = cache_bytes
        self._lock = DataDirLock(self.data_dir)
        self._open_files = _FileCache()
        self._open_files_guard = threading.Lock()  # worker threads share the LRU
        self._user_locks: dict[int, asyncio.Lock] = {}
        self._inflight: set[asyncio.Future[Any]] = set()
        self._closed = True
        self._journal = Journal(self.data_dir)
        # Journaled changes not yet in the user files, per user, oldest first; those the
        # running checkpoint is writing out are in ``_checkpointing``.
        self._dirty: dict[int, list[_Change]] = {}
        self._checkpointing: dict[int, list[_Change]] = {}
        self._seq = 0
        self._busy: set[int] = set()  # users with an operation in progress
        self._dirty_since: float | None = None  # loop time of the oldest dirty change
        self._checkpoint_lock = asyncio.Lock()
        self._checkpoint_task: asyncio.Task[None] | None = None

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    async def open(
        cls,
        data_dir: Path | str,
        *,
        cache_size: int = DEFAULT_CACHE_SIZE,
        cache_bytes: int = DEFAULT_CACHE_BYTES,
    ) -> Store:
        """Create DATA_DIR if needed, take its lock and check the schema version."""
        store = cls(Path(data_dir), cache_size, cache_bytes)
        await asyncio.to_thread(store._open_sync)
        return store

    def _open_sync(self) -> None:
        _prepare_data_dir(self.data_dir)
        self._lock.acquire()
        try:
            _check_or_write_meta(self.data_dir)
            ensure_private_dir(self.data_dir / USERS_DIR)
            _remove_stale_temp_files(self.data_dir)
            self._replay_journal()
            self._journal.open_sync()
        except BaseException:
            self._lock.release()
            raise
        self._closed = False

    async def close(self) -> None:
        """Finish writes in flight, bring every user file up to date, release DATA_DIR."""
        if self._closed:
            return
        self._closed = True
        try:
            if self._inflight:
                await asyncio.wait(set(self._inflight))
            await self._journal.drain()
            if self._checkpoint_task is not None:
                await self._checkpoint_task  # else it would reopen the journal after close
            await self._checkpoint(reopen=False)
        finally:
            with self._open_files_guard:
                self._open_files.clear()
            self._lock.release()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def check(self) -> list[str]:
        """Problems that would stop the bot from storing data; empty means healthy."""
        problems = check_data_dir(self.data_dir)
        if not self._lock.held:
            problems.append(f"the store for DATA_DIR {self.data_dir} is closed")
        return problems

    @staticmethod
    def check_dir(data_dir: Path | str) -> list[str]:
        """Health check of a DATA_DIR without opening it (no lock taken)."""
        return check_data_dir(data_dir)

    def pop_quarantine_notice(self, user_id: int) -> bool:
        """True once after this user's unreadable file was set aside (tell them, once)."""
        if user_id in self.quarantined:
            self.quarantined.discard(user_id)
            return True
        return False

    # ---------------------------------------------------------------------- users

    async def get_user(self, user_id: int) -> User | None:
        return await self._run(user_id, _read_profile)

    async def save_user(self, user: User) -> None:
        """Create or replace the user's profile."""
        doc = _encode_checked(user)
        await self._run(user.user_id, lambda f: _write_profile(f, doc))

    async def modify_user(
        self, user_id: int, change: Callable[[User | None], User | None]
    ) -> User | None:
        """Read, change and write the profile in one operation; return what is stored.

        ``change`` gets the stored profile (None if there is none) and returns the profile
        to keep; nothing is written when that equals what was stored. It must be quick
        and pure: it may run in a worker thread.
        """

        def op(f: _UserFile) -> User | None:
            user = _read_profile(f)
            updated = change(user)
            if updated is not None and updated != user:
                _write_profile(f, _encode_checked(updated))
            return updated

        return await self._run(user_id, op)

    async def update_user(self, user_id: int, **changes: Any) -> User:
        """Change some profile fields; raise UserNotFound if there is no profile."""

        def op(f: _UserFile) -> User:
            user = _read_profile(f)
            if user is None:
                raise UserNotFound(f"user {user_id} has no profile")
            user = dataclasses.replace(user, **changes)
            _write_profile(f, _encode_checked(user))
            return user

        return await self._run(user_id, op)

    async def user_ids(self) -> list[int]:
        """Every user with a file (a directory scan and the journal; no file is read)."""
        return sorted(uid for uid, _ in await asyncio.to_thread(self._all_user_files))

    # ------------------------------------------------------------------ reminders

    async def add_reminder(self, user_id: int, reminder: Reminder) -> None:
        doc = _encode_checked(reminder)
        await self._run(user_id, lambda f: f.table(_REMINDERS).insert(doc))

    async def get_reminder(self, user_id: int, reminder_id: str) -> Reminder | None:
        return await self._run(user_id, lambda f: _get_by_id(f, _REMINDERS, Reminder, reminder_id))

    async def list_reminders(self, user_id: int) -> list[Reminder]:
        """The user's reminders, oldest first."""
        return await self._run(user_id, _read_reminders)

    async def save_reminder(self, user_id: int, reminder: Reminder) -> None:
        """Insert or replace the reminder with this id."""
        doc = _encode_checked(reminder)
        await self._run(user_id, lambda f: _upsert_by_id(f.table(_REMINDERS), doc))

    async def modify_reminder(
        self, user_id: int, reminder_id: str, change: Callable[[Reminder], Reminder]
    ) -> Reminder | None:
        """Read, change and write one reminder in one operation; None if it is gone."""

        def op(f: _UserFile) -> Reminder | None:
            table = f.table(_REMINDERS)
            docs = table.search(where("id") == reminder_id)
            if not docs:
                return None
            updated = change(decode(Reminder, docs[0]))
            table.update(_replace_with(_encode_checked(updated)), doc_ids=[docs[0].doc_id])
            return updated

        return await self._run(user_id, op)

    async def delete_reminder(self, user_id: int, reminder_id: str) -> bool:
        return await self._run(user_id, lambda f: _delete_by_id(f.table(_REMINDERS), reminder_id))

    async def all_reminders(self) -> list[tuple[User, Reminder]]:
        """Every reminder of every user with a profile, to rebuild jobs at start-up.

        Reads each user file once in one worker thread without taking per-user
        locks (files are replaced atomically, so a read sees a complete state).
        Files that need a migration or look corrupt take the normal per-user path.
        """
        return [(u.user, r) for u in await self.all_users() for r in u.reminders]

    async def all_users(self) -> list[UserSnapshot]:
        """Every user with a profile: profile, reminders, open routine session; one pass.

        For start-up hooks (rebuilding jobs): each user file is read once in one worker
        thread without per-user locks (files are replaced atomically, so a read sees a
        complete state). Files that need a migration or look corrupt take the normal
        per-user path.
        """
        found, slow = await asyncio.to_thread(self._scan_users)
        for user_id in slow:
            user = await self.get_user(user_id)
            if user is not None:
                reminders = await self.list_reminders(user_id)
                found.append(UserSnapshot(user, reminders, await self.active_session(user_id)))
        return found

    # ----------------------------------------------------------------- pain diary

    async def record_pain(
        self, user_id: int, entry: PainEntry, *, preferences: dict[str, Any] | None = None
    ) -> None:
        """Add a diary entry; set these ``Preferences`` fields in the same write."""
        doc = _encode_checked(entry)

        def op(f: _UserFile) -> None:
            f.diary(diary_table(entry.local_date)).insert(doc)
            user = _read_profile(f) if preferences else None
            changed = dataclasses.replace(user.preferences, **preferences) if user else None
            if user is not None and changed != user.preferences:
                user = dataclasses.replace(user, preferences=changed)
                _write_profile(f, _encode_checked(user))

        await self._run(user_id, op)

    async def save_pain(self, user_id: int, entry: PainEntry) -> None:
        """Insert or replace the diary entry with this id (adding an area or a note)."""
        doc = _encode_checked(entry)

        def op(f: _UserFile) -> None:
            name = diary_table(entry.local_date)
            found = _find_pain(f, entry.id)
            if found is not None and found[0] != name:  # stored under another date
                f.table(found[0]).remove(doc_ids=[int(found[1])])
            _upsert_by_id(f.diary(name), doc)

        await self._run(user_id, op)

    async def record_pain_many(self, user_id: int, entries: list[PainEntry]) -> None:
        """Add several entries in one write (imports, synthetic benchmark data)."""
        months: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            months.setdefault(diary_table(entry.local_date), []).append(_encode_checked(entry))

        def op(f: _UserFile) -> None:
            for name, docs in months.items():
                f.diary(name).insert_multiple(docs)

        await self._run(user_id, op)

    async def get_pain(self, user_id: int, entry_id: str) -> PainEntry | None:
        """The diary entry with this id (the months in memory are searched first)."""

        def op(f: _UserFile) -> PainEntry | None:
            found = _find_pain(f, entry_id)
            return None if found is None else _decode_month(found[0], (found[2],))[0]

        return await self._run(user_id, op)

    async def pain_entries(
        self, user_id: int, since: date | None = None, until: date | None = None
    ) -> list[PainEntry]:
        """Diary entries oldest first; ``since``/``until`` bound the local date, inclusive.

        Only the months in range are read; without both bounds, the user's diary folder
        is listed (and the whole diary read, when ``since`` is None: in a worker thread).
        """

        def op(f: _UserFile) -> list[PainEntry]:
            entries = _pain_between(f, since, until)
            return sorted(
                (
                    e
                    for e in entries
                    if (since is None or e.local_date >= since)
                    and (until is None or e.local_date <= until)
                ),
                key=lambda e: (e.recorded_at, e.id),
            )

        return await self._run(user_id, op, heavy=since is None)

    async def delete_pain(self, user_id: int, entry_id: str) -> bool:
        def op(f: _UserFile) -> bool:
            found = _find_pain(f, entry_id)
            if found is None:
                return False  # no write at all
            f.table(found[0]).remove(doc_ids=[int(found[1])])
            return True

        return await self._run(user_id, op)

    # ----------------------------------------------------------- routine sessions

    async def save_session(self, user_id: int, session: RoutineSession) -> None:
        """Insert or replace the session with this id."""
        doc = _encode_checked(session)
        await self._run(user_id, lambda f: _upsert_by_id(f.table(_SESSIONS), doc))

    async def get_session(self, user_id: int, session_id: str) -> RoutineSession | None:
        return await self._run(
            user_id, lambda f: _get_by_id(f, _SESSIONS, RoutineSession, session_id)
        )

    async def active_session(self, user_id: int) -> RoutineSession | None:
        """The newest session that is active or paused, if any."""

        def op(f: _UserFile) -> RoutineSession | None:
            open_ones = [s for s in _read_sessions(f) if s.status in _OPEN_STATUSES]
            return open_ones[-1] if open_ones else None

        return await self._run(user_id, op)

    async def list_sessions(self, user_id: int) -> list[RoutineSession]:
        """The user's sessions, oldest first."""
        return await self._run(user_id, _read_sessions)

    # ----------------------------------------------------------------- whole user

    async def export_user(self, user_id: int) -> dict[str, Any]:
        """Everything stored about the user, JSON-serialisable (for a data request)."""

        def op(f: _UserFile) -> dict[str, Any]:
            user = _read_profile(f)
            return {
                "user_id": user_id,
                "schema": schema.SCHEMA_VERSION,
                "exported_at": datetime.now(UTC).isoformat(),
                "profile": encode(user) if user is not None else None,
                "reminders": [encode(r) for r in _read_reminders(f)],
                "pain": [
                    encode(e)
                    for e in sorted(_pain_between(f, None, None), key=lambda e: e.recorded_at)
                ],
                "sessions": [encode(s) for s in _read_sessions(f)],
            }

        return await self._run(user_id, op, heavy=True)

    async def forget_user(self, user_id: int) -> None:
        """Delete the user's file, its journal records and quarantined copies, and cache."""

        async with self._user_lock(user_id):
            self._check_open()
            with self._open_files_guard:
                self._open_files.pop(user_id, None)
            await self._journal_change(user_id, "delete", None, None, None)
            # The journal still holds their earlier changes: checkpoint so none remain.
            await self._checkpoint(reopen=True)
            await self._in_thread(self._forget_sync, user_id)
        self.quarantined.discard(user_id)

    def _forget_sync(self, user_id: int) -> None:
        quarantine = self.data_dir / QUARANTINE_DIR
        if quarantine.is_dir():
            for copy in quarantine.glob(f"{user_id}-*"):
                if copy.is_dir():
                    shutil.rmtree(copy, ignore_errors=True)
                else:
                    copy.unlink(missing_ok=True)
            fsync_dir(quarantine)

    # ------------------------------------------------------------------ machinery

    def _check_open(self) -> None:
        if self._closed:
            raise StorageError(f"the store for DATA_DIR {self.data_dir} is closed")

    def _user_lock(self, user_id: int) -> asyncio.Lock:
        lock = self._user_locks.get(user_id)
        if lock is None:
            lock = self._user_locks[user_id] = asyncio.Lock()
        return lock

    async def _run(self, user_id: int, op: Callable[[_UserFile], T], *, heavy: bool = False) -> T:
        """Run ``op`` on the user's file, one operation per user at a time; journal changes.

        On the loop when the file is cached and small, else in a worker thread; a
        ``heavy`` operation (it reads the whole diary) also needs a small diary on disk.
        """
        async with self._user_lock(user_id):
            self._check_open()
            self._busy.add(user_id)  # its file stays cached while in use
            try:
                with self._open_files_guard:
                    handle = self._open_files.get(user_id)
                inline = handle.small() if handle is not None else self._small_on_disk(user_id)
                if inline and heavy:
                    inline = self._small_diary_on_disk(user_id)
                if not inline:
                    handle, result = await self._in_thread(self._with_user, user_id, op)
                elif handle is not None:
                    with self._open_files_guard:
                        self._open_files.move_to_end(user_id)
                    handle, result = self._with_user(user_id, op, handle)
                else:
                    handle, result = self._with_user(user_id, op)
                change = handle.storage.take_change()
                if change is not None:
                    patch, data = change
                    await self._journal_change(user_id, "patch", patch, handle, data)
                return result
            finally:
                self._busy.discard(user_id)
                self._recount(user_id)

    def _recount(self, user_id: int) -> None:
        """After an operation: count the user's cached file again (it may have read months
        or grown); one holding over an eighth of the cache's bytes is not kept, so a single
        long diary read whole cannot push out hundreds of light users."""
        with self._open_files_guard:
            handle = self._open_files.get(user_id)
            if handle is None:
                return
            self._open_files.recount(handle)
            if handle.cached_bytes > self._cache_bytes // 8:
                del self._open_files[user_id]
            else:
                self._evict()

    def _small_on_disk(self, user_id: int) -> bool:
        """Whether the user's file is absent or small enough to read on the loop."""
        try:
            return os.stat(user_file_path(self.data_dir, user_id)).st_size <= INLINE_LIMIT
        except FileNotFoundError:
            return True
        except OSError:
            return False  # let the worker thread meet (and report) the problem

    def _small_diary_on_disk(self, user_id: int) -> bool:
        """Whether the user's diary files add up to at most ``INLINE_LIMIT`` bytes.

        Why: a worker thread has to win the GIL back after each of its system calls
        (listing, then opening and reading each month), and while the loop is busy (a
        reminder fan-out) each can cost up to the 5 ms switch interval: a 90-day /history
        waited 0.54 s for its four months in a thread during a 10,000-reminder fan-out,
        against about 2 ms on the loop.
        """
        total = 0
        try:
            with os.scandir(diary_dir(self.data_dir, user_id)) as entries:
                for entry in entries:
                    total += entry.stat().st_size
                    if total > INLINE_LIMIT:
                        return False
        except (FileNotFoundError, NotADirectoryError):
            return True
        except OSError:
            return False  # let the worker thread meet (and report) the problem
        return True

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    async def _journal_change(
        self,
        user_id: int,
        kind: str,
        patch: dict[str, Any] | None,
        handle: _UserFile | None,
        data: dict[str, Any] | None,
    ) -> None:
        """Append a patch (or the user's deletion) to the journal; wait till it is on disk.

        The change counts as due for the next checkpoint from the moment it is queued:
        a checkpoint that rotates the journal after the record was written must cover it.
        If the write fails, the handle keeps its last journaled state, and a "state"
        change tells the checkpoint to write that.
        """
        payload = None if patch is None else "+" + _dumps(patch)
        change = _Change(self._next_seq(), kind, patch, len(payload or ""))
        self._dirty.setdefault(user_id, []).append(change)
        future = self._journal.submit(user_id, payload)
        cancelled = False
        while not future.done():
            try:
                await asyncio.wait({future})
            except asyncio.CancelledError:
                # The record may land anyway: wait for the outcome so memory matches disk.
                cancelled = True
        if future.exception() is not None:
            if handle is not None:
                storage = handle.storage
                undo = _Change(self._next_seq(), "state", storage.data, storage.size)
                self._dirty.setdefault(user_id, []).append(undo)
                handle.revert()
                storage.seq = undo.seq
            raise future.exception()
        if handle is not None and data is not None:
            handle.storage.commit(data, change)
        if cancelled:
            raise asyncio.CancelledError
        loop = asyncio.get_running_loop()
        if self._dirty_since is None:
            self._dirty_since = loop.time()
        if self._checkpoint_task is None and (
            self._journal.size >= CHECKPOINT_BYTES
            or loop.time() - self._dirty_since >= CHECKPOINT_SECONDS
        ):
            self._checkpoint_task = asyncio.ensure_future(self._background_checkpoint())

    async def _background_checkpoint(self) -> None:
        try:
            await self._checkpoint(reopen=True)
        except Exception:
            log.exception("checkpoint failed; the journal keeps the changes, will retry")
        finally:
            self._checkpoint_task = None

    async def checkpoint(self) -> None:
        """Write every journaled change into the user files, then drop the old journal."""
        await self._checkpoint(reopen=True)

    async def _checkpoint(self, reopen: bool) -> None:
        async with self._checkpoint_lock:
            if reopen:
                await self._journal.rotate()
            else:
                await self._journal.close()
            snapshot, self._dirty, self._dirty_since = self._dirty, {}, None
            self._checkpointing = snapshot
            try:
                await asyncio.to_thread(self._write_files, snapshot)
            except BaseException:
                # Keep the changes due: the old journal stays and is replayed after a crash.
                for user_id, changes in snapshot.items():
                    self._dirty[user_id] = changes + self._dirty.get(user_id, [])
                raise
            finally:
                self._checkpointing = {}
                with self._open_files_guard:
                    self._evict(full=True)

    def _write_files(self, snapshot: dict[int, list[_Change]]) -> None:
        """Bring user files up to ``snapshot``'s changes durably, then delete old journals.

        One file at a time, each fsync'ed before the next (an atomic replace), so the
        disk never holds more than one file of ours in its queue: a person's journal
        write waits behind at most that. A batch of writes flushed at once (one syncfs
        for the lot, or leaving it to the kernel) made one journal write in a hundred
        wait 5-50 ms, measured. A crash mid-way leaves the journal, which is replayed.
        """
        folders = set()
        for user_id, changes in snapshot.items():
            path = user_file_path(self.data_dir, user_id)
            data = self._checkpoint_state(user_id, changes)
            diary = diary_dir(self.data_dir, user_id)
            if data is None or _wiped(changes):
                if _remove_tree(diary):
                    folders.add(path.parent)
            if data is None:
                try:
                    path.unlink()
                except FileNotFoundError:
                    continue  # never reached a file
                folders.add(path.parent)
                continue
            months, main = _tables_to_write(changes, data)
            for name in months:
                table = data.get(name)
                month_path = diary_file_path(self.data_dir, user_id, name)
                if table:
                    if _make_private_dir(diary):
                        folders.add(path.parent)  # its entry: synced below, with the rest
                    # The temporary file in the shard folder, which start-up sweeps.
                    atomic_write(
                        month_path,
                        _dumps({name: table}).encode(),
                        sync_dir=False,
                        temp_dir=path.parent,
                    )
                    folders.add(diary)
                elif table is not None and month_path.exists():
                    month_path.unlink()  # the month's last entry was removed
                    folders.add(diary)
            if main or not path.exists():
                content = {k: v for k, v in data.items() if not is_diary_table(k)}
                atomic_write(path, _dumps(content).encode(), sync_dir=False)
                folders.add(path.parent)
        for folder in folders:
            fsync_dir(folder)
        current = None if self._journal.closed else self._journal.path
        for path in journal_files(self.data_dir):
            if path != current:
                path.unlink()
        fsync_dir(self.data_dir)

    def _checkpoint_state(self, user_id: int, changes: list[_Change]) -> dict[str, Any] | None:
        """The user's data with ``changes`` applied: the cached state if it has them all."""
        with self._open_files_guard:
            handle = self._open_files.get(user_id)
        if handle is not None and handle.storage.seq >= changes[-1].seq:
            return handle.storage.data  # may hold later changes too: replaying them is harmless
        return self._rebuild(user_id, changes)[0]

    def _rebuild(self, user_id: int, changes: list[_Change]) -> tuple[dict[str, Any] | None, int]:
        """(data, estimated file size): the user's file with ``changes`` applied in order."""
        restart = None
        for index in range(len(changes) - 1, -1, -1):
            if changes[index].kind != "patch":
                restart = index  # a deletion or a whole state: the file no longer matters
                break
        if restart is None:
            data, size = self._load_user_data(user_id, user_file_path(self.data_dir, user_id))
            later = changes
        else:
            data, size = _apply(None, changes[restart]), changes[restart].size
            later = changes[restart + 1 :]
        # The months these patches change, as they were before them (a patch holds only
        # the documents it changed): from their files, unless the user was erased since.
        months = {name for c in later for name in c.value if is_diary_table(name)}
        months -= (data or {}).keys()
        if months:
            data = dict(data or {})
            wiped = _wiped(changes)
            for name in sorted(months):
                data[name], extra = ({}, 0) if wiped else self._read_month(user_id, name)
                size += extra
        for change in later:
            data = _apply(data, change)
            size += change.size
        if data and later:
            # A journal left by a crash of an older version holds profiles of schema 2.
            data = schema.typed_profiles(data)
        return data, size

    def _load_month(self, user_id: int, name: str) -> tuple[dict[str, Any], int]:
        """(table, file size) of one month as the user's data holds it now: its file,
        then the changes since (none, for a user in memory: see ``_UserFile.load``)."""
        changes = self._pending_changes(user_id)
        table, size = ({}, 0) if _wiped(changes) else self._read_month(user_id, name)
        for change in changes:
            if change.kind == "delete" or (change.kind == "state" and change.value is None):
                table = {}
            elif change.kind == "state":
                table = change.value.get(name, table)
            elif name in change.value:
                table = _apply({name: table}, change)[name]
        return table, size

    def _read_month(self, user_id: int, name: str) -> tuple[dict[str, Any], int]:
        """(table, size) from the month's file; empty if it has none or it is unreadable."""
        path = diary_file_path(self.data_dir, user_id, name)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return {}, 0
        except IsADirectoryError as exc:
            self._quarantine_month(user_id, path, f"unreadable: {exc}")
            return {}, 0
        try:
            content, _ = _parse_user_file(raw)
        except CorruptUserFileError as exc:
            self._quarantine_month(user_id, path, str(exc))
            return {}, 0
        return content.get(name, {}), len(raw)

    def _months_on_disk(self, user_id: int) -> set[str]:
        """The month tables with a file in the user's diary folder (none if erased since)."""
        if _wiped(self._pending_changes(user_id)):
            return set()
        try:
            entries = list(os.scandir(diary_dir(self.data_dir, user_id)))
        except (FileNotFoundError, NotADirectoryError):
            return set()
        return {
            schema.DIARY_PREFIX + entry.name[:-5]
            for entry in entries
            if entry.name.endswith(".json") and not entry.name.startswith(".")
        }

    def _pending_changes(self, user_id: int) -> list[_Change]:
        """The user's changes not yet in their file, oldest first (a checkpoint's first)."""
        return [*self._checkpointing.get(user_id, ()), *self._dirty.get(user_id, ())]

    def _replay_journal(self) -> None:
        """After a crash: apply what the journal holds to the user files (before any read)."""
        files = journal_files(self.data_dir)
        if not files:
            return
        changes: dict[int, list[_Change]] = {}
        for path in files:
            for user_id, text in read_records(path):
                change = self._change_from_record(path, user_id, text)
                if change is not None:
                    changes.setdefault(user_id, []).append(change)
        log.info("replaying %d journaled user(s) from %d journal(s)", len(changes), len(files))
        for user_id, user_changes in changes.items():
            if any(c.kind == "patch" and _LEGACY_PAIN in c.value for c in user_changes):
                changes[user_id] = self._upgrade_legacy_changes(user_id, user_changes)
        self._write_files(changes)

    def _upgrade_legacy_changes(self, user_id: int, changes: list[_Change]) -> list[_Change]:
        """Changes journaled by schema 1 (the diary in one table "pain") as schema 2 ones.

        A schema 1 patch names a diary document by its id in "pain"; the migration keeps
        those ids, so the document is found in its month (the whole diary is read). The
        result is the user's whole state, written out as such.
        """
        data, _ = self._load_user_data(user_id, user_file_path(self.data_dir, user_id))
        if data is not None:
            data = dict(data)
            for name in self._months_on_disk(user_id) - data.keys():
                data[name] = self._read_month(user_id, name)[0]
        for change in changes:
            if change.kind == "delete":
                data = None
            elif change.kind == "state":
                data = change.value
            else:
                data = _apply(data, change._replace(value=_upgrade_patch(data, change.value)))
        upgraded = [_Change(self._next_seq(), "delete", None, 0)]  # months not in ``data``
        if data is not None:
            upgraded.append(_Change(self._next_seq(), "state", data, 0))
        return upgraded

    def _change_from_record(self, path: Path, user_id: int, text: str | None) -> _Change | None:
        size = len(text or "")
        try:
            if text is None:
                return _Change(self._next_seq(), "delete", None, 0)
            if text.startswith("+"):
                return _Change(self._next_seq(), "patch", json.loads(text[1:]), size)
            # A record of the whole file (written before records were patches).
            data, version = _parse_user_file(text)
            schema.refuse_if_too_new(version, f"a record of user {user_id} in {path}")
            if version < schema.SCHEMA_VERSION:
                data = schema.migrate(data, version)
                data[_META] = {"1": {"schema": schema.SCHEMA_VERSION}}
            return _Change(self._next_seq(), "state", data, size)
        except (ValueError, CorruptUserFileError) as exc:
            log.error("%s: a record of user %s does not parse (%s); skipped", path, user_id, exc)
            return None

    async def _in_thread(self, func: Callable[..., T], *args: Any) -> T:
        task = asyncio.ensure_future(asyncio.to_thread(func, *args))
        self._inflight.add(task)
        task.add_done_callback(_forget_task(self._inflight))
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            # A thread cannot be stopped: keep the user locked until it has finished,
            # so no two threads ever share one TinyDB instance.
            while not task.done():
                try:
                    await asyncio.wait({task})
                except asyncio.CancelledError:
                    continue
            raise

    def _with_user(
        self, user_id: int, op: Callable[[_UserFile], T], handle: _UserFile | None = None
    ) -> tuple[_UserFile, T]:
        handle = handle or self._open_user(user_id)
        try:
            return handle, op(handle)
        except CodecError as exc:
            # A document of the wrong shape: treat its file like invalid JSON.
            handle.revert()
            with self._open_files_guard:
                self._open_files.pop(user_id, None)
            if isinstance(exc, _BadDiaryMonth):
                path = diary_file_path(self.data_dir, user_id, exc.table)
                self._quarantine_month(user_id, path, str(exc))
            else:
                self._quarantine(user_id, handle.path, str(exc))
            handle = self._open_user(user_id)
            try:
                return handle, op(handle)
            except BaseException:
                handle.revert()
                raise
        except BaseException:
            handle.revert()  # a change not journaled is undone
            raise

    def _open_user(self, user_id: int) -> _UserFile:
        with self._open_files_guard:
            handle = self._open_files.get(user_id)
            if handle is not None:
                self._open_files.move_to_end(user_id)
                return handle
        path = user_file_path(self.data_dir, user_id)
        changes = self._pending_changes(user_id)  # before the file: see _apply
        data, size = self._rebuild(user_id, changes)
        handle = _UserFile(user_id, path, data, size, changes[-1].seq if changes else 0, self)
        with self._open_files_guard:
            self._open_files[user_id] = handle
            self._evict()
        return handle

    def _pinned(self, user_id: int) -> bool:
        """In use by an operation: must stay in memory (changes not yet in the file need
        not: ``_rebuild`` restores them from the file and ``_dirty``)."""
        return user_id in self._busy

    def _evict(self, full: bool = False) -> None:
        """Drop least recently used files beyond the cache's size or bytes, never a pinned one.

        Stops at the first pinned file (so a burst of new users costs O(1) each);
        ``full=True`` looks past pinned ones.
        """
        files = self._open_files
        if not full:
            while self._over_budget() and not self._pinned(next(iter(files))):
                files.popitem(last=False)
            return
        for user_id in [u for u in files if not self._pinned(u)]:
            if not self._over_budget():
                return
            del files[user_id]

    def _over_budget(self) -> bool:
        files = self._open_files
        return len(files) > self._cache_size or (files.bytes > self._cache_bytes and len(files) > 1)

    def _load_user_data(self, user_id: int, path: Path) -> tuple[dict[str, Any] | None, int]:
        """(content, size) of the file, migrated if old; None if absent, empty or quarantined."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None, 0
        except (UnicodeDecodeError, IsADirectoryError) as exc:
            self._quarantine(user_id, path, f"unreadable: {exc}")
            return None, 0
        if not text.strip():
            return None, 0
        try:
            data, version = _parse_user_file(text)
        except CorruptUserFileError as exc:
            self._quarantine(user_id, path, str(exc))
            return None, 0
        schema.refuse_if_too_new(version, f"user file {path}")
        if version < schema.SCHEMA_VERSION:
            data = schema.migrate(data, version)
            data[_META] = {"1": {"schema": schema.SCHEMA_VERSION}}
            # The diary's months first: until the main file is replaced, a crash leaves
            # the old file, which migrates again to the same split.
            for name, table in data.items():
                if is_diary_table(name) and table:
                    month_path = diary_file_path(self.data_dir, user_id, name)
                    month = _dumps({name: table}).encode()
                    atomic_write(month_path, month, sync_dir=False, temp_dir=path.parent)
            if any(is_diary_table(name) and table for name, table in data.items()):
                fsync_dir(diary_dir(self.data_dir, user_id))
            text = _dumps({k: v for k, v in data.items() if not is_diary_table(k)})
            atomic_write(path, text.encode("utf-8"))
            log.info(
                "user %s: migrated data file from schema %s to %s",
                user_id,
                version,
                schema.SCHEMA_VERSION,
            )
        return data, len(text)

    def _set_aside(self, user_id: int, path: Path, suffix: str) -> tuple[Path, str] | None:
        """Move ``path`` to ``quarantine/<user id>-<UTC stamp><suffix>``: (target, stamp),
        or None if it is gone. The caller syncs the folders."""
        folder = self.data_dir / QUARANTINE_DIR
        ensure_private_dir(folder)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"{user_id}-{stamp}{suffix}"
        try:
            os.replace(path, target)
        except FileNotFoundError:
            return None
        if target.is_file():
            os.chmod(target, FILE_MODE)
        return target, stamp

    def _quarantine(self, user_id: int, path: Path, reason: str) -> None:
        """Set an unreadable file aside (with the user's diary) so the user can go on
        with empty data."""
        moved = self._set_aside(user_id, path, ".json")
        if moved is None:
            return
        target, stamp = moved
        diary = diary_dir(self.data_dir, user_id)
        if diary.is_dir():
            os.replace(diary, target.parent / f"{user_id}-{stamp}{DIARY_SUFFIX}")  # same stamp
        fsync_dir(path.parent)
        fsync_dir(target.parent)
        self.quarantined.add(user_id)
        log.warning(
            "user %s: data file was unreadable (%s); moved it to %s and started with empty data",
            user_id,
            reason,
            target,
        )

    def _quarantine_month(self, user_id: int, path: Path, reason: str) -> None:
        """Set an unreadable month of the diary aside; the rest of the user's data stays."""
        moved = self._set_aside(user_id, path, f"-pain-{path.name}")
        if moved is None:
            return
        target, _ = moved
        fsync_dir(path.parent)
        fsync_dir(target.parent)
        self.quarantined.add(user_id)
        log.warning(
            "user %s: a diary file was unreadable (%s); moved it to %s, the rest is kept",
            user_id,
            reason,
            target,
        )

    def _user_files(self) -> Iterator[tuple[int, Path]]:
        """(user id, path) of every user file, from directory listings only."""
        users = self.data_dir / USERS_DIR
        try:
            shards = [e for e in os.scandir(users) if e.is_dir() and len(e.name) == 2]
        except FileNotFoundError:
            return
        for shard in shards:
            for entry in os.scandir(shard.path):
                name = entry.name
                if name.startswith(".") or not name.endswith(".json"):
                    continue
                try:
                    yield int(name[:-5]), Path(entry.path)
                except ValueError:
                    continue

    def _last_changes(self) -> dict[int, _Change]:
        """Each user's newest change not yet in their file (any thread: dict copies are
        atomic under the GIL, so the loop may add changes meanwhile)."""
        last = {uid: changes[-1] for uid, changes in dict(self._checkpointing).items()}
        last.update((uid, changes[-1]) for uid, changes in dict(self._dirty).items())
        return last

    def _all_user_files(self) -> list[tuple[int, Path]]:
        """(user id, path) of every user: files on disk, changed by journaled changes."""
        last = self._last_changes()

        def gone(change: _Change | None) -> bool:
            return change is not None and _apply({}, change) is None

        files = {uid: path for uid, path in self._user_files() if not gone(last.get(uid))}
        for user_id, change in last.items():
            if not gone(change) and user_id not in files:
                files[user_id] = user_file_path(self.data_dir, user_id)
        return list(files.items())

    def _scan_users(self) -> tuple[list[UserSnapshot], list[int]]:
        found: list[UserSnapshot] = []
        slow: list[int] = []
        for user_id, path in self._all_user_files():
            try:
                data = self._scan_state(user_id, path)
            except FileNotFoundError:
                continue
            except (OSError, UnicodeDecodeError, CorruptUserFileError, _NeedsMigration):
                slow.append(user_id)
                continue
            if not data:
                continue
            try:
                profiles = list(data.get(_PROFILE, {}).values())
                if not profiles:
                    continue
                user = decode(User, profiles[0])
                reminders = sorted(
                    (decode(Reminder, d) for d in data.get(_REMINDERS, {}).values()),
                    key=lambda r: (r.created_at, r.id),
                )
                open_ones = [
                    d for d in data.get(_SESSIONS, {}).values() if d.get("status") in _OPEN_STATUSES
                ]
                session = decode(RoutineSession, open_ones[-1]) if open_ones else None
            except CodecError:
                slow.append(user_id)
                continue
            found.append(UserSnapshot(user, reminders, session))
        return found, slow

    def _scan_state(self, user_id: int, path: Path) -> dict[str, Any] | None:
        """The user's current data without side effects (no migration, no quarantine)."""
        with self._open_files_guard:
            handle = self._open_files.get(user_id)
        if handle is not None:
            return handle.storage.data
        changes = self._pending_changes(user_id)
        if any(change.kind != "patch" for change in changes):
            return self._rebuild(user_id, changes)[0]  # the file does not matter
        raw = path.read_bytes()  # orjson takes UTF-8 bytes; invalid UTF-8 reads as corrupt
        if not raw.strip():
            data = None
        else:
            data, version = _parse_user_file(raw)
            if version != schema.SCHEMA_VERSION:
                schema.refuse_if_too_new(version, f"user file {path}")
                raise _NeedsMigration
        for change in changes:
            data = _apply(data, change)
        return data


def _wiped(changes: list[_Change]) -> bool:
    """Whether the user's data was erased (or emptied) by one of ``changes``: their files,
    diary months included, no longer count."""
    return any(c.kind == "delete" or (c.kind == "state" and c.value is None) for c in changes)


def _tables_to_write(changes: list[_Change], data: dict[str, Any]) -> tuple[set[str], bool]:
    """(month tables, whether the main file) a checkpoint of ``changes`` must write."""
    months: set[str] = set()
    main = False
    for change in changes:
        if change.kind == "patch":
            for name in change.value:
                if is_diary_table(name):
                    months.add(name)
                else:
                    main = True
        else:
            main = True
            if change.kind == "state" and change.value:
                months.update(name for name in change.value if is_diary_table(name))
    if _wiped(changes):
        months.update(name for name in data if is_diary_table(name))  # the folder is new
    return months, main


def _make_private_dir(folder: Path) -> bool:
    """Create a user's diary folder (mode 0700) if missing; True if created.

    Unlike ``ensure_private_dir`` it leaves the parent's fsync to the caller: a
    checkpoint creating thousands of them (a first diary entry each) syncs each shard
    folder once, before the journal that holds the entries is deleted.
    """
    try:
        os.mkdir(folder, DIR_MODE)
    except FileExistsError:
        return False
    except FileNotFoundError:
        ensure_private_dir(folder.parent)
        os.mkdir(folder, DIR_MODE)
    os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask
    return True


def _remove_tree(folder: Path) -> bool:
    """Delete a user's diary folder; True if there was one."""
    try:
        shutil.rmtree(folder)
    except FileNotFoundError:
        return False
    return True


def _upgrade_patch(data: dict[str, Any] | None, patch: dict[str, Any]) -> dict[str, Any]:
    """A schema 1 patch of ``data`` (schema 2, whole diary) in schema 2's tables."""
    upgraded = {name: dict(docs) for name, docs in patch.items() if name != _LEGACY_PAIN}
    for doc_id, doc in patch.get(_LEGACY_PAIN, {}).items():
        for name, table in (data or {}).items():
            if is_diary_table(name) and doc_id in table:
                upgraded.setdefault(name, {})[doc_id] = None
        if doc is not None:
            upgraded.setdefault(diary_table_of(doc), {})[doc_id] = doc
    return upgraded


class _NeedsMigration(Exception):
    """A user file of an older schema: read through the normal path, which migrates it."""


# ---------------------------------------------------------------- per-file operations


def _dumps(data: Any) -> str:
    """Compact JSON, as user files and journal records hold it.

    orjson writes the same text as ``json.dumps(ensure_ascii=False, separators=(",",
    ":"))`` about ten times faster (a user with 100 diary entries: 23 vs 240 us); it
    parses twice as fast (80 vs 173 us), which is most of reading a user's file.
    """
    return orjson.dumps(data).decode()


def _encode_checked(obj: Any) -> dict[str, Any]:
    """Encode ``obj``, refusing values that would not decode again.

    A wrongly typed field (``days=("mon",)``) would otherwise be stored and make
    the whole user file look corrupt on the next read; better to fail the write.
    """
    doc = encode(obj)
    try:
        decode(type(obj), doc)
    except CodecError as exc:
        raise ValueError(f"refusing to store an invalid {type(obj).__name__}: {exc}") from None
    return doc


def _decode_all(f: _UserFile, table: str, cls: type[T]) -> list[T]:
    return [decode(cls, doc) for doc in f.table(table).all()]


class _BadDiaryMonth(CodecError):
    """A diary document of the wrong shape: the month file it came from is set aside."""

    def __init__(self, table: str, message: str) -> None:
        super().__init__(message)
        self.table = table


def _decode_month(table: str, docs: Iterable[Any]) -> list[PainEntry]:
    try:
        return [decode(PainEntry, doc) for doc in docs]
    except CodecError as exc:
        raise _BadDiaryMonth(table, f"{table}: {exc}") from None


# A window of up to this many months is read month by month without listing the folder.
_LISTING_FREE_MONTHS = 3


def _months_between(since: date, until: date) -> list[str]:
    """The month tables from ``since``'s month to ``until``'s, inclusive."""
    months = []
    year, month = since.year, since.month
    while (year, month) <= (until.year, until.month):
        months.append(diary_table(date(year, month, 1)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _pain_between(f: _UserFile, since: date | None, until: date | None) -> list[PainEntry]:
    """The diary entries that may fall in ``since``..``until``, reading only those months.

    A pain report asks for the last three days of a diary that may hold years: only
    their month tables are read, and only documents whose stored ISO date (YYYY-MM-DD,
    which sorts as the dates do) is in range are decoded (~10 us each). A document whose
    date is not such a string is kept, so decoding still checks it.
    """
    if since is not None and until is not None:
        months = _months_between(since, until)
        if len(months) > _LISTING_FREE_MONTHS:
            wanted = set(months)
            months = [name for name in f.diary_months() if name in wanted]
    else:
        low = diary_table(since) if since is not None else ""
        high = diary_table(until) if until is not None else "~"
        months = [name for name in f.diary_months() if low <= name <= high]
    f.load(months)
    current = f.storage.current() or {}
    low_day = since.isoformat() if since is not None else ""
    high_day = until.isoformat() if until is not None else "9999-99-99"
    entries: list[PainEntry] = []
    for name in months:
        docs = current.get(name, {}).values()
        if since is not None or until is not None:
            docs = [
                doc
                for doc in docs
                if not (type(day := doc.get("local_date")) is str and len(day) == 10)
                or low_day <= day <= high_day
            ]
        entries += _decode_month(name, docs)
    return entries


def _find_pain(f: _UserFile, entry_id: str) -> tuple[str, str, dict[str, Any]] | None:
    """(month table, document id, document) of the diary entry with this id, if any.

    The months in memory come first (an Undo or a note follows its report), then the
    rest of the diary, newest first.
    """
    loaded = sorted((n for n in f.storage.current() or () if is_diary_table(n)), reverse=True)
    rest: list[str] | None = None
    while True:
        for name in loaded if rest is None else rest:
            f.load((name,))
            for doc_id, doc in (f.storage.current() or {}).get(name, {}).items():
                if doc.get("id") == entry_id:
                    return name, doc_id, doc
        if rest is not None:
            return None
        rest = [name for name in reversed(f.diary_months()) if name not in loaded]


def _read_profile(f: _UserFile) -> User | None:
    docs = f.table(_PROFILE).all()
    return decode(User, docs[0]) if docs else None


def _write_profile(f: _UserFile, doc: dict[str, Any]) -> None:
    table = f.table(_PROFILE)
    existing = table.all()
    if existing:
        table.update(_replace_with(doc), doc_ids=[existing[0].doc_id])
    else:
        table.insert(doc)


def _read_reminders(f: _UserFile) -> list[Reminder]:
    return sorted(_decode_all(f, _REMINDERS, Reminder), key=lambda r: (r.created_at, r.id))


def _read_sessions(f: _UserFile) -> list[RoutineSession]:
    return sorted(_decode_all(f, _SESSIONS, RoutineSession), key=lambda s: (s.started_at, s.id))


def _get_by_id(f: _UserFile, table: str, cls: type[T], item_id: str) -> T | None:
    docs = f.table(table).search(where("id") == item_id)
    return decode(cls, docs[0]) if docs else None


def _upsert_by_id(table: Table, doc: dict[str, Any]) -> None:
    doc_ids = [d.doc_id for d in table.search(where("id") == doc["id"])]
    if doc_ids:
        table.update(_replace_with(doc), doc_ids=doc_ids)
    else:
        table.insert(doc)


def _delete_by_id(table: Table, item_id: str) -> bool:
    doc_ids = [d.doc_id for d in table.search(where("id") == item_id)]
    if not doc_ids:
        return False  # no write at all
    table.remove(doc_ids=doc_ids)
    return True


def _replace_with(doc: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """A TinyDB update that replaces the stored document instead of merging into it."""

    def transform(stored: dict[str, Any]) -> None:
        stored.clear()
        stored.update(doc)

    return transform


def _forget_task(tasks: set[asyncio.Future[Any]]) -> Callable[[asyncio.Future[Any]], None]:
    def done(task: asyncio.Future[Any]) -> None:
        tasks.discard(task)
        if not task.cancelled():
            task.exception()  # mark as retrieved; the awaiting caller re-raises it

    return done


# -------------------------------------------------------------- files and directories


def _parse_user_file(text: str | bytes) -> tuple[dict[str, Any], int]:
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
    meta_docs = list(data.get(_META, {}).values())
    if not meta_docs:
        return data, 1  # written before versions existed, or by hand
    version = meta_docs[0].get("schema")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CorruptUserFileError(f"schema version {version!r} is not a positive integer")
    return data, version


def _prepare_data_dir(path: Path) -> None:
    """Create DATA_DIR privately, or make sure an existing one is usable."""
    if path.exists() and not path.is_dir():
        raise DataDirError(f"DATA_DIR {path} is not a directory: point DATA_DIR at a folder")
    try:
        created = ensure_private_dir(path)
    except OSError as exc:
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
    problem = _write_probe(path)
    if problem:
        raise DataDirError(problem)


def _write_probe(path: Path) -> str | None:
    """None if we can create files in ``path``, else a one-line description of why not."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".probe.", suffix=TEMP_SUFFIX, dir=path)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return (
            f"DATA_DIR {path} is not writable ({exc.strerror}): "
            "give the bot's user write access or point DATA_DIR elsewhere"
        )
    return None


def _read_meta_version(data_dir: Path) -> int | None:
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


def _check_or_write_meta(data_dir: Path) -> None:
    version = _read_meta_version(data_dir)
    if version is not None:
        schema.refuse_if_too_new(version, f"DATA_DIR {data_dir} ({META_NAME})")
        if version == schema.SCHEMA_VERSION:
            return
    meta = {"schema": schema.SCHEMA_VERSION, "written_at": datetime.now(UTC).isoformat()}
    atomic_write(data_dir / META_NAME, (json.dumps(meta) + "\n").encode())


def _remove_stale_temp_files(data_dir: Path) -> None:
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
    probe = _write_probe(path)
    if probe:
        problems.append(probe)
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        problems.append(
            f"DATA_DIR {path} has mode {mode:o}, readable by other users: run chmod 700 {path}"
        )
    try:
        version = _read_meta_version(path)
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


__all__ = [
    "DIR_MODE",
    "Store",
    "check_data_dir",
    "diary_dir",
    "diary_file_path",
    "diary_on_disk",
    "new_id",
    "user_file_path",
]
