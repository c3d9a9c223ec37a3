"""The pain diary's figures, chart and report in the user's language (es/de/ru).

Dates, weekdays and decimals come from Babel's locale data, so they are in the user's
language whatever the translators have filled in yet; the words come from the catalogs.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

from pypdf import PdfReader

from bot.charts import chart_spec, draw_chart
from bot.i18n import gettext_in, use_language
from bot.report_pdf import render_report
from bot.texts import diary as diary_texts
from bot.texts import factors as factor_texts
from bot.texts import history as history_texts
from domain.models import PainEntry
from domain.report import build_report
from domain.stats import Window

TODAY = date(2026, 12, 3)  # a Thursday


def entry(ago: int, level: int, area: str | None = None, note: str = "") -> PainEntry:
    day = TODAY - timedelta(days=ago)
    at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    return PainEntry(id=str(ago), recorded_at=at, local_date=day, level=level, area=area, note=note)


def clinician_report():
    entries = [entry(ago, 3 + ago % 4, "lower back", "сидела весь день") for ago in range(0, 20, 2)]
    return build_report(
        name="Анна",
        period="4w",
        today=TODAY,
        zone="UTC",
        entries=entries,
        sessions=[],
        routine_titles={},
        marks=[],
    )


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_a_russian_report_prints_cyrillic_dates_names_and_notes():
    pdf, preview = render_report(clinician_report(), language="ru")
    text = pdf_text(pdf)
    assert "3 дек. 2026 г." in text  # the period and "made on", by Babel's Russian months
    assert "Анна" in text and "сидела весь день" in text  # the user's own words, as written
    assert gettext_in("ru", "Pain in this period") in text
    assert preview.startswith(b"\x89PNG")


def test_an_english_report_keeps_its_english_dates():
    pdf, _ = render_report(clinician_report(), language="en")
    text = pdf_text(pdf)
    assert "Period: 6 Nov 2026 to 3 Dec 2026 (28 days)" in text
    assert "дек." not in text


def test_the_chart_speaks_the_language_it_is_given_whatever_the_current_one():
    days = [(TODAY - timedelta(days=6 - i), 4.0 if i % 2 else None) for i in range(7)]
    with use_language("de"):
        spec = chart_spec(days, {TODAY}, "Titel")
    figure = draw_chart(spec)  # drawn where no language is set (the rendering process)
    axes = figure.axes[0]
    assert spec.language == "de"
    assert [label for _, label in spec.ticks][0] == "27. Nov."
    assert axes.get_ylabel() == gettext_in("de", "pain (0-10)")
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert gettext_in("de", "pain that day") in legend


def test_days_and_decimals_are_written_the_users_way():
    with use_language("de"):
        assert diary_texts.day_name(date(2026, 11, 26), TODAY) == "Do., 26. Nov."
        assert history_texts.signed(-1.84) == "\u22121,8"
        assert factor_texts.day_words(date(2026, 11, 30), TODAY).endswith("30. November")
    with use_language("es"):
        assert diary_texts.day_name(date(2025, 11, 26), TODAY) == "mié, 26 nov 2025"
    with use_language("ru"):
        heading = history_texts.window_heading(Window(TODAY - timedelta(days=6), TODAY))
        assert heading.endswith("(27 нояб. – 3 дек.)")
    with use_language("en"):
        assert diary_texts.day_name(date(2026, 11, 26), TODAY) == "Thu 26 Nov"


def test_the_template_keeps_the_plural_forms_of_counts():
    """Counts are translated with ngettext: their catalog entries need both English forms
    (extraction with ``-k ngettext`` alone drops the plural and every count stays English)."""
    from babel.messages.pofile import read_po

    from bot.i18n import LOCALES_DIR

    with (LOCALES_DIR / "messages.pot").open("rb") as pot:
        ids = {message.id for message in read_po(pot)}
    assert ("{count} day", "{count} days") in ids
    assert ("Pain, last {days} day", "Pain, last {days} days") in ids


def test_history_takes_an_area_named_in_the_users_language():
    from bot.reading import area_named

    with use_language("ru"):
        assert area_named("поясница") == "lower back"
        assert area_named("lower back") == "lower back"  # English still works
    with use_language("de"):
        assert area_named("Nacken") == "neck & shoulders"
        assert area_named("5") == "lower back"
        assert area_named("Knie") is None


def test_days_typed_in_the_users_language_are_read():
    from bot.reading import days_in_english

    with use_language("de"):
        assert days_in_english("Freitag 18:30") == "friday 18:30"
    with use_language("es"):
        assert days_in_english("sabado") == "saturday"  # typed without the accent
    with use_language("ru"):
        assert days_in_english("в понедельник") == "в monday"
    with use_language("en"):
        assert days_in_english("Freitag") == "Freitag"


def test_the_report_pdf_says_its_language():
    pdf, _ = render_report(clinician_report(), language="de")
    assert b"/Lang (de)" in pdf
