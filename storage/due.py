"""What is due when: a compact index of (instant, kind, user, ref), kept with the data.

Storage is the truth (reminders, settings, sessions); this index only says when each
thing is next due, so that start-up does not have to read every user to find out. It
lives in ``DATA_DIR/due/``: 256 shard files ``NNNN.json`` (by ``user_id % 256``), each
replaced atomically, and a ``complete`` marker.

The marker means "the shards on disk hold every item". It is removed (synchronously,
before anything else happens) as soon as an item changes in memory, and by the caller
(:meth:`DueIndex.unseal`) before user data changes that the index does not hold yet;
the caller writes it again (:meth:`DueIndex.seal`) after a flush only when no such change
is under way. A crash while changes are still in memory or half-made therefore leaves no
marker, and the next start rebuilds the index from storage instead of trusting a stale
one. Writes are behind: the caller flushes dirty shards on a short timer and on
close, so a fan-out of thousands of reminders costs a few shard writes, not thousands.

An item handed out by :meth:`DueIndex.pop_due` stays on disk until :meth:`done` (or a
new instant for the same key) replaces it: a crash while it is being handled fires it
again after the restart (handlers are idempotent), it is never lost.

In memory: per shard, each user's items (``{user: {(kind, ref): instant}}``, so a user's
items are found without scanning the shard), and a heap of (instant, key) with lazy
deletion (an entry whose instant no longer matches its key's is skipped when popped).
"""

from __future__ import annotations

import heapq
import json
import logging
import os
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from storage.atomic import atomic_write, ensure_private_dir, fsync_dir
from storage.layout import START_FREE_BYTES, disk_error, space_for

logger = logging.getLogger(__name__)

DUE_DIR = "due"
SHARDS = 256
COMPLETE_MARKER = "complete"
_FORMAT = 1

Key = tuple[str, int, str]  # (kind, user_id, ref)
UserItems = dict[tuple[str, str], float]  # (kind, ref) -> instant (POSIX seconds)


class DueItem(NamedTuple):
    """Something due at ``at`` (UTC): ``kind`` says which feature, ``ref`` what exactly."""

    at: datetime
    kind: str
    user_id: int
    ref: str = ""

    @property
    def key(self) -> Key:
        return (self.kind, self.user_id, self.ref)


def _ts(at: datetime) -> float:
    if at.tzinfo is None:
        raise ValueError(f"a due instant must carry its time zone: {at!r}")
    return at.timestamp()


def _item(ts: float, key: Key) -> DueItem:
    return DueItem(datetime.fromtimestamp(ts, UTC), *key)


