"""What people type after /remind, in their own words, read into a typed request.

"every day at 8am", "daily at 7", "weekdays @ 6pm", "mon, wed, fri 7:30", "sat-sun 10",
"every 2 hours from 9 to 17", "tomorrow 9:00", "today at 18:00", "in 2 hours": a pure
function of the text, the current instant and the user's zone, so the same words always
give the same reminder and it can be measured on a corpus (tests/corpora/reminders.tsv,
``python -m benchmarks.corpus_reminders``).

Decisions, for the cases people disagree on:

- A bare hour is on a 24-hour clock ("daily at 7" is 07:00), unless a word says which half
  of the day: "every evening at 9", "tonight at 9" are 21:00.
- A time without days repeats every day ("/remind 7pm"), as before.
- "every 2 hours from 9 to 17" is a series: one reminder per time (09:00, 11:00 ... 17:00),
  each listed, paused and changed on its own, so nothing new is needed to fire or show them.
- A one-off ("tomorrow 9:00", "in 2 hours") is an instant in UTC: "in 2 hours" is two real
  hours even across a DST change, and "tomorrow 9:00" is 09:00 on tomorrow's wall clock.
- Words that are not about a reminder ("pain 4", "thanks") are refused with the word named,
  never guessed around: a wrong reminder is worse than a question.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.schedule import (
    DAY_NAMES,
    EVERY_DAY,
    WEEKDAYS,
    WEEKENDS,
    ReminderKind,
    ScheduleParseError,
    fire_instant_on,
    parse_time,
)

EXAMPLE = "/remind every day at 8am"
ONE_OFF_EXAMPLE = "/remind tomorrow 9:00"
SERIES_EXAMPLE = "/remind every 2 hours from 9 to 17"
MAX_AHEAD = timedelta(days=30)  # "in 2 hours" yes, "in 900 days" is a typo
MIN_INTERVAL = timedelta(minutes=30)
MAX_SERIES = 12


@dataclass(frozen=True)
class ReminderRequest:
    """A reminder as asked for: its kind, weekdays and local times, or one instant.

    ``times`` holds several times for a series (one reminder each). For a one-off,
    ``once_at`` is the UTC instant, ``times`` its local time and ``days`` its weekday.
    """

    kind: ReminderKind
    days: tuple[int, ...]
    times: tuple[time, ...]
    once_at: datetime | None = None

    @property
    def is_one_off(self) -> bool:
        return self.once_at is not None


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------

_KIND_WORDS: dict[str, ReminderKind] = {
    "routine": "routine",
    "routines": "routine",
    "stretch": "routine",
    "stretches": "routine",
    "stretching": "routine",
    "exercise": "routine",
    "exercises": "routine",
    "workout": "routine",
    "mobility": "routine",
    "checkin": "checkin",
    "checkins": "checkin",
    "checkup": "checkin",
}
_GROUPS: dict[str, tuple[int, ...]] = {
    "daily": EVERY_DAY,
    "everyday": EVERY_DAY,
    "weekdays": WEEKDAYS,
    "weekday": WEEKDAYS,
    "workdays": WEEKDAYS,
    "workday": WEEKDAYS,
    "weekends": WEEKENDS,
    "weekend": WEEKENDS,
}
_SHORT_DAYS = {"tues": 1, "tue": 1, "weds": 2, "thur": 3, "thurs": 3, "thu": 3, "sun": 6}
_WHEN_WORDS = {"today": 0, "tomorrow": 1}
# Words that set which half of the day a bare hour is in.
_PM_WORDS = {"evening", "evenings", "night", "nights", "tonight", "afternoon", "afternoons"}
_AM_WORDS = {"morning", "mornings"}
# Words people wrap a reminder in; they change nothing.
_FILLER = {
    "remind", "me", "to", "please", "pls", "at", "on", "every", "each", "a", "an", "the",
    "my", "do", "and", "oclock", "reminder", "set", "for", "of", "back", "time", "it",
    "can", "you", "i", "want", "would", "like", "week", "weekly", "day", "days", "around",
    "about", "hey", "hi", "by", "from", "new", "go", "some", "with", "also", "then", "make",
    "single", "sharp", "in",
}  # fmt: skip
_UNITS = {
    "m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1,
    "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60,
}  # fmt: skip
# What a typo is compared with ("evry" -> "every", "tomorow" -> "tomorrow").
_VOCABULARY = sorted(
    {*_KIND_WORDS, *_GROUPS, *_WHEN_WORDS, *_PM_WORDS, *_AM_WORDS, *DAY_NAMES, *_FILLER}
    | {"hours", "minutes", "every", "between", "tonight"}
)
_ONE_TIME = r"(?:\d{1,2}(?:[:.h]\d{0,2})?(?:[ap]m?)?|\d{3,4}(?:[ap]m?)?|noon|midday|midnight)"
_TIME_LIKE = re.compile(rf"{_ONE_TIME}(?:-{_ONE_TIME})?")
_NUMBERS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
)  # fmt: skip
_NUMBER_WORDS = r"\b(?:" + "|".join(_NUMBERS) + r")\b"
_DAY_WORD = r"[a-z]{2,9}"
_RANGE_WORDS = r"(?:-|–|to|through|thru|till|until)"


def _day_number(word: str) -> int | None:
    """Monday from "mon", "monday", "mondays", "mo"; None if not a day."""
    if word in _SHORT_DAYS:
        return _SHORT_DAYS[word]
    if word.endswith("s") and word[:-1] in DAY_NAMES:
        word = word[:-1]
    if len(word) >= 3 or word in {"mo", "tu", "we", "th", "fr", "sa", "su"}:
        for number, name in enumerate(DAY_NAMES):
            if name.startswith(word):
                return number
    return None


def _normalise(text: str) -> str:
    lowered = (text or "").casefold().replace("’", "'").replace("…", " ")
    lowered = re.sub(r"^\s*/remind(?:@\w+)?", " ", lowered)
    lowered = lowered.replace("@", " at ").replace("o'clock", " oclock ")
    lowered = re.sub(r"[!?;]+|\.(?!\d)", " ", lowered)  # "7.30" keeps its dot
    lowered = re.sub(r"\b(?:pain\s+)?check[\s-]*(in|up)s?\b", r"check\1", lowered)
    lowered = re.sub(r"\bpain\s+(?:log|check)\b", "checkin", lowered)
    lowered = re.sub(r"\b(?:every|each)\s+(?:single\s+)?day\b|\bevery\s*day\b", "daily", lowered)
    lowered = re.sub(r"\b(?:every|each)\s+(?:hour|hr)\b", "every 1 hours", lowered)
    lowered = re.sub(r"\b(?:in\s+)?half\s+an?\s+hour\b", "in 30 minutes", lowered)
    lowered = re.sub(r"\bin\s+an?\s+(hour|minute)\b", r"in 1 \1", lowered)
    lowered = re.sub(
        r"\b(in|every)\s+(\d+(?:\.\d+)?)\s*(h|hrs?|m|mins?)\b",
        lambda m: f"{m[1]} {m[2]} {'hours' if m[3].startswith('h') else 'minutes'}",
        lowered,
    )
    lowered = re.sub(_NUMBER_WORDS, lambda m: str(_NUMBERS.index(m[0]) + 1), lowered)
    lowered = re.sub(
        r"\b(tmrw|tmr|tmrow|tomorow|tommorow|tommorrow|tomorrrow)\b", "tomorrow", lowered
    )
    # "7 pm", "7 p.m." -> "7pm"; "18 h" -> "18h".
    lowered = re.sub(r"(?<=\d)\s*([ap])\.?\s*m\b\.?", r"\1m", lowered)
    lowered = re.sub(r"\b(\d{1,2})\s*h\b(?!\d)", r"\1:00", lowered)
    lowered = re.sub(r"\b(\d{1,2})h(\d{2})\b", r"\1:\2", lowered)
    # Day ranges: "mon to fri", "monday - friday" -> "mon-fri".
    lowered = re.sub(rf"\b({_DAY_WORD})\s*{_RANGE_WORDS}\s*({_DAY_WORD})\b", _day_range, lowered)
    return " ".join(re.split(r"[\s,/&+]+", lowered)).strip()


def _day_range(match: re.Match) -> str:
    first, last = match[1], match[2]
    if _day_number(first) is None or _day_number(last) is None:
        return match[0]
    return f"{first}-{last}"


def _fix_typo(word: str) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    close = difflib.get_close_matches(word, _VOCABULARY, n=1, cutoff=0.8)
    return close[0] if close else word


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


@dataclass
class _Found:
    kind: ReminderKind | None = None
    days: set[int] | None = None
    times: list[time] | None = None
    raw_times: list[str] | None = None
    when: int | None = None  # 0 today, 1 tomorrow
    relative: timedelta | None = None
    interval: timedelta | None = None
    half: str | None = None  # "am" or "pm" from a word like "evening"
    ranges: int = 0  # "9 to 17": only meaningful with "every 2 hours"

    def add_days(self, days) -> None:
        self.days = (self.days or set()) | set(days)


def parse_reminder_request(text: str, now: datetime, zone: str) -> ReminderRequest:
    """The reminder ``text`` asks for, seen at ``now`` in ``zone``; ScheduleParseError
    (with what was not understood and an example that works) otherwise."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    tokens = _normalise(text).split()
    if not tokens:
        raise ScheduleParseError("Tell me when to remind you.", EXAMPLE)
    found = _Found()
    index = 0
    while index < len(tokens):
        index = _read(tokens, index, found)
    return _build(found, now, zone)


