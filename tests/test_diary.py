"""Browsing and correcting the diary through Telegram: earlier days, edits, delete + Undo."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from chat import drain, onboard

from bot import callbacks
from bot.texts import diary as texts
from domain.models import PainEntry, utcnow
from domain.schedule import local_date_of
from storage import new_id

ZONE = "Europe/Berlin"


async def seed(bot, user_id: int, level: int, days_ago: int, **kw) -> PainEntry:
    at = utcnow() - timedelta(days=days_ago)
    entry = PainEntry(
        id=new_id(), recorded_at=at, local_date=local_date_of(at, ZONE), level=level, **kw
    )
    await bot.store.record_pain(user_id, entry)
    return entry


def entry_button_of(message, entry: PainEntry) -> str:
    data = callbacks.DiaryEntry(entry.id).pack()
    assert data in [d for row in message.buttons for _, d in row], message.buttons
    return data


async def test_earlier_days_can_be_browsed_from_pain_and_an_entry_corrected(bot):
    user = bot.emulator.user(701)
    await onboard(user)
    old = await seed(bot, 701, 3, days_ago=1, area="lower back", note="long drive")
    await user.send("pain 5")
    await user.next_message()
    await user.send("/pain")
    listing = await user.next_message()
    await user.next_message()  # the body map, asking where it hurts now
    assert texts.EARLIER_BUTTON in listing.button_texts
    assert texts.CORRECT_BUTTON in listing.button_texts
    await user.press(texts.EARLIER_BUTTON)
    day = await user.next_message()
    assert day.message_id == listing.message_id  # edited in place
    assert "Yesterday" in day.text and "lower back 3/10" in day.text and "long drive" in day.text
    assert "Today ▶" in day.button_texts
    await user.press(entry_button_of(day, old))
    shown = await user.next_message()
    assert "What would you like to change?" in shown.text
    await user.press(texts.LEVEL_BUTTON)
    await user.next_message()
    await user.press(callbacks.DiaryEdit(old.id, "level", "6").pack())
    changed = await user.next_message()
    assert texts.CHANGED in changed.text and "6/10" in changed.text
    await user.press(texts.AREA_BUTTON)
    await user.next_message()
    await user.press("neck & shoulders")
    await user.next_message()
    await user.press(texts.NOTE_BUTTON)
    await user.next_message()
    await user.send("after the long drive home")
    noted = await user.next_message()
    assert "after the long drive home" in noted.text
    stored = await bot.store.get_pain(701, old.id)
    assert (stored.level, stored.area, stored.note) == (
        6,
        "neck & shoulders",
        "after the long drive home",
    )
    assert stored.local_date == old.local_date and stored.recorded_at == old.recorded_at
    assert len(await bot.store.pain_entries(701)) == 2  # corrected, not added


async def test_a_day_named_in_words_shows_its_entries_and_a_deletion_can_be_undone(bot):
    user = bot.emulator.user(702)
    await onboard(user)
    old = await seed(bot, 702, 7, days_ago=3, note="moved the sofa")
    await user.send(f"/pain {old.local_date.isoformat()}")
    day = await user.next_message()
    assert "7/10" in day.text and "moved the sofa" in day.text
    await user.press(entry_button_of(day, old))
    await user.next_message()
    await user.press(texts.DELETE_BUTTON)
    removed = await user.next_message()
    assert "Removed" in removed.text and texts.UNDO_BUTTON in removed.button_texts
    assert await bot.store.pain_entries(702) == []
    await user.press(texts.UNDO_BUTTON)
    restored = await user.next_message()
    assert texts.RESTORED in restored.text
    assert await bot.store.pain_entries(702) == [old]  # the same entry, id and all
    user.forge_press(callbacks.DiaryRestore(old.id).pack(), removed)  # pressed again
    await asyncio.sleep(0.3)
    assert user.callback_answers[-1].text == texts.CANNOT_UNDO  # undone once only
    assert await bot.store.pain_entries(702) == [old]


async def test_a_day_that_cannot_be_read_or_is_in_the_future_gets_a_friendly_answer(bot):
    user = bot.emulator.user(703)
    await onboard(user)
    await user.send("/pain banana")
    assert "couldn't tell which day" in (await user.next_message()).text
    tomorrow = (local_date_of(utcnow(), ZONE) + timedelta(days=1)).isoformat()
    await user.send(f"/pain {tomorrow}")
    assert "hasn't happened yet" in (await user.next_message()).text
    await user.send("/pain yesterday")
    assert texts.NOTHING_THAT_DAY in (await user.next_message()).text
    await user.send("/pain 4")  # meant as a report: the buttons log it in one tap
    hint = await user.next_message()
    assert "plain message" in hint.text and "4" in hint.button_texts
    await user.press("4")
    await drain(user, 2)
    assert [e.level for e in await bot.store.pain_entries(703)] == [4]


async def test_another_users_entry_cannot_be_opened_changed_or_deleted(bot):
    owner, other = bot.emulator.user(704), bot.emulator.user(705)
    await onboard(owner)
    await onboard(other)
    entry = await seed(bot, 704, 4, days_ago=1)
    await other.send("/pain yesterday")
    day = await other.next_message()
    for data in (
        callbacks.DiaryEntry(entry.id),
        callbacks.DiaryEdit(entry.id, "level", "9"),
        callbacks.DiaryDelete(entry.id),
    ):
        other.forge_press(data.pack(), day)
        await asyncio.sleep(0.3)
        assert other.callback_answers[-1].text == texts.GONE
    assert await bot.store.pain_entries(704) == [entry]


async def test_routine_ratings_stored_by_older_versions_stay_out_of_pain_and_its_trend(bot):
    """Before issue 18, before/after ratings were also stored as diary entries (sources
    before_routine/after_routine): /pain, the trend and the day view never show them."""
    user = bot.emulator.user(706)
    await onboard(user)
    await seed(bot, 706, 8, days_ago=1, source="after_routine", area="lower back")
    legacy = await seed(bot, 706, 9, days_ago=0, source="before_routine")
    await user.send("pain 3")
    confirmation = await user.next_message()
    assert "3/10" in confirmation.text and "from yesterday" not in confirmation.text
    await user.send("/pain")
    listing = await user.next_message()
    await user.next_message()  # the body map
    assert "3/10" in listing.text and "9/10" not in listing.text
    await user.send("/pain yesterday")
    assert texts.NOTHING_THAT_DAY in (await user.next_message()).text
    assert await bot.store.get_pain(706, legacy.id) == legacy  # kept on disk, apart
