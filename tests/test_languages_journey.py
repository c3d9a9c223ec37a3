"""Issue 21's acceptance, one journey per language through the real bot: a user whose
Telegram app speaks Spanish, German or Russian gets /start, /help, a routine, a pain
confirmation and the warning-sign advice in that language, written in their own words,
and ``/language en`` switches everything back to English.

Expected texts come from the catalogs and the translated content, so the journey holds
whatever words the translators choose; each step also checks the answer is not English.
"""

from __future__ import annotations

import pytest
from chat import drain, screened

from bot import callbacks
from bot import texts as common_texts
from bot.features import features_of
from bot.i18n import _, use_language
from bot.texts import pain as pain_texts
from bot.texts import routines as routine_texts
from bot.texts import safety as safety_texts
from content.schema import Tier
from domain.reading import detect_warning_signs_any

# language, a pain report, its level, an emergency told in that language
JOURNEYS = [
    (
        "es",
        "me duele la espalda, un 6",
        6,
        "desde esta mañana no siento la entrepierna y no puedo orinar",
    ),
    (
        "de",
        "Rücken heute so 5",
        5,
        "seit heute morgen taub im schritt und ich kann nicht mehr pinkeln",
    ),
    ("ru", "спина болит, на 4", 4, "с утра онемела промежность и не могу помочиться"),
]
ROUTINE = "lower-back-ball"


@pytest.mark.parametrize(("language", "report", "level", "emergency"), JOURNEYS)
async def test_a_whole_journey_in_the_users_language(bot, language, report, level, emergency):
    services = bot.application.bot_data.services
    library, english = services.libraries[language], services.library
    commands = features_of(bot.application).commands
    user_id = 2400 + ["es", "de", "ru"].index(language)
    user = bot.emulator.user(user_id, first_name="Sam", language_code=language)

    # /start: the welcome, the safety note and the time-zone question, in the language.
    await user.send("/start")
    welcome, note, question = await drain(user, 3)
    with use_language(language):
        assert welcome.html == _(common_texts.WELCOME).format(name=", Sam")
        assert note.html == safety_texts.start_note(library.warning_signs)
        assert question.html == _(common_texts.ASK_TIMEZONE)
    assert welcome.html != common_texts.WELCOME.format(name=", Sam")
    await user.send("Berlin")
    await drain(user, 2)  # the zone is set; what comes next

    # /help
    await user.send("/help")
    with use_language(language):
        assert (await user.next_message()).html == common_texts.help_text(commands)

    # A routine: its card and first step come from the language's content.
    await screened(bot, user_id)
    await user.send("/routine")
    await user.next_message()  # which tools do you have?
    with use_language(language):
        await user.press(_(routine_texts.DONE_BUTTON))
        await drain(user, 2)  # saved; the goal menu
        await user.press(_(routine_texts.GOAL_LABELS["lower_back"]))
    await user.next_message()  # the routines for that goal
    await user.press(callbacks.RoutineCard(ROUTINE).pack())
    card = await user.next_message()
    routine = library.routines[ROUTINE]
    assert routine.title != english.routines[ROUTINE].title
    assert routine.title in card.text and routine.summary in card.text

    # A pain report in their words, confirmed in their language.
    await user.send(report)
    confirmation = await user.next_message()
    stored = await bot.store.pain_entries(user_id)
    assert [e.level for e in stored] == [level]
    with use_language(language):
        noted = _(pain_texts.NOTED).format(what=pain_texts.describe(stored[0]))
    assert confirmation.html.startswith(noted)
    assert not confirmation.html.startswith(pain_texts.NOTED.format(what=""))

    # An emergency told in their words: the emergency advice from their language's table.
    codes = detect_warning_signs_any(emergency)
    assert library.warning_signs.tier_of()[codes[0]] is Tier.EMERGENCY
    await user.send(emergency)
    advice = await user.next_message()
    with use_language(language):
        assert advice.html == safety_texts.advice(library.warning_signs, codes)
    assert library.warning_signs.tiers[Tier.EMERGENCY].action in advice.text
    assert english.warning_signs.tiers[Tier.EMERGENCY].action not in advice.text

    # /language en: back to English from the next message on.
    await user.send("/language en")
    await user.next_message()
    await user.send("/help")
    assert (await user.next_message()).html == common_texts.help_text(commands)
