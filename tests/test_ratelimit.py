"""Pacing of outgoing messages: Telegram's window is never exceeded, answers go first."""

from __future__ import annotations

import asyncio

from bot import ratelimit
from bot.ratelimit import PriorityRateLimiter


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _sender(limiter: PriorityRateLimiter, chat_id: int, log: list, gate: asyncio.Event, tag):
    async def callback() -> bool:
        log.append(tag)
        await gate.wait()
        return True

    return limiter.process_request(callback, (), {}, "sendMessage", {"chat_id": chat_id}, None)


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_no_more_than_the_limit_start_within_a_second_of_earlier_ones_finishing():
    clock, log, gate = _Clock(), [], asyncio.Event()
    limiter = PriorityRateLimiter(3, clock=clock)
    tasks = [asyncio.create_task(_sender(limiter, 100 + i, log, gate, i)) for i in range(5)]
    await _settle()
    assert log == [0, 1, 2]
    gate.set()  # the first three finish at t=0: they still count for one second
    await _settle()
    assert log == [0, 1, 2]
    clock.now = 1.01
    limiter._pump()
    await _settle()
    assert log == [0, 1, 2, 3, 4]
    await asyncio.gather(*tasks)


async def test_an_answer_to_a_user_goes_before_queued_reminders():
    clock, log, gate = _Clock(), [], asyncio.Event()
    limiter = PriorityRateLimiter(1, clock=clock)
    bulk = [asyncio.create_task(_sender(limiter, 200 + i, log, gate, f"r{i}")) for i in range(3)]
    await _settle()

    async def answer() -> None:
        ratelimit._INTERACTIVE.set(True)  # what mark_interactive does for every update
        await _sender(limiter, 300, log, gate, "answer")

    reply = asyncio.create_task(answer())
    await _settle()
    gate.set()
    await _settle()
    clock.now = 1.01
    limiter._pump()
    await _settle()
    assert log == ["r0", "answer"]
    clock.now = 2.02
    limiter._pump()
    await _settle()
    clock.now = 3.03
    limiter._pump()
    await asyncio.gather(reply, *bulk)
    assert log == ["r0", "answer", "r1", "r2"]


async def test_reminders_to_one_chat_get_a_burst_then_about_one_message_a_second():
    clock, log, gate = _Clock(), [], asyncio.Event()
    gate.set()
    limiter = PriorityRateLimiter(30, clock=clock)
    tasks = [asyncio.create_task(_sender(limiter, 42, log, gate, i)) for i in range(5)]
    await _settle()
    assert log == [0, 1, 2]  # the burst of three, one after the other
    clock.now = 0.9
    limiter._pump()
    await _settle()
    assert log == [0, 1, 2]
    clock.now = 1.01
    limiter._pump()
    await _settle()
    assert log == [0, 1, 2, 3]
    clock.now = 2.02
    limiter._pump()
    await asyncio.gather(*tasks)
    assert log == [0, 1, 2, 3, 4]
