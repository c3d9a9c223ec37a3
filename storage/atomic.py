"""Crash-safe files: private directories, atomic replace, and a TinyDB storage on top.

Stock ``JSONStorage`` rewrites its file in place, so a crash mid-write leaves
broken JSON. Here every write goes to a temp file in the same folder, is fsync'ed,
renamed over the target with ``os.replace`` and the folder is fsync'ed: after a
crash the file holds either the old or the new complete state, and a write that
returned is on disk.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

DIR_MODE = 0o700
FILE_MODE = 0o600
TEMP_SUFFIX = ".tmp"

_UNSET: Any = object()


def fsync_dir(path: Path) -> None:
    """Make a rename or creation inside ``path`` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_private_dir(path: Path) -> bool:
    """Create ``path`` (mode 0700) and missing parents' entry durably; True if created."""
    if path.is_dir():
        return False
    ensure_private_dir(path.parent)
    try:
        path.mkdir(mode=DIR_MODE)
    except FileExistsError:
        return False
    os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask
    fsync_dir(path.parent)
    return True


def atomic_write(
    path: Path,
    data: bytes,
    *,
    sync_dir: bool = True,
    temp_dir: Path | None = None,
    make_dirs: bool = True,
) -> None:
    """Replace ``path`` with ``data`` (mode 0600) so a crash leaves old or new, never half.

    ``sync_dir=False`` leaves the folder's fsync (which makes the rename durable) to the
    caller, who may be writing many files in it. ``temp_dir`` (same file system) holds
    the temporary file instead of ``path``'s folder: where a start-up sweeps leftovers.
    ``make_dirs=False``: the folder must exist (FileNotFoundError otherwise).
    """
    if make_dirs:
        ensure_private_dir(path.parent)
    # mkstemp creates the file with mode 0600 whatever the umask.
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=temp_dir or path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if sync_dir:
        fsync_dir(path.parent)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that replaces its file atomically and answers reads from memory.

    Each ``write()`` goes through :func:`atomic_write` (temp file, fsync, ``os.replace``,
    fsync of the folder), so after a crash the file holds the old or the new complete
    state, and a write that returned is on disk. A write that fails raises and leaves both
    the file and what ``read()`` returns as they were.

    Only valid when a single process owns the file (we hold the DATA_DIR lock): the last
    state written is kept serialized in memory and ``read()`` parses it again, which is
    cheaper than a disk read and still returns a fresh dict each time (TinyDB mutates what
    ``read()`` returns). Unlike ``CachingMiddleware`` nothing is ever pending.

    ``make_dirs`` creates the file's folder when it is missing (default: every missing
    parent); the store passes one that refuses to recreate a deleted DATA_DIR. ``temp_dir``
    (same file system) holds the temporary file instead of the file's folder. ``on_write``
    is called after each write that reached the disk.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        preloaded: bytes | str | None = _UNSET,
        make_dirs: Callable[[Path], object] = ensure_private_dir,
        temp_dir: Path | None = None,
        on_write: Callable[[], object] | None = None,
        before_write: Callable[[], object] | None = None,
    ) -> None:
        """Open ``path``; ``preloaded`` (the file's content, None for "no file") skips reading."""
        super().__init__()
        self.path = Path(path)
        self._make_dirs = make_dirs
        self._temp_dir = temp_dir
        self._on_write = on_write
        self._before_write = before_write
        if preloaded is _UNSET:
            try:
                preloaded = self.path.read_bytes() or None
            except FileNotFoundError:
                preloaded = None
        if isinstance(preloaded, str):
            preloaded = preloaded.encode("utf-8")
        self._serialized: bytes | None = preloaded

    @property
    def serialized(self) -> bytes | None:
        """The JSON text last written (or read), or None if the file does not exist yet."""
        return self._serialized

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._serialized is None:
            return None
        return orjson.loads(self._serialized)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._before_write is not None:
            self._before_write()  # may refuse: nothing has changed yet
        serialized = orjson.dumps(data)
        if not self.path.parent.is_dir():
            self._make_dirs(self.path.parent)
        atomic_write(self.path, serialized, make_dirs=False, temp_dir=self._temp_dir)
        self._serialized = serialized
        if self._on_write is not None:
            self._on_write()

    def close(self) -> None:
        """Nothing to flush: every write already reached the disk."""
