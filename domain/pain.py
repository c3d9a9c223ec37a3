"""Understand a plain chat message as a pain-diary entry on the 0-10 numeric rating scale.

People write "pain 6", "lower back 4 after sitting", "roughly a 5", "was 6, now 3" or "no
pain today". We record a level only when the message clearly is one; when pain is clearly
meant but the number is missing, out of range or ambiguous we say what we understood
instead of guessing, and ordinary chat ("see you at 7", "2 walks", "I'm 45", "ibuprofen
400") is left alone. When unsure, asking back beats recording a wrong number.

Only ASCII digits (and English number words) count as numbers: a digit from another script
never becomes a level, so nothing is recorded that the user cannot recognise in their text.

The note of a report is the user's own text, as typed, less only a rating at its start
("lower back 4, ", "pain 6 tonight - ") or its end (", about a 5"): the area and level are
already the entry's fields. Nothing is ever cut out of the middle of the text.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any, Literal


@dataclass(frozen=True)
class PainArea:
    """A body area of the diary: ``label`` is what PainEntry.area stores and the user reads,
    ``code`` the short form for button data, ``synonyms`` how people name it in a message."""

    code: str
    label: str
    synonyms: tuple[str, ...]


# The one list of areas. Labels are stored in diaries: never rename one (old entries would
# no longer match), only add. The first four are the original areas. Which zone of the body
# map each area is: domain/body_map.py.
AREAS: tuple[PainArea, ...] = (
    PainArea(
        "lb",
        "lower back",
        (
            "low back", "lower-back", "low-back", "lowerback", "lower bak", "low bak",
            "lumbar", "lumbar spine", "lower spine", "sacrum", "si joint",
            "small of my back", "small of the back", "tailbone", "coccyx",
        ),
    ),
    PainArea(
        "ub",
        "upper back",
        (
            "upper-back", "upperback", "upper spine", "thoracic",
            "shoulder blades", "shoulder blade", "shoulderblades", "shoulderblade",
        ),
    ),
    PainArea(
        "ns",
        "neck & shoulders",
        (
            "neck and shoulders", "neck/shoulders", "neck and shoulder", "neck", "nape",
            "shoulders", "shoulder", "traps", "trapezius",
        ),
    ),
    PainArea(
        "wb",
        "whole back",
        (
            "entire back", "full back", "whole spine", "entire spine", "everything hurts",
            "everything aches", "all over", "everywhere", "neck to tailbone",
            "neck to lower back", "top to bottom", "all of my back", "whole of my back",
        ),
    ),
    # Before the body map, hip and buttock were one area: the label stays for old entries
    # (and for a message naming both), and counts for the map's zones 6 and 7 alike.
    PainArea("hb", "hip & buttock", ("hip and buttock", "hip and buttocks", "hips and buttocks")),
    # Sciatica is nerve pain felt mostly down the leg, so it is filed under the leg; the
    # word itself stays in the note, which says more than "leg".
    PainArea(
        "lg",
        "leg",
        (
            "legs", "thigh", "thighs", "calf", "calves", "hamstring", "hamstrings",
            "down my leg", "down the leg", "down my legs", "sciatica", "sciatic",
        ),
    ),
    # Added with the body map (issue 19): its zones 3, 4, 6 and 7. Until then "mid back" and
    # "between the shoulder blades" were filed under upper back, "hip" and "buttock" under
    # "hip & buttock".
    PainArea(
        "bs",
        "between the shoulder blades",
        (
            "between my shoulder blades", "between the shoulderblades",
            "between my shoulderblades", "between shoulder blades", "between shoulderblades",
            "between my shoulders", "between the shoulders", "interscapular",
        ),
    ),
    PainArea(
        "mb",
        "mid back",
        (
            "mid-back", "midback", "middle back", "middle of my back", "middle of the back",
            "middle of back", "mid spine", "mid-spine",
        ),
    ),
    PainArea(
        "bu",
        "buttock",
        ("buttocks", "bum", "butt", "glute", "glutes", "gluteal"),
    ),
    PainArea("hp", "hip", ("hips",)),
)  # fmt: skip
PAIN_AREAS: tuple[str, ...] = tuple(area.label for area in AREAS)

# Every way of naming a body area we understand, in one table: phrase -> area label.
# Longer phrases win over shorter ones ("shoulder blades" is upper back, "shoulders" is neck).
AREA_SYNONYMS: dict[str, str] = {
    phrase: area.label for area in AREAS for phrase in (area.label, *area.synonyms)
}
# Area phrases that also mean ordinary things ("I was all over the place"): they name the
# area of a report but do not by themselves make a message a pain report.
_WEAK_AREA_PHRASES = frozenset({"all over", "everywhere"})
# An area word naming an exercise or a gym day ("glute bridge x 10", "leg day at 6") is weak too.
_EXERCISE_AFTER_AREA = re.compile(
    r"\s*(?:bridges?|raises?|stretch(?:es)?|circles?|hinges?|day|press(?:es)?|curls?|swings?|"
    r"flexors?|openers?|rolls?|extensions?|workout|exercises?)\b",
    re.IGNORECASE,
)
# Area words that say more than the area's label: they stay in the note.
_AREA_PHRASES_KEPT_IN_NOTE = frozenset({"sciatica", "sciatic"})
# "LB" only counts as "lower back" in capitals, so "5 lb" (pounds) is never an area.
_LB = re.compile(r"(?<![0-9A-Za-z])LB(?![A-Za-z])")

_NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20,
}  # fmt: skip

# Painkillers: the number next to one is a dose or a count of pills, never a level.
_MEDICINES = (
    "ibuprofen ibu advil nurofen motrin paracetamol tylenol acetaminophen panadol naproxen "
    "aleve aspirin codeine cocodamol co-codamol tramadol diclofenac voltaren"
)
# Words after a number that make it a count, a time or a measure rather than a pain level.
_UNIT_WORDS = frozenset(
    f"""
    % ° am pm a.m p.m o'clock oclock h hr hrs hour hours min mins minute minutes sec secs
    second seconds day days week weeks month months year years yr yrs yo night nights
    km k m mi mile miles metre metres meter meters cm mm ft feet foot step steps kg kgs kilo
    kilos g lb lbs pound pounds stone st nd rd th x times time euro euros dollar dollars usd
    eur cup cups glass glasses mg ml pill pills tablet tablets kid kids child children people
    person degrees c f reps rep sets set push-ups pushups squats floors flights of
    {_MEDICINES}
    """.split()
)
# Words ending in "s" that may follow a level ("6 this morning"); other "-s" words after a
# number are taken as plural nouns ("2 boxes"), so the number is a count, not a level.
_S_WORDS_AFTER_LEVEL = frozenset(
    "is was has as this yes plus thus always less unless its it's afterwards towards "
    "sometimes perhaps across pls stiffness soreness tightness".split()
)
_AREA_WORDS = frozenset(word for phrase in AREA_SYNONYMS for word in re.split(r"[\s/&-]+", phrase))
# Words before a number that make it something else ("day 3", "since 8", "bus 42").
_WORDS_BEFORE_NON_LEVEL = frozenset(
    f"""
    day week month year room number no. since until till for age aged page step chapter
    round set rep bus tram line platform gate flat apt apartment version v top dose took
    take taking {_MEDICINES}
    """.split()
)
# "glute bridge x 10": repetitions.
_TIMES_BEFORE = re.compile(r"(?:\bx|×)\s*$", re.IGNORECASE)
# "I'm 45", "i am 38": an age.
_AGE_BEFORE = re.compile(r"\b(?:i'?m|i\s+am|i’m|turned|turning)\s*$", re.IGNORECASE)
# "at 7" is a time, unless the words before make it a level ("my back is at 6").
_AT_BEFORE = re.compile(r"\bat\s*$", re.IGNORECASE)
_LEVEL_BEFORE_AT = re.compile(
    r"\b(?:is|'s|’s|was|still|sits|sitting|stays|stayed|staying|started|starting|ended|"
    r"ending|holding|steady|level|pain|currently|now)\s+at\s*$",
    re.IGNORECASE,
)
# Dates written with a slash: "on 3/4", "since 12/05".
_DATE_BEFORE = re.compile(r"\b(?:on|since|until|till|by|from|before|after)\s*$", re.IGNORECASE)

_PAIN_WORDS = re.compile(
    r"\b(?:pain|pains|pian|painful|hurt|hurts|hurting|ache|aches|aching|achy|sore|soreness|"
    r"stiff|stiffness|tight|tightness|spasms?|twinges?|twingy|niggle|niggly|throbbing|cramps?|"
    r"cramping|backache|sciatica|spine|ouch)\b",
    re.IGNORECASE,
)
# Plain "back" alone is too common ("call me back at 10"), so only these uses count.
_BACK_CONTEXT = re.compile(
    r"\b(?:my|our|the)\s+back\b"
    r"|\bback\s*(?:pain|ache|hurts?|hurting|is|'s|’s|feels|feeling|was|level)\b"
    r"|(?:^|[,;.!\n])\W*back\b\s*[:=\-]?\s*(?=[0-9]|$)",
    re.IGNORECASE,
)
_NO_PAIN = re.compile(
    r"\b(?:no|zero|without|not\s+any)\s+(?:back\s+)?(?:pain|aches?)\b(?:\s+at\s+all)?"
    r"|\bpain[\s-]?free\b"
    r"|\bnot\s+in\s+(?:any\s+)?pain\b"
    r"|\bnothing\s+hurts\b"
    r"|\b(?:doesn't|does\s+not|doesnt)\s+hurt(?:\s+at\s+all)?\b",
    re.IGNORECASE,
)

_WORDNUM = r"\b(?:" + "|".join(_NUMBER_WORDS) + r")\b"
# Digits with one decimal point or comma ("7.5", "7,5"); "1.2.3" (versions, addresses) and
# "1,000" are not numbers here. A comma is decimal only before a single digit.
_DIGITS = r"(?<![0-9.,])[0-9]+(?:\.[0-9]+|,[0-9](?![0-9]))?(?![0-9]|[.,][0-9])"
_HALF = r"(?:\s?½|\s+and\s+a\s+half\b)"
_NUM = rf"(?:(?:{_DIGITS}|{_WORDNUM}){_HALF}?)"
_TEN = r"(?:10|ten)\b"
_OVER_TEN = rf"(?:\s*/\s*{_TEN}|\s+(?:out\s+of|outta)\s+{_TEN})"
_ARROW = r"(?:-+>|→|=>|⇒|➡️?)"
_NUMBERS = re.compile(
    rf"""
    (?P<scale>(?:\bon\s+)?(?:\ba\s+)?\bscale\s+(?:of\s+|from\s+)?(?:0|1|zero|one)\s*
        (?:-|–|—|\bto\b)\s*{_TEN}
      |\(\s*[01]\s*(?:-|–|to)\s*10\s*\))
    |(?P<time>(?<![0-9])[0-9]{{1,2}}:[0-9]{{2}}(?![0-9]))
    |(?P<trans>\bfrom\s+(?P<t1>{_NUM}){_OVER_TEN}?\s*(?:{_ARROW}|-|–|—|\bto\b)\s*
        (?P<t2>{_NUM}){_OVER_TEN}?
      |(?P<u1>{_NUM}){_OVER_TEN}?\s*{_ARROW}\s*(?P<u2>{_NUM}){_OVER_TEN}?)
    |(?P<range>\bbetween\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM}){_OVER_TEN}?
      |(?P<r1>{_NUM})\s*(?:-|–|—|\bto\b|\bor\b)\s*(?P<r2>{_NUM}){_OVER_TEN}?)
    |(?P<frac>(?P<neg_f>[-−])?(?P<f1>{_NUM})\s*(?:/|\bout\s+of\b|\boutta\b|\bof\b(?=\s*{_TEN}))\s*
        (?P<f2>{_NUM}))
    |(?P<atom>(?P<neg>[-−])?(?P<a>{_NUM})(?P<ish>\s?-?\s?ish\b)?)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_NEXT_WORD = re.compile(r"\s*([%°]|[A-Za-z][A-Za-z'.\-]*)")
