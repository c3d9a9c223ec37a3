"""One process per DATA_DIR, enforced with ``flock`` on ``DATA_DIR/backcare.lock``.

The kernel drops an flock when its holder dies, so a lock file left by a crashed
process never blocks a restart; the pid and start time written into the file are
only there to make the refusal message useful.
"""

from __future__ import annotations

import fcntl
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from storage.atomic import FILE_MODE
from storage.errors import DataDirError, DataDirLockedError

LOCK_NAME = "backcare.lock"


class DataDirLock:
    """An exclusive, non-blocking lock on a data directory, held until :meth:`release`."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise DataDirLockedError naming the process that has it."""
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
        except OSError as exc:
            raise DataDirError(
                f"DATA_DIR {self.data_dir}: cannot open lock file {self.path}: {exc.strerror}"
            ) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _describe_holder(fd)
            os.close(fd)
            raise DataDirLockedError(
                f"DATA_DIR {self.data_dir} is in use by another backcare-bot process ({holder}); "
                "stop it first or point DATA_DIR elsewhere"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        info = {"pid": os.getpid(), "started_at": datetime.now(UTC).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(info) + "\n").encode(), 0)
        self._fd = fd

    def release(self) -> None:
        """Let another process take the directory."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _describe_holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0).decode() or "{}")
        return f"pid {int(info['pid'])}, started {info['started_at']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "pid unknown, it is just starting"
