"""How updates reach the bot: ``getUpdates`` long polling, or POSTs to a webhook.

Telegram's rules kept here: update ids increase; an offset confirms everything before it;
a newer ``getUpdates`` ends an older one with 409; ``getUpdates`` is refused while a
webhook is set; ``allowed_updates`` filters what is queued; a failed webhook POST is
retried and recorded in ``getWebhookInfo``.

An update counts as acknowledged once the bot confirmed it: with long polling when a later
``getUpdates`` passes its id (the bot has *fetched* it), with a webhook when the POST was
answered 2xx (or given up). :meth:`Updates.wait_acknowledged` waits for that; a bot that
answers its webhook only after handling the update (as ours does) thereby says "done".
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import re
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

import aiohttp

from emulator.model import ApiError, EmulatorStats, bad_request
from emulator.params import int_param

_LOG = logging.getLogger(__name__)

# Update types Telegram delivers when allowed_updates is not given.
_ALL_UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
_DEFAULT_UPDATE_TYPES = _ALL_UPDATE_TYPES - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}
_SECRET_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@dataclass
class _Webhook:
    url: str
    secret_token: str | None
    max_connections: int
    allowed_updates: list[str] | None
    last_error_date: int | None = None
    last_error_message: str | None = None


class Updates:
    """The bot's update queue and the two ways of taking from it."""

    def __init__(self, stats: EmulatorStats, max_pending: int) -> None:
        self.webhook_retries = 3
        # Seconds a webhook POST may take. A bot that answers only after handling the
        # update (as ours does) must not be cut off and sent the update a second time.
        self.webhook_timeout = 60.0
        self._stats = stats
        # Updates waiting for getUpdates, oldest first (update ids increase).
        self._pending: deque[dict[str, Any]] = deque(maxlen=max_pending)
        self._next_update_id = 1
        self._allowed_updates: frozenset[str] = _DEFAULT_UPDATE_TYPES
        self._changed = asyncio.Event()
        self._poll_generation = 0
        self._webhook: _Webhook | None = None
        self._webhook_queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._webhook_workers: list[asyncio.Task[None]] = []
        self._session: aiohttp.ClientSession | None = None
        self._closing = asyncio.Event()
        self._unacknowledged: set[int] = set()  # update ids queued and not yet confirmed
        self._acknowledged = asyncio.Event()

    # ---------------------------------------------------------------- lifecycle

    def open(self) -> None:
        """Fresh wake-up events, bound to the loop the emulator now runs in."""
        self._closing = asyncio.Event()
        self._changed = asyncio.Event()
        self._acknowledged = asyncio.Event()

    async def close(self) -> None:
        """Long polls return, webhook delivery stops, sleeps end early."""
        self._closing.set()
        self._wake_pollers()
        await self._stop_webhook_workers()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def sleep(self, seconds: float) -> None:
        """Sleep, but wake early when the emulator stops."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing.wait(), seconds)

    # ---------------------------------------------------------------- the queue

    def enqueue(self, body: dict[str, Any]) -> None:
        """Queue one update (``{"message": ...}`` and so on) unless the bot did not ask for it."""
        update_type = next(iter(body))
        allowed = self._allowed_updates
        if self._webhook is not None and self._webhook.allowed_updates:
            allowed = frozenset(self._webhook.allowed_updates)
        if update_type not in allowed:
            return
        update = {"update_id": self._next_update_id, **body}
        self._next_update_id += 1
        self._stats.updates_created += 1
        self._unacknowledged.add(update["update_id"])
        if self._webhook is not None:
            self._webhook_queue.put_nowait(update)
        else:
            if len(self._pending) == self._pending.maxlen:
                self._acknowledge(self._pending[0]["update_id"])  # pushed out: never delivered
            self._pending.append(update)
            self._wake_pollers()

    @property
    def acknowledges_handling(self) -> bool:
        """True when an acknowledgement can mean "handled" (a webhook's answer), not just
        "fetched" (a later ``getUpdates``)."""
        return self._webhook is not None

    async def wait_acknowledged(self, timeout: float) -> bool:  # noqa: ASYNC109
        """Wait until every update queued so far is acknowledged; False on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._unacknowledged and not self._closing.is_set():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            acknowledged = self._acknowledged
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(acknowledged.wait(), remaining)
        return not self._unacknowledged

    def _acknowledge(self, update_id: int) -> None:
        self._unacknowledged.discard(update_id)
        self._acknowledged.set()
        self._acknowledged = asyncio.Event()

    @property
    def pending(self) -> int:
        return len(self._pending) if self._webhook is None else self._webhook_queue.qsize()

    def _wake_pollers(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def _confirm(self, offset: int) -> None:
        pending = self._pending
        if offset > 0:
            while pending and pending[0]["update_id"] < offset:
                self._acknowledge(pending.popleft()["update_id"])
        elif offset < 0:
            while len(pending) > -offset:
                self._acknowledge(pending.popleft()["update_id"])

    # ---------------------------------------------------------------- long polling

    async def get_updates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        if self._webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int_param(p, "offset", 0)
        limit = min(100, max(1, int_param(p, "limit", 100)))
        timeout = max(0.0, float(p.get("timeout") or 0))
        allowed = p.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) or _DEFAULT_UPDATE_TYPES
        self._confirm(offset)
        # A newer getUpdates terminates an older one still waiting, like Telegram.
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake_pollers()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            found = list(itertools.islice(self._pending, limit))
            remaining = deadline - loop.time()
            if found or remaining <= 0 or self._closing.is_set() or self._webhook is not None:
                return found
            changed = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), remaining)

    # ---------------------------------------------------------------- webhook

    def webhook_info(self) -> dict[str, Any]:
        hook = self._webhook
        if hook is None:
            return {
                "url": "",
                "has_custom_certificate": False,
                "pending_update_count": len(self._pending),
            }
        info: dict[str, Any] = {
            "url": hook.url,
            "has_custom_certificate": False,
            "pending_update_count": self._webhook_queue.qsize(),
            "max_connections": hook.max_connections,
            "ip_address": "127.0.0.1",
        }
        if hook.allowed_updates:
            info["allowed_updates"] = hook.allowed_updates
        if hook.last_error_date is not None:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
        return info

    @property
    def webhook_secret(self) -> str | None:
        return self._webhook.secret_token if self._webhook else None

    async def get_webhook_info(self, p: dict[str, Any]) -> dict[str, Any]:
        return self.webhook_info()

    async def set_webhook(self, p: dict[str, Any]) -> bool:
        url = str(p.get("url") or "")
        secret = p.get("secret_token") or None
        if secret is not None and not _SECRET_TOKEN_RE.match(str(secret)):
            raise bad_request("secret token contains unallowed characters")
        if not url:
            await self._remove_webhook(bool(p.get("drop_pending_updates")))
            return True
        if not url.startswith(("http://", "https://")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        allowed = p.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) or _DEFAULT_UPDATE_TYPES
        max_connections = min(100, max(1, int_param(p, "max_connections", 40)))
        await self._stop_webhook_workers()
        if p.get("drop_pending_updates"):
            for update in [*self._pending, *self._drain_webhook_queue()]:
                self._acknowledge(update["update_id"])
            self._pending.clear()
        self._webhook = _Webhook(url, secret, max_connections, allowed or None)
        while self._pending:
            self._webhook_queue.put_nowait(self._pending.popleft())
        self._wake_pollers()  # a waiting getUpdates returns now
        if self._session is None:
            self._session = aiohttp.ClientSession()
        self._webhook_workers = [
            asyncio.create_task(self._webhook_worker()) for _ in range(max_connections)
        ]
        return True

    async def delete_webhook(self, p: dict[str, Any]) -> bool:
        await self._remove_webhook(bool(p.get("drop_pending_updates")))
        return True

    async def _remove_webhook(self, drop_pending: bool) -> None:
        await self._stop_webhook_workers()
        self._webhook = None
        undelivered = self._drain_webhook_queue()
        if drop_pending:
            for update in [*self._pending, *undelivered]:
                self._acknowledge(update["update_id"])
            self._pending.clear()
        else:
            self._pending.extend(undelivered)
            self._wake_pollers()

    def _drain_webhook_queue(self) -> list[dict[str, Any]]:
        drained = []
        while not self._webhook_queue.empty():
            drained.append(self._webhook_queue.get_nowait())
        return drained

    async def _stop_webhook_workers(self) -> None:
        workers, self._webhook_workers = self._webhook_workers, []
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)

    async def _webhook_worker(self) -> None:
        while not self._closing.is_set():
            update = await self._webhook_queue.get()
            await self._deliver(update)

    async def _deliver(self, update: dict[str, Any]) -> None:
        """POST one update to the webhook, retrying a few times like Telegram (briefly)."""
        try:
            await self._post(update)
        finally:
            self._acknowledge(update["update_id"])  # answered, given up or cancelled

    async def _post(self, update: dict[str, Any]) -> None:
        for attempt in range(self.webhook_retries):
            hook, session = self._webhook, self._session
            if hook is None or session is None or self._closing.is_set():
                return
            headers = {}
            if hook.secret_token:
                headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret_token
            try:
                async with session.post(
                    hook.url,
                    json=update,
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(total=self.webhook_timeout),
                ) as response:
                    if 200 <= response.status < 300:
                        self._stats.webhook_deliveries += 1
                        return
                    error = f"Wrong response from the webhook: {response.status} {response.reason}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                error = f"Connection error: {exc!r}"
            hook.last_error_date = int(time.time())
            hook.last_error_message = error
            self._stats.webhook_failures += 1
            _LOG.debug("webhook delivery of update %s failed: %s", update["update_id"], error)
            await self.sleep(0.05 * 2**attempt)