def _read(tokens: list[str], index: int, found: _Found) -> int:
    """Read the phrase starting at ``tokens[index]`` into ``found``; the next index."""
    word = tokens[index]
    after = tokens[index + 1 :]
    if word == "in" and after and _amount(after) is not None:
        amount, used = _amount(after)
        found.relative = amount
        return index + 1 + used
    if word == "every" and after and _amount(after) is not None:
        amount, used = _amount(after)
        found.interval = amount
        return index + 1 + used
    if word == "between":
        return index + 1
    if _TIME_LIKE.fullmatch(word):
        return _read_times(tokens, index, found)
    word = _fix_typo(word) if not _known(word) else word
    if word in _KIND_WORDS:
        found.kind = _KIND_WORDS[word]
    elif word in _GROUPS:
        found.add_days(_GROUPS[word])
    elif word in _WHEN_WORDS:
        found.when = _WHEN_WORDS[word]
    elif word in _PM_WORDS or word in _AM_WORDS:
        found.half = "pm" if word in _PM_WORDS else "am"
        if word == "tonight":
            found.when = 0
    elif word in _FILLER:
        pass
    elif (days := _days_of(word)) is not None:
        found.add_days(days)
    else:
        raise ScheduleParseError(f"I didn't understand “{tokens[index]}”.", EXAMPLE)
    return index + 1


