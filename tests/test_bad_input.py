"""Generated bad input through the real handlers: thousands of odd messages and forged,
truncated and replayed button presses, and the bot answers every one without an error.

One emulator and one bot serve the whole module (starting them per example would cost
more than the examples). Hypothesis *generates* the inputs and the test drives them:
``@given`` cannot wrap a coroutine that shares pytest-asyncio's module loop, so a sync
``@given`` function only collects examples into a list (generate phase only, seeded),
and the async test sends them one by one. A failure names the exact input; there is no
shrinking, which a stateful bot would defeat anyway.

Quick by default; a long run from the command line::

    BAD_INPUT_EXAMPLES=5000 BAD_INPUT_SEED=7 python -m pytest -q tests/test_bad_input.py

``BAD_INPUT_EXAMPLES`` is the number of messages and, separately, of button presses.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Awaitable
from typing import Any

import pytest
import pytest_asyncio
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.flood import gate_of
from bot.handlers.routines.player import start_session
from bot.sandbox.harness import local_bot
from storage.store import user_file_path

EXAMPLES = int(os.environ.get("BAD_INPUT_EXAMPLES", "250"))
SEED = int(os.environ.get("BAD_INPUT_SEED", "0"))
TYPIST, NEWCOMER, VICTIM = 501, 502, 503
MAX_TEXT = 4096

pytestmark = pytest.mark.asyncio(loop_scope="module")


# ------------------------------------------------------------------- generated inputs

FRAGMENTS = [
    # what the bot understands, half-said
    "pain",
    "pain ",
    "Pain 4",
    "lower back",
    "neck",
    "no pain today",
    "stiff after work",
    "/start",
    "/help",
    "/pain",
    "/remind",
    "/remind daily 07:30",
    "/remind checkin ",
    "/reminders",
    "/routine",
    "/routine 10 min ball",
    "/tools",
    "/equipment",
    "/screening",
    "/history",
    "/summary",
    "/timezone",
    "/stop",
    "/privacy",
    "/stats",
    "/forget",
    "/export",
    "/x<b>",
    "/help@backcare_test_bot",
    "/start@other_bot",
    "Berlin",
    "Europe/Berlin",
    "UTC+2",
    "UTC+99",
    "07:30",
    "25:61",
    "7pm",
    "daily",
    "weekdays",
    "mon,wed,fri",
    "numbness",
    "fever",
    "fell",
    "bladder",
    # numbers in other scripts and shapes
    "٣",
    "۷",
    "४",
    "৮",
    "๕",
    "７",
    "¾",
    "Ⅻ",
    "𝟠",
    "10",
    "-1",
    "11",
    "1e309",
    "NaN",
    "99999999999999999999",
    "4.5",
    "4,5",
    "½",
    # markup that must be shown, not interpreted
    "<b>",
    "</b>",
    "<i>",
    "<script>",
    "&",
    "&amp;",
    "&lt;",
    "<a href='x'>",
    "<tg-spoiler>",
    "*bold*",
    "_it_",
    "`code`",
    "```",
    "[link](http://x)",
    "~~",
    "||",
    # scripts, emoji, invisible and control characters
    "שלום",
    "مرحبا",
    "ألم ٥",
    "日本語",
    "Ĳ",
    "é",
    "🙂",
    "👨‍👩‍👧",
    "🏳️‍🌈",
    "🇩🇪",
    "❤️",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u00ad",
    "\x00",
    "\x01",
    "\x07",
    "\x1b[31m",
    "\r",
    "\n",
    "\t",
    "\u2028",
    "\ufffd",
    ":",
    "\\",
]
_fragment = st.sampled_from(FRAGMENTS)
_short = st.lists(st.one_of(_fragment, st.text(min_size=1, max_size=12)), min_size=1, max_size=10)
_long = st.tuples(st.lists(_fragment, min_size=1, max_size=4), st.integers(3000, MAX_TEXT)).map(
    lambda parts_and_size: ("".join(parts_and_size[0]) * MAX_TEXT)[: parts_and_size[1]]
)
MESSAGES = st.tuples(
    st.sampled_from([TYPIST, TYPIST, TYPIST, NEWCOMER]),
    st.one_of(_short.map("".join), _short.map("".join), _long).map(str.strip),
).filter(lambda user_and_text: bool(user_and_text[1]))

FEATURES = ["tz", "rem", "rt", "pain", "hist", "data", "tools", "scr", "x", ""]
ACTIONS = [
    "set",
    "keep",
    "new",
    "days",
    "pick",
    "tog",
    "done",
    "at",
    "pause",
    "resume",
    "chg",
    "del",
    "resall",
    "snz",
    "skip",
    "ctime",
    "goal",
    "card",
    "menu",
    "eq",
    "eqdone",
    "start",
    "switch",
    "pb",
    "pa",
    "nx",
    "bk",
    "ps",
    "rs",
    "au",
    "st",
    "lvl",
    "zone",
    "map",
    "areas",
    "area",
    "nskip",
    "undo",
    "days",
    "wk",
    "forget",
    "go",
    "a",
    "gentle",
    "rest",
    "",
    "ZZ",
    "a_b",
]
ARGS = [
    "{rid}",
    "{eid}",
    "{sid}",
    "{routine}",
    "yes",
    "no",
    "l",
    "15",
    "60",
    "0",
    "10",
    "11",
    "-1",
    "bt",
    "ci",
    "uc",
    "lb",
    "bs",
    "hb",
    "skip",
    "Europe/Berlin",
    "Mars/Base",
    "0730",
    "2561",
    "7",
    "30",
    "90",
    "off",
    "on",
    "rt",
    "nyu",
    "yyyyyyyy",
    "new",
    "",
    "é",
    "🙂",
    "\u200b",
    "9" * 30,
]
_structured = st.tuples(
    st.sampled_from(FEATURES), st.sampled_from(ACTIONS), st.lists(st.sampled_from(ARGS), max_size=4)
).map(lambda t: ":".join([t[0], t[1], *t[2]]))
CALLBACKS = st.tuples(
    st.sampled_from([TYPIST, TYPIST, NEWCOMER]),
    st.one_of(
        st.tuples(st.just("data"), _structured),
        st.tuples(st.just("data"), st.text(min_size=1, max_size=40)),
        st.tuples(st.just("cut"), st.integers(0, 10_000)),  # a real button's data, truncated
        st.tuples(st.just("replay"), st.integers(0, 10_000)),  # an old real button, again
        st.tuples(st.just("victim"), st.integers(0, 10_000)),  # the victim's own button data
    ),
)


def collect(strategy: st.SearchStrategy, count: int) -> list:
    """``count`` examples of ``strategy`` (seeded), generated in plain sync code."""
    found: list = []

    @seed(SEED)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def gather(example: Any) -> None:
        found.append(example)

    gather()
    return found[:count]


def _fill(data: str, ids: dict[str, str]) -> str:
    """Put the victim's real ids where the generated data has ``{rid}``, ``{eid}``..."""
    for name, value in ids.items():
        data = data.replace("{" + name + "}", value)
    return data


