"""HTTP transport to the Bot API on aiohttp, in place of PTB's default (httpx).

Why: measured on the project's emulator (benchmarks/bench_responsiveness.py), a bare
python-telegram-bot echo bot answers about 1.7x as many messages per second over aiohttp
as over httpx, because httpcore's connection pool does a lot of bookkeeping (and a
``poll``/``getpeername`` system call per idle connection) for every request. Every
message the bot sends pays that cost, so the transport is the cheapest place to win time.
aiohttp is already a dependency (the sandbox's emulator is an aiohttp server).

The contract is PTB's :class:`~telegram.request.BaseRequest`: return (status, body) and
let PTB turn the status into errors; a timeout becomes ``TimedOut``, any other transport
failure ``NetworkError`` (so ``bot.telegram_retry`` retries both, as with httpx). The
request URL holds the bot token, so no exception text here includes the URL.
"""

from __future__ import annotations

from urllib.parse import urlencode

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

# PTB's HTTPXRequest defaults, in seconds; uploads (charts) get longer to write.
READ_TIMEOUT = 5.0
WRITE_TIMEOUT = 5.0
CONNECT_TIMEOUT = 5.0
POOL_TIMEOUT = 1.0
MEDIA_WRITE_TIMEOUT = 20.0


def _given(value: object, default: float | None) -> float | None:
    return default if value is BaseRequest.DEFAULT_NONE else value  # type: ignore[return-value]


class AiohttpRequest(BaseRequest):
    """One aiohttp session with at most ``connection_pool_size`` connections."""

    __slots__ = ("_pool_size", "_read_timeout", "_session")

    def __init__(self, connection_pool_size: int = 64, read_timeout: float = READ_TIMEOUT) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float:
        """PTB adds a long poll's own timeout to this for ``getUpdates``."""
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size),
                timeout=aiohttp.ClientTimeout(total=None),
                # Telegram's answers are JSON: no cookies to keep, no proxy to look up.
                cookie_jar=aiohttp.DummyCookieJar(),
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
        write_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
        connect_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
        pool_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        files = bool(request_data and request_data.contains_files)
        data: aiohttp.FormData | bytes | None = None
        headers = {"User-Agent": self.USER_AGENT}
        if request_data is not None:
            if not files:
                # The same form encoding aiohttp would make of a dict, without its overhead.
                data = urlencode(request_data.json_parameters).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            else:
                form = aiohttp.FormData(request_data.json_parameters)
                for name, (filename, content, *mime) in request_data.multipart_data.items():
                    form.add_field(
                        name, content, filename=filename, content_type=mime[0] if mime else None
                    )
                data = form
        read = _given(read_timeout, self._read_timeout)
        write = _given(write_timeout, MEDIA_WRITE_TIMEOUT if files else WRITE_TIMEOUT)
        connect = _given(connect_timeout, CONNECT_TIMEOUT)
        pool = _given(pool_timeout, POOL_TIMEOUT)
        # aiohttp has no write timeout: bound the whole request by the sum instead.
        parts = (read, write, connect, pool)
        timeout = aiohttp.ClientTimeout(
            total=None if None in parts else sum(parts),  # type: ignore[arg-type]
            connect=None if pool is None or connect is None else pool + connect,
            sock_connect=connect,
            sock_read=read,
        )
        try:
            async with self._session.request(
                method,
                url,
                data=data,
                headers=headers,
                timeout=timeout,
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # aiohttp's timeouts are TimeoutError subclasses
            raise TimedOut(f"Telegram did not answer in time ({type(error).__name__})") from None
        except aiohttp.ClientError as error:
            raise NetworkError(f"Connection to Telegram failed: {_describe(error)}") from None


def _describe(error: aiohttp.ClientError) -> str:
    """The kind of failure, without aiohttp's message (it may quote the URL and its token)."""
    if isinstance(error, aiohttp.ClientConnectorError):
        return f"{type(error).__name__} ({error.os_error.strerror or error.os_error})"
    return type(error).__name__
