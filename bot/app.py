"""Builds the python-telegram-bot ``Application`` and wires every handler in one place.

Run it with ``backcare-bot`` (see README); tests and the sandbox use ``BotRunner`` with
the local Bot API emulator.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from dataclasses import dataclass, field
from datetime import UTC

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, Defaults
from telegram.request import HTTPXRequest

from bot import charts, data_notices, flood, sending, text_router, texts
from bot.config import Config
from bot.context import CONTEXT_TYPES
from bot.dispatcher import Dispatcher, dispatcher_of
from bot.errors import on_error
from bot.features import FeatureSet, features_of
from bot.handlers import (
    admin,
    diary,
    factors,
    fallback,
    history,
    language,
    learn,
    mydata,
    pain,
    reminders,
    report,
    routines,
    safety,
    screening,
    start,
)
from bot.handlers import help as help_handlers
from bot.i18n import LANGUAGES, SOURCE_LANGUAGE, gettext_in
from bot.processing import PerUserUpdateProcessor, UserLocks
from bot.ratelimit import PriorityRateLimiter
from bot.reminder_jobs import pause_blocked_user
from bot.services import Services
from bot.webhook import WebServer

logger = logging.getLogger(__name__)

# At stop, PTB's updater calls getUpdates once more to confirm the updates it handed out.
# Telegram answers that in well under a second; past this budget the stop goes on without
# the answer: the unconfirmed updates come again after the restart, and are stored once
# (their ids make every write idempotent, see storage/ids.py).
CONFIRM_SECONDS = 1.0

# Connections for the bot's requests (sends, edits, callback answers); PTB's default is 256,
# far more than the limiter ever lets run at once (bot/ratelimit.MAX_IN_FLIGHT).
HTTP_POOL_SIZE = 16


def build_application(services: Services) -> Application:
    """The bot, configured for ``services.config`` and with every handler registered."""
    config = services.config
    locks = UserLocks()
    application = (
        ApplicationBuilder()
        .token(config.token)
        .base_url(config.base_url)
        .base_file_url(config.base_file_url)
        # Pacing to Telegram's limits, answers before background sends, 429s waited out
        # and retried (see bot/ratelimit.py).
        .rate_limiter(PriorityRateLimiter(config.send_rate_limit, max_retries=3))
        .concurrent_updates(PerUserUpdateProcessor(256, locks))
        # PTB's own HTTP client (httpx: proxies, trust_env, HTTP/2 available); the limiter
        # keeps counted requests below this pool. getUpdates has a request of its own.
        .request(HTTPXRequest(connection_pool_size=HTTP_POOL_SIZE))
        .defaults(Defaults(tzinfo=UTC))
        .context_types(CONTEXT_TYPES)
        .post_init(on_startup)
        .build()
    )
    application.bot_data.services = services
    application.bot_data.locks = locks
    # Background sends (bot/sending.py): a user who blocked the bot has their reminders
    # paused, once; sending.py itself knows no feature.
    sending.install(application, on_blocked=pause_blocked_user)
    # One user's unusable data is theirs alone: the store sets it aside or clears an
    # unknown zone, and the person is told once (bot/data_notices.py).
    data_notices.install(application)
    register_handlers(application)
    return application


# Every feature of the bot, in the order its handlers are tried: plain text is routed
# after every feature's commands and buttons, and the fallback's catch-alls come last.
FEATURES = (
    start.FEATURE,
    help_handlers.FEATURE,
    safety.FEATURE,
    screening.FEATURE,
    reminders.FEATURE,
    routines.FEATURE,
    learn.FEATURE,
    # Before the pain diary: plain text naming a treatment is noted here, and handed on to
    # the diary when it also gives a level ("took 2 ibuprofen, pain 6").
    factors.FEATURE,
    pain.FEATURE,
    diary.FEATURE,
    history.FEATURE,
    report.FEATURE,
    mydata.FEATURE,
    language.FEATURE,
    admin.FEATURE,
    text_router.FEATURE,
    fallback.FEATURE,
)


def register_handlers(application: Application) -> None:
    """The whole surface of the bot: flood control first, each feature, the error handler."""
    flood.install(application)
    features = FeatureSet.collect(FEATURES)
    features.install(application)
    # Everything the features schedule goes through one job (see bot/dispatcher.py).
    application.bot_data.dispatcher = Dispatcher(application, features.due | data_notices.DUE)
    application.add_error_handler(on_error)


async def on_startup(application: Application) -> None:
    """Register the command menu and the bot's descriptions in every language (a failure
    is logged, never fatal), start the chart process and the dispatcher of what is due,
    then run the feature hooks."""
    await register_menus(application)
    charts.warm_up()  # the chart process imports matplotlib on the other core meanwhile
    await dispatcher_of(application).start()
    await features_of(application).on_startup(application)


async def register_menus(application: Application) -> None:
    """The command menu, description and short description, in English by default and in
    each translated language for users whose Telegram app speaks it (``language_code``)."""
    commands = features_of(application).commands
    bot = application.bot

    async def register(language: str | None) -> None:
        def say(text: str) -> str:
            return gettext_in(language or SOURCE_LANGUAGE, text)

        menu = [BotCommand(name, say(description)) for name, description in commands]
        calls = {
            "set_my_commands": lambda: bot.set_my_commands(menu, language_code=language),
            "set_my_description": lambda: bot.set_my_description(
                say(texts.DESCRIPTION), language_code=language
            ),
            "set_my_short_description": lambda: bot.set_my_short_description(
                say(texts.SHORT_DESCRIPTION), language_code=language
            ),
        }
        for what, call in calls.items():
            try:
                await call()
            except TelegramError as error:
                logger.warning("Could not register the menu (%s, %s): %s", what, language, error)

    # English is the default (no language_code); the others at once, not one after another.
    translated = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
    await asyncio.gather(register(None), *(register(code) for code in translated))


@dataclass
class BotRunner:
    """Starts and stops the bot inside an already running event loop.

    ``run_polling`` owns the loop and cannot be embedded; this drives the same steps so
    the CLI, the sandbox and the tests share one path.
    """

    application: Application
    webhook: bool = False
    # Our own HTTP server (bot/webhook.py): webhook POSTs and /healthz.
    web_server: WebServer | None = field(default=None, init=False, repr=False)

    async def start(self) -> None:
        app = self.application
        await app.initialize()
        await on_startup(app)
        # What start-up built (the due index, content, the city index) lives for the
        # whole run: keep it out of the cyclic GC's full passes, which otherwise stall the
        # event loop for hundreds of milliseconds once it holds that many objects.
        gc.freeze()
        await app.start()
        config: Config = app.bot_data.services.config
        if self.webhook and config.webhook_url:
            # PTB's custom-webhook pattern: no Updater; our server feeds app.update_queue.
            self.web_server = WebServer(app, config, webhook=True)
            await self.web_server.start()
        else:
            if config.port_given:
                self.web_server = WebServer(app, config, webhook=False)  # /healthz only
                await self.web_server.start()
            await app.updater.start_polling(
                poll_interval=0.0,
                timeout=10,
                allowed_updates=Update.ALL_TYPES,
                drop_pending_updates=False,
                error_callback=sending.log_polling_error,
            )
        logger.info("Bot started (%s)", "webhook" if self.webhook else "long polling")

    async def stop(self) -> None:
        """Stop what :meth:`start` started, also after a start that failed half-way.

        A :class:`~storage.DiskError` from writing the due index is raised once everything
        else has stopped (the caller still closes the store).
        """
        app = self.application
        started = time.monotonic()
        if self.web_server is not None:
            await self.web_server.stop()  # no new updates from here on
            self.web_server = None
        if app.updater and app.updater.running:
            await self._stop_polling()
        if app.running:
            await app.stop()
        charts.shut_down()  # no handler runs any more: no chart is being drawn
        try:
            # After the handlers (which may still schedule things), before the store closes.
            await dispatcher_of(app).stop()
        finally:
            await app.shutdown()
        logger.info("Bot stopped in %.2f s", time.monotonic() - started)

    async def _stop_polling(self) -> None:
        """Stop long polling within CONFIRM_SECONDS, whatever Telegram's answer."""
        updater = self.application.updater
        confirmation = logging.getLogger(UPDATER_LOGGER)
        confirmation.addFilter(_unconfirmed_is_a_warning)
        try:
            await asyncio.wait_for(updater.stop(), CONFIRM_SECONDS)
        except TimeoutError:
            logger.warning(UNCONFIRMED, f"no answer within {CONFIRM_SECONDS:g} s")
        finally:
            confirmation.removeFilter(_unconfirmed_is_a_warning)

    async def run_until(self, stop_event: asyncio.Event) -> None:
        try:
            await self.start()
            await stop_event.wait()
        finally:
            await self.stop()


UPDATER_LOGGER = "telegram.ext.Updater"
UNCONFIRMED = (
    "Telegram did not confirm the last updates at stop (%s): they come again after the "
    "restart and are stored once"
)


def _unconfirmed_is_a_warning(record: logging.LogRecord) -> logging.LogRecord:
    """PTB logs a failed confirmation at stop as an ERROR with a traceback, although it
    goes on stopping and nothing is lost (see CONFIRM_SECONDS): one WARNING line instead."""
    if record.levelno >= logging.ERROR and "get_updates` one more time" in str(record.msg):
        # The error itself: the record's exception, or the last line of its traceback
        # (bot.logs renders and scrubs tracebacks when the record is made).
        if record.exc_info and record.exc_info[1] is not None:
            error = f"{type(record.exc_info[1]).__name__}: {record.exc_info[1]}"
        else:
            error = (record.exc_text or "unknown error").strip().splitlines()[-1]
        record.msg, record.args = UNCONFIRMED, (error,)
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
    return record
