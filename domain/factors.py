"""Treatments and everyday factors in plain words: "took ibuprofen 400", "heat pack 20 min",
"walked 30 min", "slept badly", "sat 9 hours", "stressful day", "physio today".

A message is read clause by clause (commas, full stops, "and", "then"); a clause that names
a treatment or a factor as done (not asked about, planned or denied) becomes a
:class:`FactorParse` with a kind, the user's own words for its name (a medication exactly as
written: the bot never renames a drug nor adds a dose), the number and unit given, if any,
and the words after it as its note ("with food", "on my lower back").

The day: today, or another day of the past week the message names ("yesterday", "last
night", "on monday I sat 9 hours", "3 days ago"; :func:`read_message` is given today's local
date). A night's sleep told of as "last night" belongs to today, the morning after, as a
diary keeper logs it; anything else "last night" to yesterday. A day further back is
declined (``too_far``), a weekday that may be a plan ("physio on friday") or two days in one
message record nothing: a factor on a wrong date is worse than one not noted.

Beside the pain diary: :func:`read_message` says whether the pain diary must read the message
too. "took 2 ibuprofen, pain 6" holds both; "pain 6 after sitting all day" is a pain report
whose note names a cause, not a factor to record (a factor after "after", "from", "since"...
is context); "ice on my lower back 15 minutes" names the back but is only a factor.

Measured on tests/corpora/factors.tsv (``python -m benchmarks.corpus_factors``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from domain.models import FactorEntry, FactorKind
from domain.pain import parse_pain_message

MAX_NAME = 40  # what a button shows, and far more than a treatment's name needs
MAX_AMOUNT = 100_000  # 10,000 steps fit; a bigger number is a typo (storage refuses it too)


@dataclass(frozen=True)
class FactorParse:
    """One treatment or factor understood in a message."""

    kind: FactorKind
    name: str  # the user's words: "ibuprofen", "heat pack", "walked", "slept badly"
    amount: float | None = None
    unit: str = ""  # as written: "mg", "min", "hours"; "" for a bare count ("2 paracetamol")
    # The clause's other words ("with food", "on my lower back"), kept as the entry's note
    # like the pain diary keeps one; not part of what was understood, so not compared.
    note: str = field(default="", compare=False)


@dataclass(frozen=True)
class FactorReading:
    """What a message holds for the factor log, and whether the pain diary must read it
    too (a level given, or pain named outside the factors, which the diary asks about).

    ``day`` is the local date the factors belong to (today unless the message names
    another day of the past week); ``too_far`` is True when it names a day further back
    ("last week", "10 days ago"): nothing is to be recorded then, the user is told why.
    """

    factors: tuple[FactorParse, ...] = ()
    pain_too: bool = True
    day: date | None = None
    too_far: bool = False


# ------------------------------------------------------------------------- vocabulary

# Medicines people take for a back, as they write them (brand and generic names). Any other
# name counts when the message says it was taken with a dose ("took 20mg xyzzy").
_MEDICINES = r"""
ibuprofen ibu ibuprofens advil nurofen motrin brufen paracetamol paracetamols tylenol
acetaminophen panadol calpol naproxen naprosyn aleve aspirin aspirins codeine co-codamol
cocodamol co-codamols solpadeine tramadol diclofenac voltaren voltarol meloxicam celecoxib
celebrex etoricoxib arcoxia gabapentin pregabalin lyrica amitriptyline duloxetine
cyclobenzaprine flexeril methocarbamol robaxin diazepam valium baclofen tizanidine
oxycodone morphine naprogesic excedrin aleve cbd lidocaine ibuleve
"""
_MED_NAME = (
    r"(?:(?:" + "|".join(sorted(set(_MEDICINES.split()), key=len, reverse=True)) + r")"
    r"(?:\s+(?:gel|cream|patch|patches|spray|tablets?|pills?|caps(?:ules)?))?"
    r"|pain\s*killers?|painkillers?|pain\s+meds|pain\s+relief|meds|medication|medicine"
    r"|my\s+(?:tablets|pills)|muscle\s+relaxants?|anti[\s-]?inflammator(?:y|ies)"
    r"|nsaids?|lidocaine\s+patch)"
)
_TAKE = r"(?:took|taken|take|taking|had|have\s+had|popped|swallowed|used|applied|rubbed|put)"

_DOSE_UNITS = r"mg|mcg|µg|g|ml|tablets?|tabs?|pills?|capsules?|caps|puffs?|drops|sachets?"
_TIME_UNITS = r"minutes?|mins?|m|hours?|hrs?|h"
_DISTANCE_UNITS = r"km|kms|k|miles?|mi|lengths|laps|steps|times|sessions?|reps|sets"
_UNITS = rf"(?:{_DOSE_UNITS}|{_TIME_UNITS}|{_DISTANCE_UNITS})"
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
    "a couple of": 2, "a couple": 2, "couple of": 2, "half an": 0.5, "half a": 0.5, "an": 1,
    "a": 1,
}  # fmt: skip
_NUM = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
    + "|".join(re.escape(w) for w in sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")"
)
# "400mg", "2 x", "20 min", "an hour", "10k steps"; a bare number too ("ibuprofen 400").
_AMOUNT = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUM})(?:\s*(?P<k>k)(?=\s*steps))?"
    rf"(?:\s*-?\s*(?P<unit>{_UNITS})(?![\w]))?",
    re.IGNORECASE,
)

# Each kind's phrases; the named group ``name`` is kept as the user wrote it.
_RULES: tuple[tuple[FactorKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(r"(?<![\w'-])" + pattern + r"(?![\w-])", re.IGNORECASE | re.VERBOSE))
    for kind, pattern in (
        (
            "sleep",
            r"""(?P<name>
                (?:couldn'?t|could\s+not|can'?t|didn'?t|did\s+not|barely|hardly)\s+sleep
                |(?:barely|hardly)\s+slept
                |no\s+sleep|slept\s+(?:badly|poorly|terribly|awfully|well|great|ok(?:ay)?|fine
                    |like\s+a\s+(?:log|baby)|in|late|on\s+the\s+(?:sofa|couch|floor)|wrong|funny
                    |awkwardly|badly\s+again)
                |slept|sleep(?:ing)?\s+(?:badly|poorly|was\s+\w+)
                |(?:bad|poor|rough|terrible|awful|restless|sleepless|broken|short)
                    \s+(?:night|sleep)(?:'s\s+sleep)?
                |(?:good|great)\s+(?:sleep|night'?s\s+sleep)
                |woke\s+up|kept\s+waking|waking\s+up|up\s+all\s+night|insomnia
                |tossing\s+and\s+turning|nap|napped|sleep)\b""",
        ),
        (
            "sitting",
            r"""(?P<name>
                long\s+(?:drive|flight|car\s+(?:ride|journey)|train\s+(?:ride|journey)
                    |commute|meeting|meetings)
                |(?:sat|sitting|seated|desk|sofa|couch)
                    (?:\s+(?:all\s+(?:day|evening|morning|afternoon)|for\s+hours))?
                |drove|driving|drive|flight|flew|commute|car\s+journey
                |train\s+journey|gaming|binge[\s-]?watched)\b""",
        ),
        (
            "stress",
            r"""(?P<name>
                stress(?:ful|y)?\s+(?:day|week|morning|evening|time|night|shift)
                |stressed(?:\s+out)?|stress(?:\s+at\s+work)?|anxious|anxiety|panic\s+attack
                |overwhelmed|deadline(?:\s+day)?|argument|hectic\s+day|rough\s+day\s+at\s+work
                |awful\s+day\s+at\s+work|worried\s+sick)\b""",
        ),
        (
            "therapy",
            r"""(?P<name>
                sports\s+massage|deep\s+tissue\s+massage|massage\s+(?:gun|chair|ball)
                |massage|physiotherapy
                |physical\s+therapy|physio|chiropractor|chiro|osteopath|osteo|acupuncture
                |dry\s+needling|hydrotherapy|(?-i:TENS)(?:\s+machine)?|foam\s+roll(?:er|ed|ing)?
                |cupping|(?-i:PT))\b""",
        ),
        (
            "heat_cold",
            r"""(?P<name>
                heat(?:ing)?\s+(?:pack|pad|wrap|patch|belt)s?|hot\s+water\s+bottle
                |wheat\s+bag|thermacare(?!\s+(?:style|type|like))|deep\s+heat|hot\s+(?:bath|shower|tub)
                |warm\s+(?:bath|shower)|epsom\s+(?:salt\s+)?bath|sauna|ice\s+packs?
                |ice\s+bath|cold\s+(?:pack|compress|shower|plunge)|frozen\s+peas
                |bag\s+of\s+peas|(?<=took\s)a\s+bath|(?<=had\s)a\s+bath|bath
                |(?<=used\s)heat|(?<=some\s)heat|(?<=put\s)heat|heat(?=\s+on\b|\s+\d)
                |(?<=used\s)ice|(?<=some\s)ice|(?<=put\s)ice|ice(?!\s+(?:cream|skat\w*|tea
                    |coffee|hockey|rink|cubes?))(?=\s+(?:on|for|\d))|ice(?=\s*$))\b""",
        ),
        (
            "medication",
            rf"""(?P<name>{_MED_NAME})\b""",
        ),
        (
            "activity",
            r"""(?P<name>
                went\s+for\s+a\s+(?:walk|run|swim|jog|hike|bike\s+ride|ride)
                |walked\s+the\s+dog|walk(?:ed|ing)?|stroll|hike|hiked|hiking
                |(?:ran|run|running)(?!\s+(?:out|late|into|errands|low|behind|around\s+after
                    |the|over|through|up|by|for\s+(?:office|election|mayor)
                    |a\s+(?:fever|temperature|temp|bath|high|business)|on\s+empty|hot|cold))
                |jog|jogged|jogging|swim|swam|swimming|cycled|cycling|bike\s+ride|biked
                |yoga(?:\s+class)?|pilates(?:\s+class)?|tai\s+chi|gym|work(?:ed)?\s*out
                |workout|exercises?|exercised|stretch(?:ed|es|ing)|gardening|gardened
                |housework|hoovering|vacuuming|tennis|golf|football|dancing|danced|climbing
                |rowing|weights|lifted\s+weights|treadmill|steps)\b""",
        ),
        (
            "other",
            # Lifting and carrying are left out: in a message they tell how a back was hurt
            # ("felt a pop lifting the kettle") far more often than what was done today.
            r"""(?P<name>
                (?:few|some|\d+|two|three)\s+(?:beers|glasses\s+of\s+wine|drinks|pints)
                |wine|beers?|alcohol)\b""",
        ),
    )
)

# A clause that asks, plans, wishes or denies is not a thing done: a question, words of a
# plan anywhere in the clause, a denial before the factor.
_QUESTION = re.compile(
    r"\?\s*$|^\W*(?:what|what's|whats|how|why|when|which|where|who|any)\b"
    r"|^\W*(?:is|are|does|do|should|shall|can|could|will|would)\s+"
    r"(?:i|you|it|we|they|he|she|this|that|there|heat|ice|the|a|an|my|your)\b"
    r"|^\W*did\s+(?:i|you|it|we|they|he|she|this|that|there)\b",
    re.IGNORECASE,
)
_NOT_AN_EVENT = re.compile(
    r"\b(?:will|i'll|gonna|going\s+(?:to|for)|about\s+to|off\s+to|plan(?:s|ning|ned)?"
    r"|want|wants|wanted|wanna|would\s+like|suggest|recommend|please|help\s+me|advert\w*"
    r"|need|needs|have\s+to|i\s+have\s+(?:a|an|my)|has\s+to|should|must|might|ought|try(?:ing)?\s+to"
    r"|thinking\s+(?:about|of)|tomorrow|later|next|booked|book|booking|remind|reminder"
    r"|appointment\s+on|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|ran\s+out|run\s+out|out\s+of|forgot|forget|skipped|skip|missed|instead\s+of|buy"
    r"|bought|order(?:ed)?|prescribed|prescription|allergic"
    # a liking or a habit, not a thing done today: "I love swimming", "I usually walk"
    r"|love|loves|like\s+to|hate|hates|enjoy|enjoys|prefer|usually|always|often|normally"
    r"|sometimes|every\s+(?:day|morning|evening|night|week|\w+day)|daily|a\s+day|per\s+day"
    r"|a\s+week|end\s+up|started|starting|began|begun"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)days|weekends"
    # another day than today: noted today, it would be dated wrongly
    r"|yesterday|last\s+(?:week|weekend|month|year)|(?:at|on)\s+the\s+weekend|ago)\b",
    re.IGNORECASE,
)
# In the whole sentence: a habit told in the present ("I sit at a desk", "I take
# ibuprofen", "then I get up and walk").
_HABIT = re.compile(
    r"\bi\s+(?:sit|walk|run|swim|do|take|use|work|go|play|lift|drive|sleep|get\s+up)\b",
    re.IGNORECASE,
)
# Before a factor in its clause: how a back got hurt ("tweaked my back at the gym", "fell
# on my back playing football"): the scene of an injury, not a factor.
_INJURY = re.compile(
    r"\b(?:tweak\w*|pulled|hurt|injur\w*|fell|fall|falling|slipped|slip|strain\w*|twist\w*"
    r"|crack|pop|landed|sprain\w*|jarred|did\s+my\s+back|put\s+my\s+back\s+out)\b",
    re.IGNORECASE,
)
_DENIED = re.compile(
    r"\b(?:no|not|never|without|didn'?t|did\s+not|don'?t|do\s+not|haven'?t|hasn'?t"
    r"|wasn'?t|can'?t|cannot|couldn'?t|unable|isn'?t|doesn'?t|won'?t|avoid(?:ed|ing)?"
    r"|stopped|stop|quit)\b",
    re.IGNORECASE,
)
# Words before a factor that make it the cause or the setting of something else ("pain 6
# after sitting all day", "sore from the gym"): context, not a factor to record.
_CONTEXT_BEFORE = re.compile(
    r"\b(?:after|from|since|because(?:\s+of)?|due\s+to|thanks\s+to|when|while|during"
    r"|like|about|makes?|made|says?|said|told|is\s+a|'s\s+a)\b",
    re.IGNORECASE,
)
# Statements about a factor rather than a use of it: "ibuprofen isn't helping",
# "stress makes it worse", "sleep is so important", "walking hurts".
_COMMENT_AFTER = re.compile(
    r"^\s*(?:is|are|was|were|isn'?t|doesn'?t|don'?t|makes?|made|helps?|helped|hurts?"
    r"|works?|worked|says?|said|matters?|seems?|asked|told|thinks?|recommended|suggested"
    r"|wants?|gave|showed|you|that|which|like\s+an?|down\s+(?:the\s+)?stairs"
    r"|up\s+(?:the\s+)?stairs|with\s+a\s+limp)\b",
    re.IGNORECASE,
)
# Pain named in a clause: an activity or a seat that hurts ("walking hurts", "sitting is
# agony") is a pain report, not a factor; a treatment may name it ("ice on my sore back").
_PAIN_CUE = re.compile(
    r"\b(?:pain|painful|hurts?|hurting|ache|aches|aching|achy|sore|agony|stiff|stiffness"
    r"|tight|tightness|tense|spasms?|twinges?|tender|killing|knackered)\b",
    re.IGNORECASE,
)
# "scared to walk", "go back to sleep": not done; but "went to yoga", "been to physio" are.
_TO_BEFORE = re.compile(r"\bto\s*$", re.IGNORECASE)
_BEEN_TO = re.compile(r"\b(?:went|been|got|gone)\s+to\s*$", re.IGNORECASE)
# Where a treatment was put ("..., on my lower back"): a clause that says only that is no
# pain to ask about.
_PLACE_ONLY = re.compile(r"^\W*(?:on|onto|to|over|across|for|around|against|under)\b", re.I)
# "woke up" says something about the night only with how often or when.
_WAKING = re.compile(
    r"\b(?:(?:\d+|two|three|four|five)\s*(?:times|x)|several|few|lots|loads|often|repeatedly"
    r"|again|twice|a\s+lot"
    r"|multiple|every\s+hour|in\s+the\s+night|during\s+the\s+night|at\s+night|all\s+night"
    r"|wee\s+hours|early|too\s+early)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\d))+[.!?\n]*")
_TREATMENTS = frozenset({"medication", "heat_cold", "therapy"})
# Where a clause ends: punctuation, or a joining word ("and", "then", "plus").
_CLAUSE = re.compile(r"\s*(?:[,;.!?\n]+(?!\d)|\s(?:and|then|also|plus|&|\+)\s)\s*", re.IGNORECASE)
# Where the pain part of a clause begins ("took 2 ibuprofen pain 6").
_PAIN_START = re.compile(
    r"\b(?:pain|back|neck|lower\s+back|my\s+back|hurts|ache|sore)\b", re.IGNORECASE
)
_EDGE = " \t,;:.!-–—"


# ------------------------------------------------------------------------------ days

WEEK = 7  # how far back a message may date a factor; further is asked about, not guessed
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|lunchtime|at\s+lunch(?:time)?))?"
# Each day phrase a message may use, and what it names. The part of the day ("yesterday
# evening") goes with it: the date says it, the note need not. "On mondays" is a habit, not
# a day: it stays in the message, whose habit words keep it from being recorded.
_DAY_PHRASES = re.compile(
    rf"""(?<![\w'-])(?:
        (?P<before>the\s+day\s+before\s+yesterday){_PART_OF_DAY}
        |(?P<yesterday>yesterday){_PART_OF_DAY}
        |(?P<last_night>last\s+night)
        |(?P<count>\d+|{"|".join(_DAY_COUNT)}|a)\s+(?P<span>days?|weeks?|months?|years?)\s+ago
        |(?P<far>last\s+(?:week|weekend|month|year)|(?:at|on)\s+the\s+weekend)
        |(?:(?P<on>on)\s+|(?P<last>last)\s+)?(?P<weekday>{"|".join(_WEEKDAYS)}){_PART_OF_DAY}
    )(?![\w-])""",
    re.IGNORECASE | re.VERBOSE,
)
# A weekday alone may be a plan ("physio on friday"): it dates a factor only in a message
# told in the past with a verb of doing ("on monday I sat 9 hours"), or as "last monday";
# not any "-ed" word ("massage on tuesday, so excited" is a plan).
_PAST_TENSE = re.compile(
    r"\b(?:sat|took|had|went|ran|swam|slept|did|drove|flew|spent|rode|popped|walked|used"
    r"|applied|cycled|jogged|hiked|stretched|worked|napped|lifted|gardened|danced"
    r"|exercised|couldn'?t\s+sleep|didn'?t\s+sleep)\b",
    re.IGNORECASE,
)


def _day_named(text: str, today: date) -> tuple[str, date, bool, bool] | None:
    """(the text without its day phrase, the day, too far back, "last night") when the
    message names one day other than today; None when it names none, or two different
    ones, or a weekday that may be a plan."""
    found: list[tuple[re.Match[str], date | None, bool]] = []
    for m in _DAY_PHRASES.finditer(text):
        if m.group("before"):
            found.append((m, today - timedelta(days=2), False))
        elif m.group("yesterday") or m.group("last_night"):
            found.append((m, today - timedelta(days=1), bool(m.group("last_night"))))
        elif m.group("count"):
            word = m.group("count").lower()
            count = int(word) if word.isdigit() else _DAY_COUNT.get(word, 1)
            if m.group("span").lower().startswith("day") and count <= WEEK:
                found.append((m, today - timedelta(days=count), False))
            else:
                found.append((m, None, False))
        elif m.group("far"):
            found.append((m, None, False))
        else:
            if not m.group("last") and not _PAST_TENSE.search(text):
                return None
            back = (today.weekday() - _WEEKDAYS.index(m.group("weekday").lower())) % 7
            found.append((m, today - timedelta(days=back or WEEK), False))
    if found and re.search(r"\btoday\b", text, re.IGNORECASE):
        return None  # "walked yesterday and today": two days, one message
    if not found or len({day for _, day, _ in found}) > 1:
        return None
    rest = text
    for m, _, _ in reversed(found):
        rest = rest[: m.start()] + rest[m.end() :]
    rest = re.sub(r"[ \t]{2,}", " ", rest).strip()
    day = found[0][1]
    return rest, day or today, day is None, any(night for _, _, night in found)


def parse_factors(text: str) -> tuple[FactorParse, ...]:
    """Every treatment or factor the message names as done, in its order (no pain logic)."""
    found: list[FactorParse] = []
    for clause, sentence in _clauses(text):
        found += _read_clause(clause, sentence)
    return tuple(found)


def read_message(text: str, today: date | None = None) -> FactorReading:
    """The factors of a message, the day they belong to, and whether the pain diary must
    read it too.

    A clause that is itself a pain report ("pain 6 after sitting all day") is the diary's:
    its factor words are the note's context. The pain diary reads the message too when a
    report is left over, or pain is named outside the factors' clauses (it asks then).

    ``today`` is the user's local date; with it, a message may name a day of the past week
    ("took ibuprofen yesterday", "on monday I sat 9 hours"). Without it, or when a message
    names two different days, such a message records nothing (as it always did): a factor
    on the wrong date is worse than one not noted.
    """
    text = text.strip()
    day, too_far, last_night = today, False, False
    if today is not None:
        when = _day_named(text, today)
        if when is not None:
            text, day, too_far, last_night = when
    reading = _read(text)
    if not reading.factors:
        return reading
    if last_night and today is not None and all(f.kind == "sleep" for f in reading.factors):
        # A night is logged on the morning it ends, as a diary keeper writes "slept badly"
        # over breakfast: last night's sleep belongs to today. What else happened last
        # night (a beer, a tablet) happened yesterday evening.
        day = today
    return FactorReading(reading.factors, reading.pain_too, day, too_far)


def _read(text: str) -> FactorReading:
    factors: list[FactorParse] = []
    pain_elsewhere = False
    for clause, sentence in _clauses(text):
        pain = parse_pain_message(clause).kind
        if pain == "report":
            pain_elsewhere = True
            head = _before_pain(clause)
            if head and parse_pain_message(head).kind == "none":
                factors += _read_clause(head, sentence)  # "took 2 ibuprofen pain 6"
            continue
        found = _read_clause(clause, sentence)
        factors += found
        if pain == "unclear" and not found and not _PLACE_ONLY.match(clause):
            pain_elsewhere = True  # "..., back hurts": the diary asks for a level
    if not factors:
        return FactorReading((), pain_too=True)
    # Nothing the diary understands in the whole message: nothing to hand on.
    return FactorReading(
        tuple(factors), pain_too=pain_elsewhere and parse_pain_message(text).kind != "none"
    )


def format_amount(amount: float | None, unit: str = "") -> str:
    """ "400", "2", "20 min", "1.5 hours"; "" without an amount."""
    if amount is None:
        return ""
    number = str(int(amount)) if amount == int(amount) else f"{amount:g}"
    return f"{number} {unit}".strip()


def describe(entry: FactorEntry | FactorParse) -> str:
    """ "ibuprofen 400", "heat pack 20 min", "slept badly": name and amount as given."""
    return f"{entry.name} {format_amount(entry.amount, entry.unit)}".strip()


def factor_key(name: str) -> str:
    """A key grouping the same treatment or factor written alike ("Walked", "walk",
    "walking" -> "walk"; "Ibuprofen" -> "ibuprofen"): for counting, never for display."""
    words = re.sub(r"[^\w\s'-]", " ", name.lower()).split()
    words = [w for w in words if w not in ("a", "an", "the", "my", "some", "went", "for")]
    stemmed = []
    for word in words:
        for suffix in ("ing", "ed", "s"):
            if len(word) > len(suffix) + 3 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        stemmed.append(word)
    return " ".join(stemmed) or name.lower().strip()


# ---------------------------------------------------------------------------- clauses


def _clauses(text: str) -> list[tuple[str, str]]:
    """(clause, its sentence) of the message's sentences that ask nothing (a question
    names no thing done: "is yoga ok for me?"); a clause that is only an amount ("heat
    pack on my back, 20 min") joins the one before it."""
    clauses: list[tuple[str, str]] = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0).strip()
        if sentence.endswith("?"):
            continue
        for part in (p.strip(_EDGE) for p in _CLAUSE.split(sentence)):
            if not part:
                continue
            amount = _AMOUNT.fullmatch(part)
            if clauses and amount is not None and amount.group("unit"):
                clauses[-1] = (f"{clauses[-1][0]} {part}", sentence)
            else:
                clauses.append((part, sentence))
    return clauses


def _before_pain(clause: str) -> str:
    """The words of a clause before its pain part begins ("took 2 ibuprofen" of "took 2
    ibuprofen pain 6"); "" when it begins with pain."""
    m = _PAIN_START.search(clause)
    return clause[: m.start()].strip(_EDGE) if m else ""


def _read_clause(clause: str, sentence: str) -> list[FactorParse]:
    if not clause or _QUESTION.search(clause) or _HABIT.search(sentence):
        return []
    for kind, pattern in _RULES:
        for m in pattern.finditer(clause):
            parse = _factor_at(clause, kind, m)
            if parse is not None:
                return [parse]
    return []


def _factor_at(clause: str, kind: FactorKind, m: re.Match[str]) -> FactorParse | None:
    """The factor this match names, unless its clause makes it something else."""
    before, after = clause[: m.start()], clause[m.end() :]
    name = re.sub(r"\s+", " ", m.group("name").strip())
    if _CONTEXT_BEFORE.search(before) or _COMMENT_AFTER.match(after) or _INJURY.search(before):
        return None
    if _TO_BEFORE.search(before) and not _BEEN_TO.search(before):
        return None
    if _NOT_AN_EVENT.search(clause) or _DENIED.search(before):
        return None
    if kind not in _TREATMENTS and _PAIN_CUE.search(clause):
        return None
    if kind == "activity" and re.search(r"\bon\s+the\s*$|\bon\s+the\s+\w+\s*$", before):
        return None  # "went numb on the long bike ride": where something happened
    if kind == "heat_cold" and name.lower() == "ice" and before.strip():
        if not re.search(r"\b(?:used|some|put|an|with|applied|more)\s*$", before, re.I):
            return None  # "slipped on the ice"
    if kind == "sleep" and name.lower() == "woke up" and not _WAKING.search(after):
        return None  # "woke up at 6", "just woke up with it"
    if kind == "stress" and m.group("name").lower() == "stress" and before.lower().endswith("the "):
        return None  # "the stress of moving house": about stress, not a stressed day
    if kind == "medication" and not _taken(clause, m):
        return None
    if kind == "other" and re.match(r"(?:wine|beers?|alcohol)$", m.group("name"), re.I):
        if not re.search(r"\b(?:had|drank|some|few|\d|glass|on\s+my)\b", clause, re.I):
            return None
    amount, unit = _amount_of(clause, m, kind)
    found = _nearest_amount(clause, m, kind) if amount is not None else None
    if amount is not None and amount > MAX_AMOUNT:
        amount, unit = None, ""  # a typo or a joke: the factor, without its number
    if kind == "sleep" and name.lower() == "sleep" and amount is None:
        return None  # "went to sleep", "sleep is important": no night told of
    if unit.lower() == name.lower():
        unit = ""  # "10000 steps": the name says it
    if kind == "sitting" and amount is None and not _long(clause):
        return None  # "I work at a desk": a habit, not a long sit today
    if kind == "activity" and name.lower() == "steps" and amount is None:
        return None
    at = (found.start(), found.end()) if found else None
    return FactorParse(kind, name, amount, unit, _leftover(clause, (m.start(), m.end()), at))


# Words at the edges of what is left of a clause that say nothing a note needs: the verb
# of taking, "today" (the entry's date says it), a count's "x", joining words.
_FILLER = frozenset(
    "i i've ive we just took taken take had have popped swallowed used applied did went"
    " a an some x of and then also so plus today now earlier again tonight ok okay for"
    " session".split()
)
# "... this morning" at a note's end: the entry's date says the day; the hour is not kept.
_WHEN_AT_END = re.compile(r"\s*\b(?:this\s+(?:morning|afternoon|evening)|today|tonight)$", re.I)
# Words that say nothing on their own; a note made only of them is none.
_BARE = frozenset("to was were is it at on in my the with by from me".split())
MAX_NOTE = 200  # the rest of a clause; a longer one is a story, kept short


def _leftover(clause: str, name: tuple[int, int], amount: tuple[int, int] | None) -> str:
    """What the clause says after the factor's name, less its amount ("with food" of "took
    2 ibuprofen with food", "on my lower back" of "heat pack on my lower back 20 min"),
    less filler at either end. Words before the name are left out: they are how it was
    said ("saw the", "very", "took"), and a note glued across the name reads wrongly."""
    tail = clause[name[1] :]
    if amount is not None and amount[0] >= name[1]:
        at, to = amount[0] - name[1], amount[1] - name[1]
        tail = tail[:at] + " " + tail[to:]
    tail = _WHEN_AT_END.sub("", tail.strip(_EDGE))
    words = tail.split()
    while words and words[0].lower().strip(_EDGE + "'") in _FILLER:
        words.pop(0)
    while words and words[-1].lower().strip(_EDGE + "'") in _FILLER:
        words.pop()
    if all(w.lower().strip(_EDGE) in _FILLER | _BARE for w in words):
        return ""  # "on it" of "rubbed Voltaren on it"
    note = " ".join(words).strip(_EDGE)
    return note[:MAX_NOTE] if re.search(r"[^\W\d_]", note) else ""


def _taken(clause: str, m: re.Match[str]) -> bool:
    """A medicine named as taken: with a verb of taking, a number, or on its own."""
    if re.search(rf"\b{_TAKE}\b", clause[: m.start()], re.IGNORECASE):
        return True
    if _AMOUNT.search(clause) and _nearest_amount(clause, m) is not None:
        return True
    rest = (clause[: m.start()] + " " + clause[m.end() :]).lower()
    rest_words = re.findall(r"[a-z']+", rest)
    allowed = {
        "today", "this", "morning", "evening", "afternoon", "tonight", "night", "last",
        "earlier", "just", "now", "again", "before", "bed", "with", "food", "on", "my",
        "back", "lower", "neck", "it", "some", "an", "a", "at", "lunch", "breakfast",
        "dinner", "for", "the", "pain",
    }  # fmt: skip
    return all(word in allowed for word in rest_words)


def _long(clause: str) -> bool:
    return bool(
        re.search(
            r"\b(?:all\s+(?:day|evening|morning|afternoon|night)|for\s+hours|hours|long"
            r"|whole\s+day|too\s+long|ages)\b",
            clause,
            re.IGNORECASE,
        )
    )


def _nearest_amount(
    clause: str, m: re.Match[str], kind: FactorKind = "medication"
) -> re.Match[str] | None:
    """The amount that goes with the factor: one with a unit first, then, for a medicine,
    a bare number right next to it ("ibuprofen 400", "2 paracetamol": a dose or a count;
    beside anything else a bare number may be a pain level: "bad day 8 couldnt sleep");
    "a"/"an" only with a unit."""
    candidates = []
    for a in _AMOUNT.finditer(clause):
        if m.start() <= a.start() < m.end():
            continue  # a number word inside the name
        word = a.group("num").lower()
        gap = clause[a.end() : m.start()] if a.end() <= m.start() else clause[m.end() : a.start()]
        if not a.group("unit"):
            if kind != "medication" or word in ("a", "an", "half an", "half a"):
                continue
            if gap.strip(" x×"):
                continue  # a bare number counts only right next to the name
        distance = len(gap)
        candidates.append((0 if a.group("unit") else 1, distance, a))
    return min(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else None


def _amount_of(clause: str, m: re.Match[str], kind: FactorKind) -> tuple[float | None, str]:
    found = _nearest_amount(clause, m, kind)
    if found is None:
        return None, ""
    word = found.group("num").lower()
    value = _NUMBER_WORDS.get(word)
    if value is None:
        value = float(word.replace(",", ""))
    unit = found.group("unit") or ""
    if found.group("k"):
        value, unit = value * 1000, ""
    if unit.lower() == "x" or (unit.lower() == "m" and kind == "medication"):
        unit = ""
    return float(value), unit


# ------------------------------------------------------------------------------ /log

# What each kind is called, and its sign, in a confirmation and on /log's buttons.
KIND_LABELS: dict[FactorKind, str] = {
    "medication": "medication",
    "heat_cold": "heat/cold",
    "activity": "activity",
    "sleep": "sleep",
    "sitting": "sitting",
    "stress": "stress",
    "therapy": "therapy",
    "other": "other",
}
KIND_SIGNS: dict[FactorKind, str] = {
    "medication": "💊",
    "heat_cold": "🌡",
    "activity": "🚶",
    "sleep": "😴",
    "sitting": "🪑",
    "stress": "😣",
    "therapy": "🤲",
    "other": "📝",
}
# One-tap choices under a kind on /log. None for medication: the bot never names a drug;
# the user types theirs, and from then on it is one of their own recent buttons.
PRESETS: dict[FactorKind, tuple[str, ...]] = {
    "medication": (),
    "heat_cold": ("heat pack", "hot bath", "ice pack"),
    "activity": ("walk", "stretching", "yoga", "swim"),
    "sleep": ("slept well", "slept badly", "couldn't sleep"),
    "sitting": ("sat a lot", "long drive"),
    "stress": ("stressful day",),
    "therapy": ("physio", "massage"),
    "other": (),
}
# After a kind is chosen on /log people type in their own language: the units of the
# languages the bot speaks too, so "ибупрофен 400 мг" keeps its unit after the number
# instead of reading "ибупрофен мг 400".
_TYPED_UNITS = (
    rf"(?:{_UNITS}"
    r"|minutos?|horas?|comprimidos?|pastillas?|c[aá]psulas?|gotas|sobres?|pasos|veces"
    r"|Minuten|Min\.|Stunden?|Std\.|Tabletten?|Tropfen|Kapseln?|Schritte|Mal"
    r"|мг|мкг|г|мл|мин(?:ут[аы]?)?\.?|час(?:а|ов)?|ч|таблет(?:ка|ки|ок)|табл\.?"
    r"|капсул[аы]?|капел[ьи]?|капл[иья]|км|шаг(?:а|ов)?|раза?)"
)
_TYPED_AMOUNT = re.compile(
    rf"(?<![\w.,])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:[.,]\d+)?)\s*(?P<unit>{_TYPED_UNITS}|x)?(?!\w)",
    re.IGNORECASE,
)


class FactorTypeError(ValueError):
    """A name typed for /log that cannot be kept; ``reason`` is "no_name" (empty, or only
    a number), "too_long" or "too_big" (a number no one means)."""

    def __init__(self, reason: Literal["no_name", "too_long", "too_big"]) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_typed(text: str, kind: FactorKind) -> FactorParse:
    """What the user typed after choosing a kind on /log: the name as written, and the
    amount and unit if a number is given ("ibuprofen 400", "walk 30 min", "massage").

    Raises FactorTypeError saying why when nothing usable is left.
    """
    text = re.sub(r"\s+", " ", text).strip(_EDGE)
    if len(text) > MAX_NAME + 20:
        raise FactorTypeError("too_long")
    found = _TYPED_AMOUNT.search(text)
    amount, unit, name = None, "", text
    if found is not None:
        number = found.group("num")
        thousands = re.fullmatch(r"\d{1,3}(?:,\d{3})+", number)
        amount = float(number.replace(",", "") if thousands else number.replace(",", "."))
        unit = found.group("unit") or ""
        unit = "" if unit.lower() == "x" else unit
        name = (text[: found.start()] + " " + text[found.end() :]).strip(_EDGE)
        name = re.sub(r"\s+", " ", re.sub(r"^(?:of|x)\s+|\s+(?:of|x)$", "", name)).strip()
    if amount is not None and amount > MAX_AMOUNT:
        raise FactorTypeError("too_big")
    if not re.search(r"[^\W\d_]", name):
        raise FactorTypeError("no_name")
    if len(name) > MAX_NAME:
        raise FactorTypeError("too_long")
    return FactorParse(kind, name, amount, unit)


def asks_about_medicine(text: str) -> bool:
    """A question about taking a medicine ("should I take ibuprofen?", "how much
    paracetamol can I take"): answered with where to ask, never with advice."""
    asks = any(
        m.group(0).rstrip().endswith("?") or _QUESTION.search(m.group(0))
        for m in _SENTENCE.finditer(text)
    )
    return asks and bool(re.search(rf"(?<![\w'-]){_MED_NAME}\b|\bdose\b|\bdosage\b", text, re.I))
