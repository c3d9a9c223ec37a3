"""The player's pure rules, and every shipped routine rendered within Telegram's limits."""

from __future__ import annotations

import dataclasses

import pytest

from bot import callbacks
from bot.callbacks import MAX_BYTES
from bot.handlers.routines import menu, shared
from bot.handlers.routines.player import gentle_keyboard, pain_keyboard, player_keyboard
from bot.i18n import use_language
from bot.texts import routines as texts
from content import load_library
from content.languages import load_all_legends, load_legends, load_libraries
from domain.models import RoutineSession, utcnow
from domain.player import approx_duration, clamp_step, pain_change, press_verdict
from domain.routines import is_gentle
from emulator import parse_telegram_html

LIBRARY = load_library()
ENGLISH_LEGENDS = load_legends("en")
LONGEST_ID = "A" * 8  # storage.new_id() is 8 characters


def session(status: str = "active", step: int = 0, **extra) -> RoutineSession:
    return RoutineSession(
        id=LONGEST_ID, routine_id="x", started_at=utcnow(), status=status, step=step, **extra
    )


def callback_data(markup) -> list[str]:
    return [b.callback_data for row in markup.inline_keyboard for b in row]


def test_press_on_the_current_step_of_a_running_session_counts():
    assert press_verdict(session(step=2), 2) == "ok"


def test_double_tap_or_old_step_is_ignored_not_acted_on():
    assert press_verdict(session(step=3), 2) == "moved"


@pytest.mark.parametrize("status", ["completed", "aborted"])
def test_press_on_an_ended_session_says_it_ended(status):
    assert press_verdict(session(status=status, step=2), 2) == "ended"


def test_next_on_a_paused_session_waits_for_resume_but_stop_works():
    paused = session(status="paused", step=1)
    assert press_verdict(paused, 1) == "paused"
    assert press_verdict(paused, 1, needs_active=False) == "ok"


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(30, "about 30 s"), (90, "about 90 s"), (120, "about 2 min"), (150, "about 2.5 min")],
)
def test_step_durations_read_like_people_say_them(seconds, words):
    assert approx_duration(seconds) == words


def test_pain_change_direction_and_size():
    assert pain_change(6, 4) == ("down", 2)
    assert pain_change(3, 5) == ("up", 2)
    assert pain_change(4, 4) == ("same", 0)
    with pytest.raises(ValueError):
        pain_change(11, 3)


def test_back_on_the_first_step_stays_there_and_steps_stay_in_range():
    assert clamp_step(-1, 5) == 0
    assert clamp_step(7, 5) == 4


def test_change_message_reads_naturally():
    assert texts.change_text(6, 4, "down", 2) == "Before 6, now 4: down 2. Nice."
    assert "no change" in texts.change_text(4, 4, "same", 0)
    assert texts.change_text(None, 3, "same", 0) == "Noted: 3 out of 10."


@pytest.mark.parametrize("routine", list(LIBRARY.routines.values()), ids=lambda r: r.id)
def test_every_step_and_card_fits_telegram_and_is_valid_html(routine):
    texts_sent = [
        texts.routine_card(routine),
        texts.ASK_PAIN_BEFORE.format(
            title=shared._escape(routine.title), cautions=texts.cautions_block(routine)
        ),
    ]
    for index in range(len(routine.steps)):
        for paused, auto_at in ((False, None), (False, "23:59:59"), (True, None)):
            texts_sent.append(texts.step_screen(routine, index, auto_at=auto_at, paused=paused))
        texts_sent.append(
            texts.step_screen(routine, index, auto_at="23:59:59", high_pain=True, cautions=True)
        )
    for text in texts_sent:
        plain, _ = parse_telegram_html(text)  # raises on broken HTML, like Telegram
        assert 0 < len(plain) <= 4096
    data = callback_data(menu._card_keyboard(routine)) + callback_data(
        menu._list_keyboard([routine])
    )
    for status in ("active", "paused"):
        for step in range(len(routine.steps)):
            player = session(status=status, step=step, auto_advance=True)
            data += callback_data(player_keyboard(player, len(routine.steps)))
    data += callback_data(pain_keyboard(callbacks.PainBefore, LONGEST_ID))
    data += callback_data(pain_keyboard(callbacks.PainAfter, LONGEST_ID))
    data += callback_data(menu._goal_keyboard((routine.title, LONGEST_ID)))
    data += callback_data(gentle_keyboard(LONGEST_ID, [routine]))
    assert all(0 < len(d.encode()) <= MAX_BYTES for d in data)


# Every way a step is drawn: plain, timed, paused, and the first step after high pain
# with the routine's cautions (a gentle routine chosen instead of the one started).
SCREENS = (
    {},
    {"auto_at": "23:59:59"},
    {"paused": True},
    {"auto_at": "23:59:59", "high_pain": True, "cautions": True},
)


