"""/history (a chart of daily pain with routine days marked), /summary and the weekly push.

The weekly summary is one due item per user (``bot.dispatcher``, kind ``weekly``) at the
instant our own DST-safe ``next_summary_time`` gives, planned again after each firing;
:func:`seed_weekly` derives it from the stored setting (index build, and whenever the
user's settings change, e.g. when onboarding sets their time zone).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable, Iterator
from datetime import date, datetime, timedelta
from functools import partial

from telegram import CallbackQuery, InlineKeyboardMarkup, InputMediaPhoto, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    filters,
)

from bot import callbacks, keyboards, keyboards_pain, sending, texts
from bot.charts import chart_spec, render_pain_chart_off_loop
from bot.context import Context
from bot.dispatcher import DueItem, DueKind, Seeding, UserData, dispatcher_of
from bot.features import Feature
from bot.handlers.common import current_user, reply
from bot.i18n import N_, _, current_language, use_language
from bot.ratelimit import BACKGROUND, SendKind
from bot.reading import area_named, days_in_english
from bot.services import services
from bot.texts import factors as factor_texts
from bot.texts import history as t
from bot.texts import pain as pain_texts
from domain import body_map, stats
from domain.conversation import Awaiting
from domain.models import User, utcnow
from domain.report import GOES_WITH_DAYS, factor_findings, marks_from_factors
from domain.schedule import ScheduleParseError, local_date_of
from domain.weekly import (
    DAY_NAMES,
    TIME_CHOICES,
    WeeklySetting,
    next_summary_time,
    parse_summary_change,
)
from storage import update_preferences

logger = logging.getLogger(__name__)

PERIODS = (7, 30, 90)
DEFAULT_PERIOD = 30
MAX_CAPTION = 1024
# A summary an hour or two late (loop stall, slow restart) is still welcome.
WEEKLY_GRACE = timedelta(hours=3)
WEEKLY = "weekly"  # the kind of due item


# ------------------------------------------------------------------ the report


async def _report(
    context: Context,
    user: User,
    days: int,
    title: str,
    chart_title: str,
    area: str | None = None,
) -> tuple[str, bytes] | None:
    """(HTML text, PNG chart) for the last ``days`` local days; None if there is no data.
    ``area``: only the entries that count for it (domain/body_map.py says which)."""
    store = services(context).store
    entries = await store.pain_entries(user.user_id)
    if area is not None:
        entries = [e for e in entries if body_map.counts_for(area, e.area)]
    routines = services(context).content().routines
    # A partner routine's ratings describe the partner who received it: they say nothing of
    # the user's own back, so they stay out of the user's figures and chart.
    sessions = [
        s
        for s in await store.list_sessions(user.user_id)
        if s.status == "completed"
        and (s.routine_id not in routines or routines[s.routine_id].who != "partner")
    ]
    if not entries and not sessions:
        return None
    zone = user.timezone or "UTC"
    window = stats.Window.ending(local_date_of(utcnow(), zone), days)
    goes_with = stats.Window.ending(window.end, GOES_WITH_DAYS)
    marks = marks_from_factors(
        await store.factor_entries(user.user_id, goes_with.start, goes_with.end),
        factor_texts.kind_names(),
    )
    found = factor_findings(entries, marks, goes_with)
    titles = {rid: r.title for rid, r in routines.items()}
    summary = stats.period_summary(
        entries, sessions, today=window.end, days=days, zone=zone, routine_titles=titles
    )
    spec = chart_spec(
        stats.daily_levels(entries, window.start, window.end),
        {stats.local_date(s.started_at, zone) for s in sessions},
        chart_title,
        trend=stats.rolling_average(entries, window),
        language=current_language(),
    )
    chart = await render_pain_chart_off_loop(spec)
    # The title and the main figures make the first paragraph: the chart's caption when the
    # whole report is too long for one.
    labels = {m.key: m.label for m in marks}
    lines = t.goes_with_lines(found, labels, GOES_WITH_DAYS)
    return "\n".join([f"{title}\n{t.summary(summary)}", *lines]), chart


def _report_parts(
    bot,
    chat_id: int,
    text: str,
    chart: bytes,
    markup: InlineKeyboardMarkup | None = None,
    rate_limit_args: SendKind | None = None,
) -> list[Callable[[], Awaitable[object]]]:
    """The report's sends, in order: one photo, or a photo and the text when too long for a
    caption (each can be tried again on its own)."""
    if len(text) <= MAX_CAPTION:
        return [
            partial(
                bot.send_photo,
                chat_id,
                chart,
                caption=text,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                filename=CHART_FILENAME,
                rate_limit_args=rate_limit_args,
            )
        ]
    header, rest = _split(text)
    return [
        partial(
            bot.send_photo,
            chat_id,
            chart,
            caption=header,
            parse_mode=ParseMode.HTML,
            filename=CHART_FILENAME,
            rate_limit_args=rate_limit_args,
        ),
        partial(
            bot.send_message,
            chat_id,
            rest,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            rate_limit_args=rate_limit_args,
        ),
    ]


CHART_FILENAME = "pain-chart.png"


def _period_buttons(
    current: int, chart: int | None = None, area: str | None = None
) -> InlineKeyboardMarkup:
    """7/30/90 (of ``area``, if one), then the area button; ``chart`` is the chart's
    message id when the buttons sit under the text."""
    code = body_map.area_code(area) if area else None
    periods = [
        (
            t.days_button(days, current=days == current),
            callbacks.HistoryPeriod(days, chart, code).pack(),
        )
        for days in PERIODS
    ]
    which = t.area_button(area)
    return keyboards.inline([periods, [(which, callbacks.HistoryAreas(current, chart).pack())]])


def _area_buttons(days: int, chart: int | None) -> InlineKeyboardMarkup:
    """The body map's zones (and the whole back, and all areas) for the chart shown."""

    def show(area: str | None) -> str:
        code = body_map.area_code(area) if area else None
        return callbacks.HistoryPeriod(days, chart, code).pack()

    zones = [
        (keyboards_pain.zone_button_text(zone.number, zone.short), show(zone.area))
        for zone in body_map.ZONES
    ]
    rows = [zones[i : i + 2] for i in range(0, len(zones), 2)]
    rows.append([(_(pain_texts.WHOLE_BACK_BUTTON), show(body_map.WHOLE_BACK))])
    rows.append([(_(t.ALL_AREAS_BUTTON), show(None))])
    return keyboards.inline(rows)


