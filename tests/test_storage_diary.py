"""The diary split by month (schema 2): each month in a file of its own, read when needed.

What matters: a pain report reads the months it needs, not the diary, and rewrites only
its month; every verb still sees the whole diary; nothing is lost by the migration from
one file, by erasing a user, or by any sequence of writes, evictions, restarts and
crashes (hypothesis).
"""

from __future__ import annotations

import asyncio
import dataclasses
import errno
import json
import shutil
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storage.atomic
import storage.store
from domain.models import PainEntry, User
from domain.preferences import Preferences
from storage import (
    DataDirError,
    DiskError,
    Store,
    diary_dir,
    diary_file_path,
    diary_on_disk,
    new_id,
    user_file_path,
)
from storage.codec import encode
from storage.schema import SCHEMA_VERSION

# Entries a day apart from late November into February: four months, two years.
DAYS = [date(2025, 11, 28) + timedelta(days=n) for n in range(0, 80, 3)]


def entry(day: date, level: int = 4, **kw) -> PainEntry:
    at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    return PainEntry(**{"id": new_id(), "recorded_at": at, "local_date": day, "level": level, **kw})


def user(uid: int = 7) -> User:
    return User(user_id=uid, chat_id=uid, first_name="Ana", timezone="Europe/Berlin")


@pytest.fixture
async def store(tmp_path):
    opened = await Store.open(tmp_path / "data")
    try:
        yield opened
    finally:
        await opened.close()


async def _diary_at_rest(store: Store, uid: int = 7) -> list[PainEntry]:
    await store.save_user(user(uid))
    entries = [entry(day, level=n % 11) for n, day in enumerate(DAYS)]
    await store.record_pain_many(uid, entries)
    store.clear_cache()  # as for a user not in memory
    return entries


def _months_read(monkeypatch) -> list[str]:
    read: list[str] = []
    original = Store._open_month

    def spy(self, user_id, name):
        read.append(name)
        return original(self, user_id, name)

    monkeypatch.setattr(Store, "_open_month", spy)
    return read


async def test_the_diary_is_kept_a_file_per_month_and_the_profile_apart(store):
    entries = await _diary_at_rest(store)
    main = json.loads(user_file_path(store.data_dir, 7).read_text())
    assert set(main) == {"profile", "_meta"}
    on_disk = diary_on_disk(store.data_dir, 7)
    assert sorted(on_disk) == ["pain:2025-11", "pain:2025-12", "pain:2026-01", "pain:2026-02"]
    for name, docs in on_disk.items():
        assert {d["local_date"][:7] for d in docs.values()} == {name[5:]}
    assert sum(map(len, on_disk.values())) == len(entries)
    assert sorted(p.name for p in diary_dir(store.data_dir, 7).iterdir()) == [
        "2025-11.json",
        "2025-12.json",
        "2026-01.json",
        "2026-02.json",
    ]
    assert oct(diary_dir(store.data_dir, 7).stat().st_mode & 0o777) == "0o700"
    assert oct(diary_file_path(store.data_dir, 7, "pain:2025-12").stat().st_mode & 0o777) == (
        "0o600"
    )


async def test_a_pain_report_reads_only_the_months_it_needs(store, monkeypatch):
    await _diary_at_rest(store)
    read = _months_read(monkeypatch)
    today = date(2026, 2, 1)
    await store.record_pain(7, entry(today, level=6), preferences={"pain_area": "neck"})
    recent = await store.pain_entries(7, since=today - timedelta(days=2), until=today)
    assert [e.local_date for e in recent] == [date(2026, 1, 30), today]
    assert sorted(read) == ["pain:2026-01", "pain:2026-02"]  # not November, not December
    assert (await store.get_user(7)).preferences == Preferences(pain_area="neck")


