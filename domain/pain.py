"""Understand a plain chat message as a pain-diary entry on the 0-10 numeric rating scale.

People write "pain 6", "lower back 4 after sitting", "6/10" or "no pain today". We record a
level only when the message clearly is one; when pain is clearly meant but the number is
missing, out of range or ambiguous we say what we understood instead of guessing, and
ordinary chat ("see you at 7", "I walked 5 km") is left alone.

Only ASCII digits (and English number words) count as numbers: a digit from another script
never becomes a level, so nothing is recorded that the user cannot recognise in their text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Literal

PAIN_AREAS: tuple[str, ...] = ("lower back", "upper back", "neck & shoulders", "whole back")

# Every way of naming a body area we understand, in one table: phrase -> canonical area.
# Longer phrases win over shorter ones ("shoulder blades" is upper back, "shoulders" is neck).
AREA_SYNONYMS: dict[str, str] = {
    "lower back": "lower back",
    "low back": "lower back",
    "lower-back": "lower back",
    "low-back": "lower back",
    "lumbar": "lower back",
    "lumbar spine": "lower back",
    "lower spine": "lower back",
    "upper back": "upper back",
    "upper-back": "upper back",
    "mid back": "upper back",
    "mid-back": "upper back",
    "middle back": "upper back",
    "upper spine": "upper back",
    "thoracic": "upper back",
    "shoulder blades": "upper back",
    "shoulder blade": "upper back",
    "between my shoulder blades": "upper back",
    "between the shoulder blades": "upper back",
    "neck and shoulders": "neck & shoulders",
    "neck & shoulders": "neck & shoulders",
    "neck/shoulders": "neck & shoulders",
    "neck and shoulder": "neck & shoulders",
    "neck": "neck & shoulders",
    "nape": "neck & shoulders",
    "shoulders": "neck & shoulders",
    "shoulder": "neck & shoulders",
    "traps": "neck & shoulders",
    "trapezius": "neck & shoulders",
    "whole back": "whole back",
    "entire back": "whole back",
    "full back": "whole back",
    "whole spine": "whole back",
    "entire spine": "whole back",
    "everything hurts": "whole back",
    "everything aches": "whole back",
    "all over": "whole back",
    "everywhere": "whole back",
}
# Area phrases that also mean ordinary things ("I was all over the place"): they name the
# area of a report but do not by themselves make a message a pain report.
_WEAK_AREA_PHRASES = frozenset({"all over", "everywhere"})
# "LB" only counts as "lower back" in capitals, so "5 lb" (pounds) is never an area.
_LB = re.compile(r"(?<![0-9A-Za-z])LB(?![A-Za-z])")

_NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20,
}  # fmt: skip

# Words after a number that make it a count, a time or a measure rather than a pain level.
_UNIT_WORDS = frozenset(
    """
    % ° am pm a.m p.m o'clock oclock h hr hrs hour hours min mins minute minutes sec secs
    second seconds day days week weeks month months year years yr yrs yo night nights
    km k m mi mile miles metre metres meter meters cm mm ft feet foot step steps kg kgs kilo
    kilos g lb lbs pound pounds stone st nd rd th x times time euro euros dollar dollars usd
    eur cup cups glass glasses mg ml pill pills tablet tablets kid kids child children people
    person degrees c f reps rep sets set push-ups pushups squats floors flights
    """.split()
)
# Words ending in "s" that may follow a level ("6 this morning"); other "-s" words after a
# number are taken as plural nouns ("2 boxes"), so the number is a count, not a level.
_S_WORDS_AFTER_LEVEL = frozenset(
    "is was has as this yes plus thus always less unless its it's afterwards towards "
    "sometimes perhaps across pls stiffness soreness tightness".split()
)
_AREA_WORDS = frozenset(word for phrase in AREA_SYNONYMS for word in re.split(r"[\s/&-]+", phrase))
# Words before a number that make it something else ("day 3", "since 8").
_WORDS_BEFORE_NON_LEVEL = frozenset(
    "day week month year room number no. since until till for age aged page step chapter "
    "round set rep".split()
)

_PAIN_WORDS = re.compile(
    r"\b(?:pain|pains|painful|hurt|hurts|hurting|ache|aches|aching|achy|sore|soreness|"
    r"stiff|stiffness|backache|sciatica|spine|ouch)\b",
    re.IGNORECASE,
)
# Plain "back" alone is too common ("call me back at 10"), so only these uses count.
_BACK_CONTEXT = re.compile(
    r"\b(?:my|our|the)\s+back\b"
    r"|\bback\s*(?:pain|ache|hurts?|hurting|is|'s|feels|feeling|was|level)\b"
    r"|^\W*back\b\s*[:=\-]?\s*(?=[0-9]|$)",
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
# Digits with at most one decimal point; "1.2.3" (versions, addresses) is not a number here.
_DIGITS = r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?![0-9]|\.[0-9])"
_NUM = rf"(?:{_DIGITS}|{_WORDNUM})"
_TEN = r"(?:10|ten)\b"
_NUMBERS = re.compile(
    rf"""
    (?P<scale>(?:\bon\s+)?(?:\ba\s+)?\bscale\s+(?:of\s+|from\s+)?(?:0|1|zero|one)\s*
        (?:-|–|—|\bto\b)\s*{_TEN}
      |\(\s*[01]\s*(?:-|–|to)\s*10\s*\))
    |(?P<time>(?<![0-9])[0-9]{{1,2}}:[0-9]{{2}}(?![0-9]))
    |(?P<range>(?P<r1>{_NUM})\s*(?:-|–|—|\bto\b|\bor\b)\s*(?P<r2>{_NUM})
        (?:\s*/\s*{_TEN}|\s+out\s+of\s+{_TEN})?)
    |(?P<frac>(?P<neg_f>[-−])?(?P<f1>{_NUM})\s*(?:/|\bout\s+of\b|\bof\b(?=\s*{_TEN}))\s*
        (?P<f2>{_NUM}))
    |(?P<atom>(?P<neg>[-−])?(?P<a>{_NUM}))
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

