"""Everyday words (domain/smalltalk.py) on the labelled corpus, and what they interrupt."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from benchmarks.corpus_small_talk import TARGET_CORRECT, load_cases, measure, report
from domain.models import PainEntry
from domain.onboarding import redated
from domain.smalltalk import classify, is_not_an_answer

CASES = load_cases()


def test_corpus_covers_every_label():
    assert {c.label for c in CASES} == {"greeting", "thanks", "help", "none", "place"}
    assert len(CASES) >= 100


@pytest.mark.parametrize("split", ["dev", "unseen"])
def test_everyday_words_are_read_and_nothing_else_is_taken_for_them(split):
    result = measure(c for c in CASES if c.split == split)
    shown = report(split, result)
    assert result.false_answers == [], shown  # a report answered with "hi" is worse
    assert result.places_taken == [], shown  # a city is always a zone answer
    assert result.share() >= TARGET_CORRECT, shown


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("hi", "greeting"), ("help", "help"), ("thanks!", "thanks"), ("hi, pain 4", None)],
)
def test_the_words_of_the_issue(typed, kind):
    assert classify(typed) == kind


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("hola", "greeting"),
        ("Buenos días!", "greeting"),
        ("muchas gracias 🙏", "thanks"),
        ("ayuda", "help"),
        ("Guten Morgen", "greeting"),
        ("Vielen Dank!", "thanks"),
        ("Hilfe", "help"),
        ("Привет", "greeting"),
        ("спасибо большое", "thanks"),
        ("помогите", "help"),
        ("Buenos Aires", None),  # a city, at the time-zone question
        ("gracias, dolor 5", None),
    ],
)
def test_everyday_words_in_the_languages_the_bot_speaks(typed, kind):
    assert classify(typed) == kind


@pytest.mark.parametrize(
    "typed", ["pain 4", "my back is killing me", "I fell off my bike yesterday", "hi"]
)
def test_a_report_a_sign_or_small_talk_is_not_an_answer_to_a_question(typed):
    assert is_not_an_answer(typed)


@pytest.mark.parametrize("typed", ["Berlin", "Europe/Berlin", "UTC+2", "what?"])
def test_a_place_or_something_unclear_may_be_an_answer(typed):
    assert not is_not_an_answer(typed)


def test_reports_sent_before_the_zone_move_to_their_local_date():
    late_evening = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)  # already the 29th in Berlin
    entry = PainEntry(id="a", recorded_at=late_evening, local_date=date(2026, 3, 28), level=4)
    noon = PainEntry(
        id="b", recorded_at=late_evening.replace(hour=12), local_date=date(2026, 3, 28), level=2
    )
    assert redated([entry, noon], "Europe/Berlin") == [
        PainEntry(id="a", recorded_at=late_evening, local_date=date(2026, 3, 29), level=4)
    ]
    assert redated([entry], "America/New_York") == []  # 19:30 on the 28th there
