"""The language each person is spoken to in: remembered from their Telegram app on first
contact, changed with /language, and used for everything the bot says to them."""

from __future__ import annotations

import dataclasses

import pytest
from chat import drain, welcomed

from domain.models import User
from domain.preferences import Preferences
from storage.codec import decode, encode


def test_a_profile_from_before_languages_loads_with_no_language_chosen():
    doc = encode(User(user_id=1, chat_id=1, first_name="Ana"))
    assert "language" not in doc["preferences"]  # a default is not written
    assert decode(User, doc).preferences.language is None


def test_the_chosen_language_is_stored_and_read_back():
    user = User(user_id=1, chat_id=1, preferences=Preferences(language="de"))
    assert decode(User, encode(user)).preferences.language == "de"


@pytest.mark.parametrize(
    ("language_code", "stored"),
    [("de", "de"), ("de-AT", "de"), ("es-419", "es"), ("ru", "ru"), ("pt-BR", "en"), (None, "en")],
)
async def test_first_contact_remembers_the_language_of_the_telegram_app(bot, language_code, stored):
    user = bot.emulator.user(2101, language_code=language_code)
    await user.send("/start")
    await drain(user, 3)
    assert (await bot.store.get_user(2101)).preferences.language == stored


async def test_a_profile_from_before_languages_gets_the_app_language_on_its_next_message(bot):
    await welcomed(bot.store, 2102)
    assert (await bot.store.get_user(2102)).preferences.language is None
    user = bot.emulator.user(2102, language_code="ru")
    await user.send("/help")
    await user.next_message()
    assert (await bot.store.get_user(2102)).preferences.language == "ru"


async def test_a_stored_language_the_bot_does_not_speak_counts_as_not_chosen(bot):
    await welcomed(bot.store, 2103)
    stored = await bot.store.get_user(2103)
    odd = dataclasses.replace(stored.preferences, language="xx")
    await bot.store.save_user(dataclasses.replace(stored, preferences=odd))
    user = bot.emulator.user(2103, language_code="es")
    await user.send("/help")
    await user.next_message()
    assert (await bot.store.get_user(2103)).preferences.language == "es"
