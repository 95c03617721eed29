"""What can go wrong in the desk's local store, told so an officer knows what to do.

Every template is written inside ``QT_TRANSLATE_NOOP`` at the place it is raised, so
``pyside6-lupdate`` extracts it from this Qt-free package.
"""

from __future__ import annotations

import errno

from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError


class StoreError(DeskError):
    """Base of the store's errors, so a caller can catch them all at once."""


# What the officer is told about why the disk refused, instead of the system's English
# ("File too large", "disk I/O error"), which stays in the log.
DISK_FULL = QT_TRANSLATE_NOOP("DeskError", "the disk is full")
DISK_READ_ONLY = QT_TRANSLATE_NOOP("DeskError", "the disk only allows reading")
DISK_FAILING = QT_TRANSLATE_NOOP("DeskError", "the disk reported a fault")
DISK_FORBIDDEN = QT_TRANSLATE_NOOP("DeskError", "the desk may not write to its folder")
DISK_BUSY = QT_TRANSLATE_NOOP("DeskError", "another program is holding the desk's records")
_BY_ERRNO = {
    errno.ENOSPC: DISK_FULL, errno.EDQUOT: DISK_FULL, errno.EFBIG: DISK_FULL,
    errno.EROFS: DISK_READ_ONLY, errno.EIO: DISK_FAILING,
    errno.EACCES: DISK_FORBIDDEN, errno.EPERM: DISK_FORBIDDEN,
}
_BY_SQLITE_TEXT = (
    ("disk is full", DISK_FULL),
    ("too large", DISK_FULL),
    ("readonly", DISK_READ_ONLY),
    ("i/o error", DISK_FAILING),
    ("locked", DISK_BUSY),
)


class StoreWriteError(StoreError):
    """The disk refused a write (full, read-only, failing, or held by another program).

    The transaction was rolled back, so nothing half-written remains. ``detail`` keeps the
    system's own words for the log.
    """

    detail: str = ""

    @classmethod
    def because(cls, reason: str, code: int | None = None) -> "StoreWriteError":
        plain = _BY_ERRNO.get(code) if code is not None else None
        if plain is None:
            lowered = reason.lower()
            plain = next((phrase for text, phrase in _BY_SQLITE_TEXT if text in lowered), reason)
        error = cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The desk could not save to its disk ({reason}). Nothing was saved; what was saved before is "
                "safe. Free some space or call your administrator, then save again.",
            ),
            reason=plain,
        )
        error.detail = reason
        return error

    @classmethod
    def of(cls, exc: OSError) -> "StoreWriteError":
        return cls.because(exc.strerror or str(exc), exc.errno)


class StoreReadError(StoreError):
    """The disk refused a read (a failing disk, or a folder the desk may no longer open)."""

    @classmethod
    def because(cls, reason: str) -> "StoreReadError":
        return cls(
            QT_TRANSLATE_NOOP("DeskError", "The desk could not read its disk: {reason}. Check the disk, then try again."),
            reason=reason,
        )


class StoreRejected(StoreError):
    """The database refused a change as inconsistent; it was rolled back."""

    @classmethod
    def because(cls, reason: str) -> "StoreRejected":
        return cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The desk's records refused this change ({reason}). Nothing was saved; tell your administrator.",
            ),
            reason=reason,
        )


class StoreClosed(StoreError):
    @classmethod
    def now(cls) -> "StoreClosed":
        return cls(QT_TRANSLATE_NOOP("DeskError", "The desk's records are already closed. Restart the application."))


class StoreTooNew(StoreError):
    """The database was written by a newer version of the desk than this one."""

    @classmethod
    def at(cls, revision: str) -> "StoreTooNew":
        return cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The desk's records were written by a newer version of this application (schema {revision}). Install the newest version; the records were left untouched.",
            ),
            revision=revision,
        )


class BlobNameError(StoreError):
    @classmethod
    def of(cls, name: str) -> "BlobNameError":
        return cls(QT_TRANSLATE_NOOP("DeskError", "\"{name}\" is not the SHA-256 name of a stored file."), name=name)


class BlobMissing(StoreError):
    @classmethod
    def of(cls, sha256: str) -> "BlobMissing":
        return cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The file {sha256} is not on this desk's disk. Take the document or photo again.",
            ),
            sha256=sha256,
        )


