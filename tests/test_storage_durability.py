"""Acknowledged data survives crashes, and only one bot process owns a data directory."""

from __future__ import annotations

import asyncio
import errno
import json
import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tinydb import TinyDB

import storage.atomic
from domain.models import PainEntry, User
from storage import (
    SCHEMA_VERSION,
    AtomicJSONStorage,
    DataDirGoneError,
    DataDirLockedError,
    DiskError,
    Store,
    diary_on_disk,
    new_id,
    user_file_path,
)

REPO = Path(__file__).resolve().parents[1]

HOLD_LOCK = """
import asyncio, sys
from storage import Store

async def main():
    store = await Store.open(sys.argv[1])
    print("ready", flush=True)
    await asyncio.sleep(60)

asyncio.run(main())
"""

WRITE_FOREVER = """
import asyncio, sys
from datetime import UTC, datetime
from domain.models import PainEntry
from storage import Store, new_id

async def main():
    store = await Store.open(sys.argv[1])
    n = 0
    while True:
        n += 1
        now = datetime.now(UTC)
        entry = PainEntry(id=new_id(), recorded_at=now, local_date=now.date(), level=n % 11)
        await store.record_pain(1 + n % 3, entry)
        print(entry.id, flush=True)

asyncio.run(main())
"""


def _spawn(script: str, data_dir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )


def _kill(proc: subprocess.Popen[str]) -> str:
    """SIGKILL the child (no clean-up runs) and return what it printed."""
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=30)
    return out


def _open(data_dir: Path) -> Store:
    return asyncio.run(Store.open(data_dir))


def _close(store: Store) -> None:
    asyncio.run(store.close())


def test_a_second_process_is_refused_with_the_holders_pid(tmp_path):
    data = tmp_path / "data"
    holder = _spawn(HOLD_LOCK, data)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DataDirLockedError) as refused:
            _open(data)
        message = str(refused.value)
        assert f"DATA_DIR {data} is in use by another backcare-bot process" in message
        assert f"pid {holder.pid}, started " in message
    finally:
        _kill(holder)


def test_a_lock_left_by_a_killed_process_does_not_block_a_restart(tmp_path):
    data = tmp_path / "data"
    holder = _spawn(HOLD_LOCK, data)
    try:
        assert holder.stdout.readline().strip() == "ready"
    finally:
        _kill(holder)
    assert str(holder.pid) in (data / "backcare.lock").read_text()  # the stale file is still there
    store = _open(data)
    try:
        assert json.loads((data / "backcare.lock").read_text())["pid"] == os.getpid()
    finally:
        _close(store)


async def test_a_second_store_in_the_same_process_is_refused(tmp_path):
    first = await Store.open(tmp_path / "data")
    try:
        with pytest.raises(DataDirLockedError, match=f"pid {os.getpid()}"):
            await Store.open(tmp_path / "data")
    finally:
        await first.close()
    await (await Store.open(tmp_path / "data")).close()  # released on close


def test_every_acknowledged_write_survives_sigkill(tmp_path):
    data = tmp_path / "data"
    rng = random.Random(20250301)
    acknowledged: list[str] = []
    for _ in range(10):
        writer = _spawn(WRITE_FOREVER, data)
        first = writer.stdout.readline()
        assert first.endswith("\n"), writer.stderr.read()
        time.sleep(rng.uniform(0.0, 0.15))
        out = first + _kill(writer)
        # A line is an acknowledgement only if it was printed completely.
        lines = out.split("\n")[:-1]
        acknowledged += [line for line in lines if line]

    store = _open(data)
    try:

        async def stored_ids() -> Counter[str]:
            found: Counter[str] = Counter()
            for uid in (1, 2, 3):
                found.update(e.id for e in await store.pain_entries(uid))
            return found

        found = asyncio.run(stored_ids())
        assert store.quarantined == set()
    finally:
        _close(store)
    assert len(acknowledged) >= 10
    assert len(set(acknowledged)) == len(acknowledged)
    assert all(found[i] == 1 for i in acknowledged), [i for i in acknowledged if found[i] != 1]
    assert not list(data.rglob("*.tmp"))  # half-written temp files were swept at open


def test_a_failed_write_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.table("pain").insert({"id": "a"})
    before = path.read_text()

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.atomic.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space"):
        db.table("pain").insert({"id": "b"})
    monkeypatch.undo()

    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["db.json"]  # no temp file left behind
    reopened = TinyDB(path, storage=AtomicJSONStorage)
    assert [d["id"] for d in reopened.table("pain").all()] == ["a"]


def test_reads_come_from_memory_but_are_fresh_copies(tmp_path):
    path = tmp_path / "db.json"
    storage_ = AtomicJSONStorage(path)
    assert storage_.read() is None and not path.exists()
    storage_.write({"t": {"1": {"x": 1}}})
    first = storage_.read()
    first["t"]["1"]["x"] = 99  # TinyDB mutates what read() returns
    assert storage_.read() == {"t": {"1": {"x": 1}}}
    assert json.loads(path.read_text()) == {"t": {"1": {"x": 1}}}
    assert oct(path.stat().st_mode & 0o777) == "0o600"


