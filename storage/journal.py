"""The write-ahead journal: durable writes at the cost of one fdatasync per *batch*.

Writing a user file durably costs a temp file, two fsyncs and a rename: about 1 ms of
mostly kernel time on the CI machine, three times per pain report. Instead, a change
is appended to ``DATA_DIR/journal-<n>.log`` as one line holding what it changed (a
patch, see ``storage.store``), and every change waiting at that moment shares one
``write`` and one ``fdatasync`` (group commit). A write is acknowledged only after its
line is on disk, as before.

The user files themselves are brought up to date later, at a checkpoint (see
``Store.checkpoint``): the journal is rotated, the files it covers are written the
old way, then the old journal is deleted. Opening DATA_DIR after a crash replays any
journal left behind before anything else reads a user file.

A line is ``<crc32 of the rest, 8 hex digits> <user id> <payload>\n``. The payload is
``+`` and a JSON patch, ``-`` for "the user's data was erased", or (records written
before patches) the user's whole file as JSON. JSON text never holds a raw newline, so
a line is one record; a torn last line (the crash came mid-write) fails its checksum
and is ignored: it was never acknowledged.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import zlib
from pathlib import Path

from storage.atomic import FILE_MODE, fsync_dir
from storage.errors import StorageError

log = logging.getLogger(__name__)

PREFIX, SUFFIX = "journal-", ".log"
_NAME = re.compile(rf"^{PREFIX}(\d+){re.escape(SUFFIX)}$")
DELETED = "-"


def encode_record(user_id: int, text: str | None) -> bytes:
    payload = f"{user_id} {DELETED if text is None else text}".encode()
    return b"%08x " % zlib.crc32(payload) + payload + b"\n"


def journal_files(folder: Path) -> list[Path]:
    """The journal files in ``folder``, oldest first."""
    found = []
    for entry in os.scandir(folder):
        match = _NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), Path(entry.path)))
    return [path for _, path in sorted(found)]


def read_records(path: Path) -> list[tuple[int, str | None]]:
    """(user id, payload or None for deleted) of every intact record, in order."""
    records = []
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            record = _decode(line)
            if record is None:
                if handle.read(1):
                    log.warning("%s: record %d is damaged; ignoring the rest", path, number)
                break
            records.append(record)
    return records


def _decode(line: bytes) -> tuple[int, str | None] | None:
    if not line.endswith(b"\n") or len(line) < 11 or line[8:9] != b" ":
        return None
    payload = line[9:-1]
    try:
        if int(line[:8], 16) != zlib.crc32(payload):
            return None
        user_id, _, text = payload.decode("utf-8").partition(" ")
        return int(user_id), (None if text == DELETED else text)
    except ValueError:
        return None


class Journal:
    """Appends records for the asyncio loop; one worker-thread hop per batch."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._seq = 0
        self._fd: int | None = None
        self.path: Path | None = None
        self.size = 0  # bytes in the current file
        self._pending: list[tuple[bytes, asyncio.Future[None]]] = []
        self._flusher: asyncio.Task[None] | None = None
        self._io = asyncio.Lock()  # one batch written, or the file rotated, at a time

    # ----------------------------------------------------------- files (any thread)

    def open_sync(self) -> None:
        """Start a new, empty journal file after the highest number present."""
        existing = journal_files(self.folder)
        last = int(_NAME.match(existing[-1].name).group(1)) if existing else 0
        self._seq = max(self._seq, last) + 1
        self.path = self.folder / f"{PREFIX}{self._seq:08d}{SUFFIX}"
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        self.size = 0
        fsync_dir(self.folder)

    @property
    def closed(self) -> bool:
        return self._fd is None

    def close_sync(self) -> None:
        """Close the current file (the checkpoint deletes it once the user files hold it)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _append_sync(self, data: bytes) -> None:
        if self._fd is None:
            raise StorageError("the journal is closed")
        start = self.size
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view) :]
            os.fdatasync(self._fd)
        except OSError:
            # Cut a partial batch off, so later records never follow a damaged line.
            try:
                os.ftruncate(self._fd, start)
            except OSError:
                log.exception("journal %s: could not cut off a failed write", self.path)
                self.close_sync()  # nothing more is appended to a damaged file
                self.open_sync()
            raise
        self.size = start + len(data)

    # ------------------------------------------------------------------ the loop

    def submit(self, user_id: int, text: str | None) -> asyncio.Future[None]:
        """Queue a record; the future is done once it is on disk (or failed)."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((encode_record(user_id, text), future))
        if self._flusher is None:
            self._flusher = asyncio.ensure_future(self._flush())
        return future

    async def _flush(self) -> None:
        try:
            while self._pending:
                async with self._io:
                    batch, self._pending = self._pending, []
                    try:
                        await asyncio.to_thread(self._append_sync, b"".join(r for r, _ in batch))
                    except Exception as error:  # noqa: BLE001 - handed to every waiter
                        for _, future in batch:
                            if not future.done():
                                future.set_exception(
                                    StorageError(f"could not write the journal: {error}")
                                )
                        continue
                for _, future in batch:
                    if not future.done():
                        future.set_result(None)
        finally:
            self._flusher = None

    async def drain(self) -> None:
        """Wait until every submitted record has been written (or failed)."""
        while self._flusher is not None:
            await asyncio.shield(self._flusher)

    async def rotate(self) -> None:
        """Switch to a new file between batches."""
        async with self._io:
            self.close_sync()
            await asyncio.to_thread(self.open_sync)

    async def close(self) -> None:
        """Close the current file between batches."""
        async with self._io:
            self.close_sync()
