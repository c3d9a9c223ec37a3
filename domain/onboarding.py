"""Getting a newcomer set up: what happens to what they send before their zone is known.

A pain report sent at the time-zone question is kept (never lost) and recorded at once,
dated in UTC for want of a zone; when the first zone is set, those entries move to the
local date the person lived them on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from domain.models import PainEntry
from domain.schedule import local_date_of


def redated(entries: Iterable[PainEntry], zone: str) -> list[PainEntry]:
    """The entries whose local date differs in ``zone``, with the date corrected."""
    moved = []
    for entry in entries:
        day = local_date_of(entry.recorded_at, zone)
        if day != entry.local_date:
            moved.append(dataclasses.replace(entry, local_date=day))
    return moved