def test_the_library_has_pictured_steps_to_show():
    pictured = [s.picture for r in LIBRARY.routines.values() for s in r.steps if s.picture]
    assert len(pictured) >= 6
    assert all(ENGLISH_LEGENDS.get(p) for p in pictured)  # every one explained in its caption


@pytest.mark.parametrize("routine", list(LIBRARY.routines.values()), ids=lambda r: r.id)
def test_every_pictured_step_fits_a_photo_caption_with_its_legend(routine):
    for index, step in enumerate(routine.steps):
        if step.picture is None:
            continue
        legend = ENGLISH_LEGENDS[step.picture]
        for screen in SCREENS:
            caption = texts.step_caption(routine, index, legend=legend, **screen)
            assert caption is not None, (routine.id, index, screen)
            plain, _ = parse_telegram_html(caption)
            assert 0 < len(plain) <= 1024
            if not screen.get("cautions"):  # day to day, nothing is cut
                assert caption == texts.step_screen(routine, index, legend=legend, **screen)


LIBRARIES = load_libraries()
LEGENDS = load_all_legends()
TRANSLATED = [
    (language, routine)
    for language, library in LIBRARIES.items()
    if language != "en"
    for routine in library.routines.values()
]


@pytest.mark.parametrize(
    ("language", "routine"), TRANSLATED, ids=lambda v: v if isinstance(v, str) else v.id
)
def test_every_pictured_step_fits_a_photo_caption_in_every_language(language, routine):
    """The same promise in each language: translated step, bot texts and legend fit, on
    every screen the step can be drawn on (the cautions under a first step only come with a
    gentle routine chosen after high pain, see player._gentle_chosen)."""
    screens = SCREENS if is_gentle(routine) else [s for s in SCREENS if not s.get("cautions")]
    with use_language(language):
        for index, step in enumerate(routine.steps):
            if step.picture is None:
                continue
            legend = LEGENDS[language][step.picture]
            assert legend, (language, step.picture)  # every picture explained, translated
            for screen in screens:
                caption = texts.step_caption(routine, index, legend=legend, **screen)
                assert caption is not None, (language, routine.id, index, screen)
                plain, _ = parse_telegram_html(caption)
                assert 0 < len(plain) <= 1024
                if not screen.get("cautions"):  # day to day, nothing is cut
                    expected = texts.step_screen(routine, index, legend=legend, **screen)
                    assert caption == expected, (language, routine.id, index)


def test_every_language_has_every_routine_with_its_pictures():
    english = LIBRARIES["en"].routines
    for language, library in LIBRARIES.items():
        assert library.routines.keys() == english.keys(), language
        for routine_id, routine in library.routines.items():
            pictures = [s.picture for s in routine.steps]
            assert pictures == [s.picture for s in english[routine_id].steps], language


def long_step_routine(instruction: str):
    routine = LIBRARY.routines["lower-back-ball"]
    step = dataclasses.replace(routine.steps[1], instruction=instruction, avoid="The spine.")
    return dataclasses.replace(routine, steps=(routine.steps[0], step))


def test_a_caption_too_long_is_cut_after_a_whole_sentence_keeping_the_safety_lines():
    sentence = "Roll the ball slowly up and down beside the spine, breathing out as you go. "
    routine = long_step_routine(sentence * 20)
    legend = ("Ball: beside the spine.", "Hatched: never on the spine.")
    caption = texts.step_caption(routine, 1, legend=legend, paused=True)
    plain, _ = parse_telegram_html(caption)
    assert 900 < len(plain) <= 1024
    assert "go. …" in plain and "Avoid: The spine." in plain and "Paused" in plain
    assert "Hatched: never on the spine." in plain


def test_a_step_whose_first_sentence_cannot_fit_a_caption_is_left_to_text():
    routine = long_step_routine("Roll the ball " + "slowly, " * 200 + "beside the spine.")
    assert texts.step_caption(routine, 1, legend=("Ball: beside the spine.",)) is None
    plain, _ = parse_telegram_html(texts.step_screen(routine, 1))
    assert len(plain) <= 4096  # shown as text instead, in full


def test_every_tool_chooser_callback_fits():
    chooser = LIBRARY.tool_chooser
    for question in chooser.questions:
        for option in question.options:
            answer = callbacks.ToolsAnswer(question.key, option.key)
            assert callbacks.unpack(answer.pack()) == answer  # pack refuses over 64 bytes
    for answers in chooser.all_answer_combinations():
        found = chooser.recommend(answers)
        assert found.routine_id in LIBRARY.routines
        assert len(callbacks.StartRoutine(found.routine_id).pack().encode()) <= MAX_BYTES


def test_equipment_keyboard_fits_and_marks_what_is_owned():
    markup = menu._equipment_keyboard(["ball"], then_menu=True)
    labels = [b.text for row in markup.inline_keyboard for b in row]
    assert "✅ Massage ball" in labels and "▫️ Foam roller" in labels
    assert all(len(d.encode()) <= MAX_BYTES for d in callback_data(markup))
