"""Errors raised by the storage layer; each message says what to do about it."""

from __future__ import annotations


class StorageError(Exception):
    """Base class for every storage problem the bot may want to report."""


class DataDirError(StorageError):
    """DATA_DIR cannot be used (not a directory, not writable, unreadable meta.json)."""


class DataDirLockedError(StorageError):
    """Another backcare-bot process owns DATA_DIR; two writers would corrupt it."""


class SchemaTooNewError(StorageError):
    """Data written by a newer backcare-bot; reading it could silently drop fields."""


class UserNotFound(StorageError, KeyError):
    """An update was asked for a user who has no profile yet."""

    def __str__(self) -> str:
        # KeyError.__str__ would repr() the message and add quotes.
        return str(self.args[0]) if self.args else "user not found"


class CorruptUserFileError(StorageError):
    """A user file is not valid JSON or not shaped like one of ours (internal)."""


class DiskError(StorageError):
    """A write (or read) did not reach the disk: full, read-only, failing or gone.

    Nothing was acknowledged; the files hold what they held before. The next operation
    simply tries again, so the bot recovers by itself once the disk does.
    """


class DataDirGoneError(DiskError):
    """DATA_DIR was deleted (or unmounted) under the running bot.

    Nothing is written into a void: recreate the folder (or restore a backup) and the
    next write works again.
    """