_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z.']*)\s*$")
# "one" is often not a number ("this one", "no one", "one of them").
_NOT_NUMBER_ONE_BEFORE = re.compile(
    r"\b(?:this|that|the|no|any|every|each|which|some|another|a|only|other|last|first|new)\s*$",
    re.IGNORECASE,
)
_NOT_NUMBER_ONE_AFTER = re.compile(r"^\s*(?:of|more|another|thing|day|sec)\b", re.IGNORECASE)

# Just before a number, these make it a level even without a pain word: "a solid 6",
# "roughly 5", "I'd say 3", "like a 4". ("about"/"around" are not enough: "home around 7".)
_LEVEL_CUE_BEFORE = re.compile(
    r"(?:\ban?\s+(?:(?:solid|good|strong|low|high|steady|firm|hard|mild|definite|clear|weak|"
    r"easy|bad|rough|tough|real|proper)\s+)?"
    r"|\b(?:roughly|approx\.?|approximately|maybe|prob|probably|kinda|i'?d\s+say|id\s+say|"
    r"i\s+would\s+say|solid)\s+|~\s*)$",
    re.IGNORECASE,
)
# Words that may surround a level in a message without a pain word ("8 tonight", "was 6,
# now 3", "feeling like a 4 today"). A message made only of these and one number is a report;
# one other word ("see you at 7", "I rate it 6", "feeling good today 3") makes it chat.
_REPORT_WORDS = frozenset(
    """
    pain pains pian level lvl lv rating score is was it its it's i'd id i say think guess
    a an about around roughly approx approximately maybe prob probably like kinda kind
    solid strong low high ish today tonight tonite now rn atm currently right this morning
    evening afternoon night feeling feel feels feelin tbh honestly still again just only
    pretty so ok okay yeah yes hmm um well then before after earlier from to down up went
    gone dropped back my vs than better worse same as bit little much bad rough hard day and
    but started ended yesterday somewhere between tell improved eased rose fell got really
    very quite idk dunno
    """.split()
)
# ... and phrases that may: "at the moment", "is at", "after the massage", "before work".
_REPORT_PHRASES = re.compile(
    r"\bat\s+the\s+moment\b|\b(?:is|'s|’s|was|still|started|ended|now)\s+at\b"
    r"|\b(?:after|before)\s+(?:(?:the|my|a|an|this|that|some|each|every)\s+)?[^\W\d_]+",
    re.IGNORECASE,
)

