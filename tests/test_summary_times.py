"""/summary takes any time typed, not only its six buttons, and says when in plain English."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from chat import onboard
from due import the_item

from bot.texts import history as t
from domain.weekly import WeeklySetting, parse_summary_change

ZONE = "Europe/Berlin"


def weekly_local(bot, uid: int):
    return the_item(bot, uid, "weekly").at.astimezone(ZoneInfo(ZONE))


async def test_summary_names_its_day_without_every_sundays(bot):
    user = bot.emulator.user(1820)
    await onboard(user, ZONE)
    await user.send("/summary")
    shown = (await user.next_message()).text
    assert "Every Sundays" not in shown and "every Sundays" not in shown
    assert "On Sundays at 19:00" in shown


async def test_a_typed_time_after_other_time_moves_the_summary(bot):
    user = bot.emulator.user(1821)
    await onboard(user, ZONE)
    await user.send("/summary")
    await user.next_message()
    await user.press(t.OTHER_TIME_BUTTON)
    assert "At what time?" in (await user.next_message()).text
    await user.send("14:10")
    shown = await user.next_message()
    assert "Sundays at 14:10" in shown.text
    assert "✓ 14:10 · " + t.OTHER_TIME_BUTTON in shown.button_texts
    local = weekly_local(bot, 1821)
    assert (local.weekday(), local.strftime("%H:%M")) == (6, "14:10")
    assert (await bot.store.get_user(1821)).awaiting is None


async def test_summary_with_a_day_and_time_in_words(bot):
    user = bot.emulator.user(1822)
    await onboard(user, ZONE)
    await user.send("/summary friday at 6:30pm")
    shown = await user.next_message()
    assert "Fridays at 18:30" in shown.text
    local = weekly_local(bot, 1822)
    assert (local.weekday(), local.strftime("%H:%M")) == (4, "18:30")


async def test_summary_with_a_time_it_cannot_read_says_why(bot):
    user = bot.emulator.user(1823)
    await onboard(user, ZONE)
    await user.send("/summary sometime")
    answer = (await user.next_message()).text
    assert "“sometime”" in answer and "For example: /summary" in answer
    stored = (await bot.store.get_user(1823)).preferences.weekly_summary
    assert stored == WeeklySetting()


@pytest.mark.parametrize(
    ("typed", "day", "at"),
    [
        ("14:10", 6, "14:10"),
        ("18h", 6, "18:00"),
        ("at 7pm", 6, "19:00"),
        ("mon 8am", 0, "08:00"),
        ("8:15 saturday", 5, "08:15"),
    ],
)
def test_typed_summary_times(typed: str, day: int, at: str) -> None:
    assert parse_summary_change(typed, WeeklySetting()) == WeeklySetting(True, day, at)
