"""The promise after a serious warning sign, through Telegram: routines and routine
reminders wait until a doctor has checked the person; severe pain gets advice once a day."""

from __future__ import annotations

from datetime import timedelta

from chat import drain, onboard, screened
from due import run_due
from test_reminders import create, one_reminder, the_job

from bot.texts import safety as texts
from content import load_library
from domain.models import utcnow
from domain.redflags import Tier
from domain.safety_hold import ASK_AGAIN_AFTER_DAYS, SafetyHold
from domain.schedule import local_date_of
from storage import update_preferences

ZONE = "Europe/Berlin"
TABLE = load_library().warning_signs


def today():
    return local_date_of(utcnow(), ZONE)


async def held_user(bot, uid: int, message: str = "back 6, trouble starting to pee since monday"):
    """An onboarded, screened user who reports a pain level with ``message``: the advice
    and the diary's confirmation are read here."""
    user = bot.emulator.user(uid)
    await onboard(user)
    await screened(bot, uid)
    await user.send(message)
    advice, confirmation = await drain(user, 2)
    assert "/10" in confirmation.text
    return user, advice


async def test_an_emergency_sign_holds_routines_until_a_doctor_has_checked(bot):
    user, advice = await held_user(bot, 950)
    assert TABLE.hold in advice.text
    assert advice.button_texts == [texts.DOCTOR_CHECKED_BUTTON]
    await user.send("/routine")
    held = await user.next_message()
    assert held.text.startswith("⏸ Routines are on hold")
    assert held.button_texts == [texts.DOCTOR_CHECKED_BUTTON]
    await user.send("/routine 10 min ball")  # a search is a suggestion too
    assert (await user.next_message()).text.startswith("⏸ Routines are on hold")
    await user.send("/tools")
    assert (await user.next_message()).text.startswith("⏸ Routines are on hold")

    await user.press(texts.DOCTOR_CHECKED_BUTTON, message_id=held.message_id)
    pressed, lifted = await drain(user, 2)
    assert pressed.message_id == held.message_id and pressed.buttons == []  # button gone
    assert lifted.text == texts.HOLD_LIFTED
    assert (await bot.store.get_user(950)).preferences.safety_hold is None
    await user.send("/routine")
    assert not (await user.next_message()).text.startswith("⏸")


async def test_an_old_routine_button_is_held_too(bot):
    user = bot.emulator.user(951)
    await onboard(user)
    await screened(bot, 951)
    await user.send("/routine")
    equipment = await user.next_message()
    await user.press("Done", message_id=equipment.message_id)
    menu = await user.next_message()
    while not any(d.startswith("rt:goal:") for row in menu.buttons for _, d in row):
        menu = await user.next_message()
    await user.send("back 7, both my legs feel weak and numb")
    await drain(user, 2)
    goal = next(d for row in menu.buttons for _, d in row if d.startswith("rt:goal:"))
    await user.press(goal, message_id=menu.message_id)
    assert (await user.next_message()).text.startswith("⏸ Routines are on hold")


async def test_a_routine_reminder_says_why_it_is_quiet_and_a_check_in_still_asks(bot):
    user, _ = await held_user(bot, 952, "running a fever and my back aches, 5")
    await create(user, "daily 07:30")
    reminder = await one_reminder(bot, 952)
    await run_due(bot, the_job(bot, 952, reminder.id))
    message = await user.next_message()
    assert message.text.startswith("⏸ Routine reminder on hold")
    assert "\n" not in message.text  # one line
    data = [d for row in message.buttons for _, d in row]
    assert not any(d.startswith("rt:") for d in data)  # no routine offered
    assert not any(d.startswith("rem:snz:") for d in data)  # nothing to snooze for
    assert texts.DOCTOR_CHECKED_BUTTON in message.button_texts


async def test_saying_a_doctor_has_checked_offers_the_button_that_lifts_the_hold(bot):
    user, _ = await held_user(bot, 953)
    await user.send("I saw my GP this morning, all fine")
    offer = await user.next_message()
    assert offer.text == texts.SEEN_OFFER
    assert (await bot.store.get_user(953)).preferences.safety_hold is not None  # words: no
    await user.press(texts.DOCTOR_CHECKED_BUTTON, message_id=offer.message_id)
    assert texts.HOLD_LIFTED in [m.text for m in await drain(user, 2)]
    assert (await bot.store.get_user(953)).preferences.safety_hold is None


