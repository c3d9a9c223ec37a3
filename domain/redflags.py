"""Notice the few back-pain warning signs that need a clinician, not a massage routine.

The bot is not a medical service. When someone mentions a red flag (numbness in the legs or
around the groin, new bladder or bowel trouble, fever, pain after a fall or accident,
unexplained weight loss, pain that wakes them at night) we say calmly that it should be
checked, urgently for the signs that can mean nerve compression, and we stop suggesting firm
routines for that day. Matching is phrase-based with a short negation window inside each
sentence ("no numbness", "I didn't fall"): honest and predictable rather than clever, and when
in doubt it errs on the side of flagging.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import Enum

from domain.models import PainEntry


class RedFlag(Enum):
    """A warning sign, with a stable ``code`` and whether it needs care right now."""

    SADDLE_NUMBNESS = ("saddle_numbness", True)
    BLADDER_BOWEL = ("bladder_bowel", True)
    LEG_NUMBNESS = ("leg_numbness", False)
    LEG_WEAKNESS = ("leg_weakness", False)
    FEVER = ("fever", False)
    TRAUMA = ("trauma", False)
    WEIGHT_LOSS = ("weight_loss", False)
    NIGHT_PAIN = ("night_pain", False)

    def __init__(self, code: str, urgent: bool) -> None:
        self.code = code
        self.urgent = urgent

    @property
    def description(self) -> str:
        """What the user told us, in words we can say back to them."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS: dict[RedFlag, str] = {
    RedFlag.SADDLE_NUMBNESS: "numbness around your groin, bottom or inner thighs",
    RedFlag.BLADDER_BOWEL: "new trouble controlling your bladder or bowels",
    RedFlag.LEG_NUMBNESS: "numbness or tingling in your legs",
    RedFlag.LEG_WEAKNESS: "weakness in your legs",
    RedFlag.FEVER: "a fever together with back pain",
    RedFlag.TRAUMA: "back pain after a fall, accident or injury",
    RedFlag.WEIGHT_LOSS: "weight loss you cannot explain",
    RedFlag.NIGHT_PAIN: "pain that wakes you at night or is worse at night",
}

# Body parts, in regex form, reused by the patterns below.
_SADDLE = (
    r"(?:groin|saddle|crotch|genitals?|genital\s+area|private\s+parts?|privates|perineum|"
    r"bum|buttocks?|bottom|anus|inner\s+thighs?|between\s+my\s+legs|back\s+passage)"
)
_LEG = r"(?:legs?|foot|feet|toes?|thighs?|calf|calves|knees?|shins?|ankles?|hips?)"
_NUMB = (
    r"(?:numb(?:ness|ed)?|tingl(?:e|es|ing|y)|pins\s+and\s+needles|no\s+feeling|"
    r"(?:lost|losing|loss\s+of)\s+(?:all\s+)?(?:feeling|sensation)|"
    r"(?:can't|cannot|cant|can\s+not|couldn't)\s+feel)"
)
_NEAR = r"[^.!?;]{0,40}?"  # same sentence, a few words apart
_UPPER_LIMB = r"(?:arms?|hands?|fingers?|thumbs?|wrists?|elbows?|face|lips?|tongue|cheeks?)"

