"""The report for a clinician as data (domain/report.py): what each figure rests on."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.models import PainEntry
from domain.report import FactorMark, build_report, shorten

TODAY = date(2026, 12, 3)


def entry(ago: int, level: int, area: str | None = None, note: str = "", hour: int = 9):
    day = TODAY - timedelta(days=ago)
    at = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return PainEntry(
        id=f"{ago}-{hour}", recorded_at=at, local_date=day, level=level, area=area, note=note
    )


def report(period="4w", entries=(), marks=()):
    return build_report(
        name="Anna",
        period=period,
        today=TODAY,
        zone="UTC",
        entries=list(entries),
        sessions=[],
        routine_titles={},
        marks=list(marks),
    )


def test_best_and_worst_days_and_areas_rest_on_the_period_only():
    found = report(
        entries=[
            entry(0, 2, "neck"),
            entry(0, 8, "neck", hour=10),
            entry(1, 3),
            entry(2, 6, "hips"),
            entry(40, 10, "hips"),
        ]
    )
    assert found.window.days == 28 and found.window.end == TODAY
    # Three days: one best and one worst, never the same day in both lists.
    assert [(d.day, d.average) for d in found.best_days] == [(TODAY - timedelta(days=1), 3)]
    assert [(d.day, d.worst) for d in found.worst_days] == [(TODAY, 8)]
    assert found.areas == (("neck", 2), ("hips", 1)) and found.area_reports == 4
    assert found.pain.highest == 8


def test_from_the_first_entry_has_no_period_before_to_compare_with():
    found = report("all", entries=[entry(100, 5), entry(0, 3)])
    assert found.window.start == TODAY - timedelta(days=100) and found.change is None
    assert report("3m", entries=[entry(0, 3)]).change is not None


def test_nothing_in_the_period_means_no_data():
    assert not report(entries=[entry(60, 5)]).has_data
    assert not report("all").has_data


def test_latest_notes_come_first_and_are_shortened():
    long = "word " * 60
    found = report(entries=[entry(3, 4, note="first"), entry(1, 4, note=long), entry(0, 4)])
    assert [n.text for n in found.notes][1] == "first"
    assert found.notes[0].text.endswith("…") and len(found.notes[0].text) <= 140
    assert shorten("  a   b ") == "a b"


def test_factors_are_counted_by_entries_and_days_with_their_amounts():
    marks = [
        FactorMark(TODAY, "medication:ibuprofen", "ibuprofen", "400 mg"),
        FactorMark(TODAY, "medication:ibuprofen", "ibuprofen", "400 mg"),
        FactorMark(TODAY - timedelta(days=1), "medication:ibuprofen", "ibuprofen", "200 mg"),
        FactorMark(TODAY, "activity:walk", "walk"),
        FactorMark(TODAY - timedelta(days=50), "activity:walk", "walk"),
    ]
    found = report(entries=[entry(0, 3)], marks=marks)
    ibuprofen, walk = found.factors
    assert (ibuprofen.entries, ibuprofen.days, ibuprofen.amounts) == (
        3,
        2,
        (("400 mg", 2), ("200 mg", 1)),
    )
    assert (walk.entries, walk.days) == (1, 1)


def test_up_to_three_best_and_worst_days():
    found = report(entries=[entry(ago, level) for ago, level in enumerate([1, 2, 3, 7, 8, 9, 5])])
    assert [d.average for d in found.best_days] == [1, 2, 3]
    assert [d.worst for d in found.worst_days] == [9, 8, 7]


def test_many_days_with_warning_signs_keep_the_report_short():
    from bot.report_pdf import MAX_SIGN_LINES, section_lines
    from domain.report import SignDay

    signs = [
        SignDay(TODAY - timedelta(days=ago), "Mention it", ("night pain",)) for ago in range(25)
    ]
    found = build_report(
        name="A",
        period="4w",
        today=TODAY,
        zone="UTC",
        entries=[entry(0, 3)],
        sessions=[],
        routine_titles={},
        signs=signs,
    )
    lines = dict((heading, lines) for heading, lines, _ in section_lines(found))
    listed = lines["Warning signs the patient reported"]
    assert len(listed) == MAX_SIGN_LINES + 1
    assert listed[0].startswith("(15 earlier days") and listed[-1].startswith("3 Dec 2026")


def test_notes_appear_only_when_the_period_has_some():
    from bot.report_pdf import section_lines

    def headings(found):
        return [heading for heading, _, _ in section_lines(found)]

    assert "The patient's latest notes" not in headings(report(entries=[entry(1, 4)]))
    with_note = report(entries=[entry(1, 4, note="stiff after the drive")])
    lines = dict((heading, lines) for heading, lines, _ in section_lines(with_note))
    assert lines["The patient's latest notes"] == ["2 Dec 2026: stiff after the drive"]
