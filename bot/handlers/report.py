"""/report: a PDF for a clinician of 4 weeks, 3 months or everything, with a PNG preview.

The figures are gathered in ``domain.report`` (pure), drawn in ``bot.report_pdf`` in the
rendering process (``bot.charts.render_off_loop``): making a PDF and a chart is CPU work
that must not hold up other people's answers.
"""

from __future__ import annotations

import html
import io
import logging
from functools import partial

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ParseMode
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import callbacks, keyboards, texts
from bot.charts import render_off_loop
from bot.context import Context
from bot.features import Feature
from bot.handlers.common import current_user, reply
from bot.i18n import N_, _, current_language
from bot.report_pdf import render_report
from bot.services import services
from bot.texts import factors as factor_texts
from bot.texts import report as t
from content.schema import WarningSigns
from domain.models import User, utcnow
from domain.redflags import Tier
from domain.report import ClinicianReport, Period, SignDay, build_report, marks_from_factors
from domain.schedule import local_date_of
from storage import update_preferences

logger = logging.getLogger(__name__)

PERIODS: tuple[Period, ...] = ("4w", "3m", "all")
MAX_NAME = 80  # characters of "/report name ...": a name, maybe a date of birth


def _period_buttons(skip: Period | None = None) -> InlineKeyboardMarkup:
    return keyboards.inline(
        [
            [
                (_(t.PERIOD_BUTTONS[period]), callbacks.ReportPeriod(period).pack())
                for period in PERIODS
                if period != skip
            ]
        ]
    )


def sign_days(user: User, table: WarningSigns) -> list[SignDay]:
    """The days the user reported warning signs, in the table's words, oldest first."""
    prefs = user.preferences
    days = list(prefs.warning_days)
    # Recorded before the bot kept every day: the latest day is all there is.
    if prefs.warning_sign is not None and prefs.warning_sign.date not in {d.date for d in days}:
        days.append(prefs.warning_sign)
    found = []
    for record in sorted(days, key=lambda d: d.date):
        try:
            tier = Tier(record.tier)
        except ValueError:
            continue
        advice = table.tiers.get(tier)
        words = tuple(table.signs[code].words for code in record.codes if code in table.signs)
        found.append(SignDay(record.date, advice.title if advice else tier.value, words))
    return found


async def gather_report(context: Context, user: User, period: Period) -> ClinicianReport:
    """Everything the report shows for ``period``, read from storage."""
    store = services(context).store
    library = services(context).content()
    routines = library.routines
    # A partner routine's ratings describe the partner: they stay out of the user's report.
    sessions = [
        s
        for s in await store.list_sessions(user.user_id)
        if s.routine_id not in routines or routines[s.routine_id].who != "partner"
    ]
    zone = user.timezone or "UTC"
    return build_report(
        name=report_name(user),
        period=period,
        today=local_date_of(utcnow(), zone),
        zone=zone,
        entries=await store.pain_entries(user.user_id),
        sessions=sessions,
        routine_titles={rid: r.title for rid, r in routines.items()},
        signs=sign_days(user, library.warning_signs),
        marks=marks_from_factors(
            await store.factor_entries(user.user_id), factor_texts.kind_names()
        ),
    )


def report_name(user: User) -> str:
    """How the report names the person: what they chose, else their first name."""
    return user.preferences.report_name or user.first_name


async def report_command(update: Update, context: Context) -> None:
    """Ask which period the report covers; "/report name ..." sets how it names the user."""
    user = await current_user(update, context)
    args = context.args or []
    if args and args[0].casefold() == "name":
        await _set_name(update, context, user, " ".join(args[1:]))
        return
    if args:
        await reply(update, _(t.REPORT_USAGE))
        return
    name = html.escape(report_name(user) or _(t.NAME_UNKNOWN))
    await reply(update, _(t.ASK_PERIOD).format(name=name), reply_markup=_period_buttons())


async def _set_name(update: Update, context: Context, user: User, typed: str) -> None:
    name = " ".join(typed.split())
    if len(name) > MAX_NAME:
        await reply(update, _(t.NAME_TOO_LONG).format(limit=MAX_NAME))
        return
    await update_preferences(services(context).store, user.user_id, report_name=name)
    if name:
        text = _(t.NAME_SET).format(name=html.escape(name))
    else:
        text = _(t.NAME_RESET).format(name=html.escape(user.first_name or _(t.NAME_UNKNOWN)))
    await reply(update, text, reply_markup=_period_buttons())


async def period_button(update: Update, context: Context) -> None:
    """rep:p:<4w|3m|all>: make the report of that period and send it."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    if not isinstance(data, callbacks.ReportPeriod):
        await query.answer(_(texts.STALE_BUTTON))
        return
    await query.answer(_(t.MAKING))
    user = await current_user(update, context)
    chat = update.effective_chat
    report = await gather_report(context, user, data.period)
    if not report.has_data:
        text = _(t.NO_DATA).format(period=_(t.NO_DATA_PERIOD[data.period]))
        markup = _period_buttons(skip=data.period) if data.period != "all" else None
        text += _(t.NO_DATA_LONGER) if markup else ""
        await reply(update, text, reply_markup=markup)
        return
    await chat.send_chat_action(ChatAction.UPLOAD_DOCUMENT)
    try:
        # The renderer runs in another process: the language goes with the work.
        render = partial(render_report, language=current_language())
        pdf, preview = await render_off_loop(render, report)
    except Exception:
        logger.exception("Report for user %s (%s) could not be drawn", user.user_id, data.period)
        await reply(update, _(t.FAILED))
        return
    window = report.window
    span = f"{t.long_day(window.start)} – {t.long_day(window.end)}"
    await chat.send_photo(
        io.BytesIO(preview),
        caption=_(t.PREVIEW_CAPTION).format(span=html.escape(span)),
        parse_mode=ParseMode.HTML,
        filename="report-preview.png",
    )
    await chat.send_document(
        io.BytesIO(pdf),
        filename=_(t.DOCUMENT_NAME).format(start=window.start, end=window.end),
    )


COMMANDS = [("report", N_("A PDF report of your back for your doctor (/report name Anna Smith)"))]


def handlers() -> list:
    return [
        CommandHandler("report", report_command, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(period_button, pattern=callbacks.ReportPeriod.pattern()),
    ]


FEATURE = Feature("report", handlers=handlers, commands=COMMANDS)
