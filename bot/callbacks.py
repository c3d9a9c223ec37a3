"""Callback data: every button's data declared once as a typed class, packed and unpacked here.

In the spirit of aiogram's ``CallbackData`` factories: a frozen dataclass declares its prefix
and typed fields, ``pack()`` turns it into ``"prefix:field:field"`` and ``unpack(data)`` finds
the class by its prefix and rebuilds it, checking every field against its type. Handlers get
typed objects and never split strings themselves. Telegram allows 1-64 bytes: ``pack``
refuses more (a bug to find in tests, never a button that fails silently in a chat).

Why a codec and not PTB's ``arbitrary_callback_data``: that keeps the buttons' objects in an
in-memory cache, which a restart empties unless PTB's persistence stores it, and our state
lives in our own storage. Reminder and check-in buttons stay in chats for days, across
restarts and upgrades, so their data must carry everything. The wire format is the one
earlier versions sent (``feature:action:arg``), so buttons already in chats keep working.

Whatever a button carries is re-checked against the user who pressed it (ids are looked up
in *that* user's own storage), so forged or replayed data can at worst address the
presser's own records. Data that does not unpack (old, forged, truncated) raises
``CallbackDataError``; features answer it with a kind "this button has expired".

Field types: ``str`` (no ":"), ``int``, ``Literal[...]`` of str or int, and unions of those
with ``None`` (packed as an empty part). Trailing fields equal to their default are left out,
and a field with a default reads a missing or empty part as that default.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar, Literal, Self

MAX_BYTES = 64
SEP = ":"


class CallbackDataError(ValueError):
    """The data is not one of ours (unknown prefix, malformed, truncated, too long)."""


_REGISTRY: dict[str, type[CallbackData]] = {}


class CallbackData:
    """Base of every button's data. Subclass as ``@dataclass(frozen=True) class
    X(CallbackData, prefix="feature:action")``; a prefix is one or two parts."""

    prefix: ClassVar[str]

    def __init_subclass__(cls, *, prefix: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        parts = prefix.split(SEP)
        if len(parts) > 2 or not all(re.fullmatch(r"[a-z_]+", p) for p in parts):
            raise TypeError(f"{cls.__name__}: prefix {prefix!r} is not 1-2 parts of a-z_")
        if prefix in _REGISTRY:
            raise TypeError(f"{cls.__name__}: prefix {prefix!r} already used")
        cls.prefix = prefix
        _REGISTRY[prefix] = cls

    def pack(self) -> str:
        values = []
        for name, has_default, default, _ in _plan(type(self)):
            values.append((getattr(self, name), has_default, default))
        while values and values[-1][1] and values[-1][0] == values[-1][2]:
            values.pop()  # trailing defaults: shorter data, same meaning
        parts = [self.prefix, *(_text(value, self) for value, _, _ in values)]
        data = SEP.join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def unpack(cls, data: str | None) -> Self:
        """This class's data; CallbackDataError for anything else."""
        value = unpack(data)
        if not isinstance(value, cls):
            raise CallbackDataError(f"not {cls.__name__}: {(data or '')[:MAX_BYTES]!r}")
        return value

    @classmethod
    def pattern(cls) -> str:
        """A ``CallbackQueryHandler`` pattern for this class's data."""
        return "^" + re.escape(cls.prefix) + "(:|$)"


def unpack(data: str | None) -> CallbackData:
    """The typed object of any button of ours; CallbackDataError for anything else."""
    if not data or len(data.encode()) > MAX_BYTES:
        raise CallbackDataError("empty or oversized callback data")
    parts = data.split(SEP)
    for width in (2, 1):  # the most specific prefix first ("rem:snz" before "rem")
        cls = _REGISTRY.get(SEP.join(parts[:width])) if len(parts) >= width else None
        if cls is not None:
            return _build(cls, parts[width:], data)
    raise CallbackDataError(f"unknown callback data {data!r}")


def parse(data: str | None) -> CallbackData | None:
    """Like ``unpack``, but None for data that is not ours (to answer it kindly)."""
    try:
        return unpack(data)
    except CallbackDataError:
        return None


def pattern(feature: str) -> str:
    """A ``CallbackQueryHandler`` pattern for every button of a feature (``"rt"``)."""
    return "^" + re.escape(feature) + "(:|$)"


