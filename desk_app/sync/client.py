"""CentralClient: the one module that knows the central API's wire format.

Everything that comes back is checked before anyone else sees it: an answer that is not
the JSON the contract promises becomes ``MalformedAnswer`` and changes nothing on the desk.
HTTP failures are sorted into the errors of ``desk_app.sync.errors`` so that callers decide
by kind (retry later / a person must look / sign in again), never by status number.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Mapping
from urllib.parse import quote

import requests
from requests.adapters import HTTPAdapter

from desk_app import __version__
from desk_app.core.calendar import CalendarError, CalendarOverride
from desk_app.core.catalogue import Catalogue, CatalogueError
from desk_app.core.dossier_code import CodeLease, DossierCodeError
from desk_app.core.licences import DrivingLicence
from desk_app.core.messages import QT_TRANSLATE_NOOP
from desk_app.core.receipt_seal import PUBLIC_KEY_BYTES, DeskKey, SealFields, SealStatus, b64url_decode, kid_of
from desk_app.core.timeutil import parse_rfc3339
from desk_app.log_redaction import loggable_path, redact

from .errors import (
    AccountLocked,
    AuthenticationFailed,
    CentralRejected,
    CentralUnavailable,
    HashMismatch,
    MalformedAnswer,
    SyncCancelled,
)
from .transport import certificate_check, checked_address

log = logging.getLogger(__name__)

BytesProgress = Callable[[int, int], None]
"""Called with (bytes the server holds, bytes in the blob) as an upload advances."""

# An upload whose offset does not move after this many answers in a row is not going to
# finish in this run; stopping keeps a confused server from spinning the sync worker.
_MAX_STALLED_CHUNKS = 4
_MAX_RETRY_AFTER = 3600.0


@dataclass(frozen=True)
class UserInfo:
    """The signed-in person as the central system knows them (cán bộ, nhân viên bưu điện, giám sát)."""

    username: str
    full_name: str
    role: str
    site_code: str
    site_name: str
    agency_code: str
    place: str


@dataclass(frozen=True)
class LoginResult:
    access_token: str
    refresh_token: str
    token_type: str
    expires_in: int
    user: UserInfo


@dataclass(frozen=True)
class ReceiptCheck:
    """The central system's word on a scanned receipt: its seal, and the dossier it holds.

    ``dossier`` is "matches", "differs" (``differences`` names the signed fields that do) or
    "not_found"; ``genuine`` only when the seal is genuine and the dossier matches."""

    genuine: bool
    seal: SealStatus
    dossier: str
    differences: tuple[str, ...]
    kid: str
    desk_id: str | None
    fields: SealFields
    dossier_code: str | None
    status: int | None


@dataclass(frozen=True)
class EnrolmentCheck:
    """The central system's word that a desk key is right: the site the desk serves, and the
    version the central API runs."""

    desk_id: str
    site_code: str
    site_name: str
    server_version: str


@dataclass(frozen=True)
class DeskRelease:
    """The desk version an administrator published for download, with what the download must
    be: its SHA-256 (lower-case hex) and size in bytes."""

    version: str
    download_url: str
    sha256: str
    size_bytes: int
    notes: str
    published_at: datetime


_SHA256_HEX = frozenset("0123456789abcdef")
_DOSSIER_MATCHES = frozenset({"matches", "differs", "not_found"})
_SIGNED_FIELDS = frozenset({"procedure_code", "received_at", "officer_username"})


class CentralClient:
    """A connection to the central API for one desk; not shared between threads at once."""

    def __init__(
        self,
        base_url: str,
        *,
        desk_id: str,
        access_token: str | None = None,
        refresh_token: str | None = None,
        timeout: float = 10.0,
        chunk_size: int = 256 * 1024,
        pinned_authority: str | None = None,
    ) -> None:
        if chunk_size <= 0:
            raise ValueError("chunk_size must be positive")
        self.base_url = checked_address(base_url)
        self.pinned_authority = pinned_authority
        self.desk_id = desk_id
        self.access_token = access_token
        self.refresh_token: str | None = refresh_token
        # Called after sign-in and after every renewal, so the app can keep the rotated
        # refresh token in the OS keyring (the server accepts each refresh token once).
        self.on_tokens: Callable[[LoginResult], None] | None = None
        self._refresh_lock = threading.Lock()
        self.timeout = timeout
        self.chunk_size = chunk_size
        self.session = requests.Session()
        # Retries are the sync engine's business (with backoff and the outbox's bookkeeping);
        # a hidden retry here would double the wait and hide the failure from the report.
        adapter = HTTPAdapter(pool_connections=2, pool_maxsize=4, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update({
            "Accept": "application/json",
            "User-Agent": f"one-stop-desk/{__version__}",
            "X-Desk-Id": desk_id,
        })
        # requests reads the proxy and CA settings of the environment again on every request
        # (a walk of os.environ: 6% of a drain's time); a desk behind a proxy still uses it,
        # read once here. Netrc credentials, the other thing trust_env brings, are not wanted.
        self.session.proxies.update(requests.utils.get_environ_proxies(self.base_url))
        self.session.verify = certificate_check(pinned_authority)
        self.session.trust_env = False

    def courier(self, timeout: float) -> "CentralClient":
        """A short-lived client with this session's current access token, for one call made on
        another thread (this client is not shared between threads at once). It never renews the
        session: the server takes each refresh token once, and renewing stays the owner's
        business; a lapsed token gives a 401 that the caller treats as any failure."""
        return CentralClient(self.base_url, desk_id=self.desk_id, access_token=self.access_token, timeout=timeout,
                             pinned_authority=self.pinned_authority)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> "CentralClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ sessions

    def health(self) -> dict:
        body = self._json(self._request("GET", "/v1/health"))
        _need_str(body, "status", "health")
        return body

    def login(self, username: str, password: str, desk_key: str | None = None) -> LoginResult:
        """Sign in; on success the client carries the new token on every later call.

        ``desk_key`` is the key an administrator issued when enrolling this desk; a server
        that requires enrolment refuses a desk without it.
        """
        body = {"username": username, "password": password, "desk_id": self.desk_id}
        if desk_key:
            body["desk_key"] = desk_key
        try:
            response = self._request("POST", "/v1/auth/token", json=body, authenticated=False)
        except AuthenticationFailed as exc:
            template = (AuthenticationFailed.DESK_NOT_ENROLLED if exc.server_code == "desk_not_enrolled"
                        else AuthenticationFailed.BAD_CREDENTIALS)
            raise AuthenticationFailed(template, server_code=exc.server_code, server_message=exc.server_message) from None
        except CentralRejected as exc:
            if exc.status == 423:
                raise AccountLocked(exc.detail.get("locked_until")) from None
            raise
        result = _login_result(self._json(response))
        self._took_tokens(result)
        return result

    def check_enrolment(self, desk_id: str, desk_key: str) -> EnrolmentCheck:
        """Whether ``desk_key`` is the key of the enrolled, active desk ``desk_id`` (no sign-in
        needed): the desk's first-run setup tests the key with it before anyone signs in.

        A wrong key, an unknown desk and a deactivated one all raise AuthenticationFailed
        (DESK_NOT_ENROLLED); too many tries raise CentralUnavailable of kind "busy" with
        ``retry_after``; a server out of reach raises CentralUnavailable as every call does."""
        path = f"/v1/desks/{quote(desk_id, safe='')}/enrolment-check"
        try:
            response = self._request("POST", path, json={"desk_key": desk_key}, authenticated=False)
        except AuthenticationFailed as exc:
            raise AuthenticationFailed(AuthenticationFailed.DESK_NOT_ENROLLED, server_code=exc.server_code,
                                       server_message=exc.server_message) from None
        body = self._json(response)
        _need_echo(body, "desk_id", desk_id, "enrolment check")
        return EnrolmentCheck(
            desk_id=desk_id,
            site_code=_need_str(body, "site_code", "enrolment check"),
            site_name=_need_str(body, "site_name", "enrolment check"),
            server_version=_need_str(body, "server_version", "enrolment check"),
        )

    def refresh(self, refresh_token: str | None = None) -> LoginResult:
        """Trade the refresh token for a new pair; a refused refresh means signing in again."""
        token = refresh_token or self.refresh_token
        if not token:
            raise AuthenticationFailed(AuthenticationFailed.SESSION_ENDED, server_code="no_refresh_token")
        try:
            response = self._request("POST", "/v1/auth/refresh", json={"refresh_token": token}, authenticated=False)
        except AuthenticationFailed:
            # The server takes each refresh token once and ends the session on a refused one.
            self.access_token = self.refresh_token = None
            raise
        result = _login_result(self._json(response))
        self._took_tokens(result)
        return result

    def _took_tokens(self, result: LoginResult) -> None:
        self.access_token = result.access_token
        self.refresh_token = result.refresh_token
        if self.on_tokens is not None:
            self.on_tokens(result)

    def revoke(self, refresh_token: str | None = None) -> None:
        """Sign out on the server; the local tokens are forgotten even when the server is away."""
        token = refresh_token or self.refresh_token
        self.access_token = None
        self.refresh_token = None
        if token:
            self._request("POST", "/v1/auth/revoke", json={"refresh_token": token}, authenticated=False,
                          accept=(200, 204))

    # ------------------------------------------------------------------ pulls

    def get_catalogue(self, etag: str | None) -> tuple[dict | None, str | None]:
        """The catalogue JSON and its ETag, or ``(None, etag)`` when the desk's copy is current (304)."""
        headers = {"If-None-Match": etag} if etag else {}
        response = self._request("GET", "/v1/catalogue", headers=headers, accept=(200, 304))
        if response.status_code == 304:
            return None, response.headers.get("ETag", etag)
        body = self._json(response)
        try:
            Catalogue.from_dict(body)
        except CatalogueError as exc:
            raise MalformedAnswer(f"catalogue: {exc.english()}", status=response.status_code) from exc
        return body, response.headers.get("ETag")

    def get_calendar(self, year: int) -> list[CalendarOverride]:
        body = self._json(self._request("GET", f"/v1/calendar/{int(year)}"))
        if body.get("year") != year:
            raise MalformedAnswer(f"calendar for {body.get('year')!r} instead of {year}")
        items = body.get("overrides")
        if not isinstance(items, list):
            raise MalformedAnswer("calendar without an overrides list")
        overrides = []
        for item in items:
            try:
                overrides.append(CalendarOverride(
                    day=date.fromisoformat(_need_str(item, "day", "calendar override")),
                    kind=_need_str(item, "kind", "calendar override"),
                    name=str(item.get("name") or ""),
                ))
            except (ValueError, CalendarError) as exc:
                raise MalformedAnswer(f"calendar override {item!r}: {exc}") from exc
        return overrides

    def lease_codes(self, day: date, count: int) -> CodeLease:
        body = self._json(self._request(
            "POST", f"/v1/desks/{quote(self.desk_id, safe='')}/code-leases",
            json={"day": day.isoformat(), "count": int(count)}, accept=(200, 201),
        ))
        try:
            lease = CodeLease(
                lease_id=_need_str(body, "lease_id", "code lease"),
                agency_code=_need_str(body, "agency_code", "code lease"),
                day=date.fromisoformat(_need_str(body, "day", "code lease")),
                first=_need_int(body, "first", "code lease"),
                last=_need_int(body, "last", "code lease"),
                width=_need_int(body, "width", "code lease"),
            )
        except (ValueError, DossierCodeError) as exc:
            raise MalformedAnswer(f"code lease: {exc}") from exc
        if lease.day != day:
            raise MalformedAnswer(f"code lease for {lease.day} instead of {day}")
        return lease

    def list_dossiers(self, since: str | None = None, limit: int | None = None) -> tuple[list[dict], str | None]:
        """Server records changed after ``since`` (this site only) and the cursor to ask from next."""
        params: dict[str, Any] = {}
        if since is not None:
            params["since"] = since
        if limit is not None:
            params["limit"] = int(limit)
        body = self._json(self._request("GET", "/v1/dossiers", params=params))
        items = body.get("items")
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise MalformedAnswer("dossier list without an items list")
        cursor = body.get("cursor")
        if cursor is not None and not isinstance(cursor, str):
            raise MalformedAnswer("dossier list with a cursor that is not text")
        return items, cursor

    def lookup_citizen(self, cccd: str) -> dict | None:
        """The population register's answer about a citizen, or None when it has no such citizen.

        The answer is ``{cccd, full_name, date_of_birth (yyyy-mm-dd), sex ("Nam"/"Nữ"),
        permanent_address}``, checked and holding nothing else. A register that fails or is
        slow comes back from the central API as 503 with Retry-After: ``CentralUnavailable``.
        """
        if not (len(cccd) == 12 and cccd.isascii() and cccd.isdigit()):
            raise ValueError("a CCCD number has 12 digits")
        try:
            body = self._json(self._request("GET", f"/v1/citizens/{cccd}"))
        except CentralRejected as exc:
            # Only the register's own "not found": a bare 404 is a server without this route.
            if exc.status == 404 and exc.server_code == "citizen_not_found":
                return None
            raise
        if body.get("cccd") != cccd:
            raise MalformedAnswer(f"citizen answer for {body.get('cccd')!r} instead of the number asked")
        answer = {"cccd": cccd}
        for key in ("full_name", "permanent_address"):
            value = _need_str(body, key, "citizen answer").strip()
            if not value:
                raise MalformedAnswer(f"citizen answer: \"{key}\" is empty")
            answer[key] = value
        born = _need_str(body, "date_of_birth", "citizen answer")
        try:
            answer["date_of_birth"] = date.fromisoformat(born).isoformat()
        except ValueError:
            raise MalformedAnswer(f"citizen answer: date_of_birth {born!r} is not a date") from None
        sex = _need_str(body, "sex", "citizen answer")
        if sex not in ("Nam", "Nữ"):
            raise MalformedAnswer(f"citizen answer: sex {sex!r} is neither Nam nor Nữ")
        answer["sex"] = sex
        return {key: answer[key] for key in ("cccd", "full_name", "date_of_birth", "sex", "permanent_address")}

    def driving_licences(self, cccd: str) -> list[DrivingLicence]:
        """The licences the national register holds for a citizen (empty when none).

        A register that fails or is slow comes back as 503 with Retry-After: ``CentralUnavailable``.
        """
        if not (len(cccd) == 12 and cccd.isascii() and cccd.isdigit()):
            raise ValueError("a CCCD number has 12 digits")
        body = self._json(self._request("GET", f"/v1/citizens/{cccd}/driving-licences"))
        items = body.get("licences")
        if not isinstance(items, list):
            raise MalformedAnswer("licence answer: \"licences\" is not a list")
        held = []
        for item in items:
            try:
                expires = item.get("expires_on")
                held.append(DrivingLicence(
                    licence_number=_need_str(item, "licence_number", "licence answer"),
                    licence_class=_need_str(item, "licence_class", "licence answer"),
                    issued_on=date.fromisoformat(_need_str(item, "issued_on", "licence answer")),
                    expires_on=date.fromisoformat(expires) if isinstance(expires, str) else None,
                    issuer=_need_str(item, "issuer", "licence answer"),
                ))
            except (AttributeError, ValueError) as exc:
                raise MalformedAnswer(f"licence answer: {type(exc).__name__}") from None
        return held

    # ------------------------------------------------------------------ receipts

    def receipt_keys(self) -> list[DeskKey]:
        """The receipt-sealing public keys of this site's desks; each checked to be the key its kid names."""
        body = self._json(self._request("GET", "/v1/receipts/keys"))
        items = body.get("items")
        if not isinstance(items, list):
            raise MalformedAnswer("receipt keys: \"items\" is not a list")
        keys = []
        for item in items:
            kid = _need_str(item, "kid", "receipt key")
            try:
                public_key = b64url_decode(_need_str(item, "public_key", "receipt key"), PUBLIC_KEY_BYTES)
            except ValueError:
                raise MalformedAnswer("receipt key: \"public_key\" is not an Ed25519 key") from None
            if kid_of(public_key) != kid:
                raise MalformedAnswer(f"receipt key {kid!r} does not belong to its public key")
            keys.append(DeskKey(kid, public_key, _need_str(item, "desk_id", "receipt key")))
        return keys

    def verify_receipt(self, text: str) -> ReceiptCheck:
        """Ask the central system whether a scanned receipt is genuine and matches the dossier it holds."""
        body = self._json(self._request("POST", "/v1/receipts/verify", json={"text": text}))
        return _receipt_check(body)

    # ------------------------------------------------------------------ upstream checks

    def check_health_certificate(self, cccd: str) -> dict:
        """The citizen's latest driver health certificate, as the central API found it.

        ``{checked_at (RFC 3339), certificate: {certificate_number, issued_on, valid_until
        (yyyy-mm-dd), licence_class, issuer, fit_to_drive, valid} | None}``, checked and
        holding nothing else. A health-certificate system that fails, is slow or is not
        connected comes back as ``UpstreamUnavailable`` (503 with Retry-After): retry later.
        """
        _need_cccd(cccd)
        body = self._json(self._upstream_get(f"/v1/checks/health-certificate/{cccd}"))
        return _health_check_answer(body)

    def check_traffic_violations(self, cccd: str) -> dict:
        """The citizen's unpaid traffic violations, as the central API found them.

        ``{checked_at, count, total_fine (đồng), unpaid: [{violation_id, occurred_on,
        place, description, fine, vehicle_plate}]}``, checked (the count and the total agree
        with the list) and holding nothing else. Failures as ``check_health_certificate``.
        """
        _need_cccd(cccd)
        body = self._json(self._upstream_get("/v1/checks/traffic-violations", params={"cccd": cccd}))
        return _violations_answer(body)

    def _upstream_get(self, path: str, params: Mapping[str, Any] | None = None) -> requests.Response:
        response = self._request("GET", path, params=params, accept=(200, 503))
        if response.status_code == 200:
            return response
        code, _message, detail = _server_reason(response)
        if code != "upstream_unavailable":
            return self._check(response, "GET", path, (200,))  # the central system's own 503
        upstream, reason = detail.get("upstream"), detail.get("reason")
        log.info("upstream %s unavailable (%s)", upstream, reason)  # the path holds the CCCD: not logged
        raise UpstreamUnavailable(
            upstream=str(upstream) if isinstance(upstream, str) else "unknown",
            reason=str(reason) if isinstance(reason, str) else "error",
            retry_after=_retry_after(response),
        )

    # ------------------------------------------------------------------ pushes

    def put_dossier(self, wire: Mapping[str, Any]) -> dict:
        """Create the dossier idempotently (201 first time, 200 on a replay); the server's record."""
        client_id = wire["client_id"]
        body = self._json(self._request(
            "PUT", f"/v1/dossiers/{quote(str(client_id), safe='')}", json=dict(wire), accept=(200, 201),
        ))
        if body.get("client_id") != client_id:
            raise MalformedAnswer(f"answer for dossier {body.get('client_id')!r} instead of {client_id}")
        _need_str(body, "code", "dossier answer")
        if not isinstance(body.get("code_provisional"), bool):
            raise MalformedAnswer("dossier answer: \"code_provisional\" is not true/false")
        _need_int(body, "status", "dossier answer")
        try:
            parse_rfc3339(_need_str(body, "server_received_at", "dossier answer"))
        except ValueError as exc:
            raise MalformedAnswer(f"dossier answer: server_received_at {exc}") from exc
        attachments = body.get("attachments", [])
        if not isinstance(attachments, list) or not all(
            isinstance(a, dict) and isinstance(a.get("sha256"), str) for a in attachments
        ):
            raise MalformedAnswer("dossier answer: attachments are not a list of {sha256, stored}")
        return body

    def post_event(self, client_id: str, event: Mapping[str, Any]) -> dict:
        """Record a status event idempotently (201 first time, 200 replay); the server's event."""
        body = self._json(self._request(
            "POST", f"/v1/dossiers/{quote(str(client_id), safe='')}/events", json=dict(event), accept=(200, 201),
        ))
        recorded = body.get("event")
        if not isinstance(recorded, dict) or recorded.get("event_id") != event["event_id"]:
            raise MalformedAnswer(f"event answer does not name event {event['event_id']}")
        _need_int(body, "status", "event answer")
        return body

    def put_fee(self, client_id: str, fee: Mapping[str, Any]) -> dict:
        """Record a fee payment or refund idempotently (201 first time, 200 replay)."""
        fee_id = fee["fee_id"]
        body = self._json(self._request(
            "PUT", f"/v1/dossiers/{quote(str(client_id), safe='')}/fees/{quote(str(fee_id), safe='')}",
            json=dict(fee), accept=(200, 201),
        ))
        if body.get("fee_id") != fee_id:
            raise MalformedAnswer(f"answer for fee record {body.get('fee_id')!r} instead of {fee_id}")
        _need_int(body, "amount", "fee answer")
        return body

    def put_review(self, client_id: str, review: Mapping[str, Any]) -> dict:
        """Record a supervisor's decision idempotently (201 first time, 200 replay); the
        server's ``ReviewRecord``. ``review`` is ``Review.to_wire()``: its id goes in the path."""
        review_id = str(review["review_id"])
        body = self._json(self._request(
            "PUT", f"{_dossier_path(client_id)}/reviews/{quote(review_id, safe='')}",
            json=_without(review, "review_id"), accept=(200, 201),
        ))
        _need_echo(body, "review_id", review_id, "review answer")
        _need_echo(body, "client_id", client_id, "review answer")
        _need_str(body, "action", "review answer")
        _need_moment(body, "at", "review answer")
        return body

    def put_print(self, client_id: str, print_: Mapping[str, Any]) -> dict:
        """Record one print of a form idempotently (201 first time, 200 replay); ``print_``
        holds ``print_id`` (it goes in the path) and the print's wire fields."""
        print_id = str(print_["print_id"])
        body = self._json(self._request(
            "PUT", f"{_dossier_path(client_id)}/prints/{quote(print_id, safe='')}",
            json=_without(print_, "print_id"), accept=(200, 201),
        ))
        _need_echo(body, "print_id", print_id, "print answer")
        return body

    def blob_offset(self, sha256: str) -> tuple[int, int | None]:
        """(bytes the server holds, total length it expects or None when it has nothing)."""
        response = self._request("HEAD", f"/v1/blobs/{sha256}", accept=(200, 404))
        if response.status_code == 404:
            return 0, None
        offset = _header_int(response, "Upload-Offset")
        length = _header_int(response, "Upload-Length")
        if offset is None or length is None or not 0 <= offset <= length:
            raise MalformedAnswer("blob status without a valid Upload-Offset / Upload-Length", status=200)
        return offset, length

    def upload_blob(
        self,
        sha256: str,
        data: bytes,
        *,
        progress: BytesProgress | None = None,
        cancel: threading.Event | None = None,
    ) -> str:
        """Send ``data`` in chunks, resuming where the server stopped; returns the hash the server echoed.

        The server hashes what it stored once the last byte arrives. Only an echo equal to
        the local hash counts as delivery; anything else raises ``HashMismatch``.
        """
        sha256 = sha256.lower()
        local = hashlib.sha256(data).hexdigest()
        if local != sha256:
            # The caller handed bytes that are not the blob it named: a local fault, never sent.
            raise ValueError(f"blob {sha256} holds bytes hashing to {local}")
        length = len(data)
        offset, server_length = self.blob_offset(sha256)
        if server_length is not None and server_length != length:
            raise MalformedAnswer(f"the server expects {server_length} bytes for a blob of {length}")
        if progress:
            progress(offset, length)
        if server_length is not None and offset == length:
            return self._finished_blob(sha256, length)
        stalled = 0
        while True:
            if cancel is not None and cancel.is_set():
                raise SyncCancelled()
            chunk = data[offset:offset + self.chunk_size]
            response = self._request(
                "PATCH", f"/v1/blobs/{sha256}", data=chunk,
                headers={
                    "Content-Type": "application/offset+octet-stream",
                    "Upload-Offset": str(offset),
                    "Upload-Length": str(length),
                },
                accept=(200, 201, 204, 409, 422),
            )
            if response.status_code == 422:
                code, _message, detail = _server_reason(response)
                if code == "hash_mismatch":
                    received = detail.get("sha256") or detail.get("actual") or detail.get("received") or "?"
                    raise HashMismatch(expected=sha256, received=str(received))
                raise self._rejected(response)
            if response.status_code == 409:
                code, _message, detail = _server_reason(response)
                if code != "offset_mismatch":
                    raise self._rejected(response)
                new_offset = _header_int(response, "Upload-Offset")
                if new_offset is None and isinstance(detail.get("offset"), int):
                    new_offset = detail["offset"]
                if new_offset is None:
                    new_offset, _ = self.blob_offset(sha256)
                if not 0 <= new_offset <= length:
                    raise MalformedAnswer(f"upload offset {new_offset} outside 0..{length}", status=409)
                log.info("blob %s: server holds %d bytes, not %d; resuming there", sha256[:12], new_offset, offset)
                stalled = stalled + 1 if new_offset == offset else 0
                offset = new_offset
                if stalled >= _MAX_STALLED_CHUNKS:
                    raise MalformedAnswer("the upload offset does not advance", status=409)
                continue
            body = self._json(response)
            new_offset = _need_int(body, "offset", "upload answer")
            if _need_int(body, "length", "upload answer") != length or not 0 <= new_offset <= length:
                raise MalformedAnswer(f"upload answer with offset {new_offset} of {body.get('length')!r}")
            stalled = stalled + 1 if new_offset <= offset and chunk else 0
            if stalled >= _MAX_STALLED_CHUNKS:
                raise MalformedAnswer("the upload offset does not advance", status=response.status_code)
            offset = new_offset
            if progress:
                progress(offset, length)
            if body.get("complete") is True:
                if offset != length:
                    raise MalformedAnswer(f"upload called complete at {offset} of {length} bytes")
                return _echoed(body, sha256)

    def _finished_blob(self, sha256: str, length: int) -> str:
        """The server already holds every byte; ask it to say which hash it stored.

        An empty PATCH at the end offset changes nothing and is answered like the last chunk.
        """
        response = self._request(
            "PATCH", f"/v1/blobs/{sha256}", data=b"",
            headers={
                "Content-Type": "application/offset+octet-stream",
                "Upload-Offset": str(length),
                "Upload-Length": str(length),
            },
            accept=(200, 201, 204, 422),
        )
        if response.status_code == 422:
            code, _message, detail = _server_reason(response)
            if code == "hash_mismatch":
                raise HashMismatch(expected=sha256, received=str(detail.get("sha256") or "?"))
            raise self._rejected(response)
        body = self._json(response)
        if body.get("complete") is not True:
            raise MalformedAnswer("a finished blob is not reported complete")
        return _echoed(body, sha256)

    # ------------------------------------------------------------------ oversight

    def report_health(self, desk_id: str, report: Mapping[str, Any]) -> list[dict]:
        """Send this desk's health (``DeskHealthReport``); the supervisor commands waiting for it.

        Each command is checked: ``{command_id, entry_id, action ("retry"|"discard"), reason,
        issued_by, ...}``; one the desk could misread makes the whole answer malformed."""
        body = self._json(self._request(
            "PUT", f"/v1/desks/{quote(desk_id, safe='')}/health", json=dict(report), accept=(200, 201),
        ))
        return _desk_commands(body, "health answer")

    def send_audit(self, desk_id: str, entries: list[Mapping[str, Any]]) -> int:
        """Send consecutive lines of this desk's hash-chained audit log, oldest first
        (``POST /v1/desks/{desk_id}/audit``); the id of the last line the centre now holds.

        A break or a conflict is ``CentralRejected`` (422 ``audit_chain_broken``, 409
        ``audit_chain_conflict``) whose ``detail`` names the line (``id``) and how far the
        centre's copy goes (``last_id``)."""
        body = self._json(self._request(
            "POST", f"/v1/desks/{quote(desk_id, safe='')}/audit", json={"entries": [dict(e) for e in entries]},
        ))
        last_id = _need_int(body, "last_id", "audit answer")
        _need_str(body, "last_hash", "audit answer")
        if entries and last_id < int(entries[-1]["id"]):
            raise MalformedAnswer(f"audit answer: the centre holds lines up to {last_id}, "
                                  f"after taking lines up to {entries[-1]['id']}")
        return last_id

    def desk_release(self) -> DeskRelease | None:
        """The desk version on offer (``GET /v1/desk-release``), or None when none is published
        (404; a central API too old to publish releases answers 404 as well)."""
        response = self._request("GET", "/v1/desk-release", accept=(200, 404))
        if response.status_code == 404:
            return None
        body = self._json(response)
        sha256 = _need_str(body, "sha256", "desk release")
        if len(sha256) != 64 or not set(sha256) <= _SHA256_HEX:
            raise MalformedAnswer("desk release: \"sha256\" is not 64 lower-case hex digits")
        size_bytes = _need_int(body, "size_bytes", "desk release")
        if size_bytes <= 0:
            raise MalformedAnswer("desk release: \"size_bytes\" is not a positive number")
        return DeskRelease(
            version=_need_str(body, "version", "desk release"),
            download_url=_need_str(body, "download_url", "desk release"),
            sha256=sha256,
            size_bytes=size_bytes,
            notes=_need_str(body, "notes", "desk release"),
            published_at=parse_rfc3339(_need_moment(body, "published_at", "desk release")),
        )

    def site_health(self) -> dict:
        """Every active desk of the site with its last health report and commands (``GET /v1/desks/health``)."""
        body = self._json(self._request("GET", "/v1/desks/health"))
        _need_moment(body, "as_of", "site health")
        desks = body.get("desks")
        if not isinstance(desks, list):
            raise MalformedAnswer("site health without a desks list")
        for desk in desks:
            _need_str(desk, "desk_id", "site health")
            report = desk.get("report")
            if report is not None and not isinstance(report, dict):
                raise MalformedAnswer("site health: a report that is not an object")
            _desk_commands(desk, "site health: a desk")
        return body

    def put_desk_command(self, desk_id: str, command_id: str, body: Mapping[str, Any]) -> dict:
        """Ask another desk of the site to retry or discard one of its outbox entries; the
        ``DeskCommand`` (state "pending" until that desk reports it done). Idempotent."""
        answer = self._json(self._request(
            "PUT", f"/v1/desks/{quote(desk_id, safe='')}/commands/{quote(command_id, safe='')}",
            json=dict(body), accept=(200, 201),
        ))
        _desk_command(answer)
        _need_echo(answer, "command_id", command_id, "desk command answer")
        return answer

    def stats_summary(self, first: date, last: date) -> dict:
        """The site's figures for the reception days ``first`` to ``last`` inclusive."""
        body = self._json(self._request(
            "GET", "/v1/stats/summary", params={"from": first.isoformat(), "to": last.isoformat()},
        ))
        _need_int(body, "total", "statistics summary")
        return body

    def stats_overdue(self, limit: int = 500) -> dict:
        """Open dossiers past their appointment now, longest overdue first (at most ``limit``)."""
        body = self._json(self._request("GET", "/v1/stats/overdue", params={"limit": int(limit)}))
        _need_items(body, "overdue list")
        return body

    def stats_due(self, day: date | None = None) -> dict:
        """Open dossiers due on ``day`` (a Vietnam day; the server's today by default)."""
        params = {"day": day.isoformat()} if day is not None else None
        body = self._json(self._request("GET", "/v1/stats/due", params=params))
        _need_items(body, "due list")
        return body

    # ------------------------------------------------------------------ HTTP

    def _request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        data: bytes | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        accept: tuple[int, ...] = (200,),
        authenticated: bool = True,
    ) -> requests.Response:
        used_token = self.access_token
        response = self._send(method, path, json=json, data=data, params=params, headers=headers,
                              authenticated=authenticated)
        if response.status_code == 401 and authenticated and self.refresh_token and 401 not in accept:
            # Access tokens are short-lived; a desk syncing all day renews its own instead of
            # sending the officer back to the sign-in screen every quarter of an hour.
            with self._refresh_lock:
                if self.access_token == used_token:
                    self.refresh()
            response = self._send(method, path, json=json, data=data, params=params, headers=headers,
                                  authenticated=authenticated)
        return self._check(response, method, path, accept)

    def _send(
        self,
        method: str,
        path: str,
        *,
        json: Any,
        data: bytes | None,
        params: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None,
        authenticated: bool,
    ) -> requests.Response:
        all_headers = dict(headers or {})
        if authenticated and self.access_token:
            all_headers["Authorization"] = f"Bearer {self.access_token}"
        url = self.base_url + path
        try:
            return self.session.request(
                method, url, json=json, data=data, params=params, headers=all_headers, timeout=self.timeout,
                # A redirect is a captive portal or a misconfigured proxy, never the central API.
                allow_redirects=False,
            )
        except requests.Timeout as exc:
            log.warning("%s %s: timed out (%s)", method, loggable_path(path), redact(str(exc)))
            raise CentralUnavailable(CentralUnavailable.TIMEOUT, kind="timeout") from exc
        except requests.exceptions.SSLError as exc:
            log.warning("%s %s: certificate not verified (%s)", method, loggable_path(path), redact(str(exc)))
            raise CentralUnavailable(CentralUnavailable.UNTRUSTED, kind="network") from exc
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema) as exc:
            raise CentralUnavailable(CentralUnavailable.BAD_ADDRESS, kind="network", url=self.base_url) from exc
        except requests.RequestException as exc:
            log.warning("%s %s: no connection (%s)", method, loggable_path(path), redact(str(exc)))
            raise CentralUnavailable(CentralUnavailable.UNREACHABLE, kind="network") from exc

    def _check(self, response: requests.Response, method: str, path: str, accept: tuple[int, ...]) -> requests.Response:
        status = response.status_code
        if status in accept:
            return response
        if status == 401:
            code, message, _ = _server_reason(response)
            raise AuthenticationFailed(AuthenticationFailed.SESSION_ENDED, server_code=code, server_message=message)
        retry_after = _retry_after(response)
        if status == 408:
            # The server gave up waiting for the request (a slow uplink): nothing was done, try again.
            raise CentralUnavailable(CentralUnavailable.TIMEOUT, kind="timeout", retry_after=retry_after, status=status)
        if status == 429 or (status == 503 and retry_after is not None):
            seconds = retry_after if retry_after is not None else 30.0
            raise CentralUnavailable(
                CentralUnavailable.BUSY, kind="busy", retry_after=seconds, status=status, seconds=round(seconds),
            )
        if status >= 500:
            log.warning("%s %s: server answered %d: %s", method, loggable_path(path), status, redact(response.text[:500]))
            raise CentralUnavailable(
                CentralUnavailable.SERVER_ERROR, kind="server", retry_after=retry_after, status=status,
            )
        if 400 <= status < 500:
            raise self._rejected(response)
        # A redirect or an unexpected 2xx/1xx: the contract does not have it, so nothing is trusted.
        raise MalformedAnswer(f"unexpected HTTP {status}", status=status)

    @staticmethod
    def _rejected(response: requests.Response) -> CentralRejected:
        code, message, detail = _server_reason(response)
        log.warning("%s %s rejected (%d): %s %s", response.request.method, loggable_path(response.request.path_url or ""),
                    response.status_code, code, redact(message))
        rejected = CentralRejected(response.status_code, code, message)
        rejected.detail = detail
        return rejected

    @staticmethod
    def _json(response: requests.Response) -> dict:
        try:
            body = json.loads(response.content)
        except (ValueError, UnicodeDecodeError):
            kind = response.headers.get("Content-Type", "no content type")
            raise MalformedAnswer(f"not JSON ({kind})", status=response.status_code) from None
        if not isinstance(body, dict):
            raise MalformedAnswer(f"JSON {type(body).__name__} instead of an object", status=response.status_code)
        return body


