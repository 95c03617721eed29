"""Content-addressed blobs: named by their SHA-256, written whole, checked when read."""

from __future__ import annotations

import hashlib
import threading

import pytest

from desk_app.store import BlobCorrupted, BlobMissing, BlobNameError, DeskStore

from .builders import jpeg


def test_a_blob_is_stored_under_its_hash(store: DeskStore) -> None:
    data = jpeg(1)
    sha256 = store.put_blob(data)
    assert sha256 == hashlib.sha256(data).hexdigest()
    path = store.blob_path(sha256)
    assert path == store.data_dir / "blobs" / sha256[:2] / sha256
    # Sealed on the disk: neither the bytes nor the JPEG's header are there to read.
    on_disk = path.read_bytes()
    assert data[:64] not in on_disk and not on_disk.startswith(b"\xff\xd8")
    assert store.read_blob(sha256) == data


def test_storing_the_same_bytes_again_changes_nothing_and_leaves_no_temporary_files(store: DeskStore) -> None:
    data = jpeg(2)
    sha256 = store.put_blob(data)
    modified = store.blob_path(sha256).stat().st_mtime_ns
    assert store.put_blob(data) == sha256
    assert store.blob_path(sha256).stat().st_mtime_ns == modified
    assert [p.name for p in store.blob_path(sha256).parent.iterdir()] == [sha256]


def test_many_threads_storing_one_blob_leave_one_whole_file(store: DeskStore) -> None:
    data = jpeg(3, size=(400, 300))
    start = threading.Barrier(6)
    results: list[str] = []

    def put() -> None:
        start.wait()
        results.append(store.put_blob(data))

    threads = [threading.Thread(target=put) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(results) == {hashlib.sha256(data).hexdigest()}
    assert store.read_blob(results[0]) == data
    assert len(list(store.blob_path(results[0]).parent.iterdir())) == 1


def test_a_damaged_blob_is_detected_on_read_and_repaired_by_storing_it_again(store: DeskStore) -> None:
    data = jpeg(4)
    sha256 = store.put_blob(data)
    path = store.blob_path(sha256)
    damaged = bytearray(path.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    path.write_bytes(bytes(damaged))
    with pytest.raises(BlobCorrupted) as caught:
        store.read_blob(sha256)
    assert caught.value.params == {"sha256": sha256}
    store.put_blob(data)
    assert store.read_blob(sha256) == data


def test_a_missing_blob_says_so(store: DeskStore) -> None:
    with pytest.raises(BlobMissing):
        store.read_blob(hashlib.sha256(b"never stored").hexdigest())


@pytest.mark.parametrize(
    "name",
    ["../../desk.sqlite3", "A" * 64, "a" * 63, "g" * 64, "", "ab/" + "a" * 61],
)
def test_only_real_hashes_become_paths(store: DeskStore, name: str) -> None:
    with pytest.raises(BlobNameError):
        store.blob_path(name)
    with pytest.raises(BlobNameError):
        store.read_blob(name)
