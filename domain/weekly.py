"""The weekly summary setting: when it goes out, in the user's own week and wall clock.

Kept in ``user.preferences.weekly_summary``. Data files of schema 2 and older held it in
``settings["weekly_summary"]`` as ``{"enabled": bool, "day": 0-6, "time": "HH:MM"}``
(Python weekdays, 6 = Sunday), read by ``weekly_setting``: missing or broken values fall
back to the default rather than failing, because a bad setting must never stop the bot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.schedule import (
    ScheduleParseError,
    next_fire_time,
    parse_days,
    parse_stored_time,
    parse_time,
)

SETTINGS_KEY = "weekly_summary"  # its key in the settings of schema 2 files
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
FULL_DAY_NAMES = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
TIME_CHOICES = ("08:00", "12:00", "18:00", "19:00", "20:00", "21:00")


@dataclass(frozen=True)
class WeeklySetting:
    enabled: bool = True
    day: int = 6  # Python weekday: 0 = Monday ... 6 = Sunday
    time: str = "19:00"  # local "HH:MM"

    def describe(self) -> str:
        """E.g. "Sundays at 19:00"."""
        return f"{FULL_DAY_NAMES[self.day]}s at {self.time}"


def weekly_setting(settings: dict | None) -> WeeklySetting:
    """The user's weekly summary setting, with defaults for anything missing or invalid."""
    default = WeeklySetting()
    raw = (settings or {}).get(SETTINGS_KEY)
    if not isinstance(raw, dict):
        return default
    enabled = raw.get("enabled", default.enabled)
    day = raw.get("day", default.day)
    at = raw.get("time", default.time)
    if not isinstance(enabled, bool):
        enabled = default.enabled
    if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
        day = default.day
    try:
        at = f"{parse_time(str(at)):%H:%M}"
    except ScheduleParseError:
        at = default.time
    return WeeklySetting(enabled=enabled, day=day, time=at)


SUMMARY_EXAMPLE = "/summary sunday 18:30"


def parse_summary_change(text: str, setting: WeeklySetting) -> WeeklySetting:
    """The setting after "/summary 14:10", "/summary sunday 6pm", "/summary off" ...

    Any time of day, in the forms /remind reads; at most one day. ScheduleParseError says
    what was not understood.
    """
    words = " ".join((text or "").casefold().split())
    if words in {"on", "off"}:
        return WeeklySetting(words == "on", setting.day, setting.time)
    day, at = setting.day, None
    try:
        at = parse_time(words)
    except ScheduleParseError:
        for split in range(1, len(words.split())):
            first, rest = " ".join(words.split()[:split]), " ".join(words.split()[split:])
            for day_part, time_part in ((first, rest), (rest, first)):
                try:
                    days, at = parse_days(day_part), parse_time(time_part)
                except ScheduleParseError:
                    continue
                if len(days) != 1:
                    raise ScheduleParseError(
                        "The summary comes once a week: pick one day.", SUMMARY_EXAMPLE
                    ) from None
                day = days[0]
                break
            if at is not None:
                break
    if at is None:
        raise ScheduleParseError(
            f"I can't read “{text.strip()}” as a day and time.", SUMMARY_EXAMPLE
        )
    return WeeklySetting(True, day, f"{at:%H:%M}")


def next_summary_time(setting: WeeklySetting, zone: str, after: datetime) -> datetime:
    """The UTC instant of the next summary strictly after ``after`` (DST-safe)."""
    return next_fire_time((setting.day,), parse_stored_time(setting.time), zone, after)
