"""What goes with better (or worse) days: factors next to the pain diary, never causes.

Inputs are plain: pain per local date (one number a day, e.g. the day's average) and, per
local date, the set of factor keys the person recorded that day ("medication:ibuprofen",
"sleep:slept badly", "activity:walk" ...). For each factor and each lag (0: pain the same
day, 1: pain the next day) the reported days split into days *with* the factor (on the day,
or the day before) and days *without* it, and we compare the mean pain of the two groups.

Which days count. A day counts only once the person was recording factors at all: a pain
day ``d`` is compared for lag ``L`` only if ``d - L`` is on or after the first day with any
factor. Before that, "no factor recorded" says nothing about the day.

The confidence word (``Confidence``), by a fixed rule:

* "too few days": fewer than ``MIN_DAYS`` reported days with the factor, or without it.
  Nothing is said about such a factor.
* "fairly consistent": at least ``CONSISTENT_DAYS`` days on each side, a difference of at
  least ``CONSISTENT_DIFFERENCE`` points, and a two-sided Mann–Whitney p-value below
  ``CONSISTENT_P``.
* "a hint": a difference of at least ``HINT_DIFFERENCE`` points and p below ``HINT_P``.
* "no clear difference": anything else (not shown to the person).

The p-value comes from the Mann–Whitney rank-sum test: the exact permutation distribution of
the rank sum when there are at most ``EXACT_LIMIT`` ways to split the days, else the normal
approximation with tie and continuity corrections. Ranks suit a 0-10 rating, where one
dreadful day should not carry a whole mean.

With many factors, each at two lags, some raw p-values fall below 0.05 by chance alone (one
in twenty tests of pure noise). So ``associations`` adjusts the p-values of every factor and
lag it tested together by Holm's step-down method before giving the words: the chance that
any "hint" at all comes from noise stays below ``HINT_P``. The stricter word still needs a
stricter p and more days, and the words never go beyond "goes with".
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import combinations
from statistics import fmean
from typing import Literal

Confidence = Literal["too few days", "no clear difference", "a hint", "fairly consistent"]

MIN_DAYS = 5  # reported days with the factor, and without it, before anything is said
CONSISTENT_DAYS = 7
HINT_DIFFERENCE = 0.5  # points on the 0-10 scale
CONSISTENT_DIFFERENCE = 1.0
HINT_P = 0.05
CONSISTENT_P = 0.01
EXACT_LIMIT = 5_000  # splits of the days enumerated for an exact p-value
LAGS = (0, 1)  # 0: the same day, 1: the next day
SHOWN = ("a hint", "fairly consistent")


@dataclass(frozen=True)
class Association:
    """Pain on days with a factor (or the day after it) against days without it."""

    factor: str  # the key, e.g. "activity:walk"
    lag: int  # 0: pain the same day, 1: pain the day after the factor
    mean_with: float
    mean_without: float
    days_with: int
    days_without: int
    p_value: float | None  # None: too few days to test
    confidence: Confidence

    @property
    def difference(self) -> float:
        """Mean with minus mean without: negative means lower pain."""
        return self.mean_with - self.mean_without

    @property
    def shown(self) -> bool:
        """Whether it is worth telling the person (a hint or more)."""
        return self.confidence in SHOWN


def compare(
    factor: str,
    lag: int,
    with_levels: list[float],
    without_levels: list[float],
) -> Association:
    """The association of one factor at one lag, from the two groups' daily pain."""
    n_with, n_without = len(with_levels), len(without_levels)
    mean_with = fmean(with_levels) if with_levels else math.nan
    mean_without = fmean(without_levels) if without_levels else math.nan
    if n_with < MIN_DAYS or n_without < MIN_DAYS:
        return Association(
            factor, lag, mean_with, mean_without, n_with, n_without, None, "too few days"
        )
    p = rank_sum_p_value(with_levels, without_levels)
    found = Association(
        factor, lag, mean_with, mean_without, n_with, n_without, p, "no clear difference"
    )
    return _with_p(found, p)


def _with_p(found: Association, p: float) -> Association:
    """``found`` judged by the p-value ``p`` (its own, or adjusted for the other tests)."""
    size = abs(found.difference)
    confidence: Confidence = "no clear difference"
    if (
        min(found.days_with, found.days_without) >= CONSISTENT_DAYS
        and size >= CONSISTENT_DIFFERENCE
        and p < CONSISTENT_P
    ):
        confidence = "fairly consistent"
    elif size >= HINT_DIFFERENCE and p < HINT_P:
        confidence = "a hint"
    return replace(found, p_value=p, confidence=confidence)


