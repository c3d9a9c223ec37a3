"""Step pictures as Telegram sends them: the PNG once, then the file_id Telegram gave it.

The PNGs are rendered ahead of time (content/pictures/, one command) and committed, so
showing a step never waits for drawing. A picture's bytes are read from disk off the event
loop the first time a step needs it; once Telegram has them, the ``file_id`` it gave the
upload is sent instead, for every later showing to any user.

The file_ids are kept in memory only: they are an optimisation (after a restart each
picture is uploaded once more), they belong to one bot token (a copy of the data run with
another token would send ids that bot cannot use), and keeping them out of storage needs
no schema, migration or export rule.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from telegram import Bot, Message
from telegram.ext import Application

from content.pictures import png_path

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StepPicture:
    """A picture ready to send: ``media`` is Telegram's file_id once known, else the PNG's
    bytes (PTB uploads them as ``filename``). Its legend, in the reader's language, comes
    from ``Services.legend``."""

    id: str
    media: bytes | str

    @property
    def uploads(self) -> bool:
        return isinstance(self.media, bytes)

    @property
    def filename(self) -> str:
        return f"{self.id}.png"


class StepPictures:
    """The PNGs of step pictures, and the file_ids Telegram gave them per bot.

    ``locate`` says where a picture's PNG is (the content package by default).
    """

    def __init__(self, locate: Callable[[str], Path] = png_path) -> None:
        self._locate = locate
        self._read: dict[str, bytes] = {}
        # (bot id, picture id) -> file_id: a file_id is valid only for the bot it was given to.
        self._file_ids: dict[tuple[int, str], str] = {}
        self._missing: set[str] = set()

    async def get(self, bot: Bot, picture_id: str | None) -> StepPicture | None:
        """The picture to send, or None without one (no picture, or its PNG is missing: the
        step is then shown as text, and the missing file is logged once)."""
        if picture_id is None or picture_id in self._missing:
            return None
        file_id = self._file_ids.get((bot.id, picture_id))
        if file_id is not None:
            return StepPicture(picture_id, file_id)
        data = self._read.get(picture_id)
        if data is None:
            try:
                data = await asyncio.to_thread(self._locate(picture_id).read_bytes)
            except OSError as error:
                logger.warning("Step picture %s not readable, shown as text: %s", picture_id, error)
                self._missing.add(picture_id)
                return None
            self._read[picture_id] = data
        return StepPicture(picture_id, data)

    def sent(self, bot: Bot, picture: StepPicture, message: Message | None) -> None:
        """Remember the file_id Telegram gave an upload (the largest size of the photo)."""
        if not picture.uploads or message is None or not message.photo:
            return
        self._file_ids[(bot.id, picture.id)] = message.photo[-1].file_id
        self._read.pop(picture.id, None)  # not needed again (read anew if ever forgotten)

    def forget(self, bot: Bot, picture_id: str) -> None:
        """Telegram refused a remembered file_id: upload the PNG again next time."""
        self._file_ids.pop((bot.id, picture_id), None)


def step_pictures(application: Application) -> StepPictures:
    """The application's step pictures, made on first use."""
    if application.bot_data.step_pictures is None:
        application.bot_data.step_pictures = StepPictures()
    return application.bot_data.step_pictures
