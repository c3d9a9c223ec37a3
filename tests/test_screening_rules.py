"""The safety screening's rules: stored answers, the safe default, and selection with them."""

from __future__ import annotations

from datetime import date

import pytest

from content.loader import load_library
from content.schema import Routine, Step
from domain.models import RoutineSession, utcnow
from domain.player import HIGH_PAIN_LEVEL, calls_for_gentle, held_back_by_pain
from domain.routines import (
    alternatives,
    care_kinds,
    find_routines,
    is_gentle,
    match_words,
    routine_of_the_day,
)
from domain.screening import (
    CONDITIONS,
    Screening,
    ScreeningError,
    decode_answers,
    encode_answers,
    from_answers,
    from_stored,
    suitable_only,
)
from storage.codec import decode, encode

LIBRARY = load_library()
DAY = date(2026, 12, 2)
DEEP = ("hook-trigger-points", "lower-back-ball")


def make_routine(
    routine_id: str,
    *,
    goals: tuple[str, ...] = ("lower_back",),
    intensity: str = "gentle",
    equipment: tuple[str, ...] = ("none",),
    unsuitable_for: tuple[str, ...] = (),
    minutes: int = 10,
    who: str = "self",
) -> Routine:
    return Routine(
        id=routine_id,
        title=routine_id.title(),
        summary="A test routine.",
        goals=goals,
        who=who,
        minutes=minutes,
        equipment=equipment,
        intensity=intensity,
        cautions=("Stop on sharp pain.",),
        steps=(Step("Do it", "Slowly.", minutes * 60),),
        unsuitable_for=unsuitable_for,
    )


def answers(**given: str) -> list[str]:
    return [given.get(c, "no") for c in CONDITIONS]


# ------------------------------------------------------------------ answers and storage


def test_yes_and_not_sure_both_count_as_having_the_condition():
    held = from_answers(answers(pregnancy="yes", cancer="unsure"), DAY)
    assert held.conditions == {"pregnancy", "cancer"}
    assert held.unsure == {"cancer"}
    assert held.respected() == {"pregnancy", "cancer"}


def test_all_no_respects_nothing():
    assert from_answers(answers(), DAY).respected() == frozenset()


def test_unanswered_or_declined_respects_every_condition():
    assert Screening().respected() == frozenset(CONDITIONS)
    assert Screening(declined_on=DAY).respected() == frozenset(CONDITIONS)


def test_incomplete_answers_are_refused():
    with pytest.raises(ScreeningError):
        from_answers(["no"] * (len(CONDITIONS) - 1), DAY)
    with pytest.raises(ScreeningError):
        from_answers([*answers()[:-1], "maybe"], DAY)


def test_answers_survive_storage_as_plain_json():
    held = from_answers(answers(osteoporosis="yes", skin_problem="unsure"), DAY)
    stored = encode(held)
    assert stored == {
        "answered_on": "2026-12-02",
        "conditions": ["osteoporosis", "skin_problem"],
        "unsure": ["skin_problem"],
        "declined_on": None,
    }
    assert decode(Screening, stored) == held


def test_answers_of_older_data_files_are_read_back():
    stored = {"answered_at": "2026-12-02", "conditions": ["pregnancy"], "unsure": []}
    assert from_stored(stored) == Screening(DAY, frozenset({"pregnancy"}))
    assert from_stored({"declined_at": "2026-12-02"}) == Screening(declined_on=DAY)


@pytest.mark.parametrize(
    "stored",
    [
        None,
        "yes",
        [],
        {},
        {"answered_at": "yesterday", "conditions": []},
        {"answered_at": "2026-12-02", "conditions": "pregnancy"},
        {"answered_at": 20261202, "conditions": []},
    ],
)
def test_missing_or_damaged_answers_count_as_unanswered(stored):
    assert not from_stored(stored).answered
    assert from_stored(stored).respected() == frozenset(CONDITIONS)


def test_answer_codes_round_trip_and_reject_forgeries():
    given = ["no", "yes", "unsure"]
    assert encode_answers(given) == "nyu"
    assert decode_answers("nyu") == given
    assert decode_answers("") == []
    for bad in ("nx", "n" * (len(CONDITIONS) + 1), "Y"):
        with pytest.raises(ScreeningError):
            decode_answers(bad)


# ------------------------------------------------------------------ selection


