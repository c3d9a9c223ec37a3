"""The bot's own HTTP server: Telegram's webhook POSTs and ``/healthz``, safe on the open
internet.

python-telegram-bot's built-in webhook server reads a whole request body before it looks
at the secret token and keeps half-sent requests open forever. This follows PTB's
custom-webhook pattern instead (its ``customwebhookbot`` examples): the ``Application``
runs without its ``Updater``, this aiohttp server receives the POSTs, and each accepted
update goes to ``Application.update_queue``. What a stranger on the internet can do is
bounded before any body byte is read:

- only the webhook path exists for POST; the ``X-Telegram-Bot-Api-Secret-Token`` header is
  compared in constant time before the body is touched;
- a body over ``MAX_BODY_BYTES`` is refused (413) on its ``Content-Length``, and a chunked
  one as soon as it grows past the limit; an unread body is never drained;
- a connection must deliver its first request head within ``FIRST_REQUEST_TIMEOUT``, an
  idle keep-alive connection closes after ``KEEPALIVE_TIMEOUT``, a body must arrive within
  ``BODY_TIMEOUT``;
- at most ``MAX_CONNECTIONS`` connections (fewer if the open-files limit is low) are open
  at once; when full, the oldest one not in the middle of a request is closed for the
  newcomer, so connections that never finish their head cannot lock Telegram out.

``/healthz`` (GET) answers 200 ``{"storage": "ok", "telegram": "ok"}`` when the data
folder takes a write and the Bot API answered ``getMe`` (cached for a few seconds), else
503 naming what failed: for load balancers and container orchestrators.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import math
import os
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlparse

from aiohttp import web
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.config import Config

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_PATH = "/healthz"
# Telegram's updates are a few kilobytes; a megabyte leaves room for any real one.
MAX_BODY_BYTES = 1 << 20
# Telegram opens at most 40 connections (setWebhook's default, which we keep); the rest
# is room for health checks, well below the usual limit of 1,024 open files.
MAX_CONNECTIONS = 256
FIRST_REQUEST_TIMEOUT = 10.0  # seconds from connect to a complete request head
KEEPALIVE_TIMEOUT = 15.0  # seconds an idle connection stays open between requests
BODY_TIMEOUT = 10.0  # seconds to receive an accepted request's body
MAX_HEADER_LINE = 8190  # bytes, per request line and per header field
REFUSAL_GRACE = 1.0  # seconds a refused client has to read the answer before the close
REFUSAL_LOG_INTERVAL = 60.0  # seconds between two log lines about refused requests
HEALTH_CACHE_SECONDS = 10.0
HEALTH_CHECK_TIMEOUT = 5.0
_FD_RESERVE = 64  # open files the bot needs besides its server connections
_MIN_CONNECTIONS = 16
# asyncio accepts up to ``backlog`` sockets in one go before the guard sees any of them,
# so the backlog counts against the open-files limit as much as the connections do.
BACKLOG = 128
_MIN_BACKLOG = 8


class _Throttled:
    """A warning at most once per interval, with how many were left out meanwhile."""

    def __init__(self, interval: float) -> None:
        self._interval = interval
        self._next = 0.0
        self._skipped = 0

    def warn(self, message: str, *args: object) -> None:
        now = time.monotonic()
        if now < self._next:
            self._skipped += 1
            return
        more = f" ({self._skipped} more since the last report)" if self._skipped else ""
        logger.warning(message + "%s", *args, more)
        self._skipped = 0
        self._next = now + self._interval


class _GuardedConnection(asyncio.Protocol):
    """One TCP connection: counted, given a deadline, then handed to aiohttp.

    Wraps the protocol that aiohttp's ``web.Server`` (a documented protocol factory for
    ``loop.create_server``) makes, by composition: every ``asyncio.Protocol`` call is
    passed through once the connection is admitted.
    """

    def __init__(self, guard: ConnectionGuard, make_protocol: Callable[[], asyncio.Protocol]):
        self._guard = guard
        self._make_protocol = make_protocol
        self._inner: asyncio.Protocol | None = None
        self._deadline: asyncio.TimerHandle | None = None
        self.transport: asyncio.Transport | None = None
        self.busy = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        if not self._guard.admit(self):
            transport.abort()  # type: ignore[attr-defined]
            return
        self._deadline = asyncio.get_running_loop().call_later(
            FIRST_REQUEST_TIMEOUT, self._too_slow
        )
        self._inner = self._make_protocol()
        self._inner.connection_made(transport)

    def _too_slow(self) -> None:
        if not self.busy and self.transport is not None:
            self.transport.abort()

    def request_started(self) -> None:
        self.busy = True
        if self._deadline is not None:
            # From here on aiohttp's keep-alive timeout closes the idle connection.
            self._deadline.cancel()
            self._deadline = None

    def request_finished(self) -> None:
        self.busy = False

    def abort(self) -> None:
        if self.transport is not None:
            self.transport.abort()

    def data_received(self, data: bytes) -> None:
        if self._inner is not None:
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received() if self._inner is not None else None

    def pause_writing(self) -> None:
        if self._inner is not None:
            self._inner.pause_writing()

    def resume_writing(self) -> None:
        if self._inner is not None:
            self._inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        self._guard.release(self)
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        if self._inner is not None:
            self._inner.connection_lost(exc)


class ConnectionGuard:
    """The open connections, oldest first, never more than ``limit``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._open: dict[asyncio.BaseTransport, _GuardedConnection] = {}
        self._evictions = _Throttled(REFUSAL_LOG_INTERVAL)

    def admit(self, connection: _GuardedConnection) -> bool:
        if len(self._open) >= self.limit:
            idle = next((c for c in self._open.values() if not c.busy), None)
            if idle is None:
                self._evictions.warn(
                    "Web server full (%d connections busy): refusing a new one", self.limit
                )
                return False
            self._evictions.warn(
                "Web server full (%d connections): closing the oldest idle ones", self.limit
            )
            self.release(idle)
            idle.abort()
        self._open[connection.transport] = connection
        return True

    def release(self, connection: _GuardedConnection) -> None:
        if self._open.get(connection.transport) is connection:
            del self._open[connection.transport]

    def of(self, transport: asyncio.BaseTransport | None) -> _GuardedConnection | None:
        return self._open.get(transport) if transport is not None else None

    def close_all(self) -> None:
        for connection in list(self._open.values()):
            connection.abort()
        self._open.clear()

    def __len__(self) -> int:
        return len(self._open)


