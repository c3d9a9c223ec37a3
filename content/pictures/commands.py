"""What ``backcare-bot pictures`` and ``backcare-bot gallery`` do, with their messages.

Kept apart from bot/cli.py so the command line does not import matplotlib until one of
these commands runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from content.pictures import PNG_DIR
from content.pictures.render import check_pictures, gallery, render_stale, status


def _say(message: str, error: bool = False) -> None:
    print(f"backcare-bot pictures: {message}", file=sys.stderr if error else sys.stdout)


def render_pictures(
    check_only: bool = False,
    force: bool = False,
    descriptions: Path | None = None,
    png_dir: Path | None = None,
) -> int:
    """Exit status: 0 when every picture is valid and (after rendering) fresh, else 1."""
    pictures, problems = check_pictures(descriptions)
    if problems:
        for problem in problems:
            _say(problem, error=True)
        return 1
    directory = png_dir or PNG_DIR
    if check_only:
        current = status(pictures, directory)
        for label, ids in (
            ("stale (description or drawing code changed)", current.stale),
            ("missing", current.missing),
            ("not described any more", current.orphans),
        ):
            if ids:
                _say(f"{label}: {', '.join(ids)}", error=True)
        if current.skipped:
            _say(f"not drawn here (no module for their view): {', '.join(current.skipped)}")
        if not current.ok:
            _say("run `backcare-bot pictures` and commit the PNGs", error=True)
            return 1
        _say(f"{len(current.fresh)} pictures are up to date")
        return 0
    rendered = render_stale(pictures, force=force, png_dir=directory)
    _say(f"rendered {len(rendered)} of {len(pictures)} pictures into {directory}")
    return 0


def make_gallery(out: Path) -> int:
    """Bring every picture up to date, then save the contact sheet at ``out``."""
    pictures, problems = check_pictures()
    if problems:
        for problem in problems:
            _say(problem, error=True)
        return 1
    render_stale(pictures)
    path = gallery(pictures, out)
    print(f"backcare-bot gallery: {len(pictures)} pictures on {path}")
    return 0