async def test_every_verb_still_sees_the_whole_diary(store):
    entries = await _diary_at_rest(store)
    assert [e.id for e in await store.pain_entries(7)] == [e.id for e in entries]
    december = await store.pain_entries(7, since=date(2025, 12, 1), until=date(2025, 12, 31))
    assert [e.id for e in december] == [e.id for e in entries if e.local_date.month == 12]
    since = await store.pain_entries(7, since=date(2026, 1, 20))
    assert [e.id for e in since] == [e.id for e in entries if e.local_date >= date(2026, 1, 20)]
    until = await store.pain_entries(7, until=date(2025, 12, 5))
    assert [e.id for e in until] == [e.id for e in entries if e.local_date <= date(2025, 12, 5)]
    long_window = await store.pain_entries(7, since=date(2020, 1, 1), until=date(2030, 1, 1))
    assert [e.id for e in long_window] == [e.id for e in entries]

    store.clear_cache()
    oldest = entries[0]
    assert await store.get_pain(7, oldest.id) == oldest
    assert await store.get_pain(7, "nope") is None
    noted = dataclasses.replace(oldest, note="after the roller")
    await store.save_pain(7, noted)
    assert await store.get_pain(7, oldest.id) == noted
    store.clear_cache()
    assert await store.delete_pain(7, entries[1].id) is True
    assert await store.delete_pain(7, entries[1].id) is False
    exported = await store.export_user(7)
    assert [d["id"] for d in exported["pain"]] == [e.id for e in entries if e != entries[1]]
    assert exported["pain"][0]["note"] == "after the roller"


async def test_a_slow_disk_does_not_hold_up_the_event_loop(store, monkeypatch):
    """File work runs in a worker thread: while a write waits for the disk, the bot
    goes on answering other people."""
    await _diary_at_rest(store)
    real_fsync = storage.atomic.os.fsync

    def slow_fsync(fd):
        time.sleep(0.05)
        real_fsync(fd)

    monkeypatch.setattr(storage.atomic.os, "fsync", slow_fsync)
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)
    await store.record_pain(7, entry(date(2026, 2, 20)))  # two fsyncs: 0.1 s of "disk"
    whole = await store.pain_entries(7)
    beat.cancel()
    assert ticks >= 10  # the loop ran while the thread waited
    assert len(whole) == len(DAYS) + 1


async def test_an_entry_saved_under_another_date_moves_to_its_month(store):
    first = entry(date(2025, 12, 31))
    await store.record_pain(7, first)
    moved = dataclasses.replace(first, local_date=date(2026, 1, 1))
    await store.save_pain(7, moved)
    assert await store.pain_entries(7) == [moved]
    assert list(diary_on_disk(store.data_dir, 7)) == ["pain:2026-01"]
    assert not diary_file_path(store.data_dir, 7, "pain:2025-12").exists()


async def test_a_user_read_again_keeps_the_whole_month(store):
    first = entry(date(2025, 12, 30))
    await store.record_pain(7, first)
    second = entry(date(2025, 12, 31))
    await store.record_pain(7, second)
    store.clear_cache()
    assert [e.id for e in await store.pain_entries(7)] == [first.id, second.id]
    store.clear_cache()
    assert await store.get_pain(7, first.id) == first
    (docs,) = diary_on_disk(store.data_dir, 7).values()
    assert {d["id"] for d in docs.values()} == {first.id, second.id}


async def test_a_pain_report_rewrites_only_its_months_file(store):
    await _diary_at_rest(store)
    folder = diary_dir(store.data_dir, 7)
    before = {
        p.name: p.stat().st_ino for p in [*folder.iterdir(), user_file_path(store.data_dir, 7)]
    }
    await store.record_pain(7, entry(date(2026, 2, 2)))
    after = {
        p.name: p.stat().st_ino for p in [*folder.iterdir(), user_file_path(store.data_dir, 7)]
    }
    replaced = {name for name in before if after[name] != before[name]}
    assert replaced == {"2026-02.json"}  # an atomic replace gives the file a new inode


async def test_removing_a_months_last_entry_removes_its_file(store):
    only = entry(date(2025, 6, 10))
    await store.record_pain(7, only)
    await store.record_pain(7, entry(date(2025, 7, 1)))
    assert await store.delete_pain(7, only.id)
    assert list(diary_on_disk(store.data_dir, 7)) == ["pain:2025-07"]


async def test_forgetting_a_user_removes_their_diary_folder(store):
    await _diary_at_rest(store)
    await _diary_at_rest(store, uid=8)
    await store.forget_user(7)
    assert not diary_dir(store.data_dir, 7).exists()
    assert not user_file_path(store.data_dir, 7).exists()
    assert await store.pain_entries(7) == []
    assert len(await store.pain_entries(8)) == len(DAYS)


