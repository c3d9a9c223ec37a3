"""Everyday words that are not a pain report: a greeting, thanks, a plea for help.

The bot answers these naturally (short, with what to try next) instead of "I'm not sure
what you mean"; at an open question (the time zone) they are clearly not its answer.
Measured on tests/corpora/small_talk.tsv (``python -m benchmarks.corpus_small_talk``).
"""

from __future__ import annotations

import re
from typing import Literal

from domain.pain import parse_pain_message
from domain.redflags import detect_warning_signs
from domain.safety_check import worth_asking

SmallTalk = Literal["greeting", "thanks", "help"]


def _repeated(alternatives: str) -> re.Pattern[str]:
    """One or more of the phrases, as in "hi hi" or "hey, how's it going"."""
    return re.compile(f"{alternatives}(?:[,!. ]+{alternatives})*")


# Whole-message patterns only: "hi" is a greeting, "hi, my back is at 6" is a report.
_FILLER = r"(?:\s+(?:there|again|bot|backcare|everyone|all|friend|buddy|mate))?"
_PATTERNS: tuple[tuple[SmallTalk, re.Pattern[str]], ...] = (
    (
        "greeting",
        _repeated(
            r"(?:hi+|hey+|hello+|hallo|hiya|howdy|yo|sup|greetings|moin|hola|salut|ciao"
            r"|good\s+(?:morning|afternoon|evening|day)|morning|evening"
            r"|what'?s\s+up|how\s+are\s+you(?:\s+doing)?|how'?s\s+it\s+going"
            # Spanish, German, Russian: the bot speaks them (bot/i18n.py)
            r"|buen[oa]s(?:\s+(?:d[ií]as|tardes|noches))?|qu[eé]\s+tal|guten\s+(?:morgen|tag|abend)"
            r"|servus|gr[üu](?:ß|ss)\s+(?:dich|gott)|wie\s+geht'?s|привет|здравствуй(?:те)?"
            r"|добр(?:ое\s+утро|ый\s+день|ый\s+вечер)|как\s+дела)" + _FILLER
        ),
    ),
    (
        "thanks",
        re.compile(
            r"(?:(?:ok(?:ay)?|great|cool|perfect|awesome|nice|super|lovely),?\s+)?"
            r"(?:(?:many\s+|big\s+)?thanks?(?:\s+(?:you|a\s+lot|so\s+much|very\s+much|again"
            r"|a\s+bunch|a\s+million))*|thx|ty|tysm|cheers|thank\s+u|danke(?:\s+sch[öo]n)?"
            r"|merci|much\s+appreciated|appreciate\s+it"
            r"|(?:muchas\s+)?gracias(?:\s+mil)?|danke\s+sehr|vielen\s+dank"
            r"|спасибо(?:\s+большое)?|благодарю)" + _FILLER
        ),
    ),
    (
        "help",
        re.compile(
            r"(?:help(?:\s+me)?(?:\s+please)?|please\s+help(?:\s+me)?|i\s+need\s+help"
            r"|can\s+you\s+help(?:\s+me)?|what\s+(?:should|do|can)\s+i\s+do"
            r"|what\s+can\s+you\s+do|what\s+do\s+you\s+do|how\s+does\s+(?:this|it)\s+work"
            r"|how\s+do\s+i\s+use\s+(?:this|you|it)|what\s+now|commands|menu|start|"
            r"info|\?+|what\s+is\s+this"
            r"|ayuda|ay[úu]dame|qu[eé]\s+hago|hilfe|was\s+soll\s+ich\s+tun|помо(?:щь|ги(?:те)?)"
            r"|что\s+делать)"
        ),
    ),
)
_TRIM = re.compile(r"^[\s,.!?:;)(*~-]+|[\s,.!?:;)(*~-]+$")
_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200d]+")
_SPACES = re.compile(r"\s+")


def _normalise(text: str) -> str:
    cleaned = _EMOJI.sub(" ", text.lower().replace("’", "'"))
    return _SPACES.sub(" ", _TRIM.sub("", cleaned.strip())).strip()


def classify(text: str) -> SmallTalk | None:
    """The kind of everyday message this is, or None for anything else.

    Only short whole messages count ("thanks!", "good morning 🙂"); a lone "?" asks for
    help. Anything longer is left to the pain parser and the other features.
    """
    if len(text) > 60:
        return None
    words = _normalise(text)
    if not words:
        return "help" if "?" in text else None
    for kind, pattern in _PATTERNS:
        if pattern.fullmatch(words):
            return kind
    return None


def is_not_an_answer(text: str) -> bool:
    """True when a message is clearly something else than the answer to an open question
    (a city or zone): a pain report (clear or not), a warning sign or words the safety
    check asks about, or small talk."""
    return (
        parse_pain_message(text).kind != "none"
        or bool(detect_warning_signs(text))
        or worth_asking(text)
        or classify(text) is not None
    )
