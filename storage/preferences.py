"""Change a user's preferences in one read-modify-write, through the store's public verbs."""

from __future__ import annotations

import dataclasses
from typing import Any

from domain.models import User
from storage.repository import Repository


async def update_preferences(store: Repository, user_id: int, **changes: Any) -> User | None:
    """Set these ``Preferences`` fields on the freshest stored profile (another handler may
    have just written other fields); nothing is written when nothing changes. None if the
    user has no profile."""

    def change(user: User | None) -> User | None:
        if user is None:
            return None
        return dataclasses.replace(
            user, preferences=dataclasses.replace(user.preferences, **changes)
        )

    return await store.modify_user(user_id, change)
