"""The body map for pain (issue 19): /pain and an unclear report show the picture of the back
with numbered zones and matching buttons; the zone pressed is the area recorded."""

from __future__ import annotations

from chat import answer_to, drain, onboard

from bot import callbacks
from bot import texts as common_texts
from bot.pictures import StepPictures
from bot.texts import pain as pain_texts
from content.pictures import png_path
from domain.body_map import PICTURE

ZONE_BUTTONS = [
    ["1 · Neck & shoulders", "2 · Upper back"],
    ["3 · Between shoulder blades", "4 · Mid back"],
    ["5 · Lower back", "6 · Buttocks"],
    ["7 · Hips", "8 · Legs"],
    [pain_texts.WHOLE_BACK_BUTTON, pain_texts.NO_AREA_BUTTON],
]
LEVELS = [[str(n) for n in range(6)], [str(n) for n in range(6, 11)]]


def rows(message) -> list[list[str]]:
    return [[text for text, _ in row] for row in message.buttons]


def file_id(message) -> str:
    return message.raw["photo"][-1]["file_id"]


async def open_map(user):
    """/pain: today's list, then the body map; returns the map."""
    await user.send("/pain")
    listing, body_map = await drain(user, 2)
    assert pain_texts.NOTHING_TODAY in listing.text or "Today so far" in listing.text
    return body_map


def test_the_body_map_picture_is_rendered():
    assert png_path(PICTURE).is_file()


async def test_pain_shows_the_body_map_and_records_the_zone_pressed(bot):
    user = bot.emulator.user(900)
    await onboard(user)
    body_map = await open_map(user)
    assert body_map.kind == "photo" and "Where does it hurt?" in body_map.caption
    assert rows(body_map) == ZONE_BUTTONS
    await user.press("3 · Between shoulder blades")
    levels = await user.next_message()
    assert levels.message_id == body_map.message_id  # the same picture, asked in place
    assert "3 · between the shoulder blades" in levels.caption
    assert rows(levels) == [*LEVELS, [pain_texts.OTHER_AREA_BUTTON]]
    await user.press("5")
    answered, noted = await drain(user, 2)  # the map loses its buttons, then the confirmation
    assert answered.message_id == body_map.message_id and answered.buttons == []
    assert answered.caption == "📍 3 · between the shoulder blades: 5/10"
    assert "between the shoulder blades 5/10" in noted.text
    assert pain_texts.NOTE_QUESTION.split("<")[0] in noted.text
    await user.send("after a day at the desk")
    assert "after a day at the desk" in (await user.next_message()).text
    (entry,) = await bot.store.pain_entries(user.id)
    assert (entry.level, entry.area, entry.note, entry.source) == (
        5,
        "between the shoulder blades",
        "after a day at the desk",
        "button",
    )
    stored = await bot.store.get_user(user.id)
    assert stored.preferences.pain_area == "between the shoulder blades"
    assert stored.awaiting is None


async def test_the_body_map_is_uploaded_once_then_sent_by_file_id(bot):
    user = bot.emulator.user(901)
    await onboard(user)
    first = await open_map(user)
    second = await open_map(user)
    assert file_id(second) == file_id(first)  # sent again by id, not uploaded again


async def test_another_area_whole_back_and_no_particular_area(bot):
    user = bot.emulator.user(902)
    await onboard(user)
    await open_map(user)
    await user.press("8 · Legs")
    await user.next_message()
    await user.press(pain_texts.OTHER_AREA_BUTTON)
    again = await user.next_message()
    assert rows(again) == ZONE_BUTTONS and "Where does it hurt?" in again.caption
    await user.press(pain_texts.WHOLE_BACK_BUTTON)
    await user.next_message()
    await user.press("7")
    await drain(user, 2)
    await user.press(pain_texts.SKIP_BUTTON)  # no note
    await user.next_message()
    await open_map(user)
    await user.press(pain_texts.NO_AREA_BUTTON)
    asked = await user.next_message()
    assert pain_texts.NO_AREA_BUTTON in asked.caption
    await user.press("2")
    await drain(user, 2)
    entries = await bot.store.pain_entries(user.id)
    assert [(e.level, e.area) for e in entries] == [(7, "whole back"), (2, None)]


async def test_an_unclear_report_without_an_area_offers_the_body_map(bot):
    user = bot.emulator.user(903)
    await onboard(user)
    await user.send("my back hurts")
    question = await user.next_message()
    assert question.kind == "photo" and "Where does it hurt?" in question.caption
    assert rows(question) == ZONE_BUTTONS
    assert await bot.store.pain_entries(user.id) == []
    await user.press("5 · Lower back")
    asked = await user.next_message()
    assert "5 · lower back" in asked.caption and rows(asked)[:2] == LEVELS
    await user.press("8")
    noted = (await drain(user, 2))[-1]
    assert "lower back 8/10" in noted.text
    assert pain_texts.HIGH_ACKNOWLEDGED.format(level=8) in noted.text
    (entry,) = await bot.store.pain_entries(user.id)
    assert (entry.level, entry.area, entry.source) == (8, "lower back", "button")


async def test_an_unclear_report_keeps_its_note_when_the_area_is_picked_on_the_map(bot):
    user = bot.emulator.user(904)
    await onboard(user)
    await user.send("pain 5-6 after the long drive")
    question = await user.next_message()
    assert "5 and 6" in question.caption
    await user.press("6 · Buttocks")
    await user.next_message()
    await user.press("6")
    await drain(user, 2)
    (entry,) = await bot.store.pain_entries(user.id)
    assert (entry.level, entry.area, entry.note) == (6, "buttock", "after the long drive")
    assert (await bot.store.get_user(user.id)).preferences.unclear_report is None


async def test_stale_or_forged_body_map_presses_get_a_kind_answer(bot):
    user = bot.emulator.user(905)
    await onboard(user)
    body_map = await open_map(user)
    for forged in ("pain:zone:bt:zz", "pain:lvl:5:bt:zz"):
        query = user.forge_press(forged, body_map)
        assert (await answer_to(user, query)).text == common_texts.STALE_BUTTON
    await user.press("2 · Upper back")
    await user.next_message()
    await user.press("4")
    await drain(user, 2)
    # The map's own buttons are gone; an old level button pressed again records nothing new.
    query = user.forge_press(callbacks.PainZone("bt", "ub").pack(), body_map)
    assert (await answer_to(user, query)).text is None  # a zone only asks again
    await user.next_message()
    (entry,) = await bot.store.pain_entries(user.id)
    assert (entry.level, entry.area) == (4, "upper back")


async def test_without_its_picture_the_map_still_asks_with_its_buttons(bot, tmp_path):
    bot.application.bot_data.step_pictures = StepPictures(locate=lambda _: tmp_path / "gone.png")
    user = bot.emulator.user(906)
    await onboard(user)
    question = await open_map(user)
    assert question.kind == "text" and "Where does it hurt?" in question.text
    assert rows(question) == ZONE_BUTTONS
    await user.press("4 · Mid back")
    await user.next_message()
    await user.press("3")
    await drain(user, 2)
    (entry,) = await bot.store.pain_entries(user.id)
    assert (entry.level, entry.area) == (3, "mid back")
