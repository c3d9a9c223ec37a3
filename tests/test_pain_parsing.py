"""How the bot reads a plain chat message as a pain-diary entry (0-10 numeric rating scale)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.pain import (
    AREA_SYNONYMS,
    AREAS,
    PAIN_AREAS,
    PainParse,
    area_label,
    format_level,
    parse_pain_message,
)
from domain.routines import area_goal

LB, UB, NS, WB, HB, LG, BS, MB, BU, HP = PAIN_AREAS

# (message, level, area, words the note must contain or "" for an empty note)
REPORTS: list[tuple[str, int, str | None, str]] = [
    ("pain 6", 6, None, ""),
    ("6/10", 6, None, ""),
    ("6 out of 10", 6, None, ""),
    ("6 of 10", 6, None, ""),
    ("7", 7, None, ""),
    ("0", 0, None, ""),
    ("10", 10, None, ""),
    ("10/10", 10, None, ""),
    ("0/10", 0, None, ""),
    ("lower back 4", 4, LB, ""),
    ("my back is at 3 today", 3, None, ""),
    ("neck 5, stiff after work", 5, NS, "stiff after work"),
    ("upper back 2 after the roller", 2, UB, "after the roller"),
    ("no pain today", 0, None, ""),
    ("No pain", 0, None, ""),
    ("pain free", 0, None, ""),
    ("pain-free today!", 0, None, ""),
    ("painfree", 0, None, ""),
    ("no back pain at all", 0, None, ""),
    ("no pain after the stretches", 0, None, "after the stretches"),
    ("3 days pain free", 0, None, "3 days"),
    ("Pain level 4", 4, None, ""),
    ("pain level: 3/10 (lower back)", 3, LB, ""),
    ("pain is a 5", 5, None, ""),
    ("4 / 10", 4, None, ""),
    ("back pain 6", 6, None, ""),
    ("back 5", 5, None, ""),
    ("Back: 6", 6, None, ""),
    ("shoulders 3", 3, NS, ""),
    ("shoulder 2", 2, NS, ""),
    ("neck and shoulders 7", 7, NS, ""),
    ("neck & shoulders 7", 7, NS, ""),
    ("nape 3", 3, NS, ""),
    ("whole back 5", 5, WB, ""),
    ("entire back 6", 6, WB, ""),
    ("pain all over 6", 6, WB, ""),
    ("everything hurts 8", 8, WB, ""),
    ("lumbar 6", 6, LB, ""),
    ("low back 3", 3, LB, ""),
    ("lower-back: 5", 5, LB, ""),
    ("LB 4", 4, LB, ""),
    ("upper-back 4", 4, UB, ""),
    ("mid back 3", 3, MB, ""),
    ("between my shoulder blades 3", 3, BS, ""),
    ("shoulder blades 4", 4, UB, ""),
    ("pain five", 5, None, ""),
    ("pain zero", 0, None, ""),
    ("three out of ten", 3, None, ""),
    ("Seven", 7, None, ""),
    ("pain 6!!", 6, None, ""),
    ("😣 7/10", 7, None, ""),
    ("7 😊", 7, None, ""),
    ("   pain 6   ", 6, None, ""),
    ("PAIN 6", 6, None, ""),
    ("LOWER BACK 4", 4, LB, ""),
    ("6/10 today", 6, None, ""),
    ("pain six, stiff", 6, None, "stiff"),
    ("stiff 4", 4, None, "stiff"),
    ("sore shoulders, maybe 5", 5, NS, "sore"),
    ("Lower back 4 after sitting", 4, LB, "after sitting"),
    ("pain 6 in my lower back after gardening", 6, LB, "after gardening"),
    ("lower back 5 today after a long drive", 5, LB, "after a long drive"),
    ("my lower back is killing me, 9", 9, LB, "killing me"),
    ("Pain 6 - worse after sitting", 6, None, "worse after sitting"),
    ("pain (0-10): 4, better", 4, None, "better"),
    ("on a scale of 1 to 10 my pain is 6", 6, None, ""),
    ("pain 6 at 3pm", 6, None, "3pm"),
    ("had 3 coffees, pain 4", 4, None, "had 3 coffees"),
    ("my back hurts since 3 days, about 6", 6, None, "since 3 days"),
    ("pain—6", 6, None, ""),
    ("pain 05", 5, None, ""),
    ("pain 4.0", 4, None, ""),
    ("back ache 2", 2, None, ""),
    ("my back hurts, 7", 7, None, ""),
    ("sciatica 6", 6, LG, "sciatica"),
    ("pain 4 shoulders", 4, NS, ""),
    ("5 lower back", 5, LB, ""),
    ("pain 6 vs yesterday", 6, None, "vs yesterday"),
    ("6/10 pain 6", 6, None, ""),
    ("neck 1 :)", 1, NS, ""),
    ("pain 6\n", 6, None, ""),
    ("pain\t6", 6, None, ""),
    ("it's a 3 for the upper back", 3, UB, "for"),
    ("traps 5", 5, NS, ""),
]

# (message, level, rounded_from)
ROUNDED: list[tuple[str, int, float]] = [
    ("pain: 7.5", 8, 7.5),
    ("6.5", 7, 6.5),
    ("pain 4.49", 4, 4.49),
    ("lower back 2.5", 3, 2.5),
    ("0.4/10", 0, 0.4),
    ("9.5", 10, 9.5),
    ("pain 7,5", 8, 7.5),  # a decimal comma, not two numbers
]

# (message, reason)
UNCLEAR: list[tuple[str, str]] = [
    ("pain 12", "out_of_range"),
    ("-3", "out_of_range"),
    ("−2", "out_of_range"),
    ("pain -1", "out_of_range"),
    ("pain 11/10", "out_of_range"),
    ("12", "out_of_range"),
    ("10.5", "out_of_range"),
    ("pain eleven", "out_of_range"),
    ("pain 9999999999999999999999999", "out_of_range"),
    ("5-6", "range"),
    ("5 to 6", "range"),
    ("pain 5–6/10", "range"),
    ("pain 5 or 6", "range"),
    ("five to six out of ten", "range"),
    ("lower back 4 neck 6", "several"),
    ("pain 2 in the morning, 5 in the evening", "several"),
    ("my back hurts", "no_number"),
    ("pain today", "no_number"),
    ("lower back is sore", "no_number"),
    ("my back hurts after carrying 2 boxes", "no_number"),
    ("pain ٦", "no_number"),
    ("3/5", "other_scale"),
    ("pain 3/5", "other_scale"),
    ("pain 2 out of 5", "other_scale"),
    ("no pain, 5", "contradiction"),
]

NOT_ABOUT_PAIN: list[str] = [
    "hello",
    "Hi!",
    "thanks!",
    "thank you",
    "what can you do?",
    "I walked 5 km today",
    "see you at 7",
    "call me at 10",
    "I'll be back at 7",
    "back at 7",
    "I have 2 kids",
    "ok",
    "OK 👍",
    "",
    "   ",
    "!!!",
    "٦",
    "3pm",
    "I lost 5 lb",
    "I rate it 6",
    "feeling good today 3",
    "I was all over the place, 3",
    "how do I record my pain?",
    "meeting at 10:30",
    "meeting on 12/5",
    "100%",
    "day 3 of the challenge",
    "I slept 8 hours",
    "2 coffees",
    "😣",
    "/start",
    "remind me at 9",
    "1.1.1.1",
]


@pytest.mark.parametrize(("message", "level", "area", "note_has"), REPORTS)
def test_user_reports_pain_in_plain_words(
    message: str, level: int, area: str | None, note_has: str
) -> None:
    parsed = parse_pain_message(message)
    assert parsed.kind == "report", parsed
    assert parsed.level == level
    assert parsed.area == area
    assert parsed.rounded_from is None
    if note_has:
        assert note_has.lower() in parsed.note.lower()
    else:
        assert parsed.note == ""


@pytest.mark.parametrize(("message", "level", "rounded_from"), ROUNDED)
def test_decimal_levels_are_rounded_half_up_and_the_user_is_told(
    message: str, level: int, rounded_from: float
) -> None:
    parsed = parse_pain_message(message)
    assert parsed.kind == "report"
    assert parsed.level == level
    assert parsed.rounded_from == pytest.approx(rounded_from)
    assert parsed.rounding_notice is not None
    assert f"to {level}" in parsed.rounding_notice


def test_whole_levels_carry_no_rounding_notice() -> None:
    assert parse_pain_message("pain 6").rounding_notice is None


@pytest.mark.parametrize(("message", "reason"), UNCLEAR)
def test_unclear_pain_message_is_not_guessed(message: str, reason: str) -> None:
    parsed = parse_pain_message(message)
    assert parsed.kind == "unclear", parsed
    assert parsed.reason == reason
    assert parsed.level is None
    assert parsed.understood.endswith(".")


@pytest.mark.parametrize("message", NOT_ABOUT_PAIN)
def test_ordinary_chat_is_not_mistaken_for_a_report(message: str) -> None:
    assert parse_pain_message(message).kind == "none"


def test_out_of_range_explains_what_was_read() -> None:
    assert parse_pain_message("pain 12").understood == (
        "I read 12, but the scale goes from 0 to 10."
    )


def test_range_names_both_numbers() -> None:
    understood = parse_pain_message("5 to 6").understood
    assert "5" in understood and "6" in understood


def test_several_levels_list_what_was_read() -> None:
    understood = parse_pain_message("lower back 4 neck 6").understood
    assert "4" in understood and "6" in understood


def test_missing_number_keeps_the_area() -> None:
    parsed = parse_pain_message("my neck hurts")
    assert parsed.kind == "unclear"
    assert parsed.area == NS
    assert "neck" in parsed.understood


@pytest.mark.parametrize(
    ("message", "area", "note"),
    [
        ("lower back 15, stiff after work", LB, "stiff after work"),
        ("lower back 5-6 after gardening", LB, "after gardening"),
        ("pain 7/20, slept badly", None, "slept badly"),
        ("pain 4 and 6 after the run", None, "after the run"),
        ("lower back 4, neck 6 after the run", None, ""),  # which number went where?
        ("my neck hurts", NS, ""),
    ],
)
def test_unclear_message_keeps_its_area_and_note_for_the_level_asked_next(
    message: str, area: str | None, note: str
) -> None:
    parsed = parse_pain_message(message)
    assert parsed.kind == "unclear"
    assert (parsed.area, parsed.note) == (area, note)


def test_huge_number_is_shortened_when_quoted_back() -> None:
    parsed = parse_pain_message("pain " + "9" * 4000)
    assert parsed.kind == "unclear"
    assert len(parsed.understood) < 120


def test_every_synonym_names_a_known_area() -> None:
    assert set(AREA_SYNONYMS.values()) <= set(PAIN_AREAS)


@pytest.mark.parametrize("phrase", sorted(AREA_SYNONYMS))
def test_each_area_synonym_is_understood_with_a_pain_word(phrase: str) -> None:
    parsed = parse_pain_message(f"pain 4 {phrase}")
    assert parsed.kind == "report"
    assert parsed.area == AREA_SYNONYMS[phrase]


def test_format_level_reads_like_the_scale() -> None:
    assert [format_level(n) for n in (0, 6, 10)] == ["0/10", "6/10", "10/10"]


def test_parse_result_is_immutable() -> None:
    parsed = parse_pain_message("pain 6")
    with pytest.raises(AttributeError):
        parsed.level = 7  # type: ignore[misc]


def test_at_least_a_hundred_phrasings_are_covered() -> None:
    assert len(REPORTS) + len(ROUNDED) + len(UNCLEAR) + len(NOT_ABOUT_PAIN) >= 100


# Issue 15: everyday reports, (message, level, area, the exact note).
EVERYDAY: list[tuple[str, int, str | None, str]] = [
    ("roughly a 5", 5, None, ""),
    ("about 6", 6, None, ""),
    ("a solid 6", 6, None, ""),
    ("maybe 5", 5, None, ""),
    ("like a 4", 4, None, ""),
    ("4ish", 4, None, ""),
    ("5-ish", 5, None, ""),
    ("back is 4ish", 4, None, ""),
    ("feeling like a 4 today", 4, None, ""),
    ("8 tonight", 8, None, ""),
    ("this morning 6", 6, None, ""),
    ("right now 4", 4, None, ""),
    ("at the moment 3", 3, None, ""),
    ("was 6, now 3", 3, None, ""),
    ("was 6 now 3", 3, None, ""),
    ("down from 7 to 4", 4, None, ""),
    ("from 3 to 6", 6, None, ""),
    ("7 -> 4", 4, None, ""),
    ("6 before, 3 after", 3, None, ""),
    ("7 this morning, 4 now", 4, None, ""),
    ("pain 3 vs 5 yesterday", 3, None, ""),
    ("a four today", 4, None, ""),
    ("4 outta 10", 4, None, ""),
    ("between the shoulder blades 3", 3, BS, ""),
    ("between my shoulderblades 4", 4, BS, ""),
    ("buttock 4", 4, BU, ""),
    ("bum 3", 3, BU, ""),
    ("hip 5", 5, HP, ""),
    ("leg 6", 6, LG, ""),
    ("pain down my leg 6", 6, LG, ""),
    ("sciatica playing up, 5", 5, LG, "sciatica playing up"),
    ("mid back 4", 4, MB, ""),
    ("tight between the shoulders 4", 4, BS, "tight between the shoulders"),
    ("sore 4 after yoga", 4, None, "sore 4 after yoga"),  # a level inside stays: as typed
    ("left hip about 4", 4, HP, "left hip"),
    ("lower back 6 and stiff", 6, LB, "stiff"),
    ("stiff but no pain", 0, None, "stiff"),
    ("went from 5 to 2 after the massage", 2, None, "after the massage"),
    (
        "sitting at the desk my lower back has been aching, 5",
        5,
        LB,
        "sitting at the desk my lower back has been aching",
    ),
    ("6 after the gym, legs feel heavy", 6, LG, "after the gym, legs feel heavy"),
    ("took 2 ibuprofen, back 5", 5, None, "took 2 ibuprofen"),
]

# (message, level, rounded_from): decimal commas and halves, rounded half up as before.
EVERYDAY_ROUNDED: list[tuple[str, int, float]] = [
    ("7,5", 8, 7.5),
    ("pain 3,5", 4, 3.5),
    ("6½", 7, 6.5),
    ("4 ½", 5, 4.5),
    ("6 and a half", 7, 6.5),
    ("2,5/10", 3, 2.5),
]

# Numbers that are not pain levels: a time, a count, a date, a dose, minutes, an age.
EVERYDAY_NOT_REPORTS: list[str] = [
    "at 7",
    "2 walks today",
    "12/05",
    "on 3/4 i have a physio appointment",
    "ibuprofen 400",
    "took 2 paracetamol",
    "5 minutes",
    "I'm 45",
    "im 62 btw",
    "is 8 too high for the massage routine?",
    "what does 7 mean on the scale?",
    "leg day at 6",
    "glute bridge x 10",
    "1,000",
    "home around 7",
]


@pytest.mark.parametrize(("message", "level", "area", "note"), EVERYDAY)
def test_everyday_report_is_recorded_with_the_users_own_words(
    message: str, level: int, area: str | None, note: str
) -> None:
    parsed = parse_pain_message(message)
    assert (parsed.kind, parsed.level, parsed.area, parsed.note) == ("report", level, area, note)


@pytest.mark.parametrize(("message", "level", "rounded_from"), EVERYDAY_ROUNDED)
def test_decimal_comma_and_halves_are_one_rounded_level(
    message: str, level: int, rounded_from: float
) -> None:
    parsed = parse_pain_message(message)
    assert (parsed.kind, parsed.level) == ("report", level)
    assert parsed.rounding_notice == f"I rounded {rounded_from:g} to {level}."


@pytest.mark.parametrize("message", EVERYDAY_NOT_REPORTS)
def test_numbers_that_are_not_pain_levels_are_never_recorded(message: str) -> None:
    assert parse_pain_message(message).kind == "none"


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("yesterday was a 7", "past"),
        ("somewhere between 3 and 5", "range"),
        ("pain 2 in the morning, 5 in the evening", "several"),
        ("leg 6 and hip 4", "several"),
        ("7 kids kept me up and my back is wrecked", "no_number"),
    ],
)
def test_everyday_message_that_does_not_settle_a_level_is_asked_back(
    message: str, reason: str
) -> None:
    parsed = parse_pain_message(message)
    assert (parsed.kind, parsed.reason, parsed.level) == ("unclear", reason, None)
    assert parsed.understood.endswith(".")


def test_message_about_yesterday_says_why_it_asks() -> None:
    assert parse_pain_message("yesterday was a 7").understood == (
        "I read 7 for yesterday, but the diary records how you are now."
    )


def test_stored_area_labels_of_older_diaries_are_still_areas() -> None:
    assert PAIN_AREAS[:6] == (
        "lower back", "upper back", "neck & shoulders", "whole back", "hip & buttock", "leg"
    )  # fmt: skip


def test_every_area_has_a_short_unique_code() -> None:
    codes = [area.code for area in AREAS]
    assert len(set(codes)) == len(codes) and all(len(code) <= 4 for code in codes)
    assert [area_label(code) for code in codes] == list(PAIN_AREAS)
    assert area_label("xx") is None


@pytest.mark.parametrize("area", PAIN_AREAS)
def test_every_area_leads_to_a_routine_goal(area: str) -> None:
    assert area_goal(area)  # the routine of the day prefers the last reported area


_WORDS = ("zero one two three four five six seven eight nine ten").split()
_NO_PAIN = re.compile(r"no\s+(back\s+)?pain|pain[\s-]?free|nothing hurts|doesn'?t hurt", re.I)


def _level_is_visible(text: str, parsed: PainParse) -> bool:
    """A report's level can always be traced back to something the user wrote."""
    level = parsed.level
    assert level is not None
    lowered = text.lower()
    if str(level) in text or _WORDS[level] in lowered:
        return True
    if parsed.rounded_from is not None:
        return True
    return level == 0 and bool(_NO_PAIN.search(text))


