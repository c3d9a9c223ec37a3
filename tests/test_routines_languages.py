"""Routines, reminders and the weekly summary in the user's language, through the real bot.

A user whose Telegram app speaks German, Spanish or Russian starts a routine, steps through
it with the buttons, gets a reminder and a weekly summary: every step, button, caution and
question in their language (the step texts from content/locales/<lang>/, the bot's own
texts from bot/locales/<lang>/). Someone who switches language mid-routine gets the next
step in the new one: the language is read at each press, and the routine by its id.
"""

from __future__ import annotations

from datetime import timedelta

from chat import drain, screened, welcomed
from due import due_items, run_due

from bot import callbacks
from bot.dispatcher import dispatcher_of
from bot.i18n import gettext_in, use_language
from bot.texts import reminders as reminder_texts
from bot.texts import routines as texts
from domain.models import PainEntry, utcnow
from domain.schedule import local_date_of
from storage import new_id

ROUTINE = "lower-back-ball"  # pictured steps, cautions, no partner


def said(language: str, msgid: str) -> str:
    """The bot's text in ``language``: translated, not the English source left in place."""
    text = gettext_in(language, msgid)
    assert text != msgid, f"{language} has no translation for {msgid!r}"
    return text


def label(language: str, msgid: str) -> str:
    """A button's label in ``language`` (a short label may rightly read as in English:
    "⏸ Pause" is German too), so only sentences are checked for being translated."""
    return gettext_in(language, msgid)


def routine_in(bot, language: str, routine_id: str = ROUTINE):
    routine = bot.services.libraries[language].routines[routine_id]
    english = bot.services.library.routines[routine_id]
    assert routine.steps[0].instruction != english.steps[0].instruction  # really translated
    return routine


def step_words(routine, index: int) -> tuple[str, str]:
    """A step's title and the start of its instruction (a caption may cut its end)."""
    step = routine.steps[index]
    return step.title, step.instruction.split(". ")[0]


async def ready(bot, user_id: int, language: str):
    """A user of ``language`` who went through /start and the safety questions."""
    await welcomed(bot.store, user_id)
    await screened(bot, user_id)
    return bot.emulator.user(user_id, language_code=language)


async def started(bot, user, language: str):
    """/routine → equipment question → goal menu → list → card → Start → pain 3: step 1."""
    await user.send("/routine")
    question = await user.next_message()
    assert question.html == said(language, texts.ASK_EQUIPMENT)
    await user.press(label(language, texts.DONE_BUTTON))
    _saved, menu = await drain(user, 2)
    assert menu.html.startswith(said(language, texts.CHOOSE_GOAL))
    await user.press(label(language, texts.GOAL_LABELS["lower_back"]))
    listed = await user.next_message()
    routine = routine_in(bot, language)
    assert any(t.startswith(routine.title) for t in listed.button_texts)
    await user.press(callbacks.RoutineCard(ROUTINE).pack())
    card = await user.next_message()
    assert routine.title in card.text and routine.summary in card.text
    assert all(caution in card.text for caution in routine.cautions)
    assert said(language, texts.TAKE_CARE) in card.html
    await user.press(label(language, texts.START_BUTTON))
    ask = await user.next_message()
    assert said(language, texts.ASK_PAIN_BEFORE).split("{cautions}")[1] in ask.html
    assert all(caution in ask.text for caution in routine.cautions)
    assert label(language, texts.SKIP_BUTTON) in ask.button_texts
    await user.press("3")
    return await user.next_message(), routine


def player_buttons(language: str) -> set[str]:
    return {
        label(language, texts.NEXT_BUTTON),
        label(language, texts.PAUSE_BUTTON),
        label(language, texts.STOP_BUTTON),
        label(language, texts.AUTO_OFF_BUTTON),
    }


async def test_a_german_user_steps_through_a_routine_in_german(bot):
    user = await ready(bot, 2301, "de")
    step1, routine = await started(bot, user, "de")
    title, instruction = step_words(routine, 0)
    assert title in step1.body and instruction in step1.body
    english = bot.services.library.routines[ROUTINE]
    assert english.steps[0].instruction.split(". ")[0] not in step1.body
    assert player_buttons("de") <= set(step1.button_texts)
    assert "Step 1 of" not in step1.body  # the header is German too
    legend = bot.services.legends["de"].get(routine.steps[0].picture or "", ())
    assert all(line in step1.body for line in legend)
    await user.press(label("de", texts.NEXT_BUTTON))
    step2 = await user.next_message()
    title, instruction = step_words(routine, 1)
    assert title in step2.body and instruction in step2.body
    assert label("de", texts.PREV_BUTTON) in step2.button_texts
    await user.press(label("de", texts.PAUSE_BUTTON))
    paused = await user.next_message()
    assert label("de", texts.RESUME_PLAYER_BUTTON) in paused.button_texts
    await user.press(label("de", texts.STOP_BUTTON))
    stopped = await user.next_message()
    assert said("de", texts.STOPPED).split("<b>")[0] in stopped.html


async def test_switching_language_mid_routine_shows_the_next_step_in_the_new_one(bot):
    user = await ready(bot, 2302, "de")
    step1, _german = await started(bot, user, "de")
    player = step1.message_id
    await user.send("/language es")
    await user.next_message()  # the confirmation, in Spanish
    next_data = next(d for t, d in step1.buttons[0] if d and d.startswith("rt:nx:"))
    await user.press(next_data, message_id=player)
    step2 = await user.next_message()
    spanish = routine_in(bot, "es")
    title, instruction = step_words(spanish, 1)
    assert title in step2.body and instruction in step2.body
    assert label("es", texts.PREV_BUTTON) in step2.button_texts
    assert player_buttons("es") <= set(step2.button_texts)


