"""Treatments and factors of another day of the past week, and the words kept beside them,
through Telegram: "took ibuprofen 400 yesterday" is noted on yesterday's local date, said so,
and exported with that date; "took 2 ibuprofen with food" keeps "with food" as its note."""

from __future__ import annotations

from datetime import date, timedelta

from chat import csv_rows, onboard

from bot.texts import factors as factor_texts
from domain.models import utcnow
from domain.schedule import local_date_of

ZONE = "Europe/Berlin"


def today() -> date:
    return local_date_of(utcnow(), ZONE)


async def test_took_ibuprofen_400_yesterday_is_noted_on_yesterday_and_exported_so(bot):
    user = bot.emulator.user(531)
    await onboard(user)
    await user.send("took ibuprofen 400 yesterday")
    confirmation = await user.next_message()
    assert confirmation.text == "💊 Noted: ibuprofen 400 (medication), yesterday."
    assert confirmation.button_texts == [factor_texts.UNDO_BUTTON]
    (entry,) = await bot.store.factor_entries(user.id)
    assert (entry.kind, entry.name, entry.amount) == ("medication", "ibuprofen", 400)
    assert entry.local_date == today() - timedelta(days=1)
    assert await bot.store.pain_entries(user.id) == []
    (row,) = [r for r in await csv_rows(user) if r["kind"] == "medication"]
    assert row["date"] == (today() - timedelta(days=1)).isoformat()
    assert (row["factor"], row["amount"]) == ("ibuprofen", "400")


async def test_last_nights_bad_sleep_is_noted_on_the_morning_after(bot):
    user = bot.emulator.user(532)
    await onboard(user)
    await user.send("slept badly last night")
    assert (await user.next_message()).text == "😴 Noted: slept badly (sleep), today."
    (entry,) = await bot.store.factor_entries(user.id)
    assert entry.local_date == today()


async def test_a_factor_from_further_back_than_a_week_is_not_put_on_a_guessed_day(bot):
    user = bot.emulator.user(533)
    await onboard(user)
    await user.send("took ibuprofen last week")
    shown = factor_texts.TOO_FAR_BACK.replace("<i>", "").replace("</i>", "")
    assert (await user.next_message()).text == shown
    assert await bot.store.factor_entries(user.id) == []
    assert await bot.store.pain_entries(user.id) == []


async def test_words_beside_a_treatment_are_kept_as_its_note_and_exported(bot):
    user = bot.emulator.user(534)
    await onboard(user)
    await user.send("took 2 ibuprofen with food")
    confirmation = await user.next_message()
    assert confirmation.text == "💊 Noted: ibuprofen 2 (medication: with food), today."
    (entry,) = await bot.store.factor_entries(user.id)
    assert (entry.name, entry.amount, entry.note) == ("ibuprofen", 2, "with food")
    (row,) = [r for r in await csv_rows(user) if r["kind"] == "medication"]
    assert (row["factor"], row["amount"], row["note"]) == ("ibuprofen", "2", "with food")


async def test_an_edit_that_names_yesterday_moves_the_entry_there(bot):
    user = bot.emulator.user(535)
    await onboard(user)
    sent = await user.send("took ibuprofen 400")
    await user.next_message()
    (noted,) = await bot.store.factor_entries(user.id)
    assert noted.local_date == today()
    await user.edit(sent["message_id"], "took ibuprofen 400 yesterday")
    updated = await user.next_message()
    assert updated.text == "✏️ Updated: ibuprofen 400 (medication), yesterday."
    (entry,) = await bot.store.factor_entries(user.id)
    assert (entry.id, entry.recorded_at) == (noted.id, noted.recorded_at)
    assert entry.local_date == today() - timedelta(days=1)
