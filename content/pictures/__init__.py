"""Illustrations: drawing descriptions (source) and the PNGs rendered from them.

The PNGs in ``png/`` are rendered by one command (see docs/pictures.md) and committed, so a
running bot only reads files and never waits for rendering.
"""

from pathlib import Path

PICTURES_DIR = Path(__file__).resolve().parent
PNG_DIR = PICTURES_DIR / "png"


def png_path(picture_id: str) -> Path:
    """Where the rendered picture ``picture_id`` lives (it may not exist yet)."""
    return PNG_DIR / f"{picture_id}.png"