def _login_result(body: dict) -> LoginResult:
    user = body.get("user")
    if not isinstance(user, dict):
        raise MalformedAnswer("sign-in answer without the user")
    expires_in = body.get("expires_in")
    if not isinstance(expires_in, int) or isinstance(expires_in, bool):
        raise MalformedAnswer("sign-in answer: \"expires_in\" is not a number of seconds")
    return LoginResult(
        access_token=_need_str(body, "access_token", "sign-in answer"),
        refresh_token=_need_str(body, "refresh_token", "sign-in answer"),
        token_type=_need_str(body, "token_type", "sign-in answer"),
        expires_in=expires_in,
        user=UserInfo(
            username=_need_str(user, "username", "user"),
            full_name=_need_str(user, "full_name", "user"),
            role=_need_str(user, "role", "user"),
            site_code=_need_str(user, "site_code", "user"),
            site_name=_need_str(user, "site_name", "user"),
            agency_code=_need_str(user, "agency_code", "user"),
            place=_need_str(user, "place", "user"),
        ),
    )


class UpstreamUnavailable(CentralUnavailable):
    """The central API answered, but the other agency's system behind it did not (503
    ``upstream_unavailable``): ``upstream`` names it ("health_certificates", …), ``reason``
    says why ("error", "timeout", "not_configured"). Try again later; nothing was lost."""

    UPSTREAM = QT_TRANSLATE_NOOP(
        "DeskError",
        "Another agency's system ({upstream}) is not answering the central system just now ({reason}). Nothing was lost; the desk asks again later.",
    )

    def __init__(self, *, upstream: str, reason: str, retry_after: float | None) -> None:
        self.upstream = upstream
        self.reason = reason
        super().__init__(self.UPSTREAM, kind="upstream", retry_after=retry_after, status=503,
                         upstream=upstream, reason=reason)