# Clauses for before/after: a number's words stay within its clause ("was 6, now 3").
_CLAUSE_BREAK = re.compile(r"[,;.!?\n]+|\b(?:but|then|and)\b", re.IGNORECASE)
_PAST_MARKERS = re.compile(
    r"\b(?:was|were|before|earlier|yesterday|from|started|start|used\s+to\s+be|at\s+first)\b",
    re.IGNORECASE,
)
_WEAK_PAST_MARKERS = re.compile(
    r"\b(?:this|in\s+the)\s+morning\b|\blast\s+night\b|\bat\s+work\b", re.IGNORECASE
)
_CURRENT_MARKERS = re.compile(
    r"\b(?:now|currently|rn|atm|at\s+the\s+moment|after|ended|end|to|today|tonight|tonite)\b",
    re.IGNORECASE,
)
# "yesterday was a 7" is not today's level; "6 vs yesterday" or "better than yesterday" is.
_YESTERDAY = re.compile(
    r"(?<!\bvs\s)(?<!\bvs\.\s)(?<!\bthan\s)(?<!\bsince\s)(?<!\bas\s)(?<!\bto\s)(?<!\bfrom\s)"
    r"\b(?:yesterday|last\s+week)\b",
    re.IGNORECASE,
)
# A clause that asks something ("is 8 too high for the massage?") is not a report.
_QUESTION_START = re.compile(
    r"^\W*(?:what|what's|whats|is|are|does|do|did|should|shall|can|could|how|why|when|"
    r"will|would|which|where|who|isn't|isnt|am)\b",
    re.IGNORECASE,
)

