"""A reminder in words in each language: the bot's wording (bot.texts.reminders) says in
English exactly what the domain's rules say, and uses each language's day and month names."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.i18n import use_language
from bot.texts import reminders as texts
from bot.texts import routines as routine_texts
from domain.models import Reminder
from domain.player import approx_duration
from domain.reminders import describe_reminder
from domain.schedule import format_next

BERLIN = "Europe/Berlin"
MONDAY_NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # 13:00 in Berlin


def reminder(**changes) -> Reminder:
    base = dict(id="r1", kind="checkin", days=(0, 2, 4), time="21:00", created_at=MONDAY_NOON)
    return Reminder(**{**base, **changes})


@settings(max_examples=200, deadline=None)
@given(
    days=st.sets(st.integers(0, 6), min_size=1).map(lambda d: tuple(sorted(d))),
    hour=st.integers(0, 23),
    minute=st.sampled_from([0, 5, 30, 59]),
    kind=st.sampled_from(["routine", "checkin"]),
    paused=st.booleans(),
    ahead=st.integers(0, 40 * 24),
    once=st.booleans(),
)
def test_in_english_a_reminder_reads_as_the_domain_says(
    days, hour, minute, kind, paused, ahead, once
):
    once_at = MONDAY_NOON + timedelta(hours=ahead) if once else None
    item = reminder(
        days=days, time=f"{hour:02d}:{minute:02d}", kind=kind, paused=paused, once_at=once_at
    )
    with use_language("en"):
        assert texts.describe_reminder(item, BERLIN, MONDAY_NOON) == describe_reminder(
            item, BERLIN, MONDAY_NOON
        )
        instant = MONDAY_NOON + timedelta(hours=ahead)
        assert texts.format_next(instant, BERLIN, MONDAY_NOON) == format_next(
            instant, BERLIN, MONDAY_NOON
        )


def test_days_and_months_are_named_in_the_users_language():
    in_ten_days = MONDAY_NOON + timedelta(days=10)  # Thursday 12 March
    with use_language("de"):
        assert texts.describe_days((0, 2, 4)) == "Mo. Mi. Fr."
        assert "Do." in texts.format_next(in_ten_days, BERLIN, MONDAY_NOON)
        assert "März" in texts.format_next(in_ten_days, BERLIN, MONDAY_NOON)
    with use_language("ru"):
        assert texts.describe_days((0, 2, 4)) == "пн ср пт"
        assert "мар" in texts.format_next(in_ten_days, BERLIN, MONDAY_NOON)
    with use_language("es"):
        line = texts.describe_reminder(reminder(), BERLIN, MONDAY_NOON)
        assert "lun mié vie" in line.lower() and "21:00 Europe/Berlin" in line


def test_a_step_length_uses_the_languages_decimal_mark():
    with use_language("en"):
        assert routine_texts.step_duration(150).endswith("2.5 min")
        assert routine_texts.step_duration(90).endswith("90 s")
    with use_language("de"):
        assert "2,5" in routine_texts.step_duration(150)
    with use_language("ru"):
        assert "2,5" in routine_texts.step_duration(150)


def test_in_english_a_step_length_reads_as_the_domain_says():
    with use_language("en"):
        for seconds in range(0, 3700, 7):
            assert routine_texts.step_duration(seconds) == approx_duration(seconds)