# Each red flag is recognised by a few patterns. A match is ignored when a negation word
# stands just before it in the same sentence ("no numbness", "never had a fever").
_PATTERNS: dict[RedFlag, list[str]] = {
    RedFlag.SADDLE_NUMBNESS: [
        rf"(?P<sym>{_NUMB}){_NEAR}\b{_SADDLE}\b",
        rf"\b{_SADDLE}{_NEAR}(?P<sym>{_NUMB})",
        r"\bsaddle\s+(?:numbness|anaesthesia|anesthesia)\b",
    ],
    RedFlag.BLADDER_BOWEL: [
        r"\bincontinen(?:ce|t)\b",
        r"\b(?:wet|peed|pee'd|pissed|soiled|pooped|pooed)\s+(?:myself|my\s+(?:pants|trousers|bed))\b",
        r"\b(?:can't|cannot|cant|can\s+not|couldn't|unable\s+to|struggl\w*\s+to|trouble|"
        r"difficulty|problems?)\s+(?:to\s+)?(?:pee|peeing|urinat\w*|wee|weeing|poo|pooing|"
        r"go\s+to\s+the\s+(?:toilet|loo|bathroom))\b",
        r"\b(?:lost|losing|lose|loss\s+of|trouble|problems?|difficulty)\s+(?:with\s+)?"
        r"(?:my\s+)?(?:the\s+)?(?:bladder|bowels?)(?:\s+control)?\b",
        r"\b(?:bladder|bowels?)\s+(?:control|problems?|trouble|issues?|accidents?|leak\w*)\b",
        r"\b(?:control|controlling)\s+(?:of\s+|over\s+)?(?:my\s+)?(?:bladder|bowels?|pee|urine)\b",
        r"\bno\s+(?:bladder|bowel)\s+control\b",
        r"\b(?:leaking|leak|leaks)\s+(?:urine|pee|wee)\b",
        r"\b(?:urine|urinary)\s+(?:retention|leak\w*|incontinence)\b",
        r"\b(?:can't|cannot|cant)\s+(?:hold|feel\s+when\s+I\s+need\s+to)\s+(?:my\s+)?"
        r"(?:pee|wee|urine|bladder|it|go|poo|bowels?)\b",
    ],
    RedFlag.LEG_NUMBNESS: [
        rf"(?P<sym>{_NUMB}){_NEAR}\b{_LEG}\b",
        rf"\b{_LEG}\b{_NEAR}(?P<sym>{_NUMB})",
        rf"^(?!.*\b{_UPPER_LIMB}\b).*?(?P<sym>\b(?:numb|numbness|tingl(?:e|es|ing|y)|pins\s+and\s+needles)\b)",
        r"\bdead\s+leg\b",
    ],
    RedFlag.LEG_WEAKNESS: [
        rf"\b(?:weak|weakness)\b{_NEAR}\b{_LEG}\b",
        rf"\b{_LEG}\b{_NEAR}\b(?P<sym>weak|weakness|giv(?:e|es|ing)\s+way|gave\s+way|buckl\w*)\b",
        r"\bfoot\s+drop\b",
        r"\bdragging\s+my\s+(?:foot|leg)\b",
    ],
    RedFlag.FEVER: [
        r"\bfever(?:ish|s)?\b",
        r"\bfebrile\b",
        r"\b(?:temp|temperature)\b[^.!?;0-9]{0,20}(?:3[89]|4[0-2]|10[0-5])(?:[.,][0-9])?(?![0-9])",
        r"\b(?:high|running\s+a)\s+temperature\b",
        r"\b(?:chills|night\s+sweats)\b",
    ],
    RedFlag.TRAUMA: [
        r"\b(?:fell|fallen)\b(?!\s+(?:asleep|behind|apart|in\s+love|for\b|silent|ill|sick))",
        r"\b(?:a|the|bad|nasty|my)\s+fall\b",
        r"\bfall(?:ing)?\s+(?:off|down|from|over|on)\b",
        r"\b(?:slipped|tripped|stumbled)\b",
        r"\b(?:car|bike|bicycle|motorbike|motorcycle|road|traffic|ski|skiing|work|sports?)\s+"
        r"(?:accident|crash|injury)\b",
        r"\b(?:accident|crash|collision|whiplash|rear-ended|rear\s+ended)\b",
        r"\b(?:injury|injured|was\s+hit|got\s+hit|hit\s+by|knocked\s+(?:over|down)"
        r"|landed\s+on\s+my\s+(?:back|bottom|bum|tailbone))\b",
    ],
    RedFlag.WEIGHT_LOSS: [
        r"\b(?:unexplained|unexplainable|unintentional|unintended|unplanned|sudden|mysterious)\s+"
        r"weight\s+loss\b",
        r"\b(?:lost|losing|lose|dropped|dropping)\s+(?:a\s+lot\s+of\s+|some\s+|so\s+much\s+)?"
        r"(?:weight|[0-9]+(?:[.,][0-9]+)?\s*(?:kg|kgs|kilos?|lbs?|pounds?|stone))\b"
        r"[^.!?;]{0,40}?\b(?:without\s+(?:trying|dieting|a\s+reason|reason)|not\s+(?:trying|"
        r"dieting)|for\s+no\s+(?:apparent\s+)?reason|no\s+idea\s+why|(?:don't|do\s+not|dont)"
        r"\s+know\s+why|unexplained|by\s+itself)",
        r"\bweight\s+(?:is\s+)?(?:dropping|falling\s+off)\b[^.!?;]{0,30}?\b(?:without|no\s+reason)",
    ],
    RedFlag.NIGHT_PAIN: [
        r"\b(?:wakes?|waking|woke|woken|keeps?|kept|keeping)\s+me\s+up\b[^.!?;]{0,20}?"
        r"\b(?:at\s+night|in\s+the\s+night|during\s+the\s+night|overnight|every\s+night|"
        r"all\s+night)",
        r"\b(?:pain|it|back|hurts?|aches?|aching)\s+(?:\w+\s+)?(?:wakes?|woke|waking|keeps)\s+me\b",
        rf"\b(?:woken|woke|wake|waking)\b{_NEAR}\b(?:by|from|because\s+of|with|due\s+to)\s+"
        r"(?:the\s+)?(?:pain|my\s+back|back\s+pain)",
        r"\bnight(?:time|-time)?\s+pain\b",
        r"\b(?:pain|hurts?|hurting|aches?|aching|worse|throbbing)\s+(?:\w+\s+){0,2}?"
        r"(?:at\s+night|in\s+the\s+night|during\s+the\s+night|every\s+night|all\s+night|"
        r"overnight)\b",
        r"\b(?:can't|cannot|cant|couldn't)\s+sleep\s+(?:because\s+of|due\s+to|from|with)\s+"
        r"(?:the\s+)?(?:pain|my\s+back)",
        r"\b(?:pain|my\s+back)\s+(?:keeps|kept|stops|stopped)\s+me\s+(?:awake|from\s+sleeping)",
    ],
}
_COMPILED = {flag: [re.compile(p, re.IGNORECASE) for p in pats] for flag, pats in _PATTERNS.items()}