@pytest.mark.parametrize("condition", ["pregnancy", "osteoporosis"])
def test_deep_routines_are_never_offered_to_someone_pregnant_or_with_osteoporosis(condition):

    def offered(held: set[str]) -> set[str]:
        routines = LIBRARY.routines
        found = {r.id for r in find_routines(routines, conditions=held)}
        for goal in ("lower_back", "upper_back_shoulders", "whole_back"):
            found |= {r.id for r in find_routines(routines, goal=goal, conditions=held)}
        for words in ("hook", "ball", "deep trigger points", "10 min ball", "knots lower back"):
            found |= {r.id for r in match_words(routines, words, conditions=held)}
        for day in range(60):
            found.add(
                routine_of_the_day(
                    routines,
                    user_id=7,
                    local_date=date.fromordinal(DAY.toordinal() + day),
                    equipment={"ball", "massage_hook", "foam_roller", "massager"},
                    preferred_area="lower back",
                    conditions=held,
                ).id
            )
        return found

    assert offered(set()) >= set(DEEP)  # without the condition every way finds them
    with_condition = offered({condition})
    assert with_condition and not with_condition & set(DEEP)


def test_every_condition_leaves_the_others_routines_alone():
    routines = [
        make_routine("a", unsuitable_for=("pregnancy",)),
        make_routine("b", unsuitable_for=("implanted_device",)),
        make_routine("c"),
    ]
    assert [r.id for r in suitable_only(routines, {"pregnancy"})] == ["b", "c"]
    assert [r.id for r in find_routines(routines, conditions={"implanted_device"})] == ["a", "c"]
    assert [r.id for r in find_routines(routines, conditions=CONDITIONS)] == ["c"]


def test_everyone_still_gets_a_routine_of_the_day_with_every_condition():
    routine = routine_of_the_day(LIBRARY.routines, user_id=1, local_date=DAY, conditions=CONDITIONS)
    assert not routine.unsuitable_for


def test_alternatives_share_the_area_and_suit_the_conditions():
    deep = LIBRARY.routines["lower-back-ball"]
    found = alternatives(LIBRARY.routines, deep, conditions={"pregnancy"}, equipment=[])
    assert found and all(set(r.goals) & set(deep.goals) for r in found)
    assert all("pregnancy" not in r.unsuitable_for and not r.tools for r in found)
    assert deep not in found
    assert found[0].goals[0] == "lower_back"  # the same main area comes first


def test_gentle_alternatives_are_gentle_through_and_through():
    deep = LIBRARY.routines["hook-trigger-points"]
    found = alternatives(LIBRARY.routines, deep, gentle_only=True, same_area=False)
    assert found and all(is_gentle(r) for r in found)
    assert all(r.intensity == "gentle" and not r.is_deep for r in found)


def test_no_alternative_when_nothing_suits():
    only = make_routine("x", unsuitable_for=("cancer",))
    other = make_routine("y", unsuitable_for=("cancer",))
    assert alternatives([only, other], only, conditions={"cancer"}) == []


def test_care_kinds_name_pressure_heat_and_electric_tools():
    assert care_kinds([make_routine("g")]) == ()
    assert care_kinds([make_routine("m", intensity="moderate")]) == ("pressure",)
    assert care_kinds([make_routine("h", equipment=("heat_pad",))]) == ("heat",)
    chair = make_routine("c", equipment=("massage_chair",))
    assert care_kinds([chair, make_routine("d", intensity="deep")]) == ("pressure", "electric")


# ------------------------------------------------------------------ high pain


def test_pain_of_eight_or_more_calls_for_gentle_routines():
    assert HIGH_PAIN_LEVEL == 8
    assert [calls_for_gentle(n) for n in (None, 0, 7, 8, 9, 10)] == [
        False,
        False,
        False,
        True,
        True,
        True,
    ]


def test_high_pain_holds_back_only_a_routine_that_is_not_gentle_before_its_first_step():
    session = RoutineSession(id="s", routine_id="r", started_at=utcnow(), pain_before=9)
    assert held_back_by_pain(session, gentle=False)
    assert not held_back_by_pain(session, gentle=True)
    session.pain_before = 7
    assert not held_back_by_pain(session, gentle=False)
    session.pain_before, session.step = 9, 2  # an older session already under way
    assert not held_back_by_pain(session, gentle=False)