# Words that carry no meaning of their own at the start or end of a note.
_NOTE_FILLER = frozenset(
    """
    pain pains painful level lvl my is at a an the it it's its i'm im i am feel feels feeling
    today now right currently about around approx approximately roughly in on of back hurts
    hurt hurting ache aches aching rating rate score was and with out is: level: pain: a
    pretty quite like maybe ~ same still
    """.split()
)
_NOTE_EDGE_JUNK = " ,;:.!?-–—~*·"
_MAX_DISPLAY = 12

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
    reason: str | None = None  # out_of_range, range, several, other_scale, no_number, contradiction

    @property
    def rounding_notice(self) -> str | None:
        """A sentence telling the user we rounded, so the diary never silently changes a value."""
        if self.kind != "report" or self.rounded_from is None:
            return None
        return f"I rounded {_format_decimal(self.rounded_from)} to {self.level}."


def format_level(level: int) -> str:
    """Show a level the way people say it: "6/10"."""
    return f"{level}/10"


@dataclass
class _Number:
    """One number-like thing found in a message."""

    kind: str  # atom, frac, range
    start: int
    end: int
    display: str
    value: Decimal | None = None  # the level candidate (atom, frac over 10)
    negative: bool = False
    other_scale: bool = False
    range_ends: tuple[str, str] | None = None


def parse_pain_message(text: str) -> PainParse:
    """Read one chat message as a pain report, an unclear pain message, or ordinary chat."""
    text = text.strip()
    if not text:
        return PainParse("none")

    numbers, consumed, scales = _find_numbers(text)
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
        or any(n.kind == "frac" and not n.other_scale for n in numbers)
    )
    bare = not _has_letters(text, consumed)
    if not context and not bare:
        return PainParse("none")

    if not numbers:
        if no_pain:
            note = _note(text, [(no_pain.start(), no_pain.end()), *_area_spans(areas, area)])
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

    # The note of a message we ask again about: all but its numbers, scales and area.
    removed = [(n.start, n.end) for n in numbers] + scales + _area_spans(areas, area)
    if no_pain:
        removed.append((no_pain.start(), no_pain.end()))
    note = _note(text, removed)

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
        shown = ", ".join(n.display for n in distinct.values())
        understood = f"I read several numbers ({shown}), but I can record only one level at a time."
        if len(area_names) > 1:  # "lower back 4, neck 6": which number went with which area?
            return _unclear("several", None, understood)
        return _unclear("several", area, understood, note)

    number = numbers[0]
    value = number.value
    assert value is not None  # ranges and other scales were handled above
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