class DueIndex:
    """The index of one DATA_DIR; create it with :meth:`open`. Not thread-safe: one loop."""

    def __init__(self, data_dir: Path | str) -> None:
        self.folder = Path(data_dir) / DUE_DIR
        self.complete = False  # every item of every user is in memory (built or loaded)
        self._shards: list[dict[int, UserItems]] = [{} for _ in range(SHARDS)]
        self._heap: list[tuple[float, Key]] = []
        self._count = 0  # items held (len(self) without walking every user)
        self._in_flight: set[Key] = set()
        self._dirty: set[int] = set()
        self._marker_on_disk = False

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, data_dir: Path | str) -> DueIndex:
        """Load the index if it was complete on disk; else an empty one to :meth:`build`."""
        index = cls(data_dir)
        try:
            ensure_private_dir(index.folder)
        except OSError as exc:
            raise disk_error(Path(data_dir), exc, START_FREE_BYTES) from None
        if not (index.folder / COMPLETE_MARKER).exists():
            return index
        try:
            for shard in range(SHARDS):
                index._load_shard(shard)
        except (OSError, ValueError, TypeError, KeyError) as error:
            logger.warning("Due index in %s is unreadable (%s); rebuilding it", index.folder, error)
            return cls(data_dir)
        heapq.heapify(index._heap)
        index.complete = True
        index._marker_on_disk = True
        return index

    def _load_shard(self, shard: int) -> None:
        try:
            raw = self._shard_path(shard).read_bytes()
        except FileNotFoundError:
            return  # a shard with no items was never written
        data = json.loads(raw)
        if data.get("format") != _FORMAT:
            raise ValueError(f"shard {shard}: unknown format {data.get('format')!r}")
        users = self._shards[shard]
        for ts, kind, user_id, ref in data["items"]:
            kind, user_id, ts = sys.intern(kind), int(user_id), float(ts)  # one str per kind
            users.setdefault(user_id, {})[(kind, ref)] = ts
            self._heap.append((ts, (kind, user_id, ref)))
            self._count += 1

    def mark_built(self) -> None:
        """Every user's items are in: every shard is written at the next flush, then the
        marker."""
        self.complete = True
        self._dirty.update(range(SHARDS))

    # ------------------------------------------------------------------ changes

    def put(self, item: DueItem) -> None:
        """Add the item, or move its key (kind, user, ref) to the item's instant."""
        key, ts = item.key, _ts(item.at)
        items = self._shards[item.user_id % SHARDS].setdefault(item.user_id, {})
        old = items.get((item.kind, item.ref))
        was_in_flight = key in self._in_flight
        self._in_flight.discard(key)
        items[(item.kind, item.ref)] = ts
        self._count += old is None
        if old != ts or was_in_flight:
            heapq.heappush(self._heap, (ts, key))
        self._changed(item.user_id)

    def remove(self, kind: str, user_id: int, ref: str = "") -> bool:
        """Drop the item of this key; False if there was none."""
        self._in_flight.discard((kind, user_id, ref))
        shard = self._shards[user_id % SHARDS]
        items = shard.get(user_id)
        if items is None or items.pop((kind, ref), None) is None:
            return False
        self._count -= 1
        if not items:
            del shard[user_id]
        self._changed(user_id)
        return True

    def remove_user(
        self, user_id: int, kinds: Iterable[str] | None = None, ref_prefix: str = ""
    ) -> int:
        """Drop the user's items (of ``kinds``, with a ref starting with ``ref_prefix``)."""
        wanted = None if kinds is None else set(kinds)
        shard = self._shards[user_id % SHARDS]
        items = shard.get(user_id)
        if not items:
            return 0
        gone = [
            (kind, ref)
            for kind, ref in items
            if (wanted is None or kind in wanted) and ref.startswith(ref_prefix)
        ]
        for kind, ref in gone:
            del items[(kind, ref)]
            self._in_flight.discard((kind, user_id, ref))
            self._count -= 1
        if not items:
            del shard[user_id]
        if gone:
            self._changed(user_id)
        return len(gone)

    def _changed(self, user_id: int) -> None:
        self._dirty.add(user_id % SHARDS)
        self.unseal()  # before anything else: a crash from now on must find no marker

    def unseal(self) -> None:
        """Remove the marker: the data may be about to change in ways the index does not
        hold yet (a crash from now on rebuilds it). Costs nothing when it is gone already."""
        if self._marker_on_disk:
            (self.folder / COMPLETE_MARKER).unlink(missing_ok=True)
            fsync_dir(self.folder)
            self._marker_on_disk = False

    # ------------------------------------------------------------------ reading

    def items_of(self, user_id: int) -> list[DueItem]:
        """The user's items, earliest first."""
        items = self._shards[user_id % SHARDS].get(user_id, {})
        return sorted(_item(ts, (kind, user_id, ref)) for (kind, ref), ts in items.items())

    def earliest(self) -> datetime | None:
        """The instant of the next item not yet handed out, if any."""
        self._drop_stale_top()
        return datetime.fromtimestamp(self._heap[0][0], UTC) if self._heap else None

    def pop_due(self, now: datetime, limit: int) -> list[DueItem]:
        """Up to ``limit`` items due at ``now``, earliest first, marked as in flight."""
        now_ts, due = _ts(now), []
        while len(due) < limit:
            self._drop_stale_top()
            if not self._heap or self._heap[0][0] > now_ts:
                break
            ts, key = heapq.heappop(self._heap)
            self._in_flight.add(key)
            due.append(_item(ts, key))
        return due

    def take(self, item: DueItem) -> bool:
        """Hand out this very item ahead of its time (as :meth:`pop_due` would); False if
        the index does not hold it at that instant."""
        key = item.key
        if key in self._in_flight or self._instant(key) != _ts(item.at):
            return False
        self._in_flight.add(key)  # its heap entry is now stale
        return True

    def done(self, item: DueItem) -> None:
        """The item was handled: drop it, unless its key was given a new instant meanwhile."""
        key = item.key
        if key not in self._in_flight:
            return  # re-put (a new instant) or removed while in flight
        self._in_flight.discard(key)
        if self._instant(key) == _ts(item.at):
            self.remove(*key)

    def _drop_stale_top(self) -> None:
        heap = self._heap
        while heap:
            ts, key = heap[0]
            if self._instant(key) == ts and key not in self._in_flight:
                return
            heapq.heappop(heap)
        # Stale entries pile up when items move often; rebuild the heap when most are.
        if len(heap) > 4 * len(self) + 1024:
            self._reheap()

    def _reheap(self) -> None:
        self._heap = [
            (ts, key)
            for shard in self._shards
            for user_id, items in shard.items()
            for (kind, ref), ts in items.items()
            if (key := (kind, user_id, ref)) not in self._in_flight
        ]
        heapq.heapify(self._heap)

    def _instant(self, key: Key) -> float | None:
        items = self._shards[key[1] % SHARDS].get(key[1])
        return None if items is None else items.get((key[0], key[2]))

    def __len__(self) -> int:
        return self._count

    # ------------------------------------------------------------------ disk

    @property
    def dirty(self) -> bool:
        return bool(self._dirty)

    def take_dirty(self) -> dict[int, list[list[Any]]]:
        """The dirty shards' items, copied now (on the loop), to :meth:`write` anywhere."""
        out = {
            shard: [
                [ts, kind, user_id, ref]
                for user_id, user_items in self._shards[shard].items()
                for (kind, ref), ts in user_items.items()
            ]
            for shard in sorted(self._dirty)
        }
        self._dirty.clear()
        return out

    def write(self, shards: dict[int, list[list[Any]]]) -> None:
        """Write shards taken by :meth:`take_dirty` (from a worker thread: encoding a shard
        of a large index takes a millisecond or so, which the loop need not wait for).

        A shard without items and without a file is skipped: a missing shard reads as
        empty, and a first start with few users then writes a few files, not 256.
        A write that fails raises :class:`DiskError` naming the space needed.
        """
        payloads = {
            shard: json.dumps({"format": _FORMAT, "items": items}, separators=(",", ":")).encode()
            for shard, items in shards.items()
            if items or self._shard_path(shard).exists()
        }
        try:
            for shard, data in payloads.items():
                atomic_write(self._shard_path(shard), data, sync_dir=False)
            if payloads:
                fsync_dir(self.folder)
        except OSError as exc:
            # Never less than a start needs: freeing only the index's share would leave a
            # bot that cannot start again.
            needed = max(space_for(map(len, payloads.values())), START_FREE_BYTES)
            raise disk_error(self.folder.parent, exc, needed) from None

    def write_failed(self, shards: Iterable[int]) -> None:
        """A :meth:`write` failed: these shards are written again at the next flush."""
        self._dirty.update(shards)

    def seal(self) -> bool:
        """On the loop, after :meth:`write`: the marker, if the shards on disk are the
        whole index (complete, and nothing changed since they were taken)."""
        if self._marker_on_disk:
            return True
        if not self.complete or self._dirty:
            return False
        try:
            atomic_write(self.folder / COMPLETE_MARKER, b"")
        except OSError as exc:
            raise disk_error(self.folder.parent, exc, START_FREE_BYTES) from None
        self._marker_on_disk = True
        return True

    def flush(self) -> None:
        """Write every dirty shard, then the marker, here and now (close, tests)."""
        self.write(self.take_dirty())
        self.seal()

    def _shard_path(self, shard: int) -> Path:
        return self.folder / f"{shard:04d}.json"


def remove_index(data_dir: Path | str) -> None:
    """Delete the index on disk (it is rebuilt at the next start)."""
    folder = Path(data_dir) / DUE_DIR
    if not folder.is_dir():
        return
    (folder / COMPLETE_MARKER).unlink(missing_ok=True)
    for entry in os.scandir(folder):
        if entry.is_file():
            Path(entry.path).unlink(missing_ok=True)
