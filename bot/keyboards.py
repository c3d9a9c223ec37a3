"""Keyboards, built from plain lists so handlers stay short."""

from __future__ import annotations

from collections.abc import Iterable

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot import callbacks, texts
from bot.i18n import LANGUAGES, _, language_name


def inline(rows: Iterable[Iterable[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """``[[("Yes", "x:yes"), ("No", "x:no")]]`` → an inline keyboard."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


def share_location() -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(_(texts.SHARE_LOCATION_BUTTON), request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
        input_field_placeholder=_(texts.ZONE_PLACEHOLDER),
    )


def zone_choices(zones: Iterable[str], keep: str | None = None) -> InlineKeyboardMarkup:
    """One button per suggested zone (two per row), plus "Keep ..." when changing."""
    buttons = [(zone.replace("_", " "), callbacks.SetZone(zone).pack()) for zone in zones]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if keep:
        rows.append([(_(texts.KEEP_ZONE_BUTTON).format(zone=keep), callbacks.KeepZone().pack())])
    return inline(rows)


def languages(current: str) -> InlineKeyboardMarkup:
    """Every language by its own name ("Deutsch", "Русский"), two per row, the current one
    ticked: a name the person can read whatever language the bot speaks now."""
    buttons = [
        (
            ("✓ " if code == current else "") + language_name(code),
            callbacks.ChooseLanguage(code).pack(),
        )
        for code in LANGUAGES
    ]
    return inline(buttons[i : i + 2] for i in range(0, len(buttons), 2))
