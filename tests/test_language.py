"""The language each person is spoken to in: remembered from their Telegram app on first
contact, changed with /language, and used for everything the bot says to them."""

from __future__ import annotations

import dataclasses

import pytest
from chat import drain, welcomed

from bot import texts
from bot.features import features_of
from bot.i18n import _, gettext_in, use_language
from bot.texts import language as language_texts
from bot.texts import safety as safety_texts
from domain.models import User
from domain.preferences import Preferences
from domain.reading import detect_warning_signs_any
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


async def test_language_shows_every_language_by_its_own_name(bot):
    await welcomed(bot.store, 2104)
    user = bot.emulator.user(2104, language_code="en")
    await user.send("/language")
    menu = await user.next_message()
    assert "English" in menu.text
    assert menu.button_texts == ["✓ English", "Deutsch", "Español", "Русский"]


async def test_a_language_button_switches_and_confirms_in_the_new_language(bot):
    await welcomed(bot.store, 2105)
    user = bot.emulator.user(2105, language_code="en")
    await user.send("/language")
    await user.next_message()
    await user.press("Deutsch")
    _menu_without_buttons, confirmation = await drain(user, 2)
    assert confirmation.html == gettext_in("de", language_texts.CHOSEN)
    assert confirmation.html != language_texts.CHOSEN  # German, not the English source
    assert (await bot.store.get_user(2105)).preferences.language == "de"
    assert not user.messages[-2].buttons  # the menu's buttons went with the choice


@pytest.mark.parametrize(
    ("typed", "language"),
    [("de", "de"), ("Deutsch", "de"), ("español", "es"), ("Spanish", "es"), ("русский", "ru")],
)
async def test_language_with_a_name_or_code_switches_at_once(bot, typed, language):
    await welcomed(bot.store, 2106)
    user = bot.emulator.user(2106, language_code="en")
    await user.send(f"/language {typed}")
    confirmation = await user.next_message()
    assert confirmation.html == gettext_in(language, language_texts.CHOSEN)
    assert (await bot.store.get_user(2106)).preferences.language == language


async def test_an_unknown_language_gets_the_list_of_those_spoken(bot):
    await welcomed(bot.store, 2107)
    user = bot.emulator.user(2107, language_code="en")
    await user.send("/language Klingon")
    answer = await user.next_message()
    assert "Klingon" in answer.text
    for line in ("English: /language en", "Deutsch: /language de", "Русский: /language ru"):
        assert line in answer.text
    assert "Español" in answer.button_texts
    assert (await bot.store.get_user(2107)).preferences.language == "en"


async def test_the_chosen_language_wins_over_the_telegram_app_and_en_switches_back(bot):
    await welcomed(bot.store, 2108)
    user = bot.emulator.user(2108, language_code="ru")
    await user.send("/language es")
    await user.next_message()
    await user.send("/language")
    menu = await user.next_message()
    assert "✓ Español" in menu.button_texts  # the choice, not the app's Russian
    await user.send("/language en")
    confirmation = await user.next_message()
    assert confirmation.html == language_texts.CHOSEN
    assert (await bot.store.get_user(2108)).preferences.language == "en"


async def test_language_is_in_the_command_menu(bot):
    commands = bot.emulator.commands
    assert "language" in [command["command"] for command in commands]


async def test_the_menu_and_descriptions_are_registered_in_every_language(bot):
    emulator = bot.emulator
    english = [c["command"] for c in emulator.commands_for("")]
    assert "language" in english and "help" in english
    assert emulator.description() == texts.DESCRIPTION
    assert emulator.short_description() == texts.SHORT_DESCRIPTION
    for language in ("es", "de", "ru"):
        menu = emulator.commands_for(language)
        assert [c["command"] for c in menu] == english  # the same commands in each
        help_line = next(c["description"] for c in menu if c["command"] == "language")
        assert help_line == gettext_in(language, language_texts.COMMAND)
        assert emulator.description(language) == gettext_in(language, texts.DESCRIPTION)
        assert emulator.short_description(language) == gettext_in(language, texts.SHORT_DESCRIPTION)


def _library(bot, language: str):
    services = bot.application.bot_data.services
    return services.libraries.get(language, services.library)


@pytest.mark.parametrize("language", ["es", "de", "ru"])
async def test_start_and_help_speak_the_language_of_the_telegram_app(bot, language):
    user = bot.emulator.user(2110, first_name="Ana", language_code=language)
    await user.send("/start")
    welcome, note, question = await drain(user, 3)
    await user.send("/help")
    help_message = await user.next_message()
    with use_language(language):
        expected_welcome = _(texts.WELCOME).format(name=", Ana")
        expected_note = safety_texts.start_note(_library(bot, language).warning_signs)
        expected_help = texts.help_text(features_of(bot.application).commands)
        expected_question = _(texts.ASK_TIMEZONE)
    assert welcome.html == expected_welcome
    assert note.html == expected_note
    assert question.html == expected_question
    assert help_message.html == expected_help
    # Spoken in that language, not the English source (the translation is in its .po).
    assert welcome.html != texts.WELCOME.format(name=", Ana")
    assert texts.HELP_HEADER not in help_message.html
    assert _english_words_left(help_message.html, texts.HELP_FOOTER) == []