def _known(word: str) -> bool:
    return (
        word in _KIND_WORDS
        or word in _GROUPS
        or word in _WHEN_WORDS
        or word in _PM_WORDS
        or word in _AM_WORDS
        or word in _FILLER
        or _days_of(word) is not None
    )


def _days_of(word: str) -> tuple[int, ...] | None:
    if "-" in word:
        first, _, last = word.partition("-")
        start, end = _day_number(first), _day_number(last)
        if start is None or end is None:
            return None
        span = (end - start) % 7  # "fri-mon" wraps the week
        return tuple((start + step) % 7 for step in range(span + 1))
    number = _day_number(word)
    return None if number is None else (number,)


def _amount(tokens: list[str]) -> tuple[timedelta, int] | None:
    """ "2 hours", "90 min", "2h", "1.5 hours" at the start of ``tokens``."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([a-z]+)?", tokens[0])
    if match is None:
        return None
    number, unit, used = float(match[1]), match[2], 1
    if unit is None:
        if len(tokens) < 2 or _fix_typo(tokens[1]) not in _UNITS:
            return None
        unit, used = _fix_typo(tokens[1]), 2
    if unit not in _UNITS:
        return None
    return timedelta(minutes=number * _UNITS[unit]), used


def _read_times(tokens: list[str], index: int, found: _Found) -> int:
    """One time, or a range "9-17" / "9 to 17" / "9 and 17" after "between"."""
    first = tokens[index]
    raw, used = [first], 1
    if "-" in first:
        raw = first.split("-", 1)
    elif len(tokens) > index + 2:
        joiner, second = tokens[index + 1], tokens[index + 2]
        is_range = joiner in {"to", "till", "until", "-", "–"} or (
            joiner == "and" and index > 0 and tokens[index - 1] == "between"
        )
        if is_range and _TIME_LIKE.fullmatch(second):
            raw, used = [first, second], 3
    if len(raw) == 2:
        found.ranges += 1
    found.raw_times = (found.raw_times or []) + raw
    return index + used


def _time_of(raw: str, half: str | None) -> time:
    at = parse_time(raw)
    bare = re.fullmatch(r"\d{1,2}(?:[:.]\d{2})?", raw) is not None
    if bare and half == "pm" and 1 <= at.hour <= 11:
        return at.replace(hour=at.hour + 12)
    return at


def _build(found: _Found, now: datetime, zone: str) -> ReminderRequest:
    kind: ReminderKind = found.kind or "routine"
    try:
        times = [_time_of(raw, found.half) for raw in found.raw_times or []]
    except ScheduleParseError as error:
        raise ScheduleParseError(error.message, EXAMPLE) from None
    if found.relative is not None:
        return _in(found, kind, times, now, zone)
    if found.when is not None:
        return _on_day(found, kind, times, now, zone)
    days = tuple(sorted(found.days)) if found.days else EVERY_DAY
    if found.interval is not None:
        times = _series(found.interval, times)
    elif found.ranges:
        raise ScheduleParseError("How often between those times?", SERIES_EXAMPLE)
    if not times:
        example = f"/remind {'checkin ' if kind == 'checkin' else ''}daily 21:00"
        raise ScheduleParseError("Please add a time.", example)
    return ReminderRequest(kind, days, tuple(sorted(set(times))))


def _in(found: _Found, kind, times, now: datetime, zone: str) -> ReminderRequest:
    amount = found.relative
    if times or found.days or found.when is not None or found.interval is not None:
        raise ScheduleParseError(
            "Say either “in 2 hours” or a time, not both.", "/remind in 2 hours"
        )
    if not timedelta(minutes=1) <= amount <= MAX_AHEAD:
        raise ScheduleParseError(
            "I can remind you from 1 minute up to 30 days ahead.", "/remind in 2 hours"
        )
    # In UTC: aware arithmetic in a zone adds wall-clock time, wrong across DST.
    at = (now.astimezone(UTC) + amount).replace(second=0, microsecond=0)
    return _one_off(kind, at, zone)


def _on_day(found: _Found, kind, times, now: datetime, zone: str) -> ReminderRequest:
    word = "today" if found.when == 0 else "tomorrow"
    if found.days or found.interval is not None:
        raise ScheduleParseError(f"“{word}” is one day: leave out the other days.", ONE_OFF_EXAMPLE)
    if len(times) != 1:
        raise ScheduleParseError(f"Please add one time for {word}.", f"/remind {word} 18:00")
    local_day = now.astimezone(ZoneInfo(zone)).date() + timedelta(days=found.when)
    at = fire_instant_on(local_day, times[0], zone)
    if at <= now:
        raise ScheduleParseError(
            f"{times[0]:%H:%M} today has passed already.", f"/remind tomorrow {times[0]:%H:%M}"
        )
    return _one_off(kind, at, zone)


def _one_off(kind, at: datetime, zone: str) -> ReminderRequest:
    local = at.astimezone(ZoneInfo(zone))
    return ReminderRequest(kind, (local.weekday(),), (local.time().replace(tzinfo=None),), at)


def _series(interval: timedelta, times: list[time]) -> list[time]:
    if len(times) != 2:
        raise ScheduleParseError("Between which times?", SERIES_EXAMPLE)
    if interval < MIN_INTERVAL:
        raise ScheduleParseError("Every 30 minutes at the most often, please.", SERIES_EXAMPLE)
    start, end = (datetime.combine(date(2000, 1, 1), t) for t in times)
    if end <= start:
        raise ScheduleParseError("The first time must come before the last.", SERIES_EXAMPLE)
    series = []
    while start <= end:
        series.append(start.time())
        start += interval
    if len(series) > MAX_SERIES:
        raise ScheduleParseError(
            f"That makes {len(series)} reminders; please space them out.", SERIES_EXAMPLE
        )
    return series
