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


async def _answer(limiter: PriorityRateLimiter, chat_id: int, log: list, gate, tag) -> None:
    ratelimit._INTERACTIVE.set(True)  # what mark_interactive does for every update
    await _sender(limiter, chat_id, log, gate, tag)


async def test_no_more_than_the_limit_start_within_a_second_of_earlier_ones_finishing():
    clock, log, gate = _Clock(), [], asyncio.Event()
    limiter = PriorityRateLimiter(3, clock=clock)
    # Answers: not spaced out like job messages, so only the window holds them back.
    tasks = [asyncio.create_task(_answer(limiter, 100 + i, log, gate, i)) for i in range(5)]
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
    for step in (0.034, 0.067, 0.1):  # job messages start at most 30 a second
        clock.now = step
        limiter._pump()
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


async def test_reminders_due_at_once_are_spaced_and_an_answer_never_waits_for_the_window():
    clock = _Clock()
    limiter = PriorityRateLimiter(30, clock=clock)
    started: dict[str, float] = {}

    async def send(tag: str, chat_id: int, interactive: bool) -> None:
        ratelimit._INTERACTIVE.set(interactive)

        async def callback() -> bool:
            started[tag] = clock.now
            return True

        await limiter.process_request(callback, (), {}, "sendMessage", {"chat_id": chat_id}, None)

    tasks = [asyncio.create_task(send(f"r{i}", 500 + i, False)) for i in range(90)]
    asked: dict[str, float] = {}
    for tick in range(5000):  # in steps of 1 ms, till every message has gone
        clock.now = tick / 1000
        if tick % 150 == 0 and tick <= 3000:
            asked[f"a{tick}"] = clock.now
            tasks.append(asyncio.create_task(send(f"a{tick}", 900 + tick, True)))
        limiter._pump()
        await _settle()
        if all(task.done() for task in tasks):
            break
    await asyncio.gather(*tasks)

    reminders = sorted(t for tag, t in started.items() if tag.startswith("r"))
    burst = ratelimit.JOB_BURST
    # Spaced out: any stretch of time holds at most a small burst plus 30 a second.
    assert all(
        j - i + 1 <= burst + 30 * (reminders[j] - reminders[i]) + 0.05
        for i in range(len(reminders))
        for j in range(i + 1, len(reminders))
    )
    # Still about 30 a second, answers included (90 reminders and 21 answers).
    assert len(reminders) == 90 and reminders[-1] < 3.9
    waits = [started[tag] - at for tag, at in asked.items()]
    assert max(waits) <= burst / 30 + 0.005  # a few spacing intervals, never the window
