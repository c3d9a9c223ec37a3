"""Routines, tips and the tool chooser as data files, with a typed loader (no Telegram here)."""

from content.loader import load_library, validate_library
from content.schema import ContentError, Library, Routine, Step

__all__ = ["ContentError", "Library", "Routine", "Step", "load_library", "validate_library"]