def _split(text: str) -> tuple[str, str]:
    """(first paragraph, the rest): the chart's caption and the text under it, when the
    whole report is too long for a caption."""
    header, _, rest = text.partition("\n\n")
    return header, rest


def _chart_media(chart: bytes, caption: str) -> InputMediaPhoto:
    return InputMediaPhoto(
        chart, caption=caption, parse_mode=ParseMode.HTML, filename=CHART_FILENAME
    )


async def _history_report(
    context: Context, user: User, days: int, area: str | None = None
) -> tuple[str, bytes] | None:
    if area is None:
        return await _report(context, user, days, _(t.HISTORY_TITLE), t.chart_title(days))
    title = t.area_title(area, body_map.counted_with(area))
    chart_title = t.area_chart_title(area, days)
    return await _report(context, user, days, title, chart_title, area)


async def _send_history(
    bot, chat_id: int, days: int, text: str, chart: bytes, area: str | None = None
) -> None:
    """A new chart with the buttons under it; the text after it when too long for a caption."""
    if len(text) <= MAX_CAPTION:
        await bot.send_photo(
            chat_id,
            chart,
            caption=text,
            parse_mode=ParseMode.HTML,
            reply_markup=_period_buttons(days, area=area),
            filename=CHART_FILENAME,
        )
        return
    header, rest = _split(text)
    photo = await bot.send_photo(
        chat_id, chart, caption=header, parse_mode=ParseMode.HTML, filename=CHART_FILENAME
    )
    await bot.send_message(
        chat_id,
        rest,
        parse_mode=ParseMode.HTML,
        reply_markup=_period_buttons(days, photo.message_id, area),
    )


