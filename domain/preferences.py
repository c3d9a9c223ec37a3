"""What the bot remembers about a person between messages, as typed fields.

One frozen dataclass instead of a dict of string keys: a misspelt field is an error at
once, not a silently missing setting, and every reader sees the same types. Change it
with ``dataclasses.replace(user.preferences, field=value)``. Stored as one object in the
user's profile (``storage.codec``); files from before it existed are converted by
``storage.schema`` (the old ``settings`` keys map to these fields of the same name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from domain.safety_hold import SafetyHold
from domain.screening import Screening
from domain.weekly import WeeklySetting


@dataclass(frozen=True)
class WarningSign:
    """The most urgent warning sign of one local day (see ``domain.redflags.warning_record``)."""

    date: date
    tier: str  # a domain.redflags.Tier value
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnclearReport:
    """Area and note of an unclear pain report, kept for the level picked under its question."""

    chat_id: int
    message_id: int
    area: str | None = None
    note: str = ""


@dataclass(frozen=True)
class EditUndo:
    """What a diary entry said before its latest edit, for the Undo under that edit's reply.

    Only the latest edit is kept (like ``UnclearReport``): a note does not fit in 64 bytes
    of button data, and an older edit's Undo would restore a state the user no longer sees.
    """

    entry_id: str
    edit: int  # the edit's update id: which "Updated" reply's Undo this is
    level: int
    area: str | None = None
    note: str = ""


@dataclass(frozen=True)
class RemovedEntry:
    """The diary entry last deleted while correcting the diary, kept for its Undo (the
    fields of domain.models.PainEntry)."""

    id: str
    recorded_at: datetime
    local_date: date
    level: int
    area: str | None = None
    note: str = ""
    source: str = "message"


@dataclass(frozen=True)
class ReminderDraft:
    """The /remind wizard's answers so far (kind, then days, then a time)."""

    id: str
    kind: str  # "routine" or "checkin"
    days: tuple[int, ...] = ()  # Python weekdays


@dataclass(frozen=True)
class DeletedReminder:
    """The reminder deleted last, kept so that Undo brings it back as it was."""

    id: str
    kind: str
    days: tuple[int, ...]
    time: str
    routine_id: str | None = None
    once_at: datetime | None = None
    last_fired_date: date | None = None


@dataclass(frozen=True)
class Preferences:
    """A user's answers, choices and the few facts features keep about them."""

    # Routines
    pain_area: str | None = None  # the area last reported: offered first next time
    equipment_asked: bool = False  # the equipment question was shown once
    tools_answers: dict[str, str] = field(default_factory=dict)  # /tools: question -> option
    screening: Screening = Screening()
    # Safety
    safety_hold: SafetyHold | None = None  # routines held until a doctor has checked
    warning_sign: WarningSign | None = None  # today's most urgent sign
    # Every day with a warning sign, oldest first (domain.redflags.remember_warning): what
    # the person reported and when, for /report and the export.
    warning_days: tuple[WarningSign, ...] = ()
    red_flag_date: date | None = None  # local date of the last warning sign noticed
    safety_check_date: date | None = None  # local date the emergency check was last asked
    pain_advice_date: date | None = None  # local date the severe-pain advice was last given
    # Pain diary
    unclear_report: UnclearReport | None = None
    edit_undo: EditUndo | None = None  # the latest edit of a report, until undone
    removed_entry: RemovedEntry | None = None  # for the Undo under "Removed: ..."
    # Reminders and the weekly summary
    remind_draft: ReminderDraft | None = None
    deleted_reminder: DeletedReminder | None = (
        None  # the last one deleted, until undone or replaced
    )
    reminders_stopped: bool = False  # /stop: every reminder paused at once
    weekly_summary: WeeklySetting = WeeklySetting()
    # /report: how the report names the person ("" = their first name), e.g. with a
    # surname or date of birth they chose to add for their doctor (/report name ...).
    report_name: str = ""
    # The language the bot speaks to them ("en", "es", "de", "ru"): taken from Telegram's
    # language_code on first contact, changed with /language. None: not chosen yet (a
    # profile from before languages, or a code this bot no longer speaks).
    language: str | None = None
    # Time zone: a stored zone this tzdata does not know (renamed, a restored backup) was
    # cleared; kept here until the user has been asked for their zone again.
    zone_unknown: str | None = None