class BlobCorrupted(StoreError):
    """A stored file no longer hashes to its name: the disk damaged it."""

    @classmethod
    def of(cls, sha256: str, actual: str) -> "BlobCorrupted":
        return cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The stored file {sha256} is damaged on disk (it now reads as {actual}). Take the document or photo again and check the disk.",
            ),
            sha256=sha256,
            actual=actual,
        )

    @classmethod
    def unreadable(cls, sha256: str) -> "BlobCorrupted":
        """The sealed file no longer opens: torn or overwritten on the disk."""
        return cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The stored file {sha256} is damaged on disk. Take the document or photo again and check the disk.",
            ),
            sha256=sha256,
        )


class AttachmentMismatch(StoreError):
    """A dossier names a file whose bytes were not given or do not match its description."""

    @classmethod
    def missing(cls, sha256: str, filename: str) -> "AttachmentMismatch":
        return cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The attachment \"{filename}\" ({sha256}) has no file. Take it again, then save.",
            ),
            sha256=sha256,
            filename=filename,
        )

    @classmethod
    def wrong_hash(cls, claimed: str, actual: str) -> "AttachmentMismatch":
        return cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "A file handed to the store as {claimed} actually hashes to {actual}. Take it again, then save.",
            ),
            claimed=claimed,
            actual=actual,
        )

    @classmethod
    def wrong_size(cls, filename: str, declared: int, actual: int) -> "AttachmentMismatch":
        return cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The attachment \"{filename}\" is declared as {declared} bytes but holds {actual}. Take it again, then save.",
            ),
            filename=filename,
            declared=declared,
            actual=actual,
        )


class DossierNotFound(StoreError):
    @classmethod
    def of(cls, client_id: str) -> "DossierNotFound":
        return cls(
            QT_TRANSLATE_NOOP("DeskError", "There is no dossier {client_id} on this desk. Send now to fetch the newest records."),
            client_id=client_id,
        )


class LeaseConflict(StoreError):
    """A code lease overlaps one this desk already holds: using it would print a code twice."""

    @classmethod
    def overlapping(cls, lease_id: str, other: str) -> "LeaseConflict":
        return cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The code block {lease_id} overlaps block {other} already held by this desk; it was not used. Tell your administrator.",
            ),
            lease_id=lease_id,
            other=other,
        )

    @classmethod
    def changed(cls, lease_id: str) -> "LeaseConflict":
        return cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The code block {lease_id} came back with different numbers than before; it was not used. Tell your administrator.",
            ),
            lease_id=lease_id,
        )


class OutboxEntryNotFound(StoreError):
    @classmethod
    def of(cls, entry_id: int) -> "OutboxEntryNotFound":
        return cls(QT_TRANSLATE_NOOP("DeskError", "There is no outgoing item number {entry_id}."), entry_id=entry_id)


class OutboxStateError(StoreError):
    """A state change the outbox rules do not allow (for instance, re-sending a sent item)."""

    @classmethod
    def move(cls, entry_id: int, old: str, new: str) -> "OutboxStateError":
        return cls(
            QT_TRANSLATE_NOOP("DeskError", "Outgoing item {entry_id} is {old} and cannot become {new}."),
            entry_id=entry_id,
            old=old,
            new=new,
        )


class EntryNotHeld(OutboxStateError):
    """Only a held outgoing item may be discarded: any other may still go through."""

    @classmethod
    def of(cls, entry_id: int, state: str) -> "EntryNotHeld":
        return cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "Outgoing item {entry_id} is {state}, not held: only a held item can be discarded.",
            ),
            entry_id=entry_id,
            state=state,
        )


class SealBroken(StoreError):
    """A sealed value or blob does not open with this store's key: damaged, or moved."""

    @classmethod
    def at(cls, where: str) -> "SealBroken":
        return cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "Some data of this desk cannot be decrypted ({where}): it is damaged or was sealed with another key. "
                "Tell the site's IT; the central system keeps every dossier already sent.",
            ),
            where=where,
        )


class StoreKeyMismatch(StoreError):
    """The key this computer holds for the store is not the key the store was sealed with."""

    @classmethod
    def here(cls) -> "StoreKeyMismatch":
        return cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The desk's records cannot be opened: the key this computer keeps for them in its keyring is not "
                "the one they were locked with (the keyring was reset, or the records were copied from another "
                "computer). Nothing was changed. Tell the site's IT.",
            )
        )
