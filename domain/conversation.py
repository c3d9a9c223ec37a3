"""What the bot waits for from a person: typed conversation state that survives a restart.

Plain text goes to the feature that asked a question (a time zone, a note, a time) while
``user.awaiting`` says so. A kind names the question; ``ref`` names what the answer
belongs to (a diary entry, a reminder draft, a reminder), empty when nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

AwaitingKind = Literal[
    "timezone",
    "pain_note",
    "remind_time",
    "remind_change",
    "diary_note",
    "summary_time",
    "factor_name",
]
KINDS: tuple[str, ...] = get_args(AwaitingKind)


@dataclass(frozen=True)
class Awaiting:
    kind: AwaitingKind
    ref: str = ""  # the id of the entry, draft or reminder the answer is for

    def is_for(self, kind: AwaitingKind, ref: str) -> bool:
        return self.kind == kind and self.ref == ref


def parse_legacy(value: object) -> Awaiting | None:
    """A ``"kind:ref"`` string of older data files; None for anything not understood."""
    if not isinstance(value, str):
        return None
    kind, _, ref = value.partition(":")
    return Awaiting(kind, ref) if kind in KINDS else None  # type: ignore[arg-type]


def outlives_a_command(state: Awaiting | None, has_zone: bool) -> bool:
    """True for the one question a command does not end: the time zone of someone who has
    none yet (without it nothing can be dated or timed), asked again after the command."""
    return state is not None and state.kind == "timezone" and not has_zone