def fit_callback_data(data: str) -> str:
    """Telegram carries 1-64 bytes: cut at a character boundary, never empty."""
    cut = data.encode()[:64].decode("utf-8", errors="ignore")
    return cut or "x"


# ------------------------------------------------------------------- the running bot


class Tracker:
    """Knows when the bot has finished handling a given update (all handler groups)."""

    def __init__(self, application) -> None:
        self.done: dict[tuple, asyncio.Event] = {}
        processor = application.update_processor
        original = processor.do_process_update

        async def tracked(update: object, coroutine: Awaitable[Any]) -> None:
            try:
                await original(update, coroutine)
            finally:
                self._event(_key(update)).set()

        processor.do_process_update = tracked

    def _event(self, key: tuple) -> asyncio.Event:
        return self.done.setdefault(key, asyncio.Event())

    async def wait(self, key: tuple, what: str) -> None:
        try:
            await asyncio.wait_for(self._event(key).wait(), 10)
        except TimeoutError:
            raise AssertionError(f"the bot never finished handling {what}") from None


def _key(update: object) -> tuple:
    if isinstance(update, Update) and update.callback_query:
        return ("q", update.callback_query.id)
    if isinstance(update, Update) and update.message:
        return ("m", update.message.chat.id, update.message.message_id)
    return ("other", id(update))


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def running(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad-input")
    # No outgoing pacing (1 message/s per chat would make this an hour); not under test here.
    env = {"SEND_RATE_LIMIT": "0"}
    async with local_bot(base / "data", files_dir=base / "files", env=env) as bot:
        gate_of(bot.application).burst = 10**9  # flood control is tested elsewhere
        bot.tracker = Tracker(bot.application)
        bot.victim_ids = await _set_up_users(bot)
        yield bot


async def _send(bot, uid: int, text: str):
    user = bot.emulator.user(uid)
    message = await user.send(text)
    await bot.tracker.wait(("m", uid, message["message_id"]), repr(text[:80]))
    return user


async def _set_up_users(bot) -> dict[str, str]:
    for uid in (TYPIST, VICTIM):
        await _send(bot, uid, "/start")
        await _send(bot, uid, "Europe/Berlin")
    await _send(bot, VICTIM, "/remind daily 07:30")
    await _send(bot, VICTIM, "pain 4 stiff")
    victim = await bot.store.get_user(VICTIM)
    routine = next(iter(bot.services.library.routines.values()))
    session = await start_session(bot.application, victim, routine)
    (reminder,) = await bot.store.list_reminders(VICTIM)
    (entry,) = await bot.store.pain_entries(VICTIM)
    return {"rid": reminder.id, "eid": entry.id, "sid": session.id, "routine": routine.id}


async def _victim_state(bot) -> dict:
    everything = await bot.store.export_user(VICTIM)
    everything.pop("exported_at", None)
    return everything


def _errors(caplog) -> list[str]:
    return [
        f"{r.getMessage()} {r.exc_info[1]!r}" if r.exc_info else r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.ERROR
    ]


async def _assert_consistent(bot, uid: int) -> None:
    """Everything stored about ``uid`` still loads, and means something."""
    store = bot.store
    user = await store.get_user(uid)
    reminders = await store.list_reminders(uid)
    entries = await store.pain_entries(uid)
    sessions = await store.list_sessions(uid)
    json.dumps(await store.export_user(uid), default=str)
    assert len(reminders) <= 10
    assert all(0 <= e.level <= 10 for e in entries)
    assert sum(s.status in ("active", "paused") for s in sessions) <= 1
    path = user_file_path(bot.data_dir, uid)
    if user is not None:
        json.loads(path.read_text("utf-8"))
    assert uid not in store.quarantined


# ------------------------------------------------------------------- the tests


async def test_every_generated_message_gets_a_reply_and_no_error(running, caplog):
    bot = running
    messages = collect(MESSAGES, EXAMPLES)
    victim_before = await _victim_state(bot)
    caplog.set_level(logging.ERROR)
    slowest: list[tuple[float, str]] = []
    loop = asyncio.get_running_loop()
    for uid, text in messages:
        user = bot.emulator.user(uid)
        user.drain()
        started = loop.time()
        await _send(bot, uid, text)
        slowest = sorted([*slowest, (loop.time() - started, text[:60])], reverse=True)[:3]
        replies = [e for e in user.drain() if e.kind != "delete"]
        assert replies, f"no reply to {text[:200]!r}"
        assert not _errors(caplog), f"{_errors(caplog)} after {text[:200]!r}"
    for uid in (TYPIST, NEWCOMER):
        await _assert_consistent(bot, uid)
    assert await _victim_state(bot) == victim_before
    assert not list((bot.data_dir / "quarantine").glob("*"))
    print(f"bad input: {len(messages)} messages (seed {SEED}), every one answered;")
    print(f"  slowest: {slowest}")


async def test_every_forged_or_stale_button_is_answered_and_changes_nobody_else(running, caplog):
    bot = running
    presses = collect(CALLBACKS, EXAMPLES)
    await _send(bot, VICTIM, "/reminders")  # more real buttons to replay: the victim's own
    victim_buttons = [
        d for m in bot.emulator.user(VICTIM).messages for row in m.buttons for _, d in row if d
    ]
    victim_before = await _victim_state(bot)
    await bot.restart()  # every earlier button now comes "from an old session"
    bot.tracker = Tracker(bot.application)
    gate_of(bot.application).burst = 10**9
    caplog.set_level(logging.ERROR)
    ids = bot.victim_ids
    for uid, (kind, value) in presses:
        user = bot.emulator.user(uid)
        real = [(m, d) for m in user.messages for row in m.buttons for _, d in row if d]
        if kind == "data":
            data = fit_callback_data(_fill(value, ids))
        elif kind == "cut" and real:
            whole = real[value % len(real)][1]
            data = fit_callback_data(whole[: value % (len(whole) + 1)])
        elif kind == "replay" and real:
            message, data = real[value % len(real)]
        else:
            data = victim_buttons[value % len(victim_buttons)]
        if kind != "replay" or not real:
            message = await _forged_message(bot, uid, data)
        query_id = user.forge_press(data, message)
        await bot.tracker.wait(("q", query_id), repr(data))
        answers = [a for a in user.callback_answers if a.callback_query_id == query_id]
        assert len(answers) == 1, f"{len(answers)} answers to {data!r}"
        assert not _errors(caplog), f"{_errors(caplog)} after pressing {data!r}"
    assert await _victim_state(bot) == victim_before
    for uid in (TYPIST, NEWCOMER, VICTIM):
        await _assert_consistent(bot, uid)
    print(f"bad input: {len(presses)} button presses (seed {SEED}), every one answered once")


async def _forged_message(bot, uid: int, data: str):
    """A bot message in ``uid``'s chat that carries a button with exactly ``data``."""
    button = InlineKeyboardButton("forged", callback_data=data)
    sent = await bot.application.bot.send_message(
        uid, "·", reply_markup=InlineKeyboardMarkup([[button]])
    )
    return bot.emulator.user(uid).chat.bot_messages[sent.message_id]
