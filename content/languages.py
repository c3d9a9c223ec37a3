"""Content in every language: English in content/, each translation in content/locales/<lang>/.

A translation is a full mirror of the English files (same file names, same schema, read by
the same loader) in which only the words differ. ``translation_problems`` says where a
translation's structure drifted from English: a routine, step, caution or tip missing or
added, a code, number, picture or tier changed. A translated safety table can therefore
never lose a warning sign or move it to a milder tier.

Picture legends are translated in ``content/locales/<lang>/pictures/legends.yaml``: picture
id → the legend's lines, as many as the English legend has.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from content.loader import DEFAULT_CONTENT_DIR, read_library
from content.pictures.spec import read_pictures
from content.schema import ContentError, Library

SOURCE_LANGUAGE = "en"
LOCALES = "locales"
LEGENDS_FILE = Path("pictures") / "legends.yaml"

# Fields that hold words for the reader: a translation changes these and nothing else.
# Everything else (ids, codes, numbers, picture slugs, tiers, option keys) must be equal.
TEXT_FIELDS = frozenset(
    {
        "title",
        "summary",
        "instruction",
        "avoid",
        "cautions",
        "items",
        "disclaimer",
        "label",
        "text",
        "name",
        "description",
        "why",
        "intro",
        "overview",
        "action",
        "words",
        "gentle",
        "hold",
        "not_a_diagnosis",
        "question",
    }
)

Legends = dict[str, tuple[str, ...]]


def content_languages(root: Path | None = None) -> tuple[str, ...]:
    """English first, then every translation folder in code order."""
    locales = (root or DEFAULT_CONTENT_DIR) / LOCALES
    found = sorted(p.name for p in locales.iterdir() if p.is_dir()) if locales.is_dir() else []
    return (SOURCE_LANGUAGE, *found)


def language_root(language: str, root: Path | None = None) -> Path:
    base = root or DEFAULT_CONTENT_DIR
    return base if language == SOURCE_LANGUAGE else base / LOCALES / language


def load_libraries(root: Path | None = None) -> dict[str, Library]:
    """Every language's library, each checked against English; ContentError lists problems."""
    libraries, problems = _read_all(root)
    if problems:
        raise ContentError(problems)
    return libraries


def validate_languages(root: Path | None = None) -> list[str]:
    """Every problem in every translation (English's own problems: ``validate_library``)."""
    return _read_all(root)[1]


def _read_all(root: Path | None) -> tuple[dict[str, Library], list[str]]:
    english, problems = read_library(language_root(SOURCE_LANGUAGE, root))
    if english is None:
        return {}, problems
    libraries = {SOURCE_LANGUAGE: english}
    english_legends = _english_legends(root)
    for language in content_languages(root)[1:]:
        where = language_root(language, root)
        library, found = read_library(where)
        found = [f"{LOCALES}/{language}: {p}" for p in found]
        if library is not None:
            found += [f"{LOCALES}/{language}: {p}" for p in translation_problems(english, library)]
            libraries[language] = library
        legends, legend_problems = _read_legends(where / LEGENDS_FILE)
        found += [f"{LOCALES}/{language}/{LEGENDS_FILE}: {p}" for p in legend_problems]
        found += [
            f"{LOCALES}/{language}/{LEGENDS_FILE}: {p}"
            for p in legend_problems_against(english_legends, legends)
        ]
        problems += found
    return libraries, problems


def translation_problems(english: Any, translated: Any, where: str = "") -> list[str]:
    """Where ``translated`` differs from ``english`` other than in the words."""
    if dataclasses.is_dataclass(english) and not isinstance(english, type):
        if type(translated) is not type(english):
            return [f"{where or 'library'}: is a {type(translated).__name__}"]
        problems: list[str] = []
        for field in dataclasses.fields(english):
            here = f"{where}.{field.name}" if where else field.name
            mine, theirs = getattr(english, field.name), getattr(translated, field.name)
            if field.name in TEXT_FIELDS:
                problems += _text_problems(mine, theirs, here)
            else:
                problems += translation_problems(mine, theirs, here)
        return problems
    if isinstance(english, Mapping):
        if not isinstance(translated, Mapping) or set(english) != set(translated):
            return [f"{where}: has keys {_keys(translated)}, English has {_keys(english)}"]
        order = [] if list(english) == list(translated) else [f"{where}: in another order"]
        return order + [
            p
            for key in english
            for p in translation_problems(english[key], translated[key], f"{where}[{key}]")
        ]
    if isinstance(english, tuple):
        if not isinstance(translated, tuple) or len(translated) != len(english):
            return [f"{where}: has {_count(translated)} items, English has {len(english)}"]
        return [
            p
            for index, (mine, theirs) in enumerate(zip(english, translated, strict=True))
            for p in translation_problems(mine, theirs, f"{where}[{index}]")
        ]
    if english != translated:
        return [f"{where}: is {translated!r}, English has {english!r} (not a text to translate)"]
    return []


def _text_problems(english: Any, translated: Any, where: str) -> list[str]:
    if (english is None) != (translated is None):
        return [f"{where}: present in one language only"]
    if isinstance(english, tuple):
        if not isinstance(translated, tuple) or len(translated) != len(english):
            return [f"{where}: has {_count(translated)} items, English has {len(english)}"]
    return []


def _keys(value: Any) -> list[Any]:
    return list(value) if isinstance(value, Mapping) else [type(value).__name__]


def _count(value: Any) -> Any:
    return len(value) if isinstance(value, tuple) else type(value).__name__


def _english_legends(root: Path | None) -> Legends:
    directory = (root / "pictures" / "descriptions") if root is not None else None
    pictures, _ = read_pictures(directory)
    return {picture_id: picture.legend for picture_id, picture in pictures.items()}


def load_legends(language: str, root: Path | None = None) -> Legends:
    """Picture id → legend lines in ``language`` (English: the drawing descriptions)."""
    if language == SOURCE_LANGUAGE:
        return _english_legends(root)
    legends, problems = _read_legends(language_root(language, root) / LEGENDS_FILE)
    if problems:
        raise ContentError([f"{LOCALES}/{language}/{LEGENDS_FILE}: {p}" for p in problems])
    return legends


def _read_legends(path: Path) -> tuple[Legends, list[str]]:
    if not path.is_file():
        return {}, ["file is missing"]
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as error:
        return {}, [f"cannot be read: {error}"]
    if not isinstance(data, dict):
        return {}, ["must map picture ids to lists of legend lines"]
    legends: Legends = {}
    problems: list[str] = []
    for picture_id, lines in data.items():
        if not isinstance(lines, list) or not all(isinstance(x, str) and x for x in lines):
            problems.append(f"{picture_id}: must be a list of non-empty texts")
            continue
        legends[str(picture_id)] = tuple(lines)
    return legends, problems


def legend_problems_against(english: Legends, translated: Legends) -> list[str]:
    problems = [f"{pid}: missing" for pid in english if pid not in translated]
    problems += [f"{pid}: no such picture" for pid in translated if pid not in english]
    problems += [
        f"{pid}: has {len(translated[pid])} lines, English has {len(lines)}"
        for pid, lines in english.items()
        if pid in translated and len(translated[pid]) != len(lines)
    ]
    return problems


def load_all_legends(root: Path | None = None) -> dict[str, Legends]:
    """Every language's picture legends (call ``load_libraries`` first: it checks them)."""
    return {language: load_legends(language, root) for language in content_languages(root)}
