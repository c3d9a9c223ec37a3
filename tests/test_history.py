"""/history, /summary and the weekly summary, driven through Telegram as a user would."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from statistics import fmean
from zoneinfo import ZoneInfo

from chat import drain, onboard
from due import due_items, run_due

from bot.charts import PNG_SIGNATURE
from bot.dispatcher import dispatcher_of
from domain.models import PainEntry, RoutineSession, utcnow
from domain.weekly import WeeklySetting
from storage import new_id
from storage.due import remove_index

ZONE = "Asia/Tokyo"  # no daylight saving time: "a week later" is exactly 7 * 24 h


def days_ago(days: int, hour: int = 9) -> datetime:
    """A UTC instant ``days`` local days before today, at ``hour`` on the user's clock."""
    local_today = utcnow().astimezone(ZoneInfo(ZONE)).date()
    day = local_today - timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo(ZONE)).astimezone(UTC)


async def seed_pain(store, user_id: int, levels_by_day: dict[int, list[int]]) -> None:
    for ago, levels in levels_by_day.items():
        for i, level in enumerate(levels):
            at = days_ago(ago, hour=8 + i)
            local = at.astimezone(ZoneInfo(ZONE)).date()
            entry = PainEntry(id=new_id(), recorded_at=at, local_date=local, level=level)
            await store.record_pain(user_id, entry)


async def seed_sessions(
    store, user_id: int, routine_id: str, pairs: list[tuple[int, int]], first_ago: int = 1
):
    """Rated sessions one a day, the first ``first_ago`` days ago and each a day earlier."""
    for ago, (before, after) in enumerate(pairs, start=first_ago):
        started = days_ago(ago, hour=20)
        await store.save_session(
            user_id,
            RoutineSession(
                id=new_id(),
                routine_id=routine_id,
                started_at=started,
                status="completed",
                ended_at=started + timedelta(minutes=10),
                pain_before=before,
                pain_after=after,
            ),
        )


def weekly_job(bot, user_id: int):
    items = due_items(bot, user_id, "weekly")
    return items[0] if items else None


async def scheduled_weekly_job(bot, user_id: int):
    """The user's weekly item, allowing the bot a moment to finish handling the last update."""
    for _ in range(100):
        job = weekly_job(bot, user_id)
        if job is not None:
            return job
        await asyncio.sleep(0.02)
    raise AssertionError(f"no weekly job for user {user_id}")


def assert_png_photo(message) -> None:
    assert message.kind == "photo"
    assert message.file_path is not None and message.file_path.exists()
    assert message.file_path.read_bytes().startswith(PNG_SIGNATURE)


async def test_history_without_data_explains_how_to_start_and_sends_no_chart(bot):
    user = bot.emulator.user(201)
    await onboard(user, ZONE)
    await user.send("/history")
    reply = await user.next_message()
    assert reply.kind == "text"
    assert "pain 4" in reply.text
    assert not [m for m in user.messages if m.kind == "photo"]


async def test_history_sends_a_chart_with_the_average_of_the_period(bot):
    user = bot.emulator.user(202)
    await onboard(user, ZONE)
    levels = {0: [4, 6], 1: [3], 5: [7], 12: [2, 3, 4]}
    await seed_pain(bot.store, 202, levels)
    await user.send("/history")
    chart = await user.next_message()
    assert_png_photo(chart)
    expected = fmean(fmean(day) for day in levels.values())
    assert f"Average pain: {expected:.1f}/10" in chart.caption
    assert "30 days" in chart.caption
    assert len(chart.buttons[0]) == 3


async def test_period_buttons_update_the_chart_shown_in_place(bot):
    user = bot.emulator.user(203)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 203, {0: [5], 20: [1], 60: [9]})
    await user.send("/history")
    first = await user.next_message()
    charts = {first.file_path.read_bytes()}
    for days, average in ((7, 5.0), (90, 5.0), (30, 3.0)):
        await user.press(f"hist:days:{days}", message_id=first.message_id)
        event = await user.next_event()
        assert (event.kind, event.message.message_id) == ("edit", first.message_id)
        chart = event.message
        assert_png_photo(chart)
        charts.add(chart.file_path.read_bytes())
        assert f"Last {days} days (" in chart.caption
        assert f"Average pain: {average:.1f}/10" in chart.caption
        assert chart.button_texts == [
            *(f"• {d} days •" if d == days else f"{d} days" for d in (7, 30, 90)),
            "📍 One area…",
        ]
    assert len(charts) == 3  # 7, 30 and 90 days: three different charts, one message
    assert [m.message_id for m in user.messages if m.kind == "photo"] == [first.message_id]


