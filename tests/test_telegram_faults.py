"""Telegram misbehaves (429, 500/502, timeouts, dropped connections, blocked users).

The real bot, polling the emulator, while the emulator injects faults at random on every
method, getUpdates included. What must hold: nothing a user asked for is lost (the
reply or reminder arrives, or its loss is logged: an answer at once, with an apology, a
reminder after bounded retries), there is no retry storm, a blocked user is paused once,
and the others keep being answered.

Quick by default; ``RELIABILITY_MESSAGES=2000`` makes the random run longer.
"""

from __future__ import annotations

import asyncio
import logging

import pytest
from due import due_items, run_due
from reliability_helpers import onboarded, seeded_random, size, tag, wait_for
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

from bot import sending
from bot import texts as common_texts
from bot.context import BotData
from bot.sending import Outcome

USERS = 6


@pytest.fixture
def fast_backoff(monkeypatch):
    """Same policy, shorter pauses, so a quick run stays quick."""
    monkeypatch.setattr(sending, "RETRY_DELAYS", (0.05, 0.1, 0.2))


def background_attempts() -> int:
    """Tries of one background send at most (not counting 429s, which the limiter owns)."""
    return 1 + len(sending.RETRY_DELAYS)


class Chat:
    """One user's side: what they sent and everything the bot showed them."""

    def __init__(self, user) -> None:
        self.user = user
        self.seen: list[str] = []

    def read(self) -> list[str]:
        self.seen += [e.message.text or "" for e in self.user.drain() if e.message is not None]
        return self.seen

    def got(self, word: str) -> bool:
        return any(word in text for text in self.read())


def losses(caplog, user_id: int, marker: str) -> int:
    """Log lines that report a lost reply/reminder for this user."""
    return sum(
        1
        for r in caplog.records
        if marker in r.getMessage() and f"{user_id}" in r.getMessage().split(marker)[-1]
    )


def inject_random_faults(emulator, rng) -> None:
    """Every method may fail; getUpdates too (the updater retries those itself)."""
    rate = rng.uniform(0.10, 0.20)  # overall share of failed requests
    mix = {"500": 0.3, "502": 0.3, "drop": 0.25, "429": 0.1, "timeout": 0.05}
    for kind, share in mix.items():
        # A "timeout" holds the request past the bot's 5 s read timeout, then carries it out.
        delay = 6.0 if kind == "timeout" else 0.0
        emulator.inject_fault(kind, rate=rate * share, retry_after=1, delay=delay)
    for kind in ("500", "502", "drop"):
        emulator.inject_fault(kind, method="getUpdates", rate=0.05)


