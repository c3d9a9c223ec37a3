"""Webhook mode: Telegram (the emulator) POSTs updates; requests without the secret are refused."""

from __future__ import annotations

import socket

import aiohttp

from bot.sandbox.harness import SANDBOX_TOKEN, LocalBot
from emulator import BotApiEmulator

SECRET = "s3cret-Token_for-tests"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_webhook_mode_answers_users_and_rejects_requests_without_the_secret(tmp_path):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    emulator = BotApiEmulator(token=SANDBOX_TOKEN, files_dir=tmp_path / "files")
    await emulator.start()
    try:
        bot = LocalBot(
            emulator,
            tmp_path / "data",
            env={
                "WEBHOOK_URL": url,
                "WEBHOOK_SECRET": SECRET,
                "PORT": str(port),
                "LISTEN_ADDRESS": "127.0.0.1",
            },
        )
        await bot.start()
        try:
            assert emulator.webhook["url"] == url
            user = emulator.user(77, first_name="Hook")
            await user.send("/help")
            assert "/start" in (await user.next_message()).text

            forged = {
                "update_id": 999999,
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": 77, "type": "private"},
                    "from": {"id": 77, "is_bot": False, "first_name": "Evil"},
                    "text": "/help",
                },
            }
            async with aiohttp.ClientSession() as session:
                async with session.post(url, json=forged) as response:
                    assert response.status == 403
                wrong = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
                async with session.post(url, json=forged, headers=wrong) as response:
                    assert response.status == 403
            sent_before = len(emulator.sent)
            await user.send("/help")  # a genuine update still works afterwards
            await user.next_message()
            assert len(emulator.sent) == sent_before + 1
        finally:
            await bot.stop()
    finally:
        await emulator.stop()
