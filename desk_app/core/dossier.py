"""The dossier (hồ sơ) and its life: national status codes, channels, legal transitions.

Status codes and channels are those of the national portal synchronisation (DOMAIN.md).
The state machine lives here once, so the desk and the central API refuse the same moves.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import IntEnum
from typing import Any, Mapping

from .catalogue import DeliveryOption
from .identity import Sex
from .messages import QT_TRANSLATE_NOOP, DeskError
from .receipt_seal import Seal, SealFields
from .timeutil import parse_rfc3339, to_rfc3339


class DossierStatus(IntEnum):
    """TrangThaiHoSo."""

    NEW = 1                   # Mới đăng ký
    ACCEPTED = 2              # Được tiếp nhận
    REFUSED = 3               # Không được tiếp nhận
    PROCESSING = 4            # Đang xử lý
    SUPPLEMENT_REQUESTED = 5  # Yêu cầu bổ sung giấy tờ
    PAYMENT_REQUESTED = 6     # Yêu cầu thực hiện nghĩa vụ tài chính
    WITHDRAWN = 7             # Công dân yêu cầu rút hồ sơ
    STOPPED = 8               # Dừng xử lý
    RESULT_READY = 9          # Đã xử lý xong
    HANDED_OVER = 10          # Đã trả kết quả


class Channel(IntEnum):
    """HinhThuc: how the dossier reached the administration."""

    DIRECT = 1   # at the desk
    ONLINE = 2
    POSTAL = 3   # public postal service (Bưu chính công ích)


S = DossierStatus
TRANSITIONS: Mapping[DossierStatus, frozenset[DossierStatus]] = {
    S.NEW: frozenset({S.ACCEPTED, S.REFUSED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED, S.WITHDRAWN, S.STOPPED, S.RESULT_READY}),
    S.PROCESSING: frozenset({S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED, S.WITHDRAWN, S.STOPPED, S.RESULT_READY}),
    S.SUPPLEMENT_REQUESTED: frozenset({S.PROCESSING, S.WITHDRAWN, S.STOPPED}),
    S.PAYMENT_REQUESTED: frozenset({S.PROCESSING, S.WITHDRAWN, S.STOPPED, S.RESULT_READY}),
    S.RESULT_READY: frozenset({S.HANDED_OVER}),
    S.REFUSED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.STOPPED: frozenset(),
    S.HANDED_OVER: frozenset(),
}
# The outcomes an officer can record at the desk when the citizen stands there.
DESK_OUTCOMES = frozenset({S.ACCEPTED, S.REFUSED, S.SUPPLEMENT_REQUESTED})
TERMINAL = frozenset(s for s, nxt in TRANSITIONS.items() if not nxt)


class IllegalTransition(DeskError):
    """A status change the rules do not allow."""


class DossierDataError(DeskError):
    """A dossier record that does not hold together (from disk or from the wire)."""


def check_transition(old: DossierStatus, new: DossierStatus) -> None:
    if new not in TRANSITIONS[old]:
        raise IllegalTransition(
            QT_TRANSLATE_NOOP("DeskError", "A dossier in status {old} cannot move to status {new}."),
            old=int(old),
            new=int(new),
        )


@dataclass(frozen=True)
class Applicant:
    """The person submitting (người nộp hồ sơ)."""

    full_name: str
    cccd: str | None = None
    cmnd: str | None = None
    date_of_birth: date | None = None
    sex: Sex | None = None
    address: str = ""
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class ReceivedDocument:
    """A document taken at the desk, with how many of each form were handed in."""

    code: str
    name: str
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0


@dataclass(frozen=True)
class AttachmentRef:
    """A file that travels with the dossier, named by the SHA-256 of its bytes."""

    sha256: str
    kind: str  # "portrait" or "scan"
    filename: str
    media_type: str
    size: int


@dataclass(frozen=True)
class FeeLine:
    code: str
    name: str
    amount: int


@dataclass(frozen=True)
class Consent:
    """The citizen's consent to the processing of their personal data for this dossier
    (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): when it was given, and the words they agreed to."""

    given_at: datetime
    text: str


@dataclass(frozen=True)
class PortraitException:
    """A portrait accepted although it fails some of the photo rules, and why: e.g. a
    citizen who keeps a head covering for religious reasons. The dossier goes to the
    supervisor's review queue with it."""

    rules: tuple[str, ...]   # desk_app.photo.rules.Rule values that failed
    reason: str
    accepted_by: str