# Words that belong to a level expression: dropped from the note next to the number, and a
# phrase made only of them says nothing a note needs ("my back is at", "pain level").
_LEVEL_FILLER = frozenset(
    """
    pain pains pian painful level lvl lv rating score my is at a an the it it's its i'm im i
    feel feels feeling feelin today tonight tonite now rn atm currently about around
    approx approx. approximately roughly on of back hurts hurt hurting ache aches backache
    was are were like maybe prob probably kinda solid strong high low still again this
    morning evening afternoon moment from to down up went gone dropped started ended i'd id say
    ~ out outta
    """.split()
)
# Joining words a note never starts or ends with ("stiff but [no pain]").
_EDGE_JOINERS = frozenset("and but so then or".split())
_NOTE_EDGE_JUNK = " ,;:.!?-–—~*·"
_MAX_DISPLAY = 12
_MAX_SETTLED = 4
_MAX_NUMBERS = 12

Kind = Literal["report", "unclear", "none"]


@dataclass(frozen=True)
class PainParse:
    """What a message means for the diary.

    ``kind`` is "report" (record ``level``), "unclear" (pain meant, but ask again: ``understood``
    says what we read and ``reason`` why) or "none" (ordinary chat, not about pain). An
    unclear message keeps its ``area`` and ``note`` too, for the level the user picks then.
    """

    kind: Kind
    level: int | None = None
    area: str | None = None
    note: str = ""
    rounded_from: float | None = None
    understood: str = ""
    # out_of_range, range, several, other_scale, no_number, contradiction, past
    reason: str | None = None

    @property
    def rounding_notice(self) -> str | None:
        """A sentence telling the user we rounded, so the diary never silently changes a value."""
        if self.kind != "report" or self.rounded_from is None:
            return None
        return f"I rounded {_format_decimal(self.rounded_from)} to {self.level}."


def format_level(level: int) -> str:
    """Show a level the way people say it: "6/10"."""
    return f"{level}/10"


def area_label(code: str) -> str | None:
    """The stored label of an area's short code ("lb" -> "lower back"), or None."""
    return next((area.label for area in AREAS if area.code == code), None)


@dataclass
class _Number:
    """One number-like thing found in a message."""

    kind: str  # atom, frac, range, trans
    start: int
    end: int
    display: str
    value: Decimal | None = None  # the level candidate (atom, frac over 10, trans "to")
    negative: bool = False
    other_scale: bool = False
    range_ends: tuple[str, str] | None = None
    cue: bool = False  # words around it make it a level ("a solid 6", "4ish", "from 7 to 4")


