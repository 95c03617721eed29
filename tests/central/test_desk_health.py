"""Desk health reports and the supervisor's commands to a desk, round trip over HTTP: the
supervisor orders desk B to retry one held entry and to discard another, desk B receives both
with its next report, reports them carried out, and the site's health view shows each state
(SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from typing import Any

import requests

from tests.support.central_server import RunningCentral

DESK_B = "DESK-NT-01"  # canbo01's desk; the supervisor giamsat01 works at DESK-NT-02
OTHER_SITE_DESK = "DESK-DK-01"


def _held(entry_id: int, kind: str, code: str | None) -> dict[str, Any]:
    return {
        "entry_id": entry_id, "kind": kind, "client_id": str(uuid.uuid4()), "dossier_code": code,
        "problem": {"context": "DeskError", "template": "The central API refused the dossier: {reason}",
                    "params": {"reason": "code_taken", "status": 409}},
        "error": "409 code_taken", "held_at": "2026-11-23T02:15:00Z",
    }


def _report(**changes: Any) -> dict[str, Any]:
    return {
        "reported_at": "2026-11-23T09:30:00+07:00", "waiting": 3, "retrying": 1, "held": 2,
        "last_sent_at": "2026-11-23T09:29:10+07:00",
        "held_entries": [_held(11, "dossier", "000.00.17.H56-261123-0007"), _held(12, "fee", None)],
        "drafts": {"parked": 2, "in_progress": 1}, "officer": "canbo01", "done_commands": [], **changes,
    }


def report(central: RunningCentral, body: dict[str, Any], desk_id: str = DESK_B,
           username: str = "canbo01") -> requests.Response:
    return requests.put(central.url(f"/v1/desks/{desk_id}/health"), json=body,
                        headers=central.headers(username), timeout=10)


def command(central: RunningCentral, command_id: str, body: dict[str, Any], desk_id: str = DESK_B) -> requests.Response:
    return requests.put(central.url(f"/v1/desks/{desk_id}/commands/{command_id}"), json=body,
                        headers=central.headers("giamsat01"), timeout=10)


def site_health(central: RunningCentral, username: str = "giamsat01") -> dict[str, Any]:
    response = requests.get(central.url("/v1/desks/health"), headers=central.headers(username), timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def _desk(health: dict[str, Any], desk_id: str) -> dict[str, Any]:
    return next(d for d in health["desks"] if d["desk_id"] == desk_id)


def test_commands_reach_the_desk_with_its_next_report_and_come_back_carried_out(central: RunningCentral) -> None:
    first = report(central, _report())
    assert (first.status_code, first.json()) == (200, {"commands": []})
    refused = report(central, _report(), desk_id="DESK-NT-02")
    assert (refused.status_code, refused.json()["detail"]["code"]) == (403, "not_your_desk")

    retry_id, discard_id = str(uuid.uuid4()), str(uuid.uuid4())
    retry = command(central, retry_id, {"entry_id": 11, "action": "retry"})
    assert retry.status_code == 201, retry.text
    issued = retry.json()
    assert {k: v for k, v in issued.items() if k != "issued_at"} == {
        "command_id": retry_id, "desk_id": DESK_B, "entry_id": 11, "action": "retry", "reason": None,
        "issued_by": "giamsat01", "state": "pending", "done_at": None, "detail": None,
    }
    assert command(central, retry_id, {"entry_id": 11, "action": "retry", "reason": None}).json() == issued
    conflict = command(central, retry_id, {"entry_id": 12, "action": "retry"})
    assert (conflict.status_code, conflict.json()["detail"]["code"]) == (409, "command_conflict")
    for reason in (None, "  x "):
        short = command(central, discard_id, {"entry_id": 12, "action": "discard", "reason": reason})
        assert (short.status_code, short.json()["detail"]["code"]) == (422, "reason_required")
    discard = command(central, discard_id, {"entry_id": 12, "action": "discard", "reason": " Trùng hồ sơ đã gửi "})
    assert discard.status_code == 201 and discard.json()["reason"] == "Trùng hồ sơ đã gửi"
    for desk_id in (OTHER_SITE_DESK, "DESK-NOWHERE"):
        unknown = command(central, str(uuid.uuid4()), {"entry_id": 1, "action": "retry"}, desk_id=desk_id)
        assert (unknown.status_code, unknown.json()["detail"]["code"]) == (404, "desk_not_found")

    before = _desk(site_health(central), DESK_B)
    assert [(c["command_id"], c["state"]) for c in before["commands"]] == [(retry_id, "pending"), (discard_id, "pending")]
    assert before["report"]["held_entries"][0]["held_at"] == "2026-11-23T09:15:00+07:00"

    # Desk B's next pass receives both, carries them out, and says so in the pass after.
    pending = report(central, _report()).json()["commands"]
    assert [(c["command_id"], c["action"], c["entry_id"]) for c in pending] == [
        (retry_id, "retry", 11), (discard_id, "discard", 12)]
    done = [{"command_id": retry_id, "outcome": "done", "detail": None},
            {"command_id": discard_id, "outcome": "failed", "detail": "The entry is no longer held."},
            {"command_id": str(uuid.uuid4()), "outcome": "done"}]  # unknown here: ignored
    after_report = _report(waiting=0, retrying=0, held=1, held_entries=[_held(12, "fee", None)], done_commands=done)
    assert report(central, after_report).json() == {"commands": []}

    health = site_health(central)
    b = _desk(health, DESK_B)
    states = {c["command_id"]: (c["state"], c["detail"]) for c in b["commands"]}
    assert states == {retry_id: ("done", None), discard_id: ("failed", "The entry is no longer held.")}
    assert all(c["done_at"] for c in b["commands"])
    assert (b["report"]["waiting"], b["report"]["held"], len(b["report"]["held_entries"])) == (0, 1, 1)
    assert b["report"]["drafts"] == {"parked": 2, "in_progress": 1} and b["report"]["officer"] == "canbo01"
    assert "done_commands" not in b["report"]
    assert health["desks"][0]["desk_id"] == DESK_B  # seen last, listed first
    assert b["last_seen_at"] == b["reported_at"]  # the report is the desk's last contact
    assert OTHER_SITE_DESK not in {d["desk_id"] for d in health["desks"]}
    # A report sent again changes no command that is already carried out.
    assert report(central, after_report).status_code == 200
    assert _desk(site_health(central), DESK_B)["commands"] == b["commands"]
    # The administrator sees the same desks (and their own, known since their log-in); the
    # post office's assistant has no oversight role.
    admin_view = {d["desk_id"] for d in site_health(central, "quantri")["desks"]}
    assert admin_view == {d["desk_id"] for d in health["desks"]} | {"DESK-NT-ADMIN"}
    post = requests.get(central.url("/v1/desks/health"), headers=central.headers("buudien01"), timeout=10)
    assert (post.status_code, post.json()["detail"]["code"]) == (403, "forbidden_role")


def test_the_site_view_keeps_every_pending_command_and_the_last_twenty_carried_out(central: RunningCentral) -> None:
    desk = "DESK-NT-02"  # the supervisor's own desk reports too
    ids = [str(uuid.uuid4()) for _ in range(23)]
    for n, command_id in enumerate(ids):
        assert command(central, command_id, {"entry_id": 100 + n, "action": "retry"}, desk_id=desk).status_code == 201
    carried = [{"command_id": c, "outcome": "unknown_entry"} for c in ids[:21]]
    answer = report(central, _report(done_commands=carried, officer="giamsat01"), desk_id=desk, username="giamsat01")
    assert [c["command_id"] for c in answer.json()["commands"]] == ids[21:]
    listed = _desk(site_health(central), desk)["commands"]
    assert [c["command_id"] for c in listed[:2]] == ids[21:]
    assert len(listed) == 2 + 20 and all(c["state"] == "unknown_entry" for c in listed[2:])
    bad = report(central, _report(held_entries=[_held(1, "dossier", None)] * 201), desk_id=desk, username="giamsat01")
    assert bad.status_code == 422
