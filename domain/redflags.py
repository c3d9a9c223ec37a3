"""Notice the back-pain warning signs that need a clinician, not a massage routine.

The bot is not a medical service. When someone mentions a warning sign we answer with the
advice of its tier (content/safety/warning-signs.yaml says which sign is which tier and what
to do) and routines hold back firm pressure that day. This module only reads the words:

- ``detect_warning_signs(text)`` gives the stable codes of the signs a message mentions;
- ``most_urgent(codes, tiers)`` gives the most urgent ``Tier`` among them, given the table.

Most rules are word classes that combine rather than phrases: a body area (the saddle area
in anatomical words, euphemisms and slang; both legs; one leg) near a change of sensation
(numb, dead, gone to sleep, like cotton wool or a sock) or of strength (gave way, no
power); passing water near a trouble word (strain, stop-start, slow, can't empty); night
near "nothing eases it"; weight lost near "without trying" or "no idea why". Each class is
one constant below, so a new way of saying an area or a change works with every rule that
uses it.

How it reads people, in order: the text is normalised (lower case, apostrophes, "cant",
"pins n needles", common typos and a one-letter fuzzy step on long key words, a short
aside in brackets joined to its sentence); idioms are blanked out ("fell asleep", "crash
diet", "hit the gym", "a wee bit", "nearly wet myself laughing", "like I got hit by a
bus"); the text is cut into segments at
sentence ends and contrast words ("but", "just"), and each segment into clauses at commas
and "and". A sign's words may span a segment; a negation ("no numbness") only counts inside
the sign's own clause, a few words before it, so "no pain, just numb groin" is a sign while
"no numbness or tingling" is not. A clause that says the sign is past or resolved ("has
gone", "years ago", "used to", "fine now", or "but it's gone now" right after) does not
alarm, except a history of cancer, where the past is the point; nor does a sign someone
else has ("my grandad can't feel his feet"; unless the message asks for that person about
their back), was asked or read about ("I read that a numb bum is an emergency, I don't
have that"); night pain that a change of position settles is ordinary. When in doubt it
errs on the side of flagging: honest and predictable rather than clever.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache, total_ordering

from domain.models import PainEntry
from domain.preferences import WarningSign


@total_ordering
class Tier(Enum):
    """How soon a warning sign needs a clinician; ordered, MENTION < SAME_DAY < EMERGENCY."""

    MENTION = "mention"  # mention it to your doctor
    SAME_DAY = "same_day"  # see a doctor today
    EMERGENCY = "emergency"  # local emergency number or emergency department, now

    @property
    def rank(self) -> int:
        return _TIER_RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Tier):
            return NotImplemented
        return self.rank < other.rank


_TIER_RANK = {Tier.MENTION: 0, Tier.SAME_DAY: 1, Tier.EMERGENCY: 2}

# Every sign the detector knows, in the stable order results come in (the table's order,
# most urgent tier first).
# content/schema.py checks that the warning-sign table has exactly these codes.
SIGN_CODES: tuple[str, ...] = (
    "saddle_numbness",
    "bladder_bowel",
    "both_legs",
    "sexual_dysfunction",
    "tearing_pain",
    "chest_pain",
    "leg_weakness",
    "fever",
    "trauma",
    "cancer_history",
    "fracture_risk",
    "weight_loss",
    "leg_numbness",
    "night_pain",
)


def most_urgent(codes: Iterable[str], tiers: Mapping[str, Tier]) -> Tier | None:
    """The most urgent tier among ``codes`` (None for no codes); unknown codes are ignored."""
    found = [tiers[code] for code in codes if code in tiers]
    return max(found) if found else None


def warning_record(
    previous: WarningSign | None, day: date, tier: Tier, codes: Sequence[str]
) -> WarningSign:
    """The stored fact of today's warning signs (``user.preferences.warning_sign``).

    Kept so that later features (holding routines until a doctor has looked) can ask how
    urgent the worst sign of a day was. A record of an earlier day is replaced; on the same
    day the more urgent tier stays and the codes add up.
    """
    record = WarningSign(day, tier.value, tuple(dict.fromkeys(codes)))
    if previous is None or previous.date != day:
        return record
    try:
        earlier = Tier(previous.tier)
    except ValueError:
        return record
    merged = tuple(dict.fromkeys([*previous.codes, *codes]))
    return WarningSign(day, max(earlier, tier).value, merged)


MAX_WARNING_DAYS = 60  # days with a warning sign kept for /report; the oldest go first


def remember_warning(
    days: Sequence[WarningSign], record: WarningSign, keep: int = MAX_WARNING_DAYS
) -> tuple[WarningSign, ...]:
    """The days with a warning sign after ``record`` (from ``warning_record``): it replaces
    the record of its own day, the list stays oldest first and at most ``keep`` long."""
    kept = [day for day in days if day.date != record.date]
    kept.append(record)
    kept.sort(key=lambda day: day.date)
    return tuple(kept[-keep:])


@dataclass(frozen=True)
class _Hit:
    code: str
    start: int  # where the symptom words start, for the negation check
    end: int
    words: str  # the whole match, to see whose body part it names


# ------------------------------------------------------------------------ normalising

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\x00-\x08\x0b-\x1f]")
# Apostrophe-less spellings, so one pattern covers both.
_CONTRACTIONS = {
    "cant": "can't",
    "cannot": "can't",
    "dont": "don't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "hadnt": "hadn't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "wont": "won't",
    "im": "i'm",
    "ive": "i've",
    "its": "it's",
    "thats": "that's",
}
# Typos of short key words, where a one-letter fuzzy step would hit real words.
_TYPOS = {
    "numm": "numb",
    "nmub": "numb",
    "nunb": "numb",
    "mumb": "numb",
    "numbb": "numb",
    "numv": "numb",
    "nimb": "numb",
    "feaver": "fever",
    "fevor": "fever",
    "fevar": "fever",
    "fevr": "fever",
    "fver": "fever",
    "feever": "fever",
    "grion": "groin",
    "gorin": "groin",
    "groine": "groin",
    "bowles": "bowels",
    "bowells": "bowels",
    "bowell": "bowel",
    "tempreture": "temperature",
    "temprature": "temperature",
    "temperture": "temperature",
    "weeknes": "weakness",
    "wekness": "weakness",
    "weekness": "weakness",
    "weeknesss": "weakness",
    "numbnes": "numbness",
    "peeeing": "peeing",
    "errection": "erection",
    "erecton": "erection",
}
# Long key words: a token one edit (insert, delete, change, swap) away becomes the word.
_FUZZY_TARGETS = (
    "numbness",
    "tingling",
    "tingles",
    "weakness",
    "bladder",
    "control",
    "controlling",
    "incontinent",
    "incontinence",
    "urinate",
    "urinating",
    "temperature",
    "feverish",
    "genitals",
    "buttocks",
    "perineum",
    "osteoporosis",
    "prednisolone",
    "steroids",
    "sensation",
    "erection",
    "shivering",
    "shivery",
    "accident",
    "lymphoma",
    "melanoma",
    "leukaemia",
    "leukemia",
    "chemotherapy",
)
# Real words one edit from a key word, never "corrected".
_REAL_NEIGHBOURS = frozenset(
    "ladder blander election tingle tinging tinkling tinges shivers shiver".split()
)
_FUZZY_MIN_LENGTH = 6
_TOKEN = re.compile(r"[a-z']+")


def _within_one_edit(a: str, b: str) -> bool:
    """Damerau distance of at most one (one insert, delete, change or swap of neighbours)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        i = diffs[0]
        return len(diffs) == 2 and diffs[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


@lru_cache(maxsize=8192)  # people reuse words: each is looked at once
def _fix_token(token: str) -> str:
    if token in _CONTRACTIONS:
        return _CONTRACTIONS[token]
    if token in _TYPOS:
        return _TYPOS[token]
    if len(token) < _FUZZY_MIN_LENGTH or token in _REAL_NEIGHBOURS:
        return token
    for target in _FUZZY_TARGETS:
        if token != target and _within_one_edit(token, target):
            return target
    return token


# "pins n needles", "pins & needles", "pins and needels": one spelling.
_PINS = re.compile(r"\bpins\s*(?:n|&|an|and|'n'?|\+)\s*needl\w*")
# A short aside in brackets belongs to its sentence: "the bit between my legs (perineum?)
# has gone numb" is one statement, so the brackets and their question mark go.
_ASIDE = re.compile(r"\(([^()\n]{0,40})\)")


def _normalise(text: str) -> str:
    text = _INVISIBLE.sub(" ", text.translate(_APOSTROPHES).lower())
    text = _TOKEN.sub(lambda m: _fix_token(m.group()), text)
    text = _PINS.sub("pins and needles", text)
    text = _ASIDE.sub(lambda m: " " + re.sub(r"[?!.]+", " ", m.group(1)) + " ", text)
    return re.sub(r"[ \t]+", " ", text)


# ---------------------------------------------------------------------------- idioms

# Phrases that look like a sign but are not; blanked out before anything else is read.
_IDIOMS = re.compile(
    r"\b(?:fell|falls?|falling|fallen)\s+(?:asleep|behind|apart|for|in\s+love|ill|silent)\b"
    r"|\b(?:foot|leg|arm|hand)\s+(?:fell|went|goes|has\s+gone)\s+(?:to\s+sleep|asleep)\b"
    r"|\b(?:this|last|next|in\s+the)\s+fall\b(?!\s+(?:on|off|from|down))"
    r"|\bfall\s+(?:season|semester|term|colou?rs|leaves|of\s+(?:19|20)\d\d)\b"
    r"|\bcrash(?:ed)?\s+diet\w*|\bcrash\s+out\b|\bcrash(?:ed|ing)\s+(?:out|on|at)\s+"
    r"(?:the\s+|my\s+|a\s+)?(?:sofa|couch|bed|floor|friend's|mate's|home|\w+'s\s+place)\b"
    r"|\b(?:computer|laptop|phone|pc|app|system|server|car\s+crash\s+tv|stock\s+market)\s+"
    r"(?:crash\w*)"
    r"|\bhit\s+(?:the\s+(?:gym|sack|hay|road|shops|books|pool|wall|spot)|me\s+hard|a\s+wall)\b"
    r"|\btripped\s+up\b|\bslipped\s+(?:my\s+mind|(?:a|my|two|2)?\s*dis[ck]s?)\b"
    r"|\bslipped\s+dis[ck]s?\b"
    r"|\bwee\s+(?:hours|bit|while|one|ones|lad|lass|little|dram)\b"
    r"|\b(?:watching|watch|live)\s*(?:a\s+|the\s+)?stream\w*|\bstream(?:ing)?\s+"
    r"(?:a\s+|the\s+)?(?:movie|show|tv|video|game|series|netflix|music|of\s+\w+)"
    r"|\b(?:on\s+)?pins\s+and\s+needles\s+(?:waiting|about|for|over)\b|\bon\s+pins\s+and\s+needles\b"
    r"|\btearing\s+(?:my\s+hair|up|around|off|down\s+the|(?:me|us|him|her)\s+apart)\b"
    r"|\btear\s+up\b"
    r"|\b(?:cabin|hay|spring|football|saturday\s+night|world\s+cup|election)\s+fever\b"
    r"|\bfever\s+pitch\b|\bshivers?\s+(?:down|up)\s+(?:my\s+)?spine\b"
    r"|\b(?:sugar|energy|caffeine|carb)\s+crash\b|\bcrash\s+(?:course|mat|pad|helmet)\b"
    r"|\bfell\s+pregnant\b"
    r"|\b(?:baby|babies|kids?|toddler|dog|cat|partner|husband|wife|neighbours?|noise|snoring|"
    r"alarm|work|stress|worry|anxiety|coffee|caffeine)\s+(?:\w+\s+)?(?:wakes?|woke|keeps?|"
    r"kept)\s+me\s+(?:up|awake)\b"
    r"|\bweak\s+(?:coffee|tea|joke|wifi|signal|point|spot|link|moment|excuse)\b"
    r"|\bweak\s+(?:at|in)\s+the\s+knees\b|\bweak\s+with\s+(?:joy|laughter|relief|hunger)\b"
    r"|\bdead\s+(?:tired|beat|on|serious|end|easy)\b"
    r"|\bchest\s+(?:muscles?|stretch\w*|day|press|fly|flies|workout)\b"
    r"|\b(?:can't|can\s+not)\s+wait\b"
    r"|\bcancer\s+(?:research|charity|walk|run|awareness|star\s+sign)\b|\bi'm\s+a\s+cancer\b"
    # laughter, not incontinence
    r"|\b(?:nearly|almost|practically|could\s+have|could've)\s+(?:wet|peed|pissed|wee'd)\s+"
    r"(?:myself|my\s+(?:pants|knickers|self))\b"
    r"|\b(?:wet|peed|pissed)\s+(?:myself|my\s+pants)\s+(?:laughing|with\s+laughter)\b"
    # a simile for how bad it feels, not a blow: "feels like I got hit by a bus"
    r"|\b(?:feels?|felt|feeling)\s+like\s+(?:i've\s+been|i\s+was|i\s+got|i'd\s+been|"
    r"i\s+have\s+been|someone|somebody|something)\s+(?:\w+\s+){0,2}?(?:hit|run\s+over|kicked|"
    r"trampled|beaten|punched|kneed|stabbed|whacked|flattened|tackled)\b"
    r"(?:\s+(?:by|in|on)\s+(?:the\s+|a\s+|an\s+|my\s+)?\w+)?"
    r"|\blike\s+(?:i\s+|i've\s+|i'd\s+|i'm\s+|someone\s+|i\s+have\s+)?(?:\w+\s+){0,2}?"
    r"(?:hit|run\s+over|kicked|trampled|beaten\s+up|punched|flattened)\s+by\s+(?:a\s+|an\s+)?"
    r"(?:\w+\s+)?(?:bus|truck|lorry|train|tractor|tank|steamroller|horse|mule|bricks|car)\b"
)

# A weak or wobbly leg right after hard exercise is tiredness, not a nerve sign.
_EXERCISE = re.compile(
    r"\b(?:after|from)\s+(?:(?:a|the|my|today's|yesterday's)\s+)?(?:\w+\s+){0,2}?(?:leg\s+day|gym|squats?|"
    r"run|running|workout|training|marathon|hike|spin\s+class|cycling)\b|\bleg\s+day\b"
)

# ------------------------------------------------------------------- segments, clauses

# Sentence ends and contrast words end a segment: what follows is a new statement.
_SEGMENT_BREAK = re.compile(
    r"[!?;\n()]+|\.+(?!\d)|(?<!\d)\.+"
    r"|\b(?:but|however|although|though|yet|except|just|only|anyway|whereas|now)\b"
)
# Commas and "and" end a clause (a negation's reach) unless a list of symptoms goes on.
_CLAUSE_BREAK = re.compile(r",|\s-\s|\band\b|\bplus\b|\balso\b|\bwhile\b|\bbecause\b")
_SYMPTOM_NOUN = re.compile(
    r"^\s*(?:or\s+|nor\s+|any\s+)?(?:numbness|tingling|tingles|weakness|pins\s+and\s+needles|"
    r"fever|fevers|chills|incontinence|bladder|bowel|bowels|weight\s+loss|night\s+pain|"
    r"problems?|trouble|issues?|falls?|accidents?)\b"
)
_NEGATION = re.compile(
    r"\b(?:no|not|never|without|none|nothing|nor|neither|don't|do\s+not|doesn't|does\s+not|"
    r"didn't|did\s+not|haven't|have\s+not|hasn't|has\s+not|hadn't|isn't|aren't|wasn't|"
    r"weren't|won't|free\s+of|denies|deny|zero|nope|negative\s+for)\b"
)
_NEGATION_WINDOW = 3
# Words that only continue a list ("no fever, numbness or tingling") use up no window.
_LIST_WORDS = frozenset(
    "or nor any a the my of in and numbness numb tingling tingly weakness weak fever fevers "
    "pins needles signs sign had have has feel felt feeling problems problem trouble issues "
    "with bladder bowel bowels falls fall accidents accident really".split()
)
_WORD = re.compile(r"[\w']+")

# A sign said to be past or resolved; "cancer_history" is past by nature and exempt.
_RESOLVED = re.compile(
    r"\b(?:years?|decades?)\s+ago\b|\blast\s+year\b|\bno\s+longer\b"
    # "used to", but not "doesn't work like it used to"
    r"|(?<!like\sit\s)(?<!like\sthey\s)(?<!as\sit\s)(?<!as\sthey\s)(?<!like\si\s)(?<!as\si\s)"
    r"\bused\s+to\b"
    r"|\b(?:back\s+)?in\s+(?:19|20)\d\d\b"
    r"|\bfor\s+a\s+(?:minute|second|sec|moment|few\s+(?:minutes|seconds|secs))\b"
    r"|\bin\s+the\s+past\b|\bas\s+a\s+(?:kid|child|teen\w*|boy|girl|student|baby)\b"
    r"|\b(?:months|ages|decades)\s+ago\b|\blast\s+(?:decade|century)\b"
    r"|\bwhen\s+i\s+was\s+(?:\d{1,2}|a\s+kid|a\s+child|a\s+baby|young|younger|little|small|"
    r"a\s+teen\w*|at\s+school|in\s+(?:school|college|uni|my\s+(?:teens|twenties|20s))|"
    r"pregnant)\b"
    r"|\b(?:fine|better|normal|ok|okay|good|gone|over)\s+now\b|\ball\s+good\b"
    r"|\bback\s+to\s+normal\b|\bthen\s+(?:it\s+)?was\s+(?:fine|ok|okay|normal)\b"
    r"|\bwent\s+away\b|\bgone\s+away\b|\bwore\s+off\b|\bcleared\s+up\b|\bpassed\s+off\b"
    r"|\b(?:stopped|gone|went)\s+after\b"
    r"|\b(?:has|have|had|'s|is|are)\s+(?:now\s+|all\s+|completely\s+)?(?:gone|cleared|"
    r"settled|resolved|passed|disappeared|stopped|eased|worn\s+off)\b"
    # "have gone numb", "has gone from my foot" say the opposite
    r"(?!\s+(?:numb|dead|weak|tingl\w*|funny|weird|strange|floppy|to|into|down|from|all))"
)
_LOSS_BEFORE_GONE = re.compile(r"\b(?:feeling|sensation|control|strength)\s+(?:\w+\s+)?$")
_PURE_RESOLUTION = re.compile(
    r"^\s*(?:(?:it's|it\s+is|was|is|all|then|and|it|now|totally|completely|fully)\s+)*"
    r"(?:gone|fine|better|ok|okay|normal|"
    r"all\s+good|back\s+to\s+normal|cleared|went\s+away|passed)\b"
)
_NOT_RESOLVABLE = frozenset({"cancer_history"})

# ---------------------------------------------------------------------------- patterns

# Word classes that combine: a body area, a change of sensation, a dysfunction. A sign is
# an area and a change close together, whatever words each is said in.
_SADDLE = (
    r"(?:groin|crotch|saddle(?:\s+area)?|genitals?|genital\s+area|privates|private\s+parts?|"
    r"down\s+there|down\s+below|back\s+there|between\s+(?:my\s+|the\s+)?legs|perineum|taint|"
    r"bum\s*hole|butt\s*hole|anus|back\s+passage|bottom(?!\s+of)|bum|butt|buttocks?|backside|"
    r"arse|vagina|vulva|labia|clit\w*|penis|willy|dick|cock|knob|todger|scrotum|testicles?|"
    r"testes|balls(?!\s+of)|inner\s+thighs?|private\s+(?:area|bits|parts?|region)|"
    r"intimate\s+(?:area|parts?)|nether\s+regions?|undercarriage|(?:my|lady|man|girly)\s+bits|"
    r"bits(?!\s+of)|(?:lady|man|girly)\s+(?:parts|garden|area)|front\s+bottom|foof\w*|minge|fanny|"
    r"(?:bum|butt|arse)\s+cheeks?|where\s+i\s+sit|(?:the\s+)?place\s+where\s+i\s+sit|"
    r"sitting\s+on\s+the\s+(?:toilet|loo)|on\s+the\s+(?:toilet|loo)\s+seat)"
)
_NUMB = (
    r"(?:numb\w*|tingl\w*|pins\s+and\s+needles|no\s+feeling|"
    r"(?:lost|losing|loss\s+of|less|reduced|no|little|hardly\s+any|altered|strange)\s+"
    r"(?:all\s+)?(?:feeling|sensation)|"
    r"(?:can't|couldn't|unable\s+to|barely|hardly)\s+(?:really\s+|properly\s+|"
    r"quite\s+|fully\s+|even\s+)?feel(?!\s+(?:like|well|right|good|great|bad|sure|any\s+better))|"
    r"feel\s+nothing|"
    r"(?:feeling|sensation)\s+(?:has\s+|have\s+|is\s+)?(?:gone|went)|"
    r"(?:feels?|felt|gone|went|is|are|goes)\s+(?:\w+\s+){0,2}?dead|"
    r"(?:like|as\s+if)\s+(?:i'm\s+|it's\s+|its\s+|i\s+am\s+|it\s+is\s+)?(?:\w+\s+){0,2}?"
    r"(?:a\s+)?(?:sock|glove|cushion|pillow|cotton\s+wool|wrapped\s+in|novocaine|anaesthetic|"
    r"anesthetic|injection\s+(?:is\s+)?wearing\s+off|not\s+(?:mine|my\s+own|there)))"
)
# Around the groin, "feels different" or "gone to sleep" is how people say the feeling has
# changed; said of a leg, "gone to sleep" is mostly sitting awkwardly.
_NUMB_SADDLE = (
    rf"(?:{_NUMB}|(?:feels?|felt|feeling|is|are)\s+(?:\w+\s+){{0,2}}?(?:weird|different|"
    r"strange|odd|funny|wrong)|(?:gone|went|going|gone\s+all)\s+(?:to\s+sleep|asleep)|asleep|"
    r"(?:weird|strange|odd|funny|different)\s+(?:feeling|sensation))"
)
_NEAR = r"[^.!?;\n]{0,40}?"
_LEG = r"(?:leg|foot|toe|toes|thigh|calf|shin|ankle|knee|heel|sole|hamstring)"
_LEGS = (
    r"(?:legs|feet|thighs|calves|knees|shins|ankles|"
    r"(?:both|either|two|the\s+two)\s+(?:of\s+)?(?:my\s+)?(?:legs|feet|sides|knees|thighs|"
    r"calves|shins|ankles)|either\s+(?:leg|foot)|both\s+(?=buckled|gave|went|felt|feel|are|were|giving|collapsed))"
)
_WEAK = (
    r"(?:weak\w*|wobbly|jelly|gave\s+way|giv(?:e|es|ing)\s+(?:way|out)|gave\s+out|buckl\w*|"
    r"collaps\w*|won't\s+hold\s+me|can't\s+(?:hold|support)\s+me|"
    r"(?:no|lost\s+(?:\w+\s+)?|losing\s+(?:\w+\s+)?|lack\s+of|without)\s+(?:power|strength)|"
    r"(?:power|strength)\s+(?:has\s+|is\s+)?(?:gone|went)|floppy|heavy\s+and\s+useless|useless|"
    r"won't\s+(?:push|lift|work|take\s+my\s+weight)|can't\s+(?:push\s+off|take\s+my\s+weight)|"
    r"(?:keeps?|kept)\s+(?:giving|folding|going)\s+(?:way|under|out)|fold\w*\s+under)"
)
_PEE = r"(?:pee|peeing|wee|weeing|urinat\w*|piss|pissing|go\s+to\s+the\s+(?:toilet|loo|bathroom))"
_UPPER = r"\b(?:arms?|hands?|fingers?|thumbs?|wrists?|elbows?|face|lips?|tongue|cheeks?|neck)\b"
# Passing water, and what goes wrong with it (said either way round: "weak stream",
# "peeing ... have to strain and it stops and starts").
_URINE = (
    r"(?:pee|peeing|peed|wee|weeing|urine|urinat\w*|stream|flow|bladder|water\s+works|waterworks)"
)
_URINE_TROUBLE = (
    r"(?:strain\w*|push\w*|stops?\s+(?:and\s+)?start\w*|stop[-\s]start\w*|weak|slow|poor|"
    r"trickl\w*|dribbl\w*|hesitan\w*|won't\s+(?:start|come|flow)|takes\s+(?:ages|forever)|"
    r"(?:can't|couldn't|don't|doesn't|never|not)\s+(?:\w+\s+){0,2}?empt\w*|leak\w*|"
    r"(?:doesn't|don't|does\s+not)\s+feel\s+(?:right|normal|empty|the\s+same)|feels?\s+(?:weird|"
    r"strange|different|funny|wrong)|is\s+(?:weird|strange|different|funny|wrong)|retention)"
)
# Bowels: constipation counts when the feeling has gone with it.
_CONSTIPATION = r"(?:constipat\w*|bunged\s+up|can't\s+(?:poo|go\s+for\s+a\s+poo))"
# Where a blow lands on a body, so "kicked in the back" is a blow and "kicked in the
# evening" is not.
_BLOW_SITE = (
    r"(?:back|spine|ribs?|side|kidneys?|head|chest|stomach|tummy|bum|tailbone|coccyx|neck|hips?|"
    r"pelvis|bottom|buttocks?|shoulders?)"
)
# Weight lost, in all the ways people say it, and the words that say it was not meant.
_WEIGHT_LOST = (
    r"(?:(?:lost|losing|lose|dropped|dropping|shed|shedding|down)\s+(?:about\s+|around\s+|"
    r"nearly\s+|almost\s+|over\s+|like\s+|a\s+lot\s+of\s+|loads\s+of\s+|some\s+|so\s+much\s+|"
    r"quite\s+a\s+bit\s+of\s+|a\s+bit\s+of\s+)?(?:weight|(?:a|half\s+a|one|two|three|four|"
    r"five|six|a\s+couple\s+of|a\s+few|\d+(?:[.,]\d+)?)\s*(?:kg|kgs|kilos?|lbs?|pounds?|stones?|"
    r"st)\b)|weight\s+(?:is\s+|keeps\s+|has\s+been\s+)?(?:dropping|falling|coming)\s+off|"
    r"(?:getting|got|gotten|become)\s+(?:really\s+|so\s+|very\s+)?(?:thin|skinny|bony)|"
    r"belt\s+(?:needs|need|needed|has)\s+(?:\w+\s+)?(?:new|more|extra|another)\s+holes?|"
    r"(?:clothes|trousers|jeans|pants|everything)\s+(?:are\s+|is\s+)?(?:\w+\s+)?(?:loose|baggy|"
    r"falling|hanging)\b)"
)
_UNMEANT = (
    r"(?:without\s+(?:\w+\s+)?(?:trying|dieting|meaning\s+to|a\s+reason|reason|doing\s+anything)|"
    r"not\s+(?:even\s+)?(?:trying|dieting)|no\s+(?:apparent\s+|obvious\s+)?reason|no\s+idea\s+why|"
    r"(?:don't|dunno|do\s+not)\s+know\s+(?:why|how)|not\s+sure\s+(?:why|how)|no\s+clue\s+why|"
    r"(?:can't|cannot)\s+explain|unexplained|somehow|by\s+itself|on\s+its\s+own|"
    r"eating\s+(?:normally|as\s+usual|the\s+same|properly|loads|well|fine)|same\s+diet|"
    r"not\s+hungry|no\s+appetite|lost\s+my\s+appetite|off\s+my\s+food|not\s+eating|"
    r"(?:can't|don't)\s+(?:\w+\s+)?eat|mysteriously|randomly|weird(?:ly)?|strange(?:ly)?)"
)
# Night: when, and that nothing eases it (or that changing position does).
_NIGHT = (
    r"(?:at\s+night|in\s+the\s+night|during\s+the\s+night|every\s+night|all\s+night|overnight|"
    r"night(?:[\s-]?time)?|nights|in\s+bed|lying\s+(?:in\s+bed|down|flat|still)|"
    r"(?:[1-5]|one|two|three|four|five)\s*(?:am|a\.m\.|in\s+the\s+morning)|middle\s+of\s+the\s+night)"
)
_NOT_EASED = (
    r"(?:(?:doesn't|does\s+not|don't|won't|didn't|never|nothing|no\s+(?:position|amount\s+of))\s+"
    r"(?:\w+\s+){0,2}?(?:help\w*|ease\w*|eases|relieve\w*|settle\w*|shift\w*|make\s+(?:it\s+)?"
    r"(?:any\s+)?(?:better|difference)|work\w*|touch\w*)|"
    r"(?:can't|couldn't)\s+get\s+(?:comfy|comfortable)|no\s+(?:position|way)\s+(?:is\s+)?"
    r"(?:comfortable|comfy|helps?)|(?:makes?|made)\s+(?:it\s+)?worse|whatever\s+i\s+do|"
    r"no\s+matter\s+(?:what|how))"
)
# "it settles when I turn onto my side": night pain that position eases is ordinary.
_EASED_BY_POSITION = re.compile(
    r"\b(?:settles?|settled|eases?|eased|goes(?:\s+(?:away|off))?|went(?:\s+away)?|better|fine|"
    r"improves?|calms?(?:\s+down)?|stops?)\s+(?:\w+\s+){0,2}?(?:when|if|once|after|as\s+soon\s+as)"
    r"\s+i\s+(?:turn|move|roll|shift|change|get\s+up|lie|stretch|sit\s+up|swap)"
)


@dataclass(frozen=True)
class _Guarded:
    """A pattern that can only match where each of its word classes occurs on its own.

    Scanning a segment once for a class (cached per segment, shared by every rule using it)
    is cheaper than running an "A near B" pattern over it, so the pattern runs only where
    both classes are present; the result is the same, the time far less.
    """

    pattern: str
    guards: tuple[str, ...]


def _guarded(pattern: str, *classes: str) -> _Guarded:
    return _Guarded(pattern, classes)


_PATTERNS: dict[str, list[str | _Guarded]] = {
    "saddle_numbness": [
        _guarded(rf"(?P<sym>{_NUMB_SADDLE}){_NEAR}\b{_SADDLE}\b", _NUMB_SADDLE, _SADDLE),
        _guarded(rf"\b{_SADDLE}\b{_NEAR}(?P<sym>{_NUMB_SADDLE})", _SADDLE, _NUMB_SADDLE),
        r"\bsaddle\s+(?:numbness|anaesthesia|anesthesia)\b",
        _guarded(
            rf"(?P<sym>{_NUMB}|weird|different|strange|odd)\W+(?:\w+\W+){{0,4}}?"
            r"(?:when|while|after)\s+(?:i\s+)?wip(?:e|ing)",
            "wip",
        ),
        _guarded(
            r"\bwip(?:e|ing)\b[^.!?;\n]{0,30}?(?P<sym>can't\s+feel|numb\w*|feel\s+nothing|"
            r"(?:feels?|felt)\s+(?:\w+\s+)?(?:weird|different|strange|odd))",
            "wip",
        ),
        _guarded(
            r"(?P<sym>can't\s+feel|numb\w*)\s+(?:\w+\s+){0,3}?(?:the\s+)?(?:toilet\s+paper|"
            r"loo\s+roll)",
            "paper|roll",
        ),
        _guarded(rf"\bwip(?:e|ing)\b[^.!?;\n]{{0,30}}?(?P<sym>{_NUMB_SADDLE})", "wip"),
        # sitting feels like sitting on a cushion: the saddle area has lost its feeling
        r"\b(?:like|as\s+if)\s+(?:i'm\s+|i\s+am\s+)?sitting\s+on\s+(?:a\s+)?(?:cushion|pillow|"
        r"something|nothing|cotton\s+wool)\b",
    ],
    "bladder_bowel": [
        r"\bincontinen\w*",
        r"\b(?:wet|peed|pissed|soiled|pooed|pooped|messed|weed)\s+(?:myself|my\s+(?:pants|"
        r"trousers|bed|knickers|underwear|self))\b",
        r"\b(?:trouble|difficulty|difficult|hard|struggl\w*|strain\w*|push\w*|problems?|"
        r"ages)\s+(?:\w+\s+){0,2}?(?:to\s+)?(?:start\w*\s+(?:to\s+)?)?" + _PEE + r"\b",
        r"\b(?:can't|unable\s+to|won't|couldn't)\s+(?:start\s+(?:to\s+)?|really\s+)?(?:"
        + _PEE
        + r"|empty\s+my\s+bladder|go\s+properly)\b",
        r"\b(?:pee|wee|urine|stream|flow)\b[^.!?;\n]{0,30}?\b(?:weak|slow|trickle|dribbl\w*|"
        r"won't\s+start|takes\s+ages|stop\s+start|hesitant)\b",
        r"\b(?:weak|slow|poor|thin)\s+(?:pee\s+|wee\s+|urine\s+)?(?:stream|flow)\b",
        r"\bdribbl\w*\b[^.!?;\n]{0,25}?\b(?:pee|wee|urine|toilet|loo)\b"
        r"|\b(?:pee|wee|urine)\b[^.!?;\n]{0,25}?\bdribbl\w*",
        r"\b(?:lost|losing|lose|loss\s+of|no)\s+(?:\w+\s+)?control\s+(?:of|over)\s+(?:my\s+)?"
        r"(?:the\s+)?(?:bladder|bowels?|pee|wee)\b",
        r"\b(?:can't|unable\s+to|couldn't|no)\s+control\w*\s+(?:of\s+|over\s+)?(?:my\s+)?"
        r"(?:bladder|bowels?|pee|wee|poo)\b",
        r"\b(?:bladder|bowels?)\s+control\s+(?:is\s+)?(?:gone|bad|poor)",
        r"\b(?:bladder|bowels?)\s+(?:problems?|trouble|issues?|accidents?|leak\w*|"
        r"not\s+working)\b",
        r"\bbladder\s+(?:feels\s+)?full\s+but\b|\burinary\s+retention\b",
        r"\bno\s+(?:bladder|bowel)\s+control\b",
        r"\b(?:can't|don't|no\s+longer|couldn't)\s+(?:tell|feel|know|notice|sense)\s+"
        r"(?:when|if)\s+(?:i\s+)?(?:need|have|want)\s+(?:to\s+)?(?:a\s+)?(?:pee|wee|go|poo)",
        r"\b(?:can't|couldn't)\s+feel\s+(?:when|if)\s+(?:i'm|i\s+am)\s+(?:peeing|weeing|going|"
        r"pooing)",
        r"\b(?:don't|no\s+longer|lost\s+the|no|never)\s+(?:get|feel|have)?\s*(?:the\s+)?urge\b",
        r"\bhaven't\s+(?:peed|weed|been\s+able\s+to\s+(?:pee|wee)|had\s+a\s+(?:pee|wee)|"
        r"urinated|passed\s+(?:urine|water))",
        r"\bleak\w*\s+(?:a\s+(?:bit|little)\s+(?:of\s+)?)?(?:urine|pee|wee|poo)\b",
        r"\b(?:pee|wee|urine)\s+(?:is\s+)?leak\w*",
        r"\b(?:numb|can't\s+feel)\w*\s+when\s+i\s+(?:pee|wee|poo|go\s+to\s+the\s+toilet)",
        r"\b(?:pee|wee)\s+(?:won't|doesn't|will\s+not)\s+(?:start|come)",
        r"\bleak\w*\b[^.!?;\n]{0,20}?\bwhen\s+i\s+(?:cough|sneeze|laugh|stand|walk|move|bend)",
        r"\b(?:don't|doesn't|never|not|can't)\s+(?:\w+\s+){0,3}?(?:bladder|bowels?)\s+(?:\w+\s+)?"
        r"empt\w*|\b(?:bladder|bowels?)\s+(?:never|isn't|doesn't|won't|not)\s+(?:\w+\s+)?empt\w*",
        r"\b(?:nothing|barely\s+anything|hardly\s+anything|not\s+much)\s+(?:\w+\s+)?"
        r"(?:comes|coming|came)\b",
        r"\b(?:get|getting|got)\s+(?:the\s+|my\s+)?(?:pee|wee|stream|flow|it)\s+"
        r"(?:going|started|to\s+start|flowing)\b",
        r"\btakes?\s+(?:me\s+)?(?:ages|forever|minutes|a\s+while|\d+\s*min\w*)\s+to\s+"
        r"(?:start\s+)?(?:pee|wee|go|start)\b",
        r"\b(?:little\s+)?accident\s+in\s+my\s+(?:pants|trousers|knickers|underwear|bed|sleep)\b",
        _guarded(rf"\b{_URINE}\b{_NEAR}(?P<sym>\b{_URINE_TROUBLE})", _URINE, _URINE_TROUBLE),
        _guarded(rf"(?P<sym>\b{_URINE_TROUBLE}){_NEAR}\b{_URINE}\b", _URINE_TROUBLE, _URINE),
        r"\b(?:poo|pee|wee|toilet|bladder|bowel|loo|little|small|embarrassing)\s+accidents?\b",
        # "had an accident, wee everywhere": an accident with no vehicle, and a wet word
        _guarded(
            r"(?<!car\s)(?<!bike\s)(?<!road\s)(?<!work\s)(?<!ski\s)\baccident\b"
            r"(?!\s+(?:at|on|in|with|involving)\b)[^.!?;\n]{0,25}?\b(?:pee|wee|poo|wet|soaked|everywhere)\b",
            "accident",
        ),
        r"\b(?:wet|peed|pissed|weed|wet\s+in)\s+(?:the|my)\s+bed\b|\bbed\s*wetting\b",
        r"\b(?:dribbl\w*|leak\w*|drip\w*)\s+(?:\w+\s+){0,2}?(?:after|when|before)\s+i\s+"
        r"(?:go|pee|wee|finish|get\s+to\s+the\s+(?:toilet|loo))\b",
        r"\b(?:didn't|did\s+not|couldn't|can't|don't|never)\s+(?:even\s+)?(?:feel|notice|realise|"
        r"realize|know|sense)\s+(?:myself\s+|that\s+)?(?:i\s+was\s+|i'd\s+|i\s+had\s+)?"
        r"(?:go|going|gone|peeing|weeing|pooing|leak\w*|peed|weed|pooed|wet\s+myself)\b",
        r"\b(?:knickers|underwear|undies|boxers|briefs|pants)\s+(?:are|were|is|was|keep|kept|"
        r"feel|felt|got|get|getting|been)\s+(?:\w+\s+){0,2}?(?:damp|wet|soaked|soiled|stained)\b",
        r"\b(?:damp|wet|soiled)\s+(?:knickers|underwear|undies|boxers|briefs)\b",
        _guarded(
            rf"\b{_CONSTIPATION}{_NEAR}(?P<sym>{_NUMB}|(?:can't|don't|couldn't)\s+(?:\w+\s+)?"
            r"(?:feel|tell|notice))",
            _CONSTIPATION,
        ),
        _guarded(rf"(?P<sym>{_NUMB}){_NEAR}\b{_CONSTIPATION}", _NUMB, _CONSTIPATION),
        r"\b(?:can't|couldn't|can\s+no\s+longer)\s+(?:tell|feel|sense|know)\s+(?:\w+\s+){0,2}?"
        r"(?:when|if)\s+(?:i\s+)?(?:need|have|want|'m|am)\s+(?:to\s+)?(?:go|pee|wee|poo|going)",
        r"\b(?:pee|wee|poo|urine)\s+(?:comes\s+out\s+)?(?:without|before)\s+(?:me\s+)?"
        r"(?:realising|realizing|noticing|knowing|feeling)",
        r"\b(?:pooed|pooped|peed|weed|pissed|shat|leaked)\s+(?:\w+\s+){0,2}?(?:without\s+"
        r"(?:meaning|wanting|realising|realizing|noticing|knowing)|by\s+accident)\b",
    ],
    "both_legs": [
        _guarded(rf"(?P<sym>{_NUMB}|{_WEAK}){_NEAR}\b{_LEGS}\b", _LEGS),
        _guarded(rf"\b{_LEGS}\b{_NEAR}(?P<sym>{_NUMB}|{_WEAK})", _LEGS),
        r"\bsciatica\s+(?:\w+\s+){0,3}?(?:down|in|into)\s+(?:both|either|two)\b"
        r"|\b(?:both|either)\s+(?:my\s+)?legs\b[^.!?;\n]{0,20}sciatica",
        r"\b(?:pain|sciatica|shooting|burning|nerve\s+pain|it|going|goes|spread\w*|radiat\w*|"
        r"shoot\w*|travel\w*)\s+(?:\w+\s+){0,4}?(?:down|into)\s+"
        r"(?:both|either|two)\s+(?:of\s+)?(?:my\s+)?legs\b",
        r"\bcan\s+barely\s+(?:stand|walk)\b",
    ],
    "sexual_dysfunction": [
        r"\b(?:can't|couldn't|unable\s+to|trouble|problems?|difficulty|struggl\w*)\s+"
        r"(?:\w+\s+){0,2}?(?:an?\s+)?(?:erection|it\s+up|hard-on|orgasm|climax|ejaculat\w*)",
        r"\berectile\b|\bimpoten\w*",
        r"\b(?:sex|intercourse|orgasm)\s+(?:\w+\s+)?(?:feels?|felt)\s+(?:\w+\s+)?(?:numb|"
        r"different|weird|nothing)",
        r"\b(?:can't|couldn't)\s+(?:orgasm|climax|come)\b",
        r"\b(?:can't|couldn't)\s+feel\s+(?:anything|much)\s+(?:during|in)\s+(?:sex|bed)\b",
        r"\b(?:sex|intercourse)\b[^.!?;\n]{0,50}?(?P<sym>(?:can't|couldn't)\s+(?:really\s+)?"
        r"feel|numb\w*|no\s+(?:feeling|sensation)|felt\s+nothing)",
        r"\b(?:(?:no|less|lost|reduced|loss\s+of|hardly\s+any|barely\s+any)\s+(?:sensation|feeling)|"
        r"(?:can't|couldn't)\s+feel\s+(?:anything|much|a\s+thing)|numb\w*)\s+(?:\w+\s+){0,4}?"
        r"(?:sex|intercourse|orgasm|climax\w*|finish\w*|com(?:e|ing)|came|cum\w*|ejaculat\w*|"
        r"masturbat\w*|wank\w*|in\s+bed|in\s+the\s+bedroom|intima\w*|making\s+love)\b",
        r"\b(?:erection|erections|hard-ons?|boners?|libido|arousal)\s+(?:\w+\s+)?(?:problems?|"
        r"trouble|issues?|difficult\w*|gone|not\s+working)",
        r"\b(?:trouble|problems?|issues?|difficult\w*|struggl\w*|nothing\s+(?:is\s+)?working|"
        r"not\s+working)\s+(?:\w+\s+){0,2}?(?:in|with)\s+(?:the\s+)?(?:bedroom|bed\b|sex\b)",
        r"\bbedroom\s+(?:department\s+)?(?:problems?|trouble|issues?)",
        r"\b(?:things|it|everything|nothing)\s+(?:down\s+there|down\s+below|in\s+the\s+bedroom|"
        r"in\s+bed)\s+(?:\w+\s+)?(?:don't|doesn't|won't|isn't|aren't|works?)\b",
        r"\b(?:things|it|everything)\s+(?:just\s+)?(?:don't|doesn't|won't|isn't|aren't)\s+"
        r"(?:work\w*|respond\w*)\s+(?:down\s+there|down\s+below|in\s+bed|in\s+the\s+bedroom|"
        r"like\s+(?:they|it)\s+used\s+to)",
        r"\b(?:can't|couldn't|unable\s+to)\s+(?:get|stay|keep\s+it)\s+(?:hard|up)\b",
    ],
    "tearing_pain": [
        r"\b(?:tearing|ripping)\s+(?:\w+\s+)?(?:pain|feeling|sensation|ache)",
        r"\b(?:something|it)\s+(?:is\s+|was\s+)?(?:tearing|ripping)\b",
        r"\blike\s+(?:being\s+|i'm\s+being\s+|i\s+was\s+being\s+)?(?:ripped|torn|tearing|"
        r"ripping)\b|\b(?:ripped|torn)\s+(?:in\s+half|in\s+two|apart)\b",
        r"\b(?:pain|feels?|feeling)\s+(?:like\s+)?(?:something\s+)?(?:is\s+)?(?:tearing|"
        r"ripping)\b",
        # "something tore inside", "like something ripped in my back", not "torn a muscle"
        r"\bsomething\s+(?:\w+\s+)?(?:tore|torn|ripped|ripping|tearing|split|burst)\b",
        r"\b(?:pain|it)\s+(?:\w+\s+){0,2}?(?:shot|went|shooting|ripped|tore)\s+(?:straight\s+|"
        r"right\s+)?through\s+(?:to\s+)?(?:my\s+|the\s+)?(?:back|front|chest)\b",
    ],
    "chest_pain": [
        r"\bchest\s+(?:pain\w*|hurts?|hurting|tight\w*|pressure|ache\w*|aching|is\s+(?:tight|"
        r"sore|hurting|painful|heavy)|feels\s+(?:tight|heavy|crushed))",
        r"\b(?:pain|pressure|tightness|tight|ache|crushing|squeezing|heaviness|heavy|feeling|"
        r"burning)\s+(?:\w+\s+){0,3}?"
        r"(?:in|across|on)\s+(?:my\s+|the\s+)?chest\b",
        r"\b(?:tight|crushing|heavy|painful|sore)\s+chest\b",
        r"\b(?:elephant|weight|something\s+heavy|ton\s+of\s+bricks|band|vice|vise|someone|"
        r"a\s+fist)\s+(?:\w+\s+){0,2}?(?:on|around|round|across|squeezing|crushing|pressing\s+on)\s+"
        r"(?:my\s+|the\s+)?chest\b",
        r"\bchest\b[^.!?;\n]{0,25}?\b(?:crush\w*|squeez\w*|pressure|tightness|heaviness|"
        r"clamp\w*)",
    ],
    "leg_weakness": [
        _guarded(rf"(?P<sym>{_WEAK}){_NEAR}\b{_LEG}\b", _WEAK, _LEG),
        _guarded(
            rf"\b{_LEG}\b{_NEAR}(?P<sym>{_WEAK}|drag\w*|slap\w*|won't\s+lift|can't\s+lift)", _LEG
        ),
        r"\b(?:can't|won't|unable\s+to)\s+(?:lift|raise|pick\s+up)\s+(?:my\s+)?(?:\w+\s+)?"
        r"(?:foot|toes|leg)\b",
        r"\b(?:foot|drop)\s+(?:drop|foot)\b",
        r"\bdragg?\w*\s+my\s+(?:\w+\s+)?(?:foot|leg)\b",
        r"\bfoot\b[^.!?;\n]{0,30}?\bslap\w*|\bslap\w*\b[^.!?;\n]{0,20}?\bfoot\b",
        r"\btripping\s+over\s+my\s+(?:own\s+)?(?:foot|feet|toes)\b",
        r"\b(?:can't|couldn't|unable\s+to|struggl\w*\s+to|trouble)\s+(?:stand\w*|walk\w*|go|get\s+up|"
        r"push\s+up|rise)\s+on\s+(?:to\s+)?(?:my\s+)?(?:tip\s*-?\s*toes?|toes|heels?|tippy\s*toes)",
        r"\b(?:foot|leg|toes)\s+(?:\w+\s+){0,2}?(?:catch\w*|scuff\w*|flops?|flopp\w*)\b",
    ],
    "fever": [
        r"\bfever\w*",
        r"\bfebrile\b",
        r"(?<![\d.,])(?:3[89]|4[01])[.,][0-9]\s*(?:°\s*c?|c\b|degrees\s+c\w*)?(?!\s*(?:kg|km|"
        r"kilos?|hours?|hrs?|%|mins?|minutes|miles|degrees\s+out\w*|outside))",
        r"\b(?:temp|temperature)\b[^.!?;0-9]{0,20}(?:3[89]|4[0-2]|10[0-5])(?:[.,][0-9])?"
        r"(?![0-9])",
        r"\b(?:high|running\s+a|got\s+a|have\s+a|had\s+a)\s+(?:temp|temperature)\b",
        r"\b(?:chills|rigors|night\s+sweats|shiver\w*|hot\s+and\s+cold)\b",
        r"\bfeel(?:s|ing)?\s+(?:really\s+|very\s+|so\s+|quite\s+|properly\s+|proper\s+|"
        r"generally\s+|rather\s+|pretty\s+|awfully\s+|just\s+)?(?:unwell|poorly|ill|fluey|feverish)\b"
        r"(?!\s+\w+ed\b)",  # not "poorly motivated"
        r"\b(?:like|with)\s+(?:i've\s+got\s+|i\s+have\s+)?(?:a\s+|the\s+)?flu\b|\bflu[-\s]?like\b"
        r"|\bfluey\b",
        r"\b(?:burning|boiling)\s+up\b|\b(?:hot|sweaty)\s+and\s+shaky\b",
    ],
    "trauma": [
        r"\b(?:fell|fallen)\b",
        r"\b(?:a|the|bad|nasty|my|big)\s+fall\b",
        r"(?<!clothes\s)(?<!clothes\sare\s)\bfall(?:ing)?\s+(?:off|down|from|over|on)\b",
        r"\bslipped\s+(?:on|and|down|over|off)\b",
        r"\b(?:took|had)\s+a\s+(?:tumble|spill|fall)\b|\btumbled\b|\bwent\s+flying\b"
        r"|\bcame\s+a\s+cropper\b|\bwiped\s+out\s+on\b",
        r"\btripped\s+(?:over|on|and|down)\b",
        r"\b(?:car|bike|bicycle|motorbike|motorcycle|road|traffic|ski|skiing|work|sports?)\s+"
        r"(?:accident|crash|collision)\b",
        r"\b(?:in|since|after)\s+(?:an|the)\s+accident\b|\baccident\s+at\s+work\b",
        r"\b(?:crash|collision|whiplash|rear[-\s]ended)\b",
        r"\bcrashed\s+(?:my|the|into)\b",
        r"\b(?:came|come|coming|thrown|flew)\s+off\s+(?:my|the|a|his|her)\s+(?:\w+\s+)?"
        r"(?:bike|motorbike|motorcycle|horse|scooter|skateboard|ladder|roof|wall|board|quad)\b",
        r"\b(?:hit\s+by|knocked\s+(?:off|over|down)|thrown\s+(?:off|from)|"
        r"landed\s+(?:hard\s+)?on\s+my\s+(?:back|bottom|bum|tailbone|coccyx|side))\b",
        # a blow: "got kneed in the back", "tackled at rugby", "was hit by a car"
        rf"\b(?:kneed|kicked|punched|elbowed|struck|stamped\s+on|jumped\s+on|headbutted|hit|"
        rf"whacked|smacked|bashed|booted)\s+(?:hard\s+|right\s+)?(?:in|on|across|into)\s+"
        rf"(?:the|my)\s+(?:\w+\s+)?{_BLOW_SITE}\b",
        r"\b(?:tackled|sacked|body\s+checked|checked)\s+(?:hard\s+|badly\s+)?(?:at|in|during|"
        r"playing)\s+(?:\w+\s+)?(?:rugby|football|match|game|training|hockey)\b|\bhit\s+by\s+(?:a|an|the)\b",
        r"\b(?:got|get|was|were|been|being|getting)\s+(?:\w+\s+)?(?:kneed|kicked|punched|"
        r"elbowed|tackled|struck|assaulted|beaten\s+up|run\s+over)\b(?!\s+(?:out|off)\b)",
        r"\b(?:got|get|was|were|been|being|getting)\s+(?:\w+\s+)?hit\s+(?:hard\s+)?(?:by|in\s+the|"
        r"on\s+the|from\s+behind|across)\b",
    ],
    "cancer_history": [
        r"\b(?:cancer|lymphoma|leuka?emia|myeloma|melanoma|sarcoma|carcinoma|tumou?r)\b",
        r"\b(?:chemo|chemotherapy|radiotherapy|radiation\s+therapy|oncolog\w*|immunotherapy|"
        r"mastectomy|lumpectomy|metasta\w*|secondaries|malignan\w*|hodgkin\w*)\b",
        r"\b(?:in|into)\s+remission\b|\ball\s+clear\s+(?:from|after)\b|\bthe\s+big\s+c\b",
        # "bowel ca 2019", "ca breast": the clinical abbreviation, only next to a site or year
        r"\b(?:bowel|breast|prostate|lung|skin|colon|colorectal|bladder|kidney|renal|ovarian|"
        r"cervical|thyroid|pancreatic|stomach|liver|bone|blood|womb|uterine|testicular|rectal)\s+"
        r"(?:ca|cancer|tumou?r|mets)\b|\bca\s+(?:of\s+the\s+)?(?:bowel|breast|prostate|lung|colon)\b"
        r"|\bca\s+(?:in\s+)?(?:19|20)\d\d\b",
    ],
    "leg_numbness": [
        _guarded(rf"(?P<sym>{_NUMB}){_NEAR}\b{_LEG}\b", _NUMB, _LEG),
        _guarded(rf"\b{_LEG}\b{_NEAR}(?P<sym>{_NUMB})", _LEG, _NUMB),
        r"\bdead\s+leg\b",
        # Numbness with no body part named: most often a leg; ask a doctor about it.
        _guarded(
            rf"^(?!.*(?:{_UPPER}|\b{_SADDLE}\b|\b{_LEGS}\b)).*?(?P<sym>\b(?:numb|numbness|"
            r"tingl\w*|pins\s+and\s+needles)\b)",
            "numb|tingl|pins",
        ),
    ],
    "weight_loss": [
        r"\b(?:unexplained|unintentional|unintended|unplanned|sudden)\s+weight\s+loss\b",
        _guarded(rf"\b{_WEIGHT_LOST}[^.!?;\n]{{0,50}}?\b{_UNMEANT}", _WEIGHT_LOST, _UNMEANT),
        _guarded(rf"\b{_UNMEANT}[^.!?;\n]{{0,40}}?\b{_WEIGHT_LOST}", _UNMEANT, _WEIGHT_LOST),
        r"\b(?:lost|losing|lose|dropped|dropping)\s+(?:about\s+|around\s+|a\s+lot\s+of\s+|"
        r"some\s+|so\s+much\s+)?(?:weight|[0-9]+(?:[.,][0-9]+)?\s*(?:kg|kgs|kilos?|lbs?|"
        r"pounds?|stone))\b[^.!?;\n]{0,40}?\b(?:without\s+(?:trying|dieting|a\s+reason|"
        r"reason)|not\s+(?:trying|dieting)|no\s+(?:apparent\s+)?reason|no\s+idea\s+why|"
        r"don't\s+know\s+why|unexplained|by\s+itself|eating\s+(?:normally|as\s+usual|the\s+same|"
        r"properly|loads|well)|same\s+diet)",
        r"\bclothes\s+(?:are\s+)?(?:falling|hanging)\s+off\b",
    ],
    "night_pain": [
        r"\b(?:wakes?|waking|woke|woken|keeps?|kept|keeping)\s+me\s+(?:up|awake)\b",
        r"\b(?:pain|it|back|hurts?|aches?|aching)\s+(?:\w+\s+)?(?:wakes?|woke|waking)\s+me\b",
        r"\b(?:woken|woke)\s+(?:up\s+)?(?:by|from|with|because\s+of)\s+(?:the\s+)?(?:pain|my\s+back)",
        r"\bnight(?:[\s-]?time)?\s+pain\b",
        _guarded(rf"\b{_NIGHT}\b[^.!?;\n]{{0,50}}?\b{_NOT_EASED}", _NIGHT, _NOT_EASED),
        _guarded(rf"\b{_NOT_EASED}[^.!?;\n]{{0,50}}?\b{_NIGHT}\b", _NOT_EASED, _NIGHT),
        rf"\b(?:worst|terrible|agony|unbearable|excruciating)\s+(?:\w+\s+)?{_NIGHT}\b",
        r"\bwak(?:e|es|ing)\s+up\b[^.!?;\n]{0,20}?(?:at\s+night|in\s+the\s+night|"
        r"(?:because\s+of|from|with|due\s+to)\s+(?:the\s+)?(?:pain|my\s+back))",
        r"\b(?:pain|hurts?|hurting|aches?|aching|worse|throbbing)\s+(?:\w+\s+){0,2}?"
        r"(?:at\s+night|in\s+the\s+night|during\s+the\s+night|every\s+night|all\s+night|"
        r"overnight)\b",
        r"\bcan't\s+sleep\b[^.!?;\n]{0,30}?\b(?:pain|position|comfortable|back)\b",
        r"\bno\s+position\s+(?:is\s+)?(?:comfortable|helps?)\b",
        r"\b(?:pain|hurts?|hurting|aches?|aching|throbbing|it)\b[^.!?;\n]{0,25}?\b(?:through(?:out)?"
        r"\s+the\s+night|all\s+night\s+long)\b",
        r"\bcan't\s+get\s+(?:comfy|comfortable)\b[^.!?;\n]{0,30}?\b(?:whatever|no\s+matter|"
        r"any\s+position|at\s+night|in\s+bed)",
        r"\blying\s+(?:still|down)\s+(?:doesn't|does\s+not|won't)\s+help\b",
    ],
}
_NAMED_LEG_PATTERNS = 3  # leg_numbness patterns that name a leg (the last one names none)
_COMPILED = {
    code: [re.compile(p.pattern if isinstance(p, _Guarded) else p) for p in pats]
    for code, pats in _PATTERNS.items()
}
_GUARDS = {
    code: [tuple(re.compile(g) for g in p.guards) if isinstance(p, _Guarded) else () for p in pats]
    for code, pats in _PATTERNS.items()
}

# A fracture needs a risk (osteoporosis, long-term steroids) and a small strain or jolt.
_FRACTURE_RISK = re.compile(
    r"\b(?:osteopor\w*|osteopenia|(?:brittle|weak|thin|thinning|fragile|soft)\s+bones|"
    r"low\s+bone\s+density|bone\s+density\s+(?:is\s+)?low)\b"
    r"|\b(?:long[-\s]term|years\s+of|daily)\s+(?:\w+\s+){0,2}?(?:steroids?|prednisolone|"
    r"prednisone|cortisone|dexamethasone)\b"
    r"|\bon\s+(?:steroids?|prednisolone|prednisone|cortisone|dexamethasone)\b"
    r"|\b(?:steroids?|prednisolone|prednisone)\s+(?:\w+\s+){0,3}?(?:long[-\s]term|for\s+years|"
    r"every\s+day|daily|tablets)\b"
)
_FRACTURE_JOLT = re.compile(
    r"\b(?:crack\w*|snap\w*|pop|popped|popping|crunch\w*|sneez\w*|cough\w*|bent|bending|bend|"
    r"lift\w*|fell|fall|slipped|tripped|twist\w*|reach\w*|sudden\w*|jolt\w*|bump\w*)\b"
)
# Someone asking about a sign, or a list of signs to watch for, is not the user having it.
_HEARSAY = re.compile(
    r"\b(?:asked|asking)\s+(?:me\s+)?(?:about|if|whether)\b|\bquestions?\s+about\b"
    r"|\btold\s+me\s+to\s+(?:watch|look)\b|\bwatch\s+(?:out\s+)?for\b|\blook\s+out\s+for\b"
    r"|\bchecked\s+(?:me\s+)?for\b|\bscreen\w*\s+for\b|\bin\s+case\s+of\b"
    # reading or hearing about a sign: "I read on reddit that a numb bum is an emergency"
    r"|\b(?:read|heard|googled|saw|seen|watched|learnt|learned)\s+(?:\w+\s+){0,4}?(?:that|about)\b"
    r"|\b(?:signs?|symptoms?)\s+(?:of|like|such\s+as|include|are)\b|\bwhat\s+if\b"
    r"|\b(?:is|are)\s+(?:\w+\s+)?(?:a\s+)?(?:red\s+flags?|warning\s+signs?)\b"
)
# "..., I don't have that": a denial right after, of what was just said.
_DENIAL = re.compile(
    r"^\s*(?:(?:and|but|thankfully|luckily|fortunately|which|i'm\s+glad|glad)\s+)*(?:i\s+)?"
    r"(?:don't|do\s+not|haven't|have\s+not|never)\s+(?:have|had|got|get)\s+(?:that|those|it|"
    r"them|these|any\s+of\s+(?:that|those|them|these|it))\b"
    r"(?!\s+(?:before|till|until|in\s+my\s+life|like\s+this|either))"
)
# Someone asking for another person about that person's back: their signs count.
_ON_BEHALF = re.compile(
    r"\b(?:his|her|their)\s+back\b|\basking\s+(?:for|on\s+behalf\s+of)\b|\bon\s+(?:his|her|their)"
    r"\s+behalf\b|\b(?:he|she|they)\s+(?:won't|will\s+not|doesn't|don't|refuses\s+to)\s+(?:\w+\s+)?"
    r"(?:ask|see\s+a\s+doctor|go\s+to\s+the\s+doctor)"
)
# Another person's sign, said with them as the subject ("my grandad had leg weakness").
_OTHER_SUBJECT = re.compile(
    r"\b(?:mum|mom|mother|dad|father|sister|brother|aunt|auntie|uncle|gran|granny|grandma|"
    r"grandad|grandpa|grandmother|grandfather|wife|husband|partner|friend|cousin|son|"
    r"daughter|colleague|neighbour|neighbor|boss|he|she|they)\s+(?:\w+\s+)?(?:had|has|have|got|"
    r"gets|was|is|suffered|suffers|used|can't|couldn't|can|keeps?|kept|feels?|felt|says?|said|"
    r"went|goes|lost|wet)\b"
)
# A body part that is someone else's: "can't feel his feet".
_THEIR_BODY = re.compile(
    r"\b(?:his|her|their)\s+(?:\w+\s+)?(?:legs?|feet|foot|groin|bum|bottom|"
    r"bladder|bowels?|privates|chest|back|thighs?|toes)\b"
)
# Someone else's cancer is not the user's history.
_SOMEONE_ELSE = re.compile(
    r"\b(?:mum|mom|mother|dad|father|sister|brother|aunt|auntie|uncle|gran|granny|grandma|"
    r"grandad|grandpa|grandmother|grandfather|wife|husband|partner|friend|cousin|son|"
    r"daughter|colleague|neighbour|neighbor|boss|dog|cat|family)(?:'s)?\b"
)


def detect_warning_signs(text: str) -> list[str]:
    """The codes of the warning signs a message mentions, each once, in ``SIGN_CODES`` order."""
    normalised = _normalise(text or "")
    found: set[str] = set()
    segments = [s for s in _SEGMENT_BREAK.split(_IDIOMS.sub(" ", normalised)) if s.strip()]
    others = bool(_ON_BEHALF.search(normalised))  # another person's signs count too
    for index, segment in enumerate(segments):
        following = segments[index + 1] if index + 1 < len(segments) else ""
        # "my leg was tingly this morning but it's gone now": the next segment resolves it
        if _PURE_RESOLUTION.match(following):
            found |= _signs_in_segment(segment, others) & _NOT_RESOLVABLE
        elif _DENIAL.match(following):
            continue  # "a numb bum is an emergency. I don't have that"
        else:
            signs = _signs_in_segment(segment, others)
            # "worse at night but it settles when I turn over": eased by a change of position
            if "night_pain" in signs and _EASED_BY_POSITION.search(segment + " " + following):
                if not re.search(_NOT_EASED, segment):
                    signs.discard("night_pain")
            found |= signs
    found |= _fracture_risk(normalised)
    return [code for code in SIGN_CODES if code in found]


def _signs_in_segment(segment: str, others: bool = False) -> set[str]:
    clauses = _clause_spans(segment)
    found: set[str] = set()
    present: dict[re.Pattern[str], bool] = {}  # which word classes the segment has

    def has(guard: re.Pattern[str]) -> bool:
        if guard not in present:
            present[guard] = guard.search(segment) is not None
        return present[guard]

    for code, patterns in _COMPILED.items():
        for pattern, guards in zip(patterns, _GUARDS[code], strict=True):
            if not all(has(guard) for guard in guards):
                continue
            for match in pattern.finditer(segment):
                hit = _Hit(code, _symptom_start(match), match.end(), match.group())
                if _counts(hit, segment, clauses, others):
                    found.add(code)
                    break
            if code in found:
                break
    return _tidy(found, segment)


def _counts(hit: _Hit, segment: str, clauses: list[tuple[int, int]], others: bool) -> bool:
    """Not negated in its own clause, not past or resolved, not someone else's.

    ``others``: the message asks for another person about their back, so their signs count.
    """
    index = next(
        i for i, (s, e) in enumerate(clauses) if s <= hit.start < e or i == len(clauses) - 1
    )
    start, end = clauses[index]
    clause = segment[start:end]
    if _negated(segment[start : hit.start]):
        return False
    if hit.code not in _NOT_RESOLVABLE:
        if _resolved(clause):
            return False
        following = clauses[index + 1] if index + 1 < len(clauses) else None
        if following and _PURE_RESOLUTION.match(segment[following[0] : following[1]]):
            return False
    following = clauses[index + 1] if index + 1 < len(clauses) else None
    if following and _DENIAL.match(segment[following[0] : following[1]]):
        return False
    if not others and _THEIR_BODY.search(hit.words) and not re.search(r"\bmy\b", hit.words):
        return False
    before = segment[start : hit.start]
    if hit.code == "cancer_history" and _SOMEONE_ELSE.search(before):
        return False
    if _HEARSAY.search(before):
        return False
    # "my grandad lost weight": the person is the subject of the sign's own verb too
    subject = _OTHER_SUBJECT.search(segment[start : hit.end])
    if not others and subject and subject.start() < hit.start:
        return False
    if hit.code in ("both_legs", "leg_weakness") and _EXERCISE.search(segment):
        return False
    # "legs are dead after the gym": tired muscles; numbness after exercise still counts
    if hit.code == "leg_numbness" and "dead" in hit.words and _EXERCISE.search(segment):
        return False
    return True


def _clause_spans(segment: str) -> list[tuple[int, int]]:
    """Where each clause of a segment starts and ends; a list of symptoms stays one clause."""
    spans: list[tuple[int, int]] = []
    start = 0
    for brk in _CLAUSE_BREAK.finditer(segment):
        rest = segment[brk.end() :]
        if _SYMPTOM_NOUN.match(rest) and _NEGATION.search(segment[start : brk.start()]):
            continue  # "no fever, numbness or tingling": the "no" reaches on
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(segment)))
    return spans


