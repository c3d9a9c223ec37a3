"""How a feature module plugs into the bot.

A feature is a module under ``bot/handlers/`` that may define:

- ``handlers()``: its Telegram handlers (commands, buttons, ...), as a list, or as a
  ``{group: [handlers]}`` dict when some must run in another handler group;
- ``COMMANDS``: ``[(command, one-line description)]`` for /help and the command menu;
- ``AWAITING``: ``{kind: handler}`` for plain text while ``user.awaiting.kind`` is ``kind``
  (a ``domain.conversation.AwaitingKind``); the handler is ``async (update, context, user)``;
- ``FREE_TEXT``: handlers tried in order for other plain text, ``async (update, context,
  user) -> bool`` returning True when they dealt with it;
- ``DUE``: ``{kind: bot.dispatcher.DueKind}`` for what it schedules (reminders, summaries,
  timers): how an item is handled when due, and what a user has due according to storage;
- ``async on_startup(application)``: runs once when the bot starts (warm up, counters).

``bot.app`` lists the features in one place; this module only collects what they define.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from telegram.ext import Application

from bot.dispatcher import DueKind
from domain.conversation import Awaiting

TextHandler = Callable[..., Awaitable[Any]]


@dataclass
class FeatureSet:
    modules: Sequence[ModuleType]
    commands: list[tuple[str, str]] = field(default_factory=list)
    awaiting: dict[str, TextHandler] = field(default_factory=dict)
    free_text: list[TextHandler] = field(default_factory=list)
    due: dict[str, DueKind] = field(default_factory=dict)

    @classmethod
    def collect(cls, modules: Sequence[ModuleType]) -> FeatureSet:
        features = cls(modules)
        for module in modules:
            features.commands += getattr(module, "COMMANDS", [])
            features.awaiting.update(getattr(module, "AWAITING", {}))
            features.free_text += getattr(module, "FREE_TEXT", [])
            features.due.update(getattr(module, "DUE", {}))
        return features

    def install(self, application: Application) -> None:
        application.bot_data.features = self
        for module in self.modules:
            if hasattr(module, "handlers"):
                application.add_handlers(module.handlers())

    def awaiting_handler(self, state: Awaiting | None) -> TextHandler | None:
        return self.awaiting.get(state.kind) if state is not None else None

    async def on_startup(self, application: Application) -> None:
        for module in self.modules:
            hook = getattr(module, "on_startup", None)
            if hook is not None:
                await hook(application)


def features_of(application: Application) -> FeatureSet:
    return application.bot_data.features