def _need_cccd(cccd: str) -> None:
    # Checked before it becomes part of a URL: a number with a slash must never reach a path.
    if not (isinstance(cccd, str) and len(cccd) == 12 and cccd.isascii() and cccd.isdigit()):
        raise ValueError("a CCCD number has 12 digits")


def _need_bool(body: Any, key: str, where: str) -> bool:
    value = body.get(key) if isinstance(body, dict) else None
    if not isinstance(value, bool):
        raise MalformedAnswer(f"{where}: \"{key}\" is missing or not true/false")
    return value


def _need_day(body: Any, key: str, where: str) -> str:
    text = _need_str(body, key, where)
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise MalformedAnswer(f"{where}: {key} {text!r} is not a date") from None


def _need_moment(body: Any, key: str, where: str) -> str:
    text = _need_str(body, key, where)
    try:
        parse_rfc3339(text)
    except ValueError:
        raise MalformedAnswer(f"{where}: {key} {text!r} is not a time with an offset") from None
    return text


def _health_check_answer(body: dict) -> dict:
    where = "health certificate answer"
    checked_at = _need_moment(body, "checked_at", where)
    if "certificate" not in body:
        raise MalformedAnswer(f"{where}: \"certificate\" is missing")
    found = body["certificate"]
    if found is None:
        return {"checked_at": checked_at, "certificate": None}
    if not isinstance(found, dict):
        raise MalformedAnswer(f"{where}: the certificate is neither an object nor null")
    where = "health certificate"
    number = _need_str(found, "certificate_number", where).strip()
    if not number:
        raise MalformedAnswer(f"{where}: \"certificate_number\" is empty")
    certificate = {
        "certificate_number": number,
        "issued_on": _need_day(found, "issued_on", where),
        "valid_until": _need_day(found, "valid_until", where),
        "licence_class": _need_str(found, "licence_class", where),
        "issuer": _need_str(found, "issuer", where),
        "fit_to_drive": _need_bool(found, "fit_to_drive", where),
        "valid": _need_bool(found, "valid", where),
    }
    if certificate["valid"] and not certificate["fit_to_drive"]:
        raise MalformedAnswer(f"{where}: called valid for a holder not fit to drive")
    return {"checked_at": checked_at, "certificate": certificate}


