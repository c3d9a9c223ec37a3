"""Treatments and factors in plain words (domain/factors.py): what is recorded, and what is
left to the pain diary."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from benchmarks.corpus_pain_reports import load_cases as pain_corpus
from domain.factors import (
    FactorParse,
    FactorTypeError,
    asks_about_medicine,
    describe,
    factor_key,
    parse_factors,
    parse_typed,
    read_message,
)
from domain.pain import parse_pain_message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("took ibuprofen 400", FactorParse("medication", "ibuprofen", 400, "")),
        ("2 paracetamol", FactorParse("medication", "paracetamol", 2, "")),
        ("Took 400mg Ibuprofen", FactorParse("medication", "Ibuprofen", 400, "mg")),
        ("heat pack 20 min", FactorParse("heat_cold", "heat pack", 20, "min")),
        ("walked 30 min", FactorParse("activity", "walked", 30, "min")),
        ("slept badly", FactorParse("sleep", "slept badly", None, "")),
        ("sat 9 hours", FactorParse("sitting", "sat", 9, "hours")),
        ("stressful day", FactorParse("stress", "stressful day", None, "")),
        ("physio today", FactorParse("therapy", "physio", None, "")),
        ("ice on my back 15 minutes", FactorParse("heat_cold", "ice", 15, "minutes")),
        ("yoga class", FactorParse("activity", "yoga class", None, "")),
        ("couldn't sleep", FactorParse("sleep", "couldn't sleep", None, "")),
        ("long drive 3 hours", FactorParse("sitting", "long drive", 3, "hours")),
        ("slept 1.5 hours", FactorParse("sleep", "slept", 1.5, "hours")),
    ],
)
def test_a_factor_in_plain_words_is_read_with_its_kind_name_and_amount(text, expected):
    reading = read_message(text)
    assert reading.factors == (expected,)
    assert reading.pain_too is False  # nothing in it for the pain diary


def test_a_medication_keeps_the_users_own_spelling_and_unknown_names_need_a_dose():
    assert parse_factors("took 2 Nurofen")[0].name == "Nurofen"
    assert parse_factors("co-codamol 30mg")[0].name == "co-codamol"
    assert parse_factors("took the kids to school") == ()


def test_several_factors_in_one_message_are_each_read():
    found = parse_factors("2 ibuprofen and a heat pack, walked 20 min")
    assert [(f.kind, f.name) for f in found] == [
        ("medication", "ibuprofen"),
        ("heat_cold", "heat pack"),
        ("activity", "walked"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "should I take ibuprofen?",
        "how much ibuprofen can I take",
        "I'll go for a walk later",
        "physio tomorrow at 10",
        "ran out of paracetamol",
        "didn't take anything today",
        "no painkillers today",
        "I work at a desk",
        "ice cream after dinner",
        "good night",
        "I love swimming",
        "my physio says hi",
        "stress makes it worse",
        "remind me to walk at 7",
    ],
)
def test_a_question_plan_denial_or_comment_is_not_a_factor(text):
    assert parse_factors(text) == ()


def test_a_factor_and_a_pain_level_are_both_kept():
    reading = read_message("took 2 ibuprofen, pain 6")
    assert reading.factors == (FactorParse("medication", "ibuprofen", 2, ""),)
    assert reading.pain_too is True
    assert parse_pain_message("took 2 ibuprofen, pain 6").level == 6


def test_a_cause_named_in_a_pain_report_stays_the_reports_note():
    for text in (
        "pain 6 after sitting all day",
        "back 7 from sitting in the car",
        "pain 5, after yoga",
    ):
        assert read_message(text) == read_message("pain 6")  # no factor, the diary reads it
        assert read_message(text).pain_too is True
    assert parse_pain_message("pain 6 after sitting all day").note == "after sitting all day"


def test_pain_named_beside_a_factor_is_left_to_the_diary_to_ask_about():
    assert read_message("took ibuprofen, back still hurts").pain_too is True
    # ... but a treatment on the back says nothing about how it feels
    assert read_message("ice pack on my lower back 10 min").pain_too is False


def test_no_pain_report_of_the_pain_corpus_is_taken_from_the_diary():
    """Every message the pain diary understands (a report, or a question to ask back) is
    still handed to it, whatever factors it also holds."""
    for case in pain_corpus():
        if parse_pain_message(case.text).kind != "none":
            assert read_message(case.text).pain_too, case.text


def test_an_entry_is_described_as_the_user_wrote_it():
    assert describe(FactorParse("medication", "ibuprofen", 400.0, "")) == "ibuprofen 400"
    assert describe(FactorParse("heat_cold", "heat pack", 20.0, "min")) == "heat pack 20 min"
    assert describe(FactorParse("sleep", "slept", 7.5, "hours")) == "slept 7.5 hours"
    assert describe(FactorParse("sleep", "slept badly")) == "slept badly"


def test_the_same_factor_written_alike_groups_under_one_key():
    assert factor_key("Walked") == factor_key("walking") == factor_key("a walk") == "walk"
    assert factor_key("Ibuprofen") == "ibuprofen" != factor_key("paracetamol")


@pytest.mark.parametrize(
    ("typed", "kind", "expected"),
    [
        ("Naproxen 250 mg", "medication", FactorParse("medication", "Naproxen", 250, "mg")),
        ("2 x my blue pills", "medication", FactorParse("medication", "my blue pills", 2, "")),
        ("walk 30 min", "activity", FactorParse("activity", "walk", 30, "min")),
        ("slept 6,5 hours", "sleep", FactorParse("sleep", "slept", 6.5, "hours")),
        ("steps 12,000", "activity", FactorParse("activity", "steps", 12000, "")),
        ("osteopath", "therapy", FactorParse("therapy", "osteopath")),
        # In the other languages the bot speaks: the unit stays with its number.
        ("ибупрофен 400 мг", "medication", FactorParse("medication", "ибупрофен", 400, "мг")),
        ("грелка 20 мин", "heat_cold", FactorParse("heat_cold", "грелка", 20, "мин")),
        ("paseo 30 minutos", "activity", FactorParse("activity", "paseo", 30, "minutos")),
        (
            "Wärmflasche 20 Minuten",
            "heat_cold",
            FactorParse("heat_cold", "Wärmflasche", 20, "Minuten"),
        ),
    ],
)
def test_a_name_typed_on_log_keeps_the_users_words_and_amount(typed, kind, expected):
    assert parse_typed(typed, kind) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("400", "no_name"), ("  ", "no_name"), ("x" * 80, "too_long"), ("walk 999999", "too_big")],
)
def test_a_typed_name_that_cannot_be_kept_says_why(typed, reason):
    with pytest.raises(FactorTypeError) as raised:
        parse_typed(typed, "activity")
    assert raised.value.reason == reason


def test_a_question_about_taking_a_medicine_is_recognised_and_nothing_else():
    for question in ("should I take ibuprofen?", "how much paracetamol can I take", "what dose?"):
        assert asks_about_medicine(question), question
    for other in ("took ibuprofen 400", "is it ok to use heat?", "how are you?"):
        assert not asks_about_medicine(other), other


# ------------------------------------------------------------- days of the past week

THURSDAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("text", "days_back"),
    [
        ("took ibuprofen 400 yesterday", 1),
        ("walked 30 min yesterday evening", 1),
        ("on monday I sat 9 hours", 3),
        ("swam 20 lengths last tuesday", 2),
        ("went to physio the day before yesterday", 2),
        ("had a massage 3 days ago", 3),
        ("went for a walk on thursday", 7),  # today's weekday named: a week back
        ("had 3 beers last night", 1),  # what else happened last night: yesterday evening
        ("slept badly last night", 0),  # a night is logged on the morning after
        ("took ibuprofen 400", 0),
    ],
)
def test_a_day_of_the_past_week_dates_the_factor(text, days_back):
    reading = read_message(text, THURSDAY)
    assert reading.factors and not reading.too_far
    assert reading.day == THURSDAY - timedelta(days=days_back)


def test_the_named_day_is_no_part_of_the_factor():
    (found,) = read_message("took ibuprofen 400 yesterday", THURSDAY).factors
    assert (found, found.note) == (FactorParse("medication", "ibuprofen", 400, ""), "")


@pytest.mark.parametrize(
    "text", ["took ibuprofen last week", "had physio 2 weeks ago", "walked 5 km 10 days ago"]
)
def test_a_day_further_back_than_a_week_is_declined(text):
    reading = read_message(text, THURSDAY)
    assert reading.factors and reading.too_far


@pytest.mark.parametrize(
    "text",
    [
        "physio on friday",  # a plan, or a day gone: not guessed
        "massage booked for tuesday",
        "massage on tuesday, so excited",
        "going for a swim on saturday",
        "will take ibuprofen tomorrow",
        "walked yesterday and today",  # two days in one message
        "on mondays I swam 20 lengths",  # a habit
        "ran out of paracetamol yesterday",
    ],
)
def test_a_plan_or_two_days_records_nothing(text):
    assert read_message(text, THURSDAY).factors == ()


def test_without_todays_date_another_day_records_nothing():
    assert read_message("took ibuprofen 400 yesterday").factors == ()


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("took 2 ibuprofen with food", "with food"),
        ("heat pack on my lower back 20 min", "on my lower back"),
        ("ice pack on my neck for 15 min yesterday", "on my neck"),
        ("walked 30 min with the dog", "with the dog"),
        ("took ibuprofen 400 this morning", ""),
        ("slept badly", ""),
    ],
)
def test_words_beside_a_factor_are_its_note(text, note):
    (found,) = read_message(text, THURSDAY).factors
    assert found.note == note
