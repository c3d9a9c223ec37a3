"""Treatments and factors on disk: a folder beside the diary, a file per month, set aside,
moved and erased with the rest of the user's data."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from domain.models import FactorEntry, PainEntry, User
from storage import (
    Store,
    diary_dir,
    diary_on_disk,
    factors_dir,
    factors_on_disk,
    new_id,
    user_file_path,
)


def factor(day: date, **kw) -> FactorEntry:
    at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    fields = {"id": new_id(), "recorded_at": at, "local_date": day, "kind": "medication"}
    return FactorEntry(**(fields | {"name": "ibuprofen"} | kw))


@pytest.fixture
async def store(tmp_path):
    opened = await Store.open(tmp_path / "data")
    try:
        await opened.save_user(User(user_id=7, chat_id=7, first_name="Ana"))
        await opened.record_pain(
            7,
            PainEntry(
                id=new_id(),
                recorded_at=datetime(2026, 1, 5, 9, tzinfo=UTC),
                local_date=date(2026, 1, 5),
                level=4,
            ),
        )
        yield opened
    finally:
        await opened.close()


async def test_factors_are_a_file_per_month_beside_the_diary_and_private(store):
    for day in (date(2025, 12, 31), date(2026, 1, 5), date(2026, 1, 6)):
        await store.record_factor(7, factor(day, amount=2, unit="tablets"))
    assert sorted(p.name for p in factors_dir(store.data_dir, 7).iterdir()) == [
        "2025-12.json",
        "2026-01.json",
    ]
    assert sorted(factors_on_disk(store.data_dir, 7)) == ["factors:2025-12", "factors:2026-01"]
    assert list(diary_on_disk(store.data_dir, 7)) == ["pain:2026-01"]  # the diary unchanged
    assert set(json.loads(user_file_path(store.data_dir, 7).read_text())) == {"profile", "_meta"}
    assert oct(factors_dir(store.data_dir, 7).stat().st_mode & 0o777) == "0o700"
    month = factors_dir(store.data_dir, 7) / "2026-01.json"
    assert oct(month.stat().st_mode & 0o777) == "0o600"
    store.clear_cache()
    assert len(await store.factor_entries(7)) == 3 and len(await store.pain_entries(7)) == 1


async def test_removing_a_months_last_factor_removes_its_file(store):
    only = factor(date(2025, 6, 10))
    await store.record_factor(7, only)
    await store.record_factor(7, factor(date(2025, 7, 1)))
    assert await store.delete_factor(7, only.id)
    assert list(factors_on_disk(store.data_dir, 7)) == ["factors:2025-07"]


async def test_a_corrupt_factors_month_is_set_aside_and_the_diary_is_kept(store):
    kept = factor(date(2026, 2, 1))
    await store.record_factor(7, factor(date(2026, 1, 5)))
    await store.record_factor(7, kept)
    (factors_dir(store.data_dir, 7) / "2026-01.json").write_text("{torn")
    store.clear_cache()
    assert await store.factor_entries(7) == [kept]
    assert len(await store.pain_entries(7)) == 1
    assert store.pop_quarantine_notice(7) is True
    (moved,) = (store.data_dir / "quarantine").glob("7-*-factors-2026-01.json")
    assert moved.read_text() == "{torn"


async def test_an_unreadable_main_file_is_set_aside_with_its_factors(store):
    await store.record_factor(7, factor(date(2026, 1, 5)))
    store.clear_cache()
    user_file_path(store.data_dir, 7).write_text("{torn")
    assert await store.get_user(7) is None
    assert await store.factor_entries(7) == []
    quarantine = store.data_dir / "quarantine"
    (main,) = quarantine.glob("7-*.json")
    (folder,) = quarantine.glob("7-*.factors")
    assert folder.name == main.name[:-5] + ".factors" and len(list(folder.iterdir())) == 1
    await store.forget_user(7)
    assert list(quarantine.iterdir()) == []


async def test_forgetting_a_user_removes_their_factors_folder(store):
    await store.record_factor(7, factor(date(2026, 1, 5)))
    await store.forget_user(7)
    assert not factors_dir(store.data_dir, 7).exists()
    assert not diary_dir(store.data_dir, 7).exists()
    assert await store.factor_entries(7) == []
