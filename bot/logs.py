"""Logging set-up, and one redaction that keeps the bot token off every path to stderr.

Log lines are not the only way text reaches stderr: an uncaught exception's traceback
(``sys.excepthook``), an exception in a thread (``threading.excepthook``), one the asyncio
loop reports, an "unraisable" exception in ``__del__`` and a warning are all printed by
Python itself, bypassing logging filters. A ``NetworkError`` whose message carries the
HTML error page of a proxy that echoes the request path (``/bot<token>/getMe``) reaches
stderr through exactly those paths. :func:`redact_everywhere` scrubs them all, through
the public hooks Python provides for each.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sys
import threading
import time
import traceback
import warnings
from typing import Any, TextIO

# Anything shaped like a bot token, also with the colon percent-encoded (as in a URL that
# an error page quotes back).
_TOKEN_PATTERN = re.compile(r"\b\d{1,20}(?::|%3[Aa])[A-Za-z0-9_-]{5,100}")
REDACTED = "<token>"
_MIN_SECRET_LENGTH = 8


class TokenRedactor:
    """Replaces the bot token (its secret half too) and anything shaped like a token."""

    def __init__(self, *secrets: str | None) -> None:
        words: set[str] = set()
        for secret in secrets:
            # A very short secret would garble every line it happens to occur in.
            if secret and len(secret) >= _MIN_SECRET_LENGTH:
                words.add(secret)
                # The half after the colon is what makes a token secret; an echo may
                # quote it alone or split differently.
                if ":" in secret and len(secret.split(":", 1)[1]) >= 8:
                    words.add(secret.split(":", 1)[1])
        self._words = sorted(words, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for word in self._words:
            text = text.replace(word, REDACTED)
        return _TOKEN_PATTERN.sub(REDACTED, text)

    def scrub_record(self, record: logging.LogRecord) -> None:
        """Render the record's message and traceback now, scrubbed, in place."""
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: keep what can be shown, scrubbed
            message = f"{record.msg} {record.args!r}"
        scrubbed = self.scrub(message)
        if scrubbed != message or record.args:
            record.msg, record.args = scrubbed, ()
        if record.exc_info and record.exc_info[1] is not None:
            # Render the traceback now, scrubbed, so no handler formats the raw one.
            record.exc_text = self.scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = self.scrub(record.stack_info)


class RedactTokenFilter(logging.Filter):
    """A handler filter that scrubs every record it lets through (see ``TokenRedactor``)."""

    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        self.token = token
        self._redactor = TokenRedactor(token)

    def filter(self, record: logging.LogRecord) -> bool:
        self._redactor.scrub_record(record)
        return True


def setup_logging(level: str = "INFO", token: str | None = None) -> None:
    """Configure the root logger once: one line per event, token redacted everywhere."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactTokenFilter(token))
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL (token included) at INFO; we only want its problems.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)


def install_redaction(token: str) -> None:
    """Add token redaction to every handler already on the root logger (e.g. pytest's)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactTokenFilter) for f in handler.filters):
            handler.addFilter(RedactTokenFilter(token))


_installed: TokenRedactor | None = None


def redact_everywhere(*secrets: str | None) -> TokenRedactor:
    """Scrub ``secrets`` (the token, the webhook secret) from every path to stderr.

    Installs, once per process: a log record factory (every record, whatever handler
    later formats it), ``sys.excepthook``, ``threading.excepthook``,
    ``sys.unraisablehook`` and ``warnings.showwarning``. The asyncio loop's handler is
    per loop: :func:`install_loop_exception_handler`.
    """
    global _installed
    if _installed is not None:
        return _installed
    redactor = _installed = TokenRedactor(*secrets)
    install_redaction(next((s for s in secrets if s), ""))
    make_record = logging.getLogRecordFactory()

    def scrubbed_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        redactor.scrub_record(record)
        return record

    logging.setLogRecordFactory(scrubbed_record)

    def excepthook(exc_type, exc, tb) -> None:
        _write(sys.stderr, redactor.scrub("".join(traceback.format_exception(exc_type, exc, tb))))

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else threading.get_ident()
        text = "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
        )
        _write(sys.stderr, redactor.scrub(f"Exception in thread {name}:\n{text}"))

    def unraisablehook(unraisable: Any) -> None:
        text = "".join(
            traceback.format_exception(
                unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback
            )
        )
        where = unraisable.err_msg or "Exception ignored in"
        _write(sys.stderr, redactor.scrub(f"{where}: {unraisable.object!r}\n{text}"))

    def showwarning(message, category, filename, lineno, file=None, line=None) -> None:
        text = warnings.formatwarning(message, category, filename, lineno, line)
        _write(file or sys.stderr, redactor.scrub(text))

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook
    sys.unraisablehook = unraisablehook
    warnings.showwarning = showwarning
    return redactor


def _write(stream: TextIO | None, text: str) -> None:
    if stream is None:  # pythonw, or stderr closed: nowhere to print
        return
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError):
        pass


# What asyncio's accept loop reports when the process runs out of file descriptors (or
# the kernel of buffers); it retries by itself a second later, every second, so without
# a limit a lasting shortage logs a traceback per second per listening socket.
_ACCEPT_EXHAUSTED = "socket.accept() out of system resource"
ACCEPT_ERROR_LOG_INTERVAL = 60.0  # seconds between two lines about it


class _LoopExceptionHandler:
    """Accept errors at most once per interval (with a count); everything else scrubbed."""

    def __init__(self, redactor: TokenRedactor | None, interval: float) -> None:
        self._redactor = redactor
        self._interval = interval
        self._next_report = 0.0
        self._suppressed = 0

    def __call__(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        message = str(context.get("message", ""))
        if message.startswith(_ACCEPT_EXHAUSTED):
            self._accept_error(context)
            return
        if self._redactor is not None:
            context = {**context, "message": self._redactor.scrub(message)}
        # The default handler logs through logging, whose records are scrubbed too.
        loop.default_exception_handler(context)

    def _accept_error(self, context: dict[str, Any]) -> None:
        now = time.monotonic()
        if now < self._next_report:
            self._suppressed += 1
            return
        more = f" ({self._suppressed} more since the last report)" if self._suppressed else ""
        logging.getLogger("bot.server").error(
            "Cannot accept connections: %s%s; new connections wait until some close. "
            "Raise the open-files limit (ulimit -n) or lower the load. Next report in %.0f s.",
            context.get("exception") or "out of system resources",
            more,
            self._interval,
        )
        self._suppressed = 0
        self._next_report = now + self._interval


def install_loop_exception_handler(
    loop: asyncio.AbstractEventLoop, interval: float = ACCEPT_ERROR_LOG_INTERVAL
) -> None:
    """The running loop's exception handler: scrubbed, accept errors rate-limited."""
    loop.set_exception_handler(_LoopExceptionHandler(_installed, interval))