def _build(cls: type[CallbackData], values: list[str], data: str) -> CallbackData:
    plan = _plan(cls)
    if len(values) > len(plan):
        raise CallbackDataError(f"too many parts in {data!r}")
    kwargs = {}
    for index, (name, has_default, _, parse) in enumerate(plan):
        if index >= len(values) or (values[index] == "" and has_default):
            if not has_default:
                raise CallbackDataError(f"{cls.__name__}: {name} missing in {data!r}")
            continue  # left out, or empty: the default (a field with none must be there)
        try:
            kwargs[name] = parse(values[index])
        except ValueError as error:
            raise CallbackDataError(f"{cls.__name__}.{name}: {error} in {data!r}") from None
    return cls(**kwargs)


@cache
def _plan(cls: type) -> tuple[tuple[str, bool, Any, Callable[[str], Any]], ...]:
    """(name, has a default?, the default, parser) per field, computed once per class."""
    hints = typing.get_type_hints(cls)
    plan = []
    for f in dataclasses.fields(cls):
        has_default = f.default is not dataclasses.MISSING
        plan.append((f.name, has_default, f.default, _parser(hints[f.name])))
    return tuple(plan)


def _parser(hint: Any) -> Callable[[str], Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        members = typing.get_args(hint)
        parsers = [_parser(m) for m in members if m is not type(None)]
        optional = type(None) in members

        def one_of(text: str) -> Any:
            if optional and text == "":
                return None
            for parse in parsers:
                try:
                    return parse(text)
                except ValueError:
                    continue
            raise ValueError(f"{text!r} fits none of {hint}")

        return one_of
    if origin is Literal:
        allowed = {str(v): v for v in typing.get_args(hint)}

        def literal(text: str) -> Any:
            if text not in allowed:
                raise ValueError(f"{text!r} is not one of {list(allowed)}")
            return allowed[text]

        return literal
    if hint is int:
        return _int
    if hint is str:
        return _str
    raise TypeError(f"callback data field of unsupported type {hint!r}")


def _int(text: str) -> int:
    if not re.fullmatch(r"-?[0-9]{1,18}", text):
        raise ValueError(f"{text!r} is not a whole number")
    return int(text)


def _str(text: str) -> str:
    if not text:
        raise ValueError("empty")
    return text


def _text(value: Any, owner: CallbackData) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"{type(owner).__name__}: cannot pack {value!r}")
    text = str(value)
    if SEP in text:
        raise ValueError(f"{type(owner).__name__}: {text!r} contains {SEP!r}")
    return text


# ---------------------------------------------------------------- every button of the bot
# Declared together so that a feature can build another feature's button (a reminder's
# "Start now", a routine's "Safety questions") without importing that feature.


# /start and /timezone
@dataclass(frozen=True)
class SetZone(CallbackData, prefix="tz:set"):
    zone: str  # an IANA name, checked again when pressed


@dataclass(frozen=True)
class KeepZone(CallbackData, prefix="tz:keep"):
    pass


# /language
@dataclass(frozen=True)
class ChooseLanguage(CallbackData, prefix="lang:set"):
    language: str  # a code of bot.i18n.LANGUAGES, checked again when pressed


# The pain diary
LevelSource = Literal["bt", "ci", "uc"]  # /pain, a reminder's check-in, an unclear message


@dataclass(frozen=True)
class PainLevel(CallbackData, prefix="pain:lvl"):
    level: int
    source: LevelSource
    # Picked on the body map before the level: an area code of bot.keyboards_pain.AREA_CODES,
    # or "skip" (no particular area). None: a level asked first (a check-in, older buttons).
    area: str | None = None


@dataclass(frozen=True)
class PainZone(CallbackData, prefix="pain:zone"):
    """A zone of the body map (or Whole back, or No particular area), before the level."""

    source: LevelSource
    area: str  # a code of bot.keyboards_pain.AREA_CODES, or "skip"


@dataclass(frozen=True)
class PainMap(CallbackData, prefix="pain:map"):
    """Back from the level buttons to the body map's zones, to pick another one."""

    source: LevelSource


@dataclass(frozen=True)
class PainArea(CallbackData, prefix="pain:area"):
    entry_id: str
    area: str  # a code of bot.keyboards_pain.AREA_CODES, or "skip"


@dataclass(frozen=True)
class SkipNote(CallbackData, prefix="pain:nskip"):
    entry_id: str


@dataclass(frozen=True)
class UndoPain(CallbackData, prefix="pain:undo"):
    entry_id: str


