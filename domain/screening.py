"""The safety screening: conditions that make some routines unsuitable, and the filter.

A short yes/no screening asks about the conditions below. Firm or deep pressure, heat or an
electric massager each need care with some of them (pregnancy, osteoporosis, blood thinners,
recent surgery, cancer, an implanted device, broken or inflamed skin), so every routine file
declares in ``unsuitable_for`` which of these rule it out. Pure logic over plain data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol, TypeVar

# Stable codes: stored in the user's answers and written in routine files.
CONDITIONS: tuple[str, ...] = (
    "pregnancy",
    "osteoporosis",
    "bleeding_risk",  # blood thinners or a bleeding disorder
    "recent_surgery",  # surgery or a fracture in the last few months
    "cancer",
    "implanted_device",  # pacemaker or another implanted electronic device
    "skin_problem",  # broken, inflamed or numb skin where the routine works
)


class _Declares(Protocol):
    @property
    def unsuitable_for(self) -> tuple[str, ...]: ...


def is_suitable(routine: _Declares, conditions: Iterable[str]) -> bool:
    """True when none of the user's conditions is one the routine is unsuitable for."""
    return not set(routine.unsuitable_for) & set(conditions)


R = TypeVar("R", bound=_Declares)


def suitable_only(routines: Iterable[R], conditions: Iterable[str]) -> list[R]:
    """The routines that suit someone with ``conditions``, in their original order."""
    held = frozenset(conditions)
    return [routine for routine in routines if is_suitable(routine, held)]


# ---------------------------------------------------------------------------------------
# Answers: what the user said, how it is stored, and which conditions to respect.

Answer = Literal["yes", "no", "unsure"]
ANSWERS: tuple[str, ...] = ("yes", "no", "unsure")
# One letter per answer, so a whole set of answers travels in a button's callback data.
_LETTERS: dict[str, str] = {"yes": "y", "no": "n", "unsure": "u"}
_FROM_LETTER = {letter: answer for answer, letter in _LETTERS.items()}


class ScreeningError(ValueError):
    """Answers that are not one letter per condition (a forged or truncated button)."""


@dataclass(frozen=True)
class Screening:
    """A user's stored screening: when they answered, and the conditions to respect.

    ``conditions`` holds every condition answered "yes" *or* "not sure": when in doubt,
    the routines that need care with it are left out. ``unsure`` says which of them were
    "not sure", so the summary can say that they are treated as a yes.
    ``declined_on`` is set (and ``answered_on`` None) when the user chose not to answer.
    """

    answered_on: date | None = None
    conditions: frozenset[str] = frozenset()
    unsure: frozenset[str] = frozenset()
    declined_on: date | None = None

    @property
    def answered(self) -> bool:
        return self.answered_on is not None

    def respected(self) -> frozenset[str]:
        """The conditions selection must respect: all of them until the user has answered."""
        return self.conditions if self.answered else frozenset(CONDITIONS)


def encode_answers(answers: Sequence[str]) -> str:
    """``["no", "yes", "unsure"]`` -> ``"nyu"`` (answers in the order of CONDITIONS)."""
    if len(answers) > len(CONDITIONS):
        raise ScreeningError(f"{len(answers)} answers for {len(CONDITIONS)} conditions")
    try:
        return "".join(_LETTERS[a] for a in answers)
    except KeyError as error:
        raise ScreeningError(f"unknown answer {error.args[0]!r}") from None


def decode_answers(code: str) -> list[str]:
    """``"nyu"`` -> ``["no", "yes", "unsure"]``; ScreeningError for anything else."""
    if len(code) > len(CONDITIONS) or any(c not in _FROM_LETTER for c in code):
        raise ScreeningError(f"not a screening answer code: {code[:20]!r}")
    return [_FROM_LETTER[c] for c in code]


def from_answers(answers: Sequence[str], on: date) -> Screening:
    """The screening for a complete set of answers (one per condition, in order)."""
    if len(answers) != len(CONDITIONS) or any(a not in ANSWERS for a in answers):
        raise ScreeningError(f"need one of {ANSWERS} for each of {len(CONDITIONS)} conditions")
    held = {c for c, a in zip(CONDITIONS, answers, strict=True) if a in ("yes", "unsure")}
    unsure = {c for c, a in zip(CONDITIONS, answers, strict=True) if a == "unsure"}
    return Screening(answered_on=on, conditions=frozenset(held), unsure=frozenset(unsure))


def from_stored(stored: object) -> Screening:
    """Read ``settings["screening"]`` of schema 2 data files (now kept typed in
    ``user.preferences.screening``); anything missing or malformed is unanswered.

    Unanswered means every condition is respected (see ``Screening.respected``), so a
    damaged record can only make the bot more careful, never less. Unknown codes are kept:
    a condition added later must not be dropped from someone's answers.
    """
    if not isinstance(stored, Mapping):
        return Screening()
    answered = _date_or_none(stored.get("answered_at"))
    conditions = stored.get("conditions")
    if answered is None or not isinstance(conditions, list):
        return Screening(declined_on=_date_or_none(stored.get("declined_at")))
    unsure = stored.get("unsure")
    return Screening(
        answered_on=answered,
        conditions=frozenset(str(c) for c in conditions),
        unsure=frozenset(str(c) for c in unsure) if isinstance(unsure, list) else frozenset(),
    )


def _date_or_none(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
