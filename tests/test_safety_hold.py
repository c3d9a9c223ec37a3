"""The hold after a serious warning sign: when it starts, grows, asks and survives bad data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.safety_hold import (
    ASK_AGAIN_AFTER_DAYS,
    SafetyHold,
    asked,
    due_to_ask,
    hold_after_sign,
    says_doctor_checked,
)
from storage.codec import decode, encode

DAY = date(2026, 3, 29)


@pytest.mark.parametrize("tier", ["emergency", "same_day"])
def test_a_serious_sign_starts_a_hold(tier):
    assert hold_after_sign(None, tier, DAY) == SafetyHold(since=DAY, tier=tier)


def test_a_sign_to_mention_holds_nothing():
    assert hold_after_sign(None, "mention", DAY) is None
    held = SafetyHold(DAY, "same_day")
    assert hold_after_sign(held, "mention", DAY + timedelta(days=1)) == held


def test_a_more_urgent_sign_upgrades_the_hold_and_keeps_its_start():
    held = SafetyHold(DAY, "same_day")
    later = DAY + timedelta(days=2)
    assert hold_after_sign(held, "emergency", later) == SafetyHold(DAY, "emergency", later)
    assert hold_after_sign(SafetyHold(DAY, "emergency"), "same_day", later).tier == "emergency"


def test_a_new_sign_during_a_hold_puts_off_the_gentle_question():
    """Fresh advice was just given: "have you seen a doctor?" right after it would jar."""
    later = DAY + timedelta(days=ASK_AGAIN_AFTER_DAYS + 1)
    renewed = hold_after_sign(SafetyHold(DAY, "emergency"), "emergency", later)
    assert not due_to_ask(renewed, later)
    assert due_to_ask(renewed, later + timedelta(days=ASK_AGAIN_AFTER_DAYS))


def test_the_bot_asks_after_a_few_days_and_then_not_daily():
    held = SafetyHold(DAY, "emergency")
    assert not due_to_ask(None, DAY)
    assert not due_to_ask(held, DAY + timedelta(days=ASK_AGAIN_AFTER_DAYS - 1))
    ask_day = DAY + timedelta(days=ASK_AGAIN_AFTER_DAYS)
    assert due_to_ask(held, ask_day)
    after = asked(held, ask_day)
    assert not due_to_ask(after, ask_day + timedelta(days=1))
    assert due_to_ask(after, ask_day + timedelta(days=ASK_AGAIN_AFTER_DAYS))


def test_a_hold_round_trips_through_the_profile():
    held = asked(SafetyHold(DAY, "same_day"), DAY + timedelta(days=3))
    assert decode(SafetyHold, encode(held)) == held


@pytest.mark.parametrize(
    "text",
    [
        "I've seen a doctor",
        "saw my GP this morning, all fine",
        "went to A&E yesterday and they checked everything",
        "the doctor checked me",
        "been to the hospital, physio cleared me",
        "Doctor has examined me",
    ],
)
def test_saying_a_doctor_has_checked_counts(text):
    assert says_doctor_checked(text)


@pytest.mark.parametrize(
    "text",
    [
        "should I see a doctor?",
        "I'll see my GP tomorrow",
        "haven't seen a doctor yet",
        "appointment is on friday",
        "my back hurts 6",
        "the doctor told me to rest last year",
        "going to the hospital now",
        "I never saw a doctor, pain is the same",
        "not seen a doctor yet",
        "My wife went to the doctor",
        "I went to the GP, he said to go to A&E now",
        "The GP saw me and sent me to hospital for an urgent MRI",
        "I wish I had seen a doctor",
        "I saw a doctor on TV",
    ],
)
def test_plans_and_questions_are_not_a_check(text):
    assert not says_doctor_checked(text)


@pytest.mark.parametrize(
    "text",
    [
        "Fui al médico y está todo bien",
        "el médico me revisó ayer",
        "Ich war heute beim Arzt",
        "Die Ärztin hat mich untersucht, alles ok",
        "Я был у врача",
        "врач меня осмотрел, всё нормально",
    ],
)
def test_a_check_said_in_spanish_german_or_russian_offers_the_button(text):
    assert says_doctor_checked(text)


@pytest.mark.parametrize(
    "text",
    [
        "¿debería ir al médico?",
        "mañana voy al médico",
        "todavía no fui al médico",
        "Ich war noch nicht beim Arzt",
        "Morgen habe ich einen Termin beim Arzt",
        "я не был у врача",
        "завтра пойду к врачу",
        "нужно к врачу?",
    ],
)
def test_a_plan_or_a_question_in_another_language_is_no_check(text):
    assert not says_doctor_checked(text)
