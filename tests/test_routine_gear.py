"""Routines that need gear the user has not ticked are marked and offered last (Telegram)."""

from __future__ import annotations

from chat import drain, onboard, screened

from bot import callbacks
from bot.texts import routines as texts


async def _with_gear(bot, user_id: int, equipment: tuple[str, ...]):
    """An onboarded, screened user who ticked ``equipment`` at the first /routine."""
    user = bot.emulator.user(user_id)
    await onboard(user)
    await screened(bot, user_id)
    await user.send("/routine")
    await user.next_message()  # the equipment question
    for key in equipment:
        await user.press(callbacks.ToggleEquipment(key, 1).pack())
        await user.next_message()
    await user.press(texts.DONE_BUTTON)
    await drain(user, 2)  # "Saved" edit, then the goal menu
    return user


async def test_lower_back_lists_what_the_gear_allows_first_and_marks_the_rest(bot):
    user = await _with_gear(bot, 1811, ("ball", "heat_pad"))
    await user.press("Lower back")
    listing = await user.next_message()
    library = {r.title: r for r in bot.services.library.routines.values()}
    rows = [text for text in listing.button_texts if text != texts.BACK_BUTTON]
    marks = {text.split(" · ")[0]: text for text in rows if " · " in text}
    assert marks, listing.button_texts
    needing = [title for title in marks if library[title].tools - {"ball", "heat_pad"}]
    assert needing  # the massager, the massage chair...
    for title in needing:
        lacking = library[title].tools - {"ball", "heat_pad"}
        assert "needs: " in marks[title]
        assert all(texts.EQUIPMENT_LABELS[tool] in marks[title] for tool in lacking)
    for title in set(marks) - set(needing):
        assert "needs" not in marks[title]  # the ball and heat-pad ones are not marked
    order = list(marks)
    assert max(order.index(t) for t in set(order) - set(needing)) < min(
        order.index(t) for t in needing
    )  # what they can do now comes first
    assert "haven't ticked in /equipment" in listing.text


async def test_nothing_is_marked_before_the_user_said_what_they_have(bot):
    user = bot.emulator.user(1812)
    await onboard(user)
    await screened(bot, 1812)
    await user.send("/routine massager")
    found = await user.next_message()
    assert not any("needs" in text for text in found.button_texts)