@dataclass(frozen=True)
class ValidationOverride:
    """A rule of the intake checks the officer chose to pass over, and what it concerned; the
    dossier goes to the supervisor's review queue with it."""

    rule: str                    # "documents_short": accepted with fewer copies than the procedure asks
    documents: tuple[str, ...]   # the names of the documents concerned
    accepted_by: str


DOCUMENTS_SHORT = "documents_short"


def new_client_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Dossier:
    """An application as taken at the desk; immutable, changed by making a new one."""

    client_id: str
    procedure_code: str
    catalogue_version: str
    applicant: Applicant
    received_at: datetime
    due_at: datetime
    officer_username: str
    site_code: str
    desk_id: str
    status: DossierStatus = DossierStatus.ACCEPTED
    channel: Channel = Channel.DIRECT
    code: str | None = None
    code_provisional: bool = False
    form_values: Mapping[str, str] = field(default_factory=dict)
    documents: tuple[ReceivedDocument, ...] = ()
    attachments: tuple[AttachmentRef, ...] = ()
    fees: tuple[FeeLine, ...] = ()
    delivery: DeliveryOption = DeliveryOption.DESK
    delivery_address: str | None = None
    sets: int = 1
    # Why the desk refused the dossier (Mẫu 03), or the guidance given with a request to
    # supplement it (Mẫu 02); None for an accepted one.
    outcome_note: str | None = None
    # What a supplement request asks the citizen to bring, with the counts still missing.
    requested_documents: tuple[ReceivedDocument, ...] = ()
    consent: Consent | None = None
    portrait_exception: PortraitException | None = None
    validation_overrides: tuple[ValidationOverride, ...] = ()
    # The desk's signature over what the receipt's QR code prints (core.receipt_seal), with
    # its public key, so the central system learns the key and can check receipts.
    receipt_seal: Seal | None = None

    @property
    def total_fee(self) -> int:
        return sum(f.amount for f in self.fees)

    def moved_to(self, status: DossierStatus) -> "Dossier":
        check_transition(self.status, status)
        return replace(self, status=status)

    def with_code(self, code: str, provisional: bool) -> "Dossier":
        return replace(self, code=code, code_provisional=provisional)

    def seal_fields(self) -> SealFields:
        """What a receipt seal signs for this dossier: its code as it stands now, procedure,
        received time and officer."""
        if not self.code:
            raise ValueError("the dossier has no code yet: save it first")
        return SealFields(self.code, self.procedure_code, self.received_at, self.officer_username)

    def with_receipt_seal(self, seal: Seal) -> "Dossier":
        return replace(self, receipt_seal=seal)

    def to_wire(self) -> dict[str, Any]:
        a = self.applicant
        wire: dict[str, Any] = {
            "client_id": self.client_id,
            "code": self.code,
            "code_provisional": self.code_provisional,
            "procedure_code": self.procedure_code,
            "catalogue_version": self.catalogue_version,
            "channel": int(self.channel),
            "status": int(self.status),
            "applicant": {
                "full_name": a.full_name,
                "cccd": a.cccd,
                "cmnd": a.cmnd,
                "date_of_birth": a.date_of_birth.isoformat() if a.date_of_birth else None,
                "sex": a.sex.value if a.sex else None,
                "address": a.address,
                "phone": a.phone,
                "email": a.email,
            },
            "form_values": dict(self.form_values),
            "documents": [_document_wire(d) for d in self.documents],
            "attachments": [
                {"sha256": t.sha256, "kind": t.kind, "filename": t.filename, "media_type": t.media_type, "size": t.size}
                for t in self.attachments
            ],
            "fees": [{"code": f.code, "name": f.name, "amount": f.amount} for f in self.fees],
            "delivery": self.delivery.value,
            "delivery_address": self.delivery_address,
            "sets": self.sets,
            "received_at": to_rfc3339(self.received_at),
            "due_at": to_rfc3339(self.due_at),
            "officer_username": self.officer_username,
            "site_code": self.site_code,
            "desk_id": self.desk_id,
        }
        # Absent rather than null or empty, so the body of an accepted dossier (and every
        # replay of one saved before these keys existed) stays byte for byte the same.
        if self.outcome_note is not None:
            wire["outcome_note"] = self.outcome_note
        if self.requested_documents:
            wire["requested_documents"] = [_document_wire(d) for d in self.requested_documents]
        if self.consent is not None:
            wire["consent"] = {"given_at": to_rfc3339(self.consent.given_at), "text": self.consent.text}
        if self.portrait_exception is not None:
            e = self.portrait_exception
            wire["portrait_exception"] = {"rules": list(e.rules), "reason": e.reason, "accepted_by": e.accepted_by}
        if self.validation_overrides:
            wire["validation_overrides"] = [
                {"rule": o.rule, "documents": list(o.documents), "accepted_by": o.accepted_by}
                for o in self.validation_overrides
            ]
        if self.receipt_seal is not None:
            wire["receipt_seal"] = self.receipt_seal.to_wire()
        return wire

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> "Dossier":
        try:
            a = data["applicant"]
            applicant = Applicant(
                full_name=a["full_name"],
                cccd=a.get("cccd"),
                cmnd=a.get("cmnd"),
                date_of_birth=date.fromisoformat(a["date_of_birth"]) if a.get("date_of_birth") else None,
                sex=Sex(a["sex"]) if a.get("sex") else None,
                address=a.get("address") or "",
                phone=a.get("phone"),
                email=a.get("email"),
            )
            return cls(
                client_id=str(uuid.UUID(data["client_id"])),
                code=data.get("code"),
                code_provisional=bool(data.get("code_provisional", False)),
                procedure_code=data["procedure_code"],
                catalogue_version=data["catalogue_version"],
                channel=Channel(data.get("channel", 1)),
                status=DossierStatus(data["status"]),
                applicant=applicant,
                form_values={str(k): str(v) for k, v in (data.get("form_values") or {}).items()},
                documents=tuple(_document_from_wire(d) for d in data.get("documents") or ()),
                attachments=tuple(
                    AttachmentRef(t["sha256"], t["kind"], t["filename"], t["media_type"], int(t["size"]))
                    for t in data.get("attachments") or ()
                ),
                fees=tuple(FeeLine(f["code"], f["name"], int(f["amount"])) for f in data.get("fees") or ()),
                delivery=DeliveryOption(data.get("delivery", "desk")),
                delivery_address=data.get("delivery_address"),
                sets=int(data.get("sets", 1)),
                received_at=parse_rfc3339(data["received_at"]),
                due_at=parse_rfc3339(data["due_at"]),
                officer_username=data["officer_username"],
                site_code=data["site_code"],
                desk_id=data["desk_id"],
                outcome_note=_optional_str(data.get("outcome_note")),
                requested_documents=tuple(_document_from_wire(d) for d in data.get("requested_documents") or ()),
                consent=_consent_from_wire(data.get("consent")),
                portrait_exception=_portrait_exception_from_wire(data.get("portrait_exception")),
                validation_overrides=tuple(
                    _validation_override_from_wire(o) for o in data.get("validation_overrides") or ()
                ),
                receipt_seal=Seal.from_wire(data["receipt_seal"]) if data.get("receipt_seal") is not None else None,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DossierDataError(
                QT_TRANSLATE_NOOP("DeskError", "A dossier record is malformed ({problem})."), problem=f"{type(exc).__name__}: {exc}"
            ) from exc


def _document_wire(d: ReceivedDocument) -> dict[str, Any]:
    return {"code": d.code, "name": d.name, "originals": d.originals,
            "certified_copies": d.certified_copies, "photocopies": d.photocopies}


def _document_from_wire(d: Mapping[str, Any]) -> ReceivedDocument:
    return ReceivedDocument(d["code"], d["name"], int(d.get("originals", 0)),
                            int(d.get("certified_copies", 0)), int(d.get("photocopies", 0)))


def _consent_from_wire(value: Any) -> Consent | None:
    if value is None:
        return None
    return Consent(parse_rfc3339(value["given_at"]), str(value["text"]))


def _portrait_exception_from_wire(value: Any) -> PortraitException | None:
    if value is None:
        return None
    return PortraitException(tuple(str(r) for r in value["rules"]), str(value["reason"]), str(value["accepted_by"]))


def _validation_override_from_wire(value: Mapping[str, Any]) -> ValidationOverride:
    documents = value["documents"]
    if isinstance(documents, str):
        raise TypeError("validation override documents are a list of names")
    return ValidationOverride(str(value["rule"]), tuple(str(d) for d in documents), str(value["accepted_by"]))


def _optional_str(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"expected text or null, got {type(value).__name__}")
