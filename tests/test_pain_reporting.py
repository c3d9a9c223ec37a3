"""The pain diary through Telegram: plain reports, /pain buttons, Undo and the safety net."""

from __future__ import annotations

import errno
import logging
from datetime import timedelta

import pytest
from chat import answer_to, drain, onboard
from telegram import InlineKeyboardMarkup

import storage.atomic
from bot import callbacks, texts
from bot.keyboards import inline
from bot.keyboards_pain import pain_levels
from bot.texts import pain as pain_texts
from domain.body_map import CHOOSABLE_AREAS
from domain.models import PainEntry, utcnow
from domain.schedule import local_date_of
from emulator import ButtonNotFound
from storage import new_id

ZONE = "Europe/Berlin"


LEVEL_BUTTONS = [[str(n) for n in range(6)], [str(n) for n in range(6, 11)]]


def today() -> object:
    return local_date_of(utcnow(), ZONE)


def level_rows(message) -> list[list[str]]:
    return [[text for text, _ in row] for row in message.buttons]


async def seed(bot, user_id: int, level: int, days_ago: int) -> None:
    day = today() - timedelta(days=days_ago)
    entry = PainEntry(
        id=new_id(),
        recorded_at=utcnow() - timedelta(days=days_ago),
        local_date=day,
        level=level,
    )
    await bot.store.record_pain(user_id, entry)


PHRASINGS = [
    ("pain 6", 6, None, ""),
    ("6/10", 6, None, ""),
    ("lower back 4", 4, "lower back", ""),
    ("my back is at 3 today", 3, None, ""),
    ("neck 5, stiff after work", 5, "neck & shoulders", "stiff after work"),
    ("no pain today", 0, None, ""),
    ("pain: 7.5", 8, None, ""),
]


async def test_user_reports_pain_in_plain_words(bot):
    for number, (typed, level, area, note) in enumerate(PHRASINGS):
        user = bot.emulator.user(300 + number)
        await onboard(user)
        await user.send(typed)
        confirmation = await user.next_message()
        assert "Noted" in confirmation.text and f"{level}/10" in confirmation.text, typed
        assert confirmation.button_texts == [pain_texts.UNDO_BUTTON], typed
        (entry,) = await bot.store.pain_entries(user.id)
        assert (entry.level, entry.area, entry.note, entry.source) == (
            level,
            area,
            note,
            "message",
        ), typed
        assert entry.local_date == today()
        if area:
            assert area in confirmation.text
            assert (await bot.store.get_user(user.id)).preferences.pain_area == area
        if note:
            assert note in confirmation.text
    rounded = bot.emulator.user(300 + len(PHRASINGS) - 1).messages[-1]
    assert "rounded 7.5 to 8" in rounded.text


async def test_undo_removes_the_entry(bot):
    user = bot.emulator.user(320)
    await onboard(user)
    await user.send("lower back 4")
    await user.next_message()
    assert len(await bot.store.pain_entries(user.id)) == 1
    await user.press(pain_texts.UNDO_BUTTON)
    removed = await user.next_message()
    assert "Removed" in removed.text and "4/10" in removed.text
    assert removed.buttons == []
    assert await bot.store.pain_entries(user.id) == []


async def test_confirmation_compares_with_yesterday(bot):
    user = bot.emulator.user(321)
    await onboard(user)
    await seed(bot, user.id, 6, days_ago=1)
    await user.send("lower back 4 stiff after work")
    confirmation = await user.next_message()
    assert "down 2 from yesterday" in confirmation.text


@pytest.mark.parametrize(
    ("typed", "understood"),
    [("pain 12", "12"), ("5-6", "5 and 6"), ("my back hurts", "giving you a hard time")],
)
async def test_unclear_report_asks_with_buttons_and_records_one_level_when_pressed(
    bot, typed, understood
):
    user = bot.emulator.user(330)
    await onboard(user)
    await user.send(typed)
    question = await user.next_message()  # no area named: the body map asks where first
    assert understood in question.body
    assert await bot.store.pain_entries(user.id) == []
    await user.press(pain_texts.NO_AREA_BUTTON)
    asked = await user.next_message()
    assert level_rows(asked)[:2] == LEVEL_BUTTONS
    await user.press("3")
    messages = await drain(user, 2)  # the question loses its buttons, then the confirmation
    assert "Noted" in messages[-1].text and "3/10" in messages[-1].text
    with pytest.raises(ButtonNotFound):
        await user.press("3")
    (entry,) = await bot.store.pain_entries(user.id)
    assert (entry.level, entry.source) == (3, "button")