async def _update_history(
    bot,
    query: CallbackQuery,
    data: callbacks.HistoryPeriod,
    text: str,
    chart: bytes,
    area: str | None = None,
) -> None:
    """Replace the chart shown (and the text under it) in place, keeping the buttons."""
    chat_id = query.message.chat.id
    header, rest = _split(text)
    buttons = partial(_period_buttons, area=area)
    if data.chart is not None:  # the buttons sit under the text; the chart is above it
        if len(text) <= MAX_CAPTION:  # all of it fits under the chart again
            header, rest = text, _(t.MORE_ABOVE)
        await bot.edit_message_media(
            _chart_media(chart, header), chat_id=chat_id, message_id=data.chart
        )
        await query.edit_message_text(
            rest, parse_mode=ParseMode.HTML, reply_markup=buttons(data.days, data.chart)
        )
    elif len(text) <= MAX_CAPTION:
        await query.edit_message_media(_chart_media(chart, text), reply_markup=buttons(data.days))
    else:  # the chart keeps a short caption; the rest goes under it, with the buttons
        await query.edit_message_media(_chart_media(chart, header))
        await bot.send_message(
            chat_id,
            rest,
            parse_mode=ParseMode.HTML,
            reply_markup=buttons(data.days, query.message.message_id),
        )


async def history_command(update: Update, context: Context) -> None:
    """A chart of the last 30 days (or 7/90 via the buttons) and what it says; of one area
    with words: "/history 5", "/history lower back"."""
    user = await current_user(update, context)
    typed = " ".join(context.args or [])
    area = area_named(typed) if typed else None
    if typed and area is None:
        zones = [(zone.number, zone.area) for zone in body_map.ZONES]
        areas = t.area_list([*zones, (None, body_map.WHOLE_BACK)])
        await reply(update, _(t.UNKNOWN_AREA).format(typed=html.escape(typed[:40]), areas=areas))
        return
    report = await _history_report(context, user, DEFAULT_PERIOD, area)
    if report is None:
        await reply(update, t.no_area_data(area) if area else _(t.NO_DATA_YET))
        return
    await _send_history(context.bot, update.effective_chat.id, DEFAULT_PERIOD, *report, area)


async def period_button(update: Update, context: Context) -> None:
    """hist:days:<7|30|90>[:<chart id>[:<area>]]: show that period (of that area, or of all)
    in the chart shown, in place."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    if (
        not isinstance(data, callbacks.HistoryPeriod)
        or data.days not in PERIODS
        or (data.area is not None and data.area not in keyboards_pain.AREA_CODES)
    ):
        await query.answer(_(texts.STALE_BUTTON))
        return
    await query.answer()
    user = await current_user(update, context)
    area = keyboards_pain.AREA_CODES.get(data.area or "")
    report = await _history_report(context, user, data.days, area)
    if report is None:  # the diary was deleted since (or this area has nothing)
        await reply(update, t.no_area_data(area) if area else _(t.NO_DATA_YET))
        return
    try:
        await _update_history(context.bot, query, data, *report, area)
    except BadRequest as error:
        if "not modified" in error.message:
            return
        # The chart was deleted, or the button's data is not ours: show the report anew.
        logger.info("History chart could not be updated in place (%s); sending it anew", error)
        await _send_history(context.bot, update.effective_chat.id, data.days, *report, area)


async def areas_button(update: Update, context: Context) -> None:
    """hist:areas:<days>[:<chart id>]: the zones to chart one of, in place of the buttons."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    if not isinstance(data, callbacks.HistoryAreas) or data.days not in PERIODS:
        await query.answer(_(texts.STALE_BUTTON))
        return
    await query.answer()
    try:
        await query.edit_message_reply_markup(_area_buttons(data.days, data.chart))
    except BadRequest as error:  # too old to edit, or pressed twice
        logger.info("History area buttons not shown in place (%s)", error)


# ------------------------------------------------------------- weekly summary