def _probe_storage(data_dir: Path) -> None:
    """Write, fsync and remove a tiny file in the data folder (raises ``OSError``)."""
    probe = data_dir / f".healthz-{os.getpid()}"
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, b"ok\n")
        os.fsync(fd)
    finally:
        os.close(fd)
        probe.unlink(missing_ok=True)


class HealthCheck:
    """Storage writable and Telegram reachable, checked at most every few seconds."""

    def __init__(self, application: Application, data_dir: Path) -> None:
        self._application = application
        self._data_dir = data_dir
        self._lock = asyncio.Lock()
        self._checked_at = -math.inf
        self._report: dict[str, str] = {}
        self._probe: asyncio.Future[None] | None = None
        self._last_ok = True

    async def report(self) -> dict[str, str]:
        async with self._lock:  # a burst of checks shares one probe
            if time.monotonic() - self._checked_at >= HEALTH_CACHE_SECONDS:
                storage, telegram = await asyncio.gather(self._storage(), self._telegram())
                self._report = {
                    "storage": "ok" if storage else "failed",
                    "telegram": "ok" if telegram else "failed",
                }
                self._checked_at = time.monotonic()
                healthy = storage and telegram
                if healthy != self._last_ok:  # one line per change, not per check
                    log = logger.info if healthy else logger.warning
                    log("Health check: %s", self._report)
                    self._last_ok = healthy
            return self._report

    async def _storage(self) -> bool:
        if self._probe is not None and not self._probe.done():
            return False  # the last probe still hangs: the disk does not answer
        self._probe = asyncio.ensure_future(asyncio.to_thread(_probe_storage, self._data_dir))
        try:
            await asyncio.wait_for(asyncio.shield(self._probe), HEALTH_CHECK_TIMEOUT)
        except (OSError, TimeoutError) as error:
            logger.debug("Health check: data folder %s: %s", self._data_dir, error)
            return False
        return True

    async def _telegram(self) -> bool:
        try:
            async with asyncio.timeout(HEALTH_CHECK_TIMEOUT):
                await self._application.bot.get_me()
        except (TelegramError, TimeoutError) as error:
            logger.debug("Health check: Bot API: %s", error)
            return False
        return True


