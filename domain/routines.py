"""Choosing routines: filters for menus, plain-words search, and the routine of the day.

Pure functions over ``content.schema.Routine`` objects: no Telegram, no I/O, no clock.
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from content.schema import EQUIPMENT, GOALS, Library, Routine
from domain.screening import is_suitable

# What people (and PainEntry.area) call an area, mapped onto the routine goals.
_AREA_NAMES: dict[str, str] = {
    "lower back": "lower_back",
    "low back": "lower_back",
    "upper back": "upper_back_shoulders",
    "upper back & shoulders": "upper_back_shoulders",
    "shoulders": "upper_back_shoulders",
    "neck": "neck",
    "neck & shoulders": "neck",
    "whole back": "whole_back",
    # The body map's zones 3 and 4 are the thoracic back, which upper-back routines work on.
    "between the shoulder blades": "upper_back_shoulders",
    "mid back": "upper_back_shoulders",
    # Hip, buttock and leg (sciatica) pain mostly comes from the lower back.
    "hip & buttock": "lower_back",
    "hip": "lower_back",
    "buttock": "lower_back",
    "leg": "lower_back",
    "relaxation": "relaxation_sleep",
    "sleep": "relaxation_sleep",
}

QUICK_MAX_MINUTES = 15
QUICK_TARGET_MINUTES = 10
LONG_MIN_MINUTES = 30
# The routine of the day is a daily habit: keep it short when there is a short choice.
DAILY_MAX_MINUTES = 25


class NoRoutineAvailable(LookupError):
    """No routine passes the filters (e.g. only deep routines need equipment the user lacks)."""


def area_goal(area: str) -> str:
    """The goal key for an area, whether given as a key ("lower_back") or a label ("lower back").

    Raises ValueError for anything else, so a typo in a caller fails loudly.
    """
    key = area.strip().lower()
    if key in GOALS:
        return key
    if key in _AREA_NAMES:
        return _AREA_NAMES[key]
    raise ValueError(f"unknown area {area!r}; expected one of {', '.join(GOALS)}")


def area_goals(area: str) -> frozenset[str]:
    """All goals that serve a pain-diary area; "neck & shoulders" covers both."""
    goal = area_goal(area)
    if goal == "neck":
        return frozenset({"neck", "upper_back_shoulders"})
    return frozenset({goal})


def _as_list(routines: Library | Mapping[str, Routine] | Iterable[Routine]) -> list[Routine]:
    if isinstance(routines, Library):
        return list(routines.routines.values())
    if isinstance(routines, Mapping):
        return list(routines.values())
    return list(routines)


def _available(equipment: str | Iterable[str] | None) -> frozenset[str] | None:
    if equipment is None:
        return None
    owned = frozenset([equipment] if isinstance(equipment, str) else equipment)
    unknown = owned - set(EQUIPMENT)
    if unknown:
        raise ValueError(f"unknown equipment {sorted(unknown)}; expected some of {EQUIPMENT}")
    return owned | {"none"}


def can_do_with(routine: Routine, equipment: frozenset[str] | set[str]) -> bool:
    """True if every tool the routine needs is in `equipment` ("none" needs nothing)."""
    return routine.tools <= set(equipment)


def with_gear_first(
    routines: Iterable[Routine], equipment: Iterable[str] | None
) -> list[tuple[Routine, frozenset[str]]]:
    """Each routine with the tools it needs that the person lacks: the ones they can do
    with what they have first, then the others (each group in its own order).

    ``equipment`` is what the person said they own; None when they never said, and then
    nothing is marked and the order is kept (not knowing is not lacking).
    """
    if equipment is None:
        return [(routine, frozenset()) for routine in routines]
    owned = frozenset(equipment)
    marked = [(routine, routine.tools - owned) for routine in routines]
    return sorted(marked, key=lambda pair: bool(pair[1]))  # stable: order kept within


def find_routines(
    library_or_routines: Library | Mapping[str, Routine] | Iterable[Routine],
    *,
    goal: str | None = None,
    max_minutes: int | None = None,
    equipment: str | Iterable[str] | None = None,
    who: str | None = None,
    conditions: Iterable[str] = (),
) -> list[Routine]:
    """Routines matching every given filter, in library order.

    `equipment` is what the person *has*: a routine qualifies when it needs no tools or only
    tools from that set. `goal` accepts a goal key or a plain label ("lower back").
    `conditions` are the person's screening conditions: a routine unsuitable for any of
    them is never returned.
    """
    held = frozenset(conditions)
    wanted_goal = area_goal(goal) if goal is not None else None
    owned = _available(equipment)
    if who is not None and who not in ("self", "partner"):
        raise ValueError(f"who must be 'self' or 'partner', got {who!r}")
    return [
        routine
        for routine in _as_list(library_or_routines)
        if (wanted_goal is None or wanted_goal in routine.goals)
        and (max_minutes is None or routine.minutes <= max_minutes)
        and (owned is None or can_do_with(routine, owned))
        and (who is None or routine.who == who)
        and is_suitable(routine, held)
    ]


# ---------------------------------------------------------------------------------------
# Plain-words search ("10 min lower back with a ball")


@dataclass
class _Query:
    goals: set[str] = field(default_factory=set)
    equipment: set[str] = field(default_factory=set)
    who: str | None = None
    intensity: str | None = None  # "gentle" or "deep"
    min_minutes: int | None = None
    max_minutes: int | None = None
    target_minutes: int | None = None
    title_words: set[str] = field(default_factory=set)  # other words, matched to titles
    keyword_words: set[str] = field(default_factory=set)  # keywords, also matched to titles

    def is_empty(self) -> bool:
        return not (
            self.goals
            or self.equipment
            or self.who
            or self.intensity
            or self.min_minutes
            or self.max_minutes
            or self.title_words
        )


# Phrase -> (kind, value). Multi-word phrases are matched before their parts.
_KEYWORDS: dict[str, tuple[str, str]] = {
    "lower back": ("goal", "lower_back"),
    "low back": ("goal", "lower_back"),
    "lumbar": ("goal", "lower_back"),
    "hips": ("goal", "lower_back"),
    "sciatica": ("goal", "lower_back"),
    "upper back": ("goal", "upper_back_shoulders"),
    "shoulder": ("goal", "upper_back_shoulders"),
    "shoulders": ("goal", "upper_back_shoulders"),
    "shoulder blades": ("goal", "upper_back_shoulders"),
    "neck": ("goal", "neck"),
    "whole back": ("goal", "whole_back"),
    "full back": ("goal", "whole_back"),
    "entire back": ("goal", "whole_back"),
    "sleep": ("goal", "relaxation_sleep"),
    "bed": ("goal", "relaxation_sleep"),
    "bedtime": ("goal", "relaxation_sleep"),
    "evening": ("goal", "relaxation_sleep"),
    "night": ("goal", "relaxation_sleep"),
    "relax": ("goal", "relaxation_sleep"),
    "relaxing": ("goal", "relaxation_sleep"),
    "relaxation": ("goal", "relaxation_sleep"),
    "stress": ("goal", "relaxation_sleep"),
    "calm": ("goal", "relaxation_sleep"),
    "unwind": ("goal", "relaxation_sleep"),
    "wind down": ("goal", "relaxation_sleep"),
    "ball": ("equipment", "ball"),
    "tennis ball": ("equipment", "ball"),
    "lacrosse ball": ("equipment", "ball"),
    "roller": ("equipment", "foam_roller"),
    "foam roller": ("equipment", "foam_roller"),
    "foam": ("equipment", "foam_roller"),
    "hook": ("equipment", "massage_hook"),
    "cane": ("equipment", "massage_hook"),
    "theracane": ("equipment", "massage_hook"),
    "massager": ("equipment", "massager"),
    "massage gun": ("equipment", "massager"),
    "electric": ("equipment", "massager"),
    "handheld": ("equipment", "massager"),
    "heat": ("equipment", "heat_pad"),
    "heat pad": ("equipment", "heat_pad"),
    "heating pad": ("equipment", "heat_pad"),
    "warmth": ("equipment", "heat_pad"),
    "chair": ("equipment", "massage_chair"),
    "massage chair": ("equipment", "massage_chair"),
    "no equipment": ("equipment", "none"),
    "without equipment": ("equipment", "none"),
    "nothing": ("equipment", "none"),
    "hands only": ("equipment", "none"),
    "partner": ("who", "partner"),
    "wife": ("who", "partner"),
    "husband": ("who", "partner"),
    "girlfriend": ("who", "partner"),
    "boyfriend": ("who", "partner"),
    "friend": ("who", "partner"),
    "someone": ("who", "partner"),
    "someone else": ("who", "partner"),
    "couple": ("who", "partner"),
    "myself": ("who", "self"),
    "alone": ("who", "self"),
    "self": ("who", "self"),
    "quick": ("length", "quick"),
    "short": ("length", "quick"),
    "fast": ("length", "quick"),
    "break": ("length", "quick"),
    "desk": ("title", "desk"),
    "office": ("title", "desk"),
    "at work": ("title", "desk"),
    "long": ("length", "long"),
    "longer": ("length", "long"),
    "full session": ("length", "long"),
    "hour": ("length", "long"),
    "gentle": ("intensity", "gentle"),
    "soft": ("intensity", "gentle"),
    "light": ("intensity", "gentle"),
    "flare": ("intensity", "gentle"),
    "flare-up": ("intensity", "gentle"),
    "deep": ("intensity", "deep"),
    "firm": ("intensity", "deep"),
    "strong": ("intensity", "deep"),
    "knots": ("intensity", "deep"),
    "trigger": ("intensity", "deep"),
}
# Longest phrases first so "lower back" wins over a bare "back", "foam roller" over "roller".
_KEYWORD_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(_KEYWORDS, key=len, reverse=True)) + r")\b"
)
_MINUTES_PATTERN = re.compile(
    r"\b(\d{1,3})\s*(?:(?:-|to|–)\s*(\d{1,3})\s*)?(?:m|min|mins|minute|minutes)\b"
)
_HOURS_PATTERN = re.compile(r"\b(?:an|1|one)\s*(?:h|hr|hour)\b|\bhalf an hour\b")
# Words from titles that say what a routine *is*; searched when nothing else explains them.
_TITLE_WORD_MIN_LENGTH = 5
# Words in (nearly) every title or request that say nothing about which routine is meant.
_IGNORED_TITLE_WORDS = {"back", "massage", "routine", "session", "first", "partner", "with"}
# A stated time also admits routines up to this much longer ("10 min" still finds 15).
_MINUTES_SLACK = 1.5


def _parse_query(text: str) -> _Query:
    query = _Query()
    lowered = text.lower()

    for match in _MINUTES_PATTERN.finditer(lowered):
        low, high = int(match.group(1)), match.group(2)
        limit = int(high) if high else low
        query.max_minutes = limit
        query.target_minutes = (low + limit) // 2 if high else limit
    half_hour = re.search(r"\bhalf an hour\b", lowered)
    if half_hour:
        query.max_minutes, query.target_minutes = 30, 30
    elif _HOURS_PATTERN.search(lowered) and query.max_minutes is None:
        query.max_minutes, query.target_minutes = 60, 60

    for match in _KEYWORD_PATTERN.finditer(lowered):
        kind, value = _KEYWORDS[match.group(1)]
        if kind == "goal":
            query.goals.add(value)
        elif kind == "equipment":
            query.equipment.add(value)
        elif kind == "who":
            query.who = value
        elif kind == "intensity":
            query.intensity = value
        elif kind == "title":
            query.title_words.add(value)
        elif kind == "length" and value == "quick" and query.max_minutes is None:
            query.max_minutes, query.target_minutes = QUICK_MAX_MINUTES, QUICK_TARGET_MINUTES
        elif kind == "length" and value == "long" and query.target_minutes is None:
            query.min_minutes = LONG_MIN_MINUTES

    known = {w for phrase in _KEYWORDS for w in phrase.split()}
    for word in re.findall(r"[a-z]+", lowered):
        if word in _IGNORED_TITLE_WORDS or len(word) < 4:
            continue
        if word in known:
            query.keyword_words.add(word)
        elif len(word) >= _TITLE_WORD_MIN_LENGTH:
            query.title_words.add(word)
    return query


def _title_hits(routine: Routine, words: set[str]) -> int:
    """How many query words name something in the routine's title.

    Words count when they share a stem of five letters ("stretching" finds "Stretch",
    "breathing" finds "breathe") or match exactly.
    """
    title_words = [t for t in re.findall(r"[a-z]+", routine.title.lower()) if len(t) >= 4]
    return sum(
        1
        for word in words
        if any(word == t or len(os.path.commonprefix([word, t])) >= 5 for t in title_words)
    )


def match_words(
    routines: Library | Mapping[str, Routine] | Iterable[Routine],
    text: str,
    *,
    conditions: Iterable[str] = (),
) -> list[Routine]:
    """Routines that fit a free-text request, best first; empty when nothing fits.

    Time limits and "partner"/"myself" are hard filters (a 45-minute routine does not fit
    "10 min"). Areas, equipment, intensity and title words add to a score; when any of them
    were asked for, a routine must match at least one to be listed. A routine unsuitable
    for one of the screening `conditions` is never listed.
    """
    held = frozenset(conditions)
    candidates = [r for r in _as_list(routines) if is_suitable(r, held)]
    query = _parse_query(text)
    # Words that name nothing in any title are just filler ("please", "minutes").
    query.title_words = {
        w for w in query.title_words if any(_title_hits(r, {w}) for r in candidates)
    }
    if query.is_empty():
        return []
    scored: list[tuple[float, int, Routine]] = []
    for position, routine in enumerate(candidates):
        if query.who and routine.who != query.who:
            continue
        if query.max_minutes is not None and routine.minutes > query.max_minutes * _MINUTES_SLACK:
            continue
        if query.min_minutes is not None and routine.minutes < query.min_minutes:
            continue
        if query.intensity == "gentle" and routine.is_deep:
            continue

        # What the routine is about (area, tool, title) must match if any of it was asked;
        # intensity alone only decides when nothing more specific was said.
        topic_score = 3 * len(query.goals & set(routine.goals))
        if "none" in query.equipment and not routine.tools:
            topic_score += 3
        topic_score += 3 * len(query.equipment & routine.tools)
        topic_score += 2 * _title_hits(routine, query.title_words)
        intensity_score = 0
        if query.intensity == "deep" and routine.is_deep:
            intensity_score = 2
        if query.intensity == "gentle" and routine.intensity == "gentle":
            intensity_score = 1

        if query.goals or query.equipment or query.title_words:
            if topic_score == 0:
                continue
        elif query.intensity and intensity_score == 0:
            continue
        score = float(topic_score + intensity_score)
        if query.goals and query.goals <= set(routine.goals):
            score += 1  # covers everything asked for, not just one area
        if routine.goals[0] in query.goals:
            score += 1  # the asked-for area is what this routine is mainly about
        score += _title_hits(routine, query.keyword_words)  # "ball" finds "...with a ball"
        if query.target_minutes:
            # Closer to the time the person has is better, and over it is worse than under.
            over = max(routine.minutes - query.target_minutes, 0)
            gap = abs(routine.minutes - query.target_minutes) + over
            score += 1 - min(gap, 30) / 30
        if query.min_minutes is not None:
            score += min(routine.minutes, 60) / 120  # "long": the longer the better
        if query.who is None and routine.who == "self":
            score += 0.5  # most requests are for oneself unless a partner is mentioned
        scored.append((score, position, routine))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [routine for _, _, routine in scored]


# ---------------------------------------------------------------------------------------
# Routine of the day


def routine_of_the_day(
    routines: Library | Mapping[str, Routine] | Iterable[Routine],
    *,
    user_id: int,
    local_date: date,
    preferred_area: str | None = None,
    equipment: set[str] | None = None,
    avoid_deep: bool = False,
    conditions: Iterable[str] = (),
) -> Routine:
    """One self-care routine for this user on this date.

    Deterministic for (user, date, inputs) so a repeated /today shows the same thing; never
    the same routine on two consecutive days when more than one routine is allowed. Allowed
    are self routines that need no tools or only tools from `equipment` (None means no tools)
    and, when `avoid_deep` (red-flag days), no deep or firm routines. Among those it prefers
    short routines (a daily habit, not an hour), the reported pain area, and within that
    area routines using a tool the user owns. A routine unsuitable for one of the user's
    screening `conditions` is never chosen.
    """
    held = frozenset(conditions)
    owned = _available(equipment if equipment is not None else {"none"}) or frozenset({"none"})
    allowed = [
        r
        for r in _as_list(routines)
        if r.who == "self"
        and can_do_with(r, owned)
        and not (avoid_deep and r.is_deep)
        and is_suitable(r, held)
    ]
    if not allowed:
        raise NoRoutineAvailable("no self-care routine fits the equipment and intensity limits")
    allowed.sort(key=lambda r: r.id)  # independent of the order the caller passed them in
    short = [r for r in allowed if r.minutes <= DAILY_MAX_MINUTES]
    if len(short) >= 2:
        allowed = short
    day = local_date.toordinal() + _user_shift(user_id)

    pool = _preferred_pool(allowed, preferred_area, owned - {"none"})
    if len(pool) >= 2:
        return _rotate(pool, user_id, day)
    others = [r for r in allowed if r not in pool]
    if len(pool) == 1 and others:
        # A single favourite every other day, the rest in turn on the days between.
        return pool[0] if day % 2 == 0 else _rotate(others, user_id, day // 2)
    return _rotate(allowed, user_id, day)


def _preferred_pool(
    allowed: list[Routine], preferred_area: str | None, tools: frozenset[str]
) -> list[Routine]:
    """Routines for the pain area, narrowed to those using the user's tools if two remain.

    Returns the area's only routine when there is just one, and [] without an area.
    """
    if not preferred_area:
        return []
    goals = area_goals(preferred_area)
    in_area = [r for r in allowed if goals & set(r.goals)]
    with_tools = [r for r in in_area if r.tools & tools]
    return with_tools if len(with_tools) >= 2 else in_area


def _user_shift(user_id: int) -> int:
    """A stable per-user offset so two users rarely get the same routine on the same day."""
    return random.Random(f"shift:{user_id}").randrange(1_000_003)


def _block_order(pool: list[Routine], user_id: int, block: int) -> list[Routine]:
    order = list(pool)
    random.Random(f"{user_id}:{block}").shuffle(order)
    return order


def _rotate(pool: list[Routine], user_id: int, day: int) -> Routine:
    """Walk through `pool` in blocks of len(pool) days, each block a fresh shuffle.

    Inside a block every routine appears once, so neighbours differ; at a block boundary
    the first routine is swapped away if it equals the previous block's last one. The swap
    touches positions 0 and 1 only, so with three or more routines the previous block's last
    routine is unaffected by its own swap and the rule holds for every pair of days.
    """
    size = len(pool)
    if size == 1:
        return pool[0]
    if size == 2:
        return pool[day % 2]
    block, position = divmod(day, size)
    order = _block_order(pool, user_id, block)
    if order[0] == _block_order(pool, user_id, block - 1)[-1]:
        order[0], order[1] = order[1], order[0]
    return order[position]


# ---------------------------------------------------------------------------------------
# Safer choices: gentle routines, alternatives, and what a screening leaves out


def is_gentle(routine: Routine) -> bool:
    """Gentle all through: a gentle routine with no firm step (what a bad pain day allows)."""
    return routine.intensity == "gentle" and not routine.is_deep


def alternatives(
    routines: Library | Mapping[str, Routine] | Iterable[Routine],
    to: Routine,
    *,
    conditions: Iterable[str] = (),
    equipment: str | Iterable[str] | None = None,
    gentle_only: bool = False,
    same_area: bool = True,
) -> list[Routine]:
    """Other routines to offer instead of `to`, best first.

    Only routines suitable for `conditions`, doable with `equipment` (None: any) and, with
    `gentle_only`, gentle ones. With `same_area` they must share a goal with `to`;
    otherwise routines sharing a goal still come first. Then: same main goal, same
    "who", closest length, id (so the order is stable).
    """
    held = frozenset(conditions)
    owned = _available(equipment)
    goals = set(to.goals)
    found = [
        r
        for r in _as_list(routines)
        if r.id != to.id
        and is_suitable(r, held)
        and (owned is None or can_do_with(r, owned))
        and (not gentle_only or is_gentle(r))
        and (not same_area or goals & set(r.goals))
    ]
    found.sort(
        key=lambda r: (
            -len(goals & set(r.goals)),
            r.goals[0] != to.goals[0],
            r.who != to.who,
            abs(r.minutes - to.minutes),
            r.id,
        )
    )
    return found


# What makes a routine need care, in the order a sentence lists them.
CARE_KINDS: tuple[str, ...] = ("pressure", "heat", "electric")
_ELECTRIC = frozenset({"massager", "massage_chair"})


def care_kinds(routines: Iterable[Routine]) -> tuple[str, ...]:
    """What the given routines involve that needs care: firmer pressure, heat, electric tools.

    "pressure" is anything more than gentle (moderate or deep, or a firm step).
    """
    found: set[str] = set()
    for routine in routines:
        if not is_gentle(routine):
            found.add("pressure")
        if "heat_pad" in routine.tools:
            found.add("heat")
        if routine.tools & _ELECTRIC:
            found.add("electric")
    return tuple(kind for kind in CARE_KINDS if kind in found)