def schedule_weekly(
    application: Application, user: User, after: datetime | None = None
) -> datetime | None:
    """(Re)place the user's weekly summary; returns its UTC time, None if none is due."""
    dispatcher = dispatcher_of(application)
    setting = user.preferences.weekly_summary
    if not (setting.enabled and user.timezone and user.active):
        dispatcher.cancel(WEEKLY, user.user_id)
        return None
    due = next_summary_time(setting, user.timezone, after or utcnow())
    dispatcher.schedule(WEEKLY, user.user_id, due)
    return due


def seed_weekly(data: UserData, seeding: Seeding) -> Iterator[DueItem]:
    """The next summary, if the user wants one (one missed while down is not sent)."""
    user = data.user
    setting = user.preferences.weekly_summary
    if setting.enabled and user.timezone and user.active:
        yield DueItem(next_summary_time(setting, user.timezone, seeding.now), WEEKLY, user.user_id)


async def weekly_summary_job(context: Context, item: DueItem) -> None:
    """Send the week's chart to users who recorded something; then plan next week's."""
    store = services(context).store
    user = await store.get_user(item.user_id)
    if user is None or not user.timezone or not user.active:
        return  # blocked or gone: nothing is planned again (the item is dropped)
    now = utcnow()
    after = max(now, item.at)
    try:
        if now - item.at > WEEKLY_GRACE:
            return  # a summary days late helps nobody: next week's comes on time
        if await _has_recent_entries(context, user):
            with use_language(user.preferences.language):  # a job: no update set it
                title, chart_title = _(t.WEEKLY_TITLE), _(t.WEEKLY_CHART_TITLE)
                report = await _report(context, user, 7, title, chart_title)
            if report is not None:
                await _send_weekly(context.application, user, *report)
    finally:
        # Plan next week's even if sending failed, but not after a block (the send policy
        # paused the user, who is inactive now).
        fresh = await store.get_user(user.user_id)
        if fresh is not None and fresh.active:
            schedule_weekly(context.application, fresh, after=after)


async def _has_recent_entries(context: Context, user: User) -> bool:
    today = local_date_of(utcnow(), user.timezone or "UTC")
    since: date = today - timedelta(days=6)
    return bool(await services(context).store.pain_entries(user.user_id, since, today))


async def _send_weekly(application: Application, user: User, text: str, chart: bytes) -> None:
    """Each part of the report under the send policy for background sends (bot/sending.py)."""
    parts = _report_parts(application.bot, user.chat_id, text, chart, rate_limit_args=BACKGROUND)
    for send in parts:
        outcome = await sending.deliver(
            application, send, what="a weekly summary", user_id=user.user_id
        )
        if outcome is not sending.Outcome.SENT:
            return


# ------------------------------------------------------------------- /summary


def _summary_view(setting: WeeklySetting) -> tuple[str, InlineKeyboardMarkup]:
    def mark(label: str, current: bool) -> str:
        return t.CURRENT_MARK.format(label=label) if current else label

    if setting.enabled:
        text = _(t.SUMMARY_ON).format(when=t.weekly_when(setting))
        toggle = (_(t.TURN_OFF_BUTTON), callbacks.WeeklyChange("off").pack())
    else:
        text = _(t.SUMMARY_OFF).format(when=t.weekly_when(setting))
        toggle = (_(t.TURN_ON_BUTTON), callbacks.WeeklyChange("on").pack())
    days = [
        (mark(t.short_day_name(i), i == setting.day), callbacks.WeeklyChange("day", i).pack())
        for i in range(len(DAY_NAMES))
    ]
    times = [
        (mark(at, at == setting.time), callbacks.WeeklyChange("time", at.replace(":", "")).pack())
        for at in TIME_CHOICES
    ]
    # A typed time that no button shows is marked on the "Other time" button.
    custom = setting.time not in TIME_CHOICES
    other = mark(setting.time, True) + " · " if custom else ""
    other_row = [(other + _(t.OTHER_TIME_BUTTON), callbacks.WeeklyChange("other").pack())]
    rows = [[toggle], days[:4], days[4:], times[:3], times[3:], other_row]
    return text, keyboards.inline(rows)


