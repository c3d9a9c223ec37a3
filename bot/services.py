"""What handlers need, handed over once at build time in ``application.bot_data.services``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.config import Config
from bot.context import Context
from bot.i18n import current_language

if TYPE_CHECKING:
    from storage import Repository


@dataclass
class Services:
    config: Config
    store: Repository  # features use its verbs only (storage.Store implements them)
    library: (
        Any  # content.Library in English; typed loosely so the bot starts even if content grows
    )
    # Every language's content.Library and picture legends (content/languages.py), English
    # included; empty means English only.
    libraries: Mapping[str, Any] = field(default_factory=dict)
    legends: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)

    def content(self) -> Any:
        """The content library in the language of the user being answered."""
        return self.libraries.get(current_language(), self.library)

    def legend(self, picture_id: str) -> tuple[str, ...]:
        """What a picture's numbers and symbols mean, in the current language."""
        legends = self.legends.get(current_language()) or self.legends.get("en") or {}
        return tuple(legends.get(picture_id, ()))


def services(context: Context) -> Services:
    """The services of the running application (never a module global)."""
    return context.application.bot_data.services