# Phrases that look like a red flag but are not ("cabin fever", "fell asleep").
_NOT_A_FLAG = re.compile(
    r"\b(?:cabin|hay|spring|football|world\s+cup|saturday\s+night)\s+fever\b"
    r"|\bfever\s+pitch\b"
    r"|\bfell\s+asleep\b"
    r"|\bfall\s+(?:asleep|behind)\b"
    r"|\b(?:this|last|next)\s+fall\b|\bin\s+the\s+fall\b|\bfall\s+(?:of|season|semester)\b"
    r"|\bslipped\s+dis[ck]s?\b",
    re.IGNORECASE,
)
# Negation words whose scope is a few words to the right, within the sentence.
_NEGATION = re.compile(
    r"\b(?:no|not|never|without|none|nor|neither|don't|dont|do\s+not|doesn't|doesnt|does\s+not|"
    r"didn't|didnt|did\s+not|haven't|havent|have\s+not|hasn't|hasnt|has\s+not|hadn't|"
    r"isn't|isnt|aren't|arent|wasn't|wasnt|weren't|werent|won't|free\s+of|denies|"
    r"no\s+longer)\b",
    re.IGNORECASE,
)
_NEGATION_WINDOW_WORDS = 3
_LIST_WORDS = frozenset(
    "or and nor any a the my of numbness numb tingling tingly weakness fever fevers pins "
    "needles signs sign had have feel felt feeling".split()
)
# "but", "however" and the like end a negation's scope: "no fever but my legs are numb".
_SCOPE_BREAK = re.compile(r"[.!?;\n]|\b(?:but|however|although|though|yet|except)\b", re.I)
_WORD = re.compile(r"[\w'’]+")


