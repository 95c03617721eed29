"""What sealing personal data costs the desk, against the work it rides on, in the same run.

- ``save``: ``DeskStore.save_new_dossier`` of a dossier with a real portrait (≈60 KB) and a
  scan (≈400 KB), as the counter saves one: blobs sealed and written, the row sealed, its
  blind terms, one durable commit. Against it, ``sealing``: only the sealing work for the
  same dossier (the wire body, name, CCCD and phone sealed, the blind terms, both blobs
  encrypted with AES-GCM), timed alone. ``sealing_share`` = sealing / save. (Writing each
  blob's wrapped key is a row in the save's commit, so it is counted in ``save``.)
- ``blob_read``: ``read_blob`` of the scan (key looked up, unwrapped, decrypted, hash
  checked) against reading the same number of bytes from a plain file and hashing them.
- ``shred``: ``shred_expired`` over confirmed dossiers, per dossier (rows, blob keys,
  files, audit, checkpoint), against saving one.

Prints one JSON object; times in milliseconds (medians). ``--quick`` runs a few rounds only.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402
from PIL import Image  # noqa: E402

from desk_app.store.records import BLOB, DOSSIER  # noqa: E402
from tests.store.builders import RECEIVED_AT, make_dossier  # noqa: E402
from tests.support.store_keys import open_store  # noqa: E402


def photo(seed: int, size: tuple[int, int]) -> bytes:
    """A noisy real JPEG, so its size is that of a photo rather than of a flat colour."""
    image = Image.effect_noise(size, 60 + seed % 30).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rounds = 5 if args.quick else 40
    shred_count = 20 if args.quick else 300
    with tempfile.TemporaryDirectory() as folder:
        now = [RECEIVED_AT]
        store = open_store(Path(folder) / "store", clock=lambda: now[0])
        try:
            sealer = store._sealer
            save_ms, sealing_ms, read_ms, plain_ms = [], [], [], []
            for k in range(rounds):
                portrait, scan = photo(k, (300, 400)), photo(k + 1, (1000, 1300))
                dossier, blobs = make_dossier([portrait, scan])
                # The sealing alone, for this very dossier.
                started = time.perf_counter()
                applicant = dossier.applicant
                sealer.seal_json(dossier.to_wire(), "dossiers.wire")
                for text, where in ((applicant.full_name, "name"), (applicant.cccd, "cccd"), (applicant.phone, "phone")):
                    sealer.seal_text(text, f"dossiers.applicant_{where}")
                sealer.dossier_terms(applicant.full_name, applicant.cccd)
                for sha256, data in blobs.items():
                    # The cipher's work alone: the key row it adds is part of the save.
                    AESGCM(os.urandom(32)).encrypt(os.urandom(12), data, sha256.encode())
                sealing_ms.append(ms(started))
                started = time.perf_counter()
                saved = store.save_new_dossier(dossier, blobs)
                save_ms.append(ms(started))
                scan_sha = saved.attachments[1].sha256
                started = time.perf_counter()
                assert store.read_blob(scan_sha) == scan
                read_ms.append(ms(started))
                plain = Path(folder) / f"plain-{k}"
                plain.write_bytes(scan)
                started = time.perf_counter()
                hashlib.sha256(plain.read_bytes()).hexdigest()
                plain_ms.append(ms(started))
            # Confirm everything as the central API would, then let the period pass.
            for entry in store.outbox_entries(limit=10_000):
                store.mark_outbox_sending(entry.id)
                if entry.kind == BLOB:
                    store.mark_outbox_sent(entry.id, {"sha256": entry.sha256, "stored": True})
                elif entry.kind == DOSSIER:
                    store.complete_dossier_send(entry.id, entry.client_id, {
                        "client_id": entry.client_id, "status": 2, "server_received_at": "2026-11-21T09:31:00+07:00"})
            for k in range(shred_count - rounds):
                store.save_new_dossier(*make_dossier(blobs=[photo(k, (300, 400))]))
            for entry in store.outbox_entries(limit=10_000):
                if entry.state != "waiting":
                    continue
                store.mark_outbox_sending(entry.id)
                if entry.kind == BLOB:
                    store.mark_outbox_sent(entry.id, {"sha256": entry.sha256, "stored": True})
                else:
                    store.complete_dossier_send(entry.id, entry.client_id, {
                        "client_id": entry.client_id, "status": 2, "server_received_at": "2026-11-21T09:31:00+07:00"})
            store.flush()
            now[0] = RECEIVED_AT + timedelta(days=31)
            started = time.perf_counter()
            shredded = store.shred_expired(30)
            shred_total = ms(started)
        finally:
            store.close()
    save, sealing = statistics.median(save_ms), statistics.median(sealing_ms)
    read, plain_read = statistics.median(read_ms), statistics.median(plain_ms)
    per_dossier = shred_total / max(1, len(shredded.dossiers))
    print(json.dumps({
        "rounds": rounds,
        "save_ms": round(save, 2),
        "sealing_ms": round(sealing, 2),
        "sealing_share": round(sealing / save, 3),
        "blob_read_ms": round(read, 2),
        "plain_read_and_hash_ms": round(plain_read, 2),
        "blob_read_ratio": round(read / plain_read, 2),
        "shredded_dossiers": len(shredded.dossiers),
        "shredded_blobs": len(shredded.blobs),
        "shred_ms_per_dossier": round(per_dossier, 2),
        "shred_per_dossier_vs_save": round(per_dossier / save, 3),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
