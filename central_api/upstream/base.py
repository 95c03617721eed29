"""The interfaces of the upstream systems, and what they answer.

The desk asks the central API, never an upstream system directly; the central API asks
through these Protocols, so a province plugs in its own population-data, health-certificate,
traffic-violation, driving-licence and payment adapters without touching a route. Adapter
methods are synchronous and may block: the routes run them on their own worker threads under a
deadline (``central_api.routes.upstream``), so a slow system can never hold a desk up.

Every adapter reports trouble by raising ``UpstreamUnavailable``; the routes turn it into
503 ``upstream_unavailable`` with Retry-After. Adapters never log CCCD numbers or names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

POPULATION_REGISTRY = "population_registry"
HEALTH_CERTIFICATES = "health_certificates"
TRAFFIC_VIOLATIONS = "traffic_violations"
PAYMENT_GATEWAY = "payment_gateway"
DRIVING_LICENCES = "driving_licences"
UPSTREAM_NAMES = (POPULATION_REGISTRY, HEALTH_CERTIFICATES, TRAFFIC_VIOLATIONS, PAYMENT_GATEWAY, DRIVING_LICENCES)

# Payment states as the gateway reports them.
PENDING = "pending"
PAID = "paid"
REFUNDED = "refunded"


class UpstreamUnavailable(Exception):
    """The upstream system failed, timed out or is not configured: retry later."""

    def __init__(self, upstream: str, reason: str, retry_after: int = 5) -> None:
        super().__init__(f"{upstream} unavailable ({reason})")
        self.upstream = upstream
        self.reason = reason  # "error", "timeout" or "not_configured"
        self.retry_after = retry_after


class PaymentRefused(Exception):
    """The gateway answered, and said no (e.g. refund of an unpaid payment)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class CitizenRecord:
    """A citizen as the national population database holds them (Cơ sở dữ liệu quốc gia về dân cư)."""

    cccd: str
    full_name: str
    date_of_birth: date
    sex: str  # "Nam" or "Nữ", as printed on the card
    permanent_address: str


@dataclass(frozen=True)
class HealthCertificate:
    """A driver's health certificate (giấy khám sức khỏe của người lái xe)."""

    certificate_number: str
    issued_on: date
    valid_until: date
    licence_class: str
    issuer: str
    fit_to_drive: bool

    def valid_on(self, day: date) -> bool:
        return self.fit_to_drive and self.issued_on <= day <= self.valid_until


@dataclass(frozen=True)
class TrafficViolation:
    """An unpaid fine from the traffic police's records (vi phạm giao thông chưa nộp phạt)."""

    violation_id: str
    occurred_on: date
    place: str
    description: str
    fine: int  # đồng
    vehicle_plate: str


@dataclass(frozen=True)
class DrivingLicence:
    """A licence as the national driving licence database holds it (Cơ sở dữ liệu giấy phép lái xe)."""

    licence_number: str  # 12 digits, as printed on the card
    licence_class: str  # e.g. "B2"
    issued_on: date
    expires_on: date | None  # None: a class issued without a term (A1, A2, A3)
    issuer: str


@dataclass(frozen=True)
class PaymentRequest:
    """A fee to collect for a dossier. ``idempotency_key`` names the request for ever."""

    idempotency_key: str
    site_code: str
    client_id: str  # the dossier the fee belongs to
    amount: int  # đồng
    description: str


@dataclass(frozen=True)
class Payment:
    payment_id: str
    idempotency_key: str
    site_code: str
    client_id: str
    amount: int
    description: str
    status: str  # PENDING, PAID or REFUNDED
    created_at: datetime
    paid_at: datetime | None
    refunded_at: datetime | None
    refund_reason: str | None


class PopulationRegistry(Protocol):
    def lookup(self, cccd: str) -> CitizenRecord | None:
        """The citizen with this CCCD number, or None when the registry has no such number."""
        ...


class HealthCertificates(Protocol):
    def latest_driver_certificate(self, cccd: str) -> HealthCertificate | None:
        """The most recent driver health certificate issued to this citizen, if any."""
        ...


class TrafficViolations(Protocol):
    def unpaid(self, *, cccd: str | None = None, licence_number: str | None = None) -> list[TrafficViolation]:
        """Unpaid violations of the citizen or of the licence (exactly one is given), oldest first."""
        ...


class DrivingLicences(Protocol):
    def held_by(self, cccd: str) -> list[DrivingLicence]:
        """The licences on record for this citizen, in any order; empty when they hold none."""
        ...


class PaymentGateway(Protocol):
    def create(self, request: PaymentRequest) -> tuple[Payment, bool]:
        """The payment for this request and whether this call created it. The same key with
        the same request answers the existing payment; with another request PaymentRefused
        ``idempotency_conflict``."""
        ...

    def get(self, payment_id: str) -> Payment | None:
        ...

    def refund(self, payment_id: str, reason: str) -> Payment:
        """Refund a paid payment in full. Refunding again with the same reason answers the
        refunded payment unchanged; PaymentRefused ``not_refundable`` when it is not paid,
        ``refund_conflict`` when it was refunded for another reason."""
        ...
