"""Upstream look-ups and payments for the desk: citizens, their driving licences, health
certificates, traffic violations, fee payments.

Each call runs its adapter on a thread of its own under ``upstream_timeout_ms``. A failing
or slow upstream answers 503 ``upstream_unavailable`` with ``upstream``, ``reason``
("error", "timeout" or "not_configured") and a Retry-After header: the desk files the check
for later and goes on with the intake. Neither the log lines here nor the access log hold a
CCCD number or a name (the access log records the route template, not the path).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Annotated, Literal, TypeVar

import anyio
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from central_api.auth import Principal
from central_api.authz import INTAKE_ROLES, allow
from central_api.errors import ApiError
from central_api.routes.common import errors
from central_api.schemas import UUID_PATTERN, Strict
from central_api.upstream import (
    DRIVING_LICENCES,
    HEALTH_CERTIFICATES,
    PAYMENT_GATEWAY,
    POPULATION_REGISTRY,
    TRAFFIC_VIOLATIONS,
    Payment,
    PaymentRefused,
    PaymentRequest,
    Upstreams,
    UpstreamUnavailable,
)
from desk_app.core.timeutil import now_vn, to_rfc3339

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["upstream systems"])

# National registries: the same answer whichever site asks, so not scoped to a site.
Registries = Annotated[Principal, allow(*INTAKE_ROLES, site_scoped=False)]
# A payment belongs to the site that created it; another site's payment is answered as unknown.
Payments = Annotated[Principal, allow(*INTAKE_ROLES)]

CCCD_PATTERN = r"^[0-9]{12}$"
LICENCE_PATTERN = r"^[0-9]{12}$"
PAYMENT_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
T = TypeVar("T")


# wire shapes -----------------------------------------------------------------------------


class CitizenOut(BaseModel):
    cccd: str
    full_name: str
    date_of_birth: date
    sex: Literal["Nam", "Nữ"]
    permanent_address: str


class DrivingLicenceOut(BaseModel):
    licence_number: str = Field(description="12 digits, as printed on the card")
    licence_class: str = Field(description="e.g. B2, one of the classes the renewal form offers")
    issued_on: date
    expires_on: date | None = Field(description="null for a class issued without a term (A1, A2, A3)")
    issuer: str


class DrivingLicencesOut(BaseModel):
    checked_at: str = Field(description="RFC 3339, +07:00")
    licences: list[DrivingLicenceOut] = Field(
        description="the licences on record for this citizen, oldest issue first; empty when none"
    )


class HealthCertificateOut(BaseModel):
    certificate_number: str
    issued_on: date
    valid_until: date
    licence_class: str = Field(description="the licence class the holder was examined for")
    issuer: str
    fit_to_drive: bool
    valid: bool = Field(description="fit to drive and today lies between issued_on and valid_until")


class HealthCheckOut(BaseModel):
    checked_at: str = Field(description="RFC 3339, +07:00")
    certificate: HealthCertificateOut | None = Field(description="the latest certificate; null when none is on record")


class ViolationOut(BaseModel):
    violation_id: str
    occurred_on: date
    place: str
    description: str
    fine: int = Field(description="integer đồng")
    vehicle_plate: str


class ViolationsOut(BaseModel):
    checked_at: str = Field(description="RFC 3339, +07:00")
    count: int
    total_fine: int = Field(description="integer đồng")
    unpaid: list[ViolationOut]


class PaymentCreate(Strict):
    idempotency_key: Annotated[str, Field(pattern=UUID_PATTERN, description="chosen by the desk; a retry reuses it")]
    client_id: Annotated[str, Field(pattern=UUID_PATTERN, description="the dossier the fee belongs to")]
    amount: Annotated[int, Field(ge=1, le=10_000_000_000, description="integer đồng")]
    description: Annotated[str, Field(min_length=1, max_length=500)]


class RefundRequest(Strict):
    reason: Annotated[str, Field(min_length=1, max_length=1000, pattern=r"\S", description="why the fee goes back")]


class PaymentOut(BaseModel):
    payment_id: str
    idempotency_key: str
    client_id: str
    site_code: str
    amount: int = Field(description="integer đồng")
    description: str
    status: Literal["pending", "paid", "refunded"]
    created_at: str
    paid_at: str | None
    refunded_at: str | None
    refund_reason: str | None


# calling an upstream ---------------------------------------------------------------------


def get_upstreams(request: Request) -> Upstreams:
    return request.app.state.upstreams


async def call_upstream(upstreams: Upstreams, upstream: str, fn: Callable[[], T]) -> T:
    """Runs a blocking adapter call under the deadline; any failure becomes a 503 ApiError."""
    try:
        with anyio.fail_after(upstreams.timeout_s):
            # Abandoned on timeout: the thread finishes on its own, the caller has its answer.
            return await anyio.to_thread.run_sync(fn, abandon_on_cancel=True, limiter=upstreams.limiter)
    except TimeoutError:
        failure = UpstreamUnavailable(upstream, "timeout", max(1, round(upstreams.timeout_s)))
    except UpstreamUnavailable as exc:
        failure = exc
    log.warning("upstream %s unavailable (%s)", failure.upstream, failure.reason)
    raise ApiError(
        503, "upstream_unavailable",
        f"The {failure.upstream.replace('_', ' ')} did not answer ({failure.reason}); try again later.",
        headers={"Retry-After": str(failure.retry_after)},
        upstream=failure.upstream,
        reason=failure.reason,
    )


def _wire_time(moment: datetime | None) -> str | None:
    # Whole seconds on the wire, as every other time the service answers.
    return to_rfc3339(moment.replace(microsecond=0)) if moment is not None else None


def _payment_out(payment: Payment) -> dict[str, object]:
    return PaymentOut(
        payment_id=payment.payment_id,
        idempotency_key=payment.idempotency_key,
        client_id=payment.client_id,
        site_code=payment.site_code,
        amount=payment.amount,
        description=payment.description,
        status=payment.status,  # type: ignore[arg-type]
        created_at=_wire_time(payment.created_at),
        paid_at=_wire_time(payment.paid_at),
        refunded_at=_wire_time(payment.refunded_at),
        refund_reason=payment.refund_reason,
    ).model_dump(mode="json")


def _refused(exc: PaymentRefused) -> ApiError:
    return ApiError(404 if exc.code == "payment_not_found" else 409, exc.code, exc.message)


async def _own_payment(upstreams: Upstreams, principal: Principal, payment_id: str) -> Payment:
    payment = await call_upstream(upstreams, PAYMENT_GATEWAY, partial(upstreams.payments.get, payment_id))
    if payment is None or payment.site_code != principal.site_code:
        raise ApiError(404, "payment_not_found", "No such payment.")
    return payment


# routes ----------------------------------------------------------------------------------

_UPSTREAM_ERRORS = errors(400, 401, 403, 422, 503)


@router.get("/citizens/{cccd}", response_model=CitizenOut, responses={**_UPSTREAM_ERRORS, **errors(404)})
async def get_citizen(
    request: Request, _principal: Registries, cccd: Annotated[str, Path(pattern=CCCD_PATTERN)]
) -> CitizenOut:
    """The citizen's identity from the population registry, to fill or check the form."""
    upstreams = get_upstreams(request)
    found = await call_upstream(upstreams, POPULATION_REGISTRY, partial(upstreams.population.lookup, cccd))
    if found is None:
        raise ApiError(404, "citizen_not_found", "The population registry has no citizen with this CCCD number.")
    return CitizenOut(
        cccd=found.cccd,
        full_name=found.full_name,
        date_of_birth=found.date_of_birth,
        sex=found.sex,  # type: ignore[arg-type]
        permanent_address=found.permanent_address,
    )


