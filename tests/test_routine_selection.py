"""Choosing routines: menu filters, plain-words search and the routine of the day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.loader import load_library
from content.schema import EQUIPMENT, GOALS, Library, Routine, Step
from domain.routines import (
    NoRoutineAvailable,
    area_goal,
    find_routines,
    match_words,
    routine_of_the_day,
)

TOOLS = [e for e in EQUIPMENT if e != "none"]


def make_routine(
    routine_id: str,
    *,
    goals: tuple[str, ...] = ("whole_back",),
    who: str = "self",
    minutes: int = 10,
    equipment: tuple[str, ...] = ("none",),
    intensity: str = "gentle",
    firm_step: bool = False,
    title: str | None = None,
) -> Routine:
    """A small valid routine whose single step lasts the stated time."""
    step = Step("Do it", "Do the thing slowly.", minutes * 60, "firm" if firm_step else None)
    return Routine(
        id=routine_id,
        title=title or routine_id.replace("-", " ").title(),
        summary="A test routine.",
        goals=goals,
        who=who,
        minutes=minutes,
        equipment=equipment,
        intensity=intensity,
        cautions=("Stop on sharp pain.",),
        steps=(step,),
    )


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def ids(routines: list[Routine]) -> list[str]:
    return [r.id for r in routines]


# --------------------------------------------------------------------------------------
# find_routines

SMALL = [
    make_routine("desk", goals=("neck", "upper_back_shoulders"), minutes=5),
    make_routine("ball-low", goals=("lower_back",), minutes=15, equipment=("ball",)),
    make_routine(
        "roll-up", goals=("upper_back_shoulders",), minutes=12, equipment=("foam_roller",)
    ),
    make_routine("both-tools", minutes=40, equipment=("ball", "foam_roller")),
    make_routine("partner-low", goals=("lower_back",), who="partner", minutes=20),
]


def test_find_routines_without_filters_returns_all_in_order():
    assert ids(find_routines(SMALL)) == ids(SMALL)


def test_find_routines_by_goal_accepts_keys_and_plain_labels():
    assert ids(find_routines(SMALL, goal="lower_back")) == ["ball-low", "partner-low"]
    assert ids(find_routines(SMALL, goal="Lower back")) == ["ball-low", "partner-low"]


def test_find_routines_by_time_available():
    assert ids(find_routines(SMALL, max_minutes=12)) == ["desk", "roll-up"]


def test_find_routines_by_equipment_the_user_has():
    assert ids(find_routines(SMALL, equipment={"ball"})) == ["desk", "ball-low", "partner-low"]
    assert ids(find_routines(SMALL, equipment="ball")) == ["desk", "ball-low", "partner-low"]
    assert ids(find_routines(SMALL, equipment={"ball", "foam_roller"})) == ids(SMALL)
    assert ids(find_routines(SMALL, equipment=set())) == ["desk", "partner-low"]


def test_find_routines_combines_filters():
    found = find_routines(SMALL, goal="lower_back", who="self", equipment={"ball"})
    assert ids(found) == ["ball-low"]


def test_find_routines_accepts_a_library(library):
    partner = find_routines(library, who="partner")
    assert partner and all(r.who == "partner" for r in partner)
    assert len(partner) < len(library.routines)


def test_find_routines_rejects_unknown_filter_values():
    with pytest.raises(ValueError):
        find_routines(SMALL, goal="knees")
    with pytest.raises(ValueError):
        find_routines(SMALL, equipment={"yoga_mat"})
    with pytest.raises(ValueError):
        find_routines(SMALL, who="everyone")


def test_area_labels_from_the_pain_diary_map_to_goals():
    assert area_goal("lower back") == "lower_back"
    assert area_goal("upper back") == "upper_back_shoulders"
    assert area_goal("neck & shoulders") == "neck"
    assert area_goal("whole back") == "whole_back"


# --------------------------------------------------------------------------------------
# match_words


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("lower back", "lower-back-ball"),
        ("something for my lower back with a ball", "lower-back-ball"),
        ("10 min lower back ball", "lower-back-ball"),
        ("foam roller", "upper-back-roller"),
        ("neck", "neck-and-shoulders"),
        ("I can't sleep", "evening-wind-down"),
        ("quick", "quick-tension-relief"),
        ("desk", "desk-break"),
        ("5 min", "desk-break"),
        ("stretching and breathing", "stretch-and-breathe"),
        ("heat pad", "heat-then-massage"),
        ("hook for knots", "hook-trigger-points"),
        ("massage chair", "massage-chair-session"),
        ("an hour with my partner", "long-partner-session"),
        ("my wife has lower back pain", "partner-lower-back"),
    ],
)
def test_user_describes_what_they_want_in_plain_words(library, text, first):
    found = match_words(library, text)
    assert found, text
    assert found[0].id == first


def test_partner_request_lists_only_partner_routines(library):
    found = match_words(library, "partner")
    assert len(found) >= 2
    assert all(r.who == "partner" for r in found)


def test_time_limit_excludes_routines_that_are_much_longer(library):
    found = match_words(library, "10 min")
    assert found
    assert all(r.minutes <= 15 for r in found)
    assert match_words(library, "10 min")[0].minutes <= 12


def test_long_request_lists_only_long_sessions(library):
    found = match_words(library, "something long")
    assert len(found) >= 2
    assert all(r.minutes >= 30 for r in found)


def test_gentle_request_never_offers_deep_work(library):
    found = match_words(library, "gentle shoulders")
    assert found
    assert not any(r.is_deep for r in found)
    assert all("upper_back_shoulders" in r.goals for r in found)


def test_nothing_fits_gives_an_empty_list(library):
    assert match_words(library, "hello there") == []
    assert match_words(library, "") == []
    assert match_words(library, "massage chair for two minutes with my partner") == []


def test_match_words_ranks_exact_equipment_above_mere_area():
    routines = [
        make_routine("hands-low", goals=("lower_back",)),
        make_routine("ball-low", goals=("lower_back",), equipment=("ball",)),
        make_routine("neck-only", goals=("neck",)),
    ]
    assert ids(match_words(routines, "lower back ball")) == ["ball-low", "hands-low"]


# --------------------------------------------------------------------------------------
# routine_of_the_day

DAY = date(2025, 3, 10)


def days(start: date, count: int) -> list[date]:
    return [start + timedelta(days=n) for n in range(count)]


def test_routine_of_the_day_is_the_same_when_asked_twice(library):
    first = routine_of_the_day(library, user_id=7, local_date=DAY)
    again = routine_of_the_day(load_library(), user_id=7, local_date=DAY)
    assert first == again


def test_routine_of_the_day_changes_from_day_to_day(library):
    picks = [routine_of_the_day(library, user_id=7, local_date=d).id for d in days(DAY, 30)]
    assert all(a != b for a, b in zip(picks, picks[1:], strict=False))
    assert len(set(picks)) >= 4


def test_routine_of_the_day_is_self_care_without_tools_by_default(library):
    for d in days(DAY, 30):
        routine = routine_of_the_day(library, user_id=11, local_date=d)
        assert routine.who == "self"
        assert not routine.tools


def test_routine_of_the_day_uses_only_equipment_the_user_has(library):
    picks = {
        routine_of_the_day(library, user_id=3, local_date=d, equipment={"ball"})
        for d in days(DAY, 60)
    }
    assert all(r.tools <= {"ball"} for r in picks)
    assert any(r.tools == {"ball"} for r in picks)


def test_routine_of_the_day_prefers_the_reported_pain_area(library):
    picks = [
        routine_of_the_day(library, user_id=5, local_date=d, preferred_area="lower back")
        for d in days(DAY, 20)
    ]
    assert all("lower_back" in r.goals for r in picks)


def test_neck_pain_gets_neck_or_shoulder_routines(library):
    picks = [
        routine_of_the_day(library, user_id=5, local_date=d, preferred_area="neck & shoulders")
        for d in days(DAY, 20)
    ]
    assert all({"neck", "upper_back_shoulders"} & set(r.goals) for r in picks)
    assert any(r.id == "neck-and-shoulders" for r in picks)


def test_red_flag_day_never_gets_deep_or_firm_work(library):
    everything = set(EQUIPMENT)
    for d in days(DAY, 40):
        routine = routine_of_the_day(
            library, user_id=9, local_date=d, equipment=everything, avoid_deep=True
        )
        assert not routine.is_deep
        assert all(step.pressure != "firm" for step in routine.steps)


def test_a_single_area_routine_alternates_with_the_others():
    routines = [
        make_routine("only-neck", goals=("neck",)),
        make_routine("a", goals=("lower_back",)),
        make_routine("b", goals=("lower_back",)),
    ]
    picks = [
        routine_of_the_day(routines, user_id=1, local_date=d, preferred_area="neck").id
        for d in days(DAY, 10)
    ]
    assert picks.count("only-neck") == 5
    assert all(a != b for a, b in zip(picks, picks[1:], strict=False))


def test_no_allowed_routine_raises_a_clear_error():
    routines = [make_routine("deep-hook", equipment=("massage_hook",), intensity="deep")]
    with pytest.raises(NoRoutineAvailable):
        routine_of_the_day(routines, user_id=1, local_date=DAY)
    with pytest.raises(NoRoutineAvailable):
        routine_of_the_day(
            routines, user_id=1, local_date=DAY, equipment={"massage_hook"}, avoid_deep=True
        )


# Property tests over synthetic libraries.

routine_strategy = st.builds(
    lambda n, goals, who, minutes, tools, intensity, firm: make_routine(
        f"r{n}",
        goals=tuple(goals),
        who=who,
        minutes=minutes,
        equipment=tuple(tools) or ("none",),
        intensity=intensity,
        firm_step=firm and intensity != "gentle",
    ),
    st.integers(0, 10_000),
    st.lists(st.sampled_from(GOALS), min_size=1, max_size=3, unique=True),
    st.sampled_from(["self", "self", "partner"]),
    st.integers(3, 60),
    st.lists(st.sampled_from(TOOLS), max_size=2, unique=True),
    st.sampled_from(["gentle", "moderate", "deep"]),
    st.booleans(),
)
library_strategy = st.lists(routine_strategy, min_size=1, max_size=10, unique_by=lambda r: r.id)
owned_strategy = st.none() | st.sets(st.sampled_from(EQUIPMENT), max_size=4)
area_strategy = st.none() | st.sampled_from(
    [*GOALS, "lower back", "upper back", "neck & shoulders", "whole back"]
)


def allowed_for(routines, equipment, avoid_deep):
    have = (equipment or set()) | {"none"}
    return [
        r
        for r in routines
        if r.who == "self" and r.tools <= have and not (avoid_deep and r.is_deep)
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    routines=library_strategy,
    user_id=st.integers(1, 2**40),
    day=st.dates(date(2000, 1, 1), date(2100, 1, 1)),
    area=area_strategy,
    equipment=owned_strategy,
    avoid_deep=st.booleans(),
)
def test_routine_of_the_day_always_returns_an_allowed_routine(
    routines, user_id, day, area, equipment, avoid_deep
):
    allowed = allowed_for(routines, equipment, avoid_deep)
    kwargs = dict(
        user_id=user_id,
        local_date=day,
        preferred_area=area,
        equipment=equipment,
        avoid_deep=avoid_deep,
    )
    if not allowed:
        with pytest.raises(NoRoutineAvailable):
            routine_of_the_day(routines, **kwargs)
        return
    picked = routine_of_the_day(routines, **kwargs)
    assert picked in allowed
    assert routine_of_the_day(list(reversed(routines)), **kwargs) == picked


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    routines=library_strategy,
    user_id=st.integers(1, 2**40),
    start=st.dates(date(2000, 1, 1), date(2100, 1, 1)),
    area=area_strategy,
    equipment=owned_strategy,
    avoid_deep=st.booleans(),
)
def test_routine_of_the_day_never_repeats_on_consecutive_days(
    routines, user_id, start, area, equipment, avoid_deep
):
    allowed = allowed_for(routines, equipment, avoid_deep)
    if len(allowed) < 2:
        return
    picks = [
        routine_of_the_day(
            routines,
            user_id=user_id,
            local_date=d,
            preferred_area=area,
            equipment=equipment,
            avoid_deep=avoid_deep,
        ).id
        for d in days(start, 25)
    ]
    assert all(a != b for a, b in zip(picks, picks[1:], strict=False)), picks


@settings(max_examples=60, deadline=None)
@given(user_id=st.integers(1, 2**40), start=st.dates(date(2020, 1, 1), date(2040, 1, 1)))
def test_shipped_library_never_repeats_a_routine_on_consecutive_days(library, user_id, start):
    picks = [routine_of_the_day(library, user_id=user_id, local_date=d).id for d in days(start, 15)]
    assert all(a != b for a, b in zip(picks, picks[1:], strict=False)), picks


def test_routines_that_need_gear_the_person_lacks_come_last_with_what_they_need():
    from domain.routines import with_gear_first

    hook = make_routine("hook", equipment=("massage_hook",))
    ball = make_routine("ball", equipment=("ball",))
    bare = make_routine("bare")
    both = make_routine("both", equipment=("ball", "massager"))
    marked = with_gear_first([hook, ball, bare, both], ["ball", "heat_pad"])
    assert [(r.id, sorted(needs)) for r, needs in marked] == [
        ("ball", []),
        ("bare", []),
        ("hook", ["massage_hook"]),
        ("both", ["massager"]),
    ]
    unknown = with_gear_first([hook, ball], None)  # never said: nothing marked, order kept
    assert [(r.id, needs) for r, needs in unknown] == [("hook", frozenset()), ("ball", frozenset())]
