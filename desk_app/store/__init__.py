"""The desk's local store: SQLite (WAL) through SQLAlchemy 2, Alembic migrations,
content-addressed blobs, the outbox and the audit log."""

from .desk_store import DeskStore
from .errors import (
    AttachmentMismatch,
    BlobCorrupted,
    BlobMissing,
    BlobNameError,
    DossierNotFound,
    LeaseConflict,
    OutboxEntryNotFound,
    OutboxStateError,
    StoreClosed,
    StoreError,
    StoreReadError,
    StoreRejected,
    StoreTooNew,
    StoreWriteError,
)
from .records import (
    AuditEntry,
    CitizenLookup,
    DossierSummary,
    DraftSummary,
    OutboxEntry,
    OutboxEvent,
    StoredDraft,
)
from .writer import StoreWriter

__all__ = [
    "AttachmentMismatch",
    "AuditEntry",
    "BlobCorrupted",
    "BlobMissing",
    "BlobNameError",
    "CitizenLookup",
    "DeskStore",
    "DossierNotFound",
    "DossierSummary",
    "DraftSummary",
    "LeaseConflict",
    "OutboxEntry",
    "OutboxEntryNotFound",
    "OutboxEvent",
    "OutboxStateError",
    "StoreClosed",
    "StoreError",
    "StoreReadError",
    "StoreRejected",
    "StoreTooNew",
    "StoreWriteError",
    "StoreWriter",
    "StoredDraft",
]
