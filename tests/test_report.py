"""/report: a PDF for a clinician, driven through Telegram as a user would."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from chat import onboard
from pypdf import PdfReader

from bot.charts import PNG_SIGNATURE
from domain.models import PainEntry, RoutineSession, utcnow
from domain.preferences import WarningSign
from storage import new_id, update_preferences

ZONE = "Europe/Berlin"


def local_today():
    return utcnow().astimezone(ZoneInfo(ZONE)).date()


def long_day(day) -> str:
    return f"{day.day} {day:%b %Y}"


async def seed(store, user_id: int, levels: dict[int, tuple[int, str | None, str]]) -> None:
    """Pain entries ``days ago -> (level, area, note)``, at 09:00 local time."""
    for ago, (level, area, note) in levels.items():
        day = local_today() - timedelta(days=ago)
        at = datetime(day.year, day.month, day.day, 9, tzinfo=ZoneInfo(ZONE)).astimezone(UTC)
        entry = PainEntry(
            id=new_id(), recorded_at=at, local_date=day, level=level, area=area, note=note
        )
        await store.record_pain(user_id, entry)


def pdf_pages(message) -> list[str]:
    assert message.kind == "document"
    data = message.file_path.read_bytes()
    assert data.startswith(b"%PDF")
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


# Drawing a report takes a second or two of CPU, more on a busy test host (and the
# rendering process may still be starting): wait for it generously, this is no timing test.
DRAWN = 60.0


async def report_messages(user) -> tuple:
    return await user.next_message(DRAWN), await user.next_message(DRAWN)


async def ask_report(user, button: str):
    await user.send("/report")
    question = await user.next_message()
    assert [text for row in question.buttons for text, _ in row] == [
        "4 weeks",
        "3 months",
        "From the first entry",
    ]
    await user.press(button)
    return question


async def test_report_sends_a_preview_and_a_pdf_of_the_period_with_the_pain_summary(bot):
    user = bot.emulator.user(1701, first_name="Anna")
    await onboard(user, ZONE)
    await seed(
        bot.store,
        1701,
        {
            0: (4, "lower back", "better after a walk"),
            1: (6, "lower back", ""),
            2: (7, "neck", "stiff after a long drive"),
            3: (3, None, ""),
            40: (9, "hips", "old flare-up"),  # outside 4 weeks
        },
    )
    start = datetime.now(UTC) - timedelta(days=1)
    await bot.store.save_session(
        1701,
        RoutineSession(
            id=new_id(),
            routine_id="desk-break",
            started_at=start,
            ended_at=start + timedelta(minutes=5),
            status="completed",
            pain_before=6,
            pain_after=4,
        ),
    )
    await ask_report(user, "4 weeks")
    preview, document = await report_messages(user)
    assert preview.kind == "photo"
    assert preview.file_path.read_bytes().startswith(PNG_SIGNATURE)
    assert long_day(local_today()) in preview.caption
    assert document.raw["document"]["file_name"].endswith(".pdf")
    pages = pdf_pages(document)
    assert 1 <= len(pages) <= 2
    text = " ".join(pages)
    first = local_today() - timedelta(days=27)
    assert f"Period: {long_day(first)} to {long_day(local_today())} (28 days)" in text
    assert "Patient: Anna" in text
    assert "Days with a pain report 4 of 28" in text
    assert "Average pain (mean of daily averages) 5.0 / 10" in text
    assert "Lowest and highest single report 3 and 7" in text
    assert "lower back: 2 of 4 reports" in text and "neck: 1 of 4 reports" in text
    assert "hips" not in text  # named only 40 days ago
    assert "Desk break (no equipment): done 1x" in text and "−2.0" in text
    assert "better after a walk" in text and "old flare-up" not in text
    for number, page in enumerate(pages, start=1):
        assert "Not a diagnosis" in page
        assert f"Page {number} of {len(pages)}" in page


async def test_report_from_the_first_entry_covers_everything(bot):
    user = bot.emulator.user(1702)
    await onboard(user, ZONE)
    await seed(bot.store, 1702, {0: (2, None, ""), 40: (8, "hips", "old flare-up")})
    await ask_report(user, "From the first entry")
    _, document = await report_messages(user)
    text = " ".join(pdf_pages(document))
    first = local_today() - timedelta(days=40)
    assert f"Period: {long_day(first)} to {long_day(local_today())} (41 days)" in text
    assert "old flare-up" in text and "hips: 1 of 2 reports" in text


async def test_report_lists_every_day_the_user_reported_warning_signs_in_the_tables_words(bot):
    user = bot.emulator.user(1703)
    await onboard(user, ZONE)
    await seed(bot.store, 1703, {1: (5, None, "")})
    earlier = local_today() - timedelta(days=10)
    await update_preferences(
        bot.store, 1703, warning_days=(WarningSign(earlier, "mention", ("night_pain",)),)
    )
    await user.send("I have a fever and chills")  # a warning sign today, through the chat
    await user.next_message()
    await ask_report(user, "3 months")
    _, document = await report_messages(user)
    text = " ".join(pdf_pages(document))
    table = bot.application.bot_data.services.library.warning_signs
    lines = []
    for day, code in ((earlier, "night_pain"), (local_today(), "fever")):
        sign = table.signs[code]
        words = " ".join(sign.words.split())
        lines.append(f"{long_day(day)} ({table.tiers[sign.tier].title}): {words}")
        assert lines[-1] in text
    assert text.index(lines[0]) < text.index(lines[1])  # oldest first


async def test_report_of_a_period_without_data_says_so_and_sends_no_pdf(bot):
    user = bot.emulator.user(1704)
    await onboard(user, ZONE)
    await seed(bot.store, 1704, {60: (5, None, "")})  # only before the last 4 weeks
    await ask_report(user, "4 weeks")
    reply = await user.next_message()
    assert reply.kind == "text"
    assert "nothing in your diary for the last 4 weeks" in reply.text
    assert [text for row in reply.buttons for text, _ in row] == [
        "3 months",
        "From the first entry",
    ]
    assert not [m for m in user.messages if m.kind in ("document", "photo")]


async def test_report_for_a_new_user_without_any_entry_says_so(bot):
    user = bot.emulator.user(1705)
    await onboard(user, ZONE)
    await ask_report(user, "From the first entry")
    reply = await user.next_message()
    assert "nothing in your diary" in reply.text and not reply.buttons
    assert "longer period" not in reply.text  # no longer period to pick: none offered


async def test_report_counts_treatments_and_says_what_went_with_better_days(bot):
    from domain.models import FactorEntry

    user = bot.emulator.user(1706)
    await onboard(user, ZONE)
    # A walk on every other day of the last 20, and lower pain on exactly those days.
    await seed(bot.store, 1706, {ago: (3 if ago % 2 else 6, None, "") for ago in range(20)})
    for ago in range(20):
        day = local_today() - timedelta(days=ago)
        at = datetime(day.year, day.month, day.day, 18, tzinfo=ZoneInfo(ZONE)).astimezone(UTC)
        if ago % 2:
            walk = FactorEntry(new_id(), at, day, "activity", "walk", 30, "min")
            await bot.store.record_factor(1706, walk)
        if ago < 3:
            pill = FactorEntry(new_id(), at, day, "medication", "Ibuprofen", 400, "mg")
            await bot.store.record_factor(1706, pill)
    await ask_report(user, "4 weeks")
    _, document = await report_messages(user)
    text = " ".join(pdf_pages(document))
    assert "Ibuprofen (medication): 3x on 3 days (as written: 400 mg ×3)" in text
    assert "walk (activity): 10x on 10 days (as written: 30 min ×10)" in text
    assert (
        "Days with walk (activity): pain 3.0 points lower on average "
        "(10 days with, 10 without; fairly consistent)" in text
    )
    assert "not causes" in text


async def test_an_unknown_period_button_is_answered_as_stale_and_makes_no_report(bot):
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup
    from test_pain_reporting import answer_to

    from bot import texts

    user = bot.emulator.user(1707)
    await onboard(user, ZONE)
    await seed(bot.store, 1707, {0: (4, None, "")})
    forged = InlineKeyboardMarkup([[InlineKeyboardButton("old", callback_data="rep:p:1y")]])
    sent = await bot.application.bot.send_message(user.id, "·", reply_markup=forged)
    await user.next_message()
    query_id = await user.press("old", message_id=sent.message_id)
    assert (await answer_to(user, query_id)).text == texts.STALE_BUTTON
    assert not [m for m in user.messages if m.kind in ("document", "photo")]


async def test_the_user_may_add_a_surname_or_date_of_birth_to_the_report(bot):
    user = bot.emulator.user(1708, first_name="Anna")
    await onboard(user, ZONE)
    await seed(bot.store, 1708, {0: (4, None, "")})
    await user.send("/report name Anna Smith,  born 12.3.1970")
    confirmed = await user.next_message()
    assert "Anna Smith, born 12.3.1970" in confirmed.text
    await user.press("4 weeks")
    _, document = await report_messages(user)
    assert "Patient: Anna Smith, born 12.3.1970" in " ".join(pdf_pages(document))
    await user.send("/report")
    assert "Anna Smith, born 12.3.1970" in (await user.next_message()).text
    await user.send("/report name")
    assert "first name again: Anna" in (await user.next_message()).text
    await user.send("/report name " + "x" * 81)
    assert "under 80 characters" in (await user.next_message()).text
    await user.send("/report please")
    assert "/report name" in (await user.next_message()).text
    assert (await bot.store.get_user(1708)).preferences.report_name == ""


async def test_treatments_written_in_the_chat_appear_in_the_report(bot):
    user = bot.emulator.user(1709)
    await onboard(user, ZONE)
    await seed(bot.store, 1709, {1: (6, "lower back", ""), 2: (5, None, "")})
    for text in ("took ibuprofen 400", "heat pack 20 min"):
        await user.send(text)
        assert "Noted" in (await user.next_message()).text
    await ask_report(user, "4 weeks")
    _, document = await report_messages(user)
    text = " ".join(pdf_pages(document))
    assert "Average pain (mean of daily averages) 5.5 / 10" in text
    assert "ibuprofen (medication): 1x on 1 day (as written: 400 ×1)" in text
    assert "heat pack (heat/cold): 1x on 1 day (as written: 20 min ×1)" in text
