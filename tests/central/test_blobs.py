from __future__ import annotations

import socket
from urllib.parse import urlsplit

import requests

from tests.central.helpers import CHUNK_TYPE, patch_chunk, portrait_jpeg, sha256_hex, upload
from tests.support.central_server import RunningCentral


def _head(central: RunningCentral, headers: dict[str, str], sha: str) -> requests.Response:
    return requests.head(central.url(f"/v1/blobs/{sha}"), headers=headers, timeout=10)


def _send_cut_chunk(central: RunningCentral, headers: dict[str, str], sha: str, offset: int, total: int, chunk: bytes) -> None:
    """A PATCH whose connection drops half-way through the chunk, as on a flaky line."""
    parts = urlsplit(central.base_url)
    head = (
        f"PATCH /v1/blobs/{sha} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        f"Authorization: {headers['Authorization']}\r\nX-Desk-Id: {headers['X-Desk-Id']}\r\n"
        f"Content-Type: {CHUNK_TYPE}\r\nUpload-Offset: {offset}\r\nUpload-Length: {total}\r\n"
        f"Content-Length: {len(chunk)}\r\n\r\n"
    )
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as sock:
        sock.sendall(head.encode("ascii") + chunk[: len(chunk) // 2])


def test_upload_in_chunks_echoes_the_hash_the_server_computed(central: RunningCentral) -> None:
    headers = central.headers()
    data = portrait_jpeg(1)
    sha = sha256_hex(data)
    assert _head(central, headers, sha).status_code == 404
    answer = upload(central, headers, data, chunk_size=16 * 1024)
    assert answer == {"sha256": sha, "offset": len(data), "length": len(data), "complete": True}
    head = _head(central, headers, sha)
    assert head.status_code == 200
    assert head.headers["Upload-Offset"] == head.headers["Upload-Length"] == str(len(data))


def test_interrupted_upload_resumes_from_the_confirmed_offset(central: RunningCentral) -> None:
    headers = central.headers()
    data = portrait_jpeg(2)
    sha, total, size = sha256_hex(data), len(data), 8 * 1024
    first = patch_chunk(central, headers, sha, 0, total, data[:size])
    assert first.json() == {"sha256": sha, "offset": size, "length": total, "complete": False}

    _send_cut_chunk(central, headers, sha, size, total, data[size : 2 * size])

    head = _head(central, headers, sha)
    assert head.status_code == 200
    # The cut chunk left nothing behind: the desk resumes right after the confirmed bytes.
    assert (int(head.headers["Upload-Offset"]), int(head.headers["Upload-Length"])) == (size, total)
    offset = int(head.headers["Upload-Offset"])
    answer = None
    while offset < total:
        response = patch_chunk(central, headers, sha, offset, total, data[offset : offset + size])
        assert response.status_code == 200, response.text
        answer = response.json()
        offset = answer["offset"]
    assert answer == {"sha256": sha, "offset": total, "length": total, "complete": True}


def test_a_chunk_at_the_wrong_offset_is_refused_with_the_current_one(central: RunningCentral) -> None:
    headers = central.headers()
    data = portrait_jpeg(3)
    sha, total = sha256_hex(data), len(data)
    patch_chunk(central, headers, sha, 0, total, data[:1000])
    ahead = patch_chunk(central, headers, sha, 2000, total, data[2000:3000])
    assert ahead.status_code == 409
    assert ahead.json()["detail"]["code"] == "offset_mismatch"
    assert ahead.json()["detail"]["offset"] == 1000
    assert ahead.headers["Upload-Offset"] == "1000"
    # A replayed first chunk (its answer was lost) is refused the same way, nothing doubles.
    replay = patch_chunk(central, headers, sha, 0, total, data[:1000])
    assert replay.status_code == 409 and replay.json()["detail"]["offset"] == 1000
    other_length = patch_chunk(central, headers, sha, 1000, total + 1, data[1000:2000])
    assert other_length.status_code == 409
    assert other_length.json()["detail"]["code"] == "length_mismatch"


def test_bytes_that_do_not_match_the_name_are_dropped(central: RunningCentral) -> None:
    headers = central.headers()
    data = portrait_jpeg(4)
    sha = sha256_hex(data)
    damaged = bytearray(data)
    damaged[len(damaged) // 2] ^= 0xFF
    half = len(data) // 2
    assert patch_chunk(central, headers, sha, 0, len(data), bytes(damaged[:half])).status_code == 200
    rejected = patch_chunk(central, headers, sha, half, len(data), bytes(damaged[half:]))
    assert rejected.status_code == 422
    detail = rejected.json()["detail"]
    assert detail["code"] == "hash_mismatch"
    assert (detail["expected"], detail["actual"]) == (sha, sha256_hex(bytes(damaged)))
    assert _head(central, headers, sha).status_code == 404
    # The right bytes go through afterwards.
    assert upload(central, headers, data)["sha256"] == sha


def test_a_complete_blob_answers_complete_to_a_second_upload(central: RunningCentral) -> None:
    headers = central.headers()
    data = portrait_jpeg(5)
    sha = sha256_hex(data)
    upload(central, headers, data)
    # Another desk (another site even) holding the same file does not need to send it again.
    again = patch_chunk(central, central.headers("buudien01"), sha, 0, len(data), data)
    assert again.status_code == 200
    assert again.json() == {"sha256": sha, "offset": len(data), "length": len(data), "complete": True}


def test_malformed_uploads_are_refused(central: RunningCentral) -> None:
    headers = central.headers()
    data = portrait_jpeg(6)
    sha = sha256_hex(data)
    wrong_type = requests.patch(
        central.url(f"/v1/blobs/{sha}"), data=data,
        headers={**headers, "Content-Type": "image/jpeg", "Upload-Offset": "0", "Upload-Length": str(len(data))},
        timeout=10,
    )
    assert wrong_type.status_code == 415
    assert wrong_type.json()["detail"]["code"] == "unsupported_media_type"
    too_long = patch_chunk(central, headers, sha, 0, 10, data[:20])
    assert too_long.status_code == 422 and too_long.json()["detail"]["code"] == "chunk_too_long"
    upper = patch_chunk(central, headers, sha.upper(), 0, len(data), data)
    assert upper.status_code == 422
    no_length = requests.patch(
        central.url(f"/v1/blobs/{sha}"), data=data,
        headers={**headers, "Content-Type": CHUNK_TYPE, "Upload-Offset": "0"}, timeout=10,
    )
    assert no_length.status_code == 422 and no_length.json()["detail"]["code"] == "invalid_request"
    assert requests.head(central.url(f"/v1/blobs/{sha}"), timeout=10).status_code == 401


def test_a_blob_whose_last_bytes_landed_before_a_crash_is_verified_on_head(central_server: RunningCentral) -> None:
    headers = central_server.headers()
    data = portrait_jpeg(7)
    sha, total = sha256_hex(data), len(data)
    assert patch_chunk(central_server, headers, sha, 0, total, data[:-100]).status_code == 200
    # The server wrote the final chunk to disk and then died before checking the hash.
    partial = central_server.data_dir / "blobs" / "partial" / f"{sha}.part"
    with open(partial, "ab") as handle:
        handle.write(data[-100:])
    head = _head(central_server, headers, sha)
    assert head.status_code == 200
    assert head.headers["Upload-Offset"] == head.headers["Upload-Length"] == str(total)
    assert not partial.exists()
    assert (central_server.data_dir / "blobs" / sha[:2] / sha).read_bytes() == data
    again = patch_chunk(central_server, headers, sha, total, total, b"")
    assert again.json() == {"sha256": sha, "offset": total, "length": total, "complete": True}
