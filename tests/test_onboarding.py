"""Onboarding, /help and unexpected input, driven through Telegram as a user would."""

from __future__ import annotations

import logging

import pytest
from chat import drain, onboard, welcomed

from bot import texts
from bot.features import features_of
from domain.conversation import Awaiting


async def test_new_user_gets_welcome_safety_note_and_time_zone_question(bot):
    user = bot.emulator.user(101, first_name="Ana")
    await user.send("/start")
    welcome, safety, question = await drain(user, 3)
    assert "Ana" in welcome.text and "pain diary" in welcome.text
    assert "not medical advice" in safety.text
    assert "time zone" in question.text.lower()
    buttons = [button for row in question.reply_keyboard for button in row]
    assert ("📍 Share my location", True) in buttons  # (text, request_location)


async def test_user_sets_time_zone_by_typing_an_iana_name(bot):
    user = bot.emulator.user(102)
    await user.send("/start")
    await drain(user, 3)
    await user.send("europe/berlin")
    confirmation, after = await drain(user, 2)
    assert "Europe/Berlin" in confirmation.text
    assert "/help" in after.text
    stored = await bot.store.get_user(102)
    assert stored.timezone == "Europe/Berlin" and stored.awaiting is None


@pytest.mark.parametrize(
    ("typed", "zone"),
    [("Tokyo", "Asia/Tokyo"), ("new york", "America/New_York"), ("São Paulo", "America/Sao_Paulo")],
)
async def test_user_sets_time_zone_by_typing_a_city(bot, typed, zone):
    user = bot.emulator.user(103)
    await user.send("/start")
    await drain(user, 3)
    await user.send(typed)
    confirmation = await user.next_message()
    assert zone in confirmation.text
    assert (await bot.store.get_user(103)).timezone == zone


async def test_user_shares_location_and_gets_the_zone_of_that_place(bot):
    user = bot.emulator.user(104)
    await user.send("/start")
    await drain(user, 3)
    await user.send_location(-33.8688, 151.2093)  # Sydney
    confirmation = await user.next_message()
    assert "Australia/Sydney" in confirmation.text
    assert (await bot.store.get_user(104)).timezone == "Australia/Sydney"


async def test_location_at_sea_gets_a_helpful_reply(bot):
    user = bot.emulator.user(105)
    await user.send("/start")
    await drain(user, 3)
    await user.send_location(0.0, -140.0)  # middle of the Pacific
    reply = await user.next_message()
    # Either a nautical Etc zone is found or we ask to type one; never silence.
    assert "Time zone set" in reply.text or "type your city" in reply.text


async def test_typo_offers_close_matches_as_buttons_and_a_tap_sets_the_zone(bot):
    user = bot.emulator.user(106)
    await user.send("/start")
    await drain(user, 3)
    await user.send("Berln")
    suggestion = await user.next_message()
    assert "Did you mean" in suggestion.text
    assert any("Berlin" in text for text in suggestion.button_texts)
    await user.press("Europe/Berlin")
    messages = await drain(user, 2)
    assert any("Europe/Berlin" in m.text for m in messages if m.text)
    assert (await bot.store.get_user(106)).timezone == "Europe/Berlin"


async def test_utc_offset_sets_a_fixed_zone_and_suggests_real_ones(bot):
    user = bot.emulator.user(107)
    await user.send("/start")
    await drain(user, 3)
    await user.send("UTC+2")
    confirmation = await user.next_message()
    assert "Etc/GMT-2" in confirmation.text
    stored = await bot.store.get_user(107)
    assert stored.timezone == "Etc/GMT-2"


async def test_nonsense_zone_is_answered_with_an_example_and_nothing_changes(bot):
    user = bot.emulator.user(108)
    await user.send("/start")
    await drain(user, 3)
    await user.send("qwxzv!!")
    reply = await user.next_message()
    assert "UTC+2" in reply.text  # the example of what works
    stored = await bot.store.get_user(108)
    assert stored.timezone is None and stored.awaiting == Awaiting("timezone")


async def test_running_start_again_greets_back_without_resetting(bot):
    user = bot.emulator.user(109, first_name="Bo")
    await onboard(user, "Asia/Tokyo")
    await user.send("/start")
    again = await user.next_message()
    assert "Welcome back" in again.text and "Asia/Tokyo" in again.text
    assert (await bot.store.get_user(109)).timezone == "Asia/Tokyo"
    assert await bot.store.user_ids() == [109]


