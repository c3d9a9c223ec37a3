"""Notice the back-pain warning signs that need a clinician, not a massage routine.

The bot is not a medical service. When someone mentions a warning sign we answer with the
advice of its tier (content/safety/warning-signs.yaml says which sign is which tier and what
to do) and routines hold back firm pressure that day. This module only reads the words:

- ``detect_warning_signs(text)`` gives the stable codes of the signs a message mentions;
- ``most_urgent(codes, tiers)`` gives the most urgent ``Tier`` among them, given the table.

How it reads people, in order: the text is normalised (lower case, apostrophes, "cant",
common typos and a one-letter fuzzy step on long key words); idioms are blanked out ("fell
asleep", "crash diet", "hit the gym", "a wee bit"); the text is cut into segments at
sentence ends and contrast words ("but", "just"), and each segment into clauses at commas
and "and". A sign's words may span a segment; a negation ("no numbness") only counts inside
the sign's own clause, a few words before it, so "no pain, just numb groin" is a sign while
"no numbness or tingling" is not. A clause that says the sign is past or resolved ("has
gone", "years ago", "used to", "fine now", or "but it's gone now" right after) does not
alarm, except a history of cancer, where the past is the point; nor does a sign someone
else has ("my grandad had leg weakness") or was asked about ("the physio asked about
numbness"). When in doubt it errs on the side of flagging: honest and predictable rather
than clever.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache, total_ordering

from domain.models import PainEntry


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
    previous: object, day: date, tier: Tier, codes: Sequence[str]
) -> dict[str, object]:
    """The stored fact of today's warning signs: ``{"date", "tier", "codes"}``.

    Kept so that later features (holding routines until a doctor has looked) can ask how
    urgent the worst sign of a day was. A record of an earlier day is replaced; on the same
    day the more urgent tier stays and the codes add up.
    """
    record = {"date": day.isoformat(), "tier": tier.value, "codes": list(dict.fromkeys(codes))}
    if not isinstance(previous, dict) or previous.get("date") != day.isoformat():
        return record
    try:
        earlier = Tier(previous.get("tier"))
    except ValueError:
        return record
    seen = [c for c in previous.get("codes") or [] if isinstance(c, str)]
    merged = list(dict.fromkeys([*seen, *codes]))
    return {"date": day.isoformat(), "tier": max(earlier, tier).value, "codes": merged}


@dataclass(frozen=True)
class _Hit:
    code: str
    start: int  # where the symptom words start, for the negation check
    end: int


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


def _normalise(text: str) -> str:
    text = _INVISIBLE.sub(" ", text.translate(_APOSTROPHES).lower())
    text = _TOKEN.sub(lambda m: _fix_token(m.group()), text)
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
    r"|\bdead\s+(?:tired|beat|on|serious|end|easy)\b"
    r"|\bchest\s+(?:muscles?|stretch\w*|day|press|fly|flies|workout)\b"
    r"|\b(?:can't|can\s+not)\s+wait\b"
    r"|\bcancer\s+(?:research|charity|walk|run|awareness|star\s+sign)\b|\bi'm\s+a\s+cancer\b",
)

# A weak or wobbly leg right after hard exercise is tiredness, not a nerve sign.
_EXERCISE = re.compile(
    r"\b(?:after|from)\s+(?:(?:a|the|my|today's|yesterday's)\s+)?(?:leg\s+day|gym|squats?|"
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
    r"\b(?:years?|decades?)\s+ago\b|\blast\s+year\b|\bused\s+to\b|\bno\s+longer\b"
    r"|\b(?:back\s+)?in\s+(?:19|20)\d\d\b"
    r"|\bfor\s+a\s+(?:minute|second|sec|moment|few\s+(?:minutes|seconds|secs))\b"
    r"|\bin\s+the\s+past\b|\bas\s+a\s+(?:kid|child|teenager)\b"
    r"|\bwhen\s+i\s+was\s+(?:a\s+kid|a\s+child|young|younger|little|a\s+teenager|pregnant)\b"
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

_SADDLE = (
    r"(?:groin|crotch|saddle(?:\s+area)?|genitals?|genital\s+area|privates|private\s+parts?|"
    r"down\s+there|down\s+below|between\s+my\s+legs|perineum|taint|bum\s*hole|butt\s*hole|"
    r"anus|back\s+passage|bottom(?!\s+of)|bum|butt|buttocks?|backside|arse|vagina|vulva|labia|penis|"
    r"scrotum|testicles|my\s+balls|inner\s+thighs?|private\s+(?:area|bits|parts?|region)|"
    r"intimate\s+area|nether\s+regions?|undercarriage|(?:my|lady|man)\s+bits|"
    r"(?:bum|butt|arse)\s+cheeks)"
)
_NUMB = (
    r"(?:numb\w*|tingl\w*|pins\s+and\s+needles|no\s+feeling|"
    r"(?:lost|losing|loss\s+of|less|reduced|no)\s+(?:all\s+)?(?:feeling|sensation)|"
    r"(?:can't|couldn't|unable\s+to|barely|hardly)\s+(?:really\s+|properly\s+|quite\s+)?feel|"
    r"feel\s+nothing|"
    r"(?:feeling|sensation)\s+(?:has\s+|have\s+|is\s+)?(?:gone|went)|"
    r"(?:feels?|felt|gone|went|is|are)\s+(?:\w+\s+)?dead)"
)
# Around the groin, "feels different" is how people say the feeling has changed.
_NUMB_SADDLE = (
    rf"(?:{_NUMB}|(?:feels?|felt|is|are)\s+(?:\w+\s+)?(?:weird|different|strange|odd|funny))"
)
_NEAR = r"[^.!?;\n]{0,40}?"
_LEG = r"(?:leg|foot|toe|toes|thigh|calf|shin|ankle|knee|heel|sole|hamstring)"
_LEGS = (
    r"(?:legs|feet|thighs|calves|knees|shins|ankles|"
    r"both\s+(?:my\s+|of\s+my\s+)?(?:legs|feet|sides|knees|thighs|calves|shins|ankles))"
)
_WEAK = (
    r"(?:weak\w*|wobbly|jelly|gave\s+way|giv(?:e|es|ing)\s+(?:way|out)|gave\s+out|buckl\w*|"
    r"collaps\w*|won't\s+hold\s+me|can't\s+(?:hold|support)\s+me)"
)
_PEE = r"(?:pee|peeing|wee|weeing|urinat\w*|piss|pissing|go\s+to\s+the\s+(?:toilet|loo|bathroom))"
_UPPER = r"\b(?:arms?|hands?|fingers?|thumbs?|wrists?|elbows?|face|lips?|tongue|cheeks?|neck)\b"

_PATTERNS: dict[str, list[str]] = {
    "saddle_numbness": [
        rf"(?P<sym>{_NUMB_SADDLE}){_NEAR}\b{_SADDLE}\b",
        rf"\b{_SADDLE}\b{_NEAR}(?P<sym>{_NUMB_SADDLE})",
        r"\bsaddle\s+(?:numbness|anaesthesia|anesthesia)\b",
        rf"(?P<sym>{_NUMB}|weird|different|strange|odd)\W+(?:\w+\W+){{0,4}}?"
        r"(?:when|while|after)\s+(?:i\s+)?wip(?:e|ing)",
        r"\bwip(?:e|ing)\b[^.!?;\n]{0,30}?(?P<sym>can't\s+feel|numb\w*|feel\s+nothing|"
        r"(?:feels?|felt)\s+(?:\w+\s+)?(?:weird|different|strange|odd))",
        r"(?P<sym>can't\s+feel|numb\w*)\s+(?:\w+\s+){0,3}?(?:the\s+)?(?:toilet\s+paper|loo\s+roll)",
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
        r"\b(?:pooed|pooped|peed|weed|pissed|shat|leaked)\s+(?:\w+\s+){0,2}?(?:without\s+"
        r"(?:meaning|wanting|realising|realizing|noticing|knowing)|by\s+accident)\b",
    ],
    "both_legs": [
        rf"(?P<sym>{_NUMB}|{_WEAK}){_NEAR}\b{_LEGS}\b",
        rf"\b{_LEGS}\b{_NEAR}(?P<sym>{_NUMB}|{_WEAK})",
        r"\bsciatica\s+(?:down|in|into)\s+both\b|\bboth\s+legs\b[^.!?;\n]{0,20}sciatica",
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
        r"\b(?:no|less|lost|reduced|loss\s+of)\s+(?:sensation|feeling)\s+(?:\w+\s+){0,4}?"
        r"(?:sex|intercourse|orgasm)\b",
    ],
    "tearing_pain": [
        r"\b(?:tearing|ripping)\s+(?:\w+\s+)?(?:pain|feeling|sensation|ache)",
        r"\b(?:something|it)\s+(?:is\s+|was\s+)?(?:tearing|ripping)\b",
        r"\blike\s+(?:being\s+|i'm\s+being\s+|i\s+was\s+being\s+)?(?:ripped|torn|tearing|"
        r"ripping)\b|\b(?:ripped|torn)\s+(?:in\s+half|in\s+two|apart)\b",
        r"\b(?:pain|feels?|feeling)\s+(?:like\s+)?(?:something\s+)?(?:is\s+)?(?:tearing|"
        r"ripping)\b",
    ],
    "chest_pain": [
        r"\bchest\s+(?:pain\w*|hurts?|hurting|tight\w*|pressure|ache\w*|aching|is\s+(?:tight|"
        r"sore|hurting|painful|heavy)|feels\s+(?:tight|heavy|crushed))",
        r"\b(?:pain|pressure|tightness|tight|ache|crushing|squeezing|heaviness|heavy|feeling|"
        r"burning)\s+(?:\w+\s+){0,3}?"
        r"(?:in|across|on)\s+(?:my\s+|the\s+)?chest\b",
        r"\b(?:tight|crushing|heavy|painful|sore)\s+chest\b",
    ],
    "leg_weakness": [
        rf"(?P<sym>{_WEAK}){_NEAR}\b{_LEG}\b",
        rf"\b{_LEG}\b{_NEAR}(?P<sym>{_WEAK}|drag\w*|slap\w*|won't\s+lift|can't\s+lift)",
        r"\b(?:can't|won't|unable\s+to)\s+(?:lift|raise|pick\s+up)\s+(?:my\s+)?(?:\w+\s+)?"
        r"(?:foot|toes|leg)\b",
        r"\b(?:foot|drop)\s+(?:drop|foot)\b",
        r"\bdragg?\w*\s+my\s+(?:\w+\s+)?(?:foot|leg)\b",
        r"\bfoot\b[^.!?;\n]{0,30}?\bslap\w*|\bslap\w*\b[^.!?;\n]{0,20}?\bfoot\b",
        r"\btripping\s+over\s+my\s+(?:own\s+)?(?:foot|feet|toes)\b",
        r"\bcan't\s+stand\s+on\s+my\s+(?:toes|tiptoes?|heels?)\b",
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
        r"\bfeel(?:s|ing)?\s+(?:really\s+|very\s+|so\s+|quite\s+)?(?:unwell|poorly|ill)\b",
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
    ],
    "cancer_history": [
        r"\b(?:cancer|lymphoma|leuka?emia|myeloma|melanoma|sarcoma|carcinoma|tumou?r)\b",
        r"\b(?:chemo|chemotherapy|radiotherapy|radiation\s+therapy|oncologist)\b",
    ],
    "leg_numbness": [
        rf"(?P<sym>{_NUMB}){_NEAR}\b{_LEG}\b",
        rf"\b{_LEG}\b{_NEAR}(?P<sym>{_NUMB})",
        r"\bdead\s+leg\b",
        # Numbness with no body part named: most often a leg; ask a doctor about it.
        rf"^(?!.*(?:{_UPPER}|\b{_SADDLE}\b|\b{_LEGS}\b)).*?(?P<sym>\b(?:numb|numbness|"
        r"tingl\w*|pins\s+and\s+needles)\b)",
    ],
    "weight_loss": [
        r"\b(?:unexplained|unintentional|unintended|unplanned|sudden)\s+weight\s+loss\b",
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
        r"\bnight(?:time|-time)?\s+pain\b",
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
_COMPILED = {code: [re.compile(p) for p in pats] for code, pats in _PATTERNS.items()}

# A fracture needs a risk (osteoporosis, long-term steroids) and a small strain or jolt.
_FRACTURE_RISK = re.compile(
    r"\b(?:osteopor\w*|osteopenia|brittle\s+bones)\b"
    r"|\b(?:long[-\s]term|years\s+of|daily)\s+(?:\w+\s+){0,2}?(?:steroids?|prednisolone|"
    r"prednisone|cortisone|dexamethasone)\b"
    r"|\bon\s+(?:steroids?|prednisolone|prednisone|cortisone|dexamethasone)\b"
    r"|\b(?:steroids?|prednisolone|prednisone)\s+(?:\w+\s+){0,3}?(?:long[-\s]term|for\s+years|"
    r"every\s+day|daily|tablets)\b"
)
_FRACTURE_JOLT = re.compile(
    r"\b(?:crack\w*|snap\w*|popped|sneez\w*|cough\w*|bent|bending|bend|lift\w*|fell|fall|"
    r"slipped|tripped|sudden\w*)\b"
)
# Someone asking about a sign, or a list of signs to watch for, is not the user having it.
_HEARSAY = re.compile(
    r"\b(?:asked|asking)\s+(?:me\s+)?(?:about|if|whether)\b|\bquestions?\s+about\b"
    r"|\btold\s+me\s+to\s+(?:watch|look)\b|\bwatch\s+(?:out\s+)?for\b|\blook\s+out\s+for\b"
    r"|\bchecked\s+(?:me\s+)?for\b|\bscreen\w*\s+for\b|\bin\s+case\s+of\b"
)
# Another person's sign, said with them as the subject ("my grandad had leg weakness").
_OTHER_SUBJECT = re.compile(
    r"\b(?:mum|mom|mother|dad|father|sister|brother|aunt|auntie|uncle|gran|granny|grandma|"
    r"grandad|grandpa|grandmother|grandfather|wife|husband|partner|friend|cousin|son|"
    r"daughter|colleague|neighbour|neighbor|boss|he|she)\s+(?:\w+\s+)?(?:had|has|have|got|"
    r"gets|was|is|suffered|suffers|used)\b"
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
    for index, segment in enumerate(segments):
        following = segments[index + 1] if index + 1 < len(segments) else ""
        # "my leg was tingly this morning but it's gone now": the next segment resolves it
        if not _PURE_RESOLUTION.match(following):
            found |= _signs_in_segment(segment)
        else:
            found |= _signs_in_segment(segment) & _NOT_RESOLVABLE
    found |= _fracture_risk(normalised)
    return [code for code in SIGN_CODES if code in found]


def _signs_in_segment(segment: str) -> set[str]:
    clauses = _clause_spans(segment)
    found: set[str] = set()
    for code, patterns in _COMPILED.items():
        for pattern in patterns:
            for match in pattern.finditer(segment):
                hit = _Hit(code, _symptom_start(match), match.end())
                if _counts(hit, segment, clauses):
                    found.add(code)
                    break
            if code in found:
                break
    return _tidy(found, segment)


def _counts(hit: _Hit, segment: str, clauses: list[tuple[int, int]]) -> bool:
    """Not negated in its own clause, not past or resolved, not someone else's."""
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
    before = segment[start : hit.start]
    if hit.code == "cancer_history" and _SOMEONE_ELSE.search(before):
        return False
    if _OTHER_SUBJECT.search(before) or _HEARSAY.search(before):
        return False
    if hit.code in ("both_legs", "leg_weakness") and _EXERCISE.search(segment):
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
