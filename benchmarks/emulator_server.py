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

from emulator import BotApiEmulator, BotMessage

TOKEN = "123456789:BENCH-not-a-real-token-0123456789"


class BenchRecorder:
    """Records when each bot message arrived (wall clock), for delays and throughput."""

    def __init__(self) -> None:
        self.emulator: BotApiEmulator | None = None
        self.records: list[list[Any]] = []
        self.injected: dict[int, list[float]] = {}

    def attach(self, emulator: BotApiEmulator) -> None:
        self.emulator = emulator
        emulator.on_message(self._record)

    def _record(self, message: BotMessage) -> None:
        self.records.append([message.chat_id, time.time(), message.kind, message.body[:40]])

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/control/bench/inject", self._bench_inject),
            web.get("/control/bench/sent", self._bench_sent),
            web.get("/control/bench/injected", self._bench_injected),
            web.post("/control/bench/reset", self._bench_reset),
            web.post("/control/bench/users", self._bench_users),
        ]

    async def _bench_inject(self, request: web.Request) -> web.Response:
        body = await request.json()
        for user_id, text in body["messages"]:
            self.injected.setdefault(int(user_id), []).append(time.time())
            await self.emulator.user(int(user_id)).send(text)
        return web.json_response({"ok": True, "result": len(body["messages"])})

    async def _bench_users(self, request: web.Request) -> web.Response:
        body = await request.json()
        for user_id in range(body["first"], body["first"] + body["count"]):
            self.emulator.user(user_id)  # Telegram knows every chat that ever talked to the bot
        return web.json_response({"ok": True, "result": body["count"]})

    async def _bench_sent(self, request: web.Request) -> web.Response:
        after = int(request.query.get("after", "0"))
        return web.json_response({"ok": True, "result": self.records[after:]})

    async def _bench_injected(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "result": self.injected})

    async def _bench_reset(self, request: web.Request) -> web.Response:
        self.records.clear()
        self.injected.clear()
        self.emulator.stats.reset()
        self.emulator.sent.clear()
        return web.json_response({"ok": True, "result": True})


async def serve(limits: bool) -> None:
    recorder = BenchRecorder()
    emulator = BotApiEmulator(
        token=TOKEN, seed=0, max_events_per_chat=20, max_sent=1000, routes=recorder.routes()
    )
    recorder.attach(emulator)
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
