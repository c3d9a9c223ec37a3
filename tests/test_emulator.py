"""The local Bot API emulator behaves like Telegram for the real python-telegram-bot."""

from __future__ import annotations

import asyncio
import datetime as dtm
import warnings
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import httpx
import pytest
import pytest_asyncio
from aiohttp import web
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from emulator import BotApiEmulator, ButtonNotFound, parse_telegram_html

# PTB itself reads the deprecated int-valued RetryAfter.retry_after when it builds the error.
pytestmark = pytest.mark.filterwarnings("ignore:Deprecated since version v22.2")

TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuv"
NEXT = InlineKeyboardMarkup([[InlineKeyboardButton("Next", callback_data="step:2")]])


class FrozenClock:
    """A clock that only moves when the test says so, for deterministic flood limits."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest_asyncio.fixture
async def clock() -> FrozenClock:
    return FrozenClock()


@pytest_asyncio.fixture
async def emu(tmp_path, clock) -> AsyncIterator[BotApiEmulator]:
    emulator = BotApiEmulator(TOKEN, files_dir=tmp_path / "files", seed=0, clock=clock)
    await emulator.start()
    try:
        yield emulator
    finally:
        await emulator.stop()


@pytest_asyncio.fixture
async def bot(emu: BotApiEmulator) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=emu.api_url, base_file_url=emu.file_url) as b:
        yield b


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text("Welcome! Ready for step 1?", reply_markup=NEXT)


async def _next(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer("Going on", show_alert=False)
    await query.edit_message_text(f"Step 2 (you pressed {query.data})")


async def _echo_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    loc = update.message.location
    await update.message.reply_text(f"You are at {loc.latitude:.2f},{loc.longitude:.2f}")


@pytest_asyncio.fixture
async def app(emu: BotApiEmulator) -> AsyncIterator[Application]:
    """A real PTB Application polling the emulator."""
    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(emu.base_url + "/bot")
        .base_file_url(emu.base_url + "/file/bot")
        .build()
    )
    application.add_handler(CommandHandler("start", _start))
    application.add_handler(CallbackQueryHandler(_next, pattern=r"^step:"))
    application.add_handler(MessageHandler(filters.LOCATION, _echo_location))
    await application.initialize()
    try:
        await application.updater.start_polling(poll_interval=0.0, timeout=10)
        await application.start()
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
    finally:
        await application.shutdown()


@pytest_asyncio.fixture
async def webhook_receiver() -> AsyncIterator[tuple[str, asyncio.Queue]]:
    """A tiny HTTP server that records every webhook POST (body and secret header)."""
    received: asyncio.Queue[tuple[dict[str, Any], str | None]] = asyncio.Queue()
    fail_first = {"left": 1}

    async def handle(request: web.Request) -> web.Response:
        if fail_first["left"]:
            fail_first["left"] -= 1
            return web.Response(status=500)  # Telegram retries; so must the emulator
        received.put_nowait(
            (await request.json(), request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        )
        return web.Response(text="ok")

    server = web.Application()
    server.router.add_post("/hook", handle)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}/hook", received
    finally:
        await runner.cleanup()


def _seconds(retry_after: int | dtm.timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, dtm.timedelta) else retry_after


def _retry_after(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _seconds(exc.retry_after)


# ------------------------------------------------------------------------- Bot API basics


async def test_get_me_describes_the_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.is_bot and me.id == 123456
    assert me.username == "backcare_test_bot"
    assert me.can_join_groups is True


async def test_wrong_token_is_rejected_as_invalid(emu: BotApiEmulator) -> None:
    request, updates_request = HTTPXRequest(), HTTPXRequest()
    wrong = Bot(
        "123456:WRONG", base_url=emu.api_url, request=request, get_updates_request=updates_request
    )
    try:
        with pytest.raises(InvalidToken):
            await wrong.initialize()  # initialize() calls getMe
    finally:
        await request.shutdown()
        await updates_request.shutdown()


async def test_unknown_method_answers_not_found(emu: BotApiEmulator) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{emu.base_url}/bot{TOKEN}/sendTelepathy", data={})
    assert response.status_code == 404
    assert response.json() == {
        "ok": False,
        "error_code": 404,
        "description": "Not Found: method not found",
    }


async def test_parameters_are_read_from_query_form_and_json(emu: BotApiEmulator) -> None:
    emu.user(42, "Ana")
    url = f"{emu.base_url}/bot{TOKEN}/sendMessage"
    markup = '{"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}'
    async with httpx.AsyncClient() as client:
        by_query = await client.get(url, params={"chat_id": "42", "text": "from query"})
        form = {"chat_id": "42", "text": "123", "reply_markup": markup}
        by_form = await client.post(url, data=form)
        by_json = await client.post(url, json={"chat_id": 42, "text": "from json"})
    assert [r.json()["result"]["text"] for r in (by_query, by_form, by_json)] == [
        "from query",
        "123",
        "from json",
    ]
    assert [m.button_texts for m in emu.sent] == [[], ["Go"], []]


async def test_send_edit_delete_round_trip_is_seen_by_the_user(
    bot: Bot, emu: BotApiEmulator
) -> None:
    ana = emu.user(42, first_name="Ana")
    sent = await bot.send_message(42, "Step <b>1</b>", parse_mode="HTML", reply_markup=NEXT)
    assert sent.text == "Step 1" and sent.chat.first_name == "Ana"
    assert sent.from_user.id == 123456 and sent.reply_markup == NEXT

    new = await ana.next_event()
    assert (new.kind, new.message.text, new.message.html) == ("new", "Step 1", "Step <b>1</b>")
    assert new.message.buttons == [[("Next", "step:2")]]

    edited = await bot.edit_message_text("Step 2", chat_id=42, message_id=sent.message_id)
    assert edited.text == "Step 2" and edited.edit_date is not None
    event = await ana.next_event()
    assert (event.kind, event.message.text, event.message.edits) == ("edit", "Step 2", 1)
    assert event.message.buttons == []  # an edit without reply_markup drops the keyboard

    assert await bot.delete_message(42, sent.message_id) is True
    assert (await ana.next_event()).kind == "delete"
    assert ana.messages == []
    assert [m.message_id for m in emu.sent] == [sent.message_id]


async def test_sending_to_an_unknown_chat_fails(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(777, "hello?")


async def test_editing_or_deleting_a_missing_message_fails(bot: Bot, emu: BotApiEmulator) -> None:
    emu.user(42)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=42, message_id=999)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(42, 999)


async def test_editing_without_any_change_is_refused(bot: Bot, emu: BotApiEmulator) -> None:
    emu.user(42)
    sent = await bot.send_message(42, "Same", reply_markup=NEXT)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("Same", 42, sent.message_id, reply_markup=NEXT)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(42, sent.message_id, reply_markup=NEXT)
    changed = await bot.edit_message_reply_markup(42, sent.message_id, reply_markup=None)
    assert changed.reply_markup is None


# ------------------------------------------------------------------------- Telegram's refusals


@pytest.mark.parametrize(
    "html",
    [
        "<blink>hi</blink>",  # not a Telegram tag
        "<b>bold",  # never closed
        "<b><i>x</b></i>",  # badly nested
        "1 < 2",  # stray <
        "fish & chips",  # stray &
        "&nbsp;",  # an HTML entity Telegram does not know
        "line<br>break",
    ],
)
async def test_invalid_html_is_a_bad_request(bot: Bot, emu: BotApiEmulator, html: str) -> None:
    emu.user(42)
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(42, html, parse_mode="HTML")
    assert len(emu.sent) == 0


def test_html_is_stored_as_plain_text_with_entities() -> None:
    text, entities = parse_telegram_html(
        '<b>Pain</b> &lt;3 &amp; <a href="https://x.org">more</a> 💪<tg-spoiler>s</tg-spoiler>'
    )
    assert text == "Pain <3 & more 💪s"
    assert [(e["type"], e["offset"], e["length"]) for e in entities] == [
        ("bold", 0, 4),
        ("text_link", 10, 4),
        ("spoiler", 17, 1),  # offsets count UTF-16 units: the emoji is two
    ]


async def test_overlong_or_empty_text_is_a_bad_request(bot: Bot, emu: BotApiEmulator) -> None:
    emu.user(42)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(42, "x" * 4097)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(42, "   ")
    assert (await bot.send_message(42, "x" * 4096)).text == "x" * 4096
    # Tags do not count: the limit applies to the text after parsing.
    assert await bot.send_message(42, "<b>" + "y" * 4096 + "</b>", parse_mode="HTML")


async def test_callback_data_over_64_bytes_is_refused(bot: Bot, emu: BotApiEmulator) -> None:
    emu.user(42)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Long", callback_data="é" * 33)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(42, "pick", reply_markup=markup)
    too_many = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(str(i), callback_data=str(i)) for i in range(r, r + 8)]
            for r in range(0, 104, 8)
        ]
    )
    with pytest.raises(BadRequest):
        await bot.send_message(42, "pick", reply_markup=too_many)


async def test_reply_keyboard_and_its_removal_are_visible(bot: Bot, emu: BotApiEmulator) -> None:
    ana = emu.user(42)
    keyboard = ReplyKeyboardMarkup([[KeyboardButton("Share location", request_location=True)]])
    await bot.send_message(42, "Where are you?", reply_markup=keyboard)
    assert (await ana.next_message()).reply_keyboard == [[("Share location", True)]]
    assert ana.reply_keyboard == [[("Share location", True)]]
    await bot.send_message(42, "Thanks", reply_markup=ReplyKeyboardRemove())
    assert (await ana.next_message()).remove_keyboard is True
    assert ana.reply_keyboard is None


# ------------------------------------------------------------------------- users and polling


async def test_user_message_wakes_a_long_poll(bot: Bot, emu: BotApiEmulator) -> None:
    ana = emu.user(42, "Ana")
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await asyncio.sleep(0.05)
    assert not poll.done()
    await ana.send("/start now")
    updates = await asyncio.wait_for(poll, 5)  # long before the 30 s poll would end
    message = updates[0].message
    assert message.text == "/start now" and message.from_user.first_name == "Ana"
    assert message.entities[0].type == "bot_command" and message.entities[0].length == 6

    # Confirmed updates are gone; unconfirmed ones come again.
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [updates[0].update_id]
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()


async def test_a_user_edits_their_message_and_the_bot_gets_an_edited_message(
    bot: Bot, emu: BotApiEmulator
) -> None:
    ana = emu.user(42, "Ana")
    sent = await ana.send("pain 4")
    edited = await ana.edit(sent["message_id"], "/help me")
    assert edited["date"] == sent["date"] and edited["edit_date"] >= sent["date"]
    first, second = await bot.get_updates(timeout=1)
    assert first.message.text == "pain 4" and second.message is None
    message = second.edited_message
    assert (message.message_id, message.date) == (first.message.message_id, first.message.date)
    assert message.text == "/help me" and message.entities[0].type == "bot_command"
    assert message.edit_date is not None
    with pytest.raises(ValueError, match="no message #99"):
        await ana.edit(99, "nothing there")
    await bot.delete_message(42, sent["message_id"])
    with pytest.raises(ValueError, match="from the user"):
        await ana.edit(sent["message_id"], "gone")  # a deleted message cannot be edited


async def test_application_replies_and_handles_a_button_press(
    app: Application, emu: BotApiEmulator
) -> None:
    ana = emu.user(42, "Ana")
    await ana.send("/start")
    welcome = await ana.next_message()
    assert welcome.text == "Welcome! Ready for step 1?"
    assert welcome.button_texts == ["Next"]

    query_id = await ana.press("Next")
    step2 = await ana.next_message()
    assert step2.message_id == welcome.message_id and step2.text == "Step 2 (you pressed step:2)"
    # The handler answers the query before it edits, so the answer is already recorded.
    answer = ana.callback_answers[0]
    assert (answer.callback_query_id, answer.text, answer.show_alert) == (
        query_id,
        "Going on",
        False,
    )


async def test_application_receives_a_shared_location(
    app: Application, emu: BotApiEmulator
) -> None:
    ana = emu.user(42)
    await ana.send_location(52.52, 13.405)
    assert (await ana.next_message()).text == "You are at 52.52,13.40"


async def test_pressing_a_missing_button_lists_what_is_there(bot: Bot, emu: BotApiEmulator) -> None:
    ana = emu.user(42)
    with pytest.raises(ButtonNotFound, match="no inline keyboard"):
        await ana.press("Next")
    await bot.send_message(42, "pick", reply_markup=NEXT)
    with pytest.raises(ButtonNotFound, match=r"'Next', 'step:2'"):
        await ana.press("Previous")
    assert await ana.press("step:2")  # exact callback_data works too


async def test_waiting_for_a_message_that_never_comes_explains_itself(
    bot: Bot, emu: BotApiEmulator
) -> None:
    ana = emu.user(42)
    await bot.send_message(42, "only this")
    await ana.next_message()
    with pytest.raises(TimeoutError, match="only this"):
        await ana.next_message(timeout=0.05)


async def test_a_forged_press_reaches_the_bot_with_any_data(bot: Bot, emu: BotApiEmulator) -> None:
    ana = emu.user(42)
    message = await bot.send_message(42, "pick", reply_markup=NEXT)
    shown = ana.messages[-1]
    query_id = ana.forge_press("step:999", shown)  # no button carries this data
    update = (await bot.get_updates(timeout=1))[-1]
    assert update.callback_query.id == query_id
    assert update.callback_query.data == "step:999"
    assert update.callback_query.message.message_id == message.message_id


# ------------------------------------------------------------------------- limits and faults


async def test_injected_429_surfaces_as_retry_after(bot: Bot, emu: BotApiEmulator) -> None:
    emu.user(42)
    emu.inject_fault("429", method="sendMessage", count=1, retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(42, "hi")
    assert _retry_after(caught.value) == 7
    assert (await bot.send_message(42, "hi")).text == "hi"  # count=1: only once
    assert emu.stats.faults_injected == 1 and emu.stats.too_many_requests == 1


async def test_blocked_user_surfaces_as_forbidden(bot: Bot, emu: BotApiEmulator) -> None:
    emu.user(42)
    emu.block(42)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(42, "hi")
    emu.unblock(42)
    assert await bot.send_message(42, "hi")

    emu.inject_fault("403", chat_id=42)
    with pytest.raises(Forbidden):
        await bot.send_chat_action(42, "typing")
    assert await bot.get_me()  # other requests are unaffected


async def test_server_errors_and_drops_are_network_errors(bot: Bot, emu: BotApiEmulator) -> None:
    emu.user(42)
    for kind in ("500", "502", "drop"):
        emu.inject_fault(kind, count=1)
        with pytest.raises(NetworkError):
            await bot.send_message(42, kind)
    assert len(emu.sent) == 0


async def test_timeout_fault_still_delivers_the_message(bot: Bot, emu: BotApiEmulator) -> None:
    ana = emu.user(42)
    emu.inject_fault("timeout", method="sendMessage", count=1, delay=0.5)
    with pytest.raises(TimedOut):
        await bot.send_message(42, "did it arrive?", read_timeout=0.1)
    # Like Telegram under load: the client gave up, but the message was sent anyway.
    assert (await ana.next_message()).text == "did it arrive?"


async def test_fault_rate_is_repeatable_with_a_seed() -> None:
    outcomes = []
    for _ in range(2):
        async with BotApiEmulator(TOKEN, seed=7) as emulator:
            emulator.user(1)
            emulator.inject_fault("500", method="sendMessage", rate=0.5)
            async with httpx.AsyncClient() as client:
                codes = [
                    (
                        await client.post(
                            f"{emulator.base_url}/bot{TOKEN}/sendMessage",
                            data={"chat_id": 1, "text": "x"},
                        )
                    ).status_code
                    for _ in range(20)
                ]
            outcomes.append(codes)
    assert outcomes[0] == outcomes[1]
    assert set(outcomes[0]) == {200, 500}


async def test_rate_limits_answer_429_beyond_a_chats_burst(
    bot: Bot, emu: BotApiEmulator, clock: FrozenClock
) -> None:
    emu.user(42)
    for i in range(5):
        await bot.send_message(42, f"unlimited {i}")  # limits are off by default
    clock.now += 10
    emu.rate_limits = True
    for i in range(3):
        await bot.send_message(42, f"burst {i}")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(42, "one too many")
    assert _retry_after(caught.value) >= 1
    clock.now += 1.0  # one token refills per second
    assert await bot.send_message(42, "after waiting")
    assert emu.stats.too_many_requests == 1
    assert emu.stats.requests["sendMessage"] == 10


async def test_rate_limits_cap_all_chats_at_30_per_second(
    emu: BotApiEmulator, clock: FrozenClock
) -> None:
    emu.rate_limits = True
    async with httpx.AsyncClient() as client:
        codes = []
        for user_id in range(1, 33):
            emu.user(user_id)
            response = await client.post(
                f"{emu.base_url}/bot{TOKEN}/sendMessage",
                data={"chat_id": user_id, "text": "news"},
            )
            codes.append(response.status_code)
        assert codes == [200] * 30 + [429, 429]
        assert response.json()["parameters"]["retry_after"] >= 1
        clock.now += 1.01
        ok = await client.post(
            f"{emu.base_url}/bot{TOKEN}/sendMessage", data={"chat_id": 32, "text": "news"}
        )
    assert ok.status_code == 200


# ------------------------------------------------------------------------- files and webhook


async def test_send_document_saves_the_upload(bot: Bot, emu: BotApiEmulator, tmp_path) -> None:
    ana = emu.user(42)
    sent = await bot.send_document(
        42,
        b"day,pain\n1,4\n",
        filename="diary.csv",
        caption="Your <i>diary</i>",
        parse_mode="HTML",
    )
    assert sent.document.file_name == "diary.csv" and sent.caption == "Your diary"
    message = await ana.next_message()
    assert message.kind == "document" and message.caption == "Your diary"
    assert message.file_path == tmp_path / "files" / "42" / f"{sent.message_id}-diary.csv"
    assert message.file_path.read_bytes() == b"day,pain\n1,4\n"

    telegram_file = await bot.get_file(sent.document.file_id)
    assert bytes(await telegram_file.download_as_bytearray()) == b"day,pain\n1,4\n"

    photo = await bot.send_photo(42, b"\x89PNG fake", filename="chart.png")
    assert photo.photo[0].file_id
    assert (await ana.next_message()).file_path.name == f"{photo.message_id}-chart.png"


async def test_webhook_receives_updates_with_the_secret(
    bot: Bot, emu: BotApiEmulator, webhook_receiver
) -> None:
    url, received = webhook_receiver
    assert await bot.set_webhook(url, secret_token="s3cret_token")
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    await emu.user(42).send("hello hook")
    body, secret = await asyncio.wait_for(received.get(), 5)
    assert body["message"]["text"] == "hello hook"
    assert secret == "s3cret_token"
    assert emu.stats.webhook_failures == 1 and emu.stats.webhook_deliveries == 1
    info = await bot.get_webhook_info()
    assert info.url == url and info.last_error_message

    assert await bot.delete_webhook()
    await emu.user(42).send("back to polling")
    assert [u.message.text for u in await bot.get_updates(timeout=1)] == ["back to polling"]


async def test_long_polling_acknowledges_an_update_once_a_later_poll_confirms_it(
    bot: Bot, emu: BotApiEmulator
) -> None:
    await emu.user(42).send("hello")
    assert not emu.acknowledges_handling  # long polling: acknowledged means fetched
    assert not await emu.wait_acknowledged(0.05)
    [update] = await bot.get_updates(timeout=0)
    assert not await emu.wait_acknowledged(0.05)  # fetched, not yet confirmed
    waiting = asyncio.create_task(emu.wait_acknowledged(5))
    await bot.get_updates(offset=update.update_id + 1, timeout=0)
    assert await waiting


async def test_a_webhook_update_is_acknowledged_only_when_the_bot_answers_the_post(
    bot: Bot, emu: BotApiEmulator
) -> None:
    """What lets the sandbox know the bot is done: a bot that answers after handling."""
    handled = asyncio.Event()

    async def handle(request: web.Request) -> web.Response:
        await handled.wait()  # the bot is still working on it
        return web.Response(text="ok")

    server = web.Application()
    server.router.add_post("/hook", handle)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        assert await bot.set_webhook(f"http://127.0.0.1:{port}/hook")
        assert emu.acknowledges_handling
        await emu.user(42).send("hello hook")
        assert not await emu.wait_acknowledged(0.3)
        handled.set()
        assert await emu.wait_acknowledged(5)
        assert emu.stats.webhook_deliveries == 1
    finally:
        await bot.delete_webhook()
        await runner.cleanup()


async def test_commands_are_stored(bot: Bot, emu: BotApiEmulator) -> None:
    await bot.set_my_commands([("start", "Begin"), ("pain", "Log pain")])
    assert [c["command"] for c in emu.commands] == ["start", "pain"]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "pain"]
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


# ------------------------------------------------------------------------- control over HTTP


async def test_control_api_drives_a_conversation(bot: Bot, emu: BotApiEmulator) -> None:
    base = emu.base_url + "/control"
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/users/7/messages", json={"text": "hi", "first_name": "Bo"}):
            pass
        update = (await bot.get_updates(timeout=1))[0]
        assert update.message.text == "hi" and update.message.from_user.first_name == "Bo"
        edit = {"message_id": update.message.message_id, "text": "hi there"}
        async with http.post(f"{base}/users/7/edits", json=edit) as r:
            assert r.status == 200
        async with http.post(f"{base}/users/7/edits", json={"message_id": 99, "text": "x"}) as r:
            assert r.status == 404
        edited = await bot.get_updates(offset=update.update_id + 1, timeout=1)
        assert [u.edited_message.text for u in edited] == ["hi there"]
        await bot.get_updates(offset=edited[-1].update_id + 1, timeout=0)  # confirm them

        events_request = http.get(f"{base}/users/7/events", params={"after": 0, "timeout": 5})
        waiting = asyncio.ensure_future(events_request.__aenter__())
        await asyncio.sleep(0.05)
        await bot.send_message(7, "Choose", reply_markup=NEXT)
        response = await asyncio.wait_for(waiting, 5)
        events = (await response.json())["result"]
        await events_request.__aexit__(None, None, None)
        assert [(e["kind"], e["message"]["text"]) for e in events] == [("new", "Choose")]

        async with http.post(f"{base}/users/7/press", json={"callback_data": "step:2"}) as r:
            assert r.status == 200
        async with http.post(f"{base}/users/7/press", json={"text": "Nope"}) as r:
            assert r.status == 404 and "Next" in (await r.json())["description"]
        async with http.post(f"{base}/block", json={"user_id": 7, "blocked": True}):
            pass
        with pytest.raises(Forbidden):
            await bot.send_message(7, "still there?")
        async with http.post(f"{base}/faults", json={"kind": "429", "count": 1}):
            pass
        with pytest.raises(RetryAfter):
            await bot.get_me()
        async with http.get(f"{base}/stats") as r:
            stats = (await r.json())["result"]
        async with http.get(f"{base}/sent") as r:
            sent = (await r.json())["result"]
    assert stats["faults_injected"] == 1 and stats["requests"]["sendMessage"] == 2
    assert [m["text"] for m in sent] == ["Choose"]


async def test_extra_routes_and_listeners_see_each_new_message(tmp_path) -> None:
    seen: list[str] = []

    async def count(request: web.Request) -> web.Response:
        return web.json_response({"seen": len(seen)})

    emu = BotApiEmulator(TOKEN, files_dir=tmp_path, routes=[web.get("/control/extra", count)])
    emu.on_message(lambda message: seen.append(message.text))
    async with emu, Bot(TOKEN, base_url=emu.api_url, base_file_url=emu.file_url) as bot:
        emu.user(42)
        sent = await bot.send_message(42, "one")
        await bot.edit_message_text("one, edited", chat_id=42, message_id=sent.message_id)
        async with aiohttp.ClientSession() as http, http.get(emu.base_url + "/control/extra") as r:
            assert await r.json() == {"seen": 1}  # edits are not new messages
        assert seen == ["one"]
        assert emu.stats.requests["sendMessage"] == 1
        emu.stats.reset()
        assert emu.stats.requests == {} and emu.stats.messages_delivered == 0


async def test_edit_message_media_replaces_the_photo_caption_and_keyboard(
    bot: Bot, emu: BotApiEmulator
) -> None:
    ana = emu.user(42)
    sent = await bot.send_photo(42, b"\x89PNG first", filename="chart.png", caption="Week")
    first = await ana.next_message()
    edited = await bot.edit_message_media(
        InputMediaPhoto(b"\x89PNG second", caption="<b>Month</b>", parse_mode="HTML"),
        chat_id=42,
        message_id=sent.message_id,
        reply_markup=NEXT,
    )
    assert edited.message_id == sent.message_id and edited.caption == "Month"
    assert edited.photo[0].file_id != sent.photo[0].file_id and edited.edit_date is not None
    event = await ana.next_event()
    assert (event.kind, event.message.kind, event.message.caption) == ("edit", "photo", "Month")
    assert event.message.buttons == [[("Next", "step:2")]]
    assert event.message.file_path.read_bytes() == b"\x89PNG second"
    assert first.file_path.read_bytes() == b"\x89PNG first"  # the earlier file is kept
    assert [m.message_id for m in ana.messages] == [sent.message_id]

    # No caption in the new media and no keyboard: both go, as in Telegram.
    bare = await bot.edit_message_media(
        InputMediaPhoto(edited.photo[0].file_id), chat_id=42, message_id=sent.message_id
    )
    assert bare.caption is None and bare.reply_markup is None
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_media(
            InputMediaPhoto(edited.photo[0].file_id), chat_id=42, message_id=sent.message_id
        )
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_media(InputMediaPhoto(b"x"), chat_id=42, message_id=999)


async def test_edit_message_media_adds_a_photo_to_a_text_message(
    bot: Bot, emu: BotApiEmulator
) -> None:
    ana = emu.user(42)
    sent = await bot.send_message(42, "A chart follows")
    await ana.next_message()
    await bot.edit_message_media(
        InputMediaPhoto(b"\x89PNG chart", caption="Chart"), chat_id=42, message_id=sent.message_id
    )
    shown = (await ana.next_event()).message
    assert (shown.kind, shown.text, shown.caption) == ("photo", "", "Chart")
    assert "text" not in shown.raw and shown.raw["photo"]


async def test_edit_message_caption_keeps_the_photo_and_refuses_like_telegram(
    bot: Bot, emu: BotApiEmulator
) -> None:
    ana = emu.user(42)
    sent = await bot.send_photo(42, b"\x89PNG step", filename="step.png", caption="Step 1")
    await ana.next_message()
    edited = await bot.edit_message_caption(
        chat_id=42, message_id=sent.message_id, caption="<b>Step 1</b> paused", parse_mode="HTML"
    )
    assert edited.caption == "Step 1 paused"
    assert edited.photo[-1].file_id == sent.photo[-1].file_id
    await bot.edit_message_caption(
        chat_id=42, message_id=sent.message_id, caption="Step 1 paused", reply_markup=NEXT
    )
    shown = ana.messages[-1]
    assert (shown.kind, shown.caption, shown.buttons) == (
        "photo",
        "Step 1 paused",
        [[("Next", "step:2")]],
    )
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_caption(
            chat_id=42, message_id=sent.message_id, caption="Step 1 paused", reply_markup=NEXT
        )
    # A photo never turns into text, nor does a text message take a caption.
    with pytest.raises(BadRequest, match="There is no text in the message to edit"):
        await bot.edit_message_text("Step 2", chat_id=42, message_id=sent.message_id)
    text = await bot.send_message(42, "Step 2")
    with pytest.raises(BadRequest, match="There is no caption in the message to edit"):
        await bot.edit_message_caption(chat_id=42, message_id=text.message_id, caption="x")
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.edit_message_caption(chat_id=42, message_id=sent.message_id, caption="x" * 1025)


async def test_a_photo_sent_again_by_file_id_is_not_uploaded_again(
    bot: Bot, emu: BotApiEmulator, tmp_path
) -> None:
    ana = emu.user(42)
    first = await bot.send_photo(42, b"\x89PNG ball", filename="ball.png", caption="Step 1")
    shown = await ana.next_message()
    saved = sorted(tmp_path.rglob("*.png"))
    again = await bot.send_photo(42, first.photo[-1].file_id, caption="Step 3")
    assert (await ana.next_message()).file_path == shown.file_path
    text = await bot.send_message(42, "Step 4")
    await ana.next_message()
    edited = await bot.edit_message_media(
        InputMediaPhoto(first.photo[-1].file_id, caption="Step 5"),
        chat_id=42,
        message_id=text.message_id,
        reply_markup=NEXT,
    )
    assert edited.photo[-1].file_id == again.photo[-1].file_id == first.photo[-1].file_id
    assert (await ana.next_message()).file_path == shown.file_path
    assert sorted(tmp_path.rglob("*.png")) == saved  # one file on disk, shown three times
    with pytest.raises(BadRequest, match="Wrong file identifier/http url specified"):
        await bot.edit_message_media(
            InputMediaPhoto("no-such-file-id"), chat_id=42, message_id=text.message_id
        )


async def test_commands_and_descriptions_are_stored_per_language(
    bot: Bot, emu: BotApiEmulator
) -> None:
    await bot.set_my_commands([("start", "Begin")])
    await bot.set_my_commands([("start", "Anfangen")], language_code="de")
    assert [c["description"] for c in emu.commands] == ["Begin"]  # the default stays
    assert [c["description"] for c in emu.commands_for("de")] == ["Anfangen"]
    assert [c.description for c in await bot.get_my_commands(language_code="de")] == ["Anfangen"]
    await bot.set_my_description("Helps your back")
    await bot.set_my_description("Hilft deinem Rücken", language_code="de")
    await bot.set_my_short_description("Back care", language_code="de")
    assert emu.description() == "Helps your back"
    assert emu.description("de") == "Hilft deinem Rücken"
    assert emu.short_description("de") == "Back care"
    assert (await bot.get_my_description(language_code="de")).description == "Hilft deinem Rücken"
    assert (await bot.get_my_description(language_code="es")).description == "Helps your back"
    assert (await bot.get_my_short_description()).short_description == ""
