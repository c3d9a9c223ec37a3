"""/export, /forget and /privacy, driven through Telegram as a user would."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import UTC, datetime, timedelta

from chat import drain, onboard
from due import due_items

from bot.dispatcher import dispatcher_of
from bot.texts import pain as pain_texts
from domain.models import PainEntry, RoutineSession
from storage import new_id
from storage.store import user_file_path


async def seed(store, user_id: int) -> list[PainEntry]:
    start = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)
    entries = [
        PainEntry(
            id=new_id(),
            recorded_at=start + timedelta(days=i, hours=i),
            local_date=(start + timedelta(days=i)).date(),
            level=level,
            area="lower back" if i % 2 else None,
            note=note,
            source="message",
        )
        for i, (level, note) in enumerate([(6, 'stiff, "really"'), (4, ""), (2, "après yoga")])
    ]
    for entry in reversed(entries):  # stored out of order; the export sorts them
        await store.record_pain(user_id, entry)
    await store.save_session(
        user_id,
        RoutineSession(id=new_id(), routine_id="desk-break", started_at=start, status="completed"),
    )
    return entries


async def jobs_of(bot, user_id: int, wait_for_weekly: bool = False) -> list:
    for _ in range(100):
        items = due_items(bot, user_id)
        if not wait_for_weekly or any(item.kind == "weekly" for item in items):
            return items
        await asyncio.sleep(0.02)
    raise AssertionError(f"no weekly item for {user_id}")


async def test_export_sends_the_diary_as_csv_and_everything_as_json(bot):
    user = bot.emulator.user(301)
    await onboard(user)
    entries = await seed(bot.store, 301)
    await user.send("/export")
    intro, diary, data = await drain(user, 3)
    assert "everything" in intro.text
    assert diary.kind == "document" and diary.raw["document"]["file_name"] == "pain-diary.csv"
    assert data.kind == "document" and data.raw["document"]["file_name"] == "backcare-data.json"
    rows = list(csv.DictReader(io.StringIO(diary.file_path.read_text(encoding="utf-8"))))
    assert len(rows) == len(entries)
    assert [int(r["level"]) for r in rows] == [e.level for e in entries]
    assert rows[0]["time"] == "08:30"  # 07:30 UTC in Berlin winter time
    assert rows[0]["note"] == 'stiff, "really"' and rows[2]["note"] == "après yoga"
    exported = json.loads(data.file_path.read_text(encoding="utf-8"))
    assert exported["format"] == "backcare-bot export"
    assert exported["profile"]["time_zone"] == "Europe/Berlin"
    assert [p["level"] for p in exported["pain_diary"]] == [e.level for e in entries]
    assert len(exported["routine_sessions"]) == 1


async def test_export_is_what_the_user_owns_and_safe_to_open_in_a_spreadsheet(bot):
    """Issue 18: a time-zone column, routine ratings naming their routine and never among
    the pain rows, formula-like notes neutralised, and no internal state in the JSON."""
    user = bot.emulator.user(305)
    await onboard(user)
    await user.send("/pain")
    await drain(user, 2)  # today's list, the body map
    await user.press(pain_texts.NO_AREA_BUTTON)
    await user.next_message()
    await user.press("4")
    await drain(user, 2)  # the map's levels go, the confirmation asks for a note
    note = '=HYPERLINK("http://x.example","see") after lifting'  # a spreadsheet would run it
    await user.send(note)
    await user.next_message()
    start = datetime.now(UTC) - timedelta(hours=2)
    await bot.store.save_session(
        305,
        RoutineSession(
            id=new_id(),
            routine_id="desk-break",
            started_at=start,
            ended_at=start + timedelta(minutes=5),
            status="completed",
            pain_before=6,
            pain_after=3,
        ),
    )
    await bot.store.record_pain(  # as older versions stored a rating: not a diary row
        305,
        PainEntry(
            id=new_id(),
            recorded_at=start,
            local_date=start.date(),
            level=6,
            source="before_routine",
        ),
    )
    await user.send("/export")
    _, diary, data = await drain(user, 3)
    rows = list(csv.DictReader(io.StringIO(diary.file_path.read_text(encoding="utf-8"))))
    assert all(r["time_zone"] == "Europe/Berlin" for r in rows)
    pain_rows = [r for r in rows if r["kind"] == "pain"]
    assert [r["level"] for r in pain_rows] == ["4"]
    assert pain_rows[0]["note"] == "'" + note  # shown as text, never run
    title = bot.services.library.routines["desk-break"].title
    ratings = [(r["kind"], r["level"], r["routine"]) for r in rows if r["kind"] != "pain"]
    assert ratings == [("before routine", "6", title), ("after routine", "3", title)]
    raw = data.file_path.read_text(encoding="utf-8")
    for internal in ("awaiting", "red_flag_date", "unclear_report", "safety_check_date"):
        assert internal not in raw
    exported = json.loads(raw)
    assert [e["level"] for e in exported["pain_diary"]] == [4]
    (session,) = exported["routine_sessions"]
    assert (session["routine"], session["pain_before"], session["pain_after"]) == (title, 6, 3)


async def test_forget_yes_erases_the_file_and_every_job(bot):
    user = bot.emulator.user(302)
    await onboard(user)
    await seed(bot.store, 302)
    await user.send("/remind daily 07:30")
    await user.next_message()
    await jobs_of(bot, 302, wait_for_weekly=True)
    far = datetime.now(UTC) + timedelta(days=30)
    dispatcher_of(bot.application).schedule("reminder", 3021, far, "y")  # someone else's
    assert user_file_path(bot.data_dir, 302).exists()
    await user.send("/forget")
    question = await user.next_message()
    assert "cannot be undone" in question.text
    await user.press("Yes, erase everything")
    done = await user.next_message()
    assert "All your data is erased" in done.text and "/start" in done.text
    assert not user_file_path(bot.data_dir, 302).exists()
    assert not [p for p in bot.data_dir.rglob("*") if "302" in p.name]
    assert await jobs_of(bot, 302) == []
    assert [i.ref for i in await jobs_of(bot, 3021)] == ["y"]  # not theirs
    await bot.restart()  # and none comes back from the due index on disk
    assert await jobs_of(bot, 302) == []
    assert [i.ref for i in await jobs_of(bot, 3021)] == ["y"]


async def test_forget_no_keeps_everything(bot):
    user = bot.emulator.user(303)
    await onboard(user)
    entries = await seed(bot.store, 303)
    await jobs_of(bot, 303, wait_for_weekly=True)
    await user.send("/forget")
    await user.next_message()
    await user.press("No, keep it")
    kept = await user.next_message()
    assert "Nothing was erased" in kept.text
    assert len(await bot.store.pain_entries(303)) == len(entries)
    assert [i.kind for i in await jobs_of(bot, 303)] == ["weekly"]


async def test_user_who_starts_over_after_forget_gets_a_weekly_summary_again(bot):
    user = bot.emulator.user(304)
    await onboard(user)
    await jobs_of(bot, 304, wait_for_weekly=True)
    await user.send("/forget")
    await user.next_message()
    await user.press("Yes, erase everything")
    await user.next_message()
    await onboard(user, "Asia/Tokyo")
    assert [i.kind for i in await jobs_of(bot, 304, wait_for_weekly=True)] == ["weekly"]


async def test_privacy_explains_what_is_kept_and_how_to_export_or_erase(bot):
    user = bot.emulator.user(305)
    await onboard(user)
    await user.send("/privacy")
    text = (await user.next_message()).text
    assert "/export" in text and "/forget" in text
    assert "pain" in text and "time zone" in text and "third parties" in text
    # In the user's words, and true to storage/layout.py: no variable names, and the
    # diary is kept apart from the profile, a file per month.
    assert "DATA_DIR" not in text and "one file just for you" not in text
    assert "a file per month" in text and "runs this bot can read" in text
