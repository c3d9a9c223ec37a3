"""Warning signs in what people write, and the advice and limits that follow from them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.models import PainEntry
from domain.redflags import (
    HIGH_PAIN_LEVEL,
    RedFlag,
    avoid_firm_today,
    detect_red_flags,
    high_pain_alert,
    safety_advice,
)

SADDLE = RedFlag.SADDLE_NUMBNESS
BLADDER = RedFlag.BLADDER_BOWEL
LEGS = RedFlag.LEG_NUMBNESS
WEAK = RedFlag.LEG_WEAKNESS
FEVER = RedFlag.FEVER
TRAUMA = RedFlag.TRAUMA
WEIGHT = RedFlag.WEIGHT_LOSS
NIGHT = RedFlag.NIGHT_PAIN

FLAGGED: list[tuple[str, set[RedFlag]]] = [
    # numbness or tingling in the legs
    ("numbness in my legs", {LEGS}),
    ("my legs are numb", {LEGS}),
    ("numb leg since this morning", {LEGS}),
    ("tingly feet", {LEGS}),
    ("my toes are tingling", {LEGS}),
    ("pins and needles in my left leg", {LEGS}),
    ("I can't feel my foot", {LEGS}),
    ("cannot feel my toes properly", {LEGS}),
    ("lost feeling in my thigh", {LEGS}),
    ("tingling down the back of my calf", {LEGS}),
    ("some numbness", {LEGS}),
    ("Tingling!", {LEGS}),
    ("I don't know why my legs are numb", {LEGS}),
    ("no fever but my legs are tingling", {LEGS}),
    ("pain 6, and my foot feels numb", {LEGS}),
    # saddle area (urgent)
    ("numb bum", {SADDLE}),
    ("numbness in the groin", {SADDLE}),
    ("numbness between my legs", {SADDLE}),
    ("saddle numbness", {SADDLE}),
    ("my inner thighs are tingling", {SADDLE}),
    ("can't feel my bottom when I sit on the toilet", {SADDLE}),
    ("tingling around my genitals", {SADDLE}),
    # bladder and bowels (urgent)
    ("losing control of my bladder", {BLADDER}),
    ("I lost control of my bowels", {BLADDER}),
    ("I wet myself today", {BLADDER}),
    ("I can't pee", {BLADDER}),
    ("I can't pee properly since yesterday", {BLADDER}),
    ("cannot urinate", {BLADDER}),
    ("trouble peeing", {BLADDER}),
    ("difficulty urinating since the pain started", {BLADDER}),
    ("incontinence", {BLADDER}),
    ("I've become incontinent", {BLADDER}),
    ("bladder problems since Monday", {BLADDER}),
    ("bowel control is gone", {BLADDER}),
    ("no bladder control", {BLADDER}),
    ("leaking urine", {BLADDER}),
    ("I soiled myself", {BLADDER}),
    ("I can't feel when I need to pee", {BLADDER}),
    # fever
    ("I have a fever", {FEVER}),
    ("feverish and back pain 7", {FEVER}),
    ("temperature of 39", {FEVER}),
    ("my temp is 38.5", {FEVER}),
    ("running a temperature", {FEVER}),
    ("high temperature since yesterday", {FEVER}),
    ("night sweats and chills", {FEVER}),
    ("temperature 102 F", {FEVER}),
    # fall, accident, injury
    ("fell off my bike", {TRAUMA}),
    ("I fell down the stairs", {TRAUMA}),
    ("since the car accident", {TRAUMA}),
    ("after a fall last week", {TRAUMA}),
    ("I had a bad fall", {TRAUMA}),
    ("I slipped on the ice", {TRAUMA}),
    ("tripped over the dog", {TRAUMA}),
    ("car crash on Friday", {TRAUMA}),
    ("I was rear-ended", {TRAUMA}),
    ("whiplash", {TRAUMA}),
    ("sports injury", {TRAUMA}),
    ("I injured my back at the gym", {TRAUMA}),
    ("landed on my tailbone", {TRAUMA}),
    ("I have no idea why I fell", {TRAUMA}),
    ("pain since the fall", {TRAUMA}),
    ("I was hit by a car", {TRAUMA}),
    # weight loss
    ("lost 5 kg without trying", {WEIGHT}),
    ("I've lost 10 pounds for no reason", {WEIGHT}),
    ("unexplained weight loss", {WEIGHT}),
    ("losing weight and I don't know why", {WEIGHT}),
    ("lost a lot of weight without dieting", {WEIGHT}),
    # night pain
    ("wakes me up at night", {NIGHT}),
    ("the pain wakes me", {NIGHT}),
    ("it keeps me up at night", {NIGHT}),
    ("pain is worse at night", {NIGHT}),
    ("night pain", {NIGHT}),
    ("my back hurts at night", {NIGHT}),
    ("woken by the pain again", {NIGHT}),
    ("I keep waking up at night because of the pain", {NIGHT}),
    ("can't sleep because of the pain", {NIGHT}),
    # weakness
    ("my leg gives way", {WEAK}),
    ("weak legs", {WEAK}),
    ("weakness in my left leg", {WEAK}),
    ("foot drop", {WEAK}),
    # several at once
    ("fever and numbness in my legs", {FEVER, LEGS}),
    ("fell off a ladder. Now I can't pee", {TRAUMA, BLADDER}),
    ("numb groin and wet myself", {SADDLE, BLADDER}),
    ("no fever, but it wakes me up at night", {NIGHT}),
    ("NUMBNESS IN MY LEGS", {LEGS}),
    ("my legs are numb’ and I can’t pee", {LEGS, BLADDER}),
]

NOT_FLAGGED: list[str] = [
    "no numbness",
    "No numbness or tingling",
    "without tingling",
    "not numb",
    "my legs are not numb",
    "never had a fever",
    "no fever or tingling",
    "no numbness, tingling or weakness in my legs",
    "I didn't fall",
    "I didn't fall down, just stiff",
    "no bladder problems",
    "no trouble with my bladder or bowels",
    "I haven't lost weight",
    "there's no fever",
    "no pins and needles",
    "it doesn't wake me at night",
    "lower back 4 after sitting",
    "pain 6",
    "neck 5, stiff after work",
    "upper back 2 after the roller",
    "my back hurts",
    "everything hurts 8",
    "no pain today",
    "I fell asleep on the sofa, pain 3",
    "slipped disc, pain 6",
    "cabin fever lol",
    "hay fever is back",
    "it's 38 degrees outside, pain 4",
    "I lost 5 kg on my diet",
    "I stretch at night, pain 3",
    "my alarm wakes me at 6",
    "bladder is fine",
    "I need to pee",
    "In the fall I did yoga",
    "my fingers are tingling",
    "thanks, see you tomorrow",
    "",
    "I walked 5 km today",
    "the numbers look good",
    "lower back 5, sitting too long",
]


@pytest.mark.parametrize(("message", "expected"), FLAGGED)
def test_red_flag_is_noticed_in_plain_words(message: str, expected: set[RedFlag]) -> None:
    assert set(detect_red_flags(message)) == expected


@pytest.mark.parametrize("message", NOT_FLAGGED)
def test_negated_or_ordinary_message_raises_no_red_flag(message: str) -> None:
    assert detect_red_flags(message) == []


def test_at_least_a_hundred_phrasings_are_covered() -> None:
    assert len(FLAGGED) + len(NOT_FLAGGED) >= 100


def test_flags_come_once_each_in_a_stable_order() -> None:
    flags = detect_red_flags("numb legs. fever. numb feet again. I have a fever")
    assert flags == [LEGS, FEVER]


def test_only_bladder_bowel_and_saddle_numbness_are_urgent() -> None:
    assert {flag for flag in RedFlag if flag.urgent} == {SADDLE, BLADDER}


def test_codes_are_unique_and_stable() -> None:
    codes = [flag.code for flag in RedFlag]
    assert len(set(codes)) == len(codes)
    assert RedFlag.BLADDER_BOWEL.code == "bladder_bowel"


@pytest.mark.parametrize("flag", [SADDLE, BLADDER])
def test_urgent_flag_advises_emergency_care_now(flag: RedFlag) -> None:
    advice = safety_advice([flag])
    assert "emergency department" in advice
    assert "now" in advice
    assert flag.description in advice


@pytest.mark.parametrize("flag", [LEGS, WEAK, FEVER, TRAUMA, WEIGHT, NIGHT])
def test_other_flags_advise_prompt_medical_advice(flag: RedFlag) -> None:
    advice = safety_advice([flag])
    assert "doctor" in advice
    assert "care now" not in advice
    assert flag.description in advice


def test_advice_for_mixed_flags_is_urgent_and_names_them_all() -> None:
    advice = safety_advice([LEGS, BLADDER])
    assert "urgent medical care now" in advice
    assert LEGS.description in advice and BLADDER.description in advice


@pytest.mark.parametrize("flags", [[flag] for flag in RedFlag] + [list(RedFlag)])
def test_advice_is_plain_text_and_makes_no_diagnosis(flags: list[RedFlag]) -> None:
    advice = safety_advice(flags)
    assert not any(mark in advice for mark in ("<", ">", "*", "_", "`"))
    lowered = advice.lower()
    assert not any(word in lowered for word in ("cauda", "equina", "cancer", "infection"))


def test_no_flags_give_no_advice() -> None:
    assert safety_advice([]) == ""


TODAY = date(2025, 3, 10)


def _entry(day: date, level: int, n: int = 0) -> PainEntry:
    at = datetime(day.year, day.month, day.day, 12, tzinfo=UTC) + timedelta(minutes=n)
    return PainEntry(id=f"{day}-{n}", recorded_at=at, local_date=day, level=level)


def _days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


@pytest.mark.parametrize(
    ("levels_by_days_ago", "expected"),
    [
        ({0: [8], 1: [9]}, True),
        ({0: [8], 2: [8]}, True),
        ({1: [10], 2: [8]}, True),
        ({0: [8], 3: [9]}, False),  # four days apart: outside the three-day window
        ({0: [8, 9, 10]}, False),  # one bad day only, however many reports
        ({0: [7], 1: [7], 2: [7]}, False),
        ({0: [8], 1: [2, 8]}, True),
        ({-1: [9], 0: [9]}, False),  # a future-dated entry never counts
        ({}, False),
    ],
)
def test_high_pain_alert_needs_two_severe_days_within_three(
    levels_by_days_ago: dict[int, list[int]], expected: bool
) -> None:
    entries = [
        _entry(_days_ago(ago), level, n)
        for ago, levels in levels_by_days_ago.items()
        for n, level in enumerate(levels)
    ]
    assert high_pain_alert(entries, TODAY) is expected


def test_avoid_firm_pressure_on_a_red_flag_day() -> None:
    assert avoid_firm_today(True, [], TODAY) is True
    assert avoid_firm_today(False, [], TODAY) is False


def test_avoid_firm_pressure_when_pain_is_severe_today() -> None:
    severe = [_entry(TODAY, HIGH_PAIN_LEVEL)]
    mild_today = [_entry(TODAY, HIGH_PAIN_LEVEL - 1), _entry(_days_ago(1), HIGH_PAIN_LEVEL)]
    assert avoid_firm_today(False, severe, TODAY) is True
    assert avoid_firm_today(False, mild_today, TODAY) is False
    assert avoid_firm_today(False, severe, TODAY + timedelta(days=1)) is False


_FRAGMENTS = st.sampled_from(
    ["no", "not", "numb", "tingling", "legs", "groin", "bladder", "fever", "fell", "at night",
     "can't", "pee", "lost 5 kg", "without trying", ".", ",", "but", "\u200b", "\x00", "’",
     "wakes me up", "😣", "٦", "temperature", "39"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=300),
        st.lists(st.one_of(_FRAGMENTS, st.text(max_size=4)), max_size=15).map(" ".join),
    )
)
def test_any_message_is_checked_without_crashing(text: str) -> None:
    flags = detect_red_flags(text)
    assert len(flags) == len(set(flags))
    assert all(isinstance(flag, RedFlag) for flag in flags)
    assert isinstance(safety_advice(flags), str)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.large_base_example])
@given(st.text(min_size=4000, max_size=4096, alphabet=st.characters(codec="utf-8")))
def test_longest_message_is_checked_without_crashing(text: str) -> None:
    assert isinstance(detect_red_flags(text), list)
