"""The write-ahead journal: records, torn tails, group commit, checkpoints and replay."""

from __future__ import annotations

import asyncio
import json
import shutil
from datetime import UTC, datetime

import pytest

import storage.store
from domain.models import PainEntry, User
from storage import StorageError, Store, diary_on_disk, new_id, user_file_path
from storage.journal import Journal, encode_record, journal_files, read_records


def entry(level: int = 4) -> PainEntry:
    now = datetime.now(UTC)
    return PainEntry(id=new_id(), recorded_at=now, local_date=now.date(), level=level)


def test_records_round_trip_and_a_torn_tail_is_ignored(tmp_path):
    path = tmp_path / "journal-00000001.log"
    text = json.dumps({"profile": {"1": {"note": "caf\u00e9 \u2028 line"}}}, ensure_ascii=False)
    good = encode_record(7, text) + encode_record(8, None)
    path.write_bytes(good + encode_record(9, "{}")[:-5])  # the crash came mid-write
    assert read_records(path) == [(7, text), (8, None)]


def test_a_damaged_record_stops_the_replay_of_its_file(tmp_path, caplog):
    path = tmp_path / "journal-00000001.log"
    damaged = bytearray(encode_record(2, '{"a":1}'))
    damaged[12] ^= 1  # one flipped bit: the checksum no longer matches
    path.write_bytes(encode_record(1, "{}") + bytes(damaged) + encode_record(3, "{}"))
    assert read_records(path) == [(1, "{}")]
    assert "record 2 is damaged" in caplog.text


def test_journal_files_are_listed_oldest_first(tmp_path):
    for name in ("journal-00000010.log", "journal-00000002.log", "journal-x.log", "other.log"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in journal_files(tmp_path)] == [
        "journal-00000002.log",
        "journal-00000010.log",
    ]


async def test_concurrent_writes_share_one_fdatasync(tmp_path, monkeypatch):
    journal = Journal(tmp_path)
    journal.open_sync()
    syncs = []
    real = storage.journal.os.fdatasync
    monkeypatch.setattr(storage.journal.os, "fdatasync", lambda fd: syncs.append(real(fd)))
    await asyncio.gather(*(journal.submit(uid, "{}") for uid in range(50)))
    assert len(read_records(journal.path)) == 50
    assert 1 <= len(syncs) <= 2  # the first record's batch, then everyone who queued meanwhile
    journal.close_sync()


async def test_a_failed_journal_write_is_reported_and_undone(tmp_path, monkeypatch):
    store = await Store.open(tmp_path / "data")
    try:
        await store.save_user(User(user_id=1, chat_id=1, first_name="Ana"))

        def broken(fd):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(storage.journal.os, "fdatasync", broken)
        with pytest.raises(StorageError, match="No space left"):
            await store.update_user(1, first_name="Bo")
        monkeypatch.undo()
        # Memory went back to what is on disk, and the journal has no half record.
        assert (await store.get_user(1)).first_name == "Ana"
        assert [r[0] for r in read_records(store._journal.path)] == [1]
        await store.update_user(1, first_name="Cy")
    finally:
        await store.close()
    reopened = await Store.open(tmp_path / "data")
    try:
        assert (await reopened.get_user(1)).first_name == "Cy"
    finally:
        await reopened.close()


async def test_a_crash_before_the_checkpoint_loses_nothing_acknowledged(tmp_path):
    store = await Store.open(tmp_path / "data")
    written = [entry(level) for level in range(6)]
    try:
        for uid, item in enumerate(written):
            await store.record_pain(uid % 3, item)
        await store.checkpoint()  # some of it reaches the user files...
        late = entry(9)
        await store.record_pain(1, late)  # ...and this only the journal
        await store.forget_user(2)
        shutil.copytree(store.data_dir, tmp_path / "crashed")  # the state a kill leaves
    finally:
        await store.close()
    (tmp_path / "crashed" / "backcare.lock").unlink()
    reopened = await Store.open(tmp_path / "crashed")
    try:
        assert [e.id for e in await reopened.pain_entries(0)] == [written[0].id, written[3].id]
        assert [e.id for e in await reopened.pain_entries(1)] == [
            written[1].id,
            written[4].id,
            late.id,
        ]
        assert await reopened.pain_entries(2) == []
        assert await reopened.user_ids() == [0, 1]
        assert len(journal_files(reopened.data_dir)) == 1  # replayed, then a fresh one
    finally:
        await reopened.close()


async def test_a_big_journal_triggers_a_checkpoint_by_itself(tmp_path, monkeypatch):
    monkeypatch.setattr(storage.store, "CHECKPOINT_BYTES", 2_000)
    store = await Store.open(tmp_path / "data")
    try:
        for uid in range(1, 30):
            await store.record_pain(uid, entry())
        for _ in range(100):
            if user_file_path(store.data_dir, 1).exists():
                break
            await asyncio.sleep(0.01)
        assert user_file_path(store.data_dir, 1).exists()
        assert store._journal.size < 2_000 * 2
    finally:
        await store.close()
    assert journal_files(tmp_path / "data") == []  # a clean close leaves no journal
    for uid in range(1, 30):
        assert user_file_path(tmp_path / "data", uid).exists()
        (month,) = diary_on_disk(tmp_path / "data", uid).values()
        assert len(month) == 1


