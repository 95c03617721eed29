"""What the hash chain costs each audit write, against the same write without it.

Two desk stores on the same disk, each written ``N`` audit lines (default 2 000) through the
store's one writer thread, one durable commit (``synchronous=FULL``) per line as every
``DeskStore.audit`` call makes:

- ``chained``: ``DeskStore.audit``: the details made storable, the last line's hash read (one
  indexed lookup), SHA-256 over the previous hash and the line's canonical JSON, then the
  insert;
- ``plain``: the same row inserted in its own transaction on the same writer, its id counted
  in Python and fixed hashes put in: what an audit write cost before the chain.

Both are timed in alternating blocks of 100 in the same run, so drift on a shared machine
falls on both; ``ratio`` is chained over plain. ``hash_us`` is the chain's own CPU work per
line (``entry_hash``), and ``verify_ms_per_1000`` what checking the whole log costs, through
the store and through ``python -m desk_app.audit_verify``'s reader.

Prints one JSON object on stdout. Times are medians of the blocks, per line.
``--quick`` writes 200 lines: it checks that the benchmark works.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk_app.audit_verify import verify_file  # noqa: E402
from desk_app.core.timeutil import now_vn  # noqa: E402
from desk_app.store import DeskStore  # noqa: E402
from desk_app.store.audit_chain import GENESIS, ChainEntry, entry_hash  # noqa: E402
from desk_app.store.models import AuditRow  # noqa: E402

BLOCK = 100
# A line as the desk writes them: a dossier's id as subject, a few details with Vietnamese text.
DETAILS = {"print_id": "5b0a4c1e-9d2f-4f7e-8a61-3c2b1d0e9f8a", "kind": "receipt", "paper": "a4", "copies": 2,
           "printer": "Máy in Quầy 3"}


def chained_block(store: DeskStore, start: int) -> float:
    began = time.perf_counter()
    for n in range(start, start + BLOCK):
        store.audit("canbo01", "receipt.printed", f"client-{n:06d}", DETAILS)
    return time.perf_counter() - began


def plain_block(store: DeskStore, start: int) -> float:
    began = time.perf_counter()
    for n in range(start, start + BLOCK):
        row = AuditRow(id=n + 1, at=now_vn(), actor="canbo01", action="receipt.printed", subject=f"client-{n:06d}",
                       details=dict(DETAILS), prev_hash=GENESIS, hash=GENESIS)
        store._write(lambda session, row=row: session.add(row))
    return time.perf_counter() - began


def hash_cost(lines: int) -> float:
    entry = ChainEntry(id=1, at=now_vn(), actor="canbo01", action="receipt.printed", subject="client-000001",
                       details=DETAILS, prev_hash=GENESIS, hash="")
    previous = GENESIS
    began = time.perf_counter()
    for _ in range(lines):
        previous = entry_hash(previous, entry)
    return (time.perf_counter() - began) / lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=2000, help="audit lines written by each store (default 2000)")
    parser.add_argument("--quick", action="store_true", help="200 lines: checks that the benchmark works")
    args = parser.parse_args()
    lines = 200 if args.quick else max(BLOCK, args.lines // BLOCK * BLOCK)

    with tempfile.TemporaryDirectory(prefix="audit-chain-bench-") as scratch:
        chained = DeskStore(Path(scratch) / "chained", key=os.urandom(32))
        plain = DeskStore(Path(scratch) / "plain", key=os.urandom(32))
        try:
            chained_block(chained, 0)  # warm-up: connections, statement caches
            plain_block(plain, 0)
            chained_times, plain_times = [], []
            for start in range(BLOCK, BLOCK + lines, BLOCK):
                chained_times.append(chained_block(chained, start) / BLOCK)
                plain_times.append(plain_block(plain, start) / BLOCK)
            began = time.perf_counter()
            verdict = chained.verify_audit_chain()
            store_verify = time.perf_counter() - began
            written = verdict.checked
        finally:
            chained.close()
            plain.close()
        began = time.perf_counter()
        file_verdict = verify_file(Path(scratch) / "chained" / "desk.sqlite3")
        file_verify = time.perf_counter() - began

    chained_ms = statistics.median(chained_times) * 1000
    plain_ms = statistics.median(plain_times) * 1000
    print(json.dumps({
        "lines": lines,
        "block": BLOCK,
        "chained_ms": round(chained_ms, 3),
        "plain_ms": round(plain_ms, 3),
        "ratio": round(chained_ms / plain_ms, 3),
        "added_ms": round(chained_ms - plain_ms, 3),
        "hash_us": round(hash_cost(max(lines, 2000)) * 1e6, 2),
        "verified": {"store": verdict.ok, "file": file_verdict.ok, "lines": written},
        "verify_ms_per_1000": {"store": round(store_verify / written * 1e6, 2),
                               "file": round(file_verify / file_verdict.checked * 1e6, 2)},
    }))


if __name__ == "__main__":
    main()
