"""The safety net: which messages without a detected sign still get the emergency check."""

from __future__ import annotations

import pytest

from domain.safety_check import worth_asking


@pytest.mark.parametrize(
    "text",
    [
        "urine is not passing properly, only drops are coming",
        "my seat area is becoming numb since this morning",
        "erection is not coming properly since 4 days",
        "my chest is paining me and it is going to my back",
        "shooting pain down the back of both thighs",
        "bowels gone weird, stuff comes out without me knowing",
        "sudden ripping pain in my back",
    ],
)
def test_emergency_body_words_without_a_detected_sign_are_asked_about(text):
    assert worth_asking(text)


@pytest.mark.parametrize(
    "text",
    [
        "pain 4 today",
        "no trouble peeing, back 6",
        "I have no problems with the bladder, only pain in the low back",
        "sex is fine, just back pain 4",
        "a wee bit sore today",
        "tearing my hair out with this back",
        "stiff after gardening, 5",
    ],
)
def test_calm_or_self_negated_messages_are_not_asked_about(text):
    assert not worth_asking(text)


def test_a_negation_does_not_reach_past_its_clause():
    assert worth_asking("no pain, just my seat area feels odd")
    assert worth_asking("no fever but peeing is strange")


def test_the_seat_is_asked_about_only_with_a_change_of_feeling():
    assert not worth_asking("buttock 4")
    assert not worth_asking("my bum aches after cycling, 3")
    assert worth_asking("the skin around my bottom feels frozen, like at the dentist")
