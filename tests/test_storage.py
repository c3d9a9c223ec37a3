"""The storage layer keeps each user's profile, reminders, diary and routines safely on disk."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import os
import stat
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import storage.atomic
import storage.layout
import storage.schema
import storage.store
from domain.conversation import Awaiting
from domain.models import PainEntry, Reminder, RoutineSession, User
from domain.preferences import Preferences
from storage import (
    DataDirError,
    SchemaTooNewError,
    StorageError,
    Store,
    UserNotFound,
    check_data_dir,
    diary_file_path,
    diary_on_disk,
    new_id,
    user_file_path,
)
from storage.codec import decode, encode

T0 = datetime(2025, 3, 1, 8, 30, tzinfo=UTC)


@pytest.fixture
async def store(tmp_path):
    opened = await Store.open(tmp_path / "data")
    yield opened
    await opened.close()


def make_user(user_id: int = 42, **kw) -> User:
    defaults = dict(
        chat_id=user_id,
        first_name="Ana",
        timezone="Europe/Berlin",
        created_at=T0,
        equipment=["ball", "towel"],
        preferences=Preferences(pain_area="lower back", equipment_asked=True),
    )
    return User(user_id=user_id, **{**defaults, **kw})


def make_reminder(minutes: int = 0, **kw) -> Reminder:
    defaults = dict(
        id=new_id(),
        kind="routine",
        days=(0, 2, 4),
        time="07:30",
        routine_id="lower-back-basics",
        created_at=T0 + timedelta(minutes=minutes),
    )
    return Reminder(**{**defaults, **kw})


def make_pain(day: int = 0, level: int = 4, **kw) -> PainEntry:
    at = T0 + timedelta(days=day)
    defaults = dict(id=new_id(), recorded_at=at, local_date=at.date(), level=level)
    return PainEntry(**{**defaults, **kw})


def make_session(minutes: int = 0, **kw) -> RoutineSession:
    defaults = dict(
        id=new_id(), routine_id="neck-release", started_at=T0 + timedelta(minutes=minutes)
    )
    return RoutineSession(**{**defaults, **kw})


# --------------------------------------------------------------------- round trips


async def test_user_profile_survives_a_restart(tmp_path):
    user = make_user(awaiting=Awaiting("remind_change", "r1"), active=False)
    first = await Store.open(tmp_path / "data")
    await first.save_user(user)
    await first.close()

    second = await Store.open(tmp_path / "data")
    try:
        assert await second.get_user(42) == user
    finally:
        await second.close()


async def test_unknown_user_is_none_and_leaves_no_file(store):
    assert await store.get_user(7) is None
    assert await store.list_reminders(7) == []
    assert not user_file_path(store.data_dir, 7).exists()
    assert await store.user_ids() == []


async def test_update_user_changes_only_the_given_fields(store):
    await store.save_user(make_user())
    updated = await store.update_user(42, timezone="Asia/Tokyo", awaiting=None)
    assert updated.timezone == "Asia/Tokyo"
    assert updated.first_name == "Ana"
    assert await store.get_user(42) == updated


async def test_update_of_a_missing_user_says_so(store):
    with pytest.raises(UserNotFound, match="7"):
        await store.update_user(7, timezone="UTC")
    with pytest.raises(KeyError):
        await store.update_user(7, timezone="UTC")


async def test_save_user_twice_keeps_one_profile(store):
    await store.save_user(make_user(first_name="Ana"))
    await store.save_user(make_user(first_name="Bo"))
    assert (await store.get_user(42)).first_name == "Bo"
    raw = json.loads(user_file_path(store.data_dir, 42).read_text())
    assert len(raw["profile"]) == 1


async def test_reminders_round_trip_in_creation_order(store):
    late = make_reminder(
        minutes=10,
        kind="checkin",
        days=(6,),
        snoozed_until=T0 + timedelta(hours=1),
        skip_date=date(2025, 3, 2),
        last_fired_at=T0,
        last_fired_date=date(2025, 3, 1),
        unanswered=2,
        paused=True,
    )
    early = make_reminder(minutes=0)
    await store.add_reminder(42, late)
    await store.add_reminder(42, early)

    assert await store.list_reminders(42) == [early, late]
    loaded = await store.get_reminder(42, late.id)
    assert loaded == late
    assert isinstance(loaded.days, tuple)
    assert await store.get_reminder(42, "nope") is None


async def test_saving_a_reminder_replaces_it_by_id(store):
    reminder = make_reminder()
    await store.save_reminder(42, reminder)  # insert
    reminder.time = "21:00"
    reminder.snoozed_until = None
    await store.save_reminder(42, reminder)  # replace
    assert await store.list_reminders(42) == [reminder]


async def test_deleting_a_reminder(store):
    keep, drop = make_reminder(), make_reminder(minutes=1)
    await store.add_reminder(42, keep)
    await store.add_reminder(42, drop)
    assert await store.delete_reminder(42, drop.id) is True
    assert await store.delete_reminder(42, drop.id) is False
    assert await store.list_reminders(42) == [keep]


async def test_pain_diary_round_trips_sorted_by_time(store):
    entries = [
        make_pain(day=2, level=7, area="lower back", note="après le jardin", source="button"),
        make_pain(day=0, level=3),
        make_pain(day=1, level=5, area="neck & shoulders"),
    ]
    for entry in entries:
        await store.record_pain(42, entry)
    loaded = await store.pain_entries(42)
    assert loaded == sorted(entries, key=lambda e: e.recorded_at)


async def test_pain_entries_can_be_limited_to_local_dates(store):
    entries = [make_pain(day=d) for d in range(5)]
    for entry in entries:
        await store.record_pain(42, entry)
    first = entries[0].local_date
    window = await store.pain_entries(
        42, since=first + timedelta(days=1), until=first + timedelta(days=3)
    )
    assert [e.id for e in window] == [e.id for e in entries[1:4]]
    assert [e.id for e in await store.pain_entries(42, since=entries[4].local_date)] == [
        entries[4].id
    ]


@settings(max_examples=40, deadline=None)
@given(
    days=st.lists(st.integers(0, 20), max_size=12),
    since=st.none() | st.integers(-2, 22),
    until=st.none() | st.integers(-2, 22),
)
async def test_a_date_window_returns_exactly_the_entries_on_those_dates(
    tmp_path_factory, days, since, until
):
    opened = await Store.open(tmp_path_factory.mktemp("window") / "data")
    try:
        entries = [make_pain(day=d) for d in days]
        if entries:
            await opened.record_pain_many(42, entries)
        low = T0.date() + timedelta(days=since) if since is not None else None
        high = T0.date() + timedelta(days=until) if until is not None else None
        window = await opened.pain_entries(42, since=low, until=high)
        expected = [
            e
            for e in sorted(entries, key=lambda e: (e.recorded_at, e.id))
            if (low is None or e.local_date >= low) and (high is None or e.local_date <= high)
        ]
        assert window == expected
    finally:
        await opened.close()


async def test_a_diary_date_of_another_shape_is_still_read_and_checked(store):
    await store.record_pain(42, make_pain(day=0))
    store.clear_cache()
    path = diary_file_path(store.data_dir, 42, "pain:2025-03")
    data = json.loads(path.read_text())
    (doc,) = data["pain:2025-03"].values()
    doc["local_date"] = "20250301"  # a basic ISO date: decodes, but does not sort as text
    path.write_text(json.dumps(data))
    window = await store.pain_entries(42, since=date(2025, 3, 1), until=date(2025, 3, 1))
    assert [e.local_date for e in window] == [date(2025, 3, 1)]


async def test_deleting_a_pain_entry(store):
    a, b = make_pain(day=0), make_pain(day=1)
    await store.record_pain(42, a)
    await store.record_pain(42, b)
    assert await store.delete_pain(42, a.id) is True
    assert await store.delete_pain(42, a.id) is False
    assert await store.pain_entries(42) == [b]


async def test_saving_a_pain_entry_replaces_it_in_place(store):
    a, b = make_pain(day=0), make_pain(day=1)
    await store.record_pain(42, a)
    await store.record_pain(42, b)
    a.area, a.note = "neck & shoulders", "after the roller"
    await store.save_pain(42, a)
    assert await store.pain_entries(42) == [a, b]
    fresh = make_pain(day=2)
    await store.save_pain(42, fresh)  # an unknown id is inserted
    assert [e.id for e in await store.pain_entries(42)] == [a.id, b.id, fresh.id]


async def test_routine_sessions_round_trip_and_update_in_place(store):
    session = make_session(pain_before=6, auto_advance=True, message_id=99)
    await store.save_session(42, session)
    session.step = 3
    session.status = "completed"
    session.ended_at = T0 + timedelta(minutes=12)
    session.pain_after = 3
    await store.save_session(42, session)
    assert await store.get_session(42, session.id) == session
    assert await store.list_sessions(42) == [session]
    assert await store.get_session(42, "missing") is None


async def test_active_session_is_the_newest_unfinished_one(store):
    old_paused = make_session(minutes=0, status="paused")
    newer_active = make_session(minutes=5, status="active")
    newest_done = make_session(minutes=9, status="completed")
    for s in (newest_done, old_paused, newer_active):
        await store.save_session(42, s)
    assert await store.active_session(42) == newer_active
    newer_active.status = "aborted"
    await store.save_session(42, newer_active)
    assert await store.active_session(42) == old_paused
    assert [s.id for s in await store.list_sessions(42)] == [
        old_paused.id,
        newer_active.id,
        newest_done.id,
    ]
    assert await store.active_session(43) is None


# ---------------------------------------------------------------- users and files


async def test_one_users_data_never_shows_up_for_another(store):
    await store.save_user(make_user(1))
    await store.save_user(make_user(2, first_name="Bo"))
    await store.add_reminder(1, make_reminder())
    await store.record_pain(2, make_pain())
    assert await store.list_reminders(2) == []
    assert await store.pain_entries(1) == []
    assert (await store.get_user(2)).first_name == "Bo"
    assert user_file_path(store.data_dir, 1) != user_file_path(store.data_dir, 2)


async def test_user_files_are_sharded_by_id(store):
    await store.save_user(make_user(300))
    path = user_file_path(store.data_dir, 300)
    assert path == store.data_dir / "users" / "2c" / "300.json"
    assert path.exists()  # on disk when the call returns


async def test_user_ids_lists_every_user_on_disk(store):
    for uid in (5, 261, 10_000_000):
        await store.save_user(make_user(uid))
    await store.record_pain(77, make_pain())  # a diary without a profile still counts
    assert await store.user_ids() == [5, 77, 261, 10_000_000]
    await store.forget_user(261)
    assert await store.user_ids() == [5, 77, 10_000_000]


async def test_all_reminders_pairs_every_reminder_with_its_user(tmp_path):
    first = await Store.open(tmp_path / "data")
    await first.save_user(make_user(1))
    await first.save_user(make_user(2))
    r1a, r1b, r2 = make_reminder(1), make_reminder(2), make_reminder(0)
    await first.add_reminder(1, r1b)
    await first.add_reminder(1, r1a)
    await first.add_reminder(2, r2)
    await first.add_reminder(3, make_reminder())  # no profile: cannot be scheduled
    await first.close()

    second = await Store.open(tmp_path / "data", cache_size=1)
    try:
        r2.paused = True
        await second.save_reminder(2, r2)  # user 2 now open in memory
        pairs = await second.all_reminders()
    finally:
        await second.close()
    by_user = {}
    for user, reminder in pairs:
        by_user.setdefault(user.user_id, []).append(reminder)
    assert by_user == {1: [r1a, r1b], 2: [r2]}


async def test_export_contains_everything_and_is_json(store):
    user, reminder, entry, session = make_user(), make_reminder(), make_pain(), make_session()
    await store.save_user(user)
    await store.add_reminder(42, reminder)
    await store.record_pain(42, entry)
    await store.save_session(42, session)
    exported = json.loads(json.dumps(await store.export_user(42)))
    assert exported["profile"]["first_name"] == "Ana"
    assert [r["id"] for r in exported["reminders"]] == [reminder.id]
    assert exported["pain"][0]["recorded_at"] == "2025-03-01T08:30:00+00:00"
    assert exported["pain"][0]["local_date"] == "2025-03-01"
    assert [s["id"] for s in exported["sessions"]] == [session.id]
    assert decode(PainEntry, exported["pain"][0]) == entry


async def test_forget_user_leaves_nothing_of_them_on_disk(store):
    await store.save_user(make_user(42))
    await store.save_user(make_user(7))
    await store.record_pain(42, make_pain())
    quarantine = store.data_dir / "quarantine"
    quarantine.mkdir(mode=0o700)
    (quarantine / "42-20250101T000000000000Z.json").write_text("{")
    (quarantine / "421-20250101T000000000000Z.json").write_text("{")

    await store.forget_user(42)

    leftovers = [p for p in store.data_dir.rglob("*") if p.name.startswith("42") and "-" in p.name]
    assert leftovers == [quarantine / "421-20250101T000000000000Z.json"]
    assert not user_file_path(store.data_dir, 42).exists()
    assert await store.get_user(42) is None
    assert await store.pain_entries(42) == []
    assert await store.get_user(7) is not None
    assert await store.user_ids() == [7]


async def test_files_are_private_to_the_bot(store):
    await store.save_user(make_user(1))
    await store.record_pain(2, make_pain())
    (store.data_dir / "users" / "01" / "1.json").write_text("{broken")
    store.clear_cache()
    await store.get_user(1)  # quarantines
    seen_files = seen_dirs = 0
    for path in [store.data_dir, *store.data_dir.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.is_dir():
            seen_dirs += 1
            assert mode == 0o700, path
        else:
            seen_files += 1
            assert mode == 0o600, path
    assert seen_dirs >= 5 and seen_files >= 4  # data, users, 2 shards, quarantine


async def test_an_existing_open_data_dir_is_left_alone_with_a_warning(tmp_path, caplog):
    data = tmp_path / "shared"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    with caplog.at_level(logging.WARNING, logger="storage.store"):
        opened = await Store.open(data)
    await opened.close()
    assert stat.S_IMODE(data.stat().st_mode) == 0o755
    assert "chmod 700" in caplog.text
    assert any("mode 755" in p for p in check_data_dir(data))


async def test_a_data_dir_that_is_a_file_is_refused(tmp_path):
    not_a_dir = tmp_path / "data"
    not_a_dir.write_text("oops")
    with pytest.raises(DataDirError, match=f"{not_a_dir}.*not a directory"):
        await Store.open(not_a_dir)
    with pytest.raises(DataDirError, match="cannot be created"):
        await Store.open(not_a_dir / "inside")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
async def test_an_unwritable_data_dir_is_refused(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o500)
    try:
        with pytest.raises(DataDirError, match="not writable"):
            await Store.open(data)
    finally:
        os.chmod(data, 0o700)


async def test_a_data_dir_we_cannot_write_to_is_refused_with_a_hint(tmp_path, monkeypatch):
    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(storage.layout.tempfile, "mkstemp", read_only)
    with pytest.raises(DataDirError) as refused:
        await Store.open(tmp_path / "data")
    assert str(refused.value) == (
        f"DATA_DIR {tmp_path / 'data'} is not writable (Permission denied): "
        "give the bot's user write access or point DATA_DIR elsewhere"
    )


async def test_a_closed_store_refuses_work(tmp_path):
    opened = await Store.open(tmp_path / "data")
    assert opened.check() == []
    await opened.close()
    with pytest.raises(StorageError, match="closed"):
        await opened.get_user(1)
    assert opened.check()


async def test_evicted_users_are_read_back_from_disk(tmp_path):
    small = await Store.open(tmp_path / "data", cache_size=2)
    try:
        for uid in range(1, 6):
            await small.save_user(make_user(uid, first_name=f"u{uid}"))
            await small.record_pain(uid, make_pain(level=uid))
        # Every write is in its file: an evicted user is read back from there.
        assert all(user_file_path(tmp_path / "data", uid).exists() for uid in range(1, 6))
        for uid in range(1, 6):
            assert (await small.get_user(uid)).first_name == f"u{uid}"
            assert [e.level for e in await small.pain_entries(uid)] == [uid]
        await small.record_pain(1, make_pain(level=9))  # evicted again, changed again
        await small.get_user(6)
        for uid in range(1, 6):
            assert (await small.get_user(uid)).first_name == f"u{uid}"
            levels = sorted(e.level for e in await small.pain_entries(uid))
            assert levels == ([1, 9] if uid == 1 else [uid])
    finally:
        await small.close()


async def test_a_whole_diary_read_is_not_kept_in_memory(tmp_path, monkeypatch):
    """A user whose whole diary was read (/history, /export) would hold it all in the
    cache: such a read leaves nothing cached, so the next operation reads from disk."""
    store = await Store.open(tmp_path / "data", cache_size=100)
    try:
        await store.save_user(make_user(1))
        await store.record_pain_many(1, [make_pain(d) for d in range(0, 90, 2)])
        assert len(await store.pain_entries(1)) == 45
        reads = []
        real = Path.read_bytes
        monkeypatch.setattr(Path, "read_bytes", lambda path: reads.append(path) or real(path))
        assert (await store.get_user(1)).first_name == "Ana"
        assert reads == [user_file_path(store.data_dir, 1)]  # read again, from disk
        await store.get_user(1)
        assert len(reads) == 1  # a light read stays cached
    finally:
        await store.close()


# ------------------------------------------------------------- schema versions


async def test_a_data_dir_from_a_newer_version_is_refused(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "meta.json").write_text(json.dumps({"schema": 99}))
    with pytest.raises(SchemaTooNewError) as refused:
        await Store.open(data)
    message = str(refused.value)
    assert "meta.json" in message and "99" in message
    assert f"up to version {storage.schema.SCHEMA_VERSION}" in message
    assert "upgrade backcare-bot" in message
    assert any("upgrade backcare-bot" in p for p in check_data_dir(data))
    # The refusal released the lock: a fixed directory opens right away.
    (data / "meta.json").write_text(json.dumps({"schema": 1}))
    await (await Store.open(data)).close()


async def test_a_user_file_from_a_newer_version_is_refused(store):
    path = user_file_path(store.data_dir, 5)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"_meta": {"1": {"schema": 7}}, "profile": {}}))
    with pytest.raises(SchemaTooNewError, match=f"{path}.*version 7.*upgrade backcare-bot"):
        await store.get_user(5)
    assert path.exists()  # refused, not quarantined
    # Refused for that user alone: listing everyone's reminders goes on without them.
    await store.save_user(make_user(1))
    await store.add_reminder(1, good := make_reminder())
    assert [(u.user_id, r) for u, r in await store.all_reminders()] == [(1, good)]


async def test_old_user_files_go_through_the_migration_chain(tmp_path, monkeypatch):
    data = tmp_path / "data"
    first = await Store.open(data)
    await first.save_user(make_user(42, first_name="ana"))
    await first.add_reminder(42, make_reminder())
    await first.close()

    def capitalise_names(content: dict) -> dict:
        for doc in content["profile"].values():
            doc["first_name"] = doc["first_name"].capitalize()
        return content

    current = storage.schema.SCHEMA_VERSION
    monkeypatch.setattr(storage.schema, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(storage.schema.MIGRATIONS, current, capitalise_names)
    second = await Store.open(data)
    try:
        assert json.loads((data / "meta.json").read_text())["schema"] == current + 1
        pairs = await second.all_reminders()  # takes the slow path for old files
        assert [u.first_name for u, _ in pairs] == ["Ana"]
        assert (await second.get_user(42)).first_name == "Ana"
        raw = json.loads(user_file_path(data, 42).read_text())
        assert raw["_meta"]["1"]["schema"] == current + 1
        assert next(iter(raw["profile"].values()))["first_name"] == "Ana"
    finally:
        await second.close()


# ---------------------------------------------------------------- corrupt files


CURRENT = f'"_meta": {{"1": {{"schema": {storage.schema.SCHEMA_VERSION}}}}}'


@pytest.mark.parametrize(
    ("in_diary", "content"),
    [
        (False, "{not json"),
        (False, "[1, 2, 3]"),
        (False, '{"profile": {"1": "just a string"}}'),
        (
            True,
            '{"pain:2025-01": {"1": {"id": "x", "recorded_at": "2025-01-01T00:00:00+00:00",'
            ' "local_date": "2025-01-01", "level": "very high"}}}',
        ),
        (False, '{"profile": {"1": {"chat_id": 1}}, ' + CURRENT + "}"),
        (True, '{"pain:2025-01": {"1": "just a string"}}'),
    ],
    ids=[
        "invalid-json",
        "not-an-object",
        "doc-not-object",
        "wrong-type",
        "missing-field",
        "diary-doc-not-object",
    ],
)
async def test_a_corrupt_user_file_is_quarantined_and_others_carry_on(
    store, in_diary, content, caplog
):
    await store.save_user(make_user(1))
    await store.record_pain(1, make_pain())
    store.clear_cache()
    if in_diary:
        bad = diary_file_path(store.data_dir, 2, "pain:2025-01")
    else:
        bad = user_file_path(store.data_dir, 2)
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text(content)

    with caplog.at_level(logging.WARNING, logger="storage.store"):
        assert await store.get_user(2) is None
        assert await store.pain_entries(2) == []
    moved = list((store.data_dir / "quarantine").glob("2-*.json"))
    assert len(moved) == 1 and moved[0].read_text() == content
    assert "user 2" in caplog.text and str(moved[0]) in caplog.text
    assert not bad.exists()
    assert store.pop_quarantine_notice(2) is True
    assert store.pop_quarantine_notice(2) is False

    # The user starts afresh and everyone else is untouched.
    await store.save_user(make_user(2))
    assert (await store.get_user(2)).user_id == 2
    assert (await store.get_user(1)).first_name == "Ana"
    assert len(await store.pain_entries(1)) == 1


async def test_all_reminders_survives_a_corrupt_file(store):
    await store.save_user(make_user(1))
    good = make_reminder()
    await store.add_reminder(1, good)
    bad = user_file_path(store.data_dir, 2)
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text('{"profile": {"1": ')
    pairs = await store.all_reminders()
    assert [(u.user_id, r) for u, r in pairs] == [(1, good)]
    assert store.quarantined == {2}


# ------------------------------------------------------------------ concurrency


async def test_concurrent_writes_for_many_users_all_land(store):
    users = range(1, 61)
    entries = {uid: [make_pain(day=d, level=d) for d in range(4)] for uid in users}
    await asyncio.gather(
        *(store.record_pain(uid, e) for uid in users for e in entries[uid]),
        *(store.save_user(make_user(uid)) for uid in users),
    )
    for uid in users:
        assert {e.id for e in await store.pain_entries(uid)} == {e.id for e in entries[uid]}
    assert await store.user_ids() == list(users)


async def test_concurrent_writes_for_one_user_are_not_lost(store):
    entries = [make_pain(day=d) for d in range(40)]
    await asyncio.gather(*(store.record_pain(9, e) for e in entries))
    assert sorted(e.id for e in await store.pain_entries(9)) == sorted(e.id for e in entries)


async def test_a_cancelled_write_does_not_break_the_user_file(store):
    entries = [make_pain(day=d) for d in range(10)]
    tasks = [asyncio.create_task(store.record_pain(3, e)) for e in entries]
    await asyncio.sleep(0)
    for task in tasks[::2]:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await store.record_pain(3, extra := make_pain(day=20))
    stored = {e.id for e in await store.pain_entries(3)}
    assert {e.id for e in entries[1::2]} | {extra.id} <= stored
    on_disk = diary_on_disk(store.data_dir, 3)
    assert {d["id"] for month in on_disk.values() for d in month.values()} == stored


async def test_the_event_loop_keeps_running_during_writes(store):
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)
    before = ticks
    for day in range(200):
        await store.record_pain(1, make_pain(day=day))
    during = ticks - before
    beat.cancel()
    assert during >= 100  # the loop ran between (and during) the fsyncs
    assert len(await store.pain_entries(1)) == 200


# ------------------------------------------------------------------- ids, codec


def test_new_ids_are_short_distinct_and_callback_safe():
    ids = {new_id() for _ in range(5000)}
    assert len(ids) == 5000
    assert all(len(i) <= 12 and ":" not in i for i in ids)


def test_stored_documents_ignore_unknown_keys_and_fill_defaults():
    doc = {"user_id": 1, "chat_id": 2, "from_the_future": [1, 2], "created_at": "2025-01-01T00:00"}
    user = decode(User, doc)
    assert user.first_name == "" and user.equipment == [] and user.active is True
    assert user.created_at == datetime(2025, 1, 1, tzinfo=UTC)


def test_instants_are_stored_in_utc_and_naive_ones_are_refused():
    berlin = timezone(timedelta(hours=1))
    entry = make_pain(recorded_at=datetime(2025, 3, 1, 9, 30, tzinfo=berlin))
    assert encode(entry)["recorded_at"] == "2025-03-01T08:30:00+00:00"
    assert decode(PainEntry, encode(entry)).recorded_at == entry.recorded_at
    with pytest.raises(ValueError, match="naive"):
        encode(make_pain(recorded_at=datetime(2025, 3, 1, 9, 30)))


async def test_health_check_passes_on_a_fresh_dir_and_names_an_impossible_one(tmp_path):
    assert check_data_dir(tmp_path / "not-yet" / "created") == []  # the bot will create it
    (tmp_path / "a-file").write_text("")
    problems = check_data_dir(tmp_path / "a-file" / "data")
    assert len(problems) == 1 and "does not exist" in problems[0]
    await (await Store.open(tmp_path / "fresh")).close()
    assert Store.check_dir(tmp_path / "fresh") == []
    (tmp_path / "fresh" / "meta.json").write_text("{garbled")
    assert any("meta.json is unreadable" in p for p in Store.check_dir(tmp_path / "fresh"))


def test_module_paths_are_the_documented_ones():
    assert Path(user_file_path(Path("/d"), 255)) == Path("/d/users/ff/255.json")


async def test_a_wrongly_typed_value_is_refused_instead_of_corrupting_the_file(store):
    good = make_reminder()
    await store.add_reminder(42, good)
    with pytest.raises(ValueError, match="Reminder.days"):
        await store.save_reminder(42, make_reminder(days=("mon",)))
    await store.save_user(make_user())
    with pytest.raises(ValueError, match="User.timezone"):
        await store.update_user(42, timezone=3)
    store.clear_cache()
    assert await store.list_reminders(42) == [good]
    assert (await store.get_user(42)).timezone == "Europe/Berlin"
    assert store.quarantined == set()


def _count_writes(monkeypatch) -> list[str]:
    """The files replaced from now on (every write of a file is one atomic replace)."""
    replaced: list[str] = []
    real = os.replace

    def spy(src, dst, *args, **kwargs):
        replaced.append(Path(dst).name)
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(storage.atomic.os, "replace", spy)
    return replaced


async def test_modify_user_writes_only_a_real_change(store, monkeypatch):
    created = await store.modify_user(8, lambda u: u or make_user(8, first_name="Ana"))
    assert created.first_name == "Ana" and (await store.get_user(8)) == created
    writes = _count_writes(monkeypatch)
    same = await store.modify_user(8, lambda u: u)
    assert same == created and writes == []  # nothing new to write
    renamed = await store.modify_user(8, lambda u: dataclasses.replace(u, first_name="Bo"))
    assert renamed.first_name == "Bo" and (await store.get_user(8)).first_name == "Bo"
    assert writes == ["8.json"]
    assert await store.modify_user(9, lambda u: u) is None  # no profile, none made


async def test_a_pain_entry_and_its_preferences_are_on_disk_when_the_call_returns(
    store, monkeypatch
):
    await store.save_user(make_user(3))
    writes = _count_writes(monkeypatch)
    await store.record_pain(3, entry := make_pain(), preferences={"pain_area": "neck"})
    # The month first: a crash in between keeps the report and only loses the area hint.
    assert writes == ["2025-03.json", "3.json"]
    raw = json.loads(user_file_path(store.data_dir, 3).read_text())
    assert next(iter(raw["profile"].values()))["preferences"]["pain_area"] == "neck"
    (month,) = diary_on_disk(store.data_dir, 3).values()
    assert [d["id"] for d in month.values()] == [entry.id]
    await store.record_pain(3, make_pain(), preferences={"pain_area": "neck"})
    assert writes[2:] == ["2025-03.json"]  # the area did not change: one write
    assert (await store.get_user(3)).preferences.pain_area == "neck"
    assert (await store.get_user(3)).preferences.equipment_asked  # the rest is kept
    await store.record_pain(4, make_pain(), preferences={"pain_area": "neck"})  # no profile
    assert await store.get_user(4) is None and len(await store.pain_entries(4)) == 1


async def test_modify_reminder_changes_the_stored_copy_in_one_write(store, monkeypatch):
    reminder = make_reminder()
    await store.add_reminder(5, reminder)
    writes = _count_writes(monkeypatch)
    changed = await store.modify_reminder(
        5, reminder.id, lambda r: dataclasses.replace(r, paused=True, unanswered=2)
    )
    assert changed == dataclasses.replace(reminder, paused=True, unanswered=2)
    assert await store.list_reminders(5) == [changed]
    assert writes == ["5.json"]
    assert await store.modify_reminder(5, "gone", lambda r: r) is None
    with pytest.raises(ValueError, match="Reminder.days"):
        await store.modify_reminder(5, reminder.id, lambda r: dataclasses.replace(r, days=("x",)))
    assert await store.list_reminders(5) == [changed]  # the refused change left no trace