class WebServer:
    """Serves ``/healthz`` and, with ``webhook=True``, Telegram's webhook POSTs."""

    def __init__(self, application: Application, config: Config, *, webhook: bool) -> None:
        self._application = application
        self._config = config
        self._webhook = webhook
        self._secret = (config.webhook_secret or "").encode()
        connections, self._backlog = connection_limits()
        self.guard = ConnectionGuard(connections)
        self._health = HealthCheck(application, config.data_dir)
        self._refusals = _Throttled(REFUSAL_LOG_INTERVAL)
        self._runner: web.AppRunner | None = None
        self._server: asyncio.Server | None = None

    @property
    def webhook_path(self) -> str:
        return urlparse(self._config.webhook_url or "").path or "/"

    async def start(self) -> None:
        """Listen, then (in webhook mode) tell Telegram where to deliver updates."""
        app = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[self._track])
        app.router.add_get(HEALTH_PATH, self._healthz)
        if self._webhook:
            app.router.add_post(self.webhook_path, self._receive)
        self._runner = web.AppRunner(
            app,
            handle_signals=False,
            access_log=None,
            shutdown_timeout=1.0,  # requests in flight are short: a stop stays quick
            handler_cancellation=True,
            keepalive_timeout=KEEPALIVE_TIMEOUT,
            lingering_time=0,  # never read an unread body just to discard it
            max_line_size=MAX_HEADER_LINE,
            max_field_size=MAX_HEADER_LINE,
        )
        await self._runner.setup()
        protocol_factory = self._runner.server
        assert protocol_factory is not None
        self._server = await asyncio.get_running_loop().create_server(
            lambda: _GuardedConnection(self.guard, protocol_factory),
            host=self._config.listen_address,
            port=self._config.port,
            backlog=self._backlog,
            reuse_address=True,
        )
        logger.info(
            "Listening on %s:%d (%s)",
            self._config.listen_address,
            self._config.port,
            f"webhook {self.webhook_path} and {HEALTH_PATH}" if self._webhook else HEALTH_PATH,
        )
        if self._webhook:
            try:
                await self._application.bot.set_webhook(
                    url=self._config.webhook_url,
                    secret_token=self._config.webhook_secret,
                    allowed_updates=Update.ALL_TYPES,
                    drop_pending_updates=False,
                )
            except BaseException:
                await self.stop()  # nothing left listening when start-up fails
                raise

    async def stop(self) -> None:
        """Stop listening, finish requests in flight (briefly), close every connection."""
        if self._server is not None:
            self._server.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        self.guard.close_all()
        if self._server is not None:
            try:
                await asyncio.wait_for(self._server.wait_closed(), 2.0)
            except TimeoutError:
                logger.warning("Web server connections did not close within 2 s")
            self._server = None

    @web.middleware
    async def _track(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Mark the connection busy while a request runs: busy ones are never evicted."""
        connection = self.guard.of(request.transport)
        if connection is not None:
            connection.request_started()
        try:
            return await handler(request)
        finally:
            if connection is not None:
                connection.request_finished()

    async def _receive(self, request: web.Request) -> web.Response:
        """One update from Telegram: checked, read (bounded), handled, then acknowledged.

        The 200 goes out only once the update was handled: if the process dies first,
        Telegram delivers the update again, and storage keyed by Telegram's ids makes the
        second delivery harmless. (Put on the update queue and answered at once, it would
        be acknowledged and then lost.) Handling goes through the application's update
        processor, so the per-user order and the concurrency cap hold as in polling.
        """
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, self._secret):
            self._refusals.warn(
                "Webhook refused a request from %s: wrong or no secret token", request.remote
            )
            return await self._refuse(request, 403, "forbidden")
        if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
            self._refusals.warn("Webhook refused a %d-byte body", request.content_length)
            return await self._refuse(request, 413, "too large")
        try:
            async with asyncio.timeout(BODY_TIMEOUT):
                body = await request.read()  # client_max_size stops a chunked body early
        except web.HTTPRequestEntityTooLarge:
            self._refusals.warn("Webhook refused a chunked body over %d bytes", MAX_BODY_BYTES)
            return await self._refuse(request, 413, "too large")
        except TimeoutError:
            self._refusals.warn("Webhook body not received within %.0f s", BODY_TIMEOUT)
            return await self._refuse(request, 408, "timeout")
        try:
            update = Update.de_json(json.loads(body), self._application.bot)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            logger.warning("Webhook received a body that is not an update: %s", error)
            return await self._refuse(request, 400, "not an update")
        if update is None:
            return await self._refuse(request, 400, "not an update")
        application = self._application
        await application.update_processor.process_update(
            update, application.process_update(update)
        )
        return web.Response(status=200)

    async def _refuse(self, request: web.Request, status: int, reason: str) -> web.StreamResponse:
        """Answer ``status`` and close the connection, leaving any unread body unread.

        Closing a socket with unread data makes the kernel reset the connection, which can
        destroy the answer on its way. So the answer is sent first, and the connection held
        (reading paused, marked idle so it can be evicted) until the client goes away or a
        second passes.
        """
        response = web.json_response({"error": reason}, status=status)
        response.force_close()  # never drained, never kept alive
        if request.content.is_eof():
            return response
        await response.prepare(request)
        await response.write_eof()
        connection = self.guard.of(request.transport)
        if connection is not None:
            connection.request_finished()
        await asyncio.sleep(REFUSAL_GRACE)  # cancelled when the client disconnects
        return response

    async def _healthz(self, request: web.Request) -> web.Response:
        report = await self._health.report()
        healthy = all(value == "ok" for value in report.values())
        return web.json_response(report, status=200 if healthy else 503)


def connection_limits() -> tuple[int, int]:
    """How many connections to serve at once and the listen backlog (said once if lowered).

    ``MAX_CONNECTIONS`` and ``BACKLOG``, or both shrunk to fit a low open-files limit:
    under the limit, a full server closes an idle connection for a new one; over it,
    the kernel refuses to accept at all and Telegram is locked out.
    """
    try:
        import resource
    except ImportError:  # not on Unix: no such limit to read
        return MAX_CONNECTIONS, BACKLOG
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MAX_CONNECTIONS + 3 * BACKLOG + _FD_RESERVE
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return MAX_CONNECTIONS, BACKLOG
    budget = soft - _FD_RESERVE
    # A small backlog: while the guard closes the connections over its cap (their files
    # are freed a loop iteration later), the next bursts of accepts are already in.
    backlog = max(_MIN_BACKLOG, min(BACKLOG, budget // 8))
    connections = max(_MIN_CONNECTIONS, budget - 3 * backlog)
    logger.warning(
        "The open-files limit is %d: serving at most %d connections at once; "
        "raise it to %d or more (ulimit -n) for %d",
        soft,
        connections,
        wanted,
        MAX_CONNECTIONS,
    )
    return connections, backlog
