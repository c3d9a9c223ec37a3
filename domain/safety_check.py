"""The safety net under warning-sign detection: when to ask instead of guessing.

Detection reads phrasings it was written for; people find others ("urine is coming out in
drops", "my seat area is becoming numb"). Missing an emergency sign costs far more than a
question, so a message that names a body part or function of the emergency signs (bladder
and bowel, the saddle area, sex, the chest, both legs, a tearing pain) without a detected
sign gets one short question with the emergency signs listed and Yes / No buttons. A
mention the person negates themselves ("no trouble peeing") is not asked about. Pure.
"""

from __future__ import annotations

import re

_EMERGENCY_WORDS = re.compile(
    r"\b(?:pee\w*|piss\w*|urin\w*|weeing|bladder|bowels?|poo\w*|stools?|toilet|loo|"
    r"incontinen\w*|leak\w*|dribbl\w*|groin|crotch|privates|genital\w*|penis|vagina\w*|"
    r"perine\w*|saddle|anus|back\s+passage|seat\s+area|"
    r"erections?|sex\w*|bedroom|married\s+life|chest|"
    r"both\s+(?:legs|thighs|feet|calves|sides)|bilateral|"
    r"tearing\s+(?:pain|feeling|sensation)|ripp\w*|tore)\b",
    re.IGNORECASE,
)
# Where people also simply feel pain ("buttock 4"): asked about only with a change of feeling.
_SEAT_WORDS = re.compile(
    r"\b(?:bottom|bum|butt|buttocks?|bum\s+cheeks?|between\s+(?:them|my\s+legs))\b", re.I
)
_FEELING_CHANGE = re.compile(
    r"\b(?:numb\w*|dead|asleep|sleep\w*|tingl\w*|frozen|cold|strange|weird|odd|funny|"
    r"(?:not|no|can't|cant|cannot)\s+(?:feel\w*|sensation)|feel\w*\s+nothing)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:no|not|never|without|nor|any|don't|dont|doesn't|doesnt|didn't|didnt|isn't|isnt|"
    r"haven't|havent|hasn't|hasnt|fine)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w']+")
_NEGATION_WINDOW = 4  # words before the mention, within its own clause
# "no pain, just a numb seat area": a negation does not reach past these.
_SCOPE_BREAK = re.compile(r"[.,;:!?\n]|\b(?:but|just|only|except|however|now)\b", re.I)


def worth_asking(text: str) -> bool:
    """Whether a message with no detected sign names something an emergency sign is about,
    in words the person did not negate themselves."""
    text = text or ""
    mentions = list(_EMERGENCY_WORDS.finditer(text))
    if _FEELING_CHANGE.search(text):
        mentions += _SEAT_WORDS.finditer(text)
    for match in mentions:
        clause = _SCOPE_BREAK.split(text[: match.start()])[-1]
        before = _WORD.findall(clause)[-_NEGATION_WINDOW:]
        after = _WORD.findall(text[match.end() :])[:2]
        if _NEGATION.search(" ".join(before)) or " ".join(after).lower().startswith("is fine"):
            continue
        return True
    return False
