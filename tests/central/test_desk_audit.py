"""A desk's hash-chained audit log at the centre, over HTTP on both databases: batches that
continue the chain are kept, replays are harmless, a different line under a held id is a
conflict, a batch that does not chain is refused, and a desk sends only its own log."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import requests

from central_api.audit_verify import verify_desk
from central_api.db import Database
from desk_app.core.timeutil import VN_TZ
from desk_app.store.audit_chain import GENESIS, ChainEntry, entry_hash
from tests.support.central_server import RunningCentral

START = datetime(2026, 11, 24, 8, 0, tzinfo=VN_TZ)
_desks = itertools.count(1)


def chain(count: int, *, first_id: int = 1, prev_hash: str = GENESIS, salt: str = "") -> list[ChainEntry]:
    lines = []
    for n in range(first_id, first_id + count):
        line = ChainEntry(id=n, at=START + timedelta(seconds=n, microseconds=n * 7), actor="canbo01",
                          action="dossier.status", subject=f"client-{n}{salt}",
                          details={"to": 10, "note": "Trả kết quả", "n": n}, prev_hash=prev_hash, hash="")
        line = replace(line, hash=entry_hash(prev_hash, line))
        prev_hash = line.hash
        lines.append(line)
    return lines


def desk(central: RunningCentral) -> tuple[str, dict[str, str]]:
    """A desk of its own for each test, signed in as an officer."""
    desk_id = f"DESK-AU-{next(_desks):02d}"
    return desk_id, central.headers("canbo01", desk_id=desk_id)


def send(central: RunningCentral, headers: dict[str, str], lines: list[Any], desk_id: str | None = None
         ) -> requests.Response:
    body = {"entries": [line.to_wire() if isinstance(line, ChainEntry) else line for line in lines]}
    return requests.post(central.url(f"/v1/desks/{desk_id or headers['X-Desk-Id']}/audit"), json=body,
                         headers=headers, timeout=10)


def detail(response: requests.Response) -> dict[str, Any]:
    return response.json()["detail"]


def test_batches_that_continue_the_chain_are_kept_and_replays_change_nothing(central: RunningCentral) -> None:
    desk_id, headers = desk(central)
    lines = chain(12)
    first = send(central, headers, lines[:5])
    assert first.status_code == 200, first.text
    assert first.json() == {"desk_id": desk_id, "last_id": 5, "last_hash": lines[4].hash, "stored": 5}

    # The desk did not hear the answer: the same batch again, then one overlapping the next.
    again = send(central, headers, lines[:5])
    assert (again.status_code, again.json()["stored"], again.json()["last_id"]) == (200, 0, 5)
    overlap = send(central, headers, lines[3:9])
    assert (overlap.status_code, overlap.json()["stored"], overlap.json()["last_id"]) == (200, 4, 9)
    rest = send(central, headers, lines[9:])
    assert rest.json() == {"desk_id": desk_id, "last_id": 12, "last_hash": lines[11].hash, "stored": 3}
    # An old line alone is a replay too; the answer still says how far the centre's copy goes.
    old = send(central, headers, lines[1:2])
    assert (old.status_code, old.json()["stored"], old.json()["last_id"]) == (200, 0, 12)


def test_a_different_line_under_an_id_already_held_is_a_conflict(central: RunningCentral) -> None:
    _desk, headers = desk(central)
    lines = chain(4)
    assert send(central, headers, lines).status_code == 200
    # A chain that is whole in itself, but not the one the centre holds (a desk reinstalled,
    # or its log rewritten with every hash recomputed).
    other = chain(5, salt="-rewritten")
    refused = send(central, headers, other)
    assert refused.status_code == 409, refused.text
    assert (detail(refused)["code"], detail(refused)["id"], detail(refused)["last_id"]) == ("audit_chain_conflict", 1, 4)
    # Nothing of it was kept: the centre's copy still continues from line 4.
    assert send(central, headers, chain(1, first_id=5, prev_hash=lines[-1].hash)).json()["last_id"] == 5


def test_a_batch_that_does_not_chain_is_refused_and_names_the_line(central: RunningCentral) -> None:
    _desk, headers = desk(central)
    lines = chain(6)

    changed = [line.to_wire() for line in lines]
    changed[2]["details"] = {**changed[2]["details"], "to": 7}  # hash left as it was
    refused = send(central, headers, changed)
    assert refused.status_code == 422, refused.text
    assert {k: detail(refused)[k] for k in ("code", "id", "reason", "last_id")} == {
        "code": "audit_chain_broken", "id": 3, "reason": "changed", "last_id": 0}

    gap = send(central, headers, lines[:2] + lines[3:])
    assert (detail(gap)["code"], detail(gap)["id"], detail(gap)["reason"]) == ("audit_chain_broken", 3, "removed")
    swapped = send(central, headers, [lines[0], lines[2], lines[1]])
    assert (detail(swapped)["code"], detail(swapped)["reason"]) == ("audit_chain_broken", "reordered")

    # Whole in itself, but not starting where the centre's copy ends.
    assert send(central, headers, lines[:2]).status_code == 200
    skipped = send(central, headers, lines[3:])
    assert skipped.status_code == 422
    assert {k: detail(skipped)[k] for k in ("id", "reason", "last_id")} == {"id": 3, "reason": "removed", "last_id": 2}
    relinked = chain(2, first_id=3, prev_hash=lines[0].hash)
    bad_link = send(central, headers, relinked)
    assert {k: detail(bad_link)[k] for k in ("id", "reason", "last_id")} == {"id": 3, "reason": "changed", "last_id": 2}
    _fresh, fresh_headers = desk(central)
    not_first = send(central, fresh_headers, lines[1:3])
    assert (not_first.status_code, detail(not_first)["id"], detail(not_first)["last_id"]) == (422, 1, 0)
    assert send(central, headers, lines[2:]).json()["last_id"] == 6


def test_a_desk_sends_only_its_own_log(central: RunningCentral) -> None:
    desk_id, headers = desk(central)
    other_id, other_headers = desk(central)
    refused = send(central, headers, chain(2), desk_id=other_id)
    assert (refused.status_code, detail(refused)["code"]) == (403, "not_your_desk")
    # The other desk's log is untouched: its own first line still starts it.
    assert send(central, other_headers, chain(1)).json()["stored"] == 1


def test_lines_keep_every_byte_the_hash_was_taken_over(central: RunningCentral) -> None:
    """Microseconds, a null subject and details, non-ASCII text, numbers of every kind, a time
    from a desk whose clock was wrong: what the centre stores must hash again to the same
    value, or its own verifier would call it broken."""
    desk_id, headers = desk(central)
    odd = ChainEntry(id=1, at=datetime(2026, 11, 24, 23, 59, 59, 999999, tzinfo=VN_TZ), actor="system",
                     action="catalogue.saved", subject=None, details=None, prev_hash=GENESIS, hash="")
    odd = replace(odd, hash=entry_hash(GENESIS, odd))
    rich = ChainEntry(id=2, at=datetime(2026, 11, 25, 0, 0, tzinfo=VN_TZ), actor="giamsat01", action="export.dashboard",
                      subject="Hồ sơ “đặc biệt” ✓", prev_hash=odd.hash, hash="",
                      details={"format": "xlsx", "first": "2026-11-01", "last": "2026-11-24", "ratio": 0.1,
                               "big": 2**60, "none": None, "nested": {"b": [1, "ầ"], "a": True}})
    rich = replace(rich, hash=entry_hash(odd.hash, rich))
    # A desk whose clock was reset: Vietnam's offset then was not +07:00.
    stale = ChainEntry(id=3, at=datetime(1970, 1, 1, 8, 0, tzinfo=VN_TZ), actor="canbo01", action="session.signed_in",
                       subject=None, details={"mode": "offline"}, prev_hash=rich.hash, hash="")
    stale = replace(stale, hash=entry_hash(rich.hash, stale))
    assert not stale.to_wire()["at"].endswith("+07:00")
    answer = send(central, headers, [odd, rich, stale])
    assert answer.status_code == 200, answer.text
    db = Database(central.database_url)
    try:
        verdict = verify_desk(db, desk_id)
    finally:
        db.dispose()
    assert (verdict.ok, verdict.checked, verdict.last_hash) == (True, 3, stale.hash), verdict