async def test_every_figure_rests_on_the_days_its_heading_names(bot):
    user = bot.emulator.user(213)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 213, {ago: [4] for ago in (0, 1, 2, 3, 4, 5, 9, 12)})
    # 4 rated sessions in the last 7 days, 12 more in the 3 weeks before them
    await seed_sessions(bot.store, 213, "desk-break", [(6, 4)] * 4, first_ago=1)
    await seed_sessions(bot.store, 213, "desk-break", [(6, 5)] * 12, first_ago=8)
    await user.send("/history")
    month = await user.next_message()
    assert "Last 30 days (" in month.caption
    assert "Average pain: 4.0/10 from 8 of 30 days" in month.caption
    assert "over 16 sessions" in month.caption
    assert "Change from the 30 days before: not enough data yet" in month.caption
    await user.press("hist:days:7", message_id=month.message_id)
    week = await user.next_message()
    assert "Last 7 days (" in week.caption
    assert "Average pain: 4.0/10 from 6 of 7 days" in week.caption
    assert "Desk break (no equipment): \u22122.0 on average over 4 sessions" in week.caption
    assert "16" not in week.caption
    # The 7 days before hold two days with a report: too few to compare with.
    assert "Change from the 7 days before: not enough data yet" in week.caption


async def test_a_change_over_90_days_needs_enough_days_in_both_windows(bot):
    user = bot.emulator.user(214)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 214, {ago: [3] for ago in range(0, 60, 2)})  # 30 days
    await seed_pain(bot.store, 214, {ago: [5] for ago in range(90, 100)})  # 10 days before
    await user.send("/history")
    shown = await user.next_message()
    await user.press("hist:days:90", message_id=shown.message_id)
    few = await user.next_message()
    assert "Average pain: 3.0/10 from 30 of 90 days" in few.caption
    assert "Change from the 90 days before: not enough data yet" in few.caption
    assert "Change from the 90 days before: \u2212" not in few.caption
    await seed_pain(bot.store, 214, {ago: [5] for ago in range(100, 150, 2)})  # 25 more
    await user.press("hist:days:90", message_id=shown.message_id)
    enough = await user.next_message()
    assert "Change from the 90 days before: \u22122.0 (30 and 35 days with a report)" in (
        enough.caption
    )


async def test_routine_insights_appear_only_after_three_rated_sessions(bot):
    user = bot.emulator.user(204)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 204, {0: [4]})
    await seed_sessions(bot.store, 204, "desk-break", [(6, 4), (5, 4)])
    await user.send("/history")
    two = await user.next_message()
    assert "Desk break" not in two.body
    await seed_sessions(bot.store, 204, "desk-break", [(6, 4), (5, 4), (7, 4)])
    await user.send("/history")
    three = await user.next_message()
    text = three.body if three.kind == "text" else three.caption
    assert "Desk break (no equipment)" in text
    assert "on average over" in text


async def test_a_partner_routine_given_says_nothing_of_the_givers_own_back(bot):
    """Its ratings are the partner's: never an insight about the user's routines."""
    user = bot.emulator.user(205)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 205, {0: [4]})
    await seed_sessions(bot.store, 205, "partner-lower-back", [(7, 2), (6, 2), (8, 3)])
    await seed_sessions(bot.store, 205, "desk-break", [(6, 4), (5, 4), (7, 4)])
    await user.send("/history")
    report = await user.next_message()
    text = report.body if report.kind == "text" else report.caption
    assert "Desk break (no equipment)" in text  # the user's own routine still counts
    title = bot.services.library.routines["partner-lower-back"].title
    assert title not in text


async def test_onboarded_user_gets_a_sunday_evening_weekly_summary_job(bot):
    user = bot.emulator.user(205)
    await onboard(user, ZONE)
    job = await scheduled_weekly_job(bot, 205)
    assert job is not None
    local = job.at.astimezone(ZoneInfo(ZONE))
    assert (local.weekday(), local.strftime("%H:%M")) == (6, "19:00")
    assert job.at > utcnow()


async def test_weekly_summary_sends_the_chart_and_plans_next_week(bot):
    user = bot.emulator.user(206)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 206, {1: [5], 2: [3]})
    job = await scheduled_weekly_job(bot, 206)
    due = job.at
    await run_due(bot, job)
    summary = await user.next_message()
    assert_png_photo(summary)
    assert "Your week" in summary.caption and "Average pain: 4.0/10" in summary.caption
    again = weekly_job(bot, 206)
    assert again is not None and again != job
    assert again.at == due + timedelta(days=7)


async def test_weekly_summary_skips_a_quiet_week_but_stays_scheduled(bot):
    user = bot.emulator.user(207)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 207, {20: [5]})
    job = await scheduled_weekly_job(bot, 207)
    await run_due(bot, job)
    assert user.drain() == []
    assert weekly_job(bot, 207).at == job.at + timedelta(days=7)


