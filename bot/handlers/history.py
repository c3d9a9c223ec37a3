"""Placeholder: this feature is being built; it registers no handlers yet."""

from __future__ import annotations


def handlers() -> list:
    return []