_TRICKY = st.sampled_from(
    [
        "pain", "lower back", "neck", "/10", " out of ", "-", "−", ".", ",", "٦", "７",
        "\u200b", "\u202e", "\x00", "\n", "😣", "no pain", "ten", "one", "back", " ",
        "km", "am", "?", ":", "7.5", "11", "0",
    ]
)  # fmt: skip
_MESSAGES = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(_TRICKY, st.integers(-20, 20).map(str)), max_size=12).map("".join),
    st.lists(st.one_of(_TRICKY, st.text(max_size=5)), max_size=12).map(" ".join),
)


@settings(max_examples=400, deadline=None)
@given(_MESSAGES)
def test_any_message_is_read_without_crashing(text: str) -> None:
    parsed = parse_pain_message(text)
    assert parsed.kind in ("report", "unclear", "none")
    if parsed.kind == "report":
        assert parsed.level is not None and 0 <= parsed.level <= 10
        assert parsed.area is None or parsed.area in PAIN_AREAS
        assert _level_is_visible(text, parsed)
    else:
        assert parsed.level is None


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.large_base_example])
@given(st.text(min_size=4096, max_size=4096))
def test_longest_telegram_message_is_read_without_crashing(text: str) -> None:
    parsed = parse_pain_message(text)
    assert parsed.kind in ("report", "unclear", "none")


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10), st.sampled_from(["", "pain ", "lower back ", "neck "]))
def test_every_level_on_the_scale_is_understood(level: int, prefix: str) -> None:
    parsed = parse_pain_message(f"{prefix}{level}")
    assert (parsed.kind, parsed.level) == ("report", level)


