"""How a feature plugs into the bot: each feature module ends with one ``FEATURE``.

A feature is a module (or package) under ``bot/handlers/`` that declares, in a
``Feature``, what it brings:

- ``handlers``: a function returning its Telegram handlers (commands, buttons, ...), as a
  list, or as a ``{group: [handlers]}`` dict when some must run in another handler group;
- ``commands``: ``[(command, one-line description)]`` for /help and the command menu;
- ``awaiting``: ``{kind: handler}`` for plain text while ``user.awaiting.kind`` is ``kind``
  (a ``domain.conversation.AwaitingKind``); the handler is ``async (update, context, user)``;
- ``ask_again``: ``{kind: handler}`` for questions that a message which is clearly no
  answer (a pain report, a warning sign, a greeting: ``domain.smalltalk.is_not_an_answer``)
  may interrupt: that message is handled as if no question were open, then the handler
  (``async (update, context, user)``) asks the question again;
- ``free_text``: handlers tried in order for other plain text, ``async (update, context,
  user) -> bool`` returning True when they dealt with it (see ``bot.text_router``);
- ``due``: ``{kind: bot.dispatcher.DueKind}`` for what it schedules (reminders, summaries,
  timers): how an item is handled when due, and what a user has due according to storage;
- ``on_startup``: ``async (application)``, run once when the bot starts.

``bot.app`` lists the features in one place, in the order their handlers are tried; this
module only gathers what they declare.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, BaseHandler

from bot.dispatcher import DueKind
from domain.conversation import Awaiting

TextHandler = Callable[..., Awaitable[Any]]
Handlers = list[BaseHandler] | dict[int, list[BaseHandler]]


@dataclass(frozen=True)
class Feature:
    """What one feature brings to the bot (every part optional)."""

    name: str
    handlers: Callable[[], Handlers] | None = None
    commands: Sequence[tuple[str, str]] = ()
    awaiting: Mapping[str, TextHandler] = field(default_factory=dict)
    ask_again: Mapping[str, TextHandler] = field(default_factory=dict)
    free_text: Sequence[TextHandler] = ()
    due: Mapping[str, DueKind] = field(default_factory=dict)
    on_startup: Callable[[Application], Awaitable[None]] | None = None


@dataclass
class FeatureSet:
    """Every feature's declarations, gathered once at build time."""

    features: Sequence[Feature]
    commands: list[tuple[str, str]] = field(default_factory=list)
    awaiting: dict[str, TextHandler] = field(default_factory=dict)
    ask_again: dict[str, TextHandler] = field(default_factory=dict)
    free_text: list[TextHandler] = field(default_factory=list)
    due: dict[str, DueKind] = field(default_factory=dict)

    @classmethod
    def collect(cls, features: Sequence[Feature]) -> FeatureSet:
        gathered = cls(features)
        for feature in features:
            gathered.commands += feature.commands
            gathered.free_text += feature.free_text
            for name, part, into in (
                ("awaiting", feature.awaiting, gathered.awaiting),
                ("ask_again", feature.ask_again, gathered.ask_again),
                ("due", feature.due, gathered.due),
            ):
                clash = part.keys() & into.keys()
                if clash:  # two features claiming one kind: a bug to find at start-up
                    raise ValueError(f"{feature.name} declares {name} {sorted(clash)} again")
                into.update(part)
        return gathered

    def install(self, application: Application) -> None:
        application.bot_data.features = self
        for feature in self.features:
            if feature.handlers is not None:
                application.add_handlers(feature.handlers())

    def awaiting_handler(self, state: Awaiting | None) -> TextHandler | None:
        return self.awaiting.get(state.kind) if state is not None else None

    def ask_again_handler(self, state: Awaiting | None) -> TextHandler | None:
        return self.ask_again.get(state.kind) if state is not None else None

    async def on_startup(self, application: Application) -> None:
        for feature in self.features:
            if feature.on_startup is not None:
                await feature.on_startup(application)


def features_of(application: Application) -> FeatureSet:
    return application.bot_data.features
