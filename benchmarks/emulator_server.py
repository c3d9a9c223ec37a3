"""The Bot API emulator in its own process, with a few extra control routes for benchmarks.

    python -m benchmarks.emulator_server [--limits]

Prints ``READY <base url>`` once listening and serves until killed. Why a separate
process: on a 2-core machine the emulator then has its own core instead of sharing the
bot's event loop, so the figures measure the bot, not the emulator's HTTP handling.

Extra routes (JSON):

- ``POST /control/bench/inject`` ``{"messages": [[user_id, text], ...]}``: users send these
  now; the emulator notes the wall-clock time of each injection per chat;
- ``GET /control/bench/sent?after=N``: ``[[chat_id, wall_time, method, text], ...]`` of every
  message delivered since the N-th (sendMessage, sendPhoto, ...), in order;
- ``GET /control/bench/injected``: ``{chat_id: [wall times]}``;
- ``POST /control/bench/users`` ``{"first": 1, "count": 10000}``: these users have chats;
- ``POST /control/bench/reset``: forget the records and counters.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from typing import Any

from aiohttp import web

from bot.sandbox.emulator import BotApiEmulator, BotMessage, EmulatorStats

TOKEN = "123456789:BENCH-not-a-real-token-0123456789"


class BenchEmulator(BotApiEmulator):
    """Records when each bot message arrived (wall clock), for delays and throughput."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.records: list[list[Any]] = []
        self.injected: dict[int, list[float]] = {}

    def _new_message(self, chat, content, markup, message_id=None, **fields) -> BotMessage:
        message = super()._new_message(chat, content, markup, message_id, **fields)
        self.records.append([chat.id, time.time(), message.kind, message.body[:40]])
        return message

    def _add_control_routes(self, app: web.Application) -> None:
        super()._add_control_routes(app)
        app.router.add_post("/control/bench/inject", self._bench_inject)
        app.router.add_get("/control/bench/sent", self._bench_sent)
        app.router.add_get("/control/bench/injected", self._bench_injected)
        app.router.add_post("/control/bench/reset", self._bench_reset)
        app.router.add_post("/control/bench/users", self._bench_users)

    async def _bench_inject(self, request: web.Request) -> web.Response:
        body = await request.json()
        for user_id, text in body["messages"]:
            self.injected.setdefault(int(user_id), []).append(time.time())
            await self.user(int(user_id)).send(text)
        return web.json_response({"ok": True, "result": len(body["messages"])})

    async def _bench_users(self, request: web.Request) -> web.Response:
        body = await request.json()
        for user_id in range(body["first"], body["first"] + body["count"]):
            self.user(user_id)  # Telegram knows every chat that ever talked to the bot
        return web.json_response({"ok": True, "result": body["count"]})

    async def _bench_sent(self, request: web.Request) -> web.Response:
        after = int(request.query.get("after", "0"))
        return web.json_response({"ok": True, "result": self.records[after:]})

    async def _bench_injected(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "result": self.injected})

    async def _bench_reset(self, request: web.Request) -> web.Response:
        self.records.clear()
        self.injected.clear()
        self.stats = EmulatorStats()
        self.sent.clear()
        return web.json_response({"ok": True, "result": True})


async def serve(limits: bool) -> None:
    emulator = BenchEmulator(token=TOKEN, seed=0, max_events_per_chat=20, max_sent=1000)
    emulator.rate_limits = limits
    await emulator.start()
    print(f"READY {emulator.base_url}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await emulator.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limits", action="store_true", help="Telegram's flood limits on")
    args = parser.parse_args()
    try:
        asyncio.run(serve(args.limits))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
