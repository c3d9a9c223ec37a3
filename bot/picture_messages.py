"""Sending an illustration of content/pictures as a message with buttons (the body map).

The PNG is read once and uploaded once; after that Telegram's file_id goes instead. Both
are kept by the one picture store of the application (``bot.pictures.step_pictures``),
shared with the routine player. A picture that is not rendered is no reason to leave a
person without the question: the text goes alone, with its buttons.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import Application

from bot.pictures import StepPicture, step_pictures

logger = logging.getLogger(__name__)


async def send_picture(
    application: Application,
    chat_id: int,
    picture_id: str,
    caption: str,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """The picture with its (HTML) caption and buttons; the text alone if it has no PNG."""
    bot, pictures = application.bot, step_pictures(application)
    picture = await pictures.get(bot, picture_id)
    if picture is not None and not picture.uploads:
        try:
            return await _send_photo(application, chat_id, picture, caption, reply_markup)
        except BadRequest as error:  # e.g. the file_id of another token: upload it again
            logger.info("Picture %s not sent by file_id (%s); uploading it", picture_id, error)
            pictures.forget(bot, picture_id)
            picture = await pictures.get(bot, picture_id)
    if picture is None:
        return await bot.send_message(
            chat_id, caption, parse_mode=ParseMode.HTML, reply_markup=reply_markup
        )
    message = await _send_photo(application, chat_id, picture, caption, reply_markup)
    pictures.sent(bot, picture, message)
    return message


async def _send_photo(
    application: Application,
    chat_id: int,
    picture: StepPicture,
    caption: str,
    reply_markup: InlineKeyboardMarkup | None,
) -> Message:
    return await application.bot.send_photo(
        chat_id,
        picture.media,
        caption=caption,
        parse_mode=ParseMode.HTML,
        reply_markup=reply_markup,
        filename=picture.filename if picture.uploads else None,
    )
