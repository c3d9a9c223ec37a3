"""What handlers need, handed over once at build time in ``application.bot_data.services``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.config import Config
from bot.context import Context

if TYPE_CHECKING:
    from storage import Repository


@dataclass
class Services:
    config: Config
    store: Repository  # features use its verbs only (storage.Store implements them)
    library: Any  # content.Library; typed loosely so the bot starts even if content grows


def services(context: Context) -> Services:
    """The services of the running application (never a module global)."""
    return context.application.bot_data.services
