"""The ``backcare-bot`` command as an operator meets it: config errors, check, sandbox."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sandbox_terminal import Terminal

from bot.config import ConfigError, load_config

GOOD_TOKEN = "123456789:AAE-fake-but-well-formed-token_xyz"


def run_cli(*args: str, env: dict[str, str], stdin: str = "", timeout: float = 60):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATA_DIR"))}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env=full_env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=env.get("CWD", None),
    )


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({}, "BOT_TOKEN"),
        ({"BOT_TOKEN": "not-a-token"}, "BOT_TOKEN"),
        ({"BOT_TOKEN": GOOD_TOKEN, "LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"BOT_TOKEN": GOOD_TOKEN, "TELEGRAM_API_BASE_URL": "ftp://x"}, "TELEGRAM_API_BASE_URL"),
        ({"BOT_TOKEN": GOOD_TOKEN, "ADMIN_IDS": "12,abc"}, "ADMIN_IDS"),
        ({"BOT_TOKEN": GOOD_TOKEN, "PORT": "99999"}, "PORT"),
        ({"BOT_TOKEN": GOOD_TOKEN, "WEBHOOK_URL": "https://x.example/t"}, "WEBHOOK_SECRET"),
        ({"BOT_TOKEN": GOOD_TOKEN, "REMINDER_GRACE": "soon"}, "REMINDER_GRACE"),
    ],
)
def test_bad_configuration_is_named_in_one_line(env, variable):
    with pytest.raises(ConfigError) as raised:
        load_config(env)
    assert raised.value.variable == variable
    assert str(raised.value).startswith(variable)
    assert "\n" not in str(raised.value)


def test_malformed_token_is_not_echoed_back():
    with pytest.raises(ConfigError) as raised:
        load_config({"BOT_TOKEN": "123:has spaces secret"})
    assert "secret" not in str(raised.value)


def test_good_configuration_is_read_with_defaults():
    config = load_config({"BOT_TOKEN": GOOD_TOKEN, "ADMIN_IDS": "1, 2", "REMINDER_GRACE": "30m"})
    assert config.admin_ids == {1, 2}
    assert config.reminder_grace.total_seconds() == 1800
    assert config.base_url == "https://api.telegram.org/bot"
    assert GOOD_TOKEN not in repr(config)


def test_missing_token_exits_2_with_the_variable_and_the_sandbox_hint(tmp_path):
    result = run_cli(env={"DATA_DIR": str(tmp_path / "d"), "CWD": str(tmp_path)})
    assert result.returncode == 2
    assert "BOT_TOKEN" in result.stderr
    assert "backcare-bot sandbox" in result.stderr


def test_unusable_data_dir_exits_2_naming_data_dir(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run_cli(
        env={"BOT_TOKEN": GOOD_TOKEN, "DATA_DIR": str(blocker), "CWD": str(tmp_path)},
    )
    assert result.returncode == 2
    assert "DATA_DIR" in result.stderr
    assert GOOD_TOKEN not in result.stderr + result.stdout


def test_check_passes_on_a_healthy_setup_and_fails_on_a_bad_one(tmp_path):
    good = run_cli(
        "check",
        env={"BOT_TOKEN": GOOD_TOKEN, "DATA_DIR": str(tmp_path / "data"), "CWD": str(tmp_path)},
    )
    assert good.returncode == 0, good.stderr
    bad = run_cli("check", env={"BOT_TOKEN": "nope", "CWD": str(tmp_path)})
    assert bad.returncode == 2 and "BOT_TOKEN" in bad.stderr


def test_sandbox_runs_a_whole_onboarding_in_the_terminal(tmp_path):
    terminal = Terminal(tmp_path)
    terminal.type("/start")
    terminal.expect("not medical advice")
    terminal.type("Berln")
    terminal.expect("[1] Europe/Berlin")  # suggestion buttons, numbered
    terminal.type("#1")
    terminal.expect("Time zone set: Europe/Berlin")
    terminal.type("/help")
    terminal.expect("/timezone — ")
    terminal.type("/loc 48.8566 2.3522")
    terminal.expect("Europe/Paris")  # the shared location
    assert terminal.quit() == 0, terminal.process.stderr.read()
    assert Path(tmp_path / "sandbox" / "users").is_dir()


_ROOT = Path(__file__).resolve().parents[1]


def test_the_bot_itself_never_loads_the_emulator():
    """The emulator is a development package: only the sandbox command may import it."""
    code = (
        "import importlib, pkgutil, sys, bot\n"
        "for info in pkgutil.walk_packages(bot.__path__, 'bot.'):\n"
        "    if not info.name.startswith('bot.sandbox') and not info.name.endswith('__main__'):\n"
        "        importlib.import_module(info.name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'emulator'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_sandbox_without_the_emulator_package_says_what_to_install(tmp_path):
    code = (
        "import sys\n"
        "class NoEmulator:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'emulator':\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, NoEmulator())\n"
        "from bot.cli import main\n"
        "sys.exit(main(['sandbox', '--data-dir', sys.argv[1]]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "sandbox")],
        cwd=_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "development package 'emulator'" in result.stderr
    assert "Traceback" not in result.stderr
