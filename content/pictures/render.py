"""Render picture descriptions to the committed PNGs, check they are fresh, make a gallery.

Views are drawing modules found by name (``VIEWS``): each has ``draw(ax, spec)`` (``spec`` is
the description as a plain mapping), and may have ``validate(spec) -> list[str]`` and
``CANVAS_PX = (width, height)``, or ``canvas_px(spec)`` when the size depends on the picture
(1024 on the long side either way). A view whose module is not there yet (``pose`` before its
module lands) is skipped, never an error.

Each PNG carries a fingerprint in its metadata: a hash of its description, its view's
code and the shared drawing code and style. A PNG whose fingerprint differs from today's
sources is stale; ``backcare-bot pictures --check`` and tests/test_pictures.py say so.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from matplotlib.figure import Figure

from content.pictures import PICTURES_DIR, PNG_DIR, png_path, style
from content.pictures.spec import Picture, read_pictures

VIEWS: dict[str, str] = {
    "back": "content.pictures.back",
    "pose": "content.pictures.poses",
}
FINGERPRINT_KEY = "Fingerprint"
# Code every view shares: a change here re-renders every picture.
SHARED_CODE = ("style.py", "marks.py", "render.py")


def view_module(view: str) -> ModuleType | None:
    """The drawing module of ``view``, or None when that module does not exist (yet)."""
    name = VIEWS.get(view)
    if name is None:
        return None
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
        return None


def check_pictures(directory: Path | None = None) -> tuple[dict[str, Picture], list[str]]:
    """Every description, checked by the common rules and by its view's ``validate``."""
    pictures, problems = read_pictures(directory)
    for picture in pictures.values():
        module = view_module(picture.view)
        validate = getattr(module, "validate", None)
        if validate is not None:
            problems += [f"pictures/{picture.id}.yaml: {p}" for p in validate(picture.spec)]
    return pictures, problems


def fingerprint(picture: Picture) -> str:
    """A hash of what the PNG is made from: the description, its view's code and style."""
    digest = hashlib.sha256()
    digest.update(json.dumps(picture.spec, sort_keys=True, default=str).encode())
    module = view_module(picture.view)
    files = [PICTURES_DIR / name for name in SHARED_CODE]
    if module is not None and module.__file__:
        files.append(Path(module.__file__))
        # Data a view draws from besides its code (the pose view's table of named poses).
        files += [Path(path) for path in getattr(module, "DATA_FILES", ())]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def stored_fingerprint(path: Path) -> str | None:
    """The fingerprint written into a PNG, or None when there is no readable one."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            return image.info.get(FINGERPRINT_KEY)
    except (OSError, ValueError):
        return None


def canvas_px(picture: Picture) -> tuple[int, int]:
    """The picture's size in pixels: its view's choice for this picture, or its fixed size."""
    module = view_module(picture.view)
    choose = getattr(module, "canvas_px", None)
    if choose is not None:
        return tuple(choose(picture.spec))
    return tuple(getattr(module, "CANVAS_PX", (style.WIDTH_PX, style.HEIGHT_PX)))


def figure_for(picture: Picture) -> Figure:
    """The picture drawn on a fresh ``Figure`` (object API: no pyplot, no global state)."""
    module = view_module(picture.view)
    if module is None:
        raise LookupError(f"no drawing module for view {picture.view!r}")
    width, height = canvas_px(picture)
    figure = Figure(figsize=(width / style.DPI, height / style.DPI), dpi=style.DPI)
    figure.patch.set_facecolor(style.BACKGROUND)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    module.draw(ax, picture.spec)
    return figure


def render(picture: Picture, path: Path | None = None) -> Path:
    """Draw ``picture`` and save it as a PNG with its fingerprint in the metadata."""
    target = path or png_path(picture.id)
    target.parent.mkdir(parents=True, exist_ok=True)
    figure = figure_for(picture)
    figure.savefig(
        target,
        dpi=style.DPI,
        facecolor=style.BACKGROUND,
        metadata={FINGERPRINT_KEY: fingerprint(picture), "Software": "backcare-bot pictures"},
    )
    return target


@dataclass(frozen=True)
class Status:
    """Where each picture stands against its sources."""

    fresh: tuple[str, ...]
    stale: tuple[str, ...]  # the PNG exists but was drawn from other sources
    missing: tuple[str, ...]  # no PNG yet
    skipped: tuple[str, ...]  # its view has no drawing module on this branch
    orphans: tuple[str, ...]  # PNGs no description asks for

    @property
    def ok(self) -> bool:
        return not (self.stale or self.missing or self.orphans)


def status(pictures: dict[str, Picture], png_dir: Path | None = None) -> Status:
    """Which PNGs in ``png_dir`` (default: the committed ones) match today's sources."""
    directory = png_dir or PNG_DIR
    fresh, stale, missing, skipped = [], [], [], []
    for picture in pictures.values():
        path = directory / f"{picture.id}.png"
        if view_module(picture.view) is None:
            skipped.append(picture.id)
        elif not path.is_file():
            missing.append(picture.id)
        elif stored_fingerprint(path) != fingerprint(picture):
            stale.append(picture.id)
        else:
            fresh.append(picture.id)
    known = set(pictures)
    orphans = sorted(p.stem for p in directory.glob("*.png") if p.stem not in known)
    return Status(tuple(fresh), tuple(stale), tuple(missing), tuple(skipped), tuple(orphans))


def render_stale(
    pictures: dict[str, Picture], force: bool = False, png_dir: Path | None = None
) -> list[str]:
    """Render every picture that is stale or missing (all with ``force``); remove orphans."""
    directory = png_dir or PNG_DIR
    current = status(pictures, directory)
    todo = [*current.stale, *current.missing] + (list(current.fresh) if force else [])
    for picture_id in sorted(todo):
        render(pictures[picture_id], directory / f"{picture_id}.png")
    for orphan in current.orphans:
        (directory / f"{orphan}.png").unlink()
    return sorted(todo)


def gallery(pictures: dict[str, Picture], out: Path, columns: int = 6) -> Path:
    """Every rendered picture on one contact sheet, its id underneath (for reviewers)."""
    import matplotlib.image as mpimg

    ids = [p for p in sorted(pictures) if png_path(p).is_file()]
    rows = max(1, math.ceil(len(ids) / columns))
    cell_w, cell_h, label_h = 2.6, 2.6, 0.32  # inches
    figure = Figure(figsize=(columns * cell_w, rows * (cell_h + label_h)), dpi=100)
    figure.patch.set_facecolor(style.BACKGROUND)
    total_h = rows * (cell_h + label_h)
    for index, picture_id in enumerate(ids):
        row, col = divmod(index, columns)
        bottom = total_h - (row + 1) * (cell_h + label_h) + label_h
        ax = figure.add_axes(
            (
                col * cell_w / (columns * cell_w),
                bottom / total_h,
                cell_w / (columns * cell_w),
                cell_h / total_h,
            )
        )
        ax.imshow(mpimg.imread(png_path(picture_id)))
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_color(style.FLOOR)
        figure.text(
            (col + 0.5) / columns,
            (bottom - label_h * 0.55) / total_h,
            f"{index + 1}. {picture_id}",
            ha="center",
            va="center",
            fontsize=10,
            color=style.OUTLINE,
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, dpi=100, facecolor=style.BACKGROUND)
    return out
