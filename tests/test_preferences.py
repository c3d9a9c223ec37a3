"""Typed preferences and conversation state: stored through the codec, and data files of
schema 2 (a ``settings`` dict and ``"kind:ref"`` strings) still open with nothing lost."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime

import pytest

from domain.conversation import Awaiting
from domain.models import User
from domain.preferences import Preferences, ReminderDraft, UnclearReport, WarningSign
from domain.safety_hold import SafetyHold
from domain.screening import Screening
from domain.weekly import WeeklySetting
from storage import DataDirError, Store, user_file_path
from storage.codec import CodecError, decode, encode
from storage.legacy_settings import preferences_from_settings, typed_profile
from storage.schema import SCHEMA_VERSION

DAY = date(2026, 3, 29)

OLD_SETTINGS = {
    "screening": {"answered_at": "2026-03-01", "conditions": ["pregnancy"], "unsure": []},
    "safety_hold": {"since": "2026-03-20", "tier": "same_day", "asked_on": "2026-03-23"},
    "warning_sign": {"date": "2026-03-20", "tier": "same_day", "codes": ["fever"]},
    "red_flag_date": "2026-03-20",
    "safety_check_date": "2026-03-21",
    "pain_advice_date": "2026-03-22",
    "pain_area": "lower back",
    "equipment_asked": True,
    "tools_answers": {"where": "back"},
    "unclear_report": {"chat_id": 5, "message_id": 77, "area": "neck", "note": "stiff"},
    "remind_draft": {"id": "d1", "kind": "checkin", "days": [0, 2, 4]},
    "reminders_stopped": True,
    "weekly_summary": {"enabled": False, "day": 0, "time": "08:00"},
    "a_key_from_the_future": {"x": 1},
}

EXPECTED = Preferences(
    pain_area="lower back",
    equipment_asked=True,
    tools_answers={"where": "back"},
    screening=Screening(date(2026, 3, 1), frozenset({"pregnancy"})),
    safety_hold=SafetyHold(date(2026, 3, 20), "same_day", date(2026, 3, 23)),
    warning_sign=WarningSign(date(2026, 3, 20), "same_day", ("fever",)),
    red_flag_date=date(2026, 3, 20),
    safety_check_date=date(2026, 3, 21),
    pain_advice_date=date(2026, 3, 22),
    unclear_report=UnclearReport(5, 77, "neck", "stiff"),
    remind_draft=ReminderDraft("d1", "checkin", (0, 2, 4)),
    reminders_stopped=True,
    weekly_summary=WeeklySetting(False, 0, "08:00"),
)


def test_every_old_setting_maps_to_its_field_and_unknown_keys_are_dropped():
    assert preferences_from_settings(OLD_SETTINGS, DAY) == EXPECTED


def test_no_settings_at_all_means_the_defaults():
    assert preferences_from_settings(None, DAY) == Preferences()
    assert preferences_from_settings({}, DAY) == Preferences()
    assert preferences_from_settings("garbage", DAY) == Preferences()


@pytest.mark.parametrize(
    "damaged", ["yes", {"since": "soon"}, {"tier": "emergency"}, {"since": 5}, []]
)
def test_a_damaged_hold_keeps_holding_instead_of_lifting(damaged):
    held = preferences_from_settings({"safety_hold": damaged}, DAY).safety_hold
    assert held == SafetyHold(DAY, "emergency")


def test_damaged_old_values_become_defaults_not_errors():
    damaged = {
        "red_flag_date": "yesterday",
        "warning_sign": {"date": 3},
        "unclear_report": {"chat_id": "5"},
        "remind_draft": {"id": 1},
        "tools_answers": ["back"],
        "equipment_asked": "yes",
        "weekly_summary": {"day": 9},
        "screening": "pregnancy",
    }
    assert preferences_from_settings(damaged, DAY) == Preferences()


def test_preferences_round_trip_through_the_codec():
    assert decode(Preferences, encode(EXPECTED)) == EXPECTED
    user = User(1, 1, preferences=EXPECTED, awaiting=Awaiting("pain_note", "e1"))
    assert decode(User, json.loads(json.dumps(encode(user)))) == user


def test_a_misspelt_or_mistyped_stored_field_is_refused_not_guessed():
    doc = encode(User(1, 1))
    with pytest.raises(CodecError):
        decode(User, {**doc, "awaiting": {"kind": "nonsense"}})
    with pytest.raises(CodecError):
        decode(User, {**doc, "preferences": {"red_flag_date": 20260320}})


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("timezone", Awaiting("timezone")),
        ("pain_note:e1", Awaiting("pain_note", "e1")),
        ("remind_time:d1", Awaiting("remind_time", "d1")),
        ("remind_change:r1", Awaiting("remind_change", "r1")),
        ("a_question_we_no_longer_ask", None),
        (None, None),
    ],
)
def test_old_conversation_states_become_typed(old, new):
    doc = typed_profile({"user_id": 1, "chat_id": 1, "awaiting": old})
    assert decode(User, doc).awaiting == new


def test_the_migration_can_run_twice():
    once = typed_profile({"user_id": 1, "chat_id": 1, "settings": OLD_SETTINGS})
    assert typed_profile(once) == once
    assert decode(User, once).preferences == decode(User, typed_profile(once)).preferences


async def test_an_old_data_dir_opens_with_every_preference(tmp_path):
    data = tmp_path / "data"
    store = await Store.open(data)
    await store.close()
    old_profile = {
        "user_id": 7,
        "chat_id": 7,
        "first_name": "Ana",
        "timezone": "Europe/Berlin",
        "created_at": datetime(2026, 1, 1, tzinfo=UTC).isoformat(),
        "active": True,
        "awaiting": "remind_time:d1",
        "equipment": ["ball"],
        "settings": OLD_SETTINGS,
        "last_seen_at": None,
    }
    path = user_file_path(data, 7)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"_meta": {"1": {"schema": 2}}, "profile": {"1": old_profile}}))
    store = await Store.open(data)
    try:
        user = await store.get_user(7)
        assert user.preferences == EXPECTED
        assert user.awaiting == Awaiting("remind_time", "d1")
        assert (user.first_name, user.equipment) == ("Ana", ["ball"])
        [snapshot] = await store.all_users()  # the start-up scan reads it too
        assert snapshot.user == user
    finally:
        await store.close()
    raw = json.loads(path.read_text())
    assert raw["_meta"]["1"]["schema"] == SCHEMA_VERSION
    (profile,) = raw["profile"].values()
    assert "settings" not in profile and profile["preferences"]["pain_area"] == "lower back"


def test_only_preferences_that_differ_from_the_defaults_are_written():
    """Most people keep most defaults: their files (read at every start) stay small."""
    assert encode(User(1, 1))["preferences"] == {}
    doc = encode(User(1, 1, preferences=Preferences(pain_area="neck")))
    assert doc["preferences"] == {"pain_area": "neck"}
    assert decode(User, doc).preferences == Preferences(pain_area="neck")


async def test_an_old_write_ahead_log_is_refused_until_applied_then_settings_migrate(tmp_path):
    """Upgraded right after a crash: the old version's last writes, still in its
    write-ahead log, hold profiles with a ``settings`` dict that are newer than the file.
    The new version refuses to start rather than lose them; once the old version has
    applied them (and emptied its log), they migrate like any schema 2 profile."""
    data = tmp_path / "data"
    path = user_file_path(data, 7)
    path.parent.mkdir(parents=True)
    old_profile = {"user_id": 7, "chat_id": 7, "settings": {"pain_area": "neck"}}
    path.write_text(json.dumps({"_meta": {"1": {"schema": 2}}, "profile": {"1": old_profile}}))
    newer = {**old_profile, "awaiting": "pain_note:e1", "settings": OLD_SETTINGS}
    log = data / "journal-00000001.log"
    log.write_text("1234abcd 7 +" + json.dumps({"profile": {"1": newer}}) + "\n")
    with pytest.raises(DataDirError, match="journal-00000001.log"):
        await Store.open(data)
    assert (await asyncio.to_thread(path.read_text)) and log.stat().st_size > 0  # untouched
    # What the old version does with it: the newer profile into the file, the log emptied.
    path.write_text(json.dumps({"_meta": {"1": {"schema": 2}}, "profile": {"1": newer}}))
    log.write_bytes(b"")
    store = await Store.open(data)
    try:
        user = await store.get_user(7)
        assert user.preferences == EXPECTED
        assert user.awaiting == Awaiting("pain_note", "e1")
    finally:
        await store.close()
    assert not (data / "quarantine").exists()  # nothing was set aside as unreadable