async def test_a_write_is_on_disk_when_the_call_returns(tmp_path):
    store = await Store.open(tmp_path / "data")
    try:
        now = datetime.now(UTC)
        entry = PainEntry(id=new_id(), recorded_at=now, local_date=now.date(), level=3)
        await store.record_pain(5, entry)
        # What is on disk right now, as a crash would leave it (no close).
        shutil.copytree(store.data_dir, tmp_path / "after-crash")
    finally:
        await store.close()
    raw = json.loads(user_file_path(tmp_path / "after-crash", 5).read_text())
    assert raw["_meta"] == {"1": {"schema": SCHEMA_VERSION}}
    (month,) = diary_on_disk(tmp_path / "after-crash", 5).values()
    assert [d["id"] for d in month.values()] == [entry.id]
    reopened = await Store.open(tmp_path / "after-crash")
    try:
        assert [e.id for e in await reopened.pain_entries(5)] == [entry.id]
    finally:
        await reopened.close()


# ------------------------------------------------------- a disk that fails or goes away


def _report(level: int = 4) -> PainEntry:
    now = datetime.now(UTC)
    return PainEntry(id=new_id(), recorded_at=now, local_date=now.date(), level=level)


async def test_a_full_disk_refuses_the_write_logs_once_and_recovers_by_itself(
    tmp_path, monkeypatch, caplog
):
    store = await Store.open(tmp_path / "data")
    try:
        kept = _report()
        await store.record_pain(1, kept)

        def disk_full(fd, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(storage.atomic.os, "fdopen", _fdopen_failing_with(disk_full))
        with caplog.at_level(logging.DEBUG, logger="storage.store"):
            for _ in range(3):  # three people report while the disk is full
                with pytest.raises(DiskError, match="No space left on device.*free some space"):
                    await store.record_pain(1, _report())
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(errors) == 1 and errors[0].exc_info is None  # one line, no traceback
        assert not list(store.data_dir.rglob("*.tmp"))
        monkeypatch.undo()
        with caplog.at_level(logging.INFO, logger="storage.store"):
            assert [e.id for e in await store.pain_entries(1)] == [kept.id]  # none acknowledged
            await store.record_pain(1, after := _report())  # space freed: it simply works
        assert [r.getMessage().startswith("Storage works again") for r in caplog.records] == [
            False,
            True,
        ]
        assert [e.id for e in await store.pain_entries(1)] == [kept.id, after.id]
    finally:
        await store.close()


def _fdopen_failing_with(fail):
    """``os.fdopen`` whose file's ``write`` fails as a full disk does."""
    real = os.fdopen

    def fdopen(fd, *args, **kwargs):
        handle = real(fd, *args, **kwargs)

        class Failing:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                handle.close()

            def write(self, data):
                fail(fd, data)

            def flush(self):
                handle.flush()

            def fileno(self):
                return handle.fileno()

        return Failing()

    return fdopen


async def test_a_deleted_data_dir_refuses_writes_and_a_recreated_one_works(tmp_path, caplog):
    data = tmp_path / "data"
    store = await Store.open(data)
    try:
        await store.save_user(User(user_id=1, chat_id=1, first_name="Ana"))
        shutil.rmtree(data)
        with caplog.at_level(logging.WARNING, logger="storage.store"):
            with pytest.raises(DataDirGoneError, match="is gone"):
                await store.record_pain(1, _report())
            with pytest.raises(DataDirGoneError):
                await store.get_user(1)  # what the cache still holds is gone from disk
        assert not data.exists()  # never recreated by a write nobody would back up
        assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 1

        data.mkdir(mode=0o700)  # the operator recreates it (or restores a backup)
        assert await store.get_user(1) is None  # starts empty, does not invent data
        await store.record_pain(1, entry := _report())
        assert [e.id for e in await store.pain_entries(1)] == [entry.id]
        assert (data / "meta.json").exists() and (data / "backcare.lock").exists()
        with pytest.raises(DataDirLockedError):
            await Store.open(data)  # the new folder is ours again
    finally:
        await store.close()


async def test_a_write_that_fails_mid_way_leaves_the_old_file_and_is_retried(tmp_path, monkeypatch):
    store = await Store.open(tmp_path / "data")
    try:
        await store.save_user(User(user_id=1, chat_id=1, first_name="Ana"))
        path = user_file_path(store.data_dir, 1)
        before = path.read_bytes()

        def crash(*args, **kwargs):
            raise OSError(errno.EIO, "Input/output error")

        monkeypatch.setattr(storage.atomic.os, "replace", crash)
        with pytest.raises(DiskError, match="I/O"):
            await store.update_user(1, first_name="Bo")
        assert path.read_bytes() == before
        monkeypatch.undo()
        assert (await store.get_user(1)).first_name == "Ana"  # memory matches the disk
        await store.update_user(1, first_name="Bo")
        assert (await store.get_user(1)).first_name == "Bo"
    finally:
        await store.close()
