"""Adapters to the systems upstream of the one-stop desk: population data, driver health
certificates, traffic violations, driving licences and payment.

``build_upstreams(settings)`` picks the implementation: the demo adapters (fictional
citizens, configurable latency and failures) or none at all, in which case every call
answers 503 so that a deployment without real adapters never serves demo data. A province
adds its own classes satisfying the Protocols in ``central_api.upstream.base``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import anyio

from central_api.settings import CentralSettings
from central_api.upstream.base import (
    DRIVING_LICENCES,
    HEALTH_CERTIFICATES,
    PAYMENT_GATEWAY,
    POPULATION_REGISTRY,
    TRAFFIC_VIOLATIONS,
    UPSTREAM_NAMES,
    CitizenRecord,
    DrivingLicence,
    DrivingLicences,
    HealthCertificate,
    HealthCertificates,
    Payment,
    PaymentGateway,
    PaymentRefused,
    PaymentRequest,
    PopulationRegistry,
    TrafficViolation,
    TrafficViolations,
    UpstreamUnavailable,
)

__all__ = [
    "DRIVING_LICENCES",
    "HEALTH_CERTIFICATES",
    "PAYMENT_GATEWAY",
    "POPULATION_REGISTRY",
    "TRAFFIC_VIOLATIONS",
    "UPSTREAM_NAMES",
    "CitizenRecord",
    "DrivingLicence",
    "DrivingLicences",
    "HealthCertificate",
    "HealthCertificates",
    "Payment",
    "PaymentGateway",
    "PaymentRefused",
    "PaymentRequest",
    "PopulationRegistry",
    "TrafficViolation",
    "TrafficViolations",
    "UpstreamUnavailable",
    "Upstreams",
    "build_upstreams",
]

# A system that is not there will not be there in a few seconds either; ask again later.
_NOT_CONFIGURED_RETRY_AFTER = 300
# Upstream calls run on threads of their own: however slowly the upstreams answer, they can
# hold at most this many threads, and never the pool that serves dossiers and uploads.
MAX_CONCURRENT_CALLS = 20


@dataclass(frozen=True)
class Upstreams:
    population: PopulationRegistry
    health: HealthCertificates
    traffic: TrafficViolations
    payments: PaymentGateway
    licences: DrivingLicences
    timeout_s: float
    mode: str  # "demo" or "none"
    limiter: anyio.CapacityLimiter = field(default_factory=lambda: anyio.CapacityLimiter(MAX_CONCURRENT_CALLS))


class NotConfigured:
    """Stands in for every upstream when no adapter is configured."""

    def _refuse(self, upstream: str) -> UpstreamUnavailable:
        return UpstreamUnavailable(upstream, "not_configured", _NOT_CONFIGURED_RETRY_AFTER)

    def lookup(self, cccd: str) -> CitizenRecord | None:
        raise self._refuse(POPULATION_REGISTRY)

    def latest_driver_certificate(self, cccd: str) -> HealthCertificate | None:
        raise self._refuse(HEALTH_CERTIFICATES)

    def unpaid(self, *, cccd: str | None = None, licence_number: str | None = None) -> list[TrafficViolation]:
        raise self._refuse(TRAFFIC_VIOLATIONS)

    def held_by(self, cccd: str) -> list[DrivingLicence]:
        raise self._refuse(DRIVING_LICENCES)

    def create(self, request: PaymentRequest) -> tuple[Payment, bool]:
        raise self._refuse(PAYMENT_GATEWAY)

    def get(self, payment_id: str) -> Payment | None:
        raise self._refuse(PAYMENT_GATEWAY)

    def refund(self, payment_id: str, reason: str) -> Payment:
        raise self._refuse(PAYMENT_GATEWAY)


def upstream_mode(settings: CentralSettings) -> str:
    if settings.upstream_adapters == "auto":
        return "demo" if settings.seed_demo else "none"
    return settings.upstream_adapters


def build_upstreams(settings: CentralSettings) -> Upstreams:
    timeout_s = settings.upstream_timeout_ms / 1000
    if upstream_mode(settings) == "none":
        nothing = NotConfigured()
        return Upstreams(
            population=nothing, health=nothing, traffic=nothing, payments=nothing, licences=nothing,
            timeout_s=timeout_s, mode="none",
        )
    # Imported here: the demo adapters read resource files, which a real deployment never needs.
    from central_api.seed import demo_dir
    from central_api.upstream.demo import (
        DemoCitizens,
        DemoDrivingLicences,
        DemoHealthCertificates,
        DemoPaymentGateway,
        DemoPopulationRegistry,
        DemoTrafficViolations,
    )
    from central_api.upstream.faults import FaultInjector, FaultPlan

    faults = FaultInjector(
        FaultPlan(
            latency_ms=settings.upstream_latency_ms,
            failure_rate=settings.upstream_failure_rate,
            seed=settings.upstream_seed,
            targets=FaultPlan.parse_targets(settings.upstream_fault_targets),
        )
    )
    citizens = DemoCitizens.load(demo_dir() / "citizens.json")
    return Upstreams(
        population=DemoPopulationRegistry(citizens, faults),
        health=DemoHealthCertificates(citizens, faults),
        traffic=DemoTrafficViolations(citizens, faults),
        payments=DemoPaymentGateway(
            settings.data_dir / "demo-upstream" / "payments.sqlite3",
            faults,
            settle=timedelta(milliseconds=settings.upstream_payment_settle_ms),
        ),
        licences=DemoDrivingLicences(citizens, faults),
        timeout_s=timeout_s,
        mode="demo",
    )