def _violations_answer(body: dict) -> dict:
    where = "traffic violations answer"
    checked_at = _need_moment(body, "checked_at", where)
    count = _need_int(body, "count", where)
    total = _need_int(body, "total_fine", where)
    items = body.get("unpaid")
    if not isinstance(items, list):
        raise MalformedAnswer(f"{where}: \"unpaid\" is not a list")
    unpaid = []
    for item in items:
        fine = _need_int(item, "fine", "traffic violation")
        if fine < 0:
            raise MalformedAnswer("traffic violation: a negative fine")
        unpaid.append({
            "violation_id": _need_str(item, "violation_id", "traffic violation"),
            "occurred_on": _need_day(item, "occurred_on", "traffic violation"),
            "place": _need_str(item, "place", "traffic violation"),
            "description": _need_str(item, "description", "traffic violation"),
            "fine": fine,
            "vehicle_plate": _need_str(item, "vehicle_plate", "traffic violation"),
        })
    # A count or total that disagrees with the list would tell the officer something untrue.
    if count != len(unpaid) or total != sum(v["fine"] for v in unpaid):
        raise MalformedAnswer(f"{where}: count {count} and total {total} do not match the {len(unpaid)} listed")
    return {"checked_at": checked_at, "count": count, "total_fine": total, "unpaid": unpaid}


