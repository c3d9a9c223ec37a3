"""Runs the real bot against the local Bot API emulator, inside the current event loop.

Shared by ``backcare-bot sandbox`` and the integration tests, so both exercise exactly
the path a deployment takes: HTTP to a Bot API server, long polling, real handlers,
real storage on disk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path

from bot.app import BotRunner, build_application
from bot.config import Config, load_config
from bot.logs import install_redaction
from bot.services import Services
from emulator import BotApiEmulator


@cache
def _read_content() -> tuple[Mapping, Mapping]:
    from content.languages import load_all_legends, load_libraries

    return load_libraries(), load_all_legends()


def _content() -> tuple[dict, dict]:
    """Every language's content, read once per process (the files are the same for every
    bot a test or the sandbox starts, and reading them all takes about a second), in
    containers of this bot's own: a test that adds a routine or a legend to its bot leaves
    the next bot's content as the files say."""
    libraries, legends = _read_content()
    own = {
        language: dataclasses.replace(library, routines=dict(library.routines))
        for language, library in libraries.items()
    }
    return own, {language: dict(found) for language, found in legends.items()}


# Shaped like a real token so the same validation applies; it opens nothing anywhere.
SANDBOX_TOKEN = "123456789:SANDBOX-not-a-real-token-0123456789"


class LocalBot:
    """The bot, configured against ``emulator``, storing its data in ``data_dir``."""

    def __init__(
        self, emulator: BotApiEmulator, data_dir: Path, env: Mapping[str, str] | None = None
    ) -> None:
        self.emulator = emulator
        self.data_dir = Path(data_dir)
        self.env = dict(env or {})
        self.services: Services | None = None
        self.runner: BotRunner | None = None

    def config(self) -> Config:
        env = {
            "BOT_TOKEN": self.emulator.token,
            "DATA_DIR": str(self.data_dir),
            "TELEGRAM_API_BASE_URL": self.emulator.base_url,
            **self.env,
        }
        return load_config(env)

    async def start(self) -> None:
        from storage import Store

        config = self.config()
        install_redaction(config.token)
        store = await Store.open(config.data_dir)
        libraries, legends = _content()
        self.services = Services(
            config=config,
            store=store,
            library=libraries["en"],
            libraries=libraries,
            legends=legends,
        )
        self.runner = BotRunner(build_application(self.services), webhook=bool(config.webhook_url))
        try:
            await self.runner.start()
        except BaseException:
            await store.close()
            raise

    async def stop(self) -> None:
        if self.runner is not None:
            try:
                await self.runner.stop()
            finally:
                await self.services.store.close()
                self.runner = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    @property
    def application(self):
        return self.runner.application if self.runner else None

    @property
    def store(self):
        return self.services.store if self.services else None


@asynccontextmanager
async def local_bot(
    data_dir: Path,
    *,
    files_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
    seed: int = 0,
) -> AsyncIterator[LocalBot]:
    """An emulator on 127.0.0.1 and the bot polling it; both stopped on exit."""
    emulator = BotApiEmulator(
        token=SANDBOX_TOKEN, files_dir=files_dir or Path(data_dir) / "files", seed=seed
    )
    await emulator.start()
    try:
        bot = LocalBot(emulator, Path(data_dir), env)
        await bot.start()
        try:
            yield bot
        finally:
            await bot.stop()
    finally:
        await emulator.stop()
