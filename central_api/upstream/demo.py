"""Demo adapters: deterministic answers about fictional citizens, and a demo payment gateway.

The citizens come from resources/demo/citizens.json. Every number in it is checked on
loading (12 digits, digit 4 and digits 5–6 agreeing with sex and birth year), and so is
each driving licence (a class the register knows, an expiry after the issue date exactly
when the class has a term), so a typo in the demo data fails at start-up rather than in
front of an officer. Each adapter passes through a ``FaultInjector`` first, which can make
it slow or failing on purpose.

The payment gateway keeps its payments in its own small SQLite file beside the central
data (it stands for an outside system, so it does not live in the central database); the
file is shared by all server processes on the machine and survives restarts, and its
answers are idempotent: one payment per idempotency key, one refund per payment.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from central_api.jsonutil import json_digest
from central_api.upstream.base import (
    DRIVING_LICENCES,
    HEALTH_CERTIFICATES,
    PAID,
    PAYMENT_GATEWAY,
    PENDING,
    POPULATION_REGISTRY,
    REFUNDED,
    TRAFFIC_VIOLATIONS,
    CitizenRecord,
    DrivingLicence,
    HealthCertificate,
    Payment,
    PaymentRefused,
    PaymentRequest,
    TrafficViolation,
)
from central_api.upstream.faults import FaultInjector
from desk_app.core.identity import CccdError, Sex, check_cccd_number
from desk_app.core.timeutil import now_vn


class DemoDataError(ValueError):
    """resources/demo/citizens.json does not hold together."""


# The classes of Law 23/2008 and Circular 12/2017/TT-BGTVT, which the licences in the
# register carry and the renewal form (catalogue DEMO.GPLX.01) offers. A1, A2 and A3 are
# issued without a term; every other class expires.
LICENCE_CLASSES = ("A1", "A2", "A3", "A4", "B1", "B2", "C", "D", "E", "FB2", "FC", "FD", "FE")
CLASSES_WITHOUT_TERM = frozenset({"A1", "A2", "A3"})
_LICENCE_KEYS = ("licence_class", "licence_issued_on", "licence_expires_on", "licence_issuer")


@dataclass(frozen=True)
class _CertificateEntry:
    certificate_number: str
    issued_days_ago: int
    valid_days: int
    licence_class: str
    issuer: str
    fit_to_drive: bool


@dataclass(frozen=True)
class _ViolationEntry:
    violation: TrafficViolation
    paid: bool


@dataclass(frozen=True)
class DemoCitizen:
    record: CitizenRecord
    licence_number: str | None
    licence: DrivingLicence | None  # present exactly when licence_number is
    certificates: tuple[_CertificateEntry, ...]
    violations: tuple[_ViolationEntry, ...]


def _licence(entry: dict[str, Any]) -> DrivingLicence | None:
    number = entry.get("licence_number")
    if number is None:
        if any(entry.get(key) is not None for key in _LICENCE_KEYS):
            raise DemoDataError("a demo citizen has licence details but no licence number")
        return None
    if not (isinstance(number, str) and len(number) == 12 and number.isdigit()):
        raise DemoDataError("a demo licence number is not 12 digits")
    licence_class = entry["licence_class"]
    if licence_class not in LICENCE_CLASSES:
        raise DemoDataError("a demo licence class is not one the register knows")
    issued = date.fromisoformat(entry["licence_issued_on"])
    # The key must be there, null for a class without a term: a forgotten expiry is a typo.
    expires_text = entry["licence_expires_on"]
    expires = None if expires_text is None else date.fromisoformat(expires_text)
    if (expires is None) != (licence_class in CLASSES_WITHOUT_TERM):
        raise DemoDataError("a demo licence's expiry does not fit its class (A1, A2, A3 have none, the others one)")
    if expires is not None and expires <= issued:
        raise DemoDataError("a demo licence expires before it was issued")
    issuer = entry["licence_issuer"]
    if not (isinstance(issuer, str) and issuer.strip()):
        raise DemoDataError("a demo licence has no issuer")
    return DrivingLicence(
        licence_number=number, licence_class=licence_class, issued_on=issued, expires_on=expires, issuer=issuer
    )


def _citizen(entry: dict[str, Any]) -> DemoCitizen:
    cccd = str(entry["cccd"])
    born = date.fromisoformat(entry["date_of_birth"])
    sex = Sex(entry["sex"])
    check_cccd_number(cccd, born, sex)
    licence = _licence(entry)
    return DemoCitizen(
        record=CitizenRecord(
            cccd=cccd,
            full_name=entry["full_name"],
            date_of_birth=born,
            sex=sex.value,
            permanent_address=entry["permanent_address"],
        ),
        licence_number=licence.licence_number if licence else None,
        licence=licence,
        certificates=tuple(_CertificateEntry(**c) for c in entry.get("health_certificates", [])),
        violations=tuple(
            _ViolationEntry(
                violation=TrafficViolation(
                    violation_id=v["violation_id"],
                    occurred_on=date.fromisoformat(v["occurred_on"]),
                    place=v["place"],
                    description=v["description"],
                    fine=int(v["fine"]),
                    vehicle_plate=v["vehicle_plate"],
                ),
                paid=bool(v["paid"]),
            )
            for v in entry.get("violations", [])
        ),
    )


class DemoCitizens:
    """The fictional population, indexed by CCCD number and by licence number."""

    def __init__(self, citizens: list[DemoCitizen]) -> None:
        self.by_cccd: dict[str, DemoCitizen] = {}
        self.by_licence: dict[str, DemoCitizen] = {}
        for citizen in citizens:
            if citizen.record.cccd in self.by_cccd:
                raise DemoDataError("a CCCD number appears twice in the demo citizens")
            self.by_cccd[citizen.record.cccd] = citizen
            if citizen.licence_number:
                if citizen.licence_number in self.by_licence:
                    raise DemoDataError("a licence number appears twice in the demo citizens")
                self.by_licence[citizen.licence_number] = citizen

    @classmethod
    def load(cls, path: Path) -> DemoCitizens:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        try:
            return cls([_citizen(entry) for entry in data["citizens"]])
        except (CccdError, KeyError, TypeError, ValueError) as exc:
            # The message of a CccdError names the number; say only which file is wrong, and
            # which of our own rules it breaks (those messages never hold a number).
            reason = str(exc) if isinstance(exc, DemoDataError) else type(exc).__name__
            raise DemoDataError(f"{path.name} is not valid demo data ({reason})") from None


class DemoPopulationRegistry:
    def __init__(self, citizens: DemoCitizens, faults: FaultInjector) -> None:
        self._citizens = citizens
        self._faults = faults

    def lookup(self, cccd: str) -> CitizenRecord | None:
        self._faults.before_call(POPULATION_REGISTRY, "lookup", cccd)
        citizen = self._citizens.by_cccd.get(cccd)
        return citizen.record if citizen else None


class DemoHealthCertificates:
    def __init__(
        self, citizens: DemoCitizens, faults: FaultInjector, today: Callable[[], date] = lambda: now_vn().date()
    ) -> None:
        self._citizens = citizens
        self._faults = faults
        self._today = today

    def latest_driver_certificate(self, cccd: str) -> HealthCertificate | None:
        self._faults.before_call(HEALTH_CERTIFICATES, "latest", cccd)
        citizen = self._citizens.by_cccd.get(cccd)
        if citizen is None or not citizen.certificates:
            return None
        entry = min(citizen.certificates, key=lambda c: c.issued_days_ago)
        # Dated from today, so a demo certificate stays as valid (or expired) as the data says.
        issued = self._today() - timedelta(days=entry.issued_days_ago)
        return HealthCertificate(
            certificate_number=entry.certificate_number,
            issued_on=issued,
            valid_until=issued + timedelta(days=entry.valid_days),
            licence_class=entry.licence_class,
            issuer=entry.issuer,
            fit_to_drive=entry.fit_to_drive,
        )


class DemoTrafficViolations:
    def __init__(self, citizens: DemoCitizens, faults: FaultInjector) -> None:
        self._citizens = citizens
        self._faults = faults

    def unpaid(self, *, cccd: str | None = None, licence_number: str | None = None) -> list[TrafficViolation]:
        if (cccd is None) == (licence_number is None):
            raise ValueError("give exactly one of cccd and licence_number")
        key = f"cccd:{cccd}" if cccd is not None else f"licence:{licence_number}"
        self._faults.before_call(TRAFFIC_VIOLATIONS, "unpaid", key)
        citizen = (
            self._citizens.by_cccd.get(cccd) if cccd is not None else self._citizens.by_licence.get(licence_number or "")
        )
        if citizen is None:
            return []
        return sorted(
            (v.violation for v in citizen.violations if not v.paid), key=lambda v: (v.occurred_on, v.violation_id)
        )


class DemoDrivingLicences:
    def __init__(self, citizens: DemoCitizens, faults: FaultInjector) -> None:
        self._citizens = citizens
        self._faults = faults

    def held_by(self, cccd: str) -> list[DrivingLicence]:
        self._faults.before_call(DRIVING_LICENCES, "held_by", cccd)
        citizen = self._citizens.by_cccd.get(cccd)
        # A number the population registry does not know holds no licence either: not an error here.
        return [citizen.licence] if citizen is not None and citizen.licence is not None else []


_SCHEMA = """
CREATE TABLE IF NOT EXISTS payments (
    payment_id TEXT PRIMARY KEY,
    gateway_key TEXT NOT NULL UNIQUE,
    request_digest TEXT NOT NULL,
    site_code TEXT NOT NULL,
    client_id TEXT NOT NULL,
    amount INTEGER NOT NULL,
    description TEXT NOT NULL,
    created_at TEXT NOT NULL,
    refunded_at TEXT,
    refund_reason TEXT
)
"""


def _utc_now() -> datetime:
    # Full precision: a payment settles exactly ``settle`` after creation, not up to a second early or late.
    return datetime.now(UTC)


class DemoPaymentGateway:
    """A payment turns from pending to paid ``settle`` after creation (the citizen pays)."""

    def __init__(
        self,
        path: Path,
        faults: FaultInjector,
        settle: timedelta = timedelta(0),
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._path = path
        self._faults = faults
        self._settle = settle
        self._clock = clock
        self._ready = threading.Lock()
        self._created = False

    @contextmanager
    def _connect(self, write: bool) -> Iterator[sqlite3.Connection]:
        with self._ready:
            if not self._created:
                self._path.parent.mkdir(parents=True, exist_ok=True)
                with sqlite3.connect(self._path, timeout=10) as first:
                    first.execute("PRAGMA journal_mode=WAL")
                    first.execute(_SCHEMA)
                self._created = True
        connection = sqlite3.connect(self._path, timeout=10, isolation_level=None)
        connection.row_factory = sqlite3.Row
        try:
            # IMMEDIATE takes the write lock up front: two processes creating or refunding
            # the same payment queue up instead of both reading "not there yet".
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        finally:
            connection.close()

    def _payment(self, row: sqlite3.Row) -> Payment:
        created = datetime.fromisoformat(row["created_at"])
        refunded = datetime.fromisoformat(row["refunded_at"]) if row["refunded_at"] else None
        paid_at: datetime | None = created + self._settle
        if refunded is not None:
            status = REFUNDED
        elif self._clock() >= created + self._settle:
            status = PAID
        else:
            status, paid_at = PENDING, None
        return Payment(
            payment_id=row["payment_id"],
            idempotency_key=row["gateway_key"].split(":", 1)[1],
            site_code=row["site_code"],
            client_id=row["client_id"],
            amount=row["amount"],
            description=row["description"],
            status=status,
            created_at=created,
            paid_at=paid_at,
            refunded_at=refunded,
            refund_reason=row["refund_reason"],
        )

    def create(self, request: PaymentRequest) -> tuple[Payment, bool]:
        self._faults.before_call(PAYMENT_GATEWAY, "create", request.idempotency_key)
        # Keys are scoped to the site, so two sites can never collide on a client's key.
        gateway_key = f"{request.site_code}:{request.idempotency_key}"
        digest = json_digest(
            {"client_id": request.client_id, "amount": request.amount, "description": request.description}
        )
        payment_id = "DEMO-PAY-" + hashlib.sha256(gateway_key.encode()).hexdigest()[:20].upper()
        with self._connect(write=True) as db:
            row = db.execute("SELECT * FROM payments WHERE gateway_key = ?", (gateway_key,)).fetchone()
            created = row is None
            if created:
                db.execute(
                    "INSERT INTO payments (payment_id, gateway_key, request_digest, site_code, client_id, amount,"
                    " description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (payment_id, gateway_key, digest, request.site_code, request.client_id, request.amount,
                     request.description, self._clock().isoformat()),
                )
                row = db.execute("SELECT * FROM payments WHERE gateway_key = ?", (gateway_key,)).fetchone()
            elif row["request_digest"] != digest:
                raise PaymentRefused(
                    "idempotency_conflict", "This idempotency key was already used for a different payment."
                )
            return self._payment(row), created

    def get(self, payment_id: str) -> Payment | None:
        self._faults.before_call(PAYMENT_GATEWAY, "get", payment_id)
        with self._connect(write=False) as db:
            row = db.execute("SELECT * FROM payments WHERE payment_id = ?", (payment_id,)).fetchone()
            return self._payment(row) if row is not None else None

    def refund(self, payment_id: str, reason: str) -> Payment:
        self._faults.before_call(PAYMENT_GATEWAY, "refund", payment_id)
        with self._connect(write=True) as db:
            row = db.execute("SELECT * FROM payments WHERE payment_id = ?", (payment_id,)).fetchone()
            if row is None:
                raise PaymentRefused("payment_not_found", "No such payment.")
            current = self._payment(row)
            if current.status == REFUNDED:
                if current.refund_reason == reason:
                    return current
                raise PaymentRefused("refund_conflict", "This payment was already refunded for another reason.")
            if current.status != PAID:
                raise PaymentRefused("not_refundable", f"A {current.status} payment cannot be refunded.")
            db.execute(
                "UPDATE payments SET refunded_at = ?, refund_reason = ? WHERE payment_id = ?",
                (self._clock().isoformat(), reason, payment_id),
            )
            row = db.execute("SELECT * FROM payments WHERE payment_id = ?", (payment_id,)).fetchone()
            return self._payment(row)