def _receipt_check(body: dict) -> ReceiptCheck:
    where = "receipt check"
    try:
        seal = SealStatus(_need_str(body, "seal", where))
    except ValueError:
        raise MalformedAnswer(f"{where}: \"seal\" is not a known verdict") from None
    dossier = _need_str(body, "dossier", where)
    differences = body.get("differences")
    if (dossier not in _DOSSIER_MATCHES or not isinstance(differences, list)
            or not all(isinstance(d, str) and d in _SIGNED_FIELDS for d in differences)):
        raise MalformedAnswer(f"{where}: the dossier comparison is not readable")
    genuine = _need_bool(body, "genuine", where)
    # The answer must hold together: "genuine" with a doubt in it would tell the officer something untrue.
    if genuine != (seal is SealStatus.GENUINE and dossier == "matches") or (dossier == "differs") != bool(differences):
        raise MalformedAnswer(f"{where}: the verdict contradicts its parts")
    fields = body.get("fields")
    try:
        signed = SealFields(
            code=_need_str(fields, "code", where),
            procedure_code=_need_str(fields, "procedure_code", where),
            received_at=parse_rfc3339(_need_str(fields, "received_at", where)),
            officer_username=_need_str(fields, "officer_username", where),
        )
    except ValueError:
        raise MalformedAnswer(f"{where}: the received time is not a time with an offset") from None
    return ReceiptCheck(
        genuine=genuine, seal=seal, dossier=dossier, differences=tuple(differences),
        kid=_need_str(body, "kid", where), desk_id=_optional_str(body, "desk_id", where), fields=signed,
        dossier_code=_optional_str(body, "dossier_code", where), status=_optional_int(body, "status", where),
    )