async def test_unclear_report_keeps_its_area_and_note_when_the_level_is_picked(bot):
    user = bot.emulator.user(331)
    await onboard(user)
    await user.send("lower back 15, stiff after work")
    first = await user.next_message()
    assert "15" in first.text and level_rows(first) == LEVEL_BUTTONS
    await user.send("neck 5-6 after gardening")
    second = await user.next_message()
    await user.press("7", message_id=first.message_id)  # the older question: its level only
    await drain(user, 2)
    await user.press("6", message_id=second.message_id)
    confirmation = (await drain(user, 2))[-1]
    assert "6/10" in confirmation.text and "after gardening" in confirmation.text
    await user.send("pain 12")  # nothing to keep: the level alone
    third = await user.next_message()
    await user.press(pain_texts.NO_AREA_BUTTON, message_id=third.message_id)
    await user.next_message()
    await user.press("2", message_id=third.message_id)
    await drain(user, 2)
    entries = await bot.store.pain_entries(user.id)
    assert [(e.level, e.area, e.note, e.source) for e in entries] == [
        (7, None, "", "button"),
        (6, "neck & shoulders", "after gardening", "button"),
        (2, None, "", "button"),
    ]
    assert (await bot.store.get_user(user.id)).preferences.unclear_report is None


async def test_pain_command_walks_through_area_level_and_note(bot):
    user = bot.emulator.user(340)
    await onboard(user)
    await user.send("/pain")
    listing, body_map = await drain(user, 2)
    assert pain_texts.NOTHING_TODAY in listing.text
    assert level_rows(listing) == [["◀ Earlier days"]]  # nothing to correct
    await user.press("5 · Lower back", message_id=body_map.message_id)
    await user.next_message()
    await user.press("6")
    ask_note = (await drain(user, 2))[-1]
    assert "lower back 6/10" in ask_note.text and "Skip" in ask_note.button_texts
    await user.send("after sitting all day")
    confirmation = await user.next_message()
    assert "after sitting all day" in confirmation.text
    (entry,) = await bot.store.pain_entries(user.id)
    assert (entry.level, entry.area, entry.note, entry.source) == (
        6,
        "lower back",
        "after sitting all day",
        "button",
    )
    stored = await bot.store.get_user(user.id)
    assert stored.awaiting is None and stored.preferences.pain_area == "lower back"
    await user.send("/pain")
    assert "lower back 6/10" in (await user.next_message()).text


async def test_leaving_the_note_question_for_another_command_abandons_it(bot):
    user = bot.emulator.user(342)
    await onboard(user)
    await user.send("/pain")
    await drain(user, 2)
    await user.press(pain_texts.NO_AREA_BUTTON)
    await user.next_message()
    await user.press("4")
    await drain(user, 2)  # no area; now the bot asks for a note
    await user.send("/help")
    await user.next_message()
    await user.send("see you at 7")
    assert (await user.next_message()).text == texts.UNEXPECTED_TEXT
    (entry,) = await bot.store.pain_entries(user.id)
    assert entry.note == ""


async def test_pain_command_area_and_note_can_be_skipped(bot):
    user = bot.emulator.user(341)
    await onboard(user)
    await user.send("/pain")
    await drain(user, 2)
    await user.press(pain_texts.NO_AREA_BUTTON)
    await user.next_message()
    await user.press("2")
    await drain(user, 2)
    await user.press("Skip")
    done = await user.next_message()
    assert done.button_texts == [pain_texts.UNDO_BUTTON]
    (entry,) = await bot.store.pain_entries(user.id)
    assert (entry.level, entry.area, entry.note) == (2, None, "")
    assert (await bot.store.get_user(user.id)).awaiting is None
    await user.send("see you at 7")
    assert (await user.next_message()).text == texts.UNEXPECTED_TEXT


