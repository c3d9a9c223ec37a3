"""The language the bot speaks to each user: gettext catalogs managed with Babel.

Every text is written in English in bot/texts/ and translated when it is used, into the
language of the user being answered. That language lives in a context variable, as in
aiogram's i18n middleware or Django's ``translation.activate``: the bot sets it once per
update (and per user inside jobs, with ``use_language``), so the texts modules and the
handlers never pass a language around.

- ``_("...")`` translates into the current language; ``ngettext`` and ``pgettext`` too.
- ``N_("...")`` only marks a module-level constant for extraction; the call site translates
  it later: ``_(texts.NOTED).format(what=...)`` (the Python docs' "deferred translations").
- ``format_decimal``, ``format_date``, ``format_time``, ``day_name``: Babel's locale data.

Catalogs: ``bot/locales/messages.pot`` (``pybabel extract -F babel.cfg``), one
``bot/locales/<lang>/LC_MESSAGES/messages.po`` per language, compiled to ``messages.mo`` by
the install (setup.py). A language is any folder there with a ``.po``: adding a language is
adding files (docs/languages.md).
"""

from __future__ import annotations

import gettext as _gettext_module
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"


class CatalogMissing(RuntimeError):
    """A language has a .po but no compiled .mo: the package was not installed (built)."""


def _discover() -> tuple[str, ...]:
    found = sorted(path.parts[-3] for path in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *[code for code in found if code != SOURCE_LANGUAGE])


# English first, then the translated languages in code order.
LANGUAGES: tuple[str, ...] = _discover()

_current: ContextVar[str] = ContextVar("backcare_language", default=SOURCE_LANGUAGE)


def language_for(language_code: str | None) -> str:
    """The language we speak for Telegram's ``language_code`` ("de-AT" → "de"; else "en")."""
    if not language_code:
        return SOURCE_LANGUAGE
    base = language_code.replace("_", "-").split("-", 1)[0].lower()
    return base if base in LANGUAGES else SOURCE_LANGUAGE


def supported(language: str | None) -> bool:
    return language in LANGUAGES


def current_language() -> str:
    return _current.get()


def set_language(language: str | None) -> None:
    """Speak ``language`` for the rest of this task (one update); unknown → English."""
    _current.set(language if language in LANGUAGES else SOURCE_LANGUAGE)


@contextmanager
def use_language(language: str | None) -> Iterator[str]:
    """Speak ``language`` inside the block (a job writing to several users, a test)."""
    token = _current.set(language if language in LANGUAGES else SOURCE_LANGUAGE)
    try:
        yield _current.get()
    finally:
        _current.reset(token)


@cache
def translations(language: str) -> _gettext_module.NullTranslations:
    """The compiled catalog of ``language`` (English is the source: no catalog)."""
    if language == SOURCE_LANGUAGE or language not in LANGUAGES:
        return _gettext_module.NullTranslations()
    mo_path = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with mo_path.open("rb") as mo_file:
            return _gettext_module.GNUTranslations(mo_file)
    except FileNotFoundError:
        raise CatalogMissing(
            f"{mo_path} is missing: the catalogs are compiled by the install; "
            "run `pip install -e .` (or `pip install .`) again"
        ) from None


def check_catalogs() -> None:
    """Load every catalog once (at start-up), so a broken install fails loudly and early."""
    for language in LANGUAGES:
        translations(language)


def _(message: str) -> str:
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(_current.get()).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 (the conventional gettext marker name)
    return message


def gettext_in(language: str, message: str) -> str:
    """``message`` in a given language, whatever the current one (menus per language)."""
    return translations(language if language in LANGUAGES else SOURCE_LANGUAGE).gettext(message)


def language_name(language: str, *, in_sentence: bool = False) -> str:
    """The language's own name, as its speakers write it ("Deutsch", "Español", "Русский");
    ``in_sentence``: as written inside a sentence ("Deutsch", "español", "русский")."""
    name = Locale.parse(language).get_display_name(language) or language
    return name if in_sentence else name[:1].upper() + name[1:]


def _locale() -> Locale:
    return Locale.parse(_current.get())


def format_decimal(number: float | int, digits: int = 1) -> str:
    """A number as the user writes it ("4.5" in English, "4,5" in German)."""
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return babel_numbers.format_decimal(number, format=pattern, locale=_locale())


def format_date(day: date, style: str = "medium") -> str:
    return babel_dates.format_date(day, format=style, locale=_locale())


def format_skeleton(skeleton: str, moment: date | datetime) -> str:
    """A date or time by CLDR skeleton ("MMMd" → "3 Dec" / "3. Dez." / "3 дек.")."""
    return babel_dates.format_skeleton(skeleton, moment, locale=_locale())


def format_time(moment: time | datetime) -> str:
    """A wall-clock time the user's way; the bot uses 24-hour times in every language."""
    return babel_dates.format_time(moment, format="HH:mm", locale=_locale())


def day_name(weekday: int, width: str = "wide") -> str:
    """Monday=0 … Sunday=6, in the current language ("Montag", "lunes", "понедельник")."""
    return babel_dates.get_day_names(width, context="format", locale=_locale())[weekday]
