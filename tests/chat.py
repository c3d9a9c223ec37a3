"""Talking to the bot as a user in tests: read its replies, get through onboarding."""

from __future__ import annotations

import asyncio
import csv
import io


async def drain(user, count: int) -> list:
    """The next ``count`` messages (new or edited) the bot sent to ``user``."""
    return [await user.next_message() for _ in range(count)]


async def onboard(user, zone: str = "Europe/Berlin") -> None:
    """/start (welcome, safety note, zone question), then the zone (set, "all set")."""
    await user.send("/start")
    await drain(user, 3)
    await user.send(zone)
    await drain(user, 2)


async def answer_screening(user, yes: tuple[str, ...] = (), *, unsure: tuple[str, ...] = ()):
    """Answer the safety questions from a message that offers them, in one step.

    Presses "Start the questions" (or a "Safety questions" button) on the newest message
    that has one, then Yes for each condition in ``yes``, Not sure for ``unsure``, and No
    for the rest; returns the summary message.
    """
    from domain.screening import CONDITIONS

    newest = user.messages[-1]
    start = next(d for row in newest.buttons for _, d in row if d and d.startswith("scr:go:"))
    await user.press(start)
    await user.next_message()
    for condition in CONDITIONS:
        answer = "Yes" if condition in yes else "Not sure" if condition in unsure else "No"
        await user.press(answer)
        screen = await user.next_message()
    return screen


async def screened(bot, user_id: int, yes: tuple[str, ...] = ()) -> None:
    """Store safety answers for an onboarded user in one step (Yes to ``yes``, else No),
    as the questions would; tests about other features then meet no questions."""

    from domain.models import utcnow
    from domain.screening import CONDITIONS, from_answers
    from storage import update_preferences

    answers = ["yes" if c in yes else "no" for c in CONDITIONS]
    held = from_answers(answers, utcnow().date())
    await update_preferences(bot.store, user_id, screening=held)


async def welcomed(store, *user_ids: int, zone: str = "Europe/Berlin") -> None:
    """Users who went through /start already, stored directly (no message is sent, so
    tests that count messages or time are not disturbed); without this a first message
    that is not /start gets the welcome first."""
    from reliability_helpers import onboarded

    for user_id in user_ids:
        await store.save_user(onboarded(user_id, zone))


async def answer_to(user, query_id: str, timeout: float = 5.0):  # noqa: ASYNC109
    """The bot's answerCallbackQuery for this press (polled: answers are not chat events)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        for answer in user.callback_answers:
            if answer.callback_query_id == query_id:
                return answer
        await asyncio.sleep(0.01)
    raise TimeoutError(f"no answer to callback query {query_id}")


async def csv_rows(user) -> list[dict[str, str]]:
    """The diary CSV of /export, as rows."""
    await user.send("/export")
    _, diary, _ = await drain(user, 3)
    return list(csv.DictReader(io.StringIO(diary.file_path.read_text(encoding="utf-8"))))
