"""The repository the bot talks to: async verbs over small TinyDB files, one set per user.

Each user has a main file (profile, reminders, sessions), a diary folder with a file per
month, and beside it a folder of the same shape for treatments and factors (medication,
heat, a walk, a bad night); see ``storage.layout`` for where they live in DATA_DIR.

Why per-user files: TinyDB rewrites its whole file on every write, so one shared file
gets slower with every user; a per-user file keeps a write proportional to one person's
data. The 256 shard folders keep directory listings short. Why the diary is split by
month: a pain report needs the profile and the last few days, not years of entries, so
a report reads and rewrites one month, however long the diary grows.

Every file is a plain TinyDB database on :class:`~storage.atomic.AtomicJSONStorage`,
TinyDB's own extension point: a write replaces the file atomically and is on disk
before it returns. A write that did not reach the disk raises :class:`DiskError` (or
:class:`DataDirGoneError`) and is never acknowledged; the next operation simply tries
again, so the bot recovers by itself when the disk does.

Writes are idempotent by id: what an update creates carries an id derived from it
(``storage.ids``) and is upserted, so an update Telegram hands out again after a crash
is stored once.

Concurrency: the bot runs on one asyncio loop. Each user has one ``asyncio.Lock``, taken
by every operation on their data (``Store._run``), so one user's operations run one at
a time and in order. TinyDB calls block, so each operation runs in a worker thread; a
user's open TinyDBs are used by one thread at a time (the lock is held until the thread
finishes, even when the caller is cancelled). A small LRU keeps the TinyDBs of recently
active users open, which saves reading their files again.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import shutil
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeVar

import orjson
from tinydb import TinyDB, where
from tinydb.table import Table

from domain.models import FactorEntry, PainEntry, Reminder, RoutineSession, User
from domain.timezones import is_valid_zone
from storage import schema
from storage.atomic import (
    DIR_MODE,
    FILE_MODE,
    AtomicJSONStorage,
    atomic_write,
    ensure_private_dir,
    fsync_dir,
)
from storage.codec import CodecError, decode, encode
from storage.errors import (
    CorruptUserFileError,
    DataDirError,
    DataDirGoneError,
    DiskError,
    SchemaTooNewError,
    StorageError,
    UserNotFound,
)
from storage.ids import new_id
from storage.layout import (
    DIARY_SUFFIX,
    FACTORS_SUFFIX,
    META_NAME,
    QUARANTINE_DIR,
    START_FREE_BYTES,
    USERS_DIR,
    check_data_dir,
    check_or_write_meta,
    diary_dir,
    diary_file_path,
    diary_on_disk,
    disk_error,
    factors_dir,
    gone_message,
    is_disk_problem,
    month_file_path,
    parse_user_file,
    prepare_data_dir,
    refuse_unapplied_write_ahead_log,
    remove_stale_temp_files,
    user_file_path,
    write_probe,
)
from storage.lock import DataDirLock
from storage.plausible import check_possible
from storage.schema import DIARY_PREFIX, FACTORS_PREFIX, diary_table, factors_table, is_diary_table

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_CACHE_SIZE = 1024  # users whose TinyDBs stay open (least recently used go first)
STORE_THREADS = 8  # users whose file work can be in flight at once (each thread costs RSS)

_PROFILE, _REMINDERS, _SESSIONS, _META = "profile", "reminders", "sessions", "_meta"
_OPEN_STATUSES = frozenset({"active", "paused"})
# What a user file holds before its first write: only its version.
_EMPTY_MAIN = orjson.dumps({_META: {"1": {"schema": schema.SCHEMA_VERSION}}})


# What the store found wrong with one user's data, and dealt with (see on_user_problem).
UserProblem = Literal["set_aside", "zone_unknown"]


class UserSnapshot(NamedTuple):
    """One user's profile, reminders (oldest first) and open routine session, if any."""

    user: User
    reminders: list[Reminder]
    open_session: RoutineSession | None


class _UserFiles:
    """One user's open TinyDBs: the main file, and the diary months opened so far.

    Used by one worker thread at a time (under the user's lock). Files are opened when an
    operation first needs them; a month without a file reads as empty.
    """

    __slots__ = ("user_id", "store", "inline", "_main", "_main_on_disk", "_months")

    def __init__(self, store: Store, user_id: int) -> None:
        self.user_id = user_id
        self.store = store
        # On the event loop: what is open may be read, any file I/O raises _NeedsDisk.
        self.inline = False
        self._main: TinyDB | None = None
        self._main_on_disk = False
        self._months: dict[str, TinyDB] = {}

    def needs_disk(self) -> None:
        """Called before any file I/O: refused while the operation runs on the loop."""
        if self.inline:
            raise _NeedsDisk

    def table(self, name: str) -> Table:
        """A table of the main file (profile, reminders, sessions)."""
        if self._main is None:
            self.needs_disk()
            self._main, self._main_on_disk = self.store._open_main(self)
        return self._main.table(name)

    def ensure_main_file(self) -> None:
        """Write the main file if the user has none yet, so every user with data has one
        (``user_ids`` and the start-up scan list main files only)."""
        meta = self.table(_META)
        if not self._main_on_disk:
            meta.update({"schema": schema.SCHEMA_VERSION})  # one write of the whole file
            self._main_on_disk = True

    def wrote_main(self) -> None:
        self._main_on_disk = True

    def month(self, name: str) -> Table:
        """The month table ``name`` (``pain:YYYY-MM`` or ``factors:YYYY-MM``), opening its
        file if need be."""
        db = self._months.get(name)
        if db is None:
            self.needs_disk()
            db = self._months[name] = self.store._open_month(self, name)
        return db.table(name)

    def reset(self) -> None:
        """Forget every open TinyDB (the files were set aside): read them again."""
        self._main, self._main_on_disk = None, False
        self._months.clear()

    def close_month(self, name: str) -> None:
        self._months.pop(name, None)

    def months_on_disk(self, prefix: str = DIARY_PREFIX) -> list[str]:
        """Every month table of the user's diary (or, with ``FACTORS_PREFIX``, of their
        treatments and factors) with a file, oldest first."""
        self.needs_disk()
        return self.store._months_on_disk(self.user_id, prefix)


