"""The callback data codec: every button packs and unpacks to the same typed value, within
Telegram's 64 bytes, and data that is not ours (old, forged, truncated) is refused cleanly."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot import callbacks
from bot.callbacks import MAX_BYTES, CallbackData, CallbackDataError, parse, unpack
from content import load_library
from storage import new_id

ID = new_id()  # entries, sessions, reminders and drafts: 8 URL-safe characters
LONGEST_ROUTINE = max(load_library().routines, key=len)

# One value of every button the bot sends.
EVERY_BUTTON = [
    callbacks.SetZone("America/Argentina/Buenos_Aires"),
    callbacks.KeepZone(),
    callbacks.ChooseLanguage("de"),
    callbacks.PainLevel(10, "ci"),
    callbacks.PainLevel(10, "uc", "skip"),
    callbacks.PainZone("bt", "bs"),
    callbacks.PainMap("uc"),
    callbacks.PainArea(ID, "lower_back"),
    callbacks.SkipNote(ID),
    callbacks.UndoPain(ID),
    callbacks.UndoEdit(ID, 2**53),  # update ids fit in 52 bits (Bot API)
    callbacks.DiaryDay("2026-11-28"),
    callbacks.DiaryEntry(ID),
    callbacks.DiaryEdit(ID, "level"),
    callbacks.DiaryEdit(ID, "level", "10"),
    callbacks.DiaryEdit(ID, "area", "none"),
    callbacks.DiaryDelete(ID),
    callbacks.DiaryRestore(ID),
    callbacks.DoctorChecked(),
    callbacks.SafetyCheck("n"),
    callbacks.ScreeningStart("rt"),
    callbacks.ScreeningLater("x"),
    callbacks.ScreeningAnswers("rt", "nyunyy"),
    callbacks.ScreeningAnswers("x"),
    callbacks.RoutinesOpen(),
    callbacks.RoutinesOpen("new"),
    callbacks.RoutinesMenu(),
    callbacks.GoalChosen("neck"),
    callbacks.RoutineCard("neck-and-shoulders"),
    callbacks.ToggleEquipment("ball", 1),
    callbacks.EquipmentDone(0),
    callbacks.StartRoutine(LONGEST_ROUTINE),
    callbacks.SwitchRoutine(LONGEST_ROUTINE),
    callbacks.ResumeSession(ID),
    callbacks.PainBefore(ID, 7),
    callbacks.PainBefore(ID, "skip"),
    callbacks.PainAfter(ID, 0),
    callbacks.PlayerMove("nx", ID, 12),
    callbacks.GentleChosen(ID, LONGEST_ROUTINE),
    callbacks.Rest(ID),
    callbacks.ToolsAgain(),
    callbacks.ToolsAnswer("style", "hands_on"),
    callbacks.NewReminder("checkin"),
    callbacks.DraftDays(ID, "weekdays"),
    callbacks.PickDays(ID),
    callbacks.ToggleDay(ID, 6),
    callbacks.DaysDone(ID),
    callbacks.DraftTime(ID, "0730"),
    callbacks.ReminderButton("pause", ID, "l"),
    callbacks.ReminderButton("skip", ID),
    callbacks.Snooze(ID, 60),
    callbacks.ChangeTimeTo(ID, "2100"),
    callbacks.ResumeAll(),
    callbacks.ChangeDays(ID, 127),
    callbacks.SetDays(ID, 31),
    callbacks.SetRoutine(ID, "full-self-care-session"),
    callbacks.UndoDelete(ID),
    callbacks.ReminderButton("wdays", ID),
    callbacks.ReminderButton("rtn", ID),
    callbacks.HistoryPeriod(90),
    callbacks.HistoryPeriod(90, 2**31, "bs"),
    callbacks.HistoryAreas(90, 2**31),
    callbacks.WeeklyChange("off"),
    callbacks.WeeklyChange("day", "3"),
    callbacks.ReportPeriod("all"),
    callbacks.Forget("yes"),
    callbacks.FactorKindChosen("heat_cold"),
    callbacks.FactorKindChosen(),
    callbacks.FactorPreset("activity", 2),
    callbacks.FactorAgain("abcdefgh"),
    callbacks.UndoFactor("abcdefgh", 3),
    callbacks.LearnTopic("posture"),
    callbacks.LearnMenu(),
]


@pytest.mark.parametrize("button", EVERY_BUTTON, ids=lambda b: type(b).__name__)
def test_every_button_round_trips_within_64_bytes(button):
    data = button.pack()
    assert len(data.encode()) <= MAX_BYTES
    assert unpack(data) == button
    assert type(button).unpack(data) == button


def test_every_declared_button_is_covered_above():
    declared = {cls for cls in _all_subclasses(CallbackData) if cls.__module__ == "bot.callbacks"}
    assert declared == {type(b) for b in EVERY_BUTTON}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("pain:lvl:6:ci", callbacks.PainLevel(6, "ci")),
        ("rt:nx:s1:3", callbacks.PlayerMove("nx", "s1", 3)),
        ("rt:go", callbacks.RoutinesOpen()),
        ("rt:go:new", callbacks.RoutinesOpen("new")),
        ("rt:pb:s1:skip", callbacks.PainBefore("s1", "skip")),
        ("rt:eq:ball:1", callbacks.ToggleEquipment("ball", 1)),
        ("rem:pause:r1:l", callbacks.ReminderButton("pause", "r1", "l")),
        ("rem:snz:r1:15", callbacks.Snooze("r1", 15)),
        ("rem:resall", callbacks.ResumeAll()),
        ("fac:kind", callbacks.FactorKindChosen("")),
        ("fac:undo:abcdefgh", callbacks.UndoFactor("abcdefgh", 1)),
        ("hist:wk:time:0800", callbacks.WeeklyChange("time", "0800")),
        ("scr:a:rt:", callbacks.ScreeningAnswers("rt")),
        ("tools:_again", callbacks.ToolsAgain()),
        ("tools:style:hands_on", callbacks.ToolsAnswer("style", "hands_on")),
        ("tz:set:Europe/Berlin", callbacks.SetZone("Europe/Berlin")),
        ("safe:seen", callbacks.DoctorChecked()),
    ],
)
def test_buttons_sent_by_earlier_versions_still_work(data, expected):
    """The wire format did not change: buttons already in chats keep working."""
    assert unpack(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "x" * 65,
        "pain:lvl:" + "9" * 60,  # over 64 bytes
        "nope:nothing",  # unknown prefix
        "pain",  # a feature alone is no button
        "pain:lvl",  # fields missing
        "pain:lvl:6",
        "pain:lvl:6:ci:lb:extra",  # too many fields
        "pain:lvl:six:ci",  # not a number
        "pain:lvl:6:zz",  # not one of the sources
        "pain:lvl:True:ci",
        "pain:undo:",  # an empty id
        "rt:zz:s1:0",  # not a player move
        "rt:nx:s1:next",
        "rt:pb:s1:maybe",
        "rem:snz:r1:30",  # not a snooze we offer
        "rem:tog:d1:7",  # no eighth weekday
        "safe:chk:maybe",
        "data:forget:YES",
        "hist:wk:sometimes",
    ],
)
def test_data_that_is_not_ours_is_refused(data):
    with pytest.raises(CallbackDataError):
        unpack(data)
    assert parse(data) is None


def test_a_button_of_another_kind_is_refused_by_a_specific_unpack():
    with pytest.raises(CallbackDataError):
        callbacks.UndoPain.unpack(callbacks.SkipNote("e1").pack())


def test_packing_refuses_data_telegram_would_reject():
    with pytest.raises(ValueError, match="64 bytes"):
        callbacks.SetZone("Z" * 60).pack()
    with pytest.raises(ValueError, match="':'"):
        callbacks.GoalChosen("neck:back").pack()  # would read back as other fields


def test_trailing_defaults_are_left_out():
    assert callbacks.RoutinesOpen().pack() == "rt:go"
    assert callbacks.ReminderButton("pause", "r1").pack() == "rem:pause:r1"
    assert callbacks.WeeklyChange("on").pack() == "hist:wk:on"


def test_a_prefix_can_be_declared_only_once():
    with pytest.raises(TypeError, match="already used"):

        @dataclass(frozen=True)
        class Twin(CallbackData, prefix="pain:lvl"):
            level: int


def test_patterns_match_their_buttons_only():
    import re

    assert re.match(callbacks.pattern("rt"), "rt:nx:s1:0")
    assert not re.match(callbacks.pattern("rt"), "rtx:nx")
    assert re.match(callbacks.Forget.pattern(), "data:forget:yes")
    assert not re.match(callbacks.Forget.pattern(), "data:forgetful")


def _all_subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_all_subclasses(sub)}
    return found