async def test_timezone_command_changes_the_zone_and_keep_leaves_it(bot):
    user = bot.emulator.user(110)
    await onboard(user, "Europe/Berlin")
    await user.send("/timezone")
    current, keep = await drain(user, 2)
    assert "Europe/Berlin" in current.text
    await user.press("Keep Europe/Berlin")
    kept = await user.next_message()
    assert "Keeping" in kept.text
    await user.send("/timezone")
    await drain(user, 2)
    await user.send("America/Chicago")
    assert "America/Chicago" in (await user.next_message()).text
    assert (await bot.store.get_user(110)).timezone == "America/Chicago"


async def test_help_lists_every_command_one_line_each(bot):
    user = bot.emulator.user(111)
    await onboard(user)
    await user.send("/help")
    reply = await user.next_message()
    commands = features_of(bot.application).commands
    assert {"start", "help", "timezone"} <= {name for name, _ in commands}
    for name, description in commands:
        assert f"/{name} — {description}" in reply.text.splitlines()


async def test_command_menu_is_registered_with_telegram(bot):
    names = [c["command"] for c in bot.emulator.commands]
    assert names == [name for name, _ in features_of(bot.application).commands]


async def test_unknown_command_gets_a_helpful_reply(bot):
    user = bot.emulator.user(112)
    await onboard(user)
    await user.send("/frobnicate now")
    reply = await user.next_message()
    assert "/frobnicate" in reply.text and "/help" in reply.text


async def test_unexpected_text_gets_a_helpful_reply(bot):
    user = bot.emulator.user(113)
    await onboard(user)
    await user.send("what is the meaning of life?")
    reply = await user.next_message()
    assert "/help" in reply.text


async def test_text_that_looks_like_html_is_echoed_safely(bot):
    user = bot.emulator.user(114)
    await user.send("/start")
    await drain(user, 3)
    await user.send("/<b>bold</b>&amp;")
    reply = await user.next_message()  # the emulator rejects broken HTML with 400
    assert "<b>bold</b>" in reply.text


async def test_conversation_state_survives_a_restart(bot):
    user = bot.emulator.user(115)
    await user.send("/start")
    await drain(user, 3)
    await bot.restart()
    await user.send("Tokyo")
    assert "Asia/Tokyo" in (await user.next_message()).text


async def test_restart_keeps_the_user(bot):
    user = bot.emulator.user(116, first_name="Cy")
    await onboard(user, "Europe/Paris")
    await bot.restart()
    await user.send("/start")
    again = await user.next_message()
    assert "Welcome back" in again.text and "Europe/Paris" in again.text


async def test_handler_error_gets_an_apology_is_logged_and_the_bot_keeps_running(
    bot, monkeypatch, caplog
):
    user = bot.emulator.user(117)
    other = bot.emulator.user(118)
    real_get_user = bot.store.get_user

    async def broken_get_user(user_id):
        if user_id == 117:
            raise RuntimeError("disk on fire")
        return await real_get_user(user_id)

    await welcomed(bot.store, 117, 118)  # so /help is answered first
    monkeypatch.setattr(bot.store, "get_user", broken_get_user)
    with caplog.at_level(logging.ERROR):
        await user.send("/help")
        apology = await user.next_message()
    assert apology.text == texts.APOLOGY
    record = next(r for r in caplog.records if "Error while handling" in r.getMessage())
    assert "user_id=117" in record.getMessage()
    await other.send("/help")
    assert "/start" in (await other.next_message()).text


async def test_command_menu_failure_is_logged_not_fatal(tmp_path, caplog):
    from bot.sandbox.harness import SANDBOX_TOKEN, LocalBot
    from emulator import BotApiEmulator

    emulator = BotApiEmulator(token=SANDBOX_TOKEN, files_dir=tmp_path / "files")
    await emulator.start()
    try:
        emulator.inject_fault("500", method="setMyCommands", count=10)
        running = LocalBot(emulator, tmp_path / "data")
        with caplog.at_level(logging.WARNING):
            await running.start()
        try:
            assert any("set_my_commands" in r.getMessage() for r in caplog.records)
            await welcomed(running.store, 119)
            user = emulator.user(119)
            await user.send("/help")
            assert "/start" in (await user.next_message()).text
        finally:
            await running.stop()
    finally:
        await emulator.stop()


async def test_token_never_appears_in_logs(bot, caplog):
    caplog.set_level(logging.DEBUG)
    user = bot.emulator.user(120)
    await onboard(user)
    await user.send("/help")
    await user.next_message()
    logged = "\n".join(r.getMessage() for r in caplog.records) + caplog.text
    assert bot.emulator.token not in logged
    assert any(r.name.startswith("telegram") or r.name.startswith("bot") for r in caplog.records)
