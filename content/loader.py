"""Read the content folder (routines/*.yaml and tips/*.yaml) into a typed ``Library``.

Layout of a content folder::

    routines/<anything>.yaml   one routine per file; the library keeps file-name order
    tips/<anything>.yaml       each file has a `kind`: tips | disclaimer | tool_chooser |
                               screening (exactly one each of the last three)
    safety/warning-signs.yaml  the one table of warning signs, their tiers and advice

``load_library`` raises ``ContentError`` on the first broken file, naming file and field.
``validate_library`` returns every problem in every file, for ``backcare-bot check``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from content.schema import (
    TIP_KINDS,
    ContentError,
    Library,
    Routine,
    ScreeningQuestions,
    Tips,
    TipSection,
    ToolChooser,
    WarningSigns,
    parse_disclaimer,
    parse_routine,
    parse_screening,
    parse_tip_section,
    parse_tool_chooser,
    parse_warning_signs,
)

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parent
WARNING_SIGNS_FILE = Path("safety") / "warning-signs.yaml"


def load_library(path: Path | None = None) -> Library:
    """Load and validate all content; raise ContentError listing what is wrong."""
    library, problems = read_library(Path(path) if path is not None else DEFAULT_CONTENT_DIR)
    if problems or library is None:
        raise ContentError(problems)
    return library


def validate_library(path: Path | None = None) -> list[str]:
    """Every problem across all content files (empty when the content is fine)."""
    _, problems = read_library(Path(path) if path is not None else DEFAULT_CONTENT_DIR)
    return problems


def read_library(root: Path) -> tuple[Library | None, list[str]]:
    problems: list[str] = []
    routines, routines_ok = _read_routines(root / "routines", problems)
    tips, chooser, screening = _read_tips(
        root / "tips", routines if routines_ok else None, problems
    )
    warning_signs = _read_warning_signs(root / WARNING_SIGNS_FILE, problems)
    if problems or None in (tips, chooser, screening, warning_signs):
        return None, problems
    library = Library(
        routines=routines,
        tips=tips,
        tool_chooser=chooser,
        screening=screening,
        warning_signs=warning_signs,
    )
    return library, []


def _read_warning_signs(path: Path, problems: list[str]) -> WarningSigns | None:
    if not path.is_file():
        problems.append(f"{WARNING_SIGNS_FILE}: file is missing (looked in {path})")
        return None
    data = _read_yaml(path, problems)
    if data is None:
        return None
    table, found = parse_warning_signs(data, path.name)
    problems.extend(found)
    return table


def _yaml_files(folder: Path, problems: list[str]) -> list[Path]:
    if not folder.is_dir():
        problems.append(f"{folder.name}/: folder is missing (looked in {folder})")
        return []
    files = sorted(folder.glob("*.yaml"))
    strays = sorted(p.name for p in folder.glob("*.yml"))
    problems.extend(f"{name}: use the .yaml extension so the file is loaded" for name in strays)
    if not files:
        problems.append(f"{folder.name}/: has no .yaml files")
    return files


def _read_yaml(path: Path, problems: list[str]) -> Any | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problems.append(
            f"{path.name}: is not valid YAML{where}: {getattr(error, 'problem', error)}"
        )
        return None
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{path.name}: cannot be read: {error}")
        return None
    if data is None:
        problems.append(f"{path.name}: is empty")
    return data


def _read_routines(folder: Path, problems: list[str]) -> tuple[dict[str, Routine], bool]:
    """Routines keyed by id in file-name order, and whether every file was valid."""
    routines: dict[str, Routine] = {}
    first_file: dict[str, str] = {}
    before = len(problems)
    for path in _yaml_files(folder, problems):
        data = _read_yaml(path, problems)
        if data is None:
            continue
        routine, found = parse_routine(data, path.name)
        problems.extend(found)
        if routine is None:
            continue
        if routine.id in routines:
            problems.append(
                f"{path.name}: id {routine.id!r} is already used by {first_file[routine.id]}"
            )
            continue
        routines[routine.id] = routine
        first_file[routine.id] = path.name
    return routines, len(problems) == before


def _read_tips(
    folder: Path, routines: dict[str, Routine] | None, problems: list[str]
) -> tuple[Tips | None, ToolChooser | None, ScreeningQuestions | None]:
    sections: dict[str, TipSection] = {}
    disclaimers: list[tuple[str, str]] = []
    disclaimer_files: list[str] = []
    choosers: list[tuple[str, ToolChooser]] = []
    chooser_files: list[str] = []
    screenings: list[ScreeningQuestions] = []
    screening_files: list[str] = []
    for path in _yaml_files(folder, problems):
        data = _read_yaml(path, problems)
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.append(f"{path.name}: must be a mapping of fields, got {type(data).__name__}")
            continue
        kind = data.get("kind")
        if kind == "tips":
            section, found = parse_tip_section(data, path.name)
            problems.extend(found)
            if section is not None and section.id in sections:
                problems.append(
                    f"{path.name}: id {section.id!r} is already used by another tip file"
                )
            elif section is not None:
                sections[section.id] = section
        elif kind == "disclaimer":
            disclaimer_files.append(path.name)
            text, found = parse_disclaimer(data, path.name)
            problems.extend(found)
            if text is not None:
                disclaimers.append((path.name, text))
        elif kind == "tool_chooser":
            chooser_files.append(path.name)
            chooser, found = parse_tool_chooser(data, path.name, routines)
            problems.extend(found)
            if chooser is not None:
                choosers.append((path.name, chooser))
        elif kind == "screening":
            screening_files.append(path.name)
            screening, found = parse_screening(data, path.name)
            problems.extend(found)
            if screening is not None:
                screenings.append(screening)
        else:
            problems.append(
                f"{path.name}: kind must be one of {', '.join(TIP_KINDS)}, got {kind!r}"
            )

    if len(disclaimer_files) > 1:
        names = ", ".join(disclaimer_files)
        problems.append(f"tips/: exactly one disclaimer file is allowed, found {names}")
    if len(chooser_files) > 1:
        problems.append(
            f"tips/: exactly one tool_chooser file is allowed, found {', '.join(chooser_files)}"
        )
    if len(screening_files) > 1:
        names = ", ".join(screening_files)
        problems.append(f"tips/: exactly one screening file is allowed, found {names}")
    if folder.is_dir() and not screening_files:
        problems.append("tips/: no file with kind: screening")
    if folder.is_dir() and not disclaimer_files:
        problems.append("tips/: no file with kind: disclaimer")
    if folder.is_dir() and not chooser_files:
        problems.append("tips/: no file with kind: tool_chooser")

    tips = Tips(sections=sections, disclaimer=disclaimers[0][1]) if disclaimers else None
    chooser = choosers[0][1] if choosers else None
    return tips, chooser, (screenings[0] if screenings else None)