async def test_forgetting_a_user_removes_their_records_from_the_journal(tmp_path):
    store = await Store.open(tmp_path / "data")
    try:
        await store.save_user(User(user_id=5, chat_id=5, first_name="Zelda-the-unique"))
        await store.save_user(User(user_id=6, chat_id=6, first_name="Other"))
        await store.forget_user(5)
        leftovers = b"".join(p.read_bytes() for p in journal_files(store.data_dir))
        assert b"Zelda-the-unique" not in leftovers
        assert not user_file_path(store.data_dir, 5).exists()
        assert (await store.get_user(6)).first_name == "Other"
    finally:
        await store.close()


async def test_a_checkpoint_that_fails_keeps_the_journal_and_leaves_no_temp_files(
    tmp_path, monkeypatch
):
    store = await Store.open(tmp_path / "data")
    try:
        await store.save_user(User(user_id=1, chat_id=1, first_name="Ana"))
        await store.checkpoint()
        await store.update_user(1, first_name="Bo")

        def broken(path, data, **kwargs):
            raise OSError(5, "Input/output error")

        monkeypatch.setattr(storage.store, "atomic_write", broken)
        with pytest.raises(OSError, match="Input/output"):
            await store.checkpoint()
        monkeypatch.undo()
        assert json.loads(user_file_path(store.data_dir, 1).read_text())  # the old file, intact
        assert not list(store.data_dir.rglob("*.tmp"))
        assert (await store.get_user(1)).first_name == "Bo"
        shutil.copytree(store.data_dir, tmp_path / "crashed")
    finally:
        await store.close()
    (tmp_path / "crashed" / "backcare.lock").unlink()
    for data in (tmp_path / "data", tmp_path / "crashed"):  # after close, and after a crash
        reopened = await Store.open(data)
        try:
            assert (await reopened.get_user(1)).first_name == "Bo"
        finally:
            await reopened.close()


async def test_closing_while_a_checkpoint_is_due_leaves_no_journal_behind(tmp_path):
    store = await Store.open(tmp_path / "data")
    await store.record_pain(1, entry())
    await asyncio.sleep(0.05)  # nothing in flight: close() will not yield before its checkpoint
    store._checkpoint_task = asyncio.ensure_future(store._background_checkpoint())
    await store.close()  # the due checkpoint must not reopen the journal after this
    await asyncio.sleep(0.1)
    assert journal_files(tmp_path / "data") == []
    assert store._journal.closed


# ------------------------------------------------------------------ patch records


async def test_a_record_holds_the_change_not_the_whole_diary(tmp_path):
    store = await Store.open(tmp_path / "data")
    try:
        await store.save_user(User(user_id=1, chat_id=1))
        await store.record_pain_many(1, [entry(i % 11) for i in range(500)])
        before = store._journal.size
        await store.record_pain(1, entry(5))
        record = store._journal.size - before
        assert record < 600  # one entry; the whole file is ~60 KB
        assert len(json.dumps(await store.export_user(1))) > 50_000
    finally:
        await store.close()
    reopened = await Store.open(tmp_path / "data")
    try:
        assert len(await reopened.pain_entries(1)) == 501
    finally:
        await reopened.close()


async def test_a_journal_of_whole_file_records_from_before_patches_is_replayed(tmp_path):
    data = tmp_path / "data"
    store = await Store.open(data)
    try:
        await store.save_user(User(user_id=4, chat_id=4, first_name="old"))
    finally:
        await store.close()
    path = user_file_path(data, 4)
    whole = json.loads(path.read_text())
    profile = next(iter(whole["profile"].values()))
    profile["first_name"] = "from the journal"
    # An old-style record (the whole new file), then a patch on top of it.
    patch = {"profile": {"1": {**profile, "timezone": "Asia/Tokyo"}}}
    (data / "journal-00000001.log").write_bytes(
        encode_record(4, json.dumps(whole)) + encode_record(4, "+" + json.dumps(patch))
    )
    reopened = await Store.open(data)
    try:
        user = await reopened.get_user(4)
        assert (user.first_name, user.timezone) == ("from the journal", "Asia/Tokyo")
    finally:
        await reopened.close()


