"""What an edited message means for the pain diary.

Telegram lets people edit what they sent, and a person who edits "lower back 4" into
"lower back 5" means "I said it wrong", not "I have a second entry". The entry a message
made carries that message's id (``storage.ids.id_for_message``), so an edit finds it:

- the edit reads as a report and the message made an entry: the entry is **updated** in
  place (same id, same time), unless nothing it keeps changed (then there is nothing to say);
- the edit reads as a report and the message made none (it was chatter, an unclear report,
  or its entry was undone): it is recorded as a **new** report, as if sent like that;
- the message made an entry but the edit no longer reads as a report: the entry is **kept**
  and the user is told so (with Undo to remove it): a report is never lost to a typo;
- anything else (chatter edited into other chatter, an unclear report edited) is
  **ignored**: answering it again would be noise. (Commands never get here: an edited
  command is ignored too, since running /forget or /start again because of an edit would
  surprise anyone.)

Warning signs are not decided here: every edited text is read for them, like a new one.
Pure logic; the Telegram side is ``bot/handlers/pain.py``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from domain.models import PainEntry
from domain.pain import PainParse, parse_pain_message
from domain.preferences import EditUndo

EditKind = Literal["update", "same", "new", "kept", "ignore"]


@dataclass(frozen=True)
class EditReading:
    """``kind`` (see the module docstring); ``parse`` of the edited text; ``entry`` the entry
    as it should be stored after an "update" (else the entry the message made, if any)."""

    kind: EditKind
    parse: PainParse
    entry: PainEntry | None = None


def read_edit(
    text: str, entry: PainEntry | None, max_note: int, parse: PainParse | None = None
) -> EditReading:
    """What the edited ``text`` of a message means, given the ``entry`` that message made
    (None if it made none); notes are kept to ``max_note`` characters, as when recorded.
    ``parse``: the text already read (in the user's language); English otherwise."""
    parse = parse if parse is not None else parse_pain_message(text)
    if parse.kind != "report":
        return EditReading("kept" if entry is not None else "ignore", parse, entry)
    if entry is None:
        return EditReading("new", parse)
    updated = dataclasses.replace(
        entry, level=parse.level, area=parse.area, note=parse.note[:max_note]
    )
    return EditReading("same" if updated == entry else "update", parse, updated)


def undo_record(before: PainEntry, edit: int) -> EditUndo:
    """What to keep so that the Undo of edit ``edit`` brings ``before`` back."""
    return EditUndo(before.id, edit, before.level, before.area, before.note)


def undone(entry: PainEntry, undo: EditUndo) -> PainEntry:
    """``entry`` with the values it had before the edit ``undo`` was kept for."""
    return dataclasses.replace(entry, level=undo.level, area=undo.area, note=undo.note)
