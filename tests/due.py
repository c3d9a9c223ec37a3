"""Looking at and running the bot's due items (``bot.dispatcher``) from tests."""

from __future__ import annotations

from bot.dispatcher import DueItem, dispatcher_of


def due_items(bot, user_id: int, kind: str | None = None, ref: str | None = None) -> list[DueItem]:
    """The user's items in the running bot's due index (of ``kind``, ``ref``), earliest first."""
    items = dispatcher_of(bot.application).items_of(user_id, kind)
    return [item for item in items if ref is None or item.ref == ref]


def the_item(bot, user_id: int, kind: str, ref: str = "") -> DueItem:
    (item,) = due_items(bot, user_id, kind, ref)
    return item


async def run_due(bot, item: DueItem) -> None:
    """Hand the item to its handler now, as the dispatcher's job does when it is due."""
    await dispatcher_of(bot.application).run_now(item)