@dataclass(frozen=True)
class UndoEdit(CallbackData, prefix="pain:unedit"):
    """Bring back what an entry said before an edit of its message (only the latest)."""

    entry_id: str
    edit: int  # the edit's update id (domain.preferences.EditUndo.edit)


# Browsing and correcting the diary (bot/handlers/diary.py)
@dataclass(frozen=True)
class DiaryDay(CallbackData, prefix="dy:day"):
    day: str  # a local date, YYYY-MM-DD


@dataclass(frozen=True)
class DiaryEntry(CallbackData, prefix="dy:ent"):
    entry_id: str


DiaryField = Literal["level", "area", "note"]


@dataclass(frozen=True)
class DiaryEdit(CallbackData, prefix="dy:ed"):
    """Change one field: no ``value`` asks for it; level "0".."10", an area code or
    "none", note "clear"."""

    entry_id: str
    field: DiaryField
    value: str = ""


@dataclass(frozen=True)
class DiaryDelete(CallbackData, prefix="dy:del"):
    entry_id: str


@dataclass(frozen=True)
class DiaryRestore(CallbackData, prefix="dy:undo"):
    entry_id: str


# Safety
@dataclass(frozen=True)
class DoctorChecked(CallbackData, prefix="safe:seen"):
    pass


@dataclass(frozen=True)
class SafetyCheck(CallbackData, prefix="safe:chk"):
    answer: Literal["y", "n"]  # is one of the emergency signs new?


# /screening
Then = Literal["rt", "x"]  # after the questions: back to the routines, or nothing


@dataclass(frozen=True)
class ScreeningStart(CallbackData, prefix="scr:go"):
    then: Then


@dataclass(frozen=True)
class ScreeningLater(CallbackData, prefix="scr:no"):
    then: Then


@dataclass(frozen=True)
class ScreeningAnswers(CallbackData, prefix="scr:a"):
    then: Then
    answers: str = ""  # domain.screening.encode_answers of the answers so far


# Routines
@dataclass(frozen=True)
class RoutinesOpen(CallbackData, prefix="rt:go"):
    fresh: Literal["", "new"] = ""  # "new": a new message instead of editing this one


@dataclass(frozen=True)
class RoutinesMenu(CallbackData, prefix="rt:menu"):
    pass


@dataclass(frozen=True)
class GoalChosen(CallbackData, prefix="rt:goal"):
    goal: str


@dataclass(frozen=True)
class RoutineCard(CallbackData, prefix="rt:card"):
    routine_id: str


@dataclass(frozen=True)
class ToggleEquipment(CallbackData, prefix="rt:eq"):
    item: str
    then_menu: Literal[0, 1]


@dataclass(frozen=True)
class EquipmentDone(CallbackData, prefix="rt:eqdone"):
    then_menu: Literal[0, 1]


@dataclass(frozen=True)
class StartRoutine(CallbackData, prefix="rt:start"):
    routine_id: str


@dataclass(frozen=True)
class SwitchRoutine(CallbackData, prefix="rt:switch"):
    routine_id: str


@dataclass(frozen=True)
class ResumeSession(CallbackData, prefix="rt:resume"):
    session_id: str


@dataclass(frozen=True)
class PainBefore(CallbackData, prefix="rt:pb"):
    session_id: str
    level: int | Literal["skip"]


@dataclass(frozen=True)
class PainAfter(CallbackData, prefix="rt:pa"):
    session_id: str
    level: int | Literal["skip"]


PlayerAction = Literal["nx", "bk", "ps", "rs", "au", "st"]  # next, back, pause, resume, auto, stop


@dataclass(frozen=True)
class PlayerMove(CallbackData, prefix="rt"):
    """The player's buttons name the session and the step they were shown on."""

    action: PlayerAction
    session_id: str
    step: int


@dataclass(frozen=True)
class GentleChosen(CallbackData, prefix="rt:gentle"):
    session_id: str
    routine_id: str


@dataclass(frozen=True)
class Rest(CallbackData, prefix="rt:rest"):
    session_id: str


# /tools
@dataclass(frozen=True)
class ToolsAgain(CallbackData, prefix="tools:_again"):
    pass


@dataclass(frozen=True)
class ToolsAnswer(CallbackData, prefix="tools"):
    question: str
    option: str


# Reminders: the /remind wizard
@dataclass(frozen=True)
class NewReminder(CallbackData, prefix="rem:new"):
    kind: Literal["routine", "checkin"]


