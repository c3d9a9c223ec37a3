"""The bot's shared state, typed: what ``context.bot_data`` is (PTB's ``ContextTypes``).

PTB builds ``BotData()`` with no arguments when the application is built;
``bot.app.build_application`` then sets what every handler needs (services, the user
locks, the features and the dispatcher) before the first update arrives. What one module
owns and makes for itself (the flood gate, the send policy, the firing slots) has a named
attribute here too, so the whole shared state reads in one place and no string key is
spelled in two files.

Handlers annotate their context as ``Context`` and functions that get the application as
``BotApplication``: a type checker then knows ``context.bot_data.services`` and friends.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

if TYPE_CHECKING:
    from bot.dispatcher import Dispatcher
    from bot.features import FeatureSet
    from bot.pictures import StepPictures
    from bot.processing import UserLocks
    from bot.sending import SendPolicy
    from bot.services import Services
    from domain.flood import FloodGate


class BotData:
    """Everything the bot shares between updates and jobs (nothing per user: that is stored)."""

    # Set by bot.app.build_application before the application is used.
    services: Services
    locks: UserLocks
    features: FeatureSet
    dispatcher: Dispatcher

    def __init__(self) -> None:
        self.send_policy: SendPolicy | None = None  # set by bot.sending.install
        self.started_at: datetime | None = None  # for the admins' /stats
        self.errors_since_start = 0  # unexpected errors answered with an apology
        self.flood_gate: FloodGate | None = None  # made by bot.flood on first use
        # The flood gate's clock; tests set a fake one to step through time windows.
        self.flood_clock: Callable[[], float] = time.monotonic
        self.firing_slots: asyncio.Semaphore | None = None  # made by bot.reminder_jobs
        # Step pictures read from disk and their Telegram file_ids (made by bot.pictures).
        self.step_pictures: StepPictures | None = None
        # Each user's chosen language, as stored (bot/handlers/language.py): read once per
        # process, so setting the language of an update costs no storage read after that.
        self.languages: dict[int, str] = {}
        # The background build of the city index (bot.handlers.start), started once.
        self.warm_up_zones: threading.Thread | None = None


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
BotApplication = Application[
    ExtBot[None], Context, dict[Any, Any], dict[Any, Any], BotData, JobQueue[Context]
]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