@router.get("/citizens/{cccd}/driving-licences", response_model=DrivingLicencesOut, responses=_UPSTREAM_ERRORS)
async def get_driving_licences(
    request: Request, _principal: Registries, cccd: Annotated[str, Path(pattern=CCCD_PATTERN)]
) -> DrivingLicencesOut:
    """The citizen's licences from the national driving licence register, to fill the renewal
    form. A citizen who holds none (or a number the register does not know) answers an empty list."""
    upstreams = get_upstreams(request)
    held = await call_upstream(upstreams, DRIVING_LICENCES, partial(upstreams.licences.held_by, cccd))
    return DrivingLicencesOut(
        checked_at=to_rfc3339(now_vn()),
        licences=[
            DrivingLicenceOut(
                licence_number=licence.licence_number, licence_class=licence.licence_class,
                issued_on=licence.issued_on, expires_on=licence.expires_on, issuer=licence.issuer,
            )
            for licence in sorted(held, key=lambda held_one: (held_one.issued_on, held_one.licence_number))
        ],
    )


@router.get("/checks/health-certificate/{cccd}", response_model=HealthCheckOut, responses=_UPSTREAM_ERRORS)
async def check_health_certificate(
    request: Request, _principal: Registries, cccd: Annotated[str, Path(pattern=CCCD_PATTERN)]
) -> HealthCheckOut:
    """The citizen's latest driver health certificate, and whether it is valid today."""
    upstreams = get_upstreams(request)
    certificate = await call_upstream(
        upstreams, HEALTH_CERTIFICATES, partial(upstreams.health.latest_driver_certificate, cccd)
    )
    now = now_vn()
    return HealthCheckOut(
        checked_at=to_rfc3339(now),
        certificate=None if certificate is None else HealthCertificateOut(
            certificate_number=certificate.certificate_number,
            issued_on=certificate.issued_on,
            valid_until=certificate.valid_until,
            licence_class=certificate.licence_class,
            issuer=certificate.issuer,
            fit_to_drive=certificate.fit_to_drive,
            valid=certificate.valid_on(now.date()),
        ),
    )