@dataclass(frozen=True)
class DraftDays(CallbackData, prefix="rem:days"):
    draft_id: str
    days: Literal["daily", "weekdays", "weekends"]


@dataclass(frozen=True)
class PickDays(CallbackData, prefix="rem:pick"):
    draft_id: str


@dataclass(frozen=True)
class ToggleDay(CallbackData, prefix="rem:tog"):
    draft_id: str
    day: Literal[0, 1, 2, 3, 4, 5, 6]


@dataclass(frozen=True)
class DaysDone(CallbackData, prefix="rem:done"):
    draft_id: str


@dataclass(frozen=True)
class DraftTime(CallbackData, prefix="rem:at"):
    draft_id: str
    time: str  # "HHMM", parsed like a typed time


# Reminders: one reminder, from its message or the /reminders list
@dataclass(frozen=True)
class ReminderButton(CallbackData, prefix="rem"):
    action: Literal["pause", "resume", "del", "chg", "skip", "wdays", "rtn"]
    reminder_id: str
    origin: Literal["", "l"] = ""  # "l": pressed in the /reminders list (refresh it)


@dataclass(frozen=True)
class Snooze(CallbackData, prefix="rem:snz"):
    reminder_id: str
    minutes: Literal[15, 60]


@dataclass(frozen=True)
class ChangeTimeTo(CallbackData, prefix="rem:ctime"):
    reminder_id: str
    time: str  # "HHMM"


@dataclass(frozen=True)
class ResumeAll(CallbackData, prefix="rem:resall"):
    pass


@dataclass(frozen=True)
class ChangeDays(CallbackData, prefix="rem:cdays"):
    """A day toggled in a reminder's day picker: the days picked so far, carried along."""

    reminder_id: str
    mask: int  # bit d set: Python weekday d (0 = Monday) picked


@dataclass(frozen=True)
class SetDays(CallbackData, prefix="rem:sdays"):
    reminder_id: str
    mask: int


@dataclass(frozen=True)
class SetRoutine(CallbackData, prefix="rem:srt"):
    reminder_id: str
    routine_id: str | None = None  # None: the routine of the day


@dataclass(frozen=True)
class UndoDelete(CallbackData, prefix="rem:undo"):
    reminder_id: str


# /history and /summary
@dataclass(frozen=True)
class HistoryPeriod(CallbackData, prefix="hist:days"):
    days: int
    chart: int | None = None  # the chart's message id when the buttons sit under the text
    area: str | None = None  # one area's code (bot.keyboards_pain.AREA_CODES); None: all


@dataclass(frozen=True)
class HistoryAreas(CallbackData, prefix="hist:areas"):
    """Under a chart: offer the body map's zones, to chart one of them."""

    days: int
    chart: int | None = None  # as in HistoryPeriod


@dataclass(frozen=True)
class WeeklyChange(CallbackData, prefix="hist:wk"):
    change: Literal["on", "off", "day", "time", "other"]
    value: str | None = None  # the weekday (0-6) or the time ("HHMM")


# /report
@dataclass(frozen=True)
class ReportPeriod(CallbackData, prefix="rep:p"):
    period: Literal["4w", "3m", "all"]


# /forget
@dataclass(frozen=True)
class Forget(CallbackData, prefix="data:forget"):
    answer: Literal["yes", "no"]


# Treatments and factors: /log and the confirmation's Undo
@dataclass(frozen=True)
class FactorKindChosen(CallbackData, prefix="fac:kind"):
    kind: str = ""  # a domain.models.FACTOR_KINDS value (checked by the feature); "" = all


@dataclass(frozen=True)
class FactorPreset(CallbackData, prefix="fac:pre"):
    kind: str
    index: int  # into domain.factors.PRESETS[kind]


@dataclass(frozen=True)
class FactorAgain(CallbackData, prefix="fac:again"):
    entry_id: str  # the presser's own earlier entry: its kind and name are noted again


@dataclass(frozen=True)
class UndoFactor(CallbackData, prefix="fac:undo"):
    entry_id: str
    parts: int = 1  # entries one message made: entry_id, then storage.ids.id_for_part


# /learn
@dataclass(frozen=True)
class LearnTopic(CallbackData, prefix="learn:t"):
    topic: str


@dataclass(frozen=True)
class LearnMenu(CallbackData, prefix="learn:menu"):
    pass