def parse_pain_message(text: str) -> PainParse:
    """Read one chat message as a pain report, an unclear pain message, or ordinary chat."""
    text = text.strip()
    if not text:
        return PainParse("none")

    matches = list(itertools.islice(_NUMBERS.finditer(text), _MAX_NUMBERS + 1))
    if len(matches) > _MAX_NUMBERS:
        return PainParse("none")  # a list or a table, not one report (and bounded work)
    numbers, consumed, scales = _find_numbers(text, matches)
    questions = _questions(text)
    numbers = [n for n in numbers if not any(a <= n.start < b for a, b in questions)]
    several = len({(n.negative, n.value) for n in numbers}) > 1
    # "before the routine 6, after 3": two levels set against each other in time.
    settled = _current_of(text, numbers) if several else None
    areas = _find_areas(text)
    area_names = {area for _, _, area, _ in areas}
    area = area_names.pop() if len(area_names) == 1 else None
    no_pain = _NO_PAIN.search(text)

    context = bool(
        scales
        or no_pain
        or _PAIN_WORDS.search(text)
        or _BACK_CONTEXT.search(text)
        or any(strong for _, _, _, strong in areas)
        or any(n.cue or (n.kind == "frac" and not n.other_scale) for n in numbers)
        or settled is not None
        or (numbers and _only_report_words(text, consumed))
    )
    bare = not _has_letters(text, consumed)
    if not context and not bare:
        return PainParse("none")

    if not numbers:
        if no_pain:
            note = _note(text, [(no_pain.start(), no_pain.end())], _area_spans(areas, area))
            return PainParse("report", level=0, area=area, note=note)
        if context and not text.rstrip().endswith("?"):
            where = f"your {area}" if area else "your back"
            return PainParse(
                "unclear",
                area=area,
                reason="no_number",
                understood=(
                    f"I understood you are telling me about {where}, "
                    "but I found no number from 0 to 10."
                ),
            )
        return PainParse("none")

    # Everything that belongs to the level expression; the note is what is left.
    removed = [(n.start, n.end) for n in numbers] + scales
    if no_pain:
        removed.append((no_pain.start(), no_pain.end()))
    note = _note(text, removed, _area_spans(areas, area))

    ranges = [n for n in numbers if n.kind == "range"]
    if ranges:
        low, high = ranges[0].range_ends or ("?", "?")
        understood = f"I read both {low} and {high}, so I am not sure which level to record."
        return _unclear("range", area, understood, note)
    odd = [n for n in numbers if n.other_scale]
    if odd:
        understood = f"I read {odd[0].display}, but I use a scale from 0 to 10."
        return _unclear("other_scale", area, understood, note)

    distinct: dict[tuple[bool, Decimal | None], _Number] = {}
    for n in numbers:
        distinct.setdefault((n.negative, n.value), n)
    if len(distinct) > 1:
        number = settled if len(area_names) <= 1 else None
        if number is None:
            shown = ", ".join(n.display for n in distinct.values())
            understood = (
                f"I read several numbers ({shown}), but I can record only one level at a time."
            )
            if len(area_names) > 1:  # "lower back 4, neck 6": which number went with which?
                return _unclear("several", None, understood)
            return _unclear("several", area, understood, note)
    else:
        number = numbers[0]
        if _YESTERDAY.search(_clause_around(text, number)):
            understood = (
                f"I read {number.display} for yesterday, but the diary records how you are now."
            )
            return _unclear("past", area, understood, note)

    return level_report(number, no_pain, area, note)


def level_report(number: Any, no_pain: bool, area: str | None, note: str) -> PainParse:
    """The report of the one level candidate left (its ``display``, ``value`` and
    ``negative``), or why it can't be recorded: off the 0-10 scale, or "no pain" and a
    number at once. Shared by every language's reader (domain/reading.py)."""
    value = number.value
    assert value is not None  # ranges and other scales were handled before
    if number.negative or value > 10:
        understood = f"I read {number.display}, but the scale goes from 0 to 10."
        return _unclear("out_of_range", area, understood, note)
    with localcontext() as ctx:
        ctx.prec = 50
        level = int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if no_pain and level != 0:
        understood = f"You wrote no pain, but also {number.display}."
        return _unclear("contradiction", area, understood, note)
    rounded_from = float(value) if value != level else None
    return PainParse("report", level=level, area=area, note=note, rounded_from=rounded_from)


def _unclear(reason: str, area: str | None, understood: str, note: str = "") -> PainParse:
    return PainParse("unclear", area=area, note=note, reason=reason, understood=understood)


# ---------------------------------------------------------------------------- numbers