_COMMAND_ACTIONS = frozenset({"retry", "discard"})


def _desk_command(command: Any) -> None:
    """A supervisor's command as a desk acts on it: a wrong entry id or action would retry
    or discard the wrong thing, so anything unexpected makes the answer malformed."""
    where = "desk command"
    _need_str(command, "command_id", where)
    _need_int(command, "entry_id", where)
    if command.get("action") not in _COMMAND_ACTIONS:
        raise MalformedAnswer(f"{where}: action {command.get('action')!r} is not retry or discard")
    _optional_str(command, "reason", where)
    _need_str(command, "issued_by", where)
    _need_moment(command, "issued_at", where)


def _desk_commands(body: dict, where: str) -> list[dict]:
    commands = body.get("commands")
    if not isinstance(commands, list):
        raise MalformedAnswer(f"{where} without a commands list")
    for command in commands:
        _desk_command(command)
    return commands


def _need_items(body: dict, where: str) -> None:
    _need_int(body, "count", where)
    items = body.get("items")
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise MalformedAnswer(f"{where} without an items list")


def _need_echo(body: dict, key: str, expected: str, where: str) -> None:
    if body.get(key) != expected:
        raise MalformedAnswer(f"{where} for {key} {body.get(key)!r} instead of {expected}")


def _without(record: Mapping[str, Any], key: str) -> dict:
    return {name: value for name, value in record.items() if name != key}


