"""The drain's yardstick: the same uploads as a plain loop of ``requests`` calls.

Per dossier it makes the calls the desk's client makes for a new dossier (for each blob a
``HEAD`` that finds nothing and one ``PATCH`` with all its bytes, then the ``PUT`` of the
dossier), on one keep-alive connection, with the bytes already in memory and no
bookkeeping. Every answer is checked, so a fast wrong answer cannot pass for speed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import requests


@dataclass(frozen=True)
class PlainUpload:
    wire: dict[str, Any]
    blobs: list[tuple[str, bytes]]  # (sha256, bytes), in the dossier's attachment order


@dataclass
class Tally:
    dossiers: int = 0
    payload_bytes: int = 0
    requests: int = 0
    seconds: float = 0.0

    def add(self, other: "Tally") -> None:
        self.dossiers += other.dossiers
        self.payload_bytes += other.payload_bytes
        self.requests += other.requests
        self.seconds += other.seconds


def _expect(response: requests.Response, *statuses: int) -> requests.Response:
    if response.status_code not in statuses:
        raise RuntimeError(f"{response.request.method} {response.request.path_url} answered "
                           f"{response.status_code}: {response.text[:300]}")
    return response


def upload_plainly(base_url: str, headers: dict[str, str], uploads: list[PlainUpload]) -> Tally:
    tally = Tally()
    with requests.Session() as http:
        http.headers.update(headers)
        started = time.perf_counter()
        for upload in uploads:
            for sha, data in upload.blobs:
                _expect(http.head(f"{base_url}/v1/blobs/{sha}", timeout=30), 404)
                answer = _expect(http.patch(
                    f"{base_url}/v1/blobs/{sha}", data=data, timeout=30,
                    headers={"Content-Type": "application/offset+octet-stream",
                             "Upload-Offset": "0", "Upload-Length": str(len(data))},
                ), 200, 201).json()
                if answer.get("complete") is not True or answer.get("sha256") != sha:
                    raise RuntimeError(f"blob {sha[:12]}: the server answered {answer}")
                tally.payload_bytes += len(data)
                tally.requests += 2
            client_id = upload.wire["client_id"]
            record = _expect(http.put(f"{base_url}/v1/dossiers/{client_id}", json=upload.wire, timeout=30), 201).json()
            if record.get("client_id") != client_id:
                raise RuntimeError(f"dossier {client_id}: the server answered {record}")
            tally.requests += 1
            tally.dossiers += 1
        tally.seconds = time.perf_counter() - started
    return tally
