"""What goes with better days, in /history and the weekly summary, through the real bot."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from chat import onboard
from due import run_due
from test_history import ZONE, days_ago, scheduled_weekly_job, seed_pain

from domain.models import FactorEntry
from storage import new_id

HEADING = "What goes with better or worse days, last 90 days (not causes):"
WALK = (
    "Days with walk (activity): pain 3.0 points lower on average "
    "(10 days with, 10 without; fairly consistent)"
)


async def seed_walks(store, user_id: int, days: list[int]) -> None:
    for ago in days:
        at = days_ago(ago, hour=18)
        local = at.astimezone(ZoneInfo(ZONE)).date()
        await store.record_factor(
            user_id, FactorEntry(new_id(), at, local, "activity", "walk", 30, "min")
        )


def said_since(user, first: int) -> str:
    """Every caption and text of the bot's messages from the ``first``-th on."""
    return "\n".join(m.caption or m.text or "" for m in user.messages[first:])


async def report_said(user, first: int) -> str:
    """/history's chart and, when it is too long for a caption, the text under it: the
    period buttons sit under the last of them."""
    while not (await user.next_message(30)).buttons:
        pass
    return said_since(user, first)


async def test_history_says_what_goes_with_better_days_with_day_counts(bot):
    user = bot.emulator.user(1801)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 1801, {ago: [3 if ago % 2 else 6] for ago in range(20)})
    await seed_walks(bot.store, 1801, [ago for ago in range(20) if ago % 2])
    first = len(user.messages)
    await user.send("/history")
    said = await report_said(user, first)
    assert HEADING in said and WALK in said
    assert "helps" not in said


async def test_history_says_not_enough_data_yet_for_a_few_days_of_factors(bot):
    user = bot.emulator.user(1802)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 1802, {ago: [4] for ago in range(6)})
    await seed_walks(bot.store, 1802, [0, 1])
    first = len(user.messages)
    await user.send("/history")
    said = await report_said(user, first)
    assert f"{HEADING} not enough data yet" in said
    assert "Days with walk" not in said


async def test_history_without_factors_says_nothing_about_them(bot):
    user = bot.emulator.user(1803)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 1803, {ago: [4] for ago in range(6)})
    first = len(user.messages)
    await user.send("/history")
    assert "What goes with" not in await report_said(user, first)


async def test_weekly_summary_says_what_goes_with_better_days(bot):
    user = bot.emulator.user(1804)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 1804, {ago: [3 if ago % 2 else 6] for ago in range(20)})
    await seed_walks(bot.store, 1804, [ago for ago in range(20) if ago % 2])
    first = len(user.messages)
    await run_due(bot, await scheduled_weekly_job(bot, 1804))
    while WALK not in said_since(user, first):  # the chart, then the text if too long
        await user.next_message(30)
    said = said_since(user, first)
    assert "Your week" in said
    assert HEADING in said and WALK in said
