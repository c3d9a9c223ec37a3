"""The body map's zones, the diary areas they are, and how old entries count per zone."""

from __future__ import annotations

import pytest

from domain.body_map import (
    CHOOSABLE_AREAS,
    PICTURE,
    ZONES,
    area_from_words,
    counted_with,
    counts_for,
    zone_for_area,
    zone_of,
)
from domain.pain import PAIN_AREAS, parse_pain_message

MAP = {
    1: "neck & shoulders",
    2: "upper back",
    3: "between the shoulder blades",
    4: "mid back",
    5: "lower back",
    6: "buttock",
    7: "hip",
    8: "leg",
}


def test_each_numbered_zone_of_the_picture_records_its_area():
    assert {zone.number: zone.area for zone in ZONES} == MAP
    assert all(zone_of(n).area == area for n, area in MAP.items())
    assert zone_of(0) is None and zone_of(9) is None
    assert set(CHOOSABLE_AREAS) == {*MAP.values(), "whole back"}
    assert set(CHOOSABLE_AREAS) <= set(PAIN_AREAS)


def test_wider_areas_are_no_zone_of_their_own():
    assert zone_for_area("lower back").number == 5
    assert zone_for_area("whole back") is None
    assert zone_for_area("hip & buttock") is None
    assert zone_for_area(None) is None


@pytest.mark.parametrize(
    ("typed", "area"),
    [
        ("mid back 4", "mid back"),
        ("middle of my back 5", "mid back"),
        ("pain in the middle of the back, 3", "mid back"),
        ("between my shoulder blades 6", "between the shoulder blades"),
        ("tight between the shoulders 4", "between the shoulder blades"),
        ("shoulder blades 4", "upper back"),
        ("glute 5", "buttock"),
        ("my bum is a 4", "buttock"),
        ("left hip 6", "hip"),
        ("hips 3", "hip"),
        ("hip and buttock 7", "hip & buttock"),
        ("upper back 2", "upper back"),
    ],
)
def test_the_words_for_an_area_lead_to_its_zone(typed, area):
    parsed = parse_pain_message(typed)
    assert (parsed.kind, parsed.area) == ("report", area)


@pytest.mark.parametrize(
    ("shown", "entry_area", "counts"),
    [
        ("lower back", "lower back", True),
        ("lower back", "upper back", False),
        ("lower back", None, False),
        ("lower back", "whole back", True),  # the whole back hurt, the lower back with it
        ("neck & shoulders", "whole back", True),
        ("leg", "whole back", False),
        ("buttock", "hip & buttock", True),  # the old combined area counts for both
        ("hip", "hip & buttock", True),
        ("hip", "buttock", False),
        ("whole back", "whole back", True),
        ("whole back", "lower back", False),
        ("hip & buttock", "hip", False),
    ],
)
def test_which_entries_count_when_one_area_is_shown(shown, entry_area, counts):
    assert counts_for(shown, entry_area) is counts


def test_what_else_counts_for_an_area_is_said():
    assert counted_with("hip") == ("hip & buttock",)
    assert counted_with("lower back") == ("whole back",)
    assert counted_with("leg") == ()


@pytest.mark.parametrize(
    ("typed", "area"),
    [
        ("5", "lower back"),
        ("3", "between the shoulder blades"),
        ("zone 7", "hip"),
        ("lower back", "lower back"),
        ("Lower  Back", "lower back"),
        ("glutes", "buttock"),
        ("my neck", "neck & shoulders"),
        ("whole back", "whole back"),
        ("hip & buttock", "hip & buttock"),
        ("9", None),
        ("0", None),
        ("banana", None),
        ("", None),
    ],
)
def test_an_area_named_for_history(typed, area):
    assert area_from_words(typed) == area


def test_the_zones_are_the_numbers_the_picture_explains():
    """The buttons and the drawing agree: the picture's legend names zone n as our zone n."""
    from content.pictures.spec import load_pictures

    legend = load_pictures()[PICTURE].legend
    numbered = {int(line.split(":")[0]): line.lower().replace(" and ", " & ") for line in legend}
    assert sorted(numbered) == [zone.number for zone in ZONES]
    for zone in ZONES:
        assert zone.area in numbered[zone.number], (zone, numbered[zone.number])