async def test_under_random_faults_every_user_gets_each_answer_or_a_logged_loss(
    bot, fast_backoff, caplog
):
    caplog.set_level(logging.INFO)
    rng = seeded_random("telegram faults")
    emulator = bot.emulator
    chats = [Chat(emulator.user(500 + n)) for n in range(USERS)]
    for chat in chats:
        await bot.store.save_user(onboarded(chat.user.id))
    per_user = max(3, size("RELIABILITY_MESSAGES", 36) // USERS)
    inject_random_faults(emulator, rng)

    async def converse(chat: Chat, first: int) -> list[str]:
        unanswered = []
        for n in range(first, first + per_user):
            before, word = losses(caplog, chat.user.id, "Reply lost for"), tag(n)
            await chat.user.send(f"pain {rng.randint(0, 7)}, {word}")
            answered = await wait_for(
                lambda word=word, before=before: (
                    chat.got(word) or losses(caplog, chat.user.id, "Reply lost for") > before
                ),
                timeout=40,
            )
            assert answered, f"message {word} of {chat.user.id}: no reply and no logged loss"
            if not chat.got(word):
                unanswered.append(word)
        return unanswered

    results = await asyncio.gather(*(converse(chat, i * per_user) for i, chat in enumerate(chats)))
    emulator.clear_faults()
    sent = USERS * per_user
    lost = sum(len(r) for r in results)
    stats = emulator.stats
    print(
        f"telegram faults: {sent} messages, {stats.faults_injected} faults injected, "
        f"{lost} replies lost (logged), requests {dict(stats.requests)}"
    )
    # Every report is in the diary exactly once, answered or not.
    for i, chat in enumerate(chats):
        notes = [e.note for e in await bot.store.pain_entries(chat.user.id)]
        expected = [tag(n) for n in range(i * per_user, (i + 1) * per_user)]
        assert sorted(notes) == sorted(expected)
    # No retry storm: an answer is tried once (a 429 is waited out and tried again, up
    # to 3 times), then the reply is logged as lost and an apology is tried once.
    replies = sent + lost  # a lost reply is followed by one apology
    assert stats.requests["sendMessage"] <= 2 * replies
    assert lost <= sent // 4, "at 10-20 % of failed requests, far fewer replies are lost"
    # The bot still polls and answers once Telegram is healthy again.
    await chats[0].user.send("pain 2, qafter")
    assert await wait_for(lambda: chats[0].got("qafter"), timeout=10)


async def test_reminders_under_random_faults_arrive_or_are_logged_as_given_up(
    bot, fast_backoff, caplog
):
    caplog.set_level(logging.INFO)
    rng = seeded_random("reminder faults")
    emulator = bot.emulator
    chats = [Chat(emulator.user(600 + n)) for n in range(USERS)]
    for chat in chats:
        await bot.store.save_user(onboarded(chat.user.id))
        await chat.user.send("/remind daily 07:30")
        assert await wait_for(lambda chat=chat: chat.got("Reminder set"), timeout=5)
    inject_random_faults(emulator, rng)
    before = emulator.stats.requests["sendMessage"]
    rounds = max(2, size("RELIABILITY_MESSAGES", 36) // 18)
    for _ in range(rounds):
        jobs = [i for chat in chats for i in due_items(bot, chat.user.id, "reminder")]
        assert len(jobs) == USERS, "each reminder is scheduled once, never doubled or lost"
        for chat in chats:  # a new local date for each round, so each round fires
            (reminder,) = await bot.store.list_reminders(chat.user.id)
            await bot.store.save_reminder(
                chat.user.id, reminder.__class__(**{**vars(reminder), "last_fired_date": None})
            )
        await asyncio.gather(*(run_due(bot, job) for job in jobs))
    emulator.clear_faults()
    attempts = emulator.stats.requests["sendMessage"] - before
    for chat in chats:
        arrived = sum("Time for your back" in text for text in chat.read())
        given_up = losses(caplog, chat.user.id, "Giving up on a reminder to")
        assert arrived + given_up >= rounds, f"a reminder to {chat.user.id} vanished"
    fired = USERS * rounds
    assert attempts <= fired * background_attempts()
    print(f"reminder faults: {fired} reminders, {attempts} sendMessage attempts")


async def test_a_reply_that_fails_is_logged_and_apologised_for_without_a_retry_storm(
    bot, fast_backoff, caplog
):
    caplog.set_level(logging.INFO)
    user, other = bot.emulator.user(701), bot.emulator.user(702)
    for u in (user, other):
        await bot.store.save_user(onboarded(u.id))
    bot.emulator.inject_fault("502", method="sendMessage", chat_id=701)
    await user.send("pain 3, qdown")
    assert await wait_for(lambda: losses(caplog, 701, "Reply lost for") == 1, timeout=10)
    assert await wait_for(
        lambda: any("Could not send the apology" in r.getMessage() for r in caplog.records), 10
    )
    # The reply, then the apology: one try each (the person is waiting), and nothing more.
    assert bot.emulator.stats.faults_injected == 2
    await other.send("pain 1, qfine")
    assert "qfine" in (await other.next_message()).text
    (entry,) = await bot.store.pain_entries(701)
    assert entry.note == "qdown"  # stored before the reply failed: the diary has it
    bot.emulator.clear_faults()
    await user.send("pain 2, qback")
    assert "qback" in (await user.next_message()).text


async def test_a_blocked_user_is_paused_once_while_others_are_answered(bot, caplog):
    caplog.set_level(logging.INFO)
    blocked, other = bot.emulator.user(801), bot.emulator.user(802)
    for u in (blocked, other):
        await bot.store.save_user(onboarded(u.id))
    for at in ("07:30", "08:30", "09:30"):
        await blocked.send(f"/remind daily {at}")
        await blocked.next_message()
    jobs = due_items(bot, 801, "reminder")
    assert len(jobs) == 3
    bot.emulator.inject_fault("403", chat_id=801)  # every request for that chat: blocked
    await asyncio.gather(*(run_due(bot, job) for job in jobs), other.send("pain 2, qok"))
    assert "qok" in (await other.next_message()).text
    # Reminders that were already running when the block was seen are tried once each;
    # nothing is tried again and the pause is logged once.
    assert bot.emulator.stats.faults_injected <= len(jobs)
    paused = [r for r in caplog.records if "blocked the bot" in r.getMessage()]
    assert len(paused) == 1 and paused[0].levelno == logging.INFO
    assert (await bot.store.get_user(801)).active is False
    left = due_items(bot, 801)
    assert not [i for i in left if i.kind == "reminder"]
    # Stale reminder jobs, and any other job of theirs (weekly summary), stay silent.
    await asyncio.gather(*(run_due(bot, job) for job in jobs + left))
    assert bot.emulator.stats.faults_injected <= len(jobs)
    assert len([r for r in caplog.records if "blocked the bot" in r.getMessage()]) == 1
    assert common_texts.APOLOGY not in [m.text for m in blocked.messages]


# ------------------------------------------------------------- the retry policy itself


class Flaky:
    """A Bot API call that fails with the given errors first, then answers."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> dict:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return {"ok": True}


class PolicyApp:
    """What the send policy uses of an Application: ``bot_data``; blocks are recorded."""

    def __init__(self) -> None:
        self.bot_data = BotData()
        self.blocked: list[int] = []
        sending.install(self, self.record_block)

    async def record_block(self, application, user_id: int) -> None:
        await asyncio.sleep(0.01)  # a store write: a second 403 may arrive meanwhile
        self.blocked.append(user_id)


async def _deliver(flaky: Flaky, app: PolicyApp | None = None) -> Outcome:
    return await sending.deliver(app or PolicyApp(), flaky, what="a test", user_id=1)


@pytest.mark.parametrize("error", [NetworkError("502 Bad Gateway"), TimedOut()])
async def test_a_transient_failure_is_retried_until_it_succeeds(fast_backoff, error):
    flaky = Flaky(error, error)
    assert await _deliver(flaky) is Outcome.SENT
    assert flaky.calls == 3


async def test_transient_failures_are_given_up_after_bounded_tries_and_logged(fast_backoff, caplog):
    flaky = Flaky(*[NetworkError("drop")] * 10)
    assert await _deliver(flaky) is Outcome.GAVE_UP
    assert flaky.calls == background_attempts() == 4
    assert any("Giving up on a test to 1" in r.getMessage() for r in caplog.records)


async def test_our_bugs_are_never_retried(fast_backoff):
    flaky = Flaky(BadRequest("can't parse entities"))
    with pytest.raises(BadRequest):
        await _deliver(flaky)
    assert flaky.calls == 1


async def test_a_block_is_never_retried_and_pauses_the_user_once(fast_backoff):
    app = PolicyApp()
    first, second = Flaky(Forbidden("blocked")), Flaky(Forbidden("blocked"))
    outcomes = await asyncio.gather(_deliver(first, app), _deliver(second, app))
    assert outcomes == [Outcome.BLOCKED, Outcome.BLOCKED]
    assert first.calls == second.calls == 1
    assert app.blocked == [1]  # two 403s at the same moment: one pause


async def test_not_modified_counts_as_done_also_after_a_timeout(fast_backoff):
    assert await _deliver(Flaky(BadRequest("Message is not modified: same content"))) is (
        Outcome.SENT
    )
    flaky = Flaky(TimedOut(), BadRequest("Message is not modified: same content"))
    assert await _deliver(flaky) is Outcome.SENT  # the edit of the timed-out try had landed
    assert flaky.calls == 2


async def test_a_reply_refused_as_blocked_pauses_the_users_reminders_once(bot, caplog):
    caplog.set_level(logging.INFO)
    user = bot.emulator.user(803)
    await bot.store.save_user(onboarded(803))
    await user.send("/remind daily 07:30")
    await user.next_message()
    (job,) = due_items(bot, 803, "reminder")
    bot.emulator.inject_fault("403", chat_id=803)
    await user.send("pain 3, qgone")
    blocked = lambda: [r for r in caplog.records if "blocked the bot" in r.getMessage()]  # noqa: E731
    jobs = lambda: due_items(bot, 803, "reminder")  # noqa: E731
    assert await wait_for(lambda: bool(blocked()) and not jobs(), timeout=5)
    await run_due(bot, job)  # a reminder that was already due: stays silent
    assert bot.emulator.stats.faults_injected == 1  # one try for the reply, no apology
    assert len(blocked()) == 1