def _find_numbers(
    text: str, matches: list[re.Match[str]]
) -> tuple[list[_Number], list[tuple[int, int]], list[tuple[int, int]]]:
    """Level candidates among the ``_NUMBERS`` matches; also every number-like span, and the
    spans of "scale of 0 to 10"."""
    found: list[_Number] = []
    consumed: list[tuple[int, int]] = []
    scales: list[tuple[int, int]] = []
    for m in matches:
        consumed.append(m.span())
        if m.group("scale"):
            scales.append(m.span())
            continue
        if m.group("time") or _is_count(text, m):
            continue
        shown = _short(re.sub(r"\s+", " ", m.group(0)))
        if m.group("trans"):
            first, last = (m.group("t1"), m.group("t2")) if m.group("t1") else m.group("u1", "u2")
            shown = _short(f"{_clean(first)} → {_clean(last)}")
            # "7 -> 4" is a change of level; "from 3 to 5" may be a meeting moved.
            cue = bool(m.group("u1"))
            found.append(_Number("trans", *m.span(), shown, value=_to_decimal(last), cue=cue))
        elif m.group("range"):
            low, high = m.group("r1", "r2") if m.group("r1") else m.group("b1", "b2")
            ends = (_short(_clean(low)), _short(_clean(high)))
            found.append(_Number("range", *m.span(), shown, range_ends=ends))
        elif m.group("frac"):
            numerator, denominator = _to_decimal(m.group("f1")), _to_decimal(m.group("f2"))
            if denominator != 10 and _looks_like_date(text, m):
                continue
            over_ten = denominator == 10
            found.append(
                _Number(
                    "frac",
                    *m.span(),
                    shown,
                    value=numerator if over_ten else None,
                    negative=bool(m.group("neg_f")),
                    other_scale=not over_ten,
                )
            )
        else:
            word = m.group("a")
            if word.lower() == "one" and (
                _NOT_NUMBER_ONE_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
                or _NOT_NUMBER_ONE_AFTER.match(text[m.end() : m.end() + 30])
            ):
                consumed.pop()
                continue
            cue = bool(m.group("ish")) or bool(
                _LEVEL_CUE_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
            )
            found.append(
                _Number(
                    "atom",
                    *m.span(),
                    _short(_clean(word)),
                    value=_to_decimal(word),
                    negative=bool(m.group("neg")),
                    cue=cue,
                )
            )
    return found, consumed, scales


def _is_count(text: str, m: re.Match[str]) -> bool:
    """True when the number measures or counts something ("5 km", "2 kids", "day 3", "at 7")."""
    after = _NEXT_WORD.match(text, m.end())
    if after:
        word = after.group(1).lower().rstrip(".")
        if word in _UNIT_WORDS or after.group(1).lower() in _UNIT_WORDS:
            return not (word == "of" and m.group("atom") is None)
        if (
            len(word) > 3
            and word.endswith("s")
            and word not in _S_WORDS_AFTER_LEVEL
            and word not in _AREA_WORDS
        ):
            return True
    before_text = text[max(0, m.start() - 30) : m.start()]
    before = _PREV_WORD.search(before_text)
    if before and before.group(1).lower() in _WORDS_BEFORE_NON_LEVEL:
        return True
    if _AGE_BEFORE.search(before_text) or _TIMES_BEFORE.search(before_text):
        return True
    return bool(_AT_BEFORE.search(before_text) and not _LEVEL_BEFORE_AT.search(before_text))


def _looks_like_date(text: str, m: re.Match[str]) -> bool:
    """ "12/05", "on 3/4": a day and a month, not a score on another scale."""
    first, second = m.group("f1"), m.group("f2")
    if first.startswith("0") or second.startswith("0"):
        return True
    if first.isdigit() and second.isdigit() and int(first) > int(second):
        return True
    return bool(_DATE_BEFORE.search(text[max(0, m.start() - 10) : m.start()]))


def _to_decimal(token: str) -> Decimal:
    word = re.sub(r"\s+", " ", token.lower()).strip()
    half = Decimal(0)
    if word.endswith("½") or word.endswith("and a half"):
        half = Decimal("0.5")
        word = word.removesuffix("½").removesuffix("and a half").strip()
    if word in _NUMBER_WORDS:
        return Decimal(_NUMBER_WORDS[word]) + half
    try:
        return Decimal(word.replace(",", ".")) + half
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        return Decimal(11)


def _clean(shown: str) -> str:
    return re.sub(r"\s+", " ", shown).strip()


def _short(shown: str) -> str:
    """Quote the user's number back, but never a wall of digits."""
    return shown if len(shown) <= _MAX_DISPLAY else shown[:_MAX_DISPLAY] + "…"


def _format_decimal(value: float) -> str:
    return f"{value:g}"