class Store:
    """Async repository over DATA_DIR; create it with ``await Store.open(path)``."""

    def __init__(self, data_dir: Path, cache_size: int = DEFAULT_CACHE_SIZE) -> None:
        """Prefer :meth:`open`, which also prepares the directory and takes the lock."""
        self.data_dir = Path(data_dir).expanduser()
        self.quarantined: set[int] = set()
        self._refused: set[int] = set()  # users whose file is too new, logged already
        self._cache_size = max(1, cache_size)
        self._lock = DataDirLock(self.data_dir)
        self._open_files: OrderedDict[int, _UserFiles] = OrderedDict()
        self._user_locks: dict[int, asyncio.Lock] = {}
        self._lock_users: dict[int, int] = {}  # operations holding or waiting for each lock
        self._inflight: set[asyncio.Future[Any]] = set()
        self._forget_listeners: list[Callable[[int], Awaitable[None] | None]] = []
        self._problem_listeners: list[Callable[[int, UserProblem], Awaitable[None] | None]] = []
        # Found by worker threads, told to the listeners on the loop after the operation.
        self._problems: list[tuple[int, UserProblem]] = []
        self._failing: str | None = None  # the disk problem already logged, until it is fixed
        self._wrote = False  # a write reached the disk since ``_failing`` was logged
        self._closed = True
        # Writes of different users wait for the disk side by side: the kernel commits
        # their fsyncs together, so more threads than cores is the point, not a waste.
        self._executor = ThreadPoolExecutor(STORE_THREADS, thread_name_prefix="store")

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    async def open(cls, data_dir: Path | str, *, cache_size: int = DEFAULT_CACHE_SIZE) -> Store:
        """Create DATA_DIR if needed, take its lock and check the schema version."""
        store = cls(Path(data_dir), cache_size)
        await asyncio.to_thread(store._open_sync)
        return store

    def _open_sync(self) -> None:
        prepare_data_dir(self.data_dir)  # a full disk: DiskError naming the space needed
        try:
            self._lock.acquire()
        except DataDirError as exc:
            cause = exc.__cause__
            if isinstance(cause, OSError) and is_disk_problem(cause):
                raise disk_error(self.data_dir, cause, START_FREE_BYTES) from None
            raise
        except OSError as exc:  # writing our pid into the lock file
            raise disk_error(self.data_dir, exc, START_FREE_BYTES) from None
        try:
            refuse_unapplied_write_ahead_log(self.data_dir)
            check_or_write_meta(self.data_dir)
            ensure_private_dir(self.data_dir / USERS_DIR)
            remove_stale_temp_files(self.data_dir)
        except OSError as exc:
            self._lock.release()
            raise disk_error(self.data_dir, exc, START_FREE_BYTES) from None
        except BaseException:
            self._lock.release()
            raise
        self._closed = False

    async def close(self) -> None:
        """Wait for writes in flight, then release DATA_DIR (every write is on disk)."""
        if self._closed:
            return
        self._closed = True
        try:
            if self._inflight:
                await asyncio.wait(set(self._inflight))
        finally:
            self._open_files.clear()
            self._lock.release()
            self._executor.shutdown(wait=False)

    def disk_problem(self) -> str | None:
        """After a write failed on the disk: why DATA_DIR still cannot take what a start
        needs (one line naming the space), or None once it can again."""
        if self._failing is None:
            return None
        return write_probe(self.data_dir)

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

    def clear_cache(self) -> None:
        """Close every cached user's files: the next operation reads them from disk again
        (after an operator restored files by hand, and in tests)."""
        self._open_files.clear()

    def on_user_forgotten(self, listener: Callable[[int], Awaitable[None] | None]) -> None:
        """Call ``listener(user_id)`` after a user's data was erased (indexes kept beside
        the data drop them there)."""
        self._forget_listeners.append(listener)

    def on_user_problem(
        self, listener: Callable[[int, UserProblem], Awaitable[None] | None]
    ) -> None:
        """Call ``listener(user_id, problem)`` once when a user's data turned out unusable
        and was dealt with: ``"set_aside"`` (an unreadable or impossible file moved to the
        quarantine folder; the user goes on with empty data) or ``"zone_unknown"`` (a time
        zone this tzdata does not know was cleared; ``preferences.zone_unknown`` keeps it
        until the user is asked again). The operator got one log line for it."""
        self._problem_listeners.append(listener)

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
        and pure: it runs in a worker thread.
        """

        def op(f: _UserFiles) -> User | None:
            user = _read_profile(f)
            updated = change(user)
            if updated is not None and updated != user:
                _write_profile(f, _encode_checked(updated))
            return updated

        return await self._run(user_id, op)

    async def update_user(self, user_id: int, **changes: Any) -> User:
        """Change some profile fields; raise UserNotFound if there is no profile."""

        def op(f: _UserFiles) -> User:
            user = _read_profile(f)
            if user is None:
                raise UserNotFound(f"user {user_id} has no profile")
            user = dataclasses.replace(user, **changes)
            _write_profile(f, _encode_checked(user))
            return user

        return await self._run(user_id, op)

    async def user_ids(self) -> list[int]:
        """Every user with a file (a directory scan; no file is read)."""
        found = await self._disk(asyncio.to_thread(lambda: [uid for uid, _ in self._user_files()]))
        return sorted(found)

    async def iter_users(self) -> AsyncIterator[UserSnapshot]:
        """Every user with a profile (profile, reminders, open routine session), one shard
        folder at a time, for start-up scans and index builds.

        Files are read in a worker thread without per-user locks (files are replaced
        atomically, so a read sees a complete state); files that need a migration or look
        corrupt take the normal per-user path.
        """
        self._check_open()
        for shard in await asyncio.to_thread(self._shards):
            found, slow = await self._disk(asyncio.to_thread(self._scan_shard, shard))
            for snapshot in found:
                yield snapshot
            for user_id in slow:
                try:
                    snapshot = await self.snapshot(user_id)
                except SchemaTooNewError:
                    continue  # logged once; the others are listed all the same
                if snapshot is not None:
                    yield snapshot

    async def snapshot(self, user_id: int) -> UserSnapshot | None:
        """The user's profile, reminders and open session, read in one operation (so a file
        set aside on the way yields none of it); None if they have no profile."""

        def op(f: _UserFiles) -> UserSnapshot | None:
            user = _read_profile(f)
            if user is None:
                return None
            open_ones = [s for s in _read_sessions(f) if s.status in _OPEN_STATUSES]
            return UserSnapshot(user, _read_reminders(f), open_ones[-1] if open_ones else None)

        return await self._run(user_id, op)

    async def all_users(self) -> list[UserSnapshot]:
        """Every user with a profile, in one list (see :meth:`iter_users`)."""
        return [snapshot async for snapshot in self.iter_users()]

    # ------------------------------------------------------------------ reminders

    async def add_reminder(self, user_id: int, reminder: Reminder) -> None:
        """Store a new reminder; one with the same id (the same update, handled again)
        is replaced, never doubled."""
        await self.save_reminder(user_id, reminder)

    async def get_reminder(self, user_id: int, reminder_id: str) -> Reminder | None:
        return await self._run(user_id, lambda f: _get_by_id(f, _REMINDERS, Reminder, reminder_id))

    async def list_reminders(self, user_id: int) -> list[Reminder]:
        """The user's reminders, oldest first."""
        return await self._run(user_id, _read_reminders)

    async def save_reminder(self, user_id: int, reminder: Reminder) -> None:
        """Insert or replace the reminder with this id."""
        doc = _encode_checked(reminder)
        await self._run(user_id, lambda f: _upsert_main(f, _REMINDERS, doc))

    async def modify_reminder(
        self, user_id: int, reminder_id: str, change: Callable[[Reminder], Reminder]
    ) -> Reminder | None:
        """Read, change and write one reminder in one operation; None if it is gone."""

        def op(f: _UserFiles) -> Reminder | None:
            table = f.table(_REMINDERS)
            docs = table.search(where("id") == reminder_id)
            if not docs:
                return None
            updated = change(_decode(Reminder, docs[0]))
            table.update(_replace_with(_encode_checked(updated)), doc_ids=[docs[0].doc_id])
            f.wrote_main()
            return updated

        return await self._run(user_id, op)

    async def delete_reminder(self, user_id: int, reminder_id: str) -> bool:
        return await self._run(user_id, lambda f: _delete_by_id(f.table(_REMINDERS), reminder_id))

    async def all_reminders(self) -> list[tuple[User, Reminder]]:
        """Every reminder of every user with a profile (see :meth:`iter_users`)."""
        return [(u.user, r) async for u in self.iter_users() for r in u.reminders]

    # ----------------------------------------------------------------- pain diary

    async def record_pain(
        self, user_id: int, entry: PainEntry, *, preferences: dict[str, Any] | None = None
    ) -> None:
        """Store a diary entry (replacing one with its id: an update handled twice is
        stored once); then set these ``Preferences`` fields.

        The entry's own month is searched for its id, and the month before in the first
        days of a month (a report handled again after midnight lands a day later).
        """
        doc = _encode_checked(entry)
        name = diary_table(entry.local_date)
        search = [name]
        if entry.local_date.day <= 2:
            search.append(diary_table(entry.local_date.replace(day=1) - timedelta(days=1)))

        def op(f: _UserFiles) -> None:
            f.ensure_main_file()
            _upsert_monthly(f, name, doc, search)
            if preferences:
                user = _read_profile(f)
                if user is not None:
                    changed = dataclasses.replace(user.preferences, **preferences)
                    if changed != user.preferences:
                        user = dataclasses.replace(user, preferences=changed)
                        _write_profile(f, _encode_checked(user))

        await self._run(user_id, op)

    async def save_pain(self, user_id: int, entry: PainEntry) -> None:
        """Insert or replace the diary entry with this id (adding an area or a note)."""
        doc = _encode_checked(entry)
        name = diary_table(entry.local_date)

        def op(f: _UserFiles) -> None:
            f.ensure_main_file()
            found = _find_in_months(f, DIARY_PREFIX, entry.id)
            _upsert_monthly(f, name, doc, [name] + ([found[0]] if found else []))

        await self._run(user_id, op)

    async def record_pain_many(self, user_id: int, entries: list[PainEntry]) -> None:
        """Add several new entries, one write per month (imports, synthetic benchmark data)."""
        months: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            months.setdefault(diary_table(entry.local_date), []).append(_encode_checked(entry))

        def op(f: _UserFiles) -> None:
            f.ensure_main_file()
            for name, docs in months.items():
                f.month(name).insert_multiple(docs)

        await self._run(user_id, op)

    async def get_pain(self, user_id: int, entry_id: str) -> PainEntry | None:
        """The diary entry with this id (the months opened already are searched first)."""

        def op(f: _UserFiles) -> PainEntry | None:
            found = _find_in_months(f, DIARY_PREFIX, entry_id)
            return None if found is None else _decode_month(PainEntry, found[0], (found[1],))[0]

        return await self._run(user_id, op)

    async def pain_entries(
        self, user_id: int, since: date | None = None, until: date | None = None
    ) -> list[PainEntry]:
        """Diary entries oldest first; ``since``/``until`` bound the local date, inclusive.

        Routine ratings stored as entries by older versions (``PainEntry.is_routine_rating``)
        are not diary entries and are left out: their sessions keep the ratings.

        Only the months in range are read; without both bounds, the user's diary folder
        is listed (and the whole diary read, when ``since`` is None).
        """

        def op(f: _UserFiles) -> list[PainEntry]:
            entries = _entries_between(f, PainEntry, since, until)
            return sorted(
                (
                    e
                    for e in entries
                    if not e.is_routine_rating
                    and (since is None or e.local_date >= since)
                    and (until is None or e.local_date <= until)
                ),
                key=lambda e: (e.recorded_at, e.id),
            )

        return await self._run(user_id, op, heavy=since is None)

    async def delete_pain(self, user_id: int, entry_id: str) -> bool:
        def op(f: _UserFiles) -> bool:
            found = _find_in_months(f, DIARY_PREFIX, entry_id)
            if found is None:
                return False  # no write at all
            self._remove_from_month(f, found[0], entry_id)
            return True

        return await self._run(user_id, op)

    # ------------------------------------------------------- treatments and factors

    async def record_factor(self, user_id: int, entry: FactorEntry) -> None:
        """Store a treatment or factor entry, replacing one with its id (an update handled
        twice is stored once; one whose date changed moves to its month)."""
        doc = _encode_checked(entry)
        name = factors_table(entry.local_date)
        search = [name]
        if entry.local_date.day <= 2:  # handled again after midnight on the first
            search.append(factors_table(entry.local_date.replace(day=1) - timedelta(days=1)))

        def op(f: _UserFiles) -> None:
            f.ensure_main_file()
            _upsert_monthly(f, name, doc, search)

        await self._run(user_id, op)

    async def get_factor(self, user_id: int, entry_id: str) -> FactorEntry | None:
        """The treatment or factor entry with this id, if the user has it."""

        def op(f: _UserFiles) -> FactorEntry | None:
            found = _find_in_months(f, FACTORS_PREFIX, entry_id)
            if found is None:
                return None
            return _decode_month(FactorEntry, found[0], (found[1],))[0]

        return await self._run(user_id, op)

    async def factor_entries(
        self, user_id: int, since: date | None = None, until: date | None = None
    ) -> list[FactorEntry]:
        """Treatment and factor entries oldest first; ``since``/``until`` bound the local
        date, inclusive (only the months in range are read, as for the diary)."""

        def op(f: _UserFiles) -> list[FactorEntry]:
            entries = _entries_between(f, FactorEntry, since, until)
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

    async def delete_factor(self, user_id: int, entry_id: str) -> bool:
        """Remove one treatment or factor entry; False if it is not there."""

        def op(f: _UserFiles) -> bool:
            found = _find_in_months(f, FACTORS_PREFIX, entry_id)
            if found is None:
                return False  # no write at all
            self._remove_from_month(f, found[0], entry_id)
            return True

        return await self._run(user_id, op)

    # ----------------------------------------------------------- routine sessions

    async def save_session(self, user_id: int, session: RoutineSession) -> None:
        """Insert or replace the session with this id."""
        doc = _encode_checked(session)
        await self._run(user_id, lambda f: _upsert_main(f, _SESSIONS, doc))

    async def get_session(self, user_id: int, session_id: str) -> RoutineSession | None:
        return await self._run(
            user_id, lambda f: _get_by_id(f, _SESSIONS, RoutineSession, session_id)
        )

    async def active_session(self, user_id: int) -> RoutineSession | None:
        """The newest session that is active or paused, if any."""

        def op(f: _UserFiles) -> RoutineSession | None:
            open_ones = [s for s in _read_sessions(f) if s.status in _OPEN_STATUSES]
            return open_ones[-1] if open_ones else None

        return await self._run(user_id, op)

    async def list_sessions(self, user_id: int) -> list[RoutineSession]:
        """The user's sessions, oldest first."""
        return await self._run(user_id, _read_sessions)

    # ----------------------------------------------------------------- whole user

    async def export_user(self, user_id: int) -> dict[str, Any]:
        """Everything stored about the user, JSON-serialisable (for a data request)."""

        def op(f: _UserFiles) -> dict[str, Any]:
            user = _read_profile(f)
            return {
                "user_id": user_id,
                "schema": schema.SCHEMA_VERSION,
                "exported_at": datetime.now(UTC).isoformat(),
                "profile": encode(user) if user is not None else None,
                "reminders": [encode(r) for r in _read_reminders(f)],
                "pain": [
                    encode(e)
                    for e in sorted(
                        _entries_between(f, PainEntry, None, None), key=lambda e: e.recorded_at
                    )
                ],
                "factors": [
                    encode(e)
                    for e in sorted(
                        _entries_between(f, FactorEntry, None, None),
                        key=lambda e: (e.recorded_at, e.id),
                    )
                ],
                "sessions": [encode(s) for s in _read_sessions(f)],
            }

        return await self._run(user_id, op, heavy=True)

    async def forget_user(self, user_id: int) -> None:
        """Delete the user's file, their diary and quarantined copies; tell the listeners."""

        def op(_: _UserFiles) -> None:
            self._forget_sync(user_id)

        await self._run(user_id, op, heavy=True)  # heavy: nothing of theirs stays cached
        self.quarantined.discard(user_id)
        for listener in self._forget_listeners:
            result = listener(user_id)
            if result is not None:
                await result

    def _forget_sync(self, user_id: int) -> None:
        path = user_file_path(self.data_dir, user_id)
        shutil.rmtree(diary_dir(self.data_dir, user_id), ignore_errors=True)
        shutil.rmtree(factors_dir(self.data_dir, user_id), ignore_errors=True)
        path.unlink(missing_ok=True)
        if path.parent.is_dir():
            fsync_dir(path.parent)
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

    async def _run(self, user_id: int, op: Callable[[_UserFiles], T], *, heavy: bool = False) -> T:
        """Run ``op`` on the user's files in a worker thread, one operation per user at a
        time. A ``heavy`` operation (it reads the whole diary) leaves nothing cached."""
        lock = self._user_locks.get(user_id)
        if lock is None:
            lock = self._user_locks[user_id] = asyncio.Lock()
        self._lock_users[user_id] = self._lock_users.get(user_id, 0) + 1
        try:
            async with lock:
                self._check_open()
                self._check_data_dir()
                cached = self._open_files.pop(user_id, None)
                files = cached or _UserFiles(self, user_id)
                try:
                    if cached is not None and not heavy:
                        # What needs no disk (a read of what is open; a change that
                        # changes nothing) runs right here: no thread hop. The first file
                        # operation raises _NeedsDisk before anything happened.
                        files.inline = True
                        try:
                            return self._with_user(files, op)
                        except _NeedsDisk:
                            pass
                        finally:
                            files.inline = False
                    result = await self._disk(self._in_thread(self._with_user, files, op))
                except BaseException:
                    heavy = True  # what failed may have left its TinyDBs behind the files
                    raise
                finally:
                    if not heavy:
                        self._open_files[user_id] = files
                        while len(self._open_files) > self._cache_size:
                            self._open_files.popitem(last=False)
                return result
        finally:
            left = self._lock_users[user_id] - 1
            if left:
                self._lock_users[user_id] = left
            else:  # nobody holds or waits for it: do not keep a lock per user ever seen
                del self._lock_users[user_id]
                del self._user_locks[user_id]
            if self._problems:
                await self._tell_problems()

    async def _tell_problems(self) -> None:
        """Hand what operations found to the listeners (a failing listener is logged and
        does not fail the operation that found the problem)."""
        while self._problems:
            user_id, problem = self._problems.pop(0)
            for listener in self._problem_listeners:
                try:
                    result = listener(user_id, problem)
                    if result is not None:
                        await result
                except Exception:
                    log.exception("user %s: telling about %s failed", user_id, problem)

    def _check_data_dir(self) -> None:
        """Refuse to work in a deleted DATA_DIR; adopt a recreated (empty) one."""
        if os.path.exists(f"{self.data_dir}/{META_NAME}"):
            return
        self._open_files.clear()  # what is cached is no longer on disk
        if not self.data_dir.is_dir():
            raise self._report(DataDirGoneError(gone_message(self.data_dir)))
        try:
            check_or_write_meta(self.data_dir)
            ensure_private_dir(self.data_dir / USERS_DIR)
            self._lock.release()  # its file went with the old folder
            self._lock.acquire()
        except OSError as exc:
            raise self._report(disk_error(self.data_dir, exc)) from exc
        log.warning("DATA_DIR %s was recreated: storing into the new, empty folder", self.data_dir)

    async def _disk(self, work: Awaitable[T]) -> T:
        """Await file work; a disk problem becomes one DiskError, logged once until fixed."""
        try:
            result = await work
        except OSError as exc:
            raise self._report(disk_error(self.data_dir, exc)) from exc
        except DiskError as exc:
            raise self._report(exc) from None
        if self._failing is not None and self._wrote:  # reads may work on a full disk
            log.warning("Storage works again (after: %s)", self._failing)
            self._failing = None
        return result

    def _report(self, error: DiskError) -> DiskError:
        """Log a disk problem once (one line, no traceback) until an operation succeeds."""
        self._open_files.clear()
        if self._failing is None:
            log.error("Storage failing, writes are refused until it is fixed: %s", error)
            self._failing = str(error)
        self._wrote = False
        return error

    def _written(self) -> None:
        self._wrote = True

    async def _in_thread(self, func: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        task = asyncio.ensure_future(loop.run_in_executor(self._executor, func, *args))
        self._inflight.add(task)
        task.add_done_callback(_forget_task(self._inflight))
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            # A thread cannot be stopped: keep the user locked until it has finished,
            # so no two threads ever share one user's TinyDBs.
            while not task.done():
                try:
                    await asyncio.wait({task})
                except asyncio.CancelledError:
                    continue
            raise

    def _with_user(self, files: _UserFiles, op: Callable[[_UserFiles], T]) -> T:
        try:
            return op(files)
        except CodecError as exc:
            # A document of the wrong shape: treat its file like invalid JSON, go on.
            files.needs_disk()  # setting it aside is file work: not on the loop
            if isinstance(exc, _BadDiaryMonth):
                path = month_file_path(self.data_dir, files.user_id, exc.table)
                self._quarantine_month(files.user_id, path, str(exc))
                files.close_month(exc.table)
            else:
                path = user_file_path(self.data_dir, files.user_id)
                self._quarantine(files.user_id, path, str(exc))
                files.reset()
            return op(files)

    def _make_dirs(self, folder: Path) -> None:
        """Create a folder below DATA_DIR (a shard, a diary), never DATA_DIR itself: a
        write into a deleted DATA_DIR must fail, not land in a new folder nobody backs up."""
        missing = []
        while not folder.is_dir():
            if folder == self.data_dir:
                raise DataDirGoneError(gone_message(self.data_dir))
            missing.append(folder)
            folder = folder.parent
        for path in reversed(missing):
            try:
                os.mkdir(path, DIR_MODE)
            except FileExistsError:
                continue
            os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask
            fsync_dir(path.parent)

    def _open_main(self, files: _UserFiles) -> tuple[TinyDB, bool]:
        """(TinyDB of the user's main file, whether the file exists), migrated if old."""
        user_id = files.user_id
        path = user_file_path(self.data_dir, user_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raw = b""
        except (IsADirectoryError, NotADirectoryError) as exc:
            self._quarantine(user_id, path, f"unreadable: {exc}")
            raw = b""
        if raw.strip():
            try:
                data, version = parse_user_file(raw)
            except CorruptUserFileError as exc:
                self._quarantine(user_id, path, str(exc))
                raw = b""
            else:
                self._refuse_if_too_new(user_id, version, path)
                if version < schema.SCHEMA_VERSION:
                    raw = self._migrate(user_id, path, data, version)
        exists = bool(raw.strip())
        db = TinyDB(
            path,
            storage=AtomicJSONStorage,
            preloaded=raw if exists else _EMPTY_MAIN,
            make_dirs=self._make_dirs,
            on_write=self._written,
            before_write=files.needs_disk,
        )
        return db, exists

    def _refuse_if_too_new(self, user_id: int, version: int, path: Path) -> None:
        """A file a newer backcare-bot wrote (a restored backup) is refused, not set aside:
        its data is fine, only this version would drop what it does not know. Logged once
        per user; the user's operations fail until the bot is upgraded, nobody else's."""
        try:
            schema.refuse_if_too_new(version, f"user file {path}")
        except SchemaTooNewError as exc:
            if user_id not in self._refused:
                self._refused.add(user_id)
                log.warning("user %s: %s; their data is left as it is", user_id, exc)
            raise

    def _migrate(self, user_id: int, path: Path, data: dict[str, Any], version: int) -> bytes:
        """Bring an old user file to the current schema on disk; return the new main file."""
        data = schema.migrate(data, version)
        data[_META] = {"1": {"schema": schema.SCHEMA_VERSION}}
        # The diary's months first: until the main file is replaced, a crash leaves the
        # old file, which migrates again to the same split.
        months = {name: table for name, table in data.items() if is_diary_table(name) and table}
        for name, table in months.items():
            month_path = diary_file_path(self.data_dir, user_id, name)
            self._make_dirs(month_path.parent)
            month = orjson.dumps({name: table})
            atomic_write(month_path, month, sync_dir=False, temp_dir=path.parent)
        if months:
            fsync_dir(diary_dir(self.data_dir, user_id))
        raw = orjson.dumps({k: v for k, v in data.items() if not is_diary_table(k)})
        atomic_write(path, raw)
        log.info(
            "user %s: migrated data file from schema %s to %s",
            user_id,
            version,
            schema.SCHEMA_VERSION,
        )
        return raw

    def _open_month(self, files: _UserFiles, name: str) -> TinyDB:
        """TinyDB of one month of the diary, or of treatments and factors (an unreadable
        file is set aside: empty)."""
        user_id = files.user_id
        path = month_file_path(self.data_dir, user_id, name)
        try:
            raw: bytes | None = path.read_bytes() or None
        except FileNotFoundError:
            raw = None
        except (IsADirectoryError, NotADirectoryError) as exc:
            self._quarantine_month(user_id, path, f"unreadable: {exc}")
            raw = None
        if raw is not None:
            try:
                content, _ = parse_user_file(raw)
                if set(content) - {name}:
                    raise CorruptUserFileError(f"holds tables other than {name!r}")
            except CorruptUserFileError as exc:
                self._quarantine_month(user_id, path, str(exc))
                raw = None
        # The temporary file in the shard folder, which start-up sweeps (not every diary).
        return TinyDB(
            path,
            storage=AtomicJSONStorage,
            preloaded=raw,
            make_dirs=self._make_dirs,
            temp_dir=path.parent.parent,
            on_write=self._written,
            before_write=files.needs_disk,
        )

    def _remove_from_month(self, f: _UserFiles, name: str, entry_id: str) -> None:
        """Remove an entry; a month left empty loses its file."""
        table = f.month(name)
        table.remove(where("id") == entry_id)
        if not table.all():
            path = month_file_path(self.data_dir, f.user_id, name)
            path.unlink(missing_ok=True)
            fsync_dir(path.parent)
            f.close_month(name)

    def _months_on_disk(self, user_id: int, prefix: str = DIARY_PREFIX) -> list[str]:
        """The month tables with a file in the user's diary folder (``prefix`` pain:) or
        treatments-and-factors folder (``prefix`` factors:), oldest first."""
        folder = factors_dir if prefix == FACTORS_PREFIX else diary_dir
        try:
            with os.scandir(folder(self.data_dir, user_id)) as entries:
                names = [e.name for e in entries]
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(
            prefix + name[:-5]
            for name in names
            if name.endswith(".json") and not name.startswith(".")
        )

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
        for folder, suffix in (
            (diary_dir(self.data_dir, user_id), DIARY_SUFFIX),
            (factors_dir(self.data_dir, user_id), FACTORS_SUFFIX),
        ):
            if folder.is_dir():
                os.replace(folder, target.parent / f"{user_id}-{stamp}{suffix}")  # same stamp
        fsync_dir(path.parent)
        fsync_dir(target.parent)
        self.quarantined.add(user_id)
        self._problems.append((user_id, "set_aside"))
        log.warning(
            "user %s: data file was unreadable (%s); moved it to %s and started with empty data",
            user_id,
            reason,
            target,
        )

    def _forget_unknown_zone(self, files: _UserFiles, user: User) -> User:
        """Clear a time zone this tzdata does not know and keep it in
        ``preferences.zone_unknown`` (the bot asks the user again); written at once, so it
        is logged once, not at every read."""
        files.needs_disk()
        zone = user.timezone
        preferences = dataclasses.replace(user.preferences, zone_unknown=zone)
        user = dataclasses.replace(user, timezone=None, preferences=preferences)
        _write_profile(files, _encode_checked(user))
        self._problems.append((user.user_id, "zone_unknown"))
        log.warning(
            "user %s: time zone %r is unknown to this tzdata (renamed, or from a backup); "
            "cleared it, they will be asked for their zone again",
            user.user_id,
            zone,
        )
        return user

    def _quarantine_month(self, user_id: int, path: Path, reason: str) -> None:
        """Set an unreadable month of the diary (or of treatments and factors) aside; the
        rest of the user's data stays."""
        kind = "factors" if path.parent.name.endswith(FACTORS_SUFFIX) else "pain"
        moved = self._set_aside(user_id, path, f"-{kind}-{path.name}")
        if moved is None:
            return
        target, _ = moved
        fsync_dir(path.parent)
        fsync_dir(target.parent)
        self.quarantined.add(user_id)
        self._problems.append((user_id, "set_aside"))
        log.warning(
            "user %s: a diary file was unreadable (%s); moved it to %s, the rest is kept",
            user_id,
            reason,
            target,
        )

    def _shards(self) -> list[str]:
        try:
            with os.scandir(self.data_dir / USERS_DIR) as entries:
                return sorted(e.path for e in entries if e.is_dir() and len(e.name) == 2)
        except FileNotFoundError:
            return []

    def _users_in(self, shard: str) -> Iterator[tuple[int, Path]]:
        try:
            entries = list(os.scandir(shard))
        except FileNotFoundError:
            return
        for entry in entries:
            name = entry.name
            if name.startswith(".") or not name.endswith(".json"):
                continue
            try:
                yield int(name[:-5]), Path(entry.path)
            except ValueError:
                continue

    def _user_files(self) -> Iterator[tuple[int, Path]]:
        """(user id, path) of every user file, from directory listings only."""
        for shard in self._shards():
            yield from self._users_in(shard)

    def _scan_shard(self, shard: str) -> tuple[list[UserSnapshot], list[int]]:
        """Snapshots of one shard's users; ids of those to read the normal way."""
        found: list[UserSnapshot] = []
        slow: list[int] = []
        for user_id, path in self._users_in(shard):
            try:
                raw = path.read_bytes()
                if not raw.strip():
                    continue
                data, version = parse_user_file(raw)
                if version != schema.SCHEMA_VERSION:
                    slow.append(user_id)  # refused or migrated there
                    continue
                profiles = list(data.get(_PROFILE, {}).values())
                if not profiles:
                    continue
                user = _decode(User, profiles[0])
                if user.timezone is not None and not is_valid_zone(user.timezone):
                    slow.append(user_id)  # cleared there, under the user's lock
                    continue
                reminders = sorted(
                    (_decode(Reminder, d) for d in data.get(_REMINDERS, {}).values()),
                    key=lambda r: (r.created_at, r.id),
                )
                open_ones = sorted(
                    (
                        _decode(RoutineSession, d)
                        for d in data.get(_SESSIONS, {}).values()
                        if d.get("status") in _OPEN_STATUSES
                    ),
                    key=lambda s: (s.started_at, s.id),
                )
            except FileNotFoundError:
                continue
            except (OSError, CorruptUserFileError, CodecError):
                slow.append(user_id)
                continue
            found.append(UserSnapshot(user, reminders, open_ones[-1] if open_ones else None))
        return found, slow


# ---------------------------------------------------------------- per-file operations


def _decode(cls: type[T], doc: Any) -> T:
    """The dataclass a stored document holds; CodecError if its types are wrong or its
    values impossible (the store sets such a file aside, see ``storage.plausible``)."""
    obj = decode(cls, doc)
    check_possible(obj)
    return obj


def _encode_checked(obj: Any) -> dict[str, Any]:
    """Encode ``obj``, refusing values that would not decode again.

    A wrongly typed field (``days=("mon",)``) would otherwise be stored and make
    the whole user file look corrupt on the next read; better to fail the write.
    """
    doc = encode(obj)
    try:
        _decode(type(obj), doc)
    except CodecError as exc:
        raise ValueError(f"refusing to store an invalid {type(obj).__name__}: {exc}") from None
    return doc


class _NeedsDisk(Exception):  # noqa: N818 (a signal, not an error)
    """An operation tried on the event loop needs the disk: run it in a worker thread."""


class _BadDiaryMonth(CodecError):
    """A diary document of the wrong shape: the month file it came from is set aside."""

    def __init__(self, table: str, message: str) -> None:
        super().__init__(message)
        self.table = table


def _decode_month(cls: type[T], table: str, docs: Iterable[Any]) -> list[T]:
    try:
        return [_decode(cls, doc) for doc in docs]
    except CodecError as exc:
        raise _BadDiaryMonth(table, f"{table}: {exc}") from None


# A window of up to this many months is read month by month without listing the folder.
_LISTING_FREE_MONTHS = 3


def _months_between(since: date, until: date, table: Callable[[date], str]) -> list[str]:
    """The month tables from ``since``'s month to ``until``'s, inclusive."""
    months = []
    year, month = since.year, since.month
    while (year, month) <= (until.year, until.month):
        months.append(table(date(year, month, 1)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


# Where each kind of dated entry lives: (prefix of its month tables, the table of a date).
_MONTHLY: dict[type, tuple[str, Callable[[date], str]]] = {
    PainEntry: (DIARY_PREFIX, diary_table),
    FactorEntry: (FACTORS_PREFIX, factors_table),
}


def _entries_between(
    f: _UserFiles, cls: type[T], since: date | None, until: date | None
) -> list[T]:
    """The entries of ``cls`` (a diary's or treatments') that may fall in ``since``..``until``,
    reading only those months.

    Only documents whose stored ISO date (YYYY-MM-DD, which sorts as the dates do) is in
    range are decoded; a document whose date is not such a string is kept, so decoding
    still checks it.
    """
    prefix, table_of = _MONTHLY[cls]
    if since is not None and until is not None:
        months = _months_between(since, until, table_of)
        if len(months) > _LISTING_FREE_MONTHS:
            wanted = set(months)
            months = [name for name in f.months_on_disk(prefix) if name in wanted]
    else:
        low = table_of(since) if since is not None else ""
        high = table_of(until) if until is not None else "~"
        months = [name for name in f.months_on_disk(prefix) if low <= name <= high]
    low_day = since.isoformat() if since is not None else ""
    high_day = until.isoformat() if until is not None else "9999-99-99"
    entries: list[T] = []
    for name in months:
        docs = f.month(name).all()
        if since is not None or until is not None:
            docs = [
                doc
                for doc in docs
                if not (type(day := doc.get("local_date")) is str and len(day) == 10)
                or low_day <= day <= high_day
            ]
        entries += _decode_month(cls, name, docs)
    return entries


def _find_in_months(f: _UserFiles, prefix: str, entry_id: str) -> tuple[str, dict[str, Any]] | None:
    """(month table, document) of the entry with this id among the month tables of
    ``prefix`` (the diary's, or treatments'), newest month first."""
    for name in reversed(f.months_on_disk(prefix)):
        docs = f.month(name).search(where("id") == entry_id)
        if docs:
            return name, docs[0]
    return None


def _upsert_monthly(f: _UserFiles, name: str, doc: dict[str, Any], search: list[str]) -> None:
    """Put ``doc`` in month ``name``, replacing the entry with its id there or removing it
    from the other months of ``search`` (an entry whose date changed moves)."""
    for other in search:
        if other != name and f.month(other).contains(where("id") == doc["id"]):
            f.store._remove_from_month(f, other, doc["id"])
    _upsert(f.month(name), doc)


def _read_profile(f: _UserFiles) -> User | None:
    docs = f.table(_PROFILE).all()
    if not docs:
        return None
    user = _decode(User, docs[0])
    if user.timezone is not None and not is_valid_zone(user.timezone):
        user = f.store._forget_unknown_zone(f, user)
    return user


def _write_profile(f: _UserFiles, doc: dict[str, Any]) -> None:
    table = f.table(_PROFILE)
    existing = table.all()
    if existing:
        table.update(_replace_with(doc), doc_ids=[existing[0].doc_id])
    else:
        table.insert(doc)
    f.wrote_main()


def _read_reminders(f: _UserFiles) -> list[Reminder]:
    docs = f.table(_REMINDERS).all()
    return sorted((_decode(Reminder, d) for d in docs), key=lambda r: (r.created_at, r.id))


def _read_sessions(f: _UserFiles) -> list[RoutineSession]:
    docs = f.table(_SESSIONS).all()
    return sorted((_decode(RoutineSession, d) for d in docs), key=lambda s: (s.started_at, s.id))


def _get_by_id(f: _UserFiles, table: str, cls: type[T], item_id: str) -> T | None:
    docs = f.table(table).search(where("id") == item_id)
    return _decode(cls, docs[0]) if docs else None


def _upsert(table: Table, doc: dict[str, Any]) -> None:
    """Insert ``doc`` or replace (not merge into) the document with its id."""
    doc_ids = [d.doc_id for d in table.search(where("id") == doc["id"])]
    if doc_ids:
        table.update(_replace_with(doc), doc_ids=doc_ids)
    else:
        table.insert(doc)


def _upsert_main(f: _UserFiles, table: str, doc: dict[str, Any]) -> None:
    _upsert(f.table(table), doc)
    f.wrote_main()


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


__all__ = [
    "DIR_MODE",
    "Store",
    "UserProblem",
    "UserSnapshot",
    "check_data_dir",
    "diary_dir",
    "diary_file_path",
    "diary_on_disk",
    "new_id",
    "user_file_path",
]