async def test_weekly_summary_to_a_user_who_blocked_the_bot_stops(bot):
    user = bot.emulator.user(208)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 208, {0: [5]})
    bot.emulator.block(208)
    await run_due(bot, (await scheduled_weekly_job(bot, 208)))
    assert (await bot.store.get_user(208)).active is False
    assert weekly_job(bot, 208) is None


async def test_summary_setting_can_be_turned_off_and_moved(bot):
    user = bot.emulator.user(209)
    await onboard(user, ZONE)
    await user.send("/summary")
    shown = await user.next_message()
    assert "on" in shown.text and "Sundays at 19:00" in shown.text
    await user.press("Mon")
    await user.press("08:00")
    moved = await drain(user, 2)
    assert "Mondays at 08:00" in moved[-1].text
    local = weekly_job(bot, 209).at.astimezone(ZoneInfo(ZONE))
    assert (local.weekday(), local.strftime("%H:%M")) == (0, "08:00")
    await user.press("🔕 Turn off")
    off = await user.next_message()
    assert "off" in off.text
    assert weekly_job(bot, 209) is None
    stored = (await bot.store.get_user(209)).preferences.weekly_summary
    assert stored == WeeklySetting(enabled=False, day=0, time="08:00")


async def test_weekly_items_survive_a_restart_and_a_rebuild_but_not_when_turned_off(bot):
    on, off = bot.emulator.user(210), bot.emulator.user(211)
    await onboard(on)
    await onboard(off)
    planned = await scheduled_weekly_job(bot, 210)
    await off.send("/summary")
    await off.next_message()
    await off.press("🔕 Turn off")
    await off.next_message()
    await bot.restart()
    assert weekly_job(bot, 210) == planned
    assert weekly_job(bot, 211) is None
    await bot.stop()
    remove_index(bot.data_dir)  # lost: rebuilt from the stored settings at start
    await bot.start()
    await dispatcher_of(bot.application).wait_built()
    assert weekly_job(bot, 210) == planned
    assert weekly_job(bot, 211) is None


async def test_long_summary_goes_under_the_chart_as_its_own_message(bot):
    user = bot.emulator.user(212)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 212, {0: [4], 3: [5]})
    for routine_id in bot.services.library.routines:
        await seed_sessions(bot.store, 212, routine_id, [(6, 4), (5, 3), (7, 4)])
    await user.send("/history")
    chart, text = await drain(user, 2)
    assert_png_photo(chart)
    assert len(chart.caption) <= 1024 and "Last 30 days (" in chart.caption
    assert "Average pain: 4.5/10" in chart.caption  # the main figures stay with the chart
    assert text.kind == "text" and len(chart.caption) + len(text.text) > 1024
    # Every routine of the user's own (a partner routine's ratings are the partner's).
    titles = [r.title for r in bot.services.library.routines.values() if r.who != "partner"]
    assert all(title in text.text for title in titles)
    assert text.button_texts[:3] == ["7 days", "• 30 days •", "90 days"]
    await user.press("7 days", message_id=text.message_id)
    photo_edit, text_edit = await user.next_event(), await user.next_event()
    assert (photo_edit.kind, photo_edit.message.message_id) == ("edit", chart.message_id)
    assert_png_photo(photo_edit.message)
    assert "7 days" in photo_edit.message.caption and len(photo_edit.message.caption) <= 1024
    assert photo_edit.message.file_path.read_bytes() != chart.file_path.read_bytes()
    assert (text_edit.kind, text_edit.message.message_id) == ("edit", text.message_id)
    assert "Last 7 days (" in photo_edit.message.caption
    assert "Pain before and after routines, last 7 days:" in text_edit.message.text
    assert text_edit.message.button_texts[:3] == ["• 7 days •", "30 days", "90 days"]
    assert [m.message_id for m in user.messages[-2:]] == [chart.message_id, text.message_id]


async def test_a_period_too_long_for_a_caption_puts_its_text_under_the_same_chart(bot):
    user = bot.emulator.user(215)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 215, {0: [4], 3: [5]})
    for routine_id in bot.services.library.routines:  # 40 to 42 days ago: in 90 days only
        await seed_sessions(bot.store, 215, routine_id, [(6, 4), (5, 3), (7, 4)], first_ago=40)
    await user.send("/history")
    chart = await user.next_message()
    assert chart.button_texts[:3] == ["7 days", "• 30 days •", "90 days"]  # short: one message
    await user.press("90 days", message_id=chart.message_id)
    photo_edit, text = await user.next_event(), await user.next_event()
    assert (photo_edit.kind, photo_edit.message.message_id) == ("edit", chart.message_id)
    assert photo_edit.message.buttons == [] and "90 days" in photo_edit.message.caption
    assert text.kind == "new" and "routines, last 90 days:" in text.message.text
    assert text.message.button_texts[:3] == ["7 days", "30 days", "• 90 days •"]
    await user.press("30 days", message_id=text.message.message_id)
    photo_edit, text_edit = await user.next_event(), await user.next_event()
    assert (photo_edit.kind, photo_edit.message.message_id) == ("edit", chart.message_id)
    assert "Last 30 days (" in photo_edit.message.caption  # all of it fits there again
    assert "Average pain: 4.5/10" in photo_edit.message.caption
    assert (text_edit.kind, text_edit.message.message_id) == ("edit", text.message.message_id)
    assert "under the chart above" in text_edit.message.text
    assert text_edit.message.button_texts[:3] == ["7 days", "• 30 days •", "90 days"]
    assert [m.kind for m in user.messages[-2:]] == ["photo", "text"]


