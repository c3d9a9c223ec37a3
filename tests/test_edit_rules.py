"""What an edited message means for the diary (domain/edits.py), without Telegram."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.edits import read_edit, undo_record, undone
from domain.models import PainEntry

ENTRY = PainEntry(
    "abcdEFGH", datetime(2026, 3, 2, 8, tzinfo=UTC), date(2026, 3, 2), 4, "lower back", "origb"
)


def test_a_report_edited_into_another_report_updates_the_same_entry_in_place():
    reading = read_edit("lower back 5, editc", ENTRY, max_note=300)
    assert reading.kind == "update"
    assert (reading.entry.id, reading.entry.recorded_at) == (ENTRY.id, ENTRY.recorded_at)
    assert (reading.entry.level, reading.entry.area, reading.entry.note) == (
        5,
        "lower back",
        "editc",
    )


def test_an_edit_that_keeps_every_value_is_the_same_report():
    assert read_edit("lower back 4,  origb", ENTRY, max_note=300).kind == "same"


def test_the_note_of_an_edit_is_cut_like_a_new_one():
    reading = read_edit("lower back 4, " + "x" * 50, ENTRY, max_note=10)
    assert reading.kind == "update" and reading.entry.note == "x" * 10


@pytest.mark.parametrize(
    ("text", "entry", "kind"),
    [
        ("pain 6", None, "new"),  # chatter or an undone report, now a report
        ("sorry, wrong chat", ENTRY, "kept"),  # a report is never lost to an edit
        ("lower back hurts a lot", ENTRY, "kept"),  # unclear now: the entry stays
        ("thanks a lot!", None, "ignore"),
        ("lower back hurts a lot", None, "ignore"),  # no second question for an edit
    ],
)
def test_what_each_edit_means(text, entry, kind):
    assert read_edit(text, entry, max_note=300).kind == kind


def test_undo_brings_back_the_values_before_the_edit():
    after = read_edit("neck 7", ENTRY, max_note=300).entry
    kept = undo_record(ENTRY, edit=991)
    assert kept.entry_id == ENTRY.id and kept.edit == 991
    assert undone(after, kept) == ENTRY
