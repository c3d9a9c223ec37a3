"""Pain-diary keyboards: the 0-10 scale, body areas, the note's Skip and Undo.

``pain_levels`` is a cross-feature contract: reminder check-ins send it with source ``ci``
and the pain feature records whatever is pressed (``pain:lvl:<level>:<source>``).
"""

from __future__ import annotations

from datetime import date, timedelta

from telegram import InlineKeyboardMarkup

from bot import callbacks
from bot.keyboards import inline
from bot.texts import diary as diary_texts
from bot.texts import pain as texts
from domain.pain import AREAS

# Where a level button was shown: /pain buttons, a reminder check-in, after an unclear message.
LEVEL_SOURCES = {"bt": "button", "ci": "checkin", "uc": "button"}

# Short codes for the areas, so an entry id and the area fit in 64 bytes of callback data;
# the areas themselves are listed once, in domain.pain.AREAS.
AREA_CODES: dict[str, str] = {area.code: area.label for area in AREAS}
SKIP_AREA = "skip"


def pain_levels(
    source: str, *, browse_from: date | None = None, correct: bool = False
) -> InlineKeyboardMarkup:
    """0-10 as two rows (0-5, 6-10); ``source`` is one of ``LEVEL_SOURCES``.

    ``browse_from`` (today, under /pain) adds "◀ Earlier days" and, with ``correct``,
    "✏️ Correct an entry" (the diary feature's buttons).
    """
    if source not in LEVEL_SOURCES:
        raise ValueError(f"unknown pain button source {source!r}")
    rows = [_level_row(range(0, 6), source), _level_row(range(6, 11), source)]
    if browse_from is not None:
        earlier = callbacks.DiaryDay((browse_from - timedelta(days=1)).isoformat()).pack()
        nav = [(diary_texts.EARLIER_BUTTON, earlier)]
        if correct:
            nav.append(
                (diary_texts.CORRECT_BUTTON, callbacks.DiaryDay(browse_from.isoformat()).pack())
            )
        rows.append(nav)
    return inline(rows)


def _level_row(levels: range, source: str) -> list[tuple[str, str]]:
    return [(str(n), callbacks.PainLevel(n, source).pack()) for n in levels]


def undo_row(entry_id: str) -> list[tuple[str, str]]:
    return [(texts.UNDO_BUTTON, callbacks.UndoPain(entry_id).pack())]


def undo(entry_id: str) -> InlineKeyboardMarkup:
    return inline([undo_row(entry_id)])


def undo_edit(entry_id: str, edit: int) -> InlineKeyboardMarkup:
    """Undo under an "Updated" reply: the entry's values before that edit come back."""
    return inline([[(texts.UNDO_BUTTON, callbacks.UndoEdit(entry_id, edit).pack())]])


def areas(entry_id: str) -> InlineKeyboardMarkup:
    """The areas (two per row), Skip, then Undo for the entry just recorded."""
    buttons = [
        (area, callbacks.PainArea(entry_id, code).pack()) for code, area in AREA_CODES.items()
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    skip = (texts.SKIP_BUTTON, callbacks.PainArea(entry_id, SKIP_AREA).pack())
    return inline([*rows, [skip], undo_row(entry_id)])


def note_skip(entry_id: str) -> InlineKeyboardMarkup:
    """Skip the optional note, or undo the entry."""
    skip = (texts.SKIP_BUTTON, callbacks.SkipNote(entry_id).pack())
    return inline([[skip], undo_row(entry_id)])
