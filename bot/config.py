"""Configuration from the environment (and an optional ``.env`` file).

Every problem is reported as one line naming the variable, so an operator can fix it
without reading a stack trace; ``bot.cli`` turns a ``ConfigError`` into exit code 2.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

DEFAULT_API_ROOT = "https://api.telegram.org"
_TOKEN_RE = re.compile(r"^[0-9]{1,20}:[A-Za-z0-9_-]{5,100}$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(ValueError):
    """A configuration value is missing or malformed; the message names the variable."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable}: {problem}")
        self.variable = variable


@dataclass(frozen=True)
class Config:
    token: str = field(repr=False)
    data_dir: Path
    api_root: str = DEFAULT_API_ROOT
    log_level: str = "INFO"
    admin_ids: frozenset[int] = frozenset()
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    port: int = 8080
    # PORT given explicitly: long polling serves /healthz on it too (a webhook always does).
    port_given: bool = False
    listen_address: str = "0.0.0.0"
    reminder_grace: timedelta = timedelta(hours=1)
    send_rate_limit: int = 30  # messages/s overall (Telegram's limit); 0 = no pacing

    @property
    def base_url(self) -> str:
        """What PTB calls ``base_url``: ``{root}/bot`` (it appends the token and method)."""
        return f"{self.api_root}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.api_root}/file/bot"


def load_dotenv_file(path: Path | None = None) -> None:
    """Read ``.env`` into the environment; real environment variables win."""
    from dotenv import load_dotenv

    load_dotenv(path or Path.cwd() / ".env", override=False)


def _parse_url(variable: str, value: str) -> str:
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(variable, f"{value!r} is not an http(s) URL")
    return value.rstrip("/")


def _parse_duration(variable: str, value: str) -> timedelta:
    match = re.fullmatch(r"\s*(\d+)\s*([smh]?)\s*", value)
    if not match:
        raise ConfigError(variable, f"{value!r} is not a duration; use e.g. 3600, 90s, 30m or 1h")
    amount, unit = int(match.group(1)), match.group(2) or "s"
    return timedelta(seconds=amount * {"s": 1, "m": 60, "h": 3600}[unit])


def load_config(env: Mapping[str, str] | None = None, *, require_token: bool = True) -> Config:
    """Build a ``Config`` from ``env`` (default ``os.environ``), validating every value."""
    env = os.environ if env is None else env
    token = env.get("BOT_TOKEN", "").strip()
    if require_token:
        if not token:
            raise ConfigError("BOT_TOKEN", "is not set; get a token from @BotFather")
        if not _TOKEN_RE.match(token):
            # Never echo the token itself: it may be a real one with a typo.
            raise ConfigError(
                "BOT_TOKEN", "is malformed; expected the form 123456789:AAE... from @BotFather"
            )

    data_dir = Path(env.get("DATA_DIR", "").strip() or "./data").expanduser()
    api_root = _parse_url(
        "TELEGRAM_API_BASE_URL", env.get("TELEGRAM_API_BASE_URL", "").strip() or DEFAULT_API_ROOT
    )

    log_level = (env.get("LOG_LEVEL", "").strip() or "INFO").upper()
    if log_level not in _LOG_LEVELS:
        raise ConfigError("LOG_LEVEL", f"{log_level!r} is not one of {', '.join(_LOG_LEVELS)}")

    admin_ids: set[int] = set()
    for part in re.split(r"[,\s]+", env.get("ADMIN_IDS", "").strip()):
        if not part:
            continue
        if not re.fullmatch(r"-?\d{1,20}", part):
            raise ConfigError("ADMIN_IDS", f"{part!r} is not a numeric Telegram user id")
        admin_ids.add(int(part))

    webhook_url = env.get("WEBHOOK_URL", "").strip() or None
    if webhook_url:
        webhook_url = _parse_url("WEBHOOK_URL", webhook_url)
    webhook_secret = env.get("WEBHOOK_SECRET", "").strip() or None
    if webhook_secret and not _SECRET_RE.match(webhook_secret):
        raise ConfigError("WEBHOOK_SECRET", "must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
    if webhook_url and not webhook_secret:
        raise ConfigError("WEBHOOK_SECRET", "is required when WEBHOOK_URL is set")

    port_text = env.get("PORT", "").strip() or "8080"
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise ConfigError("PORT", f"{port_text!r} is not a TCP port (1-65535)")

    grace = _parse_duration("REMINDER_GRACE", env.get("REMINDER_GRACE", "").strip() or "1h")

    rate_text = env.get("SEND_RATE_LIMIT", "").strip() or "30"
    if not rate_text.isdigit() or int(rate_text) > 1000:
        raise ConfigError("SEND_RATE_LIMIT", f"{rate_text!r} is not 0-1000 (messages per second)")

    return Config(
        token=token,
        data_dir=data_dir,
        api_root=api_root,
        log_level=log_level,
        admin_ids=frozenset(admin_ids),
        webhook_url=webhook_url,
        webhook_secret=webhook_secret,
        port=int(port_text),
        port_given=bool(env.get("PORT", "").strip()),
        listen_address=env.get("LISTEN_ADDRESS", "").strip() or "0.0.0.0",
        reminder_grace=grace,
        send_rate_limit=int(rate_text),
    )
