from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from central_api.__main__ import openapi_text

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "docs" / "openapi.json"


def test_committed_openapi_document_matches_the_app() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == openapi_text(), (
        "docs/openapi.json is stale: run `python scripts/export_openapi.py` and commit the result"
    )


ADMIN_OPERATIONS = {
    ("GET", "/v1/admin/users"),
    ("POST", "/v1/admin/users"),
    ("GET", "/v1/admin/users/{username}"),
    ("PATCH", "/v1/admin/users/{username}"),
    ("POST", "/v1/admin/users/{username}/password"),
    ("POST", "/v1/admin/users/{username}/unlock"),
    ("GET", "/v1/admin/desks"),
    ("POST", "/v1/admin/desks"),
    ("POST", "/v1/admin/desks/{desk_id}/rotate-key"),
    ("POST", "/v1/admin/desks/{desk_id}/deactivate"),
    ("POST", "/v1/admin/desks/{desk_id}/activate"),
    ("GET", "/v1/admin/catalogue/versions"),
    ("POST", "/v1/admin/catalogue/versions"),
    ("GET", "/v1/admin/catalogue/versions/{version}"),
    ("POST", "/v1/admin/catalogue/versions/{version}/publish"),
    ("DELETE", "/v1/admin/catalogue/versions/{version}"),
    ("GET", "/v1/admin/calendar/{year}"),
    ("PUT", "/v1/admin/calendar/days/{day}"),
    ("DELETE", "/v1/admin/calendar/days/{day}"),
    ("PUT", "/v1/admin/desk-release"),
}
BACK_OFFICE_OPERATIONS = {
    ("POST", "/v1/dossiers/{client_id}/events"),
    ("GET", "/v1/dossiers/{client_id}/events"),
    ("PUT", "/v1/dossiers/{client_id}/fees/{fee_id}"),
    ("GET", "/v1/dossiers/{client_id}/fees"),
    ("POST", "/v1/receipts/verify"),
    ("GET", "/v1/receipts/keys"),
    ("GET", "/v1/stats/summary"),
    ("GET", "/v1/stats/overdue"),
    ("GET", "/v1/stats/due"),
    ("PUT", "/v1/dossiers/{client_id}/reviews/{review_id}"),
    ("PUT", "/v1/dossiers/{client_id}/prints/{print_id}"),
    ("PUT", "/v1/desks/{desk_id}/health"),
    ("PUT", "/v1/desks/{desk_id}/commands/{command_id}"),
    ("GET", "/v1/desks/health"),
    ("POST", "/v1/desks/{desk_id}/audit"),
    ("GET", "/v1/citizens/{cccd}"),
    ("GET", "/v1/citizens/{cccd}/driving-licences"),
    ("GET", "/v1/checks/health-certificate/{cccd}"),
    ("GET", "/v1/checks/traffic-violations"),
    ("POST", "/v1/payments"),
    ("GET", "/v1/payments/{payment_id}"),
    ("POST", "/v1/payments/{payment_id}/refund"),
}


def test_openapi_document_covers_the_contract() -> None:
    document = json.loads(COMMITTED.read_text(encoding="utf-8"))
    operations = {(method.upper(), path) for path, item in document["paths"].items() for method in item}
    assert operations == {
        ("POST", "/v1/auth/token"),
        ("POST", "/v1/auth/refresh"),
        ("POST", "/v1/auth/revoke"),
        ("GET", "/v1/catalogue"),
        ("GET", "/v1/calendar/{year}"),
        ("POST", "/v1/desks/{desk_id}/code-leases"),
        ("HEAD", "/v1/blobs/{sha256}"),
        ("PATCH", "/v1/blobs/{sha256}"),
        ("PUT", "/v1/dossiers/{client_id}"),
        ("GET", "/v1/dossiers"),
        ("GET", "/v1/health"),
        ("POST", "/v1/desks/{desk_id}/enrolment-check"),
        ("GET", "/v1/desk-release"),
    } | ADMIN_OPERATIONS | BACK_OFFICE_OPERATIONS
    open_calls = {("POST", "/v1/auth/token"), ("POST", "/v1/auth/refresh"), ("POST", "/v1/auth/revoke"), ("GET", "/v1/health")}
    open_calls.add(("POST", "/v1/desks/{desk_id}/enrolment-check"))
    for path, item in document["paths"].items():
        for method, operation in item.items():
            names = {p["name"] for p in operation.get("parameters", [])}
            guarded = (method.upper(), path) not in open_calls
            assert ("X-Desk-Id" in names) == guarded, (method, path)
            assert bool(operation.get("security")) == guarded, (method, path)


def test_export_script_check_mode_agrees() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "export_openapi.py"), "--check"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
