"""/learn: the guide's topics through Telegram, one message updated in place."""

from __future__ import annotations

from chat import onboard
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from test_pain_reporting import answer_to

from bot import texts as common_texts
from bot.texts import learn as texts
from content.loader import load_library


async def test_learn_lists_every_topic_and_shows_each_in_the_same_message(bot):
    user = bot.emulator.user(801)
    await onboard(user)
    await user.send("/learn")
    menu = await user.next_message()
    assert menu.button_texts == [label for _, label in texts.TOPICS]
    library = load_library()
    for topic_id, label in texts.TOPICS:
        await user.press(label, message_id=menu.message_id)
        shown = await user.next_message()
        assert shown.message_id == menu.message_id  # edited, not a new message
        if topic_id == "tools":
            expected = [tool.name for tool in library.tool_chooser.tools.values()]
        else:
            section = library.tips.sections[topic_id]
            expected = [section.title, section.items[0][:40]]
        for words in expected:
            assert words in shown.text, (topic_id, words)
        await user.press(texts.BACK_BUTTON, message_id=menu.message_id)
        back = await user.next_message()
        assert back.button_texts == menu.button_texts


async def test_when_to_stop_points_to_the_warning_signs(bot):
    user = bot.emulator.user(802)
    await onboard(user)
    await user.send("/learn")
    menu = await user.next_message()
    await user.press("🛑 When to stop", message_id=menu.message_id)
    assert "/safety" in (await user.next_message()).text


async def test_an_unknown_topic_button_is_answered_as_stale(bot):
    user = bot.emulator.user(803)
    await onboard(user)
    forged = InlineKeyboardMarkup([[InlineKeyboardButton("old", callback_data="learn:t:nope")]])
    sent = await bot.application.bot.send_message(user.id, "·", reply_markup=forged)
    await user.next_message()
    query_id = await user.press("old", message_id=sent.message_id)
    answer = await answer_to(user, query_id)
    assert answer.text == common_texts.STALE_BUTTON
