"""The repository contract: what every storage backend promises the features.

Written once and run against each implementation of ``storage.Repository`` (today the
TinyDB ``Store``); a server-database backend is added to ``BACKENDS`` and must pass the
same tests, so features need not change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from domain.models import FactorEntry, PainEntry, Reminder, RoutineSession, User
from domain.preferences import Preferences
from storage import Repository, Store, UserNotFound, id_for_callback, id_for_message, new_id

T0 = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)


async def _tinydb_store(folder: Path) -> Store:
    return await Store.open(folder / "data")


BACKENDS: dict[str, Callable[[Path], Awaitable[Repository]]] = {"tinydb": _tinydb_store}


@pytest.fixture(params=sorted(BACKENDS))
async def repo(request, tmp_path) -> AsyncIterator[Repository]:
    opened = await BACKENDS[request.param](tmp_path)
    assert isinstance(opened, Repository)
    try:
        yield opened
    finally:
        await opened.close()


def user(uid: int = 1, **kw) -> User:
    return User(user_id=uid, chat_id=uid, first_name="Ana", timezone="Europe/Berlin", **kw)


def pain(day: int = 0, level: int = 4, **kw) -> PainEntry:
    at = T0 + timedelta(days=day)
    return PainEntry(
        **{"id": new_id(), "recorded_at": at, "local_date": at.date(), "level": level, **kw}
    )


def factor(day: int = 0, **kw) -> FactorEntry:
    at = T0 + timedelta(days=day)
    fields = {"id": new_id(), "recorded_at": at, "local_date": at.date()}
    return FactorEntry(**(fields | {"kind": "medication", "name": "ibuprofen"} | kw))


def reminder(minutes: int = 0, **kw) -> Reminder:
    created = T0 + timedelta(minutes=minutes)
    return Reminder(
        **{"id": new_id(), "kind": "checkin", "days": (0,), "time": "08:00", "created_at": created}
        | kw
    )


async def test_a_profile_round_trips_and_changes_field_by_field(repo):
    assert await repo.get_user(1) is None
    await repo.save_user(user())
    assert (await repo.get_user(1)).first_name == "Ana"
    changed = await repo.update_user(1, first_name="Bo")
    assert changed == await repo.get_user(1) and changed.timezone == "Europe/Berlin"
    with pytest.raises(UserNotFound):
        await repo.update_user(2, first_name="X")
    kept = await repo.modify_user(
        1,
        lambda u: dataclasses.replace(u, preferences=Preferences(pain_area="neck")),
    )
    assert (await repo.get_user(1)).preferences.pain_area == "neck" == kept.preferences.pain_area
    assert await repo.modify_user(3, lambda u: u) is None
    assert await repo.user_ids() == [1]


async def test_a_report_delivered_twice_is_stored_once(repo):
    """The same update handled again (after a crash) makes the same id: upserted."""
    await repo.save_user(user())
    entry_id = id_for_message(1, 77, T0)
    assert entry_id == id_for_message(1, 77, T0) != id_for_message(1, 78, T0)
    assert id_for_callback("q1") == id_for_callback("q1") != id_for_callback("q2")
    first = pain(id=entry_id, level=5)
    await repo.record_pain(1, first)
    again = dataclasses.replace(first, recorded_at=first.recorded_at + timedelta(seconds=3))
    await repo.record_pain(1, again)
    assert await repo.pain_entries(1) == [again]


async def test_a_report_handled_again_after_midnight_on_the_first_moves_not_doubles(repo):
    late = PainEntry(
        id="same-id1",
        recorded_at=datetime(2026, 2, 28, 23, 59, tzinfo=UTC),
        local_date=date(2026, 2, 28),
        level=3,
    )
    await repo.record_pain(1, late)
    next_day = dataclasses.replace(
        late, recorded_at=datetime(2026, 3, 1, 0, 1, tzinfo=UTC), local_date=date(2026, 3, 1)
    )
    await repo.record_pain(1, next_day)
    assert await repo.pain_entries(1) == [next_day]


async def test_the_diary_answers_windows_finds_replaces_and_deletes(repo):
    entries = [pain(day=d, level=-d % 11) for d in (-40, -3, -1, 0)]  # levels 0-10 only
    for entry in reversed(entries):
        await repo.record_pain(1, entry)
    assert await repo.pain_entries(1) == entries  # oldest first
    today = entries[-1].local_date
    recent = await repo.pain_entries(1, since=today - timedelta(days=2), until=today)
    assert recent == entries[2:]
    assert await repo.get_pain(1, entries[0].id) == entries[0]
    noted = dataclasses.replace(entries[0], note="after the roller")
    await repo.save_pain(1, noted)
    assert await repo.get_pain(1, noted.id) == noted
    assert await repo.delete_pain(1, noted.id) is True
    assert await repo.delete_pain(1, noted.id) is False
    assert await repo.pain_entries(1) == entries[1:]
    assert await repo.pain_entries(2) == []


async def test_routine_ratings_stored_as_entries_by_older_versions_are_not_the_diary(repo):
    """Before issue 18 a routine's before/after ratings were also stored as diary entries
    (sources before_routine/after_routine): they stay on disk but no diary read lists them."""
    diary = pain(day=0, level=3)
    legacy = [pain(day=0, level=6, source="before_routine"), pain(day=0, source="after_routine")]
    for entry in (*legacy, diary):
        await repo.record_pain(1, entry)
    today = diary.local_date
    assert await repo.pain_entries(1) == [diary]
    assert await repo.pain_entries(1, since=today, until=today) == [diary]
    assert await repo.get_pain(1, legacy[0].id) == legacy[0]  # kept, recognisable


async def test_preferences_ride_along_with_a_report(repo):
    await repo.save_user(user())
    await repo.record_pain(1, pain(), preferences={"pain_area": "neck"})
    assert (await repo.get_user(1)).preferences.pain_area == "neck"


async def test_reminders_are_upserted_by_id_listed_oldest_first_and_modified(repo):
    await repo.save_user(user())
    b, a = reminder(minutes=5), reminder(minutes=1)
    await repo.add_reminder(1, b)
    await repo.add_reminder(1, a)
    await repo.add_reminder(1, b)  # the same update handled again
    assert await repo.list_reminders(1) == [a, b]
    assert await repo.get_reminder(1, a.id) == a
    paused = await repo.modify_reminder(1, a.id, lambda r: dataclasses.replace(r, paused=True))
    assert paused.paused and await repo.get_reminder(1, a.id) == paused
    assert await repo.modify_reminder(1, "gone", lambda r: r) is None
    await repo.save_reminder(1, dataclasses.replace(b, time="09:00"))
    assert (await repo.get_reminder(1, b.id)).time == "09:00"
    assert await repo.delete_reminder(1, a.id) is True
    assert await repo.delete_reminder(1, a.id) is False
    pairs = await repo.all_reminders()
    assert [(u.user_id, r.id) for u, r in pairs] == [(1, b.id)]


async def test_sessions_and_the_open_one(repo):
    first = RoutineSession(id=new_id(), routine_id="r", started_at=T0, status="completed")
    second = RoutineSession(id=new_id(), routine_id="r", started_at=T0 + timedelta(hours=1))
    await repo.save_session(1, second)
    await repo.save_session(1, first)
    assert await repo.list_sessions(1) == [first, second]
    assert await repo.active_session(1) == second
    assert await repo.get_session(1, first.id) == first
    await repo.save_session(1, dataclasses.replace(second, status="aborted"))
    assert await repo.active_session(1) is None


async def test_every_user_is_listed_once_with_reminders_and_open_session(repo):
    for uid in (3, 300, 1):
        await repo.save_user(user(uid))
    await repo.add_reminder(300, r := reminder())
    session = RoutineSession(id=new_id(), routine_id="r", started_at=T0)
    await repo.save_session(3, session)
    streamed = [s async for s in repo.iter_users()]
    assert sorted(s.user.user_id for s in streamed) == [1, 3, 300]
    by_id = {s.user.user_id: s for s in await repo.all_users()}
    assert by_id[300].reminders == [r] and by_id[3].open_session == session
    assert by_id[1].reminders == [] and by_id[1].open_session is None


async def test_one_users_snapshot_is_what_the_listing_gives(repo):
    await repo.save_user(user(5))
    await repo.add_reminder(5, reminder())
    await repo.save_session(5, RoutineSession(id=new_id(), routine_id="r", started_at=T0))
    (listed,) = await repo.all_users()
    assert await repo.snapshot(5) == listed
    assert await repo.snapshot(6) is None


async def test_a_zone_this_tzdata_does_not_know_reads_back_cleared_and_is_told_once(repo):
    heard: list[tuple[int, str]] = []
    repo.on_user_problem(lambda uid, problem: heard.append((uid, problem)))
    await repo.save_user(user(1))
    await repo.update_user(1, timezone="Atlantis/Lost_City")  # renamed, or a restored backup
    await repo.add_reminder(1, r := reminder())
    for _ in range(2):
        got = await repo.get_user(1)
        assert got.timezone is None and got.preferences.zone_unknown == "Atlantis/Lost_City"
    assert (await repo.snapshot(1)).reminders == [r]
    assert heard == [(1, "zone_unknown")]


async def test_a_forgotten_user_is_gone_everywhere_and_listeners_hear_of_it(repo):
    heard: list[int] = []
    repo.on_user_forgotten(heard.append)
    await repo.save_user(user(1))
    await repo.save_user(user(2))
    await repo.record_pain(1, pain())
    await repo.record_factor(1, factor(amount=400, unit="mg"))
    await repo.add_reminder(1, reminder())
    exported = await repo.export_user(1)
    assert exported["profile"]["first_name"] == "Ana" and len(exported["pain"]) == 1
    assert [(f["name"], f["amount"], f["unit"]) for f in exported["factors"]] == [
        ("ibuprofen", 400, "mg")
    ]
    await repo.forget_user(1)
    assert heard == [1]
    assert await repo.get_user(1) is None and await repo.pain_entries(1) == []
    assert await repo.factor_entries(1) == []
    assert await repo.list_reminders(1) == [] and await repo.user_ids() == [2]
    assert [s.user.user_id for s in await repo.all_users()] == [2]


async def test_treatments_and_factors_are_kept_beside_the_diary_by_id(repo):
    """Recorded, listed oldest first by window, found, replaced, deleted; never in the diary."""
    took = factor(id=id_for_message(1, 5, T0), amount=400, unit="mg")
    walk = factor(day=-40, kind="activity", name="walked", amount=30, unit="min")
    badly = factor(day=-1, kind="sleep", name="slept badly", note="woke at 4")
    for entry in (took, walk, badly):
        await repo.record_factor(1, entry)
    await repo.record_factor(1, dataclasses.replace(took, recorded_at=T0 + timedelta(seconds=2)))
    took = dataclasses.replace(took, recorded_at=T0 + timedelta(seconds=2))  # stored once
    assert await repo.factor_entries(1) == [walk, badly, took]
    today = took.local_date
    assert await repo.factor_entries(1, since=today - timedelta(days=1), until=today) == [
        badly,
        took,
    ]
    assert await repo.get_factor(1, walk.id) == walk and await repo.get_factor(2, walk.id) is None
    assert await repo.pain_entries(1) == []
    assert await repo.delete_factor(1, walk.id) is True
    assert await repo.delete_factor(1, walk.id) is False
    assert await repo.factor_entries(1) == [badly, took]
    assert await repo.factor_entries(2) == []


async def test_a_factor_handled_again_after_midnight_on_the_first_moves_not_doubles(repo):
    late = factor(
        id="same-id2",
        recorded_at=datetime(2026, 2, 28, 23, 59, tzinfo=UTC),
        local_date=date(2026, 2, 28),
    )
    await repo.record_factor(1, late)
    again = dataclasses.replace(
        late, recorded_at=datetime(2026, 3, 1, 0, 1, tzinfo=UTC), local_date=date(2026, 3, 1)
    )
    await repo.record_factor(1, again)
    assert await repo.factor_entries(1) == [again]


async def test_an_impossible_factor_is_refused_not_stored(repo):
    for bad in (
        factor(name="  "),
        factor(amount=-3),
        factor(amount=float("nan")),
        factor(unit="mg"),  # a unit with no number
        factor(name="x" * 200),
    ):
        with pytest.raises(ValueError):
            await repo.record_factor(1, bad)
    assert await repo.factor_entries(1) == []