async def test_check_in_button_records_a_checkin_entry(bot):
    user = bot.emulator.user(350)
    await onboard(user)
    await bot.application.bot.send_message(
        user.id, "How is your back?", reply_markup=pain_levels("ci")
    )
    await user.next_message()
    await user.press("6")
    assert "6/10" in (await drain(user, 2))[-1].text
    (entry,) = await bot.store.pain_entries(user.id)
    assert (entry.level, entry.source) == (6, "checkin")


async def test_red_flag_message_gets_advice_and_still_records_pain(bot):
    user = bot.emulator.user(360)
    await onboard(user)
    await user.send("my legs feel numb and my back hurts 6")
    advice, confirmation = await drain(user, 2)
    assert "doctor" in advice.text and "numbness or tingling in your legs" in advice.text
    assert "6/10" in confirmation.text
    (entry,) = await bot.store.pain_entries(user.id)
    assert entry.level == 6
    preferences = (await bot.store.get_user(user.id)).preferences
    assert preferences.red_flag_date == today()


async def test_red_flag_without_pain_report_gets_only_the_advice(bot):
    user = bot.emulator.user(361)
    await onboard(user)
    await user.send("I fell off my bike yesterday")
    advice = await user.next_message()
    assert "doctor" in advice.text
    await user.send("see you at 7")
    assert (await user.next_message()).text == texts.UNEXPECTED_TEXT  # no fallback before it
    assert await bot.store.pain_entries(user.id) == []
    assert (await bot.store.get_user(user.id)).preferences.red_flag_date == today()


async def test_negated_symptom_gets_no_advice(bot):
    user = bot.emulator.user(362)
    await onboard(user)
    await user.send("no numbness, pain 3")
    assert "3/10" in (await user.next_message()).text
    await user.send("see you at 7")
    assert (await user.next_message()).text == texts.UNEXPECTED_TEXT
    assert (await bot.store.get_user(user.id)).preferences.red_flag_date is None


async def test_severe_pain_on_two_days_within_three_gets_advice_once_a_day(bot):
    user = bot.emulator.user(370)
    await onboard(user)
    await seed(bot, user.id, 8, days_ago=2)
    await user.send("pain 9")
    confirmation, advice = await drain(user, 2)
    assert "9/10" in confirmation.text
    assert "8/10 or more on two of the last three days" in advice.text
    assert (await bot.store.get_user(user.id)).preferences.red_flag_date == today()
    await user.send("pain 8")
    assert "8/10" in (await user.next_message()).text
    await user.send("see you at 7")
    assert (await user.next_message()).text == texts.UNEXPECTED_TEXT  # no second advice


async def test_one_severe_day_gets_no_advice(bot):
    user = bot.emulator.user(371)
    await onboard(user)
    await seed(bot, user.id, 9, days_ago=3)  # outside the three-day window
    await user.send("pain 9")
    await user.next_message()
    await user.send("see you at 7")
    assert (await user.next_message()).text == texts.UNEXPECTED_TEXT
    assert (await bot.store.get_user(user.id)).preferences.red_flag_date is None


async def test_undo_of_someone_elses_or_a_removed_entry_changes_nothing(bot):
    owner, other = bot.emulator.user(380), bot.emulator.user(381)
    await onboard(owner)
    await onboard(other)
    await owner.send("pain 5")
    await owner.next_message()
    (entry,) = await bot.store.pain_entries(owner.id)
    forged = inline([[("Undo it", callbacks.UndoPain(entry.id).pack())]])
    await bot.application.bot.send_message(other.id, "forged", reply_markup=forged)
    await other.next_message()
    answer = await answer_to(other, await other.press("Undo it"))
    assert answer.text == pain_texts.ALREADY_GONE
    assert await bot.store.pain_entries(owner.id) == [entry]
    assert other.drain() == []  # no message sent or edited

    await owner.press(pain_texts.UNDO_BUTTON)
    await owner.next_message()
    await bot.application.bot.send_message(owner.id, "again", reply_markup=forged)
    await owner.next_message()
    answer = await answer_to(owner, await owner.press("Undo it"))
    assert answer.text == pain_texts.ALREADY_GONE