def detect_red_flags(text: str) -> list[RedFlag]:
    """The red flags a message mentions (not negated), in a stable order, each at most once."""
    found: list[RedFlag] = []
    for clause in _SCOPE_BREAK.split(text):
        cleaned = _NOT_A_FLAG.sub(" ", clause.replace("’", "'"))
        for flag, patterns in _COMPILED.items():
            if flag in found:
                continue
            if any(
                not _negated(cleaned, _symptom_start(m))
                for p in patterns
                for m in p.finditer(cleaned)
            ):
                found.append(flag)
    # Numbness around the groin is the urgent case of numbness; say it once, as the urgent one.
    if RedFlag.SADDLE_NUMBNESS in found and RedFlag.LEG_NUMBNESS in found:
        if not _mentions_leg_numbness_apart_from_saddle(text):
            found.remove(RedFlag.LEG_NUMBNESS)
    return [flag for flag in RedFlag if flag in found]


def _symptom_start(m: re.Match[str]) -> int:
    """Where the symptom word itself starts: negation is looked for just before it."""
    if "sym" in m.re.groupindex and m.group("sym") is not None:
        return m.start("sym")
    return m.start()


def _negated(clause: str, start: int) -> bool:
    """True when a negation word stands among the few words before ``start``.

    Words that only continue a list of symptoms ("no fever, tingling or numbness") do not use
    up the window, so one "no" covers the whole list.
    """
    window: list[str] = []
    counted = 0
    for word in reversed(_WORD.findall(clause[:start])):
        window.insert(0, word)
        if word.lower() not in _LIST_WORDS:
            counted += 1
            if counted >= _NEGATION_WINDOW_WORDS:
                break
    return bool(_NEGATION.search(" ".join(window)))


def _mentions_leg_numbness_apart_from_saddle(text: str) -> bool:
    """Whether a leg (not only the saddle area) is named with numbness."""
    without_saddle = re.sub(rf"\b{_SADDLE}\b", " ", text, flags=re.IGNORECASE)
    leg_patterns = _COMPILED[RedFlag.LEG_NUMBNESS][:2]
    return any(p.search(without_saddle) for p in leg_patterns)


def safety_advice(flags: list[RedFlag]) -> str:
    """A calm message that sends the user to the right level of care; never a diagnosis."""
    if not flags:
        return ""
    described = _join([flag.description for flag in flags])
    if any(flag.urgent for flag in flags):
        return (
            f"Thank you for telling me. You mentioned {described}. Together with back pain, "
            "this needs to be checked by a doctor straight away.\n\n"
            "Please seek urgent medical care now: go to an emergency department, or call your "
            "local emergency number if you cannot get there safely.\n\n"
            "I will not suggest any routines until you have been seen. I am a reminder bot, "
            "not a medical service, and I cannot examine you."
        )
    return (
        f"Thank you for telling me. You mentioned {described}. This is worth having checked "
        "by a doctor soon, so please contact your doctor or a medical service promptly, "
        "today if you can.\n\n"
        "Until then, skip firm massage and strong stretches, and keep to gentle movement that "
        "feels comfortable.\n\n"
        "If you notice numbness around your groin or bottom, or new trouble controlling your "
        "bladder or bowels, or your legs get weaker, seek urgent care straight away at an "
        "emergency department. I am a reminder bot, not a medical service, and I cannot "
        "examine you."
    )


def _join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


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

    True on a day with a red flag, and also when pain is severe: today's report is 8 or more,
    or the repeated-severe-pain alert is on.
    """
    if flags_today:
        return True
    if any(e.local_date == today and e.level >= HIGH_PAIN_LEVEL for e in entries):
        return True
    return high_pain_alert(entries, today)
