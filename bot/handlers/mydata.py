"""/export (your data as files), /forget (erase everything) and /privacy (what we keep)."""

from __future__ import annotations

import asyncio
import io
import json
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import callbacks, keyboards, texts
from bot.context import Context
from bot.features import Feature
from bot.handlers.common import current_user, reply
from bot.i18n import N_, _
from bot.services import services
from bot.texts import mydata as t
from domain.export import diary_csv, user_export
from domain.models import FactorEntry, PainEntry, RoutineSession, utcnow

CSV_NAME = "pain-diary.csv"
JSON_NAME = "backcare-data.json"


def _export_files(
    entries: list[PainEntry],
    sessions: list[RoutineSession],
    factors: list[FactorEntry],
    zone: str,
    titles: dict[str, str],
    everything: dict[str, Any],
) -> tuple[bytes, bytes]:
    """(CSV bytes, JSON bytes): blocking work, run in a worker thread."""
    csv_bytes = diary_csv(entries, zone, sessions, titles, factors).encode("utf-8")
    json_bytes = (json.dumps(everything, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return csv_bytes, json_bytes


async def export_command(update: Update, context: Context) -> None:
    """Send the pain diary (with treatments and factors) as CSV and what the user owns as
    JSON (docs/data.md)."""
    user = await current_user(update, context)
    store = services(context).store
    entries = await store.pain_entries(user.user_id)
    sessions = await store.list_sessions(user.user_id)
    reminders = await store.list_reminders(user.user_id)
    factors = await store.factor_entries(user.user_id)
    titles = {rid: r.title for rid, r in services(context).library.routines.items()}
    everything = user_export(
        user,
        reminders,
        entries,
        sessions,
        routine_titles=titles,
        exported_at=utcnow(),
        factors=factors,
    )
    csv_bytes, json_bytes = await asyncio.to_thread(
        _export_files, entries, sessions, factors, user.timezone or "UTC", titles, everything
    )
    await reply(update, _(t.EXPORT_INTRO))
    chat = update.effective_chat
    await chat.send_document(io.BytesIO(csv_bytes), filename=CSV_NAME, caption=_(t.CSV_CAPTION))
    await chat.send_document(io.BytesIO(json_bytes), filename=JSON_NAME, caption=_(t.JSON_CAPTION))


async def forget_command(update: Update, context: Context) -> None:
    """Ask before erasing anything."""
    await current_user(update, context)
    buttons = keyboards.inline(
        [
            [(_(t.FORGET_YES_BUTTON), callbacks.Forget("yes").pack())],
            [(_(t.FORGET_NO_BUTTON), callbacks.Forget("no").pack())],
        ]
    )
    await reply(update, _(t.FORGET_QUESTION), reply_markup=buttons)


async def forget_button(update: Update, context: Context) -> None:
    """data:forget:yes erases the presser's data and jobs; data:forget:no keeps it."""
    query = update.callback_query
    data = callbacks.parse(query.data)
    if not isinstance(data, callbacks.Forget):
        await query.answer(_(texts.STALE_BUTTON))
        return
    await query.answer()
    if data.answer == "yes":
        await services(context).store.forget_user(update.effective_user.id)
    await query.edit_message_text(
        _(t.FORGOTTEN if data.answer == "yes" else t.KEPT), parse_mode=ParseMode.HTML
    )


async def privacy_command(update: Update, context: Context) -> None:
    """What is stored, where, who sees it, and how to export or erase it."""
    await current_user(update, context)
    await reply(update, _(t.PRIVACY))


COMMANDS = [
    ("export", N_("Download your pain diary, treatments and all your data")),
    ("forget", N_("Erase everything I store about you")),
    ("privacy", N_("What I store, where, and who can see it")),
]


def handlers() -> list:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("export", export_command, filters=private),
        CommandHandler("forget", forget_command, filters=private),
        CommandHandler("privacy", privacy_command, filters=private),
        CallbackQueryHandler(forget_button, pattern=callbacks.Forget.pattern()),
    ]


FEATURE = Feature("mydata", handlers=handlers, commands=COMMANDS)