async def test_ordinary_chat_still_reaches_the_fallback(bot):
    user = bot.emulator.user(390)
    await onboard(user)
    answers = {
        "hello": texts.GREETING_REPLY,
        "thanks": texts.THANKS_REPLY,
        "see you at 7": texts.UNEXPECTED_TEXT,
    }
    for typed, answer in answers.items():
        await user.send(typed)
        assert (await user.next_message()).text == answer, typed
    assert await bot.store.pain_entries(user.id) == []


def test_pain_levels_are_two_rows_with_the_source_in_the_data():
    markup = pain_levels("ci")
    rows = [[(b.text, b.callback_data) for b in row] for row in markup.inline_keyboard]
    assert [[text for text, _ in row] for row in rows] == LEVEL_BUTTONS
    assert rows[1][0] == ("6", "pain:lvl:6:ci")
    with pytest.raises(ValueError):
        pain_levels("nope")


@pytest.mark.parametrize(
    ("level", "yesterday", "expected"),
    [(4, 6, "📉 down 2"), (7, 3, "📈 up 4"), (5, 5, "same as yesterday"), (5, None, "")],
)
def test_trend_against_yesterday(level, yesterday, expected):
    trend = pain_texts.trend(level, yesterday)
    assert (expected in trend) if expected else trend == ""


async def test_a_new_report_while_a_note_is_awaited_is_recorded_as_its_own_entry(bot):
    user = bot.emulator.user(342)
    await onboard(user)
    await user.send("/pain")
    await drain(user, 2)
    await user.press("1 · Neck & shoulders")
    await user.next_message()
    await user.press("7")
    await drain(user, 2)
    await user.send("lower back 3")
    assert "lower back 3/10" in (await user.next_message()).text
    first, second = await bot.store.pain_entries(user.id)
    assert (first.level, first.area, first.note) == (7, "neck & shoulders", "")
    assert (second.level, second.area, second.source) == (3, "lower back", "message")
    assert (await bot.store.get_user(user.id)).awaiting is None


async def test_check_in_keeps_the_other_buttons_of_its_message(bot):
    user = bot.emulator.user(351)
    await onboard(user)
    start_row = inline([[("Start", "rt:start:x")]]).inline_keyboard
    markup = InlineKeyboardMarkup([*pain_levels("ci").inline_keyboard, *start_row])
    await bot.application.bot.send_message(user.id, "Check-in", reply_markup=markup)
    check_in = await user.next_message()
    await user.press("4")
    edited = await user.next_message()
    assert edited.message_id == check_in.message_id and edited.button_texts == ["Start"]


EVERYDAY_REPORTS = [
    ("was 6, now 3", 3, None, ""),
    ("between the shoulder blades 3", 3, "between the shoulder blades", ""),
    ("roughly a 5", 5, None, ""),
    ("buttock 4", 4, "buttock", ""),
    ("sciatica playing up, 6", 6, "leg", "sciatica playing up"),
    ("sitting at the desk my lower back has been aching, 5", 5, "lower back",
     "sitting at the desk my lower back has been aching"),
]  # fmt: skip


async def test_everyday_reports_are_recorded_with_their_level_and_area(bot):
    for number, (typed, level, area, note) in enumerate(EVERYDAY_REPORTS):
        user = bot.emulator.user(400 + number)
        await onboard(user)
        await user.send(typed)
        confirmation = await user.next_message()
        assert "Noted" in confirmation.text and f"{level}/10" in confirmation.text, typed
        (entry,) = await bot.store.pain_entries(user.id)
        assert (entry.level, entry.area, entry.note) == (level, area, note), typed
        if area:
            assert f"{area} {level}/10" in confirmation.text


async def test_decimal_comma_is_one_rounded_level(bot):
    user = bot.emulator.user(410)
    await onboard(user)
    await user.send("7,5")
    confirmation = await user.next_message()
    assert "8/10" in confirmation.text and "rounded 7.5 to 8" in confirmation.text
    (entry,) = await bot.store.pain_entries(user.id)
    assert entry.level == 8