async def test_a_forget_that_failed_on_the_disk_is_refused_and_can_be_retried(store, monkeypatch):
    await _diary_at_rest(store)
    original = storage.store.fsync_dir
    calls = []

    def fail_once(path):
        calls.append(path)
        if len(calls) == 1:
            raise OSError(errno.EIO, "Input/output error")
        return original(path)

    monkeypatch.setattr(storage.store, "fsync_dir", fail_once)
    with pytest.raises(DiskError, match="I/O"):
        await store.forget_user(7)
    await store.forget_user(7)  # the user asks again: it simply works
    assert await store.pain_entries(7) == []
    assert await store.get_user(7) is None
    assert not diary_dir(store.data_dir, 7).exists()
    assert not user_file_path(store.data_dir, 7).exists()


async def test_a_corrupt_month_is_set_aside_and_the_rest_is_kept(store):
    entries = await _diary_at_rest(store)
    bad = diary_file_path(store.data_dir, 7, "pain:2025-12")
    bad.write_text("{torn")
    kept = await store.pain_entries(7)
    assert [e.id for e in kept] == [e.id for e in entries if e.local_date.month != 12]
    assert (await store.get_user(7)).first_name == "Ana"
    assert store.pop_quarantine_notice(7) is True
    (moved,) = (store.data_dir / "quarantine").glob("7-*-pain-2025-12.json")
    assert moved.read_text() == "{torn"


# ----------------------------------------------------------------- schema 1 data


def _v1_docs(entries: list[PainEntry]) -> dict[str, dict]:
    return {str(n): encode(e) for n, e in enumerate(entries, 1)}


async def test_a_schema_1_file_is_split_by_month_keeping_every_entry(tmp_path):
    data = tmp_path / "data"
    entries = [entry(day) for day in DAYS]
    path = user_file_path(data, 7)
    path.parent.mkdir(parents=True)
    v1 = {"profile": {"1": encode(user())}, "pain": _v1_docs(entries)}
    path.write_text(json.dumps(v1))  # no _meta: schema 1
    store = await Store.open(data)
    try:
        snapshot = await store.all_users()  # the start-up scan takes the migrating path
        assert [s.user.first_name for s in snapshot] == ["Ana"]
        assert [e.id for e in await store.pain_entries(7)] == [e.id for e in entries]
        main = json.loads(path.read_text())
        assert set(main) == {"profile", "_meta"} and main["_meta"]["1"]["schema"] == SCHEMA_VERSION
        on_disk = diary_on_disk(data, 7)
        assert {k: d for docs in on_disk.values() for k, d in docs.items()} == v1["pain"]
    finally:
        await store.close()