@settings(max_examples=100, deadline=None)
@given(st.integers(11, 10**6), st.sampled_from(["", "pain ", "lower back "]))
def test_every_level_above_the_scale_is_questioned(level: int, prefix: str) -> None:
    parsed = parse_pain_message(f"{prefix}{level}")
    assert (parsed.kind, parsed.reason) == ("unclear", "out_of_range")


@pytest.mark.parametrize("digit", ["٦", "۶", "६", "６", "𝟔"])
def test_digits_from_other_scripts_are_never_recorded(digit: str) -> None:
    assert parse_pain_message(f"pain {digit}").kind != "report"
    assert parse_pain_message(digit).kind != "report"


def test_a_list_of_many_numbers_is_not_one_report() -> None:
    assert parse_pain_message("pain " + "3 4 " * 1000).kind == "none"
    assert parse_pain_message("pain 3 4 5").reason == "several"


# (message, note): the note is the user's text, less only a rating at its start or end.
NOTES_AS_TYPED: list[tuple[str, str]] = [
    ("5 at the desk my lower back has been aching", "at the desk my lower back has been aching"),
    ("pain 5 my lower back hurts when I bend", "my lower back hurts when I bend"),
    ("lower back 6 tonight, long day on my feet", "long day on my feet"),
    ("stiff today, lower back 4", "stiff today"),
    ("woke up stiff, 5, better after a shower", "woke up stiff, 5, better after a shower"),
    ("left hip about 4", "left hip"),
    ("worse than yesterday 5", "worse than yesterday"),
    ("pain level: 3/10 (lower back)", ""),
]


@pytest.mark.parametrize(("message", "note"), NOTES_AS_TYPED)
def test_the_note_keeps_the_users_words_and_drops_only_a_leading_or_trailing_rating(
    message: str, note: str
) -> None:
    parsed = parse_pain_message(message)
    assert parsed.kind == "report" and parsed.note == note


def test_no_word_of_a_kept_note_is_cut_out_of_its_middle() -> None:
    """Whatever the note keeps is one unbroken stretch of the message."""
    for message, _ in NOTES_AS_TYPED:
        note = parse_pain_message(message).note
        assert note in message
