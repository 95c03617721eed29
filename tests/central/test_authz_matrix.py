"""Every route × every kind of caller: no token, each role at the home site, and a user of
another site where the route is scoped to a site.

The expected roles of each route are written here from the rules (who may do what), not
read from the code, and compared with the policy the route declares (central_api.authz);
then every cell is called on a running server. A route that is missing here, or that has
no declared policy, fails the test, so a new endpoint cannot ship without both.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import requests

from central_api.app import create_app
from central_api.authz import route_policies
from central_api.settings import CentralSettings
from desk_app.core.dossier_code import provisional_code
from desk_app.core.receipt_seal import seal_params
from desk_app.core.timeutil import VN_TZ
from desk_app.signing_key import ReceiptKey
from desk_app.store.audit_chain import GENESIS, ChainEntry, entry_hash
from tests.central.helpers import make_dossier, sha256_hex
from tests.support.central_server import DEMO_PASSWORD, SITE_CENTRE, SITE_POST, RunningCentral, start_central

HOME, FOREIGN = SITE_CENTRE, SITE_POST
HOME_DESK, FOREIGN_DESK = "DESK-NT-01", "DESK-DK-01"
DESK_KEY = "demo-desk-key"  # the seeded demo desks' key
ROLES = ("officer", "postal_assistant", "supervisor", "administrator")
ALL = frozenset(ROLES)
INTAKE = frozenset({"officer", "postal_assistant", "supervisor"})
OVERSIGHT = frozenset({"supervisor", "administrator"})
ADMIN = frozenset({"administrator"})
PUBLIC: frozenset[str] = frozenset()
CCCD = "056162123456"  # a citizen of resources/demo/citizens.json
MATRIX_PASSWORD = "matrix-password-1"
_serial = count(1)


@dataclass(frozen=True)
class Who:
    site: str  # HOME or FOREIGN
    role: str | None  # None: no token

    @property
    def label(self) -> str:
        return "anonymous" if self.role is None else f"{'home' if self.site == HOME else 'foreign'} {self.role}"


@dataclass
class Call:
    method: str
    path: str
    json: Any = None
    params: dict[str, str] | None = None
    data: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Env:
    """The running server, a logged-in user per role and site, and makers of fresh things
    to act on, so that no cell depends on what another cell did."""

    central: RunningCentral
    users: dict[tuple[str, str], tuple[str, str]]  # (site, role) -> (username, desk)
    _headers: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    _refresh_token: str | None = None
    shared: dict[str, Any] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.central.url(path)

    def headers(self, site: str, role: str) -> dict[str, str]:
        key = (site, role)
        if key not in self._headers:
            username, desk = self.users[key]
            self._headers[key] = login(self.central, username, desk, MATRIX_PASSWORD if "matrix" in username else DEMO_PASSWORD)
        return dict(self._headers[key])

    @property
    def admin(self) -> dict[str, str]:
        return self.headers(HOME, "administrator")

    @property
    def officer(self) -> dict[str, str]:
        return self.headers(HOME, "officer")

    def ok(self, response: requests.Response, *expected: int) -> dict[str, Any]:
        assert response.status_code in expected, f"{response.request.method} {response.url}: {response.text}"
        return response.json() if response.content else {}

    # things of the home site ------------------------------------------------------------

    def dossier(self) -> str:
        """A fresh accepted dossier of the home site; its client_id."""
        wire = make_dossier(received_at=datetime(2026, 11, 23, 9, 0, tzinfo=VN_TZ)).to_wire()
        self.ok(requests.put(self.url(f"/v1/dossiers/{wire['client_id']}"), json=wire, headers=self.officer, timeout=10), 201)
        return wire["client_id"]

    def blob(self) -> str:
        data = f"matrix blob {uuid.uuid4()}".encode()
        sha = sha256_hex(data)
        self.ok(requests.patch(self.url(f"/v1/blobs/{sha}"), data=data, timeout=10, headers={
            **self.officer, "Content-Type": "application/offset+octet-stream",
            "Upload-Offset": "0", "Upload-Length": str(len(data)),
        }), 200)
        return sha

    def payment(self) -> str:
        body = {"idempotency_key": str(uuid.uuid4()), "client_id": self.shared_dossier, "amount": 135000,
                "description": "Lệ phí cấp đổi giấy phép lái xe"}
        return self.ok(requests.post(self.url("/v1/payments"), json=body, headers=self.officer, timeout=10), 201)["payment_id"]

    def user(self) -> str:
        username = f"matrix.target{next(_serial)}"
        body = {"username": username, "full_name": "Người Thử", "role": "officer", "site_code": HOME,
                "password": MATRIX_PASSWORD}
        self.ok(requests.post(self.url("/v1/admin/users"), json=body, headers=self.admin, timeout=10), 201)
        return username

    def desk(self) -> str:
        desk_id = f"DESK-MATRIX-{next(_serial)}"
        body = {"desk_id": desk_id, "site_code": HOME}
        self.ok(requests.post(self.url("/v1/admin/desks"), json=body, headers=self.admin, timeout=10), 201)
        return desk_id

    def draft(self) -> str:
        version = f"matrix.{next(_serial)}"
        self.ok(requests.post(self.url("/v1/admin/catalogue/versions"), json=catalogue_body(self, version),
                              headers=self.admin, timeout=10), 201)
        return version

    def calendar_day(self) -> str:
        day = (date(2099, 1, 1) + timedelta(days=next(_serial))).isoformat()
        body = {"kind": "off", "name": "Ngày nghỉ thử"}
        self.ok(requests.put(self.url(f"/v1/admin/calendar/days/{day}"), json=body, headers=self.admin, timeout=10), 201)
        return day

    def refresh_token(self) -> str:
        """The newest of a chain of rotated refresh tokens (one log-in serves every cell)."""
        if self._refresh_token is None:
            self._refresh_token = login_answer(self.central, "canbo01", HOME_DESK, DEMO_PASSWORD)["refresh_token"]
        return self._refresh_token

    def took_refresh(self, response: requests.Response) -> None:
        if response.status_code == 200:
            self._refresh_token = response.json()["refresh_token"]

    def once(self, name: str, make: Callable[[], Any]) -> Any:
        if name not in self.shared:
            self.shared[name] = make()
        return self.shared[name]

    @property
    def shared_dossier(self) -> str:
        return self.once("dossier", self.dossier)


def login_answer(central: RunningCentral, username: str, desk: str, password: str) -> dict[str, Any]:
    body = {"username": username, "password": password, "desk_id": desk, "desk_key": DESK_KEY}
    response = requests.post(central.url("/v1/auth/token"), json=body, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def login(central: RunningCentral, username: str, desk: str, password: str) -> dict[str, str]:
    token = login_answer(central, username, desk, password)["access_token"]
    return {"Authorization": f"Bearer {token}", "X-Desk-Id": desk}


def catalogue_body(env: Env, version: str) -> dict[str, Any]:
    current = env.once(
        "catalogue", lambda: requests.get(env.url("/v1/catalogue"), headers=env.officer, timeout=10).json()
    )
    return {**current, "version": version}


# how to call each route ---------------------------------------------------------------
# build(env, who, fresh) -> Call. ``fresh`` is true for a cell expected to get through: it
# gets its own target, so cells do not disturb each other; refused cells share one.


Builder = Callable[[Env, Who, bool], Call]


@dataclass(frozen=True)
class Spec:
    roles: frozenset[str]  # who may call it, by the rules; PUBLIC for no token needed
    site_scoped: bool
    build: Builder
    ok: frozenset[int]  # what an allowed caller gets
    # What a caller of another site, with a role allowed here, gets for the home site's thing
    # (404: as if it did not exist), or a check of the answer for lists.
    foreign: int | Callable[[Env, requests.Response], None] | None = None
    # Routes not scoped as a whole but that still keep a supervisor to their own site.
    foreign_roles: dict[str, int] = field(default_factory=dict)


def _target(env: Env, fresh: bool, name: str, make: Callable[[], Any]) -> Any:
    return make() if fresh else env.once("shared-" + name, make)


def _foreign_dossier_wire(env: Env, client_id: str) -> dict[str, Any]:
    wire = make_dossier(site_code=FOREIGN, desk_id=FOREIGN_DESK, officer="buudien01",
                        received_at=datetime(2026, 11, 23, 9, 0, tzinfo=VN_TZ)).to_wire()
    return {**wire, "client_id": client_id}


def _put_dossier(env: Env, who: Who, fresh: bool) -> Call:
    if who.site == FOREIGN:
        # Another site's desk sends its own dossier under an id the home site already used.
        return Call("PUT", f"/v1/dossiers/{env.shared_dossier}", json=_foreign_dossier_wire(env, env.shared_dossier))
    wire = make_dossier(received_at=datetime(2026, 11, 23, 9, 0, tzinfo=VN_TZ)).to_wire()
    return Call("PUT", f"/v1/dossiers/{wire['client_id']}", json=wire)


def _no_home_dossier(env: Env, response: requests.Response) -> None:
    assert response.status_code == 200, response.text
    sites = {item["site_code"] for item in response.json()["items"]}
    assert HOME not in sites


def _blob_patch(env: Env, who: Who, fresh: bool) -> Call:
    data = f"matrix chunk {uuid.uuid4()}".encode()
    return Call("PATCH", f"/v1/blobs/{sha256_hex(data)}", data=data, headers={
        "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0", "Upload-Length": str(len(data)),
    })


def _event(env: Env, who: Who, fresh: bool) -> Call:
    client_id = env.shared_dossier if who.site == FOREIGN or not fresh else env.dossier()
    return Call("POST", f"/v1/dossiers/{client_id}/events",
                json={"event_id": str(uuid.uuid4()), "to_status": 7, "reason": "Công dân xin rút hồ sơ"})


def _fee(env: Env, who: Who, fresh: bool) -> Call:
    client_id = env.shared_dossier if who.site == FOREIGN or not fresh else env.dossier()
    fee_id = str(uuid.uuid4())
    return Call("PUT", f"/v1/dossiers/{client_id}/fees/{fee_id}", json={
        "fee_id": fee_id, "client_id": client_id, "kind": "payment", "amount": 135000, "method": "cash",
        "recorded_at": "2026-11-23T09:30:00+07:00", "officer_username": "canbo01", "receipt_number": "BL-0001",
        "items": [{"code": "LP", "name": "Lệ phí cấp đổi giấy phép lái xe", "amount": 135000}],
    })


def _payment_create(env: Env, who: Who, fresh: bool) -> Call:
    return Call("POST", "/v1/payments", json={
        "idempotency_key": str(uuid.uuid4()), "client_id": env.shared_dossier, "amount": 135000,
        "description": "Lệ phí cấp đổi giấy phép lái xe",
    })


def _review(env: Env, who: Who, fresh: bool) -> Call:
    client_id = env.shared_dossier if who.site == FOREIGN or not fresh else env.dossier()
    return Call("PUT", f"/v1/dossiers/{client_id}/reviews/{uuid.uuid4()}", json={
        "action": "approve", "note": None, "flags": 1, "at": "2026-11-23T10:00:00+07:00"})


def _print(env: Env, who: Who, fresh: bool) -> Call:
    client_id = env.shared_dossier if who.site == FOREIGN or not fresh else env.dossier()
    return Call("PUT", f"/v1/dossiers/{client_id}/prints/{uuid.uuid4()}", json={
        "kind": "receipt", "paper": "a4", "copies": 2, "printer": "Máy in quầy 1", "reprint_reason": None,
        "officer_username": "canbo01", "at": "2026-11-23T09:05:00+07:00", "outcome": "printed"})


def _health_report(env: Env, who: Who, fresh: bool) -> Call:
    # Always the home desk: a caller at another desk reports for a desk that is not theirs.
    return Call("PUT", f"/v1/desks/{HOME_DESK}/health", json={
        "reported_at": "2026-11-23T10:00:00+07:00", "waiting": 0, "retrying": 0, "held": 0,
        "drafts": {"parked": 0, "in_progress": 0}})


def _desk_audit(env: Env, who: Who, fresh: bool) -> Call:
    # Always the home desk's first line: every allowed cell sends the same one (a replay after
    # the first), and a caller at another desk sends for a desk that is not theirs.
    line = ChainEntry(id=1, at=datetime(2026, 11, 23, 9, 0, tzinfo=VN_TZ), actor="canbo01", action="session.signed_in",
                      subject=None, details={"mode": "online"}, prev_hash=GENESIS, hash="")
    return Call("POST", f"/v1/desks/{HOME_DESK}/audit",
                json={"entries": [{**line.to_wire(), "hash": entry_hash(GENESIS, line)}]})


def _desk_command(env: Env, who: Who, fresh: bool) -> Call:
    return Call("PUT", f"/v1/desks/{HOME_DESK}/commands/{uuid.uuid4()}", json={"entry_id": 1, "action": "retry"})


def _no_home_desk(env: Env, response: requests.Response) -> None:
    assert response.status_code == 200, response.text
    assert all(desk["desk_id"] != HOME_DESK for desk in response.json()["desks"])


def _stats(path: str) -> Builder:
    def build(env: Env, who: Who, fresh: bool) -> Call:
        # A caller of the other site asks about the home site by name.
        return Call("GET", path, params={"site": HOME} if who.site == FOREIGN else None)

    return build


def _enrol(env: Env, who: Who, fresh: bool) -> Call:
    return Call("POST", "/v1/admin/desks", json={"desk_id": f"DESK-MATRIX-{next(_serial)}", "site_code": HOME})


def _create_user(env: Env, who: Who, fresh: bool) -> Call:
    return Call("POST", "/v1/admin/users", json={
        "username": f"matrix.new{next(_serial)}", "full_name": "Người Mới", "role": "officer",
        "site_code": HOME, "password": MATRIX_PASSWORD,
    })


def _import(env: Env, who: Who, fresh: bool) -> Call:
    return Call("POST", "/v1/admin/catalogue/versions", json=catalogue_body(env, f"matrix.{next(_serial)}"))


def _put_day(env: Env, who: Who, fresh: bool) -> Call:
    day = (date(2098, 1, 1) + timedelta(days=next(_serial))).isoformat()
    return Call("PUT", f"/v1/admin/calendar/days/{day}", json={"kind": "work", "name": "Ngày làm bù thử"})


def _simple(method: str, path: str, **kwargs: Any) -> Builder:
    return lambda env, who, fresh: Call(method, path, **kwargs)


def _on(method: str, template: str, name: str, make: Callable[[Env], Any], **kwargs: Any) -> Builder:
    """A call on a target made by ``make`` (fresh for allowed cells)."""

    def build(env: Env, who: Who, fresh: bool) -> Call:
        target = _target(env, fresh and who.site == HOME, name, lambda: make(env))
        return Call(method, template.format(target), **kwargs)

    return build


def _receipt_text(env: Env) -> str:
    """The QR text of a home-site receipt, sealed by a desk key and sent once for every cell."""
    def make() -> str:
        key = ReceiptKey.generate()
        received = datetime(2026, 11, 23, 9, 0, tzinfo=VN_TZ)
        code = provisional_code(HOME, received.date(), HOME_DESK, next(_serial))
        dossier = key.seal_dossier(make_dossier(code=code, provisional=True, received_at=received))
        env.ok(requests.put(env.url(f"/v1/dossiers/{dossier.client_id}"), json=dossier.to_wire(),
                            headers=env.officer, timeout=10), 201)
        fields = dossier.seal_fields()
        return "https://motcua.example.vn/tra-cuu?" + urlencode(
            [("ma_ho_so", fields.code), *seal_params(key.seal(fields), fields)])
    return env.once("receipt", make)


def _verify_receipt(env: Env, who: Who, fresh: bool) -> Call:
    return Call("POST", "/v1/receipts/verify", json={"text": _receipt_text(env)})


def _receipt_keys(env: Env, who: Who, fresh: bool) -> Call:
    _receipt_text(env)  # a home desk's key exists, so a foreign list can be seen to leave it out
    return Call("GET", "/v1/receipts/keys")


def _receipt_unknown_here(env: Env, response: requests.Response) -> None:
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["seal"], body["dossier"], body["desk_id"], body["status"]) == ("unknown_key", "not_found", None, None)


def _no_home_keys(env: Env, response: requests.Response) -> None:
    assert response.status_code == 200, response.text
    assert all(k["desk_id"] != HOME_DESK for k in response.json()["items"])


def _desk_release() -> dict[str, Any]:
    n = next(_serial)
    return {"version": f"9.{n}.0", "download_url": f"https://motcua.example.vn/desk/9.{n}.0/setup.exe",
            "sha256": sha256_hex(f"desk build {n}".encode()), "size_bytes": 50_000_000 + n, "notes": "Bản thử"}


def _published_release(env: Env, who: Who, fresh: bool) -> Call:
    env.once("desk-release", lambda: env.ok(requests.put(
        env.url("/v1/admin/desk-release"), json=_desk_release(), headers=env.admin, timeout=10), 201))
    return Call("GET", "/v1/desk-release")


SPECS: dict[tuple[str, str], Spec] = {
    ("GET", "/v1/health"): Spec(PUBLIC, False, _simple("GET", "/v1/health"), frozenset({200})),
    ("POST", "/v1/auth/token"): Spec(PUBLIC, False, lambda env, who, fresh: Call("POST", "/v1/auth/token", json={
        "username": "giamsat01", "password": DEMO_PASSWORD, "desk_id": HOME_DESK, "desk_key": DESK_KEY}),
        frozenset({200})),
    ("POST", "/v1/auth/refresh"): Spec(PUBLIC, False, lambda env, who, fresh: Call(
        "POST", "/v1/auth/refresh", json={"refresh_token": env.refresh_token()}), frozenset({200})),
    ("POST", "/v1/auth/revoke"): Spec(PUBLIC, False, _simple(
        "POST", "/v1/auth/revoke", json={"refresh_token": "not-a-token-anybody-has"}), frozenset({200})),
    ("POST", "/v1/desks/{desk_id}/enrolment-check"): Spec(PUBLIC, False, _simple(
        "POST", f"/v1/desks/{HOME_DESK}/enrolment-check", json={"desk_key": DESK_KEY}), frozenset({200})),
    ("GET", "/v1/catalogue"): Spec(ALL, False, _simple("GET", "/v1/catalogue"), frozenset({200})),
    ("GET", "/v1/calendar/{year}"): Spec(ALL, False, _simple("GET", "/v1/calendar/2026"), frozenset({200})),
    ("POST", "/v1/desks/{desk_id}/code-leases"): Spec(
        INTAKE, True, _simple("POST", f"/v1/desks/{HOME_DESK}/code-leases", json={"day": "2026-11-23", "count": 1}),
        frozenset({201}), foreign=403,  # a desk leases only for itself (desk_mismatch)
    ),
    ("HEAD", "/v1/blobs/{sha256}"): Spec(
        INTAKE, False, _on("HEAD", "/v1/blobs/{}", "blob", Env.blob), frozenset({200})),
    ("PATCH", "/v1/blobs/{sha256}"): Spec(INTAKE, False, _blob_patch, frozenset({200})),
    ("PUT", "/v1/dossiers/{client_id}"): Spec(
        INTAKE, True, _put_dossier, frozenset({201}), foreign=409,  # never a second dossier under one id
    ),
    ("GET", "/v1/dossiers"): Spec(
        INTAKE, True, _simple("GET", "/v1/dossiers", params={"limit": "500"}), frozenset({200}),
        foreign=_no_home_dossier,
    ),
    ("POST", "/v1/dossiers/{client_id}/events"): Spec(INTAKE, True, _event, frozenset({201}), foreign=404),
    ("GET", "/v1/dossiers/{client_id}/events"): Spec(
        INTAKE, True, lambda env, who, fresh: Call("GET", f"/v1/dossiers/{env.shared_dossier}/events"),
        frozenset({200}), foreign=404,
    ),
    ("PUT", "/v1/dossiers/{client_id}/fees/{fee_id}"): Spec(INTAKE, True, _fee, frozenset({201}), foreign=404),
    ("POST", "/v1/receipts/verify"): Spec(INTAKE, True, _verify_receipt, frozenset({200}), foreign=_receipt_unknown_here),
    ("GET", "/v1/receipts/keys"): Spec(INTAKE, True, _receipt_keys, frozenset({200}), foreign=_no_home_keys),
    ("GET", "/v1/dossiers/{client_id}/fees"): Spec(
        INTAKE, True, lambda env, who, fresh: Call("GET", f"/v1/dossiers/{env.shared_dossier}/fees"),
        frozenset({200}), foreign=404,
    ),
    ("GET", "/v1/stats/summary"): Spec(
        OVERSIGHT, False, _stats("/v1/stats/summary"), frozenset({200}),
        foreign_roles={"supervisor": 404, "administrator": 200},
    ),
    ("GET", "/v1/stats/overdue"): Spec(
        OVERSIGHT, False, _stats("/v1/stats/overdue"), frozenset({200}),
        foreign_roles={"supervisor": 404, "administrator": 200},
    ),
    ("GET", "/v1/stats/due"): Spec(
        OVERSIGHT, False, _stats("/v1/stats/due"), frozenset({200}),
        foreign_roles={"supervisor": 404, "administrator": 200},
    ),
    ("PUT", "/v1/dossiers/{client_id}/reviews/{review_id}"): Spec(
        frozenset({"supervisor"}), True, _review, frozenset({201}), foreign=404),
    ("PUT", "/v1/dossiers/{client_id}/prints/{print_id}"): Spec(INTAKE, True, _print, frozenset({201}), foreign=404),
    ("PUT", "/v1/desks/{desk_id}/health"): Spec(
        INTAKE, True, _health_report, frozenset({200}), foreign=403,  # a desk reports for itself (not_your_desk)
    ),
    ("PUT", "/v1/desks/{desk_id}/commands/{command_id}"): Spec(
        frozenset({"supervisor"}), True, _desk_command, frozenset({201}), foreign=404),
    ("POST", "/v1/desks/{desk_id}/audit"): Spec(
        INTAKE, True, _desk_audit, frozenset({200}), foreign=403,  # a desk sends its own log (not_your_desk)
    ),
    ("GET", "/v1/desks/health"): Spec(
        OVERSIGHT, True, _simple("GET", "/v1/desks/health"), frozenset({200}), foreign=_no_home_desk),
    ("GET", "/v1/citizens/{cccd}"): Spec(INTAKE, False, _simple("GET", f"/v1/citizens/{CCCD}"), frozenset({200})),
    ("GET", "/v1/citizens/{cccd}/driving-licences"): Spec(
        INTAKE, False, _simple("GET", f"/v1/citizens/{CCCD}/driving-licences"), frozenset({200})),
    ("GET", "/v1/checks/health-certificate/{cccd}"): Spec(
        INTAKE, False, _simple("GET", f"/v1/checks/health-certificate/{CCCD}"), frozenset({200})),
    ("GET", "/v1/checks/traffic-violations"): Spec(
        INTAKE, False, _simple("GET", "/v1/checks/traffic-violations", params={"cccd": CCCD}), frozenset({200})),
    ("POST", "/v1/payments"): Spec(INTAKE, True, _payment_create, frozenset({201}),
                                   foreign=201),  # the payment is the caller's own site's: nothing of home's shows
    ("GET", "/v1/payments/{payment_id}"): Spec(
        INTAKE, True, _on("GET", "/v1/payments/{}", "payment", Env.payment), frozenset({200}), foreign=404),
    ("POST", "/v1/payments/{payment_id}/refund"): Spec(
        INTAKE, True, _on("POST", "/v1/payments/{}/refund", "payment", Env.payment, json={"reason": "Thu nhầm"}),
        frozenset({200, 409}),  # 409 not_refundable while the citizen has not paid yet
        foreign=404,
    ),
    ("GET", "/v1/admin/users"): Spec(ADMIN, False, _simple("GET", "/v1/admin/users"), frozenset({200})),
    ("POST", "/v1/admin/users"): Spec(ADMIN, False, _create_user, frozenset({201})),
    ("GET", "/v1/admin/users/{username}"): Spec(ADMIN, False, _simple("GET", "/v1/admin/users/canbo01"), frozenset({200})),
    ("PATCH", "/v1/admin/users/{username}"): Spec(
        ADMIN, False, _on("PATCH", "/v1/admin/users/{}", "user", Env.user, json={"role": "supervisor"}), frozenset({200})),
    ("POST", "/v1/admin/users/{username}/password"): Spec(
        ADMIN, False, _on("POST", "/v1/admin/users/{}/password", "user", Env.user, json={"password": "another-password"}),
        frozenset({200})),
    ("POST", "/v1/admin/users/{username}/unlock"): Spec(
        ADMIN, False, _on("POST", "/v1/admin/users/{}/unlock", "user", Env.user), frozenset({200})),
    ("GET", "/v1/admin/desks"): Spec(ADMIN, False, _simple("GET", "/v1/admin/desks"), frozenset({200})),
    ("POST", "/v1/admin/desks"): Spec(ADMIN, False, _enrol, frozenset({201})),
    ("POST", "/v1/admin/desks/{desk_id}/rotate-key"): Spec(
        ADMIN, False, _on("POST", "/v1/admin/desks/{}/rotate-key", "desk", Env.desk), frozenset({200})),
    ("POST", "/v1/admin/desks/{desk_id}/deactivate"): Spec(
        ADMIN, False, _on("POST", "/v1/admin/desks/{}/deactivate", "desk", Env.desk), frozenset({200})),
    ("POST", "/v1/admin/desks/{desk_id}/activate"): Spec(
        ADMIN, False, _on("POST", "/v1/admin/desks/{}/activate", "desk", Env.desk), frozenset({200})),
    ("GET", "/v1/admin/catalogue/versions"): Spec(
        ADMIN, False, _simple("GET", "/v1/admin/catalogue/versions"), frozenset({200})),
    ("POST", "/v1/admin/catalogue/versions"): Spec(ADMIN, False, _import, frozenset({201})),
    ("GET", "/v1/admin/catalogue/versions/{version}"): Spec(
        ADMIN, False, _simple("GET", "/v1/admin/catalogue/versions/2026.11.1"), frozenset({200})),
    ("POST", "/v1/admin/catalogue/versions/{version}/publish"): Spec(
        ADMIN, False, _on("POST", "/v1/admin/catalogue/versions/{}/publish", "draft", Env.draft), frozenset({200})),
    ("DELETE", "/v1/admin/catalogue/versions/{version}"): Spec(
        ADMIN, False, _on("DELETE", "/v1/admin/catalogue/versions/{}", "draft", Env.draft), frozenset({204})),
    ("GET", "/v1/admin/calendar/{year}"): Spec(ADMIN, False, _simple("GET", "/v1/admin/calendar/2026"), frozenset({200})),
    ("PUT", "/v1/admin/calendar/days/{day}"): Spec(ADMIN, False, _put_day, frozenset({201})),
    ("DELETE", "/v1/admin/calendar/days/{day}"): Spec(
        ADMIN, False, _on("DELETE", "/v1/admin/calendar/days/{}", "day", Env.calendar_day), frozenset({204})),
    ("PUT", "/v1/admin/desk-release"): Spec(
        ADMIN, False, lambda env, who, fresh: Call("PUT", "/v1/admin/desk-release", json=_desk_release()), frozenset({201})),
    ("GET", "/v1/desk-release"): Spec(ALL, False, _published_release, frozenset({200})),
}


def _declared() -> dict[tuple[str, str], Any]:
    app = create_app(CentralSettings(data_dir=Path("unused")))
    return {(row.method, row.path): row.policy for row in route_policies(app)}


def test_every_route_declares_a_policy_and_has_a_row_here() -> None:
    declared = _declared()  # route_policies raises on a route without a policy
    assert sorted(set(declared) - set(SPECS)) == [], "routes missing from this matrix: add a Spec"
    assert sorted(set(SPECS) - set(declared)) == [], "the matrix names routes the app does not have"


@pytest.mark.parametrize("route", sorted(SPECS), ids=lambda r: f"{r[0]} {r[1]}")
def test_declared_policy_matches_the_rules(route: tuple[str, str]) -> None:
    policy = _declared().get(route)
    assert policy is not None, f"{route} is not served"
    spec = SPECS[route]
    assert policy.public == (spec.roles == PUBLIC)
    assert policy.roles == spec.roles
    assert policy.site_scoped == spec.site_scoped


# the live matrix ----------------------------------------------------------------------


@pytest.fixture(scope="module", params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)])
def env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    data_dir = tmp_path_factory.mktemp(f"matrix-{request.param}")
    # Production's desk enrolment, and room for the many log-ins of one client address.
    with start_central(data_dir, request.param, desk_enrolment="required", login_attempts_per_minute=1000) as central:
        users = {
            (HOME, "officer"): ("canbo01", HOME_DESK),
            (HOME, "supervisor"): ("giamsat01", HOME_DESK),
            (HOME, "administrator"): ("quantri", HOME_DESK),
            (FOREIGN, "postal_assistant"): ("buudien01", FOREIGN_DESK),
        }
        environment = Env(central, users)
        # The demo has no postal assistant at home and only one account at the other site.
        for site, role in ((HOME, "postal_assistant"), (FOREIGN, "officer"), (FOREIGN, "supervisor"),
                           (FOREIGN, "administrator")):
            username = f"matrix.{'home' if site == HOME else 'foreign'}.{role}"
            environment.ok(requests.post(central.url("/v1/admin/users"), headers=environment.admin, timeout=10, json={
                "username": username, "full_name": "Người Thử", "role": role, "site_code": site,
                "password": MATRIX_PASSWORD}), 201)
            users[(site, role)] = (username, HOME_DESK if site == HOME else FOREIGN_DESK)
        yield environment


def _send(env: Env, who: Who, call: Call) -> requests.Response:
    headers = dict(call.headers)
    if who.role is None:
        headers["X-Desk-Id"] = HOME_DESK  # everything but the token
    else:
        headers.update(env.headers(who.site, who.role))
    return requests.request(call.method, env.url(call.path), json=call.json, params=call.params, data=call.data,
                            headers=headers, timeout=20)


def _code(response: requests.Response, expected: str) -> bool:
    """The error code is ``expected``; a HEAD answer has no body to tell, only its status."""
    if response.request.method == "HEAD":
        return True
    return response.json().get("detail", {}).get("code") == expected


def _cells(spec: Spec) -> list[tuple[Who, str]]:
    """(caller, what they should get): allowed, denied, unauthenticated, foreign."""
    cells: list[tuple[Who, str]] = [(Who(HOME, None), "public" if spec.roles == PUBLIC else "unauthenticated")]
    for role in ROLES:
        cells.append((Who(HOME, role), "allowed" if spec.roles == PUBLIC or role in spec.roles else "denied"))
    if spec.site_scoped:
        cells += [(Who(FOREIGN, role), "foreign") for role in ROLES if role in spec.roles]
    cells += [(Who(FOREIGN, role), "foreign-role") for role in spec.foreign_roles]
    return cells


@pytest.mark.parametrize("route", sorted(SPECS), ids=lambda r: f"{r[0]} {r[1]}")
def test_matrix(env: Env, route: tuple[str, str]) -> None:
    spec = SPECS[route]
    failures: list[str] = []
    for who, expect in _cells(spec):
        call = spec.build(env, who, expect in ("allowed", "public"))
        response = _send(env, who, call)
        if route == ("POST", "/v1/auth/refresh"):
            env.took_refresh(response)
        got = f"{response.status_code} {response.text[:200] if response.content else ''}"
        if expect in ("allowed", "public"):
            good = response.status_code in spec.ok
        elif expect == "unauthenticated":
            good = response.status_code == 401 and _code(response, "not_authenticated")
        elif expect == "denied":
            good = response.status_code == 403 and _code(response, "forbidden_role")
        elif expect == "foreign-role":
            good = response.status_code == spec.foreign_roles[who.role or ""]
        elif callable(spec.foreign):
            try:
                spec.foreign(env, response)
                good = True
            except AssertionError as exc:
                good, got = False, f"{got}: {exc}"
        else:
            good = response.status_code == spec.foreign
            if spec.foreign == 404 and response.status_code == 404:
                assert HOME not in response.text  # nothing of the home site in the refusal either
        if not good:
            failures.append(f"{who.label} ({expect}): got {got}")
    assert not failures, f"{route[0]} {route[1]}:\n  " + "\n  ".join(failures)
