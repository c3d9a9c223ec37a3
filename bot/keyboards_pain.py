"""Pain-diary keyboards: the body map's zones, the 0-10 scale, areas, the note's Skip and Undo.

``pain_levels`` is a cross-feature contract: reminder check-ins send it with source ``ci``
and the pain feature records whatever is pressed (``pain:lvl:<level>:<source>``).
"""

from __future__ import annotations

from datetime import date, timedelta

from telegram import InlineKeyboardMarkup

from bot import callbacks
from bot.i18n import _
from bot.keyboards import inline
from bot.texts import diary as diary_texts
from bot.texts import pain as texts
from domain.body_map import CHOOSABLE_AREAS, WHOLE_BACK, ZONES, area_code
from domain.pain import AREAS

# Where a level button was shown: /pain buttons, a reminder check-in, after an unclear message.
LEVEL_SOURCES = {"bt": "button", "ci": "checkin", "uc": "button"}

# Short codes for the areas, so an entry id and the area fit in 64 bytes of callback data;
# the areas themselves are listed once, in domain.pain.AREAS.
AREA_CODES: dict[str, str] = {area.code: area.label for area in AREAS}
# The areas a person picks (the body map's zones and the whole back), in the map's order;
# "hip & buttock" stays in AREA_CODES so that buttons already in chats still decode.
CHOOSABLE_CODES: dict[str, str] = {area_code(area): area for area in CHOOSABLE_AREAS}
SKIP_AREA = "skip"


def pain_levels(source: str, *, area: str | None = None) -> InlineKeyboardMarkup:
    """0-10 as two rows (0-5, 6-10); ``source`` is one of ``LEVEL_SOURCES``.

    ``area`` (a code of ``AREA_CODES`` or ``SKIP_AREA``) was picked on the body map just
    before: the levels carry it, and "◀ Another area" leads back to the map.
    """
    if source not in LEVEL_SOURCES:
        raise ValueError(f"unknown pain button source {source!r}")
    rows = [_level_row(range(0, 6), source, area), _level_row(range(6, 11), source, area)]
    if area is not None:
        rows.append([(_(texts.OTHER_AREA_BUTTON), callbacks.PainMap(source).pack())])
    return inline(rows)


def _level_row(levels: range, source: str, area: str | None) -> list[tuple[str, str]]:
    return [(str(n), callbacks.PainLevel(n, source, area).pack()) for n in levels]


def browse(today: date, *, correct: bool) -> InlineKeyboardMarkup:
    """Under /pain's list of today: "◀ Earlier days" and, with ``correct``, "✏️ Correct an
    entry" (the diary feature's buttons)."""
    earlier = callbacks.DiaryDay((today - timedelta(days=1)).isoformat()).pack()
    nav = [(_(diary_texts.EARLIER_BUTTON), earlier)]
    if correct:
        nav.append((_(diary_texts.CORRECT_BUTTON), callbacks.DiaryDay(today.isoformat()).pack()))
    return inline([nav])


def zone_button_text(number: int, short: str) -> str:
    """ "5 · Lower back": a zone's number and its short name, in the user's language."""
    return f"{number} · {texts.zone_button(short)}"


def body_map(source: str) -> InlineKeyboardMarkup:
    """The body map's zones 1-8 (two per row, in the picture's order), Whole back and No
    particular area; pressing one asks for the level next (``source`` as in pain_levels)."""
    if source not in LEVEL_SOURCES:
        raise ValueError(f"unknown pain button source {source!r}")
    buttons = [
        (zone_button_text(zone.number, zone.short), _zone(source, area_code(zone.area)))
        for zone in ZONES
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append(
        [
            (_(texts.WHOLE_BACK_BUTTON), _zone(source, area_code(WHOLE_BACK))),
            (_(texts.NO_AREA_BUTTON), _zone(source, SKIP_AREA)),
        ]
    )
    return inline(rows)


def _zone(source: str, code: str) -> str:
    return callbacks.PainZone(source, code).pack()


def undo_row(entry_id: str) -> list[tuple[str, str]]:
    return [(_(texts.UNDO_BUTTON), callbacks.UndoPain(entry_id).pack())]


def undo(entry_id: str) -> InlineKeyboardMarkup:
    return inline([undo_row(entry_id)])


def undo_edit(entry_id: str, edit: int) -> InlineKeyboardMarkup:
    """Undo under an "Updated" reply: the entry's values before that edit come back."""
    return inline([[(_(texts.UNDO_BUTTON), callbacks.UndoEdit(entry_id, edit).pack())]])


def areas(entry_id: str) -> InlineKeyboardMarkup:
    """The areas (two per row), Skip, then Undo for the entry just recorded (the area asked
    after the level, as /pain did before the body map: its buttons may still be in chats)."""
    buttons = [
        (texts.area_name(area), callbacks.PainArea(entry_id, code).pack())
        for code, area in CHOOSABLE_CODES.items()
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    skip = (_(texts.SKIP_BUTTON), callbacks.PainArea(entry_id, SKIP_AREA).pack())
    return inline([*rows, [skip], undo_row(entry_id)])


def note_skip(entry_id: str) -> InlineKeyboardMarkup:
    """Skip the optional note, or undo the entry."""
    skip = (_(texts.SKIP_BUTTON), callbacks.SkipNote(entry_id).pack())
    return inline([[skip], undo_row(entry_id)])