def _find_numbers(
    text: str,
) -> tuple[list[_Number], list[tuple[int, int]], list[tuple[int, int]]]:
    """Find level candidates; also return every number-like span, and "scale of 0 to 10"."""
    found: list[_Number] = []
    consumed: list[tuple[int, int]] = []
    scales: list[tuple[int, int]] = []
    for m in _NUMBERS.finditer(text):
        consumed.append(m.span())
        if m.group("scale"):
            scales.append(m.span())
            continue
        if m.group("time") or _is_count(text, m):
            continue
        if m.group("range"):
            ends = (_short(m.group("r1")), _short(m.group("r2")))
            found.append(_Number("range", m.start(), m.end(), _short(m.group(0)), range_ends=ends))
        elif m.group("frac"):
            denominator = _to_decimal(m.group("f2"))
            over_ten = denominator == 10
            found.append(
                _Number(
                    "frac",
                    m.start(),
                    m.end(),
                    _short(re.sub(r"\s+", " ", m.group(0))),
                    value=_to_decimal(m.group("f1")) if over_ten else None,
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
            found.append(
                _Number(
                    "atom",
                    m.start(),
                    m.end(),
                    _short(m.group(0)),
                    value=_to_decimal(word),
                    negative=bool(m.group("neg")),
                )
            )
    return found, consumed, scales


def _is_count(text: str, m: re.Match[str]) -> bool:
    """True when the number measures or counts something ("5 km", "2 kids", "day 3")."""
    if m.group("scale") or m.group("time"):
        return False
    after = _NEXT_WORD.match(text, m.end())
    if after:
        word = after.group(1).lower().rstrip(".")
        if word in _UNIT_WORDS or after.group(1).lower() in _UNIT_WORDS:
            return True
        if (
            len(word) > 3
            and word.endswith("s")
            and word not in _S_WORDS_AFTER_LEVEL
            and word not in _AREA_WORDS
        ):
            return True
    before = _PREV_WORD.search(text[max(0, m.start() - 30) : m.start()])
    return bool(before and before.group(1).lower() in _WORDS_BEFORE_NON_LEVEL)


def _to_decimal(token: str) -> Decimal:
    word = token.lower()
    if word in _NUMBER_WORDS:
        return Decimal(_NUMBER_WORDS[word])
    try:
        return Decimal(token)
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        return Decimal(11)


def _short(shown: str) -> str:
    """Quote the user's number back, but never a wall of digits."""
    return shown if len(shown) <= _MAX_DISPLAY else shown[:_MAX_DISPLAY] + "…"


def _format_decimal(value: float) -> str:
    return f"{value:g}"


@functools.cache
def _area_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each area phrase (longest first) with its compiled pattern, built once."""
    return tuple(
        (
            phrase,
            re.compile(
                r"(?<![A-Za-z])" + re.escape(phrase).replace(r"\ ", r"\s+") + r"(?![A-Za-z])",
                re.IGNORECASE,
            ),
        )
        for phrase in sorted(AREA_SYNONYMS, key=len, reverse=True)
    )


def _find_areas(text: str) -> list[tuple[int, int, str, bool]]:
    """Area phrases as (start, end, canonical area, counts as pain context), longest first."""
    found: list[tuple[int, int, str, bool]] = []
    taken: list[tuple[int, int]] = []
    for phrase, pattern in _area_patterns():
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append(m.span())
            found.append(
                (m.start(), m.end(), AREA_SYNONYMS[phrase], phrase not in _WEAK_AREA_PHRASES)
            )
    for m in _LB.finditer(text):
        found.append((m.start(), m.end(), "lower back", True))
    return sorted(found)


def _area_spans(areas: list[tuple[int, int, str, bool]], area: str | None) -> list[tuple[int, int]]:
    """Spans to drop from the note: only when one area was named (else keep them as context)."""
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


def _note(text: str, removed: list[tuple[int, int]]) -> str:
    """The rest of the message, without the number, the area and filler words at its edges."""
    chars = list(text)
    for start, end in removed:
        for i in range(start, end):
            chars[i] = " "
    words = "".join(chars).split()

    def meaningless(word: str) -> bool:
        core = "".join(ch for ch in word if unicodedata.category(ch)[0] in "LN")
        return not core or word.lower() in _NOTE_FILLER or core.lower() in _NOTE_FILLER

    while words and meaningless(words[0]):
        words.pop(0)
    while words and meaningless(words[-1]):
        words.pop()
    return " ".join(words).strip(_NOTE_EDGE_JUNK).strip()
