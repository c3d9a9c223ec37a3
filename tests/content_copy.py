"""Editable copies of the shipped content, for tests of what the loader rejects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from content.loader import DEFAULT_CONTENT_DIR, load_library
from content.schema import ContentError


def copy_content(tmp_path: Path) -> Path:
    """Every content file (routines, tips, the safety table, the glossary) in a temp folder."""
    target = tmp_path / "content"
    shutil.copytree(
        DEFAULT_CONTENT_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__")
    )
    return target


def edit(path: Path, change) -> None:
    """Load a YAML file, let ``change`` alter the data, and write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def load_error(root: Path) -> str:
    """The message of the ContentError that loading ``root`` raises."""
    with pytest.raises(ContentError) as caught:
        load_library(root)
    return str(caught.value)