async def test_a_write_ahead_log_left_by_an_older_version_is_refused_not_lost(tmp_path):
    """Older versions wrote acknowledged changes to ``journal-<n>.log`` first and into the
    user files later: a DATA_DIR left with records in one would silently lose them."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "journal-00000007.log").write_bytes(b'0badc0de 7 +{"profile": {}}\n')
    with pytest.raises(DataDirError) as refused:
        await Store.open(data)
    message = str(refused.value)
    assert "journal-00000007.log" in message and "previous version" in message
    assert (data / "journal-00000007.log").exists()  # left for the older version to apply
    (data / "journal-00000007.log").write_bytes(b"")  # what a clean stop leaves
    await (await Store.open(data)).close()
    assert not (data / "journal-00000007.log").exists()


# ------------------------------------------------------------ any sequence at all

MONTH_DAYS = [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1), date(2026, 2, 28)]
step = st.one_of(
    st.tuples(st.just("record"), st.sampled_from(MONTH_DAYS), st.integers(0, 10)),
    st.tuples(st.just("delete"), st.integers(0, 30), st.just(0)),
    st.tuples(st.just("note"), st.integers(0, 30), st.just(0)),
    st.tuples(st.just("profile"), st.integers(0, 10), st.just(0)),
    st.tuples(st.just("evict"), st.just(None), st.just(0)),
    st.tuples(st.just("reopen"), st.just(None), st.just(0)),
    st.tuples(st.just("crash"), st.just(None), st.just(0)),
    st.tuples(st.just("forget"), st.just(None), st.just(0)),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(step, max_size=25))
def test_any_sequence_of_writes_evictions_restarts_and_crashes_keeps_the_diary(steps):
    asyncio.run(_run_sequence(steps))


async def _run_sequence(steps: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        store = await Store.open(data)
        model: dict[str, PainEntry] = {}
        try:
            for kind, arg, level in steps:
                ids = sorted(model)
                if kind == "record":
                    new = entry(arg, level=level)
                    await store.record_pain(7, new)
                    model[new.id] = new
                elif kind == "delete" and ids:
                    gone = ids[arg % len(ids)]
                    assert await store.delete_pain(7, gone)
                    del model[gone]
                elif kind == "note" and ids:
                    old = model[ids[arg % len(ids)]]
                    model[old.id] = dataclasses.replace(old, note=f"n{arg}")
                    await store.save_pain(7, model[old.id])
                elif kind == "profile":
                    await store.save_user(User(user_id=7, chat_id=7, first_name=f"a{arg}"))
                elif kind == "evict":
                    store.clear_cache()
                elif kind == "reopen":
                    await store.close()
                    store = await Store.open(data)
                elif kind == "crash":
                    # What a SIGKILL leaves: the files as they are now (every write that
                    # returned is on disk), with the lock file of a dead process.
                    crashed = data.with_name(f"crashed-{len(list(data.parent.iterdir()))}")
                    shutil.copytree(data, crashed)
                    await store.close()
                    data = crashed
                    store = await Store.open(data)
                elif kind == "forget":
                    await store.forget_user(7)
                    model.clear()
                got = await store.pain_entries(7)
                expected = sorted(model.values(), key=lambda e: (e.recorded_at, e.id))
                assert sorted(got, key=lambda e: (e.recorded_at, e.id)) == expected
        finally:
            await store.close()
        reopened = await Store.open(data)
        try:
            got = await reopened.pain_entries(7)
            assert {e.id: e for e in got} == model
        finally:
            await reopened.close()
        on_disk = diary_on_disk(data, 7)
        assert {d["id"] for docs in on_disk.values() for d in docs.values()} == set(model)
        for name, docs in on_disk.items():
            assert docs, f"{name} has a file but no entry"


async def test_temporary_files_of_diary_months_are_made_where_start_up_sweeps(
    tmp_path, monkeypatch
):
    made: list[Path] = []
    real = tempfile.mkstemp

    def recording(*args, **kwargs):
        fd, name = real(*args, **kwargs)
        made.append(Path(name))
        return fd, name

    monkeypatch.setattr(storage.atomic.tempfile, "mkstemp", recording)
    store = await Store.open(tmp_path / "data")
    try:
        await _diary_at_rest(store)
    finally:
        await store.close()
    shard = user_file_path(tmp_path / "data", 7).parent
    month_temps = [p for p in made if p.name.startswith(".20")]  # .2025-11.json.<x>.tmp
    assert len(month_temps) == 4 and {p.parent for p in month_temps} == {shard}
    # What a crash mid-write leaves there is swept at the next open.
    (shard / f".2026-01.json.x{storage.atomic.TEMP_SUFFIX}").write_text("{half")
    await (await Store.open(tmp_path / "data")).close()
    assert not list((tmp_path / "data").rglob(f"*{storage.atomic.TEMP_SUFFIX}"))


async def test_an_unreadable_main_file_is_set_aside_with_its_diary(store):
    await _diary_at_rest(store)
    user_file_path(store.data_dir, 7).write_text("{torn")
    assert await store.get_user(7) is None
    assert await store.pain_entries(7) == []  # the months went with it, not left behind
    quarantine = store.data_dir / "quarantine"
    (main,) = quarantine.glob("7-*.json")
    (months,) = quarantine.glob("7-*.pain")
    assert main.read_text() == "{torn" and months.name == main.name[:-5] + ".pain"
    assert len(list(months.iterdir())) == 4
    await store.forget_user(7)
    assert list(quarantine.iterdir()) == []
