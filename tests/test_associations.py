"""What goes with better days: constructed diaries whose answer is known."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from domain.associations import (
    MIN_DAYS,
    associations,
    compare,
    findings,
    rank_sum_p_value,
    what_goes_with_pain,
)

START = date(2026, 9, 1)


def days(count: int) -> list[date]:
    return [START + timedelta(days=i) for i in range(count)]


def test_a_factor_that_clearly_goes_with_lower_pain_is_found():
    pain, factors = {}, {}
    for i, day in enumerate(days(30)):
        walked = i % 2 == 0
        factors[day] = {"activity:walk"} if walked else {"sitting:sat long"}
        pain[day] = 3.0 + (i % 3) * 0.5 if walked else 6.0 + (i % 3) * 0.5
    found = what_goes_with_pain(pain, factors)
    walk = next(a for a in found if a.factor == "activity:walk")
    assert walk.lag == 0
    assert walk.confidence == "fairly consistent"
    assert walk.difference == pytest.approx(-3.0, abs=0.2)
    assert (walk.days_with, walk.days_without) == (15, 15)
    sat = next(a for a in found if a.factor == "sitting:sat long")
    assert sat.difference > 2.5  # the other side of the same split: higher pain


def test_noise_is_not_reported():
    rng = random.Random(7)
    pain, factors = {}, {}
    for day in days(60):
        factors[day] = {key for key in ("a:x", "b:y", "c:z") if rng.random() < 0.5} or {"d:w"}
        pain[day] = float(rng.randint(3, 6))
    assert what_goes_with_pain(pain, factors) == []
    assert all(
        a.confidence in ("no clear difference", "too few days") for a in associations(pain, factors)
    )


def test_too_few_days_gives_nothing():
    pain, factors = {}, {}
    for i, day in enumerate(days(8)):
        factors[day] = {"heat:heat pack"} if i < MIN_DAYS - 1 else {"other:x"}
        pain[day] = 1.0 if i < MIN_DAYS - 1 else 9.0
    assert what_goes_with_pain(pain, factors) == []
    heat = next(a for a in associations(pain, factors) if a.factor == "heat:heat pack")
    assert heat.confidence == "too few days" and heat.p_value is None


def test_a_next_day_effect_is_found_at_lag_one_not_the_same_day():
    rng = random.Random(3)
    pain, factors = {}, {}
    slept_badly = set()
    for day in days(40):
        if rng.random() < 0.4:
            slept_badly.add(day)
        factors[day] = {"sleep:slept badly"} if day in slept_badly else {"other:tea"}
    for day in days(40):
        after_bad_night = day - timedelta(days=1) in slept_badly
        pain[day] = 7.0 if after_bad_night else 3.0
    found = what_goes_with_pain(pain, factors)
    sleep = next(a for a in found if a.factor == "sleep:slept badly")
    assert sleep.lag == 1 and sleep.difference == pytest.approx(4.0)
    same_day = next(
        a for a in associations(pain, factors) if a.factor == "sleep:slept badly" and a.lag == 0
    )
    assert abs(same_day.difference) < abs(sleep.difference)


def test_days_before_any_factor_was_recorded_do_not_count_as_without():
    pain = {day: 8.0 for day in days(20)}  # twenty bad days before any factor
    factors = {}
    for i, day in enumerate(days(20)[10:]):
        pain[day] = 2.0 if i % 2 else 5.0
        factors[day] = {"activity:walk"} if i % 2 else {"other:x"}
    walk = next(a for a in associations(pain, factors, lags=(0,)) if a.factor == "activity:walk")
    assert walk.days_with + walk.days_without == 10


def test_a_hint_is_weaker_than_fairly_consistent():
    found = compare("a:x", 0, [3, 4, 3, 4, 3], [5, 5, 4, 5, 6])
    assert found.confidence == "a hint"  # clear, but only five days a side
    assert found.difference < 0


def test_exact_p_value_matches_the_known_table():
    # Complete separation of 5 and 5: 2 of the 252 splits are as extreme (two-sided).
    assert rank_sum_p_value([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]) == pytest.approx(2 / 252)
    assert rank_sum_p_value([1, 1, 1], [1, 1, 1]) == 1.0


def test_normal_approximation_for_many_days():
    low = [float(i % 4) for i in range(30)]
    high = [float(i % 4) + 3 for i in range(30)]
    assert rank_sum_p_value(low, high) < 1e-6
    assert rank_sum_p_value(low, list(low)) == pytest.approx(1.0)
    assert rank_sum_p_value([5.0] * 30, [5.0] * 30) == 1.0


def test_findings_say_whether_there_was_enough_to_test():
    assert not findings({}, {}).recorded
    few = findings({START: 3.0}, {START: {"a:x"}})
    assert few.recorded and not few.enough and few.shown == ()
    pain = {day: 3.0 if i % 2 else 6.0 for i, day in enumerate(days(30))}
    factors = {day: {"a:x"} if i % 2 else {"b:y"} for i, day in enumerate(days(30))}
    many = findings(pain, factors)
    assert many.enough and {a.factor for a in many.shown} == {"a:x", "b:y"}


def test_holm_adjustment_matches_the_textbook_example():
    from domain.associations import holm_adjusted

    # p-values 0.01, 0.04, 0.03, 0.005 -> sorted 0.005*4, 0.01*3, 0.03*2, 0.04*1 (monotone)
    assert holm_adjusted([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert holm_adjusted([]) == []


def noise_diary(seed: int, factor_count: int) -> tuple[dict, dict]:
    """90 days of pain with no relation at all to any of ``factor_count`` factors."""
    rng = random.Random(seed)
    pain, factors = {}, {}
    for day in days(90):
        pain[day] = float(rng.randint(2, 7))
        factors[day] = {f"other:f{n}" for n in range(factor_count) if rng.random() < 0.4}
    return pain, factors


def test_many_factors_of_pure_noise_rarely_give_any_finding():
    # Ten unrelated factors at two lags are twenty tests: judged one by one, most such
    # diaries would show a chance "hint". Adjusted together, at most about one in twenty.
    diaries = [noise_diary(seed, 10) for seed in range(40)]
    with_finding = sum(bool(what_goes_with_pain(pain, factors)) for pain, factors in diaries)
    assert with_finding <= 4
    unadjusted = sum(
        any(
            a.p_value is not None and a.p_value < 0.05 and abs(a.difference) >= 0.5
            for a in (
                compare(key, 0, *split(pain, factors, key))
                for key in {k for keys in factors.values() for k in keys}
            )
        )
        for pain, factors in diaries
    )
    assert unadjusted > with_finding  # what the adjustment saves people from


def split(pain: dict, factors: dict, key: str) -> tuple[list[float], list[float]]:
    return (
        [level for day, level in pain.items() if key in factors[day]],
        [level for day, level in pain.items() if key not in factors[day]],
    )
