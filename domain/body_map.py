"""The body map: the numbered zones of the picture ``body-map`` and the diary areas they are.

The picture (content/pictures, id ``body-map``) shows the back from behind with 8 numbered
zones; /pain and an unclear report offer them as buttons, and /history can show one zone.
Each zone *is* one area of ``domain.pain.AREAS`` (what an entry stores); "whole back" is no
zone of its own but is offered beside them.

Counting entries for one area (``counts_for``): an entry counts for the area it names, and
an entry of a wider area counts for every zone inside it:
- "hip & buttock" (the single area before the map) counts for zone 6 (buttock) and zone 7
  (hip): it was said of both, and we cannot know which;
- "whole back" counts for the back zones 1-5 (neck & shoulders down to the lower back): a
  whole-back 7 means each of them hurt that day.
Entries labelled "upper back" before the map may have been about the mid back or between the
shoulder blades (the parser filed those words under upper back then); they count for zone 2
only, as their label says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.pain import AREA_SYNONYMS, AREAS, PAIN_AREAS

PICTURE = "body-map"  # the picture's id in content/pictures


@dataclass(frozen=True)
class BodyZone:
    """One numbered zone of the body map: ``area`` is the diary area it records."""

    number: int
    area: str  # a label of domain.pain.PAIN_AREAS
    short: str  # the button's words next to the number


ZONES: tuple[BodyZone, ...] = (
    BodyZone(1, "neck & shoulders", "Neck & shoulders"),
    BodyZone(2, "upper back", "Upper back"),
    BodyZone(3, "between the shoulder blades", "Between shoulder blades"),
    BodyZone(4, "mid back", "Mid back"),
    BodyZone(5, "lower back", "Lower back"),
    BodyZone(6, "buttock", "Buttocks"),
    BodyZone(7, "hip", "Hips"),
    BodyZone(8, "leg", "Legs"),
)
WHOLE_BACK = "whole back"
# Areas a person can pick: the zones, then the whole back. ("hip & buttock" stays readable
# in old entries, but the map asks for hip or buttock.)
CHOOSABLE_AREAS: tuple[str, ...] = (*(zone.area for zone in ZONES), WHOLE_BACK)

# Wider areas and the zones' areas they cover.
_COVERS: dict[str, frozenset[str]] = {
    "hip & buttock": frozenset({"buttock", "hip"}),
    WHOLE_BACK: frozenset(zone.area for zone in ZONES if zone.number <= 5),
}


def zone_of(number: int) -> BodyZone | None:
    """The zone with this number (1-8), or None."""
    return next((zone for zone in ZONES if zone.number == number), None)


def zone_for_area(area: str | None) -> BodyZone | None:
    """The zone an area label is, or None ("whole back", "hip & buttock", no area)."""
    return next((zone for zone in ZONES if zone.area == area), None)


def area_code(area: str) -> str:
    """The short code of an area label (for button data); KeyError for an unknown label."""
    return next(a.code for a in AREAS if a.label == area)


def counts_for(area: str, entry_area: str | None) -> bool:
    """Whether an entry of ``entry_area`` counts when only ``area`` is shown (module doc)."""
    return entry_area == area or area in _COVERS.get(entry_area or "", frozenset())


def counted_with(area: str) -> tuple[str, ...]:
    """The other (wider) areas whose entries count for ``area``, e.g. ("whole back",)."""
    return tuple(wider for wider, inside in _COVERS.items() if area in inside)


def area_from_words(text: str) -> str | None:
    """The area a person names for /history: a zone number ("5"), an area's name or any
    word the pain parser knows for it ("glutes", "middle of my back"); None otherwise."""
    words = re.sub(r"\s+", " ", text).strip().lower().removeprefix("zone ").strip()
    if re.fullmatch(r"[0-9]{1,2}", words):
        zone = zone_of(int(words))
        return zone.area if zone else None
    words = words.removeprefix("my ").removeprefix("the ")
    if words in AREA_SYNONYMS:
        return AREA_SYNONYMS[words]
    return words if words in PAIN_AREAS else None