def _negated(before: str) -> bool:
    """A negation word among the last few words before the symptom, in its clause.

    Words that only continue a list of symptoms do not use up the window, so one "no"
    covers "no fever, numbness or tingling".
    """
    words = _WORD.findall(before)
    window: list[str] = []
    counted = 0
    for word in reversed(words):
        window.insert(0, word)
        if word not in _LIST_WORDS:
            counted += 1
            if counted >= _NEGATION_WINDOW:
                break
    return bool(_NEGATION.search(" ".join(window)))


def _resolved(clause: str) -> bool:
    for match in _RESOLVED.finditer(clause):
        said = match.group()
        if "gone" in said and _LOSS_BEFORE_GONE.search(clause[: match.start()]):
            continue  # "all feeling has gone" is a loss, not a recovery
        return True
    return False


def _symptom_start(match: re.Match[str]) -> int:
    """Where the symptom words start: negation is looked for just before them."""
    if "sym" in match.re.groupindex and match.group("sym") is not None:
        return match.start("sym")
    return match.start()


def _tidy(found: set[str], segment: str) -> set[str]:
    """One sign per finding: the saddle area or both legs are not also "one leg"."""
    if "leg_numbness" in found and ("both_legs" in found or "saddle_numbness" in found):
        without = re.sub(rf"\b{_SADDLE}\b|\b{_LEGS}\b", " ", segment)
        if not any(p.search(without) for p in _COMPILED["leg_numbness"][:_NAMED_LEG_PATTERNS]):
            found.discard("leg_numbness")
    if "both_legs" in found and "saddle_numbness" in found:
        without = re.sub(rf"\b{_SADDLE}\b", " ", segment)  # "between my legs", "inner thighs"
        if not any(p.search(without) for p in _COMPILED["both_legs"]):
            found.discard("both_legs")
    if "leg_weakness" in found and "both_legs" in found:
        without = re.sub(rf"\b{_LEGS}\b", " ", segment)
        if not any(p.search(without) for p in _COMPILED["leg_weakness"]):
            found.discard("leg_weakness")
    if "leg_numbness" in found and re.search(_UPPER, segment) and not re.search(_LEG, segment):
        found.discard("leg_numbness")
    return found