def _questions(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences that ask something ("is 8 too high?"): their numbers are no
    levels."""
    return [
        m.span()
        for m in re.finditer(r"[^.!?\n]+[.!?\n]*", text)  # each sentence once: linear
        if m.group(0).rstrip().endswith("?") and _QUESTION_START.match(m.group(0))
    ]


def _only_report_words(text: str, consumed: list[tuple[int, int]]) -> bool:
    """Whether every word but the numbers is one that may surround a level ("8 tonight")."""
    chars = list(text)
    for start, end in consumed:
        chars[start:end] = " " * (end - start)
    rest = _REPORT_PHRASES.sub(" ", "".join(chars))
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", rest.lower())
    return all(word.replace("’", "'") in _REPORT_WORDS for word in words)


# ------------------------------------------------------------------------ before/after


def _clause_bounds(text: str, position: int) -> tuple[int, int]:
    """The clause around a position: between commas, full stops, "but", "then", "and"."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, position)), default=0)
    stop = _CLAUSE_BREAK.search(text, position)
    return start, stop.start() if stop else len(text)


def _clause_around(text: str, number: _Number) -> str:
    start, _ = _clause_bounds(text, number.start)
    _, stop = _clause_bounds(text, number.end)
    return text[start:stop]


def _current_of(text: str, numbers: list[_Number]) -> _Number | None:
    """Of several levels, the one meant as now ("was 6, now 3", "7 -> 4", "3 vs 5 yesterday").

    None when the words do not settle it ("2 in the morning, 5 in the evening").
    """
    ordered = sorted(numbers, key=lambda n: n.start)
    if len(ordered) > _MAX_SETTLED or any(n.value is None for n in ordered):
        return None  # a before and an after, perhaps a middle; more is a list, not a change
    left: list[str] = []
    right: list[str] = []
    for i, number in enumerate(ordered):
        clause_start, clause_stop = _clause_bounds(text, number.start)
        lo = max(clause_start, ordered[i - 1].end if i else 0)
        left.append(text[lo : number.start])
        _, clause_stop = _clause_bounds(text, number.end)
        hi = min(clause_stop, ordered[i + 1].start if i + 1 < len(ordered) else len(text))
        right.append(text[number.end : hi])
    # Words between two numbers of one clause belong to one of them: to the next ("was 6
    # now 3") unless the first has none before it and the next has its own after it ("6
    # before 3 after").
    for i in range(1, len(ordered)):
        if right[i - 1] and right[i - 1] == left[i]:
            if not _has_marker(left[i - 1]) and _has_marker(right[i]):
                left[i] = ""
            else:
                right[i - 1] = ""
    states = []
    for number, before, after in zip(ordered, left, right, strict=True):
        words = f"{before} {after}"
        past = bool(_PAST_MARKERS.search(words))
        weak_past = bool(_WEAK_PAST_MARKERS.search(words))
        current = bool(_CURRENT_MARKERS.search(words)) or number.kind == "trans"
        states.append((number, past, weak_past, current))
    now = [n for n, past, _, current in states if current and not past]
    if len(now) == 1 and all(past or weak for n, past, weak, _ in states if n is not now[0]):
        return now[0]
    unmarked = [n for n, past, weak, current in states if not past and not weak]
    if len(unmarked) == 1 and all(past for n, past, _, _ in states if n is not unmarked[0]):
        return unmarked[0]
    return None


def _has_marker(words: str) -> bool:
    return bool(
        _PAST_MARKERS.search(words)
        or _WEAK_PAST_MARKERS.search(words)
        or _CURRENT_MARKERS.search(words)
    )


# ------------------------------------------------------------------------------ areas


@functools.cache
def _area_pattern() -> re.Pattern[str]:
    """All area phrases in one pattern, longest first so "between the shoulder blades" wins
    over "shoulder"; built once."""
    phrases = sorted(AREA_SYNONYMS, key=len, reverse=True)
    alternatives = "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in phrases)
    return re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])", re.IGNORECASE)


def _find_areas(text: str) -> list[tuple[int, int, str, bool]]:
    """Area phrases as (start, end, area label, counts as pain context), in order."""
    found: list[tuple[int, int, str, bool]] = []
    for m in _area_pattern().finditer(text):
        phrase = re.sub(r"\s+", " ", m.group(0).lower())
        strong = phrase not in _WEAK_AREA_PHRASES and not _EXERCISE_AFTER_AREA.match(text, m.end())
        found.append((m.start(), m.end(), AREA_SYNONYMS[phrase], strong))
    for m in _LB.finditer(text):
        found.append((m.start(), m.end(), "lower back", True))
    return sorted(found)


def _area_spans(areas: list[tuple[int, int, str, bool]], area: str | None) -> list[tuple[int, int]]:
    """Area phrases the note may drop: only when one area was named (else they are context),
    and never words that say more than the area's label ("sciatica")."""
    if area is None:
        return []
    return [(start, end) for start, end, _, _ in areas]


def _has_letters(text: str, consumed: list[tuple[int, int]]) -> bool:
    """Whether anything but numbers, punctuation, emoji and spaces is left in the message."""
    keep = [True] * len(text)
    for start, end in consumed:
        for i in range(start, end):
            keep[i] = False
    pairs = zip(text, keep, strict=True)
    return any(k and unicodedata.category(ch).startswith("L") for ch, k in pairs)


# ------------------------------------------------------------------------------- note


def _note(text: str, removed: list[tuple[int, int]], area_spans: list[tuple[int, int]]) -> str:
    """The user's own words: the message, less a rating at its start or its end.

    A leading "lower back 4, " or "pain 6 " and a trailing ", 5" or " about a 4" go, since
    the entry's level and area already say them; everything else stays exactly as typed
    (spacing, punctuation and a number in the middle included): a note is never cut out of
    the middle of the user's text. A message made only of its rating has no note.
    """
    masked = list(text)
    for start, end in removed:
        masked[start:end] = "\x00" * (end - start)
    tokens = _note_tokens(text, "".join(masked), area_spans)
    if not any(kind == "other" for _, _, kind, _ in tokens):
        return ""
    first = _rating_prefix(tokens)
    last = len(tokens) - _rating_prefix(tokens[::-1], backwards=True)
    kept = tokens[first:last]
    while kept and (kept[0][2] == "junk" or _core(text[kept[0][0] : kept[0][1]]) in _EDGE_JOINERS):
        kept = kept[1:]
    while kept and (
        kept[-1][2] == "junk" or _core(text[kept[-1][0] : kept[-1][1]]) in _EDGE_JOINERS
    ):
        kept = kept[:-1]
    if not kept:
        return ""
    return text[kept[0][0] : kept[-1][1]].strip(_NOTE_EDGE_JUNK).strip()


