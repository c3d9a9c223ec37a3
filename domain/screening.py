"""The safety screening: conditions that make some routines unsuitable, and the filter.

A short yes/no screening asks about the conditions below. Firm or deep pressure, heat or an
electric massager each need care with some of them (pregnancy, osteoporosis, blood thinners,
recent surgery, cancer, an implanted device, broken or inflamed skin), so every routine file
declares in ``unsuitable_for`` which of these rule it out. Pure logic over plain data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

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
