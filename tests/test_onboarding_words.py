"""A newcomer's first messages and everyday words, through Telegram as a user would.

The time-zone question lets through what is clearly something else (a pain report, a
warning sign, "hi", a command) and is asked again after it; greetings, thanks and "help"
get a natural answer; pain in words gets a gentle ask; after /forget the next message,
whatever it is, gets the welcome and the safety note again.
"""

from __future__ import annotations

from chat import drain, onboard

from bot import texts
from bot.texts import pain as pain_texts
from bot.texts import safety as safety_texts
from content import load_library
from domain.redflags import Tier, detect_warning_signs
from domain.schedule import local_date_of

TABLE = load_library().warning_signs
AHEAD = "Pacific/Kiritimati"  # UTC+14: its date differs from UTC's most of the day


async def _at_zone_question(user) -> None:
    await user.send("/start")
    await drain(user, 3)


def _asks_zone_again(message) -> bool:
    buttons = [text for row in (message.reply_keyboard or []) for text, _ in row]
    return message.text.startswith("🕰 One more thing") and texts.SHARE_LOCATION_BUTTON in buttons


async def test_pain_report_at_the_zone_question_is_kept_and_the_zone_asked_again(bot):
    user = bot.emulator.user(1801)
    await _at_zone_question(user)
    await user.send("pain 4")
    noted, again = await drain(user, 2)
    assert "Noted" in noted.text and "4/10" in noted.text
    assert noted.button_texts == [pain_texts.UNDO_BUTTON]
    assert _asks_zone_again(again)
    await user.send(AHEAD)
    assert AHEAD in (await user.next_message()).text
    (entry,) = await bot.store.pain_entries(user.id)
    assert entry.level == 4
    assert entry.local_date == local_date_of(entry.recorded_at, AHEAD)  # its own date
    assert (await bot.store.get_user(user.id)).timezone == AHEAD


async def test_command_at_the_zone_question_is_answered_and_the_zone_asked_again(bot):
    user = bot.emulator.user(1802)
    await _at_zone_question(user)
    await user.send("/help")
    help_reply, again = await drain(user, 2)
    assert "/pain" in help_reply.text
    assert _asks_zone_again(again)
    await user.send("Tokyo")
    assert "Asia/Tokyo" in (await user.next_message()).text


async def test_warning_sign_at_the_zone_question_gets_the_advice_first(bot):
    user = bot.emulator.user(1803)
    await _at_zone_question(user)
    typed = "back 6 and I suddenly can't control my bladder"
    await user.send(typed)
    advice, noted, again = await drain(user, 3)
    assert detect_warning_signs(typed)
    assert advice.text.startswith("🚨 " + TABLE.tiers[Tier.EMERGENCY].action)  # first
    assert "6/10" in noted.text
    assert _asks_zone_again(again)
    assert [e.level for e in await bot.store.pain_entries(user.id)] == [6]


async def test_hi_at_the_zone_question_is_answered_and_the_zone_asked_again(bot):
    user = bot.emulator.user(1804)
    await _at_zone_question(user)
    await user.send("hi")
    greeting, again = await drain(user, 2)
    assert greeting.text == texts.GREETING_REPLY
    assert _asks_zone_again(again)
    assert (await bot.store.get_user(user.id)).timezone is None


async def test_greetings_thanks_and_help_get_natural_answers(bot):
    user = bot.emulator.user(1805)
    await onboard(user)
    answers = {}
    for typed in ("hi", "thanks!", "help", "what is the meaning of life?"):
        await user.send(typed)
        answers[typed] = (await user.next_message()).text
    assert answers["hi"] == texts.GREETING_REPLY
    assert answers["thanks!"] == texts.THANKS_REPLY
    assert answers["help"].startswith("🙂 Here is how I work")
    assert answers["what is the meaning of life?"] == texts.UNEXPECTED_TEXT
    assert len(set(answers.values())) == 4


async def test_pain_in_words_gets_a_gentle_ask_and_a_high_answer_is_acknowledged(bot):
    user = bot.emulator.user(1806)
    await onboard(user)
    await user.send("my back is killing me")
    question = await user.next_message()  # the body map: where first (issue 19)
    assert "sorry" in question.body and "Where does it hurt?" in question.body
    await user.press("5 · Lower back")
    asked = await user.next_message()
    assert "How much does it hurt" in asked.body
    assert [t for row in asked.buttons[:2] for t, _ in row] == [str(n) for n in range(11)]
    await user.press("9")
    _, confirmation = await drain(user, 2)  # the question loses its buttons, then this
    assert "9/10" in confirmation.text and "9/10 is a lot to carry" in confirmation.text
    await user.send("my back is killing me")
    await user.next_message()
    await user.press("5 · Lower back")
    await user.next_message()
    await user.press("10")
    _, confirmation, advice = await drain(user, 3)
    assert "10/10 is a lot to carry" in confirmation.text
    assert advice.text == safety_texts.severe_pain_advice(TABLE)  # the existing advice


async def test_help_says_first_that_plain_messages_are_the_way_to_log(bot):
    user = bot.emulator.user(1807)
    await onboard(user)
    await user.send("/help")
    first_line = (await user.next_message()).text.splitlines()[0]
    assert "main way to log" in first_line and "pain 4" in first_line


async def _forget(user) -> None:
    await user.send("/forget")
    await user.next_message()
    await user.press("Yes, erase everything")
    await user.next_message()


async def test_after_forget_a_pain_report_gets_the_welcome_and_safety_note_and_is_kept(bot):
    user = bot.emulator.user(1808)
    await onboard(user)
    await _forget(user)
    await user.send("pain 4")
    welcome, note, noted, again = await drain(user, 4)
    assert "pain diary" in welcome.text
    assert "not medical advice" in note.text
    assert "4/10" in noted.text
    assert _asks_zone_again(again)
    assert [e.level for e in await bot.store.pain_entries(user.id)] == [4]


async def test_after_forget_a_command_gets_the_welcome_first_and_the_zone_question_after(bot):
    user = bot.emulator.user(1809)
    await onboard(user)
    await _forget(user)
    await user.send("/routine")
    welcome, note, routines, again = await drain(user, 4)
    assert "pain diary" in welcome.text and "not medical advice" in note.text
    assert routines.buttons  # the routine feature answered
    assert _asks_zone_again(again)
    await user.send("Berlin")
    zone_set, _ = await drain(user, 2)
    assert "Europe/Berlin" in zone_set.text
    await user.send("pain 3")
    assert "3/10" in (await user.next_message()).text  # no welcome a second time


async def test_after_forget_a_plain_word_gets_the_welcome_and_the_zone_question(bot):
    user = bot.emulator.user(1810)
    await onboard(user)
    await _forget(user)
    await user.send("Lisbon")
    welcome, note, question, zone = await drain(user, 4)
    assert "pain diary" in welcome.text and "not medical advice" in note.text
    assert "Which time zone" in question.text
    assert "Europe/Lisbon" in zone.text