# ("ibuprofen 400" is noted as a medication, never a level: tests/test_factors.py)
@pytest.mark.parametrize("typed", ["I'm 45", "2 walks today", "at 7"])
async def test_numbers_that_are_not_pain_are_not_recorded(bot, typed):
    user = bot.emulator.user(420)
    await onboard(user)
    await user.send(typed)
    answer = await user.next_message()
    assert answer.text == texts.UNEXPECTED_TEXT
    assert await bot.store.pain_entries(user.id) == []


async def test_level_buttons_asked_first_then_offer_every_area_a_person_picks(bot):
    """ "/pain 4" answers with levels first: pressing one asks the area after it (as /pain did
    before the body map), offering the map's areas and the whole back."""
    user = bot.emulator.user(430)
    await onboard(user)
    await user.send("/pain 4")
    await user.next_message()
    await user.press("4")
    noted = (await drain(user, 2))[-1]
    assert set(CHOOSABLE_AREAS) <= set(noted.button_texts)
    assert "hip & buttock" not in noted.button_texts  # the old combined area: hip or buttock
    await user.press("hip")
    ask_note = await user.next_message()
    assert "hip 4/10" in ask_note.text
    (entry,) = await bot.store.pain_entries(user.id)
    assert (entry.level, entry.area) == (4, "hip")
    assert (await bot.store.get_user(user.id)).preferences.pain_area == "hip"


async def test_an_area_button_of_an_older_message_still_records_hip_and_buttock(bot):
    user = bot.emulator.user(431)
    await onboard(user)
    await user.send("/pain 4")
    await user.next_message()
    await user.press("4")
    noted = (await drain(user, 2))[-1]
    (entry,) = await bot.store.pain_entries(user.id)
    user.forge_press(callbacks.PainArea(entry.id, "hb").pack(), noted)
    assert "hip & buttock 4/10" in (await user.next_message()).text
    (entry,) = await bot.store.pain_entries(user.id)
    assert entry.area == "hip & buttock"


async def test_a_report_on_a_full_disk_is_not_noted_and_the_bot_recovers(bot, monkeypatch, caplog):
    """A write that did not reach the disk is never acknowledged: the person hears so,
    the operator reads one line (no traceback per message), and once there is space
    again the next report simply works."""
    user = bot.emulator.user(340)
    await onboard(user)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.atomic.os, "replace", disk_full)
    with caplog.at_level(logging.INFO):
        for typed in ("pain 5", "pain 6"):
            await user.send(typed)
            assert (await user.next_message()).text == texts.STORAGE_APOLOGY
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info is None
    assert "No space left on device" in errors[0].getMessage()
    monkeypatch.undo()
    await user.send("pain 7")
    noted = await user.next_message()
    assert "Noted" in noted.text and "7/10" in noted.text
    assert [e.level for e in await bot.store.pain_entries(user.id)] == [7]


async def test_a_note_keeps_the_users_words_as_typed(bot):
    """Issue 18: area words were cut out of the middle ("the desk my has been aching")."""
    user = bot.emulator.user(390)
    await onboard(user)
    await user.send("5 at the desk my lower back has been aching")
    confirmation = await user.next_message()
    assert "‘at the desk my lower back has been aching’" in confirmation.text
    (entry,) = await bot.store.pain_entries(user.id)
    assert (entry.level, entry.area) == (5, "lower back")
    assert entry.note == "at the desk my lower back has been aching"


async def test_a_level_typed_in_answer_to_the_unclear_question_keeps_its_area(bot):
    user = bot.emulator.user(345)
    await onboard(user)
    await user.send("lower back")  # where, but not how much: the bot asks for a level
    question = await user.next_message()
    assert level_rows(question) == LEVEL_BUTTONS
    await user.send("5")  # typed rather than tapped, as people do
    confirmation = (await drain(user, 2))[-1]
    assert "lower back 5/10" in confirmation.text
    with pytest.raises(ButtonNotFound):  # answered: its buttons cannot record it twice
        await user.press("3", message_id=question.message_id)
    (entry,) = await bot.store.pain_entries(user.id)
    assert (entry.level, entry.area) == (5, "lower back")
    assert (await bot.store.get_user(user.id)).preferences.unclear_report is None
    await user.send("pain 2")  # a later report stands on its own
    await user.next_message()
    entries = await bot.store.pain_entries(user.id)
    assert [(e.level, e.area) for e in entries] == [(5, "lower back"), (2, None)]
