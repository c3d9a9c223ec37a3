"""Reading a message in the user's language: pain reports and warning signs.

People mix English into their own language ("Rücken 5", "lower back 4 heute"), so a
message the user's language finds nothing in is read as English too. Warning signs are
looked for in every language the bot speaks, whatever the user's: an emergency sign must
never go unanswered because of a language setting.
"""

from __future__ import annotations

import unicodedata

from bot.i18n import N_, SOURCE_LANGUAGE, _, current_language, day_name
from bot.texts.pain import area_name
from domain import body_map, pain, reading
from domain.pain import PAIN_AREAS, PainParse


def read_pain(text: str) -> PainParse:
    """``text`` as a pain report in the current language, else in English."""
    language = current_language()
    parse = reading.parse_pain_message(text, language)
    if parse.kind == "none" and language != SOURCE_LANGUAGE:
        return pain.parse_pain_message(text)
    return parse


def warning_signs(text: str) -> list[str]:
    """The warning signs in ``text``, in any language the bot speaks."""
    return reading.detect_warning_signs_any(text)


def worth_asking(text: str) -> bool:
    """The safety net under ``warning_signs``: the message names what an emergency sign is
    about (bladder, the saddle area, both legs...) in the user's language, in English, or in
    the language it is written in, so one yes/no question about the emergency signs is
    asked rather than nothing said."""
    languages = {SOURCE_LANGUAGE, current_language(), reading.guess_language(text or "")}
    return any(
        reading.worth_asking(text, language)
        for language in sorted(languages - {None})
        if reading.supported(language)
    )


def area_named(words: str) -> str | None:
    """The diary area a person names ("/history 5", "/history lower back", "Rücken unten",
    "поясница"): a zone number, English words, the area's name as the bot shows it, or the
    words the user's language's reading knows for it; None otherwise."""
    if area := body_map.area_from_words(words):
        return area
    typed = " ".join(words.split()).casefold()
    shown = {area_name(label).casefold(): label for label in PAIN_AREAS}
    if typed in shown:
        return shown[typed]
    parse = reading.parse_pain_message(words, current_language())
    return parse.area if parse.kind != "none" else None


# The diary's own words for days (bot/texts), as the user reads them in their language.
_RELATIVE_DAYS = {
    N_("Today"): "today",
    N_("Yesterday"): "yesterday",
    N_("today"): "today",
    N_("yesterday"): "yesterday",
}
_ENGLISH_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def days_in_english(words: str) -> str:
    """``words`` with the day words of the user's language put in English ("gestern" →
    "yesterday", "Freitag 18:30" → "friday 18:30", "понедельник" → "monday"), for the day
    and schedule readers of domain/, which read English; other words stay as typed."""
    if current_language() == SOURCE_LANGUAGE:
        return words
    names = {_key(_(word)): english for word, english in _RELATIVE_DAYS.items()}
    for weekday, english in enumerate(_ENGLISH_DAYS):
        for width in ("wide", "abbreviated"):
            names[_key(day_name(weekday, width))] = english
    return " ".join(names.get(_key(token), token) for token in words.split())


def _key(word: str) -> str:
    """A word as compared: any case, no trailing dot, accents optional ("sabado")."""
    folded = unicodedata.normalize("NFKD", word.casefold().strip(".,;:!"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))
