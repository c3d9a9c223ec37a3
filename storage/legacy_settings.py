"""Schema 2 -> 3: the profile's ``settings`` dict and ``"kind:ref"`` state become typed.

Until schema 3 a profile kept ``settings``, a dict of string keys, and ``awaiting``, a
``"kind:ref"`` string. Each old key maps to the ``domain.preferences.Preferences`` field of
the same name (``safety_hold``, ``warning_sign``, ``screening``, ``weekly_summary``, ...);
unknown keys are dropped, as the codec drops unknown fields. Old values were written by
hand-rolled code and read leniently, so they are converted just as leniently: a damaged
value becomes the field's default, except a damaged safety hold, which still holds (being
careful beats lifting it by accident).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from domain import conversation, screening
from domain.preferences import Preferences, ReminderDraft, UnclearReport, WarningSign
from domain.safety_hold import HOLDING_TIERS, SafetyHold
from domain.weekly import WeeklySetting, weekly_setting
from storage.codec import encode

PROFILE_TABLE = "profile"


def typed_profiles(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 -> 3 of a user file: every profile document gets typed preferences.

    Runs again harmlessly on a document it already converted (a crash mid-migration), and
    returns ``data`` itself when there is nothing to convert.
    """
    profiles = data.get(PROFILE_TABLE)
    if not isinstance(profiles, dict):
        return data
    converted = {
        doc_id: typed_profile(doc) if isinstance(doc, dict) else doc
        for doc_id, doc in profiles.items()
    }
    if all(converted[k] is profiles[k] for k in profiles):
        return data
    return {**data, PROFILE_TABLE: converted}


def typed_profile(doc: dict[str, Any]) -> dict[str, Any]:
    """One profile document in schema 3 shape (``doc`` itself if it already is)."""
    if "preferences" in doc and "settings" not in doc and not isinstance(doc.get("awaiting"), str):
        return doc
    doc = dict(doc)
    if "settings" in doc or "preferences" not in doc:
        settings = doc.pop("settings", None)
        doc["preferences"] = encode(preferences_from_settings(settings))
    awaiting = doc.get("awaiting")
    if awaiting is None or isinstance(awaiting, str):
        state = conversation.parse_legacy(awaiting)
        doc["awaiting"] = encode(state) if state is not None else None
    return doc


def preferences_from_settings(settings: object, today: date | None = None) -> Preferences:
    """The typed preferences for an old ``settings`` dict (anything else: the defaults)."""
    if not isinstance(settings, Mapping):
        return Preferences()
    today = today or datetime.now(UTC).date()
    pain_area = settings.get("pain_area")
    answers = settings.get("tools_answers")
    return Preferences(
        pain_area=pain_area if isinstance(pain_area, str) else None,
        equipment_asked=settings.get("equipment_asked") is True,
        tools_answers={str(k): v for k, v in answers.items() if isinstance(v, str)}
        if isinstance(answers, Mapping)
        else {},
        screening=screening.from_stored(settings.get("screening")),
        safety_hold=_hold(settings.get("safety_hold"), today),
        warning_sign=_warning(settings.get("warning_sign")),
        red_flag_date=_date(settings.get("red_flag_date")),
        safety_check_date=_date(settings.get("safety_check_date")),
        pain_advice_date=_date(settings.get("pain_advice_date")),
        unclear_report=_unclear(settings.get("unclear_report")),
        remind_draft=_draft(settings.get("remind_draft")),
        reminders_stopped=settings.get("reminders_stopped") is True,
        weekly_summary=weekly_setting(settings)
        if "weekly_summary" in settings
        else WeeklySetting(),
    )


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _hold(value: object, today: date) -> SafetyHold | None:
    """The stored hold; a damaged one still holds (from today, as urgent) rather than lifting."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        return SafetyHold(since=today, tier="emergency")
    since = _date(value.get("since"))
    if since is None:
        return SafetyHold(since=today, tier="emergency")
    tier = value.get("tier")
    tier = tier if tier in HOLDING_TIERS else "emergency"
    return SafetyHold(since, tier, _date(value.get("asked_on")))


def _warning(value: object) -> WarningSign | None:
    if not isinstance(value, Mapping):
        return None
    day, tier = _date(value.get("date")), value.get("tier")
    if day is None or not isinstance(tier, str):
        return None
    codes = value.get("codes")
    codes = tuple(c for c in codes if isinstance(c, str)) if isinstance(codes, list) else ()
    return WarningSign(day, tier, codes)


def _unclear(value: object) -> UnclearReport | None:
    if not isinstance(value, Mapping):
        return None
    chat_id, message_id = value.get("chat_id"), value.get("message_id")
    if not (_is_int(chat_id) and _is_int(message_id)):
        return None
    area, note = value.get("area"), value.get("note")
    return UnclearReport(
        chat_id,
        message_id,
        area if isinstance(area, str) else None,
        note if isinstance(note, str) else "",
    )


def _draft(value: object) -> ReminderDraft | None:
    if not isinstance(value, Mapping):
        return None
    draft_id, kind, days = value.get("id"), value.get("kind"), value.get("days")
    if not isinstance(draft_id, str) or not isinstance(kind, str):
        return None
    days = tuple(d for d in days if _is_int(d) and 0 <= d <= 6) if isinstance(days, list) else ()
    return ReminderDraft(draft_id, kind, days)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
