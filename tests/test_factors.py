"""Treatments and factors through Telegram: plain words, /log buttons, Undo, export, erase."""

from __future__ import annotations

import re
from datetime import date

from chat import answer_to, csv_rows, drain, onboard

from bot import callbacks
from bot.keyboards import inline
from bot.texts import factors as factor_texts
from content import load_library
from domain.factors import PRESETS
from domain.models import utcnow
from domain.redflags import Tier
from domain.schedule import local_date_of

ZONE = "Europe/Berlin"
TABLE = load_library().warning_signs
MEDICINES = "ibuprofen advil nurofen paracetamol tylenol naproxen aspirin codeine tramadol".split()


def today() -> date:
    return local_date_of(utcnow(), ZONE)


async def test_took_ibuprofen_400_is_noted_as_medication_with_undo_and_is_in_the_csv(bot):
    user = bot.emulator.user(501)
    await onboard(user)
    await user.send("took ibuprofen 400")
    confirmation = await user.next_message()
    assert confirmation.text == "💊 Noted: ibuprofen 400 (medication), today."
    assert confirmation.button_texts == [factor_texts.UNDO_BUTTON]
    (entry,) = await bot.store.factor_entries(user.id)
    assert (entry.kind, entry.name, entry.amount, entry.unit) == (
        "medication",
        "ibuprofen",
        400,
        "",
    )
    assert entry.local_date == today() and await bot.store.pain_entries(user.id) == []
    rows = await csv_rows(user)
    (row,) = [r for r in rows if r["kind"] == "medication"]
    assert (row["factor"], row["amount"], row["unit"], row["level"]) == ("ibuprofen", "400", "", "")
    assert row["date"] == today().isoformat() and row["time_zone"] == ZONE


async def test_a_dose_is_never_taken_for_a_pain_level(bot):
    user = bot.emulator.user(512)
    await onboard(user)
    await user.send("ibuprofen 400")
    assert (await user.next_message()).text == "💊 Noted: ibuprofen 400 (medication), today."
    assert await bot.store.pain_entries(user.id) == []


async def test_undo_removes_the_noted_entries_of_that_message(bot):
    user = bot.emulator.user(502)
    await onboard(user)
    await user.send("2 paracetamol and a heat pack 20 min")
    confirmation = await user.next_message()
    assert "paracetamol 2" in confirmation.text and "heat pack 20 min" in confirmation.text
    assert len(await bot.store.factor_entries(user.id)) == 2
    await user.press(factor_texts.UNDO_BUTTON)
    removed = await user.next_message()
    assert removed.message_id == confirmation.message_id and removed.text.startswith("↩️ Removed")
    assert removed.button_texts == []
    assert await bot.store.factor_entries(user.id) == []
    assert not [r for r in await csv_rows(user) if r["kind"] != "pain"]


async def test_a_treatment_and_a_pain_level_in_one_message_are_both_noted(bot):
    user = bot.emulator.user(503)
    await onboard(user)
    await user.send("took 2 ibuprofen, pain 6")
    factor, pain = await drain(user, 2)
    assert factor.text == "💊 Noted: ibuprofen 2 (medication), today."
    assert "6/10" in pain.text
    (entry,) = await bot.store.pain_entries(user.id)
    assert entry.level == 6 and entry.note == "took 2 ibuprofen"
    assert [f.name for f in await bot.store.factor_entries(user.id)] == ["ibuprofen"]


async def test_a_pain_report_naming_its_cause_stays_a_pain_report_with_its_note(bot):
    user = bot.emulator.user(504)
    await onboard(user)
    await user.send("pain 6 after sitting all day")
    confirmation = await user.next_message()
    assert "6/10" in confirmation.text and "after sitting all day" in confirmation.text
    (entry,) = await bot.store.pain_entries(user.id)
    assert entry.note == "after sitting all day"
    assert await bot.store.factor_entries(user.id) == []
    await user.send("hi")  # nothing else was sent for the report: the next is the greeting
    assert "Hi" in (await user.next_message()).text


async def test_warning_sign_advice_comes_first_and_the_treatment_is_still_noted(bot):
    user = bot.emulator.user(505)
    await onboard(user)
    await user.send("took 2 paracetamol, my groin feels numb")
    advice, confirmation = await drain(user, 2)
    assert advice.text.startswith("🚨 " + TABLE.tiers[Tier.EMERGENCY].action)
    assert confirmation.text.startswith("💊 Noted: paracetamol 2")


async def test_log_buttons_note_a_choice_and_then_offer_it_as_the_users_own(bot):
    user = bot.emulator.user(506)
    await onboard(user)
    await user.send("/log")
    question = await user.next_message()
    assert "What would you like to note?" in question.text
    assert "🚶 Activity" in question.button_texts and "💊 Medication" in question.button_texts
    await user.press("🚶 Activity")
    choices = await user.next_message()
    assert choices.message_id == question.message_id
    assert list(PRESETS["activity"]) == choices.button_texts[: len(PRESETS["activity"])]
    await user.press("walk")
    confirmation = await user.next_message()
    assert confirmation.text == "🚶 Noted: walk (activity), today."
    assert confirmation.button_texts == [factor_texts.UNDO_BUTTON]
    await user.send("/log")
    again = await user.next_message()
    assert again.button_texts[0] == "🚶 walk"  # their own, first
    await user.press("🚶 walk")
    await user.next_message()
    entries = await bot.store.factor_entries(user.id)
    assert [(e.kind, e.name, e.source) for e in entries] == [("activity", "walk", "button")] * 2
    assert (await bot.store.get_user(user.id)).awaiting is None