def _english_words_left(text: str, msgid: str) -> list[str]:
    """Long English words of ``msgid`` still in ``text`` (a text left untranslated)."""
    words = {w for w in msgid.replace("<", " ").replace(">", " ").split() if len(w) > 6}
    return sorted(w for w in words if w in text.split())


async def test_language_en_switches_back_to_english(bot):
    await welcomed(bot.store, 2111)
    user = bot.emulator.user(2111, language_code="de")
    commands = features_of(bot.application).commands
    await user.send("/help")
    with use_language("de"):
        assert (await user.next_message()).html == texts.help_text(commands)
    await user.send("/language en")
    confirmation = await user.next_message()
    assert confirmation.html == language_texts.CHOSEN
    await user.send("/help")
    assert (await user.next_message()).html == texts.help_text(commands)


GERMAN_EMERGENCY = "seit heute morgen taub im schritt und ich kann nicht mehr pinkeln"


async def test_an_emergency_sign_in_german_gets_the_advice_in_the_users_english(bot):
    await welcomed(bot.store, 2120)
    user = bot.emulator.user(2120, language_code="en")
    codes = detect_warning_signs_any(GERMAN_EMERGENCY)
    assert codes  # the German words are read whatever the user's language
    await user.send(GERMAN_EMERGENCY)
    advice = await user.next_message()
    assert advice.html == safety_texts.advice(_library(bot, "en").warning_signs, codes)
    assert "emergency" in advice.text.lower()
    stored = await bot.store.get_user(2120)
    assert stored.preferences.warning_sign.tier == "emergency"


async def test_an_emergency_sign_in_english_gets_the_advice_in_the_users_language(bot):
    await welcomed(bot.store, 2121)
    user = bot.emulator.user(2121, language_code="es")
    text = "numb around my groin and I can't pee since this morning"
    await user.send(text)
    advice = await user.next_message()
    with use_language("es"):
        expected = safety_texts.advice(
            _library(bot, "es").warning_signs, detect_warning_signs_any(text)
        )
    assert advice.html == expected
    assert advice.html != safety_texts.advice(
        _library(bot, "en").warning_signs, detect_warning_signs_any(text)
    )


@pytest.mark.parametrize("language", ["en", "de"])
async def test_a_message_in_a_language_we_dont_speak_points_to_language(bot, language):
    await welcomed(bot.store, 2122)
    user = bot.emulator.user(2122, language_code=language)
    await user.send("Bonjour, j'ai mal au dos depuis hier soir, que faire ?")
    answer = await user.next_message()
    assert answer.html.startswith(texts.NOT_SPOKEN)  # English first, always
    with use_language(language):
        assert answer.html == texts.not_spoken()
    if language == "de":
        assert answer.html.endswith(gettext_in("de", texts.NOT_SPOKEN))
        assert gettext_in("de", texts.NOT_SPOKEN) != texts.NOT_SPOKEN  # and in German


@pytest.mark.parametrize(("language", "typed"), [("es", "gracias!"), ("ru", "спасибо")])
async def test_thanks_in_the_users_language_gets_the_answer_in_it(bot, language, typed):
    await welcomed(bot.store, 2123)
    user = bot.emulator.user(2123, language_code=language)
    await user.send(typed)
    answer = await user.next_message()
    assert answer.html == gettext_in(language, texts.THANKS_REPLY)
    assert answer.html != texts.THANKS_REPLY


# Words about an emergency sign's body part that the German detector does not read as a
# sign: the German safety net asks the emergency check instead of saying nothing.
GERMAN_NET_ONLY = "stuhlgang ist seit 2 tagen anders und ruecken unten extrem"


async def test_the_safety_net_asks_the_emergency_check_in_the_users_language(bot):
    assert not detect_warning_signs_any(GERMAN_NET_ONLY)
    await welcomed(bot.store, 2124)
    user = bot.emulator.user(2124, language_code="de")
    await user.send(GERMAN_NET_ONLY)
    asked = await user.next_message()
    with use_language("de"):
        question = safety_texts.check_question(_library(bot, "de").warning_signs)
    with use_language("en"):
        english = safety_texts.check_question(_library(bot, "en").warning_signs)
    assert question != english
    assert asked.html == question


async def test_a_russian_user_names_their_city_in_cyrillic(bot):
    user = bot.emulator.user(2125, language_code="ru")
    await user.send("/start")
    await drain(user, 3)  # welcome, safety note, the time-zone question
    await user.send("Москва")
    confirmation = await user.next_message()
    assert "Europe/Moscow" in confirmation.text
    stored = await bot.store.get_user(2125)
    assert stored.timezone == "Europe/Moscow"
