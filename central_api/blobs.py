"""Resumable, content-addressed uploads (a small subset of the tus protocol's ideas).

The client names the blob by its SHA-256 and sends chunks at the offset the server last
confirmed. When the last byte lands, the server hashes what it stored and answers with
that hash, so the desk knows the photo arrived intact, not just that bytes were sent.
"""

from __future__ import annotations

from sqlalchemy import delete

from central_api.blobstore import SHA256_HEX, HashMismatch, OffsetMismatch
from central_api.context import AppContext, utc_now
from central_api.errors import ApiError
from central_api.models import Blob
from central_api.schemas import BlobUploadOut


def check_sha256(sha256: str) -> None:
    if not SHA256_HEX.match(sha256):
        raise ApiError(422, "bad_sha256", "Name the blob by its SHA-256 in 64 lowercase hex digits.")


def blob_state(ctx: AppContext, sha256: str) -> BlobUploadOut | None:
    check_sha256(sha256)
    with ctx.db.reading() as session:
        row = session.get(Blob, sha256)
    if row is None:
        return None
    if row.complete:
        return BlobUploadOut(sha256=sha256, offset=row.length, length=row.length, complete=True)
    with ctx.blobs.lock(sha256):
        offset = ctx.blobs.partial_size(sha256)
        if offset < row.length:
            return BlobUploadOut(sha256=sha256, offset=offset, length=row.length, complete=False)
        # Every byte arrived but the server stopped before checking them: finish now, so
        # "offset == length" always means a verified blob to the client.
        try:
            _finish(ctx, sha256)
        except ApiError:
            return None
    return BlobUploadOut(sha256=sha256, offset=row.length, length=row.length, complete=True)


def _finish(ctx: AppContext, sha256: str) -> str:
    """Verify and keep a fully received blob; the caller holds the blob's lock."""
    try:
        actual = ctx.blobs.commit(sha256)
    except HashMismatch as exc:
        with ctx.db.writing() as session:
            session.execute(delete(Blob).where(Blob.sha256 == sha256))
        raise ApiError(
            422, "hash_mismatch",
            "The bytes received do not hash to the blob's name; the upload was dropped. Send it again.",
            expected=sha256, actual=exc.actual,
        ) from None
    with ctx.db.writing() as session:
        stored = session.get_one(Blob, sha256)
        stored.complete, stored.completed_at = True, utc_now()
    return actual


def _offset_mismatch(current: int) -> ApiError:
    return ApiError(
        409, "offset_mismatch", f"The upload is at offset {current}; send from there.",
        headers={"Upload-Offset": str(current)}, offset=current,
    )


def receive_chunk(ctx: AppContext, sha256: str, offset: int, length: int, data: bytes) -> BlobUploadOut:
    check_sha256(sha256)
    if length < 1:
        raise ApiError(422, "bad_length", "Upload-Length must be at least 1.")
    if length > ctx.settings.max_blob_bytes:
        raise ApiError(
            413, "blob_too_large", f"A blob may hold at most {ctx.settings.max_blob_bytes} bytes.",
            max_bytes=ctx.settings.max_blob_bytes,
        )
    if offset < 0:
        raise ApiError(422, "bad_offset", "Upload-Offset cannot be negative.")
    store = ctx.blobs
    with store.lock(sha256):
        with ctx.db.writing() as session:
            row = session.get(Blob, sha256)
            if row is None:
                row = Blob(sha256=sha256, length=length, complete=False, created_at=utc_now())
                session.add(row)
            elif row.length != length and not row.complete and store.partial_size(sha256) == 0:
                row.length = length  # nothing received yet, so the first announcement was not binding
            elif row.length != length:
                raise ApiError(
                    409, "length_mismatch", f"This blob was announced with {row.length} bytes.", length=row.length
                )
            elif row.complete and not store.has(sha256):
                # The bytes were lost behind the database's back: take the upload again.
                row.complete, row.completed_at = False, None
                store.discard(sha256)
            complete = row.complete
        if complete:
            # Replayed last chunk or a second desk with the same file: nothing to write.
            return BlobUploadOut(sha256=sha256, offset=length, length=length, complete=True)
        if offset + len(data) > length:
            raise ApiError(
                422, "chunk_too_long", f"The chunk ends past Upload-Length ({offset + len(data)} > {length})."
            )
        try:
            end = store.append(sha256, offset, data) if data else store.partial_size(sha256)
        except OffsetMismatch as exc:
            raise _offset_mismatch(exc.current) from None
        if data == b"" and end != offset:
            raise _offset_mismatch(end)
        if end < length:
            return BlobUploadOut(sha256=sha256, offset=end, length=length, complete=False)
        actual = _finish(ctx, sha256)
        return BlobUploadOut(sha256=actual, offset=length, length=length, complete=True)
