from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from central_api import blobs
from central_api.auth import Principal
from central_api.authz import INTAKE_ROLES, allow
from central_api.context import AppContext, get_context
from central_api.errors import ApiError
from central_api.routes.common import errors
from central_api.schemas import SHA256_PATTERN, BlobUploadOut

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/blobs", tags=["attachments"])
Context = Annotated[AppContext, Depends(get_context)]
Sha = Annotated[str, Path(pattern=SHA256_PATTERN, description="lowercase hex SHA-256 of the whole blob")]
CHUNK_MEDIA_TYPE = "application/offset+octet-stream"
# Blobs are named by their content's hash and shared by every site (one scan is stored once):
# to name one a caller must already hold its bytes, so they are not scoped to a site.
Uploader = Annotated[Principal, allow(*INTAKE_ROLES, site_scoped=False)]


@router.head(
    "/{sha256}",
    responses={
        200: {
            "description": "Known: Upload-Offset bytes of Upload-Length are stored (equal when complete)",
            "headers": {
                "Upload-Offset": {"schema": {"type": "integer"}},
                "Upload-Length": {"schema": {"type": "integer"}},
            },
        },
        404: {"description": "No upload of this blob has started"},
        **errors(400, 401, 403, 422),
    },
)
async def blob_status(sha256: Sha, ctx: Context, _principal: Uploader) -> Response:
    """Where an upload stands, so an interrupted one resumes at the right byte."""
    state = await run_in_threadpool(blobs.blob_state, ctx, sha256)
    if state is None:
        return Response(status_code=404)
    return Response(
        status_code=200,
        headers={"Upload-Offset": str(state.offset), "Upload-Length": str(state.length), "Cache-Control": "no-store"},
    )


@router.patch(
    "/{sha256}",
    response_model=BlobUploadOut,
    responses=errors(400, 401, 403, 409, 413, 415, 422),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {CHUNK_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def upload_chunk(
    sha256: Sha,
    request: Request,
    ctx: Context,
    _principal: Uploader,
    upload_offset: Annotated[int, Header(alias="Upload-Offset", ge=0)],
    upload_length: Annotated[int, Header(alias="Upload-Length", ge=1)],
    content_type: Annotated[str | None, Header(alias="Content-Type")] = None,
) -> BlobUploadOut:
    """Append one chunk at Upload-Offset. The answer's ``complete`` turns true with the
    hash the server computed over the stored bytes; a mismatch drops the upload (422)."""
    if (content_type or "").split(";")[0].strip().lower() != CHUNK_MEDIA_TYPE:
        raise ApiError(415, "unsupported_media_type", f"Send chunks as {CHUNK_MEDIA_TYPE}.")
    limit = ctx.settings.max_chunk_bytes
    parts: list[bytes] = []
    size = 0
    # Read the whole chunk before touching the store: a chunk cut off by a dropped
    # connection is not kept, and the client resumes from the last confirmed offset.
    try:
        async for part in request.stream():
            size += len(part)
            if size > limit:
                raise ApiError(413, "chunk_too_large", f"Send chunks of at most {limit} bytes.", max_bytes=limit)
            parts.append(part)
    except ClientDisconnect:
        log.info("upload of %s cut off after %d bytes of a chunk at offset %d", sha256, size, upload_offset)
        raise ApiError(
            400, "upload_interrupted", "The connection dropped during the chunk; nothing was kept."
        ) from None
    data = b"".join(parts)
    return await run_in_threadpool(blobs.receive_chunk, ctx, sha256, upload_offset, upload_length, data)
