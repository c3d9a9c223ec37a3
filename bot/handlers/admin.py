"""/stats for the bot's operators (``ADMIN_IDS``); everyone else sees an unknown command.

Not in ``COMMANDS`` on purpose: it is neither in /help nor in the command menu, and a
non-admin gets exactly the reply any unknown command gets, so it does not advertise itself.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.context import Context
from bot.features import Feature
from bot.flood import gate_of
from bot.handlers.common import current_user, reply, unknown_command
from bot.i18n import _
from bot.services import services
from bot.texts import admin as texts
from domain.models import utcnow
from storage import SchemaTooNewError


async def stats_command(update: Update, context: Context) -> None:
    """Users, active reminders, pain reports today and errors since start, for admins."""
    if update.effective_user.id not in services(context).config.admin_ids:
        await unknown_command(update, context)
        return
    await current_user(update, context)
    await reply(update, _(texts.STATS).format(**await collect_stats(context.application)))


async def collect_stats(application: Application) -> dict:
    """The numbers /stats shows. Reads every user file: fine for an operator's command."""
    store = application.bot_data.services.store
    user_ids = await store.user_ids()
    pairs = await store.all_reminders()
    active_users = {user.user_id for user, _ in pairs if user.active}
    today = datetime.now(UTC).date()
    reports_today = 0
    for user_id in user_ids:
        try:
            user = await store.get_user(user_id)
        except SchemaTooNewError:
            continue  # refused for that user alone (the store logged it once)
        if user is None:
            continue
        if user.active:
            active_users.add(user_id)
        # local_date may be a day either side of the UTC date; recorded_at decides.
        window = (today - timedelta(days=1), today + timedelta(days=1))  # no folder listing
        recent = await store.pain_entries(user_id, *window)
        reports_today += sum(1 for e in recent if e.recorded_at.astimezone(UTC).date() == today)
    started: datetime = application.bot_data.started_at or utcnow()
    return {
        "users": len(user_ids),
        "active_users": len(active_users),
        "active_reminders": sum(1 for user, r in pairs if user.active and not r.paused),
        "reminders": len(pairs),
        "reports_today": reports_today,
        "errors": application.bot_data.errors_since_start,
        "dropped": gate_of(application).dropped,
        "started": started.strftime("%Y-%m-%d %H:%M"),
    }


async def on_startup(application: Application) -> None:
    if application.bot_data.started_at is None:
        application.bot_data.started_at = utcnow()


def handlers() -> list:
    return [CommandHandler("stats", stats_command, filters=filters.ChatType.PRIVATE)]


FEATURE = Feature("admin", handlers=handlers, on_startup=on_startup)
