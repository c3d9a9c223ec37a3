"""Files the bot uploads (saved to disk so a person can open them) and their file ids."""

from __future__ import annotations

import asyncio
import itertools
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str  # path part of the download URL
    local: Path | None
    size: int


def _save_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _safe_filename(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name).strip("._")
    return cleaned or "file"


class Files:
    """Uploads under ``files_dir/<chat id>/`` (a temporary folder when none is given)."""

    def __init__(self, files_dir: Path | str | None) -> None:
        self.dir = Path(files_dir) if files_dir is not None else None
        self._tmp_dir: str | None = None
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._numbers = itertools.count(1)

    def open(self) -> None:
        if self.dir is None:
            self._tmp_dir = tempfile.mkdtemp(prefix="botapi-emulator-")
            self.dir = Path(self._tmp_dir)

    def close(self) -> None:
        if self._tmp_dir is not None:
            shutil.rmtree(self._tmp_dir, ignore_errors=True)
            self._tmp_dir = None

    def by_id(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def by_path(self, file_path: str) -> StoredFile | None:
        return self._by_path.get(file_path)

    async def store_upload(
        self, chat_id: int, message_id: int, upload: web.FileField, kind: str, edit: int = 0
    ) -> tuple[StoredFile, str, str | None]:
        """Save an uploaded file; (stored file, file name, MIME type).

        ``edit`` numbers a file that replaces a message's earlier one, so the earlier file
        (and its file_id) keeps its bytes.
        """
        filename = _safe_filename(upload.filename or kind)
        data = upload.file.read()
        assert self.dir is not None  # noqa: S101 - set in open()
        stem = f"{message_id}-edit{edit}" if edit else str(message_id)
        path = self.dir / str(chat_id) / f"{stem}-{filename}"
        await asyncio.to_thread(_save_bytes, path, data)
        return self.register(path, len(data), kind, filename), filename, upload.content_type

    def register(self, local: Path | None, size: int, kind: str, name: str) -> StoredFile:
        number = next(self._numbers)
        folder = "photos" if kind == "photo" else "documents"
        stored = StoredFile(
            file_id=f"EMU-{kind}-{number}",
            file_unique_id=f"U{number}",
            file_path=f"{folder}/file_{number}{Path(name).suffix}",
            local=local,
            size=size,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored
