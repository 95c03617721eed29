"""Wire shapes (pydantic 2): snake_case, RFC 3339 times with offset, money in integer đồng.

They are the source of docs/openapi.json, so every field a client may rely on is here,
with the catalogue shape mirrored from docs/architecture.md.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

DESK_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
AGENCY_CODE_PATTERN = r"^[0-9A-Z][0-9A-Z.]{0,12}$"

Role = Literal["officer", "postal_assistant", "supervisor", "administrator"]
Count = Annotated[int, Field(ge=0, le=1000)]
Money = Annotated[int, Field(ge=0, le=10_000_000_000, description="integer đồng")]
Text = Annotated[str, Field(min_length=1, max_length=500)]
# No NUL: PostgreSQL text cannot hold one.
NO_NUL = r"^[^\x00]*$"
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _plausible(moment: datetime) -> datetime:
    # Far outside any dossier's life, and safe to move to UTC or +07:00 without overflowing.
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError(f"a time between the years {FIRST_YEAR} and {LAST_YEAR}")
    return moment


Moment = Annotated[AwareDatetime, AfterValidator(_plausible)]
"""An instant with its UTC offset, in a sensible range of years."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# errors -------------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    model_config = ConfigDict(extra="allow")
    code: str = Field(description="stable machine-readable reason, e.g. bad_credentials")
    message: str = Field(description="English explanation for logs and operators")


class ErrorBody(BaseModel):
    detail: ErrorDetail


# auth ---------------------------------------------------------------------------------


class TokenRequest(Strict):
    username: Annotated[str, Field(min_length=1, max_length=64)]
    password: Annotated[str, Field(min_length=1, max_length=256)]
    desk_id: Annotated[str, Field(pattern=DESK_ID_PATTERN)]
    desk_key: Annotated[
        str | None,
        Field(
            min_length=1, max_length=200,
            description="the key shown once when an administrator enrolled the desk; "
            "required unless the server runs with desk_enrolment 'open'",
        ),
    ] = None


class RefreshRequest(Strict):
    refresh_token: Annotated[str, Field(min_length=1, max_length=200)]


class UserOut(BaseModel):
    username: str
    full_name: str
    role: Role
    site_code: str
    site_name: str
    agency_code: str = Field(description="QCVN 102 code that starts the site's dossier codes")
    place: str = Field(description="place name printed on forms: '[place], ngày … tháng … năm …'")


class TokenResponse(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="seconds the access token stays valid")
    refresh_expires_in: int = Field(description="seconds the refresh token stays valid")
    user: UserOut


class RevokeResponse(BaseModel):
    revoked: bool


class EnrolmentCheckRequest(Strict):
    desk_key: Annotated[
        str, Field(min_length=1, max_length=200, description="the key shown once when an administrator enrolled the desk")
    ]


class EnrolmentCheckOut(BaseModel):
    desk_id: str
    site_code: str = Field(description="the site (agency code) the desk is enrolled for")
    site_name: str
    server_version: str = Field(description="the central API's version")


# catalogue ----------------------------------------------------------------------------


class ChoiceSchema(Strict):
    value: Text
    label: Text


class DocumentRequirementSchema(Strict):
    code: Text
    name: Text
    originals: Count = 0
    certified_copies: Count = 0
    photocopies: Count = 0
    required: bool = True
    note: str = ""
    max_bytes: Annotated[int, Field(ge=10_000, le=100_000_000, description="largest scan accepted, bytes")] = 10_000_000


class FeeItemSchema(Strict):
    code: Text
    name: Text
    amount: Money
    note: str = ""


class FormFieldSchema(Strict):
    key: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
    label: Text
    type: Literal["text", "date", "choice", "number", "phone", "email", "address", "group"] = "text"
    required: bool = False
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_value: float | None = None
    max_value: float | None = None
    choices: list[ChoiceSchema] = []
    prefill: Literal[
        "citizen.full_name", "citizen.address", "citizen.date_of_birth", "citizen.cccd",
        "licence.number", "licence.class", "licence.issued_on", "licence.expires_on",
    ] | None = Field(default=None, description="where the value comes from: the ID card, or the licence register")
    help: str = ""
    fields: list["FormFieldSchema"] = Field(default=[], description="a group's sub-fields (type group only)")
    min_items: Annotated[int, Field(ge=0, le=50)] = 0
    max_items: Annotated[int, Field(ge=1, le=50)] = 10


class PhotoSpecSchema(Strict):
    width_mm: Annotated[int, Field(ge=10, le=100)]
    height_mm: Annotated[int, Field(ge=10, le=100)]
    width_px: Annotated[int, Field(ge=100, le=4000)]
    height_px: Annotated[int, Field(ge=100, le=4000)]
    background: Annotated[str, Field(description="e.g. white, blue")]
    max_bytes: Annotated[int, Field(ge=10_000)]