async def test_a_chart_that_cannot_be_updated_is_sent_anew(bot):
    user = bot.emulator.user(216)
    await onboard(user, ZONE)
    await seed_pain(bot.store, 216, {0: [4], 3: [5]})
    await user.send("/history")
    chart = await user.next_message()
    # Buttons under a text whose chart is gone (here: an id no message has).
    user.forge_press("hist:days:7:99999", chart)
    again = await user.next_message()
    assert again.message_id != chart.message_id
    assert_png_photo(again)
    assert "Last 7 days (" in again.caption
    assert again.button_texts[:3] == ["• 7 days •", "30 days", "90 days"]


# ------------------------------------------------------------ one area of the body map


async def seed_areas(store, user_id: int, entries: list[tuple[int, int, str | None]]) -> None:
    """(days ago, level, area) entries, each at its own hour."""
    for i, (ago, level, area) in enumerate(entries):
        at = days_ago(ago, hour=8 + i % 12)
        local = at.astimezone(ZoneInfo(ZONE)).date()
        entry = PainEntry(id=new_id(), recorded_at=at, local_date=local, level=level, area=area)
        await store.record_pain(user_id, entry)


AREA_DIARY = [
    (1, 8, "lower back"),
    (2, 6, "lower back"),
    (3, 2, "neck & shoulders"),
    (4, 4, "whole back"),  # counts for the lower back too
    (5, 9, "hip & buttock"),  # the old combined area: hip and buttock, not the lower back
    (6, 1, None),
]


async def test_history_of_one_area_charts_only_the_entries_that_count_for_it(bot):
    user = bot.emulator.user(230)
    await onboard(user, ZONE)
    await seed_areas(bot.store, 230, AREA_DIARY)
    for typed in ("/history lower back", "/history 5"):
        await user.send(typed)
        chart = await user.next_message()
        assert_png_photo(chart)
        assert "Your back: lower back" in chart.caption
        assert "Counting your whole back entries too." in chart.caption
        assert f"Average pain: {fmean([8, 6, 4]):.1f}/10 from 3 of 30 days" in chart.caption
        assert chart.button_texts[:3] == ["7 days", "• 30 days •", "90 days"]
        assert "📍 lower back: change…" in chart.button_texts
    await user.send("/history hip")
    hip = await user.next_message()
    assert "Your back: hip" in hip.caption and "Average pain: 9.0/10" in hip.caption
    await user.send("/history")
    everything = await user.next_message()
    assert f"Average pain: {fmean([8, 6, 2, 4, 9, 1]):.1f}/10" in everything.caption


async def test_the_area_button_under_the_chart_offers_the_zones_and_keeps_the_area(bot):
    user = bot.emulator.user(231)
    await onboard(user, ZONE)
    await seed_areas(bot.store, 231, AREA_DIARY)
    await user.send("/history")
    chart = await user.next_message()
    await user.press("📍 One area…")
    zones = await user.next_message()
    assert zones.message_id == chart.message_id
    assert "3 · Between shoulder blades" in zones.button_texts
    assert "All areas" in zones.button_texts
    await user.press("1 · Neck & shoulders")
    neck = await user.next_message()
    assert neck.message_id == chart.message_id
    assert "Your back: neck & shoulders" in neck.caption
    assert f"Average pain: {fmean([2, 4]):.1f}/10" in neck.caption
    await user.press("7 days", message_id=chart.message_id)  # the period keeps the area
    week = await user.next_message()
    assert "Your back: neck & shoulders" in week.caption and "Last 7 days" in week.caption


async def test_history_of_an_unknown_or_empty_area_says_what_to_type(bot):
    user = bot.emulator.user(232)
    await onboard(user, ZONE)
    await user.send("/history elbow")
    unknown = await user.next_message()
    assert "I don't know the area" in unknown.text and "/history 5" in unknown.text
    assert "3 between the shoulder blades" in unknown.text
    await user.send("/history 7")
    empty = await user.next_message()
    assert "Nothing recorded for the hip yet" in empty.text
    await user.send("/history neck")  # an area whose name has an "&" in it
    empty = await user.next_message()
    assert "Nothing recorded for the neck & shoulders yet" in empty.text