def holm_adjusted(p_values: list[float]) -> list[float]:
    """Holm's step-down adjustment: p-values that can each be held against the same
    threshold while the chance of any false finding among them stays below it."""
    order = sorted(range(len(p_values)), key=p_values.__getitem__)
    adjusted = [1.0] * len(p_values)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


def associations(
    pain: Mapping[date, float],
    factors: Mapping[date, Collection[str]],
    lags: Iterable[int] = LAGS,
) -> list[Association]:
    """Every factor at every lag, including those with too few days, with p-values adjusted
    for all the tests made together (see the module doc)."""
    tracked = [day for day, keys in factors.items() if keys]
    if not tracked or not pain:
        return []
    first = min(tracked)
    keys = sorted({key for day in tracked for key in factors[day]})
    found = []
    for lag in lags:
        shift = timedelta(days=lag)
        days = sorted(day for day in pain if day - shift >= first)
        for key in keys:
            with_levels = [pain[d] for d in days if key in factors.get(d - shift, ())]
            without_levels = [pain[d] for d in days if key not in factors.get(d - shift, ())]
            found.append(compare(key, lag, with_levels, without_levels))
    tested = [i for i, a in enumerate(found) if a.p_value is not None]
    adjusted = holm_adjusted([found[i].p_value for i in tested])  # type: ignore[misc]
    for index, p in zip(tested, adjusted, strict=True):
        found[index] = _with_p(found[index], p)
    return found


def what_goes_with_pain(
    pain: Mapping[date, float],
    factors: Mapping[date, Collection[str]],
    lags: Iterable[int] = LAGS,
) -> list[Association]:
    """The associations worth telling (a hint or more): for each factor its clearest lag,
    the most consistent first, then the largest difference."""
    best: dict[str, Association] = {}
    for found in associations(pain, factors, lags):
        if not found.shown:
            continue
        held = best.get(found.factor)
        if held is None or (found.p_value or 1.0) < (held.p_value or 1.0):
            best[found.factor] = found
    return sorted(
        best.values(),
        key=lambda a: (a.confidence != "fairly consistent", -abs(a.difference), a.factor),
    )


@dataclass(frozen=True)
class Findings:
    """What to say about factors over some days: the findings, or why there are none."""

    shown: tuple[Association, ...]  # a hint or more, see what_goes_with_pain
    recorded: bool  # any factor recorded in these days
    testable: int  # factors with enough days with and without at some lag

    @property
    def enough(self) -> bool:
        return self.testable > 0


def findings(
    pain: Mapping[date, float],
    factors: Mapping[date, Collection[str]],
    lags: Iterable[int] = LAGS,
) -> Findings:
    """The findings worth telling about these days, and whether there was enough to test."""
    lags = tuple(lags)
    every = associations(pain, factors, lags)
    return Findings(
        shown=tuple(what_goes_with_pain(pain, factors, lags)),
        recorded=any(factors.values()),
        testable=len({a.factor for a in every if a.confidence != "too few days"}),
    )


# ------------------------------------------------------------------- the rank-sum test


def _ranks(values: list[float]) -> list[float]:
    """Ranks from 1, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for index in order[start : end + 1]:
            ranks[index] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def rank_sum_p_value(first: list[float], second: list[float]) -> float:
    """Two-sided p-value of the Mann–Whitney test that both groups come from one
    distribution: exact (all splits of the pooled ranks) when there are at most
    ``EXACT_LIMIT`` splits, else the normal approximation."""
    n1, n2 = len(first), len(second)
    if n1 == 0 or n2 == 0:
        raise ValueError("both groups need at least one value")
    ranks = _ranks([*first, *second])
    observed = sum(ranks[:n1])
    expected = n1 * (n1 + n2 + 1) / 2
    distance = abs(observed - expected)
    if math.comb(n1 + n2, n1) <= EXACT_LIMIT:
        # Half-rank ties make sums like x.5: compare with a small tolerance.
        splits = extreme = 0
        for chosen in combinations(ranks, n1):
            splits += 1
            if abs(sum(chosen) - expected) >= distance - 1e-9:
                extreme += 1
        return extreme / splits
    n = n1 + n2
    counts: dict[float, int] = {}
    for rank in ranks:
        counts[rank] = counts.get(rank, 0) + 1
    ties = sum(t**3 - t for t in counts.values())
    variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
    if variance <= 0:
        return 1.0  # every day had the same pain: no difference to see
    z = max(distance - 0.5, 0.0) / math.sqrt(variance)
    return min(1.0, math.erfc(z / math.sqrt(2)))
