"""Small helpers shared by handlers: who is talking, and their stored profile."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot import texts
from bot.services import services
from domain.models import User


async def current_user(update: Update, context: ContextTypes.DEFAULT_TYPE) -> User:
    """The stored profile of whoever sent this update, created on first contact."""
    store = services(context).store
    tg_user = update.effective_user
    chat = update.effective_chat
    user = await store.get_user(tg_user.id)
    if user is None:
        user = User(
            user_id=tg_user.id,
            chat_id=chat.id if chat else tg_user.id,
            first_name=tg_user.first_name or "",
        )
        await store.save_user(user)
    elif not user.active:
        # They came back after blocking us: deliveries may resume.
        user = await store.update_user(user.user_id, active=True)
    if store.pop_quarantine_notice(tg_user.id) and chat:
        await context.bot.send_message(chat.id, texts.HISTORY_LOST)
    return user


async def reply(update: Update, text: str, **kwargs) -> None:
    """Answer in the chat the update came from, as HTML."""
    await update.effective_chat.send_message(text, parse_mode=ParseMode.HTML, **kwargs)
