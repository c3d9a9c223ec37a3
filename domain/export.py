"""Turn a person's pain diary into files they can take elsewhere (a spreadsheet, a doctor).

Times are shown on the person's own wall clock, because that is how they remember them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from domain.models import PainEntry

DIARY_COLUMNS = ("date", "time", "level", "area", "note", "source")


def diary_csv(entries: Iterable[PainEntry], zone: str) -> str:
    """The diary as CSV text (header + one row per entry, oldest first, local date and time).

    The date column is the entry's ``local_date`` (fixed when it was recorded), so a diary
    exported after moving to another zone still groups entries by the day they were felt.
    """
    tz = ZoneInfo(zone)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DIARY_COLUMNS)
    for entry in sorted(entries, key=lambda e: (e.recorded_at, e.id)):
        local = entry.recorded_at.astimezone(tz)
        writer.writerow(
            (
                entry.local_date.isoformat(),
                f"{local:%H:%M}",
                entry.level,
                entry.area or "",
                entry.note,
                entry.source,
            )
        )
    return buffer.getvalue()