def _dossier_path(client_id: str) -> str:
    return f"/v1/dossiers/{quote(str(client_id), safe='')}"


def _optional_str(body: dict, key: str, where: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise MalformedAnswer(f"{where}: \"{key}\" is not text")
    return value


def _optional_int(body: dict, key: str, where: str) -> int | None:
    value = body.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise MalformedAnswer(f"{where}: \"{key}\" is not a whole number")
    return value


def _echoed(body: dict, local_sha256: str) -> str:
    echoed = _need_str(body, "sha256", "upload answer").lower()
    if echoed != local_sha256:
        raise HashMismatch(expected=local_sha256, received=echoed)
    return echoed


def _need_str(body: Any, key: str, where: str) -> str:
    value = body.get(key) if isinstance(body, dict) else None
    if not isinstance(value, str):
        raise MalformedAnswer(f"{where}: \"{key}\" is missing or not text")
    return value


def _need_int(body: Any, key: str, where: str) -> int:
    value = body.get(key) if isinstance(body, dict) else None
    if not isinstance(value, int) or isinstance(value, bool):
        raise MalformedAnswer(f"{where}: \"{key}\" is missing or not a whole number")
    return value


def _header_int(response: requests.Response, name: str) -> int | None:
    text = response.headers.get(name)
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise MalformedAnswer(f"header {name}: {text!r} is not a number", status=response.status_code) from None


def _retry_after(response: requests.Response) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), clamped to an hour."""
    text = response.headers.get("Retry-After")
    if not text:
        return None
    text = text.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = (when - datetime.now(timezone.utc)).total_seconds()
    return min(max(seconds, 0.0), _MAX_RETRY_AFTER)


def _server_reason(response: requests.Response) -> tuple[str, str, dict]:
    """(code, message, detail) from a FastAPI error body, whatever shape it took."""
    fallback = f"http_{response.status_code}"
    try:
        body = json.loads(response.content) if response.content else None
    except (ValueError, UnicodeDecodeError):
        body = None
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, dict):
        code = detail.get("code")
        message = detail.get("message")
        return (str(code) if code else fallback, str(message) if message else "", detail)
    if isinstance(detail, list):
        parts = []
        for item in detail[:5]:
            if isinstance(item, dict):
                loc = ".".join(str(p) for p in item.get("loc", ()) if p != "body")
                parts.append(f"{loc}: {item.get('msg', '')}" if loc else str(item.get("msg", "")))
        return "invalid_request", "; ".join(parts)[:500], {}
    if isinstance(detail, str):
        return fallback, detail[:500], {}
    return fallback, (response.reason or "")[:200], {}
