"""Storage layer: the only code that touches TinyDB and the files in DATA_DIR.

The bot uses :class:`Store`; every method is async and returns the dataclasses
of :mod:`domain.models`, never raw TinyDB documents.
"""

from storage.atomic import AtomicJSONStorage
from storage.errors import (
    DataDirError,
    DataDirLockedError,
    SchemaTooNewError,
    StorageError,
    UserNotFound,
)
from storage.lock import DataDirLock
from storage.preferences import update_preferences
from storage.schema import MIGRATIONS, SCHEMA_VERSION
from storage.store import (
    Store,
    check_data_dir,
    diary_dir,
    diary_file_path,
    diary_on_disk,
    new_id,
    user_file_path,
)

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AtomicJSONStorage",
    "DataDirError",
    "DataDirLock",
    "DataDirLockedError",
    "SchemaTooNewError",
    "StorageError",
    "Store",
    "UserNotFound",
    "check_data_dir",
    "diary_dir",
    "diary_file_path",
    "diary_on_disk",
    "new_id",
    "update_preferences",
    "user_file_path",
]