async def test_a_new_sign_that_mentions_an_earlier_visit_keeps_the_hold(bot):
    user, _ = await held_user(bot, 960)
    await user.send("went to A&E last week, now I lost control of my bladder")
    advice = await user.next_message()
    assert advice.text.startswith("🚨")
    assert (await bot.store.get_user(960)).preferences.safety_hold.tier == "emergency"
    await user.send("/routine")
    assert (await user.next_message()).text.startswith("⏸ Routines are on hold")


async def test_a_ten_after_a_sign_to_mention_still_gets_the_advice(bot):
    user, _ = await held_user(bot, 961, "back 4, my left foot has been tingly for a week")
    await user.send("pain 10")
    confirmation, advice = await drain(user, 2)
    assert "10/10" in confirmation.text and advice.text.startswith("10/10 is the worst pain")


async def test_a_sign_to_mention_keeps_routines_available(bot):
    user, advice = await held_user(bot, 954, "back 4, my left foot has been tingly for a week")
    assert TABLE.hold not in advice.text and advice.button_texts == []
    await user.send("/routine")
    assert not (await user.next_message()).text.startswith("⏸")


async def test_after_a_few_days_the_bot_asks_gently_once(bot):
    user = bot.emulator.user(955)
    await onboard(user)
    since = today() - timedelta(days=ASK_AGAIN_AFTER_DAYS)
    hold = SafetyHold(since=since, tier="emergency")
    await update_preferences(bot.store, 955, safety_hold=hold)
    await user.send("pain 4")
    asked, confirmation = await drain(user, 2)
    assert asked.text == texts.ask_seen(SafetyHold(since, "emergency"), TABLE)
    assert TABLE.tiers[Tier.EMERGENCY].action in asked.text  # not seen yet: don't wait
    assert asked.button_texts == [texts.DOCTOR_CHECKED_BUTTON]
    assert "4/10" in confirmation.text
    await user.send("pain 3")
    assert "3/10" in (await user.next_message()).text  # not asked again the same day
    assert user.drain() == []


async def test_a_single_ten_gets_the_advice_once_that_day(bot):
    user = bot.emulator.user(956)
    await onboard(user)
    await user.send("pain 10")
    confirmation, advice = await drain(user, 2)
    assert "10/10" in confirmation.text
    assert advice.text.startswith("10/10 is the worst pain")
    assert TABLE.tiers[next(iter(TABLE.tiers))].action in advice.text  # how to escalate
    await user.send("pain 10")
    await user.next_message()
    assert user.drain() == []


async def test_an_unrecognised_mention_gets_the_emergency_check_and_yes_holds_routines(bot):
    user = bot.emulator.user(957)
    await onboard(user)
    await user.send("back 6, urine only comes in drops since yesterday")
    question, confirmation = await drain(user, 2)
    assert question.text.startswith("🛡 Just to be safe")
    for sign in TABLE.signs_of(Tier.EMERGENCY):
        assert sign.words in question.text
    assert "6/10" in confirmation.text  # the report is still recorded
    await user.press(texts.CHECK_YES_BUTTON, message_id=question.message_id)
    _, advice = await drain(user, 2)  # the buttons go, then the advice
    assert advice.text.startswith("🚨 " + TABLE.tiers[Tier.EMERGENCY].action)
    assert advice.button_texts == [texts.DOCTOR_CHECKED_BUTTON]
    assert (await bot.store.get_user(957)).preferences.safety_hold.tier == "emergency"
    await user.send("/routine")
    assert (await user.next_message()).text.startswith("⏸ Routines are on hold")


async def test_no_to_the_check_changes_nothing_and_it_is_asked_once_a_day(bot):
    user = bot.emulator.user(958)
    await onboard(user)
    await user.send("back 5, the toilet trips are strange")
    question, _ = await drain(user, 2)
    await user.press(texts.CHECK_NO_BUTTON, message_id=question.message_id)
    _, thanks = await drain(user, 2)
    assert thanks.text == texts.CHECK_NO_THANKS
    assert (await bot.store.get_user(958)).preferences.safety_hold is None
    await user.send("back 4, toilet still strange")
    assert "4/10" in (await user.next_message()).text
    assert user.drain() == []  # not asked twice the same day


async def test_a_calm_message_gets_no_check(bot):
    user = bot.emulator.user(959)
    await onboard(user)
    await user.send("back 3, no trouble peeing, just stiff")
    assert "3/10" in (await user.next_message()).text
    assert user.drain() == []
