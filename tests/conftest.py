"""Shared fixtures: the real bot polling a local Bot API emulator on 127.0.0.1."""

from __future__ import annotations

import pytest

from bot.sandbox.harness import local_bot
from domain import timezones


@pytest.fixture(scope="session", autouse=True)
def zone_index_built() -> None:
    """Build the place-name index before the first onboarding: on a busy host its cold build
    takes longer than a chat test waits for the answer to the time-zone question."""
    timezones.warm_up()


@pytest.fixture
async def bot(tmp_path):
    """A running bot with its own data dir; stopped (with the emulator) after the test."""
    async with local_bot(tmp_path / "data", files_dir=tmp_path / "files") as running:
        yield running


@pytest.fixture
def emulator(bot):
    return bot.emulator
