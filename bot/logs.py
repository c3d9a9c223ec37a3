"""Logging set-up that never lets the bot token reach a log line."""

from __future__ import annotations

import logging
import re

_TOKEN_PATTERN = re.compile(r"\b\d{1,20}:[A-Za-z0-9_-]{5,100}")


class RedactTokenFilter(logging.Filter):
    """Replaces the bot token (and anything shaped like one) in every record.

    httpx logs request URLs, which carry the token in their path; exceptions from the
    network layer may carry it too. The filter renders the message once and scrubs it.
    """

    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        self.token = token

    def _scrub(self, text: str) -> str:
        if self.token:
            text = text.replace(self.token, "<token>")
        return _TOKEN_PATTERN.sub("<token>", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = self._scrub(message)
        if record.exc_info and record.exc_info[1] is not None:
            # Render the traceback now, scrubbed, so the handler never formats the raw one.
            formatter = logging.Formatter()
            record.exc_text = self._scrub(formatter.formatException(record.exc_info))
            record.exc_info = None
        if scrubbed != message or record.args:
            record.msg, record.args = scrubbed, ()
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
