"""``backcare-bot`` with a test double for a full disk under DATA_DIR (not a test module).

While the file named by ``FULL_DISK_FLAG`` exists, every write through ``os.fdopen`` to a
file under DATA_DIR fails as a full disk does (ENOSPC): the seam the storage tests use
(``tests/test_storage_durability.py``), here in a real bot process, so no root is needed
to mount a tiny file system. Everything else is the real ``python -m bot.cli``.

Run: ``FULL_DISK_FLAG=/tmp/flag python tests/full_disk_bot.py`` (with the bot's variables).
"""

from __future__ import annotations

import errno
import os
import sys

FLAG = os.environ["FULL_DISK_FLAG"]
DATA_DIR = os.path.realpath(os.environ["DATA_DIR"])
_real_fdopen = os.fdopen


class _FullDiskFile:
    """A file opened on a full disk: writing to it fails with ENOSPC."""

    def __init__(self, handle) -> None:
        self._handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self._handle.close()

    def write(self, data) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def flush(self) -> None:
        self._handle.flush()

    def fileno(self) -> int:
        return self._handle.fileno()

    def close(self) -> None:
        self._handle.close()


def _fdopen(fd, *args, **kwargs):
    handle = _real_fdopen(fd, *args, **kwargs)
    if os.path.exists(FLAG):
        path = os.path.realpath(f"/proc/self/fd/{fd}")
        if path.startswith(DATA_DIR + os.sep):
            return _FullDiskFile(handle)
    return handle


if __name__ == "__main__":
    os.fdopen = _fdopen
    from bot.cli import main

    sys.exit(main())
