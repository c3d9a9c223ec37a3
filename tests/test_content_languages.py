"""Every language has every routine, step, tip, warning sign and picture legend, and a
translation changes only words: codes, numbers, pictures and tiers stay English's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from content.languages import (
    content_languages,
    load_all_legends,
    load_libraries,
    translation_problems,
    validate_languages,
)
from content.loader import DEFAULT_CONTENT_DIR, load_library
from content.schema import Tier

LANGUAGES = content_languages()


def test_every_translation_mirrors_english() -> None:
    assert validate_languages() == []


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_translation_is_complete_and_translated(language: str) -> None:
    libraries = load_libraries()
    english, translated = libraries["en"], libraries[language]
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
    legends = load_all_legends()
    assert set(legends[language]) == set(legends["en"])


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