async def test_store_matches_a_model_through_evictions_checkpoints_and_crashes(tmp_path):
    """Random operations on a store with a tiny cache, checked against a plain dict.

    Evicted users are rebuilt from file + journaled changes, checkpoints run in between
    (also while other writes wait), and crash copies of DATA_DIR must replay to the same
    state.
    """
    import random

    rng = random.Random(20261125)
    model: dict[int, dict[str, int]] = {}  # uid -> {entry id: level}
    names: dict[int, str] = {}
    data = tmp_path / "data"
    store = await Store.open(data, cache_size=2)

    async def check(s: Store) -> None:
        assert await s.user_ids() == sorted(names)
        for uid in range(1, 8):
            user = await s.get_user(uid)
            assert (user.first_name if user else None) == names.get(uid)
            got = {e.id: e.level for e in await s.pain_entries(uid)}
            assert got == model.get(uid, {})

    try:
        for step in range(400):
            uid = rng.randint(1, 6)
            action = rng.random()
            if action < 0.45:
                if uid not in names:
                    names[uid] = f"n{step}"
                    await store.save_user(User(user_id=uid, chat_id=uid, first_name=names[uid]))
                item = entry(rng.randint(0, 10))
                await store.record_pain(uid, item)
                model.setdefault(uid, {})[item.id] = item.level
            elif action < 0.6 and model.get(uid):
                gone = rng.choice(sorted(model[uid]))
                assert await store.delete_pain(uid, gone)
                del model[uid][gone]
            elif action < 0.7 and uid in names:
                names[uid] = f"r{step}"
                await store.update_user(uid, first_name=names[uid])
            elif action < 0.75:
                await store.forget_user(uid)
                names.pop(uid, None)
                model.pop(uid, None)
            elif action < 0.85:
                # A checkpoint while writes of another user wait for the journal.
                items = [entry(rng.randint(0, 10)) for _ in range(3)]
                writes = [asyncio.ensure_future(store.record_pain(7, i)) for i in items]
                await asyncio.sleep(0)
                await asyncio.gather(store.checkpoint(), *writes)
                model.setdefault(7, {}).update((i.id, i.level) for i in items)
                names[7] = None
            elif action < 0.9:
                crash = tmp_path / f"crash-{step}"
                shutil.copytree(data, crash)
                (crash / "backcare.lock").unlink()
                copy = await Store.open(crash)
                try:
                    await check(copy)
                finally:
                    await copy.close()
                shutil.rmtree(crash)
            elif action < 0.93:
                await store.close()
                store = await Store.open(data, cache_size=2)
            if step % 25 == 0:
                await check(store)
        await check(store)
    finally:
        await store.close()


async def test_a_change_still_in_flight_when_a_checkpoint_starts_is_not_lost(tmp_path, monkeypatch):
    """The checkpoint must write what the journal will hold, not the cached state.

    Here user 1's change is queued behind a slow journal write of user 2 when the
    checkpoint rotates the journal: the cached copy of user 1 does not have it yet.
    """
    store = await Store.open(tmp_path / "data", cache_size=2)
    slow = Journal._append_sync

    def slow_append(self, data):
        import time

        time.sleep(0.2)
        slow(self, data)

    try:
        first, late = entry(1), entry(2)
        await store.record_pain(1, first)
        monkeypatch.setattr(Journal, "_append_sync", slow_append)
        other = asyncio.ensure_future(store.record_pain(2, entry(3)))
        await asyncio.sleep(0.05)  # user 2's batch is being written
        change = asyncio.ensure_future(store.record_pain(1, late))
        await asyncio.sleep(0.01)  # user 1's record waits for the next batch
        await asyncio.gather(store.checkpoint(), other, change)
        monkeypatch.setattr(Journal, "_append_sync", slow)
        for uid in (3, 4):  # push user 1 out of the cache: read back from file + journal
            await store.save_user(User(user_id=uid, chat_id=uid))
        assert 1 not in store._open_files
        assert [e.id for e in await store.pain_entries(1)] == [first.id, late.id]
    finally:
        await store.close()
    reopened = await Store.open(tmp_path / "data")
    try:
        assert [e.id for e in await reopened.pain_entries(1)] == [first.id, late.id]
    finally:
        await reopened.close()


async def test_a_user_read_while_a_checkpoint_writes_their_file_has_every_change(
    tmp_path, monkeypatch
):
    store = await Store.open(tmp_path / "data", cache_size=2)
    write = storage.store.atomic_write

    def slow_write(*args, **kwargs):
        import time

        time.sleep(0.1)
        write(*args, **kwargs)

    try:
        first = entry(6)
        await store.record_pain(1, first)
        for uid in (2, 3):  # user 1 leaves the cache; their change is only in the journal
            await store.save_user(User(user_id=uid, chat_id=uid))
        assert 1 not in store._open_files
        monkeypatch.setattr(storage.store, "atomic_write", slow_write)
        checkpoint = asyncio.ensure_future(store.checkpoint())
        await asyncio.sleep(0.05)  # the checkpoint is writing user 1's file
        assert store._checkpointing and not store._dirty
        assert [e.id for e in await store.pain_entries(1)] == [first.id]
        await checkpoint
    finally:
        await store.close()
