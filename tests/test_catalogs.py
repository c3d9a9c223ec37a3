"""The bot's gettext catalogs: every language translates every text of the template, nothing
fuzzy or empty, with the same placeholders and HTML tags as the English; and the template
(bot/locales/messages.pot) is what extraction from the code gives today.

After changing texts: run the extraction command of docs/languages.md and commit the .pot;
translators then run ``pybabel update`` and fill in their language's .po.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from bot.i18n import LANGUAGES, LOCALES_DIR, SOURCE_LANGUAGE

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = LOCALES_DIR / "messages.pot"
TRANSLATED = [language for language in LANGUAGES if language != SOURCE_LANGUAGE]
# The one extraction command (docs/languages.md), writing to a temporary file.
# ngettext and pgettext with their argument specs: "-k ngettext" alone would replace Babel's
# default (singular, plural) with the singular only, and every count would stay English.
EXTRACT = ["extract", "-F", "babel.cfg", "-k", "N_", "-k", "ngettext:1,2", "-k", "pgettext:1c,2"]
EXTRACT += ["-c", "Translators:", "--no-location", "--sort-output", "--project", "backcare-bot"]

# {name}, {name!r}, {name:>3}, {0}; %(name)s; %s, %d (a literal "%%" is no placeholder).
_BRACES = re.compile(r"(?<!\{)\{([A-Za-z_0-9]*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")
_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0+]*\d*(?:\.\d+)?([sdifr%])")
_TAG = re.compile(r"</?([a-zA-Z]+)(?:\s[^>]*)?>")


def placeholders(text: str) -> Counter:
    found = Counter(f"{{{name}}}" for name in _BRACES.findall(text))
    for name, kind in _PERCENT.findall(text):
        if kind != "%":
            found[f"%({name}){kind}" if name else f"%{kind}"] += 1
    return found


def tags(text: str) -> Counter:
    """The HTML tags, opening and closing ("b", "/b"), as many as there are."""
    return Counter(match.group(0).split()[0].rstrip(">") for match in _TAG.finditer(text))


def _forms(value: str | tuple | list | None) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, tuple | list) else [value]


def problems(template: Catalog, translation: Catalog) -> list[str]:
    """What is wrong with a language's catalog against the template, one line each."""
    found = []
    for message in template:
        if not message.id:
            continue  # the header
        shown = repr(_forms(message.id)[0][:60])
        entry = translation.get(message.id, message.context)
        if entry is None:
            found.append(f"missing: {shown}")
            continue
        if entry.fuzzy:
            found.append(f"fuzzy: {shown}")
        forms = _forms(entry.string)
        if not forms or not all(form.strip() for form in forms):
            found.append(f"empty: {shown}")
            continue
        english = _forms(message.id)
        for form in forms:
            # A plural form may leave out {count} ("one day" in a language that says so),
            # but never bring a placeholder or tag the English does not have.
            wanted = placeholders(english[-1])
            if placeholders(form) != wanted and not (
                len(english) > 1 and placeholders(form) <= wanted
            ):
                found.append(f"placeholders differ: {shown}: {form[:60]!r}")
            if tags(form) != tags(english[0]):
                found.append(f"HTML tags differ: {shown}: {form[:60]!r}")
    return found


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as po_file:
        return read_po(po_file, locale=locale)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_text_is_translated_with_the_same_placeholders_and_tags(language: str) -> None:
    po_path = LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"
    found = problems(_read(TEMPLATE), _read(po_path, language))
    assert not found, f"{po_path.relative_to(ROOT)}: {len(found)} problems\n" + "\n".join(
        found[:40]
    )


def test_the_template_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    command = [sys.executable, "-m", "babel.messages.frontend", *EXTRACT, "-o", str(fresh), "."]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    extracted = {message.id for message in _read(fresh) if message.id}
    committed = {message.id for message in _read(TEMPLATE) if message.id}
    assert extracted - committed == set(), "texts not in bot/locales/messages.pot: extract again"
    assert committed - extracted == set(), "texts gone from the code: extract again"


# The check itself, on small catalogs: it must catch what it is for.


def _catalog(*entries: tuple, locale: str = "de") -> Catalog:
    catalog = Catalog(locale=locale)
    for msgid, msgstr, *flags in entries:
        catalog.add(msgid, msgstr, flags=flags)
    return catalog


TEMPLATE_ENTRIES = (
    ("Noted: <b>{what}</b>.", ""),
    (("{count} day", "{count} days"), ("", "")),
    ("%(name)s, hi", ""),
)


def test_a_complete_translation_passes():
    translation = _catalog(
        ("Noted: <b>{what}</b>.", "Notiert: <b>{what}</b>."),
        (("{count} day", "{count} days"), ("ein Tag", "{count} Tage")),
        ("%(name)s, hi", "Hallo %(name)s"),
    )
    assert problems(_catalog(*TEMPLATE_ENTRIES), translation) == []


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (None, "missing"),
        (("Noted: <b>{what}</b>.", ""), "empty"),
        (("Noted: <b>{what}</b>.", "Notiert: <b>{what}</b>.", "fuzzy"), "fuzzy"),
        (("Noted: <b>{what}</b>.", "Notiert: <b>{was}</b>."), "placeholders differ"),
        (("Noted: <b>{what}</b>.", "Notiert: {what}."), "HTML tags differ"),
        (("Noted: <b>{what}</b>.", "Notiert: <i>{what}</i>."), "HTML tags differ"),
    ],
)
def test_the_check_catches_a_bad_entry(entry, problem):
    others = (
        (("{count} day", "{count} days"), ("ein Tag", "{count} Tage")),
        ("%(name)s, hi", "Hallo %(name)s"),
    )
    translation = _catalog(*([entry] if entry else []), *others)
    found = problems(_catalog(*TEMPLATE_ENTRIES), translation)
    assert [line.split(":")[0] for line in found] == [problem]


def test_the_check_catches_a_changed_percent_placeholder():
    translation = _catalog(
        ("Noted: <b>{what}</b>.", "Notiert: <b>{what}</b>."),
        (("{count} day", "{count} days"), ("{count} Tag", "{count} Tage")),
        ("%(name)s, hi", "Hallo %s"),
    )
    found = problems(_catalog(*TEMPLATE_ENTRIES), translation)
    assert len(found) == 1 and found[0].startswith("placeholders differ")