@router.get("/checks/traffic-violations", response_model=ViolationsOut, responses=_UPSTREAM_ERRORS)
async def check_traffic_violations(
    request: Request,
    _principal: Registries,
    cccd: Annotated[str | None, Query(pattern=CCCD_PATTERN)] = None,
    licence_number: Annotated[str | None, Query(pattern=LICENCE_PATTERN)] = None,
) -> ViolationsOut:
    """Unpaid traffic violations of a citizen (``cccd``) or of a licence (``licence_number``)."""
    if (cccd is None) == (licence_number is None):
        raise ApiError(422, "one_key_required", "Give exactly one of cccd and licence_number.")
    upstreams = get_upstreams(request)
    found = await call_upstream(
        upstreams, TRAFFIC_VIOLATIONS, partial(upstreams.traffic.unpaid, cccd=cccd, licence_number=licence_number)
    )
    return ViolationsOut(
        checked_at=to_rfc3339(now_vn()),
        count=len(found),
        total_fine=sum(v.fine for v in found),
        unpaid=[
            ViolationOut(
                violation_id=v.violation_id, occurred_on=v.occurred_on, place=v.place,
                description=v.description, fine=v.fine, vehicle_plate=v.vehicle_plate,
            )
            for v in found
        ],
    )


@router.post(
    "/payments",
    response_model=PaymentOut,
    status_code=201,
    responses={200: {"model": PaymentOut, "description": "Replay of the same idempotency key: the same payment"},
               **_UPSTREAM_ERRORS, **errors(409)},
)
async def create_payment(request: Request, principal: Payments, body: PaymentCreate) -> JSONResponse:
    """Ask the payment gateway for a fee payment. The same idempotency_key with the same body
    answers the same payment (200); with another body 409 ``idempotency_conflict``."""
    upstreams = get_upstreams(request)
    payment_request = PaymentRequest(
        idempotency_key=body.idempotency_key,
        site_code=principal.site_code,
        client_id=body.client_id,
        amount=body.amount,
        description=body.description,
    )
    try:
        payment, created = await call_upstream(
            upstreams, PAYMENT_GATEWAY, partial(upstreams.payments.create, payment_request)
        )
    except PaymentRefused as exc:
        raise _refused(exc) from None
    log.info("payment %s for dossier %s: %s", payment.payment_id, payment.client_id, "created" if created else "replayed")
    return JSONResponse(_payment_out(payment), status_code=201 if created else 200)


@router.get("/payments/{payment_id}", response_model=PaymentOut, responses={**_UPSTREAM_ERRORS, **errors(404)})
async def get_payment(
    request: Request, principal: Payments, payment_id: Annotated[str, Path(pattern=PAYMENT_ID_PATTERN)]
) -> JSONResponse:
    """The payment as the gateway sees it now (pending, paid or refunded)."""
    payment = await _own_payment(get_upstreams(request), principal, payment_id)
    return JSONResponse(_payment_out(payment))


@router.post(
    "/payments/{payment_id}/refund",
    response_model=PaymentOut,
    responses={**_UPSTREAM_ERRORS, **errors(404, 409)},
)
async def refund_payment(
    request: Request,
    principal: Payments,
    payment_id: Annotated[str, Path(pattern=PAYMENT_ID_PATTERN)],
    body: RefundRequest,
) -> JSONResponse:
    """Refund a paid payment in full, with a reason. Asking again with the same reason answers
    the refunded payment (idempotent); 409 ``not_refundable`` while it is not paid, 409
    ``refund_conflict`` when it was refunded for another reason."""
    upstreams = get_upstreams(request)
    await _own_payment(upstreams, principal, payment_id)
    try:
        payment = await call_upstream(
            upstreams, PAYMENT_GATEWAY, partial(upstreams.payments.refund, payment_id, body.reason.strip())
        )
    except PaymentRefused as exc:
        raise _refused(exc) from None
    log.info("payment %s refunded", payment.payment_id)
    return JSONResponse(_payment_out(payment))