class ProcedureSchema(Strict):
    code: Annotated[str, Field(min_length=1, max_length=60)]
    name: Text
    abbreviations: list[str] = []
    sector: str = ""
    agency_code: Annotated[str, Field(pattern=AGENCY_CODE_PATTERN)]
    agency_name: Text
    processing_days: Annotated[int, Field(ge=0, le=365, description="working days")]
    fully_online: bool = False
    demo_values: bool = Field(default=False, description="documents, fees or days are illustrative, not verified")
    documents: list[DocumentRequirementSchema] = []
    fees: list[FeeItemSchema] = []
    fields: list[FormFieldSchema] = []
    photo: PhotoSpecSchema | None = None
    delivery_options: list[Literal["desk", "post"]] = ["desk"]
    checks: list[Literal["health_certificate", "traffic_violations"]] = Field(
        default=[], description="upstream checks the desk runs in the background for this procedure"
    )


class WardSchema(Strict):
    code: Text
    name: Text


class ProvinceSchema(Strict):
    code: Text
    name: Text
    wards: list[WardSchema] = []


class CatalogueSchema(Strict):
    version: Annotated[str, Field(min_length=1, max_length=40)]
    published_at: AwareDatetime
    procedures: list[ProcedureSchema]
    places: list[ProvinceSchema] = Field(default=[], description="provinces and wards for address fields")


# calendar -----------------------------------------------------------------------------


class CalendarOverrideOut(BaseModel):
    day: date
    kind: Literal["off", "work"]
    name: str
    note: str = Field(description="source or caveat; UNCONFIRMED entries say so here")
    confirmed: bool


class CalendarOut(BaseModel):
    year: int
    overrides: list[CalendarOverrideOut]


# code leases --------------------------------------------------------------------------


class LeaseRequest(Strict):
    day: date
    count: Annotated[int, Field(ge=1, le=9999)]


class LeaseOut(BaseModel):
    lease_id: str
    agency_code: str
    day: date
    first: int
    last: int
    width: int


# blobs --------------------------------------------------------------------------------


class BlobUploadOut(BaseModel):
    sha256: str = Field(description="when complete: the hash the server computed over what it stored")
    offset: int
    length: int
    complete: bool


# dossiers -----------------------------------------------------------------------------


class ApplicantWire(Strict):
    full_name: Annotated[str, Field(min_length=1, max_length=200)]
    cccd: Annotated[str, Field(pattern=r"^[0-9]{12}$")] | None = None
    cmnd: Annotated[str, Field(pattern=r"^[0-9]{9}$")] | None = None
    date_of_birth: date | None = None
    sex: Literal["Nam", "Nữ"] | None = None
    address: Annotated[str, Field(max_length=500)] = ""
    phone: Annotated[str, Field(max_length=20)] | None = None
    email: Annotated[str, Field(max_length=200)] | None = None


class DocumentWire(Strict):
    code: Text
    name: Text
    originals: Count = 0
    certified_copies: Count = 0
    photocopies: Count = 0


class AttachmentWire(Strict):
    sha256: Annotated[str, Field(pattern=SHA256_PATTERN)]
    kind: Annotated[str, Field(min_length=1, max_length=40)]
    filename: Annotated[str, Field(min_length=1, max_length=255)]
    media_type: Annotated[str, Field(min_length=3, max_length=100)]
    size: Annotated[int, Field(ge=1)]


class FeeWire(Strict):
    code: Text
    name: Text
    amount: Money


class PortraitExceptionWire(Strict):
    rules: Annotated[list[Annotated[str, Field(min_length=1, max_length=40)]], Field(min_length=1, max_length=20)]
    reason: Annotated[str, Field(min_length=3, max_length=1000, pattern=r"^[^\x00]*$")]
    accepted_by: Annotated[str, Field(min_length=1, max_length=64)]


class ConsentWire(Strict):
    given_at: AwareDatetime
    text: Annotated[str, Field(min_length=1, max_length=2000, pattern=r"^[^\x00]*$")]


class ReceiptSealWire(Strict):
    """The desk's Ed25519 seal over what the receipt's QR code prints (desk_app.core.receipt_seal)."""

    version: Literal[1]
    kid: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{8}$", description="base64url of the first 6 bytes of SHA-256(public_key)")]
    public_key: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{43}$", description="raw Ed25519 public key, base64url")]
    signature: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{86}$", description="Ed25519 signature, base64url")]


class ValidationOverrideWire(Strict):
    """A check the officer let pass on purpose (desk_app.core.dossier.ValidationOverride)."""

    rule: Annotated[str, Field(min_length=1, max_length=40, description='e.g. "documents_short": fewer copies '
                                "than the procedure asks")]
    documents: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=300, pattern=NO_NUL)]], Field(max_length=50)
    ] = Field(description="the document names concerned")
    accepted_by: Annotated[str, Field(min_length=1, max_length=64)]


