"""Pacing of outgoing messages: Telegram's window is never exceeded, answers go first.

A send says what it is through PTB's ``rate_limit_args``: ``BACKGROUND`` for reminders and
other sends nobody waits on, nothing for an answer to a person.
"""

from __future__ import annotations

import asyncio

import pytest
from reliability_helpers import onboarded, wait_for
from telegram import Update
from telegram.error import RetryAfter
from telegram.ext import CommandHandler, ContextTypes

from bot import ratelimit, sending
from bot.ratelimit import BACKGROUND, PriorityRateLimiter
from bot.sandbox.harness import local_bot


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _sender(
    limiter: PriorityRateLimiter, chat_id: int, log: list, gate: asyncio.Event, tag, kind=BACKGROUND
):
    """A background send (a reminder) unless ``kind`` is None (an answer)."""

    async def callback() -> bool:
        log.append(tag)
        await gate.wait()
        return True

    return limiter.process_request(callback, (), {}, "sendMessage", {"chat_id": chat_id}, kind)


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def _answer(limiter: PriorityRateLimiter, chat_id: int, log: list, gate, tag) -> None:
    await _sender(limiter, chat_id, log, gate, tag, kind=None)  # a handler's reply


async def test_no_more_than_the_limit_start_within_a_second_of_earlier_ones_finishing():
    clock, log, gate = _Clock(), [], asyncio.Event()
    limiter = PriorityRateLimiter(3, clock=clock)
    # Answers: not spaced out like background messages, so only the window holds them back.
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

    reply = asyncio.create_task(_answer(limiter, 300, log, gate, "answer"))
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
    for step in (0.034, 0.067, 0.1):  # background messages start at most 30 a second
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

    async def send(tag: str, chat_id: int, answer: bool) -> None:
        async def callback() -> bool:
            started[tag] = clock.now
            return True

        kind = None if answer else BACKGROUND
        await limiter.process_request(callback, (), {}, "sendMessage", {"chat_id": chat_id}, kind)

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
    burst = ratelimit.BACKGROUND_BURST
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


# ----------------------------------------------------- the real bot: what a job sends


async def test_429_is_waited_out_and_retried_a_bounded_number_of_times():
    limiter = PriorityRateLimiter(0, max_retries=2)  # pacing off: only the 429 handling
    calls = 0

    async def flooded() -> bool:
        nonlocal calls
        calls += 1
        raise RetryAfter(0)

    with pytest.raises(RetryAfter):
        await limiter.process_request(flooded, (), {}, "sendMessage", {"chat_id": 1}, BACKGROUND)
    assert calls == 3  # the first try and two retries, then the error is raised

    outcomes = [RetryAfter(0), True]

    async def flooded_once() -> bool:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    assert await limiter.process_request(flooded_once, (), {}, "sendMessage", {"chat_id": 1}, None)


BULK, BULK_FIRST, ASKER, ADDER = 30, 1000, 950, 951


async def test_a_job_added_while_answering_someone_still_sends_behind_answers(tmp_path):
    """The context leak: APScheduler wakes up in the context of the code that added a job,
    and the job tasks it starts later copy that context. A per-update "answers a person"
    flag therefore turned every later job's sends into answers, queued first come first
    served with real answers. Sends must say what they are (``rate_limit_args``)."""
    async with local_bot(tmp_path / "data", env={"SEND_RATE_LIMIT": "10"}) as bot:
        app, emulator = bot.application, bot.emulator
        for user_id in (ASKER, ADDER):
            await bot.store.save_user(onboarded(user_id))
        asker, adder = emulator.user(ASKER), emulator.user(ADDER)
        bulk_users = [emulator.user(BULK_FIRST + n) for n in range(BULK)]
        arrived: list[int] = []  # chat ids of new messages, in the order Telegram took them
        emulator.on_message(lambda message: arrived.append(message.chat_id))

        async def send_bulk(context: ContextTypes.DEFAULT_TYPE) -> None:
            """A job nobody waits on (like reminders), through the background send policy."""
            await asyncio.gather(
                *(
                    sending.send_message(
                        context.application, u.id, f"bulk {u.id}", what="a test", user_id=u.id
                    )
                    for u in bulk_users
                )
            )

        async def add_job(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            """A handler that adds a job (as /remind, /summary, a snooze or a routine do)."""
            context.job_queue.run_once(send_bulk, 0.3)

        app.add_handler(CommandHandler("later", add_job), group=50)
        await adder.send("/later")

        def bulk_count() -> int:
            return sum(chat >= BULK_FIRST for chat in arrived)

        assert await wait_for(lambda: bulk_count() >= 1, timeout=10)
        await asker.send("pain 3, qleak")
        assert "qleak" in (await asker.next_message()).text
        bulk_after_answer = BULK - sum(
            chat >= BULK_FIRST for chat in arrived[: arrived.index(ASKER)]
        )
        assert await wait_for(lambda: bulk_count() == BULK, timeout=30)  # none lost
        # The answer took the next free slot, ahead of the queued background sends (with
        # the leak it waited behind all of them).
        assert bulk_after_answer >= BULK // 2, f"answer sent after {BULK - bulk_after_answer}"
