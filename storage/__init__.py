"""Storage layer: the only code that touches TinyDB and the files in DATA_DIR.

Features talk to a :class:`Repository` (``storage.repository``): async verbs returning the
dataclasses of :mod:`domain.models`, never raw TinyDB documents. :class:`Store` implements
it over TinyDB files in DATA_DIR.
"""

from storage.atomic import AtomicJSONStorage
from storage.errors import (
    DataDirError,
    DataDirGoneError,
    DataDirLockedError,
    DiskError,
    SchemaTooNewError,
    StorageError,
    UserNotFound,
)
from storage.ids import id_for_callback, id_for_message, id_for_part, new_id
from storage.layout import factors_dir, factors_on_disk
from storage.lock import DataDirLock
from storage.preferences import update_preferences
from storage.repository import Repository
from storage.schema import MIGRATIONS, SCHEMA_VERSION
from storage.store import (
    Store,
    UserProblem,
    UserSnapshot,
    check_data_dir,
    diary_dir,
    diary_file_path,
    diary_on_disk,
    user_file_path,
)

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AtomicJSONStorage",
    "DataDirError",
    "DataDirLock",
    "DataDirLockedError",
    "DataDirGoneError",
    "DiskError",
    "SchemaTooNewError",
    "StorageError",
    "Repository",
    "Store",
    "UserNotFound",
    "UserProblem",
    "UserSnapshot",
    "check_data_dir",
    "diary_dir",
    "diary_file_path",
    "diary_on_disk",
    "factors_dir",
    "factors_on_disk",
    "id_for_callback",
    "id_for_message",
    "id_for_part",
    "new_id",
    "update_preferences",
    "user_file_path",
]