async def summary_command(update: Update, context: Context) -> None:
    """Show the weekly summary setting with buttons to change it."""
    user = await current_user(update, context)
    if not user.timezone:
        await reply(update, _(texts.NEED_TIMEZONE_FIRST))
        return
    if context.args:  # "/summary 14:10", "/summary friday 6pm", "/summary off"
        await _typed_summary_change(update, context, user, " ".join(context.args))
        return
    text, markup = _summary_view(user.preferences.weekly_summary)
    await reply(update, text, reply_markup=markup)


async def _typed_summary_change(update: Update, context: Context, user: User, typed: str) -> None:
    try:
        new = parse_summary_change(days_in_english(typed), user.preferences.weekly_summary)
    except ScheduleParseError as error:
        await reply(
            update,
            _(t.SUMMARY_PARSE_ERROR).format(
                message=html.escape(error.message), example=html.escape(error.example)
            ),
        )
        return
    user = await update_preferences(services(context).store, user.user_id, weekly_summary=new)
    schedule_weekly(context.application, user)
    text, markup = _summary_view(new)
    await reply(update, text, reply_markup=markup)


async def _awaiting_summary_time(update: Update, context: Context, user: User) -> None:
    """The time typed after "Other time…"; asked once, so a wrong answer is not a trap."""
    await services(context).store.update_user(user.user_id, awaiting=None)
    await _typed_summary_change(update, context, user, update.message.text or "")


def _changed_setting(
    setting: WeeklySetting, data: callbacks.CallbackData | None
) -> WeeklySetting | None:
    """The setting after pressing hist:wk:<change>; None if the button is not one of ours."""
    if not isinstance(data, callbacks.WeeklyChange):
        return None
    match (data.change, data.value):
        case ("on", None) | ("off", None):
            return WeeklySetting(data.change == "on", setting.day, setting.time)
        case ("day", day) if day in {str(i) for i in range(7)}:
            return WeeklySetting(setting.enabled, int(day), setting.time)
        case ("time", str(hhmm)) if f"{hhmm[:2]}:{hhmm[2:]}" in TIME_CHOICES:
            return WeeklySetting(setting.enabled, setting.day, f"{hhmm[:2]}:{hhmm[2:]}")
    return None


async def summary_button(update: Update, context: Context) -> None:
    """hist:wk:on|off|day:<0-6>|time:<HHMM>: change the setting and the job."""
    query = update.callback_query
    user = await current_user(update, context)
    old = user.preferences.weekly_summary
    data = callbacks.parse(query.data)
    if isinstance(data, callbacks.WeeklyChange) and data.change == "other" and user.timezone:
        await services(context).store.update_user(user.user_id, awaiting=Awaiting("summary_time"))
        await query.answer()
        await reply(update, _(t.ASK_SUMMARY_TIME))
        return
    new = _changed_setting(old, data)
    if new is None or not user.timezone:
        await query.answer(_(texts.STALE_BUTTON))
        return
    await query.answer()
    if new == old:
        return  # Telegram refuses an edit that changes nothing
    user = await update_preferences(services(context).store, user.user_id, weekly_summary=new)
    schedule_weekly(context.application, user)
    text, markup = _summary_view(new)
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


COMMANDS = [
    ("history", N_("Chart of your pain and routines (7, 30 or 90 days; /history 5: one area)")),
    ("summary", N_("Weekly summary: on or off, day and time (/summary friday 18:30)")),
]


DUE = {WEEKLY: DueKind(handle=weekly_summary_job, seed=seed_weekly)}


def handlers() -> list:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("history", history_command, filters=private),
        CommandHandler("summary", summary_command, filters=private),
        CallbackQueryHandler(period_button, pattern=callbacks.HistoryPeriod.pattern()),
        CallbackQueryHandler(areas_button, pattern=callbacks.HistoryAreas.pattern()),
        CallbackQueryHandler(summary_button, pattern=callbacks.WeeklyChange.pattern()),
    ]


AWAITING = {"summary_time": _awaiting_summary_time}
FEATURE = Feature("history", handlers=handlers, commands=COMMANDS, awaiting=AWAITING, due=DUE)
