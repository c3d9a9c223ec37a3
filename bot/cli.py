"""The ``backcare-bot`` command: run the bot, check a deployment, or try it in a sandbox.

backcare-bot            run with BOT_TOKEN (long polling, or a webhook if WEBHOOK_URL is set)
backcare-bot check      validate configuration, storage and content; exit 0 when healthy
backcare-bot sandbox    chat with the real bot in this terminal, no token or internet needed
backcare-bot pictures   render the routine pictures (content/pictures/) that are out of date
backcare-bot gallery    put every picture on one contact sheet for reviewers
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path

from bot.config import Config, ConfigError, load_config, load_dotenv_file
from bot.logs import install_loop_exception_handler, redact_everywhere, setup_logging

EXIT_CONFIG = 2
EXIT_DISK = 2  # like a bad configuration: restarting as is fails the same way
SANDBOX_HINT = "To try the bot locally without a token: backcare-bot sandbox"

logger = logging.getLogger("backcare")


def _fail(message: str, code: int = EXIT_CONFIG) -> int:
    print(f"backcare-bot: {message}", file=sys.stderr)
    print(SANDBOX_HINT, file=sys.stderr)
    return code


async def _serve(config: Config) -> None:
    from bot.app import BotRunner, build_application
    from bot.services import Services
    from content.languages import load_all_legends, load_libraries
    from storage import DiskError, Store

    libraries = await asyncio.to_thread(load_libraries)
    legends = await asyncio.to_thread(load_all_legends)
    store = await Store.open(config.data_dir)
    services = Services(
        config=config, store=store, library=libraries["en"], libraries=libraries, legends=legends
    )
    try:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        install_loop_exception_handler(loop)  # scrubbed; accept errors rate-limited
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        runner = BotRunner(build_application(services), webhook=bool(config.webhook_url))
        await runner.run_until(stop)
    finally:
        await store.close()
    # Writes failed while running, and the disk still cannot take a start's writes: say
    # so now, not only at the next start.
    problem = await asyncio.to_thread(store.disk_problem)
    if problem:
        raise DiskError(f"stopped with storage failing: {problem}")


def run(args: argparse.Namespace) -> int:
    try:
        config = load_config()
    except ConfigError as error:
        return _fail(str(error))
    setup_logging(config.log_level, config.token)
    # Tracebacks, thread and loop errors and warnings print past logging: scrub them too.
    redact_everywhere(config.token, config.webhook_secret)
    from storage import DiskError, StorageError

    try:
        asyncio.run(_serve(config))
    except DiskError as error:
        # A full (or failing) disk at start or stop: one line naming DATA_DIR and the
        # space needed, no traceback. Nothing unsaved was ever acknowledged (storage.store).
        print(f"backcare-bot: {error}", file=sys.stderr)
        return EXIT_DISK
    except StorageError as error:
        return _fail(str(error))
    return 0


def check(args: argparse.Namespace) -> int:
    """Validate configuration, storage and content without taking the data lock."""
    from content import validate_library
    from storage import Store

    problems: list[str] = []
    try:
        config = load_config()
    except ConfigError as error:
        return _fail(str(error))
    problems += Store.check_dir(config.data_dir)
    content_problems = validate_library()
    problems += [f"content: {p}" for p in content_problems]
    if not content_problems:
        from content import load_library
        from content.languages import validate_languages
        from content.pictures.spec import step_picture_problems

        problems += [f"content: {p}" for p in step_picture_problems(load_library().routines)]
        problems += [f"content: {p}" for p in validate_languages()]
    if problems:
        for problem in problems:
            print(f"backcare-bot check: {problem}", file=sys.stderr)
        return 1
    print("backcare-bot check: configuration, storage and content are OK")
    return 0


def health(args: argparse.Namespace) -> int:
    """Ask the running bot's ``/healthz`` (Docker's HEALTHCHECK); without one, run ``check``.

    ``/healthz`` is served in webhook mode, and in polling mode when PORT is set; it tells
    whether the bot itself can write its data and reach Telegram, which a separate
    ``check`` process cannot.
    """
    import urllib.error
    import urllib.request

    try:
        config = load_config()
    except ConfigError as error:
        return _fail(str(error))
    if not (config.webhook_url or config.port_given):
        return check(args)
    host = config.listen_address
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"  # a wildcard listener answers on loopback
    url = f"http://{host}:{config.port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=8) as response:
            print(f"backcare-bot health: {response.read().decode(errors='replace')}")
            return 0
    except urllib.error.HTTPError as error:  # 503: the body names what failed
        print(f"backcare-bot health: {error.read().decode(errors='replace')}", file=sys.stderr)
    except OSError as error:
        reason = getattr(error, "reason", error)
        print(f"backcare-bot health: {url} did not answer: {reason}", file=sys.stderr)
    return 1


def sandbox(args: argparse.Namespace) -> int:
    try:
        from bot.sandbox.command import run_sandbox
    except ModuleNotFoundError as error:
        if error.name != "emulator":
            raise
        # The emulator is a development package: a deployment image leaves it out.
        print(
            "backcare-bot sandbox: needs the development package 'emulator'; "
            "install from a source checkout (pip install -e .)",
            file=sys.stderr,
        )
        return 1
    return run_sandbox(
        Path(args.data_dir), log_level=args.log_level, name=args.name, language=args.language
    )


def pictures(args: argparse.Namespace) -> int:
    """Render stale or missing pictures; with --check only report them (exit 1 if any)."""
    from content.pictures.commands import render_pictures

    return render_pictures(
        check_only=args.check,
        force=args.force,
        descriptions=Path(args.descriptions) if args.descriptions else None,
        png_dir=Path(args.png_dir) if args.png_dir else None,
    )


def gallery(args: argparse.Namespace) -> int:
    """Render what is stale, then lay every picture out on one contact sheet."""
    from content.pictures.commands import make_gallery

    return make_gallery(Path(args.out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="backcare-bot", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    sub.add_parser("check", help="validate configuration, storage and content")
    sub.add_parser("health", help="ask the running bot's /healthz (or run check without one)")
    sb = sub.add_parser("sandbox", help="chat with the bot in this terminal, no token needed")
    sb.add_argument("--data-dir", default="./sandbox-data", help="where the sandbox keeps data")
    sb.add_argument("--log-level", default="WARNING", help="bot log level shown in the terminal")
    sb.add_argument("--name", help="your first name in the sandbox chat (default: Alex)")
    sb.add_argument(
        "--language", default="en", help="your Telegram app's language: en, es, de, ru, ..."
    )
    pics = sub.add_parser("pictures", help="render the routine pictures that are out of date")
    pics.add_argument("--check", action="store_true", help="only report; exit 1 if any is stale")
    pics.add_argument("--force", action="store_true", help="render every picture again")
    pics.add_argument("--descriptions", help=argparse.SUPPRESS)  # tests: another source folder
    pics.add_argument("--png-dir", help=argparse.SUPPRESS)  # tests: another output folder
    gal = sub.add_parser("gallery", help="every picture on one contact sheet, for reviewers")
    gal.add_argument("--out", default="docs/pictures/gallery.png", help="where to save it")
    args = parser.parse_args(argv)
    load_dotenv_file()
    handlers = {
        "check": check,
        "health": health,
        "sandbox": sandbox,
        "pictures": pictures,
        "gallery": gallery,
    }
    return handlers.get(args.command, run)(args)


if __name__ == "__main__":
    sys.exit(main())
