"""Back-office demo: a supervisor moves accepted dossiers on to "result ready".

Logs in as the supervisor against a running central API, lists the site's dossiers through
the change feed (GET /v1/dossiers?since=…) and moves up to ``--count`` of them
ACCEPTED (2) → PROCESSING (4) → RESULT_READY (9) with POST /v1/dossiers/{id}/events,
printing each step. Dossiers already in PROCESSING are taken on to RESULT_READY.

Event ids are derived from the dossier and the target status (UUID 5), so running the
script again after an interruption replays the moves it already made (the server answers
200 with the recorded event) instead of making new ones.

    python -m central_api serve --seed-demo          # in another terminal
    python scripts/back_office_demo.py http://127.0.0.1:8000 --desk-key demo-desk-key
"""

from __future__ import annotations

import argparse
import os
import sys
import uuid
from collections.abc import Iterator
from typing import Any

import requests

ACCEPTED, PROCESSING, RESULT_READY = 2, 4, 9
# Fixed namespace: the same dossier and target always give the same event id.
EVENT_NAMESPACE = uuid.UUID("6f1d3c5e-2b7a-4e0f-9a41-0c5d8e7b2a19")
DEFAULT_URL = os.environ.get("ONE_STOP_CENTRAL_URL", "http://127.0.0.1:8000")
TIMEOUT_S = 10.0


class DemoFailed(RuntimeError):
    pass


def event_id(client_id: str, to_status: int) -> str:
    return str(uuid.uuid5(EVENT_NAMESPACE, f"{client_id}:{to_status}"))


def _check(response: requests.Response, *expected: int) -> dict[str, Any]:
    if response.status_code not in expected:
        try:
            detail = response.json().get("detail", {})
            reason = f"{detail.get('code')}: {detail.get('message')}"
        except ValueError:
            reason = response.text[:200]
        raise DemoFailed(f"{response.request.method} {response.url} answered {response.status_code} ({reason})")
    return response.json()


def log_in(session: requests.Session, base_url: str, args: argparse.Namespace) -> dict[str, Any]:
    body = {"username": args.username, "password": args.password, "desk_id": args.desk_id}
    if args.desk_key:
        body["desk_key"] = args.desk_key
    answer = _check(session.post(f"{base_url}/v1/auth/token", json=body, timeout=TIMEOUT_S), 200)
    session.headers.update({"Authorization": f"Bearer {answer['access_token']}", "X-Desk-Id": args.desk_id})
    return answer["user"]


def site_dossiers(session: requests.Session, base_url: str) -> Iterator[dict[str, Any]]:
    """Every dossier of the site, from the start of the change feed."""
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 200}
        if cursor is not None:
            params["since"] = cursor
        page = _check(session.get(f"{base_url}/v1/dossiers", params=params, timeout=TIMEOUT_S), 200)
        yield from page["items"]
        cursor = page["cursor"]
        if not page["has_more"]:
            return


def move(session: requests.Session, base_url: str, dossier: dict[str, Any], to_status: int) -> str:
    """Posts the event; 'moved' the first time, 'already done' when the server had it."""
    response = session.post(
        f"{base_url}/v1/dossiers/{dossier['client_id']}/events",
        json={"event_id": event_id(dossier["client_id"], to_status), "to_status": to_status},
        timeout=TIMEOUT_S,
    )
    answer = _check(response, 200, 201)
    return "moved" if response.status_code == 201 else f"already done at {answer['event']['at']}"


def run(args: argparse.Namespace) -> int:
    base_url = args.url.rstrip("/")
    with requests.Session() as session:
        user = log_in(session, base_url, args)
        print(f"Logged in as {user['username']} ({user['role']}) at {user['site_code']} {user['site_name']}")
        # The feed lists a dossier once, at its latest change: this is the current state.
        dossiers = list(site_dossiers(session, base_url))
        counts: dict[int, int] = {}
        for d in dossiers:
            counts[d["status"]] = counts.get(d["status"], 0) + 1
        summary = ", ".join(f"status {s}: {n}" for s, n in sorted(counts.items())) or "none"
        print(f"{len(dossiers)} dossier(s) at the site ({summary})")
        todo = [d for d in dossiers if d["status"] in (ACCEPTED, PROCESSING)][: args.count]
        if not todo:
            print("Nothing to move: no dossier is accepted or in processing.")
            return 0
        for dossier in todo:
            steps = [PROCESSING, RESULT_READY] if dossier["status"] == ACCEPTED else [RESULT_READY]
            for to_status in steps:
                outcome = move(session, base_url, dossier, to_status)
                print(f"{dossier['code']}: -> {to_status} {outcome}")
        print(f"{len(todo)} dossier(s) now ready for hand-over")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default=DEFAULT_URL, help=f"central API base URL (default {DEFAULT_URL})")
    parser.add_argument("--username", default="giamsat01", help="a supervisor account (default giamsat01)")
    parser.add_argument("--password", default=os.environ.get("ONE_STOP_DEMO_PASSWORD", "demo1234"),
                        help="its password (default: the public demo password)")
    parser.add_argument("--desk-id", default="DESK-NT-02", help="desk to log in from (default DESK-NT-02)")
    parser.add_argument("--desk-key", default=os.environ.get("ONE_STOP_DESK_KEY"),
                        help="the desk's enrolment key, when the server requires one")
    parser.add_argument("--count", type=int, default=3, help="how many dossiers to move at most (default 3)")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except (DemoFailed, requests.RequestException) as exc:
        print(f"back-office demo failed: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
