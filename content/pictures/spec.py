"""Picture descriptions: one YAML file per picture under ``descriptions/``, read and checked.

A description names its ``id`` (the file name without ``.yaml``), the ``view`` that draws it
(``back``: the body from behind; ``pose``: whole-body positions) and a ``legend``: short
English lines explaining each number and symbol, because pictures carry no words. Every
other field belongs to the view and is checked by it (see ``render.check_pictures``).

This module reads YAML only (no matplotlib), so the bot can look up a picture's legend
without loading the drawing code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from content.pictures import PICTURES_DIR

DESCRIPTIONS_DIR = PICTURES_DIR / "descriptions"
VIEW_NAMES = ("back", "pose")
MAX_ID_LENGTH = 24  # like every content id (content.schema.MAX_ID_LENGTH)
MAX_LEGEND_LINE = 120
# The legend goes under the step's text in a photo caption (1024 characters in all).
MAX_LEGEND_TOTAL = 420
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COMMON_FIELDS = ("id", "view", "legend")


class PictureError(ValueError):
    """A picture description is broken; the message names the file and the field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        message = self.problems[0] if self.problems else "picture descriptions are invalid"
        if len(self.problems) > 1:
            message += f" (and {len(self.problems) - 1} more problem(s))"
        super().__init__(message)


@dataclass(frozen=True)
class Picture:
    """One picture's description: who draws it, its legend, and the view's own fields."""

    id: str
    view: str
    legend: tuple[str, ...]
    # The whole description as read (view fields included), handed to the view's draw().
    spec: Mapping[str, Any] = field(repr=False)
    source: Path = field(repr=False)

    def caption_legend(self) -> str:
        """The legend as caption lines, one symbol per line."""
        return "\n".join(self.legend)


def parse_picture(data: Any, filename: str) -> tuple[Picture | None, list[str]]:
    """Check the common fields of one description; view fields are the view's business."""
    problems: list[str] = []

    def fail(message: str) -> None:
        problems.append(f"{filename}: {message}")

    if not isinstance(data, dict):
        fail(f"must be a mapping of fields, got {type(data).__name__}")
        return None, problems
    for key in COMMON_FIELDS:
        if key not in data:
            fail(f"{key} is missing")
    picture_id = data.get("id")
    stem = Path(filename).stem
    if "id" in data:
        if not isinstance(picture_id, str) or not _SLUG.match(picture_id):
            fail(f"id must be a slug of a-z, 0-9 and '-', got {picture_id!r}")
        elif len(picture_id) > MAX_ID_LENGTH:
            fail(f"id must be at most {MAX_ID_LENGTH} characters, got {len(picture_id)}")
        elif picture_id != stem:
            fail(f"id must match the file name ({stem!r}), got {picture_id!r}")
    view = data.get("view")
    if "view" in data and view not in VIEW_NAMES:
        fail(f"view must be one of {', '.join(VIEW_NAMES)}, got {view!r}")
    legend = data.get("legend")
    lines: list[str] = []
    if "legend" in data:
        if not isinstance(legend, list) or not legend:
            fail(f"legend must be a non-empty list of short texts, got {legend!r}")
        else:
            for index, line in enumerate(legend):
                if not isinstance(line, str) or not line.strip():
                    fail(f"legend[{index}] must be a non-empty text, got {line!r}")
                    continue
                line = " ".join(line.split())
                if len(line) > MAX_LEGEND_LINE:
                    fail(f"legend[{index}] must be at most {MAX_LEGEND_LINE} characters")
                lines.append(line)
            if sum(len(line) + 1 for line in lines) > MAX_LEGEND_TOTAL:
                fail(f"legend must be at most {MAX_LEGEND_TOTAL} characters in all")
    if problems:
        return None, problems
    picture = Picture(
        id=picture_id, view=view, legend=tuple(lines), spec=data, source=Path(filename)
    )
    return picture, []


def read_pictures(directory: Path | None = None) -> tuple[dict[str, Picture], list[str]]:
    """Every description in ``directory`` (sorted by id) and every problem found."""
    root = Path(directory) if directory is not None else DESCRIPTIONS_DIR
    pictures: dict[str, Picture] = {}
    problems: list[str] = []
    if not root.is_dir():
        return {}, [f"{root}: the picture descriptions folder is missing"]
    for path in sorted(root.glob("*.yaml")):
        name = f"pictures/{path.name}"
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            problems.append(f"{name}: cannot be read as YAML ({error})")
            continue
        picture, found = parse_picture(data, name)
        problems += found
        if picture is not None:
            pictures[picture.id] = replace(picture, source=path)
    return pictures, problems


def load_pictures(directory: Path | None = None) -> dict[str, Picture]:
    """Every picture description by id; raise ``PictureError`` listing what is wrong."""
    pictures, problems = read_pictures(directory)
    if problems:
        raise PictureError(problems)
    return pictures


def step_picture_problems(routines: Mapping[str, Any], directory: Path | None = None) -> list[str]:
    """Steps naming a picture that is not described or has no PNG (cheap: reads YAML only).

    ``routines`` maps routine ids to ``content.schema.Routine``; used by ``backcare-bot
    check``, so a deployment finds a missing picture before a user reaches that step.
    """
    from content.pictures import png_path

    pictures, problems = read_pictures(directory)
    for routine_id, routine in routines.items():
        for index, step in enumerate(routine.steps):
            if step.picture is None:
                continue
            where = f"routines/{routine_id}: steps[{index}].picture {step.picture!r}"
            if step.picture not in pictures:
                problems.append(f"{where} has no description in pictures/descriptions/")
            elif not png_path(step.picture).is_file():
                problems.append(f"{where} is not rendered: run `backcare-bot pictures`")
    return problems