def _fracture_risk(text: str) -> set[str]:
    """Osteoporosis or long-term steroids, with a crack, strain or small fall, in one message."""
    for risk in _FRACTURE_RISK.finditer(text):
        if _negated(text[: risk.start()]) or _SOMEONE_ELSE.search(
            text[max(0, risk.start() - 25) : risk.start()]
        ):
            continue
        if _FRACTURE_JOLT.search(text):
            return {"fracture_risk"}
    return set()


# ------------------------------------------------------------------ severe pain alert

HIGH_PAIN_LEVEL = 8


def high_pain_alert(entries: list[PainEntry], today: date) -> bool:
    """Pain of 8 or more on two different local days within the three days ending today.

    One bad day happens; severe pain that keeps coming back deserves a doctor's look.
    """
    window_start = today - timedelta(days=2)
    severe_days = {
        e.local_date
        for e in entries
        if e.level >= HIGH_PAIN_LEVEL and window_start <= e.local_date <= today
    }
    return len(severe_days) >= 2


def avoid_firm_today(flags_today: bool, entries: list[PainEntry], today: date) -> bool:
    """Whether to hold back firm massage and strong stretches today.

    True on a day with a warning sign, and also when pain is severe: today's report is 8 or
    more, or the repeated-severe-pain alert is on.
    """
    if flags_today:
        return True
    if any(e.local_date == today and e.level >= HIGH_PAIN_LEVEL for e in entries):
        return True
    return high_pain_alert(entries, today)
