"""The pain diary through Telegram in Spanish, German and Russian: a user whose Telegram
speaks es/de/ru reports pain in their own words and reads the confirmation, /history and
the /report PDF in their language.

Expected texts are built from the catalogs (``use_language``), so the tests hold whatever
words the translators choose; each also checks the answer is not the English one.
"""

from __future__ import annotations

import html
import io
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from chat import onboard
from pypdf import PdfReader

from bot.i18n import gettext_in, use_language
from bot.texts import history as history_texts
from bot.texts import pain as pain_texts
from bot.texts import report as report_texts
from bot.texts.formats import day_and_month, day_month_year
from domain.models import PainEntry, utcnow
from storage import new_id

ZONE = "Europe/Berlin"
DRAWN = 60.0  # a chart or a PDF is drawn in the rendering process: wait generously

REPORTS = [
    # language, the message, level, area
    ("de", "Rücken 5", 5, None),
    ("es", "me duele la espalda, un 6", 6, None),
    ("ru", "поясница 4", 4, "lower back"),
]


def plain(text: str) -> str:
    """An HTML text as the user reads it."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def local_today():
    return utcnow().astimezone(ZoneInfo(ZONE)).date()


async def seed(store, user_id: int, levels: dict[int, int]) -> None:
    """Pain entries ``days ago -> level`` at 09:00 local time, on the lower back."""
    for ago, level in levels.items():
        day = local_today() - timedelta(days=ago)
        at = datetime(day.year, day.month, day.day, 9, tzinfo=ZoneInfo(ZONE)).astimezone(UTC)
        entry = PainEntry(
            id=new_id(), recorded_at=at, local_date=day, level=level, area="lower back"
        )
        await store.record_pain(user_id, entry)


@pytest.mark.parametrize(("language", "message", "level", "area"), REPORTS)
async def test_a_pain_report_in_the_users_language_is_confirmed_in_it(
    bot, language, message, level, area
):
    user = bot.emulator.user(
        2100 + REPORTS.index((language, message, level, area)), language_code=language
    )
    await onboard(user, ZONE)
    await user.send(message)
    confirmation = await user.next_message()
    (entry,) = await bot.store.pain_entries(user.id)
    assert (entry.level, entry.area) == (level, area)  # stored as in English: "lower back"
    with use_language(language):
        expected = plain(pain_texts.confirmation(entry))
    with use_language("en"):
        english = plain(pain_texts.confirmation(entry))
    assert confirmation.text == expected
    assert confirmation.text != english
    assert [text for row in confirmation.buttons for text, _ in row] == [
        gettext_in(language, pain_texts.UNDO_BUTTON)
    ]


async def test_history_speaks_german(bot):
    user = bot.emulator.user(2110, language_code="de")
    await onboard(user, ZONE)
    await seed(bot.store, user.id, {0: 4, 1: 6, 3: 5})
    await user.send("/history")
    chart = await user.next_message(DRAWN)
    assert chart.kind == "photo"
    caption = chart.caption
    assert caption.startswith(plain(gettext_in("de", history_texts.HISTORY_TITLE)))
    with use_language("de"):
        assert day_and_month(local_today()) in caption  # "3. Dez.": Babel's German months
        buttons = [history_texts.days_button(days, current=days == 30) for days in (7, 30, 90)]
    assert [text for text, _ in chart.buttons[0]] == buttons
    assert "Average pain" not in caption and "Last 30 days" not in caption


async def test_the_report_pdf_speaks_russian(bot):
    user = bot.emulator.user(2120, first_name="Анна", language_code="ru")
    await onboard(user, ZONE)
    await seed(bot.store, user.id, {0: 4, 2: 6, 5: 3})
    await user.send("/report")
    question = await user.next_message()
    assert question.text.startswith(plain(gettext_in("ru", report_texts.ASK_PERIOD))[:20])
    await user.press(gettext_in("ru", report_texts.PERIOD_BUTTONS["4w"]))
    preview = await user.next_message(DRAWN)
    document = await user.next_message(DRAWN)
    assert preview.kind == "photo" and document.kind == "document"
    data = document.file_path.read_bytes()
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )
    with use_language("ru"):
        # "3 дек. 2026 г." (its narrow no-break space read as a space from the PDF)
        today = " ".join(day_month_year(local_today()).split())
        heading = gettext_in("ru", report_texts.SUMMARY_HEADING)
        area = pain_texts.area_name("lower back")
    assert today in text and "Анна" in text
    assert re.search("[а-яё]", today)  # Cyrillic in the PDF, printed with DejaVu Sans
    assert heading in text and area in text
    assert gettext_in("ru", report_texts.TITLE) != report_texts.TITLE
    assert "Pain in this period" not in text
