"""The pure rules of reminders: words, once per date, catch-up after downtime."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.models import Reminder
from domain.reminders import (
    CatchUp,
    catch_up,
    describe_reminder,
    next_due,
    reminder_time,
    should_fire,
    unanswered_after_firing,
    wants_nudge,
)
from domain.schedule import local_date_of, missed_fire, next_fire_time

BERLIN = "Europe/Berlin"
# Monday 2026-03-02, 12:00 UTC = 13:00 in Berlin.
MONDAY_NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
GRACE = timedelta(hours=1)


def reminder(**changes) -> Reminder:
    base = dict(
        id="r1",
        kind="checkin",
        days=(0, 2, 4),
        time="21:00",
        created_at=MONDAY_NOON - timedelta(days=30),
    )
    return Reminder(**{**base, **changes})


def test_reminder_reads_in_words_with_its_next_time():
    line = describe_reminder(reminder(), BERLIN, MONDAY_NOON)
    assert line == "Check-in · Mon Wed Fri · 21:00 Europe/Berlin · next: today 21:00"


def test_paused_reminder_says_paused_instead_of_next():
    line = describe_reminder(
        reminder(kind="routine", days=(0, 1, 2, 3, 4, 5, 6), paused=True), BERLIN, MONDAY_NOON
    )
    assert line == "Routine · Every day · 21:00 Europe/Berlin · paused"


def test_next_due_skips_a_date_that_already_fired():
    fired_today = reminder(last_fired_date=date(2026, 3, 2))
    due = next_due(fired_today, BERLIN, MONDAY_NOON)
    assert due == datetime(2026, 3, 4, 20, 0, tzinfo=UTC)  # Wednesday 21:00 CET


def test_a_date_fires_once_and_never_when_skipped():
    monday = date(2026, 3, 2)
    assert should_fire(reminder(), monday)
    assert not should_fire(reminder(last_fired_date=monday), monday)
    assert not should_fire(reminder(skip_date=monday), monday)
    assert should_fire(reminder(skip_date=monday), date(2026, 3, 4))
    assert not should_fire(reminder(paused=True), monday)


def test_three_unanswered_reminders_in_a_row_ask_about_another_time():
    fired = MONDAY_NOON - timedelta(days=1)
    silent = reminder(last_fired_at=fired, unanswered=2)
    count = unanswered_after_firing(silent, last_seen_at=fired - timedelta(hours=1))
    assert count == 3 and wants_nudge(count)
    assert unanswered_after_firing(silent, last_seen_at=fired + timedelta(minutes=5)) == 0
    assert not wants_nudge(2)


def test_missed_time_within_grace_is_sent_late_once():
    # Monday 21:00 Berlin = 20:00 UTC; the bot comes back at 20:10 UTC.
    r = reminder(last_fired_at=datetime(2026, 2, 27, 20, 0, tzinfo=UTC))
    now = datetime(2026, 3, 2, 20, 10, tzinfo=UTC)
    decision = catch_up(r, BERLIN, now, GRACE)
    assert decision.action == "send_late"
    assert decision.due == datetime(2026, 3, 2, 20, 0, tzinfo=UTC)


def test_missed_time_beyond_grace_is_skipped():
    r = reminder(last_fired_at=datetime(2026, 2, 27, 20, 0, tzinfo=UTC))
    now = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)
    assert catch_up(r, BERLIN, now, GRACE).action == "skip"


def test_nothing_to_catch_up_when_the_date_already_fired_or_was_skipped():
    now = datetime(2026, 3, 2, 20, 10, tzinfo=UTC)
    fired = reminder(
        last_fired_at=datetime(2026, 3, 2, 20, 0, tzinfo=UTC), last_fired_date=date(2026, 3, 2)
    )
    assert catch_up(fired, BERLIN, now, GRACE).action == "none"
    skipped = reminder(
        last_fired_at=datetime(2026, 2, 27, 20, 0, tzinfo=UTC), skip_date=date(2026, 3, 2)
    )
    assert catch_up(skipped, BERLIN, now, GRACE).action == "none"
    fresh = reminder(created_at=now - timedelta(minutes=5))
    assert catch_up(fresh, BERLIN, now, GRACE).action == "none"


def catch_up_by_stepping(r: Reminder, zone: str, now: datetime, grace: timedelta) -> CatchUp:
    """The first implementation: step forward through every fire time of the last week."""
    if r.paused:
        return CatchUp("none")
    since = r.last_fired_at or r.created_at
    latest = None
    probe = max(since, now - timedelta(days=8))
    while True:
        candidate = next_fire_time(r.days, reminder_time(r), zone, probe)
        if candidate > now:
            break
        latest = probe = candidate
    if latest is None or not should_fire(r, local_date_of(latest, zone)):
        return CatchUp("none")
    return CatchUp(missed_fire(latest, now, grace), latest)


@settings(max_examples=200, deadline=None)
@given(
    zone=st.sampled_from([BERLIN, "America/New_York", "Australia/Lord_Howe", "Pacific/Apia"]),
    days=st.sets(st.integers(0, 6), min_size=1).map(lambda s: tuple(sorted(s))),
    hour=st.integers(0, 23),
    minute=st.sampled_from([0, 15, 30, 59]),
    now=st.datetimes(
        min_value=datetime(2011, 12, 20), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
    ),
    since_ago=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=40)),
    fired=st.booleans(),
    skip_ago=st.one_of(st.none(), st.integers(0, 3)),
)
def test_catch_up_agrees_with_stepping_through_the_last_week(
    zone, days, hour, minute, now, since_ago, fired, skip_ago
) -> None:
    since = now - since_ago
    skip = None if skip_ago is None else local_date_of(now, zone) - timedelta(days=skip_ago)
    r = reminder(
        days=days,
        time=f"{hour:02d}:{minute:02d}",
        created_at=since - timedelta(days=1) if fired else since,
        last_fired_at=since if fired else None,
        last_fired_date=local_date_of(since, zone) if fired else None,
        skip_date=skip,
    )
    assert catch_up(r, zone, now, GRACE) == catch_up_by_stepping(r, zone, now, GRACE)


def test_a_reminder_with_the_same_kind_days_and_time_is_the_same_schedule():
    from domain.reminders import same_schedule

    assert same_schedule(reminder(), reminder(id="r2", days=(4, 2, 0), unanswered=2))
    assert not same_schedule(reminder(), reminder(id="r2", kind="routine"))
    assert not same_schedule(reminder(), reminder(id="r2", time="21:30"))
    assert not same_schedule(reminder(), reminder(id="r2", days=(0, 2)))
    once = MONDAY_NOON + timedelta(hours=2)
    assert not same_schedule(reminder(), reminder(id="r2", once_at=once))
    assert same_schedule(reminder(once_at=once), reminder(id="r2", once_at=once))


def test_reminders_in_order_of_next_time_with_paused_ones_last():
    from domain.reminders import in_order_of_next

    wednesday = reminder(id="wed", days=(2,), time="07:00")
    tonight = reminder(id="tonight", days=(0,), time="21:00")
    paused = reminder(id="paused", days=(0,), time="14:00", paused=True)
    soon = reminder(id="soon", once_at=MONDAY_NOON + timedelta(minutes=30))
    ordered = in_order_of_next([paused, wednesday, tonight, soon], BERLIN, MONDAY_NOON)
    assert [r.id for r in ordered] == ["soon", "tonight", "wed", "paused"]


def test_a_one_off_is_due_at_its_instant_and_never_caught_up_as_a_daily():
    once = MONDAY_NOON + timedelta(hours=2)
    one_off = reminder(once_at=once, days=(0,), time="15:00")
    assert next_due(one_off, BERLIN, MONDAY_NOON) == once
    assert catch_up(one_off, BERLIN, once + timedelta(minutes=5), GRACE) == CatchUp("none")
    assert describe_reminder(one_off, BERLIN, MONDAY_NOON) == (
        "Check-in · once · today 15:00 Europe/Berlin"
    )
