"""The emulator's HTTP server on 127.0.0.1, and :class:`BotApiEmulator`, its one entry point.

Routes: the Bot API under ``/bot{token}/{method}``, file downloads under
``/file/bot{token}/{path}``, and the control side under ``/control/`` (see
:mod:`emulator.control`). Each Bot API request goes through the same gate as at Telegram:
token, parameters, injected faults, blocked users, flood limits, then the method.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from aiohttp import web

from emulator.control import control_routes
from emulator.delivery import Updates
from emulator.faults import Fault, Faults
from emulator.files import Files
from emulator.limits import MESSAGE_METHODS, FloodLimiter
from emulator.methods import BotApiMethods, Method
from emulator.model import ApiError, BotMessage, EmulatorStats
from emulator.params import read_params
from emulator.users import Chats, EmulatedUser

DEFAULT_TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuv"
_HOST = "127.0.0.1"  # loopback only: the emulator answers any client that knows the token
_MAX_UPLOAD = 60 * 1024 * 1024


def _json_error(err: ApiError) -> web.Response:
    return web.json_response(err.payload(), status=err.code)


class BotApiEmulator:
    """Serve a Telegram-compatible Bot API on 127.0.0.1 and simulate users talking to it."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        files_dir: Path | str | None = None,
        seed: int | None = None,
        port: int = 0,
        bot_username: str = "backcare_test_bot",
        bot_first_name: str = "BackCare",
        max_events_per_chat: int = 1000,
        max_sent: int = 200_000,
        max_pending_updates: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
        routes: Iterable[web.AbstractRouteDef] = (),
    ):
        """``routes``: extra aiohttp routes served beside the control side (benchmarks)."""
        self.token = token
        self.port = port
        self.rate_limits = False  # Telegram's flood limits, off unless a test turns them on
        self.stats = EmulatorStats()  # shared by every part; reset with stats.reset()
        self.base_url = ""
        prefix = token.split(":", 1)[0]
        self.bot_user: dict[str, Any] = {
            "id": int(prefix) if prefix.isdigit() else 123456,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self._updates = Updates(self.stats, max_pending_updates)
        self._chats = Chats(self.bot_user, self._updates.enqueue, self.stats, max_events_per_chat)
        self._files = Files(files_dir)
        self._faults = Faults(self.stats, seed)
        self._limiter = FloodLimiter(clock)
        self._methods = BotApiMethods(
            self.bot_user, self._chats, self._updates, self._files, self.stats, max_sent
        )
        self._table: dict[str, tuple[str, Method]] = {
            name.lower(): (name, method) for name, method in self._methods.table().items()
        }
        self._extra_routes = list(routes)
        self._runner: web.AppRunner | None = None

    # ---------------------------------------------------------------- lifecycle

    async def start(self) -> BotApiEmulator:
        """Start listening on 127.0.0.1 (``port=0`` picks a free port); sets base_url."""
        self._files.open()
        self._updates.open()
        app = web.Application(client_max_size=_MAX_UPLOAD)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_file)
        app.router.add_routes(control_routes(self))
        app.router.add_routes(self._extra_routes)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, _HOST, self.port).start()
        self.port = self._runner.addresses[0][1]
        self.base_url = f"http://{_HOST}:{self.port}"
        return self

    async def stop(self) -> None:
        """Stop serving: long polls return, webhook delivery stops, the port is released."""
        await self._updates.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        self._files.close()

    async def __aenter__(self) -> BotApiEmulator:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def api_url(self) -> str:
        """What PTB's ``base_url`` should be."""
        return self.base_url + "/bot"

    @property
    def file_url(self) -> str:
        """What PTB's ``base_file_url`` should be."""
        return self.base_url + "/file/bot"

    @property
    def files_dir(self) -> Path | None:
        return self._files.dir

    # ---------------------------------------------------------------- updates

    async def wait_acknowledged(self, timeout: float = 5.0) -> bool:  # noqa: ASYNC109
        """Wait until the bot acknowledged every update so far; False on timeout.

        With a webhook that answers after handling (see :mod:`emulator.delivery`), this
        means the bot is done with them; with long polling, only that it fetched them.
        """
        return await self._updates.wait_acknowledged(timeout)

    @property
    def acknowledges_handling(self) -> bool:
        """True while updates go to a webhook, whose answer can mean "handled"."""
        return self._updates.acknowledges_handling

    # ---------------------------------------------------------------- what the bot sent

    @property
    def sent(self) -> deque[BotMessage]:
        """Every new message the bot sent, oldest first (up to ``max_sent``)."""
        return self._methods.sent

    @property
    def commands(self) -> list[dict[str, Any]]:
        """The bot's default command list (setMyCommands without scope or language)."""
        return self._methods.commands

    def commands_for(self, language_code: str = "") -> list[dict[str, Any]]:
        """The default-scope command list set for this ``language_code`` ("" = none)."""
        return self._methods.commands_for(language_code)

    def description(self, language_code: str = "") -> str:
        """The bot's description (setMyDescription) for this language ("" = the default)."""
        return self._methods.descriptions.get(language_code, "")

    def short_description(self, language_code: str = "") -> str:
        """The bot's short description (setMyShortDescription) for this language."""
        return self._methods.short_descriptions.get(language_code, "")

    def on_message(self, listener: Callable[[BotMessage], None]) -> None:
        """Call ``listener`` with each new message the bot sends, as it is accepted."""
        self._methods.message_listeners.append(listener)

    def chat_messages(self, chat_id: int) -> list[BotMessage]:
        chat = self._chats.get(chat_id)
        return list(chat.bot_messages.values()) if chat else []

    # ---------------------------------------------------------------- users and chats

    def user(
        self,
        user_id: int,
        first_name: str = "Test",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> EmulatedUser:
        """The simulated user with this id (created once; the same object afterwards)."""
        return self._chats.user(
            user_id,
            first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )

    def group(self, chat_id: int, title: str = "Test group") -> None:
        """Make a group chat exist (negative id) so the bot may send to it."""
        self._chats.group(chat_id, title)

    def block(self, user_id: int, *, notify: bool = False) -> None:
        """The user blocks the bot: every send to that chat answers 403 until unblocked.

        With ``notify`` the bot also gets a my_chat_member update, as from Telegram.
        """
        self._chats.block(user_id, notify=notify)

    def unblock(self, user_id: int, *, notify: bool = False) -> None:
        self._chats.unblock(user_id, notify=notify)

    def is_blocked(self, user_id: int) -> bool:
        return self._chats.is_blocked(user_id)

    # ---------------------------------------------------------------- delivery

    @property
    def webhook(self) -> dict[str, Any]:
        """getWebhookInfo's answer plus the secret token (None when no webhook is set)."""
        info = self._updates.webhook_info()
        info["secret_token"] = self._updates.webhook_secret
        return info

    @property
    def webhook_retries(self) -> int:
        """How many times one update is POSTed to a failing webhook."""
        return self._updates.webhook_retries

    @webhook_retries.setter
    def webhook_retries(self, value: int) -> None:
        self._updates.webhook_retries = value

    @property
    def pending_updates(self) -> int:
        return self._updates.pending

    # ---------------------------------------------------------------- faults

    def inject_fault(
        self,
        kind: str,
        *,
        method: str | None = None,
        count: int | None = None,
        rate: float | None = None,
        retry_after: int = 1,
        delay: float = 0.0,
        chat_id: int | None = None,
    ) -> None:
        """Make matching Bot API requests fail.

        kind: "429" (flood control, ``retry_after``), "403" (blocked by the user), "500",
        "502", "timeout" (hold the request ``delay`` s, default 5, then process it normally:
        the client may have given up although the message was sent), "drop" (close the
        connection unanswered, request not processed), "slow" (wait ``delay`` s, then answer).
        ``count``: only the next N matches; ``rate``: probability per match (seeded RNG);
        neither: every match until :meth:`clear_faults`. ``method=None`` matches every method
        except getUpdates. ``chat_id`` restricts to requests for that chat.
        """
        self._faults.inject(
            kind,
            method=method,
            count=count,
            rate=rate,
            retry_after=retry_after,
            delay=delay,
            chat_id=chat_id,
        )

    def clear_faults(self) -> None:
        self._faults.clear()

    # ---------------------------------------------------------------- HTTP

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _json_error(ApiError(401, "Unauthorized"))
        requested = request.match_info["method"]
        entry = self._table.get(requested.lower())
        name = entry[0] if entry else requested
        self.stats.requests[name] += 1
        if entry is None:
            return _json_error(ApiError(404, "Not Found: method not found"))
        method = entry[1]
        try:
            params = await read_params(request)
        except ApiError as err:
            return self._error(err)
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            chat_id = None
        fault = self._faults.pick(name, chat_id) if self._faults else None
        if fault is not None:
            early = await self._apply_fault(fault, request)
            if early is not None:
                return early
        counted = self.rate_limits and name in MESSAGE_METHODS
        try:
            if chat_id is not None and self._chats.is_blocked(chat_id):
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if counted:
                wait = self._limiter.retry_after(chat_id)
                if wait is not None:
                    raise ApiError(429, f"Too Many Requests: retry after {wait}", retry_after=wait)
            result = await method(params)
        except ApiError as err:
            return self._error(err)
        if counted:
            self._limiter.record(chat_id)
        return web.json_response({"ok": True, "result": result})

    def _error(self, err: ApiError) -> web.Response:
        if err.code == 429:
            self.stats.too_many_requests += 1
        return _json_error(err)

    async def _apply_fault(self, fault: Fault, request: web.Request) -> web.StreamResponse | None:
        """Answer the fault, or return None to go on processing the request normally."""
        if fault.kind in ("slow", "timeout"):
            await self._updates.sleep(fault.delay)
            return None
        if fault.kind == "drop":
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=500)  # never reaches the closed connection
        await self._updates.sleep(fault.delay)
        return self._error(fault.error())

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        stored = self._files.by_path(request.match_info["file_path"])
        if request.match_info["token"] != self.token:
            return _json_error(ApiError(401, "Unauthorized"))
        if stored is None or stored.local is None or not stored.local.is_file():
            return _json_error(ApiError(404, "Not Found"))
        return web.FileResponse(stored.local)
