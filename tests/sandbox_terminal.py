"""``backcare-bot sandbox`` driven as a person uses it: type a line, read the answer."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path


class Terminal:
    """The sandbox in a child process: type lines, wait for text to show up.

    Lines may be typed without waiting (as when pasted): the sandbox itself holds each
    one until the bot is done with the one before. :meth:`mark` and ``expect(after=)``
    look only at what was shown after a point.
    """

    def __init__(self, tmp_path: Path, *args: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATA_DIR"))}
        command = [sys.executable, "-m", "bot.cli", "sandbox"]
        self.process = subprocess.Popen(
            [*command, "--data-dir", str(tmp_path / "sandbox"), *args],
            env=env,
            cwd=tmp_path,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.output = ""
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            with self._changed:
                self.output += line
                self._changed.notify_all()

    def type(self, *lines: str) -> None:
        self.process.stdin.write("".join(line + "\n" for line in lines))
        self.process.stdin.flush()

    def mark(self) -> int:
        """A point in the output, for ``expect(..., after=)``."""
        with self._changed:
            return len(self.output)

    def expect(self, text: str, *, after: int = 0, timeout: float = 60) -> int:
        """Wait until ``text`` is shown (after ``after``); return where it ends."""
        with self._changed:
            found = self._changed.wait_for(lambda: text in self.output[after:], timeout)
            assert found, f"{text!r} never shown; the terminal showed:\n{self.output}"
            return self.output.index(text, after) + len(text)

    def quit(self) -> int:
        self.type("/quit")
        self.process.stdin.close()
        try:
            return self.process.wait(timeout=60)
        finally:
            self.process.kill()
