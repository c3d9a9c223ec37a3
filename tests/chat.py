"""Talking to the bot as a user in tests: read its replies, get through onboarding."""

from __future__ import annotations


async def drain(user, count: int) -> list:
    """The next ``count`` messages (new or edited) the bot sent to ``user``."""
    return [await user.next_message() for _ in range(count)]


async def onboard(user, zone: str = "Europe/Berlin") -> None:
    """/start (welcome, safety note, zone question), then the zone (set, "all set")."""
    await user.send("/start")
    await drain(user, 3)
    await user.send(zone)
    await drain(user, 2)