async def test_log_takes_a_typed_name_and_amount_as_written(bot):
    user = bot.emulator.user(507)
    await onboard(user)
    await user.send("/log")
    await user.next_message()
    await user.press("💊 Medication")
    prompt = await user.next_message()
    assert prompt.button_texts == [factor_texts.OTHER_KIND_BUTTON]  # no medicine is offered
    await user.send("400")
    problem = await user.next_message()
    assert problem.body.startswith("🤔")  # a name is needed: still waiting for it
    await user.send("Naproxen 250 mg")
    confirmation = await user.next_message()
    assert confirmation.text == "💊 Noted: Naproxen 250 mg (medication), today."
    (entry,) = await bot.store.factor_entries(user.id)
    assert (entry.name, entry.amount, entry.unit) == ("Naproxen", 250, "mg")
    assert (await bot.store.get_user(user.id)).awaiting is None


async def test_an_edited_message_updates_what_it_noted_and_the_level_too(bot):
    user = bot.emulator.user(513)
    await onboard(user)
    sent = await user.send("took ibuprofen 400, pain 6")
    await drain(user, 2)
    (noted,) = await bot.store.factor_entries(user.id)
    await user.edit(sent["message_id"], "took ibuprofen 200, pain 5")
    updated, level = await drain(user, 2)
    assert updated.text == "✏️ Updated: ibuprofen 200 (medication)."
    assert updated.button_texts == [factor_texts.UNDO_BUTTON]
    assert "5/10" in level.text
    (entry,) = await bot.store.factor_entries(user.id)
    assert (entry.id, entry.amount, entry.recorded_at) == (noted.id, 200, noted.recorded_at)
    await user.edit(sent["message_id"], "took ibuprofen 200, pain 4")  # only the level
    assert "4/10" in (await user.next_message()).text
    chatter = await user.send("see you at 7")
    await user.next_message()
    await user.edit(chatter["message_id"], "walked 30 min")
    assert (await user.next_message()).text == "🚶 Noted: walked 30 min (activity), today."
    assert [e.name for e in await bot.store.factor_entries(user.id)] == ["ibuprofen", "walked"]


async def test_a_pain_report_sent_instead_of_a_name_is_a_pain_report(bot):
    user = bot.emulator.user(508)
    await onboard(user)
    await user.send("/log")
    await user.next_message()
    await user.press("😴 Sleep")
    await user.next_message()
    await user.send("pain 5")
    assert "5/10" in (await user.next_message()).text
    assert await bot.store.factor_entries(user.id) == []
    assert (await bot.store.get_user(user.id)).awaiting is None


async def test_forget_erases_the_treatments_and_factors(bot):
    user = bot.emulator.user(509)
    await onboard(user)
    await user.send("heat pack 20 min")
    await user.next_message()
    assert await bot.store.factor_entries(user.id)
    await user.send("/forget")
    question = await user.next_message()
    assert "treatments and factors" in question.text
    await user.press("Yes, erase everything")
    await user.next_message()
    assert await bot.store.factor_entries(user.id) == []


async def test_a_question_about_a_medicine_gets_no_advice_only_where_to_ask(bot):
    user = bot.emulator.user(510)
    await onboard(user)
    for question in ("how much ibuprofen can I take?", "should I take paracetamol?"):
        await user.send(question)
        answer = await user.next_message()
        assert answer.text == re.sub(r"<[^>]+>", "", factor_texts.MEDICINE_QUESTION)
    assert await bot.store.factor_entries(user.id) == []


def test_no_text_of_the_factor_log_names_a_medicine_or_a_dose():
    """The bot keeps the user's words and never suggests a drug or a dose: none of its
    texts names a medicine the parser knows, or a number with a dose unit."""
    words = [
        value
        for value in vars(factor_texts).values()
        for value in (value.values() if isinstance(value, dict) else [value])
        if isinstance(value, str)
    ]
    assert len(words) > 10
    for text in words:
        assert not re.search(r"\d\s*(?:mg|mcg|ml|g|tablets?|pills?)\b", text, re.I), text
        for medicine in MEDICINES:
            assert medicine not in text.lower(), text
        assert not re.search(r"\b(?:you should take|take \d|recommended dose)\b", text, re.I)


async def test_log_is_in_the_command_menu_and_help(bot):
    user = bot.emulator.user(511)
    await onboard(user)
    assert "log" in [c["command"] for c in bot.emulator.commands]
    await user.send("/help")
    assert "/log" in (await user.next_message()).text


async def test_an_undo_forged_for_someone_elses_entry_changes_nothing(bot):
    owner, other = bot.emulator.user(514), bot.emulator.user(515)
    await onboard(owner)
    await onboard(other)
    await owner.send("heat pack 20 min")
    await owner.next_message()
    (entry,) = await bot.store.factor_entries(owner.id)
    forged = inline([[("Undo it", callbacks.UndoFactor(entry.id).pack())]])
    await bot.application.bot.send_message(other.id, "forged", reply_markup=forged)
    await other.next_message()
    query = await other.press("Undo it")
    answer = await answer_to(other, query)
    assert answer.text == factor_texts.ALREADY_GONE
    assert await bot.store.factor_entries(owner.id) == [entry]
    assert other.drain() == []  # nothing sent or edited


async def test_other_kinds_goes_back_to_the_log_buttons_and_drops_the_question(bot):
    user = bot.emulator.user(516)
    await onboard(user)
    await user.send("/log")
    await user.next_message()
    await user.press("🤲 Therapy")
    await user.next_message()
    assert (await bot.store.get_user(user.id)).awaiting is not None
    await user.press(factor_texts.OTHER_KIND_BUTTON)
    back = await user.next_message()
    assert "💊 Medication" in back.button_texts
    assert (await bot.store.get_user(user.id)).awaiting is None
