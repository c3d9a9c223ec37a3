"""Warning signs through Telegram: advice first, the entry still kept, /safety, the /start note."""

from __future__ import annotations

from datetime import date

from chat import drain, onboard

from bot import texts
from content import load_library
from domain.models import utcnow
from domain.preferences import WarningSign
from domain.redflags import Tier
from domain.schedule import local_date_of

ZONE = "Europe/Berlin"
TABLE = load_library().warning_signs


def today() -> date:
    return local_date_of(utcnow(), ZONE)


async def test_emergency_sign_in_a_pain_report_gets_emergency_advice_first_and_is_recorded(bot):
    user = bot.emulator.user(900)
    await onboard(user)
    await user.send("lower back 7 and my groin feels numb")
    advice, confirmation = await drain(user, 2)
    assert advice.text.startswith("🚨 " + TABLE.tiers[Tier.EMERGENCY].action)
    assert "local emergency number" in advice.text
    assert TABLE.signs["saddle_numbness"].words in advice.text
    assert "7/10" in confirmation.text
    (entry,) = await bot.store.pain_entries(user.id)
    assert (entry.level, entry.area) == (7, "lower back")
    preferences = (await bot.store.get_user(user.id)).preferences
    assert preferences.red_flag_date == today()
    assert preferences.warning_sign == WarningSign(today(), "emergency", ("saddle_numbness",))


async def test_same_day_sign_gets_see_a_doctor_today_and_when_to_get_help_now(bot):
    user = bot.emulator.user(901)
    await onboard(user)
    await user.send("running a fever and my back aches")
    advice = await user.next_message()
    assert advice.text.startswith("🩺 " + TABLE.tiers[Tier.SAME_DAY].action)
    assert TABLE.tiers[Tier.EMERGENCY].action in advice.text  # the way to escalate
    assert advice.text.index(TABLE.tiers[Tier.SAME_DAY].action) < advice.text.index(
        TABLE.tiers[Tier.EMERGENCY].action
    )


async def test_the_days_record_keeps_the_most_urgent_sign(bot):
    user = bot.emulator.user(902)
    await onboard(user)
    await user.send("the pain wakes me up every night")
    advice, question = await drain(user, 2)  # the diary asks where and how much: after it
    assert advice.text.startswith("📝 " + TABLE.tiers[Tier.MENTION].action)
    assert "Where does it hurt?" in question.body and question.buttons  # the body map
    await user.send("trouble starting to pee since yesterday")
    await user.next_message()
    await user.send("I have a fever and chills")
    await user.next_message()
    record = (await bot.store.get_user(user.id)).preferences.warning_sign
    assert record.tier == "emergency"
    assert record.codes == ("night_pain", "bladder_bowel", "fever")


async def test_calm_message_gets_no_advice(bot):
    user = bot.emulator.user(903)
    await onboard(user)
    await user.send("lower back 4, stiff after work. no numbness")
    assert "4/10" in (await user.next_message()).text
    await user.send("i slipped a disc 10 years ago")
    assert (await user.next_message()).text == texts.UNEXPECTED_TEXT  # nothing came before it
    preferences = (await bot.store.get_user(user.id)).preferences
    assert preferences.warning_sign is None and preferences.red_flag_date is None


async def test_safety_lists_every_sign_by_tier_most_urgent_first(bot):
    user = bot.emulator.user(904)
    await onboard(user)
    await user.send("/safety")
    shown = (await user.next_message()).text
    positions = [shown.index(advice.title) for advice in TABLE.tiers.values()]
    assert positions == sorted(positions)
    for tier, advice in TABLE.tiers.items():
        assert advice.action in shown
        for sign in TABLE.signs_of(tier):
            assert positions[list(TABLE.tiers).index(tier)] < shown.index(sign.words)


async def test_safety_is_in_help(bot):
    user = bot.emulator.user(905)
    await onboard(user)
    await user.send("/help")
    assert "/safety" in (await user.next_message()).text


async def test_start_note_is_built_from_the_table(bot):
    user = bot.emulator.user(906)
    await user.send("/start")
    _, note, _ = await drain(user, 3)
    assert "not medical advice" in note.text
    assert TABLE.overview in note.text
    for tier in (Tier.EMERGENCY, Tier.SAME_DAY):
        assert TABLE.tiers[tier].title in note.text
        for sign in TABLE.signs_of(tier):
            assert sign.words in note.text
    assert note.text.index(TABLE.tiers[Tier.EMERGENCY].title) < note.text.index(
        TABLE.tiers[Tier.SAME_DAY].title
    )
    assert "physiotherapist" not in note.text  # no routine advice for what can be an emergency
