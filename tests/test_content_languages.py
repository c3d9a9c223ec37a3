"""Every language has every routine, step, tip, warning sign and picture legend, and a
translation changes only words: codes, numbers, pictures and tiers stay English's."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import pytest
import yaml

from content.languages import (
    TEXT_FIELDS,
    content_languages,
    load_all_legends,
    load_libraries,
    translation_problems,
    validate_languages,
)
from content.loader import DEFAULT_CONTENT_DIR, load_library
from content.schema import Tier, parse_glossary

LANGUAGES = content_languages()


@cache
def libraries():
    return load_libraries()


@cache
def legends():
    return load_all_legends()


def test_every_translation_mirrors_english() -> None:
    assert validate_languages() == []


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_translation_is_complete_and_translated(language: str) -> None:
    english, translated = libraries()["en"], libraries()[language]
    assert list(translated.routines) == list(english.routines)
    for routine_id, routine in english.routines.items():
        theirs = translated.routines[routine_id]
        assert len(theirs.steps) == len(routine.steps)
        # Translated, not copied: a routine's title and its steps' words differ from English.
        assert theirs.title != routine.title, routine_id
        same = [
            s.instruction
            for s, t in zip(routine.steps, theirs.steps, strict=True)
            if s.instruction == t.instruction
        ]
        assert not same, f"{routine_id}: untranslated steps {same}"
    signs = translated.warning_signs
    assert {code: s.tier for code, s in signs.signs.items()} == {
        code: s.tier for code, s in english.warning_signs.signs.items()
    }
    assert signs.tiers[Tier.EMERGENCY].action != english.warning_signs.tiers[Tier.EMERGENCY].action
    assert set(legends()[language]) == set(legends()["en"])


def _copy_content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(
        DEFAULT_CONTENT_DIR,
        root,
        ignore=shutil.ignore_patterns("*.py", "png", "__pycache__", "locales"),
    )
    return root


def _translate_as_copy(root: Path, language: str) -> Path:
    """A 'translation' that is a copy of English: structurally perfect."""
    legends = {pid: list(lines) for pid, lines in load_all_legends(root)["en"].items()}
    target = root / "locales" / language
    for folder in ("routines", "tips", "safety"):
        shutil.copytree(root / folder, target / folder)
    (target / "pictures").mkdir(parents=True)
    (target / "pictures" / "legends.yaml").write_text(yaml.safe_dump(legends), encoding="utf-8")
    return target


def test_a_structural_copy_passes(tmp_path: Path) -> None:
    root = _copy_content(tmp_path)
    _translate_as_copy(root, "xx")
    assert validate_languages(root) == []
    assert set(load_libraries(root)) == {"en", "xx"}


def test_a_milder_tier_or_missing_step_or_changed_picture_is_caught(tmp_path: Path) -> None:
    root = _copy_content(tmp_path)
    target = _translate_as_copy(root, "xx")
    table = target / "safety" / "warning-signs.yaml"
    data = yaml.safe_load(table.read_text(encoding="utf-8"))
    data["signs"]["saddle_numbness"]["tier"] = "mention"
    table.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    routine_file = sorted((target / "routines").glob("*.yaml"))[0]
    routine = yaml.safe_load(routine_file.read_text(encoding="utf-8"))
    routine["steps"].pop()
    routine_file.write_text(yaml.safe_dump(routine, allow_unicode=True), encoding="utf-8")
    legends_file = target / "pictures" / "legends.yaml"
    legends = yaml.safe_load(legends_file.read_text(encoding="utf-8"))
    legends.pop(sorted(legends)[0])
    legends_file.write_text(yaml.safe_dump(legends), encoding="utf-8")

    problems = "\n".join(validate_languages(root))
    assert "saddle_numbness].tier" in problems
    assert "steps: has" in problems
    assert "legends.yaml" in problems and "missing" in problems


def test_words_may_differ_but_codes_may_not() -> None:
    english = load_library()
    routine = next(iter(english.routines.values()))
    from dataclasses import replace

    reworded = replace(routine, title="Título", cautions=tuple("x" for _ in routine.cautions))
    assert translation_problems(routine, reworded) == []
    recoded = replace(routine, minutes=routine.minutes + 1, equipment=("hook",))
    problems = translation_problems(routine, recoded)
    assert any("minutes" in p for p in problems) and any("equipment" in p for p in problems)


def _words(value, where=""):
    """(where, text) for every text a translator wrote in a library (TEXT_FIELDS only)."""
    from dataclasses import fields, is_dataclass

    if is_dataclass(value):
        for f in fields(value):
            inner = getattr(value, f.name)
            here = f"{where}.{f.name}" if where else f.name
            if f.name in TEXT_FIELDS:
                texts = inner if isinstance(inner, tuple) else (inner,)
                yield from ((here, t) for t in texts if isinstance(t, str))
            else:
                yield from _words(inner, here)
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _words(inner, f"{where}[{key}]")
    elif isinstance(value, tuple):
        for index, inner in enumerate(value):
            yield from _words(inner, f"{where}[{index}]")


def _catalog_strings(language: str):
    from babel.messages.pofile import read_po

    path = Path("bot/locales") / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        for message in read_po(po, locale=language):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            yield from ((f"messages.po: {message.id!r}", s) for s in strings if s)


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_each_language_uses_one_word_per_thing(language: str) -> None:
    """The language's own glossary (content/locales/<lang>/glossary.yaml) holds for its
    routines, tips, safety table, legends and the bot's translated texts."""
    path = DEFAULT_CONTENT_DIR / "locales" / language / "glossary.yaml"
    glossary, problems = parse_glossary(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    assert problems == []
    english, _ = parse_glossary(
        yaml.safe_load((DEFAULT_CONTENT_DIR / "glossary.yaml").read_text(encoding="utf-8")),
        "glossary.yaml",
    )
    assert len(glossary.terms) == len(english.terms)
    texts = list(_words(libraries()[language]))
    texts += [
        (f"legend {pid}", line) for pid, lines in legends()[language].items() for line in lines
    ]
    texts += list(_catalog_strings(language))
    assert len(texts) > 500
    found = [
        (where, variant, preferred)
        for where, text in texts
        for variant, preferred in glossary.discouraged_in(text)
    ]
    assert found == []
