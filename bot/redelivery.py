"""Never handle one Telegram update twice, even across a crash.

Telegram hands an update out again until a later ``getUpdates`` confirms it (a webhook
delivery is retried until answered). If the confirmation is lost (network trouble) and
the bot is killed after handling the update, the next process gets it again: one "pain 4"
would be two diary entries, one ``/remind`` two reminders. The crash-safety suite
(tests/test_crash_safety.py) found exactly that.

So before an update is handled, its id is recorded in ``DATA_DIR/updates.json`` (atomic
write); at start-up, updates up to the recorded id are redeliveries and are dropped.
Concurrent updates share one write (it covers the highest id seen), so the cost is about
one small write per batch. The trade-off is at-most-once for an update the crashed process
had recorded but not finished: the user never got an answer to it, and a report they
were not told was noted may be missing, but none is ever doubled.

Update ids belong to one bot on one Bot API server, so the record names both (the bot's
id from its token and the server's address, never the token): another bot, or a fresh
local server such as the sandbox's emulator, starts from a clean slate. Telegram numbers
updates sequentially, but picks a random start after a week without updates, and keeps
undelivered updates for 24 hours: a record older than that is ignored.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from bot import groups
from bot.config import Config
from storage.atomic import atomic_write

logger = logging.getLogger(__name__)

LEDGER_FILE = "updates.json"
LEDGER_KEY = "update_ledger"
# Telegram keeps an undelivered update this long: an older record cannot matter.
MAX_REDELIVERY_AGE = 24 * 3600
_SEEN_KEPT = 10_000  # ids remembered in memory to drop a redelivery within one process


class UpdateLedger:
    """The highest update id this bot has started to handle, kept on disk."""

    def __init__(self, path: Path, source: str, clock=time.time) -> None:
        self.path = path
        self.source = source  # "<bot id>@<server>": whose update ids these are
        self._clock = clock
        self.floor = self._read_floor()  # ids up to this were taken by an earlier process
        self._recorded = self.floor
        self._wanted = self.floor
        self._seen: set[int] = set()
        self._lock = asyncio.Lock()

    def _read_floor(self) -> int:
        try:
            data = json.loads(self.path.read_text())
            if data["source"] != self.source:
                return 0
            if self._clock() - float(data["written_at"]) > MAX_REDELIVERY_AGE:
                return 0
            return int(data["handled_through"])
        except FileNotFoundError:
            return 0
        except (ValueError, KeyError, TypeError, OSError) as error:
            logger.warning("Ignoring unreadable %s: %s", self.path, error)
            return 0

    async def take(self, update_id: int) -> bool:
        """Record the update before it is handled; False when it was handled already."""
        if update_id <= self.floor or update_id in self._seen:
            return False
        self._seen.add(update_id)
        if len(self._seen) > _SEEN_KEPT:
            self._seen = {i for i in self._seen if i > update_id - _SEEN_KEPT // 2}
        self._wanted = max(self._wanted, update_id)
        while self._recorded < update_id:
            async with self._lock:
                if self._recorded >= update_id:
                    break
                target = self._wanted
                data = {
                    "source": self.source,
                    "handled_through": target,
                    "written_at": self._clock(),
                }
                await asyncio.to_thread(atomic_write, self.path, json.dumps(data).encode())
                self._recorded = max(self._recorded, target)
        return True


async def drop_redelivered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """First handler of every update: record it, or stop a redelivery right here."""
    ledger: UpdateLedger = context.application.bot_data[LEDGER_KEY]
    if not await ledger.take(update.update_id):
        logger.info("Update %s was handled before (delivered again); skipped", update.update_id)
        raise ApplicationHandlerStop


def install(application: Application, config: Config) -> None:
    """Put the ledger in front of every other handler."""
    source = f"{config.token.split(':', 1)[0]}@{config.base_url}"
    application.bot_data[LEDGER_KEY] = UpdateLedger(config.data_dir / LEDGER_FILE, source)
    application.add_handler(TypeHandler(Update, drop_redelivered), group=groups.REDELIVERY)