async def test_a_routine_step_header_and_cautions_in_russian(bot):
    user = await ready(bot, 2303, "ru")
    step1, routine = await started(bot, user, "ru")
    with use_language("ru"):
        header = texts.step_screen(routine, 0).split("\n")[1]  # "Шаг 1 из N — ..."
    assert header in (step1.html or "") and "Step" not in step1.body
    assert player_buttons("ru") <= set(step1.button_texts)


async def test_a_spanish_user_sets_a_reminder_with_spanish_buttons_and_gets_it_in_spanish(bot):
    user = await ready(bot, 2304, "es")
    await user.send("/remind")
    ask = await user.next_message()
    assert ask.html == said("es", reminder_texts.ASK_KIND)
    await user.press(label("es", reminder_texts.KIND_ROUTINE_BUTTON))
    days = await user.next_message()
    assert days.html == said("es", reminder_texts.ASK_DAYS)
    assert label("es", reminder_texts.WEEKDAYS_BUTTON) in days.button_texts
    await user.press(label("es", reminder_texts.PICK_DAYS_BUTTON))
    pick = await user.next_message()
    assert pick.button_texts[:2] == ["LU", "MA"]  # Babel's Spanish day letters
    await user.press("LU")
    await user.next_message()
    await user.press(label("es", reminder_texts.DONE_BUTTON))
    when = await user.next_message()
    assert said("es", reminder_texts.ASK_TIME).split("{zone}")[0] in when.html
    await user.press("07:00")
    _no_buttons, created = await drain(user, 2)
    assert said("es", reminder_texts.CREATED).split("{description}")[0] in created.html
    assert label("es", reminder_texts.KIND_LABELS["routine"]) in created.text
    (item,) = due_items(bot, 2304, "reminder")
    await run_due(bot, item)
    reminder = await user.next_message()
    spanish = bot.services.libraries["es"].routines.values()
    assert any(routine.title in reminder.text for routine in spanish)
    assert label("es", reminder_texts.START_NOW_BUTTON) in reminder.button_texts
    assert label("es", reminder_texts.SNOOZE_15_BUTTON) in reminder.button_texts
    assert label("es", reminder_texts.SKIP_TODAY_BUTTON) in reminder.button_texts
    assert "Time for your back" not in reminder.text


async def test_a_russian_user_gets_the_weekly_summary_in_russian(bot):
    user = await ready(bot, 2305, "ru")
    await user.send("/language ru")  # stored as chosen (a job has no language_code)
    await user.next_message()
    for days_ago, level in ((1, 5), (2, 3)):
        at = utcnow() - timedelta(days=days_ago)
        local = local_date_of(at, "Europe/Berlin")
        entry = PainEntry(id=new_id(), recorded_at=at, local_date=local, level=level)
        await bot.store.record_pain(2305, entry)
    await dispatcher_of(bot.application).reseed(2305)  # stored directly: plan its summary
    (item,) = due_items(bot, 2305, "weekly")
    await run_due(bot, item)
    summary = await user.next_message()
    assert summary.caption and "Your week" not in summary.caption
    assert any("\u0400" <= ch <= "\u04ff" for ch in summary.caption)  # Cyrillic


async def test_the_tool_chooser_asks_and_recommends_in_russian(bot):
    user = await ready(bot, 2306, "ru")
    chooser = bot.services.libraries["ru"].tool_chooser
    await user.send("/tools")
    screen = await user.next_message()
    assert chooser.intro.split("\n")[0] in screen.text
    for question in chooser.questions:
        assert question.text.split("\n")[0] in screen.text
        assert screen.button_texts == [option.label for option in question.options]
        await user.press(screen.buttons[0][0][1])
        screen = await user.next_message()
    assert said("ru", texts.TOOLS_RECOMMEND).split("{why}")[0].split("\n\n")[-1] in screen.html
    assert label("ru", texts.TOOLS_AGAIN) in screen.button_texts


async def test_a_german_reminder_list_snooze_and_skip_speak_german(bot):
    user = await ready(bot, 2307, "de")
    await user.send("/remind checkin daily 21:00")  # typed reminders are read in English
    created = await user.next_message()
    assert said("de", reminder_texts.CREATED).split("{description}")[0] in created.html
    await user.send("/reminders")
    listed = await user.next_message()
    assert listed.html.startswith(said("de", reminder_texts.LIST_HEADER))
    assert label("de", reminder_texts.PAUSE_BUTTON).format(n=1) in listed.button_texts
    with use_language("de"):
        every_day = reminder_texts.describe_days(range(7))
    assert every_day[:1].upper() + every_day[1:] in listed.text
    (item,) = due_items(bot, 2307, "reminder")
    await run_due(bot, item)
    check_in = await user.next_message()
    assert check_in.html == said("de", reminder_texts.CHECKIN_REMINDER)
    await user.press(label("de", reminder_texts.SNOOZE_15_BUTTON))
    replies = await drain(user, 2)  # the buttons shrink to Skip, and the answer
    snoozed = said("de", reminder_texts.SNOOZED).split("{time}")[0]
    assert any(snoozed in m.html for m in replies if m.html)
    await user.press(label("de", reminder_texts.SKIP_TODAY_BUTTON))
    replies = await drain(user, 2)
    skipped = said("de", reminder_texts.SKIPPED).split("{next}")[0]
    assert any(skipped in m.html for m in replies if m.html)