# (start, end, kind, ends a phrase): kind is level, area, filler, time, weak, junk or other.
_Token = tuple[int, int, str, bool]
_PHRASE_END = ",;.!?:)]\n–—"
# Words with no report of their own that may stand between two levels ("4 and 6", "6
# before, 3 after"): a message made of these, levels and filler has no note.
_WEAK_FILLER = frozenset("and but so then or before after yesterday earlier".split())
_TIME_WORDS = frozenset(
    "today tonight tonite now rn atm currently right this morning evening afternoon".split()
)


def _note_tokens(text: str, masked: str, area_spans: list[tuple[int, int]]) -> list[_Token]:
    """The message's words, each with what it is to a rating."""
    matches = list(re.finditer(r"\S+", masked))
    tokens: list[_Token] = []
    for index, m in enumerate(matches):
        begin, end = m.span()
        word = text[begin:end]
        bare = word.rstrip(_PHRASE_END).lstrip("([") or word
        begin += len(word.rstrip(_PHRASE_END)) - len(bare) if bare != word else 0
        bare_end = begin + len(bare)
        if "\x00" in m.group(0):
            kind = "level"
        elif any(a <= begin and bare_end <= b for a, b in area_spans) and (
            _core(bare) not in _AREA_PHRASES_KEPT_IN_NOTE
        ):
            kind = "area"
        elif _junk(word):
            kind = "junk"
        elif (
            _core(bare) in _LEVEL_FILLER
            or _joins_levels(matches, index)
            or (
                _core(bare) == "right"  # "right now", but "right glute" is a side
                and index + 1 < len(matches)
                and _core(matches[index + 1].group(0)) == "now"
            )
        ):
            kind = "filler"
        elif _core(bare) in _WEAK_FILLER:
            kind = "weak"
        else:
            kind = "other"
        if kind == "filler" and _core(bare) in _TIME_WORDS:
            kind = "time"  # "6 tonight": said of the level, right after it
        ends_phrase = kind == "junk" or word[-1] in _PHRASE_END
        tokens.append((m.start(), end, kind, ends_phrase))
    return tokens


def _rating_prefix(tokens: list[_Token], *, backwards: bool = False) -> int:
    """How many tokens at the start make a rating ("lower back 4,", "pain 6 tonight", "5 -").

    Forwards: a run of level, area and filler words holding a level, cut after its last
    level, after time words right behind it ("6 tonight") or at the end of a phrase ("6,
    long day"); so "5 at the desk ..." keeps "at the desk".
    ``backwards`` (the tokens reversed: a rating at the end, "..., about a 4"): the level
    and the filler words just before it ("about a"), or all up to the end of a phrase
    ("stiff today, lower back 4"); an area word qualified by another ("left hip 4") stays.
    """
    cut = 0
    seen_level = False
    attached = True  # still next to the level (no area or other word between)
    for index, (_, _, kind, ends_phrase) in enumerate(tokens):
        if kind == "other":
            break
        at_boundary = index + 1 == len(tokens) or tokens[index + 1][3]
        if kind == "level":
            seen_level, cut, attached = True, index + 1, True
        elif not seen_level:
            continue
        elif kind == "weak" and not (backwards and at_boundary):
            attached = False  # "4 and 6 after": cut again only at a later level
            continue
        elif backwards:
            if ends_phrase and kind != "junk":
                break  # that phrase ended before the rating began
            attached = attached and kind != "area"
            if attached or at_boundary:
                cut = index + 1
            continue
        elif ends_phrase or (attached and kind == "time"):
            cut = index + 1
        attached = attached and kind in ("level", "time")
    return cut


def _joins_levels(matches: list[re.Match[str]], index: int) -> bool:
    """ "3 vs 5": a comparison word between two levels is part of the level expression."""
    if _core(matches[index].group(0)) not in ("vs", "vs.", "versus", "v"):
        return False
    neighbours = matches[index - 1 : index + 2 : 2] if index else []
    return len(neighbours) == 2 and all("\x00" in m.group(0) for m in neighbours)


def _core(word: str) -> str:
    return word.lower().replace("’", "'").strip("\"'*_~")


def _junk(word: str) -> bool:
    return not any(unicodedata.category(ch)[0] in "LN" for ch in word)