class DossierWire(Strict):
    """``Dossier.to_wire()`` of desk_app.core.dossier."""

    client_id: Annotated[str, Field(pattern=UUID_PATTERN)]
    code: Annotated[str, Field(max_length=40)] | None = Field(
        default=None, description="final code from a leased block, a provisional code, or null"
    )
    code_provisional: bool = False
    procedure_code: Annotated[str, Field(min_length=1, max_length=60)]
    catalogue_version: Annotated[str, Field(min_length=1, max_length=40)]
    channel: Annotated[int, Field(ge=1, le=3, description="HinhThuc: 1 desk, 2 online, 3 postal")]
    status: Annotated[int, Field(ge=1, le=10, description="TrangThaiHoSo")]
    applicant: ApplicantWire
    form_values: dict[str, str] = {}
    documents: list[DocumentWire] = []
    attachments: list[AttachmentWire] = []
    fees: list[FeeWire] = []
    delivery: Literal["desk", "post"] = "desk"
    delivery_address: Annotated[str, Field(max_length=500)] | None = None
    sets: Annotated[int, Field(ge=1, le=100)] = 1
    received_at: AwareDatetime
    due_at: AwareDatetime
    officer_username: Annotated[str, Field(min_length=1, max_length=64)]
    site_code: Annotated[str, Field(pattern=AGENCY_CODE_PATTERN)]
    desk_id: Annotated[str, Field(pattern=DESK_ID_PATTERN)]
    # Left out of the stored body when unset (exclude_if), so the body of a dossier sent
    # before these fields existed, and the hash its replays are compared with, stay the same.
    outcome_note: Annotated[str, Field(min_length=1, max_length=2000, pattern=r"^[^\x00]*$")] | None = Field(
        default=None, exclude_if=lambda value: value is None,
        description="status 3: why the desk refused the dossier (Mẫu 03); status 5: the guidance given "
        "with the request to supplement it (Mẫu 02)",
    )
    requested_documents: Annotated[list[DocumentWire], Field(max_length=100)] = Field(
        default=[], exclude_if=lambda value: not value,
        description="status 5: the documents the citizen was asked to bring, with the counts still missing",
    )
    consent: ConsentWire | None = Field(
        default=None, exclude_if=lambda value: value is None,
        description="the citizen's consent to processing their personal data (Law 91/2025/QH15): when, and the words",
    )
    portrait_exception: PortraitExceptionWire | None = Field(
        default=None, exclude_if=lambda value: value is None,
        description="a portrait accepted although it fails photo rules, with the officer's reason: for supervisor review",
    )
    receipt_seal: ReceiptSealWire | None = Field(
        default=None, exclude_if=lambda value: value is None,
        description="the desk's seal over code, procedure, received time and officer as the receipt prints them; "
        "the first dossier sealed with a key binds that key to the desk",
    )
    validation_overrides: Annotated[list[ValidationOverrideWire], Field(max_length=20)] = Field(
        default=[], exclude_if=lambda value: not value,
        description="checks the officer overrode when accepting (e.g. documents handed in short): for supervisor review",
    )


class StoredAttachment(BaseModel):
    sha256: str
    stored: bool


class DossierAnswer(BaseModel):
    client_id: str
    code: str
    code_provisional: bool
    status: int
    server_received_at: str = Field(description="RFC 3339, +07:00")
    attachments: list[StoredAttachment]
    replaced_code: str | None = Field(
        default=None, description="the provisional (or missing) code the server replaced with `code`"
    )


ReviewAction = Literal["approve", "return", "escalate"]


class ReviewRecord(BaseModel):
    """A supervisor's decision on a dossier, as the central API keeps it."""

    review_id: str
    client_id: str
    action: ReviewAction
    note: str | None
    flags: int = Field(description="the review flag bits the decision covers (desk_app.core.review.ReviewFlag)")
    actor: str = Field(description="the supervisor's username (from the token)")
    actor_name: str = Field(description="the supervisor's full name when the review was recorded")
    at: str = Field(description="when the supervisor decided (desk clock), RFC 3339 +07:00")
    recorded_at: str = Field(description="when the central API stored it, RFC 3339 +07:00")


class DossierOversight(BaseModel):
    """What the site's other desks did that a supervisor reviews: refunds, reprints, the last review."""

    refunds: int = Field(description="refund fee records of the dossier")
    reprints: int = Field(description="prints of the dossier's forms made again with a reason")
    review: ReviewRecord | None = Field(description="the latest review (by its `at`), null when none")


class DossierRecord(DossierWire):
    """A dossier as the central system holds it: the wire body with its final code."""

    model_config = ConfigDict(extra="forbid")
    code: str  # type: ignore[assignment]  # always final on the server
    server_received_at: str
    updated_at: str
    overdue: bool = Field(
        default=False, description="due_at has passed and the dossier is still open (status 1, 2, 4, 5 or 6)"
    )
    oversight: DossierOversight


class DossierPage(BaseModel):
    items: list[DossierRecord]
    cursor: str = Field(description="opaque; pass as ?since= to get what changed after this page")
    has_more: bool


# health -------------------------------------------------------------------------------


class HealthOut(BaseModel):
    status: Literal["ok"]
    version: str
    time: str
