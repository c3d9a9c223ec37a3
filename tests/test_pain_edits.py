"""Edited messages through Telegram: an edited report updates its entry (with Undo), an edit
that now reads as a report is recorded, other edits are ignored, warning signs are still
read, and edits count against flood control like any other message."""

from __future__ import annotations

import asyncio

from chat import drain, onboard
from test_pain_reporting import answer_to

from bot import texts
from bot.texts import pain as pain_texts
from content import load_library
from domain.flood import FloodGate
from domain.redflags import Tier

TABLE = load_library().warning_signs


async def entries_of(bot, user_id: int) -> list[tuple[int, str | None, str]]:
    return [(e.level, e.area, e.note) for e in await bot.store.pain_entries(user_id)]


async def test_an_edited_report_updates_its_entry_and_undo_brings_back_what_it_said(bot):
    user = bot.emulator.user(1701)
    await onboard(user)
    sent = await user.send("lower back 4, origb")
    assert "Noted" in (await user.next_message()).text
    await user.edit(sent["message_id"], "lower back 5, editc")
    updated = await user.next_message()
    assert "Updated" in updated.text and "5/10" in updated.text and "editc" in updated.text
    assert updated.button_texts == [pain_texts.UNDO_BUTTON]
    assert await entries_of(bot, user.id) == [(5, "lower back", "editc")]  # one entry, new values

    await user.press(pain_texts.UNDO_BUTTON, message_id=updated.message_id)
    restored = await user.next_message()
    assert restored.message_id == updated.message_id and "4/10" in restored.text
    assert "origb" in restored.text and not restored.buttons
    assert await entries_of(bot, user.id) == [(4, "lower back", "origb")]


async def test_only_the_latest_edit_can_be_undone(bot):
    user = bot.emulator.user(1702)
    await onboard(user)
    sent = await user.send("pain 4")
    await user.next_message()
    await user.edit(sent["message_id"], "pain 5")
    first = await user.next_message()
    await user.edit(sent["message_id"], "pain 6")
    second = await user.next_message()
    assert "6/10" in second.text
    answer = await answer_to(
        user, await user.press(pain_texts.UNDO_BUTTON, message_id=first.message_id)
    )
    assert answer.text == pain_texts.EDIT_UNDO_GONE
    assert await entries_of(bot, user.id) == [(6, None, "")]  # the older Undo changed nothing
    await user.press(pain_texts.UNDO_BUTTON, message_id=second.message_id)
    assert "5/10" in (await user.next_message()).text
    assert await entries_of(bot, user.id) == [(5, None, "")]


async def test_an_edit_that_changes_nothing_the_diary_keeps_gets_no_reply(bot):
    user = bot.emulator.user(1703)
    await onboard(user)
    sent = await user.send("pain 4")
    await user.next_message()
    await user.edit(sent["message_id"], "pain  4")  # a stray space fixed: the same report
    await user.send("pain 2")  # handled after the edit (one user's updates run in order)
    assert "2/10" in (await user.next_message()).text
    assert sorted(await entries_of(bot, user.id)) == [(2, None, ""), (4, None, "")]


async def test_an_edit_that_now_reads_as_a_report_is_recorded_once(bot):
    user = bot.emulator.user(1704)
    await onboard(user)
    sent = await user.send("see you at 7")  # ("I walked 5 km" is a factor now: /log)
    assert (await user.next_message()).text == texts.UNEXPECTED_TEXT
    await user.edit(sent["message_id"], "neck 6")
    noted = await user.next_message()
    assert "Noted" in noted.text and "6/10" in noted.text
    await user.edit(sent["message_id"], "neck 7")
    assert "Updated" in (await user.next_message()).text
    assert await entries_of(bot, user.id) == [(7, "neck & shoulders", "")]


async def test_an_edited_command_or_chatter_is_ignored(bot):
    user = bot.emulator.user(1705)
    await onboard(user)
    command = await user.send("/help")
    await user.next_message()
    chatter = await user.send("thanks!")
    await user.next_message()
    await user.edit(command["message_id"], "/forget")  # never runs a command again
    await user.edit(chatter["message_id"], "thanks a lot!")
    await user.send("pain 3")
    assert "3/10" in (await user.next_message()).text  # nothing came before it
    assert (await bot.store.get_user(user.id)).timezone is not None  # nothing forgotten


async def test_a_report_edited_into_something_else_keeps_its_entry_and_says_so(bot):
    user = bot.emulator.user(1706)
    await onboard(user)
    sent = await user.send("pain 4")
    await user.next_message()
    await user.edit(sent["message_id"], "sorry, wrong chat")
    hint = await user.next_message()
    assert "4/10" in hint.text and hint.button_texts == [pain_texts.UNDO_BUTTON]
    assert await entries_of(bot, user.id) == [(4, None, "")]
    await user.press(pain_texts.UNDO_BUTTON, message_id=hint.message_id)
    await user.next_message()
    assert await entries_of(bot, user.id) == []  # its Undo removes the entry


async def test_an_edit_that_names_a_warning_sign_gets_the_advice_first(bot):
    user = bot.emulator.user(1707)
    await onboard(user)
    report = await user.send("lower back 4, stiff")
    await user.next_message()
    chatter = await user.send("hello")
    await user.next_message()
    await user.edit(report["message_id"], "lower back 4 and my groin feels numb")
    advice, updated = await drain(user, 2)
    assert advice.text.startswith("🚨 " + TABLE.tiers[Tier.EMERGENCY].action)
    assert "Updated" in updated.text and "4/10" in updated.text
    await user.edit(chatter["message_id"], "my groin feels numb")  # not a report: still read
    advice = await user.next_message()
    assert advice.text.startswith("🚨 " + TABLE.tiers[Tier.EMERGENCY].action)
    assert len(await entries_of(bot, user.id)) == 1


async def test_sixty_edits_in_a_burst_get_no_more_than_sixty_messages(bot):
    user = bot.emulator.user(1708)
    await onboard(user)
    now = [1000.0]
    bot.application.bot_data.flood_clock = lambda: now[0]
    gate = bot.application.bot_data.flood_gate = FloodGate()  # a window of its own
    sent = await user.send("pain 1")  # the first update of the window
    assert "1/10" in (await user.next_message()).text
    for n in range(60):
        await user.edit(sent["message_id"], f"pain {2 + n % 6}")
    replies = await drain(user, 20)  # 19 more fit the window of 20, then one notice
    assert sum(m.text.startswith("🐢") for m in replies) == 1
    assert sum("Updated" in m.text for m in replies) == 19
    for _ in range(500):
        if gate.dropped == 41:
            break
        await asyncio.sleep(0.01)
    assert gate.dropped == 41
    now[0] += 11  # the window has moved on
    await user.send("pain 3")
    assert "3/10" in (await user.next_message()).text  # nothing else came in between
    assert len(await bot.store.pain_entries(user.id)) == 2
