"""What the wizard has gathered so far, and how it becomes a dossier and its printed form.

Plain Python, so the assembly rules are tested without widgets: the pages fill an
``IntakeDraft``; ``build_dossier`` turns it into the ``Dossier`` the store saves, and the
outcome chosen at the review step decides the form: ``build_receipt`` (accepted, Mẫu 01),
``build_supplement`` (supplement requested, Mẫu 02) or ``build_refusal`` (refused, Mẫu 03).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desk_app.core.calendar import WorkingCalendar
from desk_app.core.catalogue import DeliveryOption, Procedure
from desk_app.core.dossier import (
    DESK_OUTCOMES,
    DOCUMENTS_SHORT,
    Applicant,
    AttachmentRef,
    Channel,
    Consent,
    Dossier,
    DossierStatus,
    FeeLine,
    PortraitException,
    ReceivedDocument,
    ValidationOverride,
    new_client_id,
)
from desk_app.core.fees import FeeRecord, PaymentMethod
from desk_app.core.identity import Sex
from desk_app.core.licences import DrivingLicence
from desk_app.core.receipt_seal import seal_params, verify_seal
from desk_app.documents.receipt import ReceiptData
from desk_app.documents.refusal import RefusalData
from desk_app.documents.supplement import RequestedDocument, SupplementData, missing_documents
from desk_app.photo.normalise import NormalisedPhoto
from desk_app.scans.check import PreparedScan
from desk_app.signing_key import ReceiptKey
from desk_app.sync.client import UserInfo

log = logging.getLogger(__name__)

PORTRAIT_FILENAME = "portrait.jpg"
_EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg"}
# The longest refusal reason or supplement guidance the central system keeps.
OUTCOME_NOTE_MAX = 2000


@dataclass
class CitizenDetails:
    full_name: str = ""
    cccd: str = ""
    cmnd: str | None = None
    date_of_birth: date | None = None
    sex: Sex | None = None
    address: str = ""


@dataclass
class IntakeDraft:
    """The wizard's working copy; nothing here is saved until Finish."""

    citizen: CitizenDetails = field(default_factory=CitizenDetails)
    procedure: Procedure | None = None
    form_values: dict[str, str] = field(default_factory=dict)
    documents: list[ReceivedDocument] = field(default_factory=list)
    sets: int = 1
    phone: str | None = None
    email: str | None = None
    delivery: DeliveryOption = DeliveryOption.DESK
    delivery_address: str | None = None
    portrait: NormalisedPhoto | None = None
    # The photo rules the portrait fails (Rule values), and the officer's reason for taking
    # it all the same: without a reason a failing portrait does not pass the step.
    portrait_failures: tuple[str, ...] = ()
    portrait_exception_reason: str = ""
    # The scans of the papers handed in, by document code, in the order attached.
    scans: dict[str, list[PreparedScan]] = field(default_factory=dict)
    consent: bool = False
    # The fees page: whether the citizen pays now, how, and the fee receipt's number.
    fee_collected: bool = True
    fee_method: PaymentMethod = PaymentMethod.CASH
    fee_receipt_number: str = ""
    # The review step: accept (Mẫu 01), request a supplement (Mẫu 02) or refuse (Mẫu 03).
    outcome: DossierStatus = DossierStatus.ACCEPTED
    refusal_reason: str = ""
    supplement_note: str = ""
    # The supplement list's ticks the officer changed, by document code; every other
    # document is ticked when it is missing. Kept as changes, not as the list, so going
    # back and handing in another document still updates what is asked for.
    request_ticks: dict[str, bool] = field(default_factory=dict)
    # What was typed but does not read yet (a half-typed date of birth), by "page.field":
    # kept so that a draft brought back after a crash shows the officer's keystrokes.
    loose_text: dict[str, str] = field(default_factory=dict)
    # The licence the national register holds for this citizen (asked, not kept in the draft:
    # a draft brought back asks again).
    licence: DrivingLicence | None = field(default=None, compare=False)

    def prefill_value(self, source: str | None) -> str:
        """The citizen or licence attribute a form field's ``prefill`` names, as the field shows it."""
        if source is not None and source.startswith("licence."):
            return self.licence.prefill_value(source) if self.licence is not None else ""
        citizen = self.citizen
        if source == "citizen.full_name":
            return citizen.full_name
        if source == "citizen.address":
            return citizen.address
        if source == "citizen.cccd":
            return citizen.cccd
        if source == "citizen.date_of_birth" and citizen.date_of_birth is not None:
            return citizen.date_of_birth.strftime("%d/%m/%Y")
        return ""


@dataclass(frozen=True)
class RequestCandidate:
    """A catalogue document a supplement request may ask for.

    ``document`` carries the counts to ask for: what is still missing of a required
    document handed in short or not at all (``missing``), else the catalogue's counts
    (a document handed in but not acceptable, say, or an optional one not handed in).
    """

    code: str
    document: RequestedDocument
    missing: bool
    handed_in: bool


def request_candidates(procedure: Procedure, received: Sequence[ReceivedDocument]) -> tuple[RequestCandidate, ...]:
    """Every document of the procedure, in catalogue order, with what a request would ask."""
    taken = {d.code for d in received}
    candidates = []
    for requirement in procedure.documents:
        short = missing_documents([requirement], received)
        document = short[0] if short else RequestedDocument.from_requirement(requirement)
        candidates.append(RequestCandidate(requirement.code, document, bool(short), requirement.code in taken))
    return tuple(candidates)


def is_requested(draft: IntakeDraft, candidate: RequestCandidate) -> bool:
    return draft.request_ticks.get(candidate.code, candidate.missing)


def requested_candidates(draft: IntakeDraft) -> tuple[RequestCandidate, ...]:
    """The documents the supplement request asks for, as the officer left the ticks."""
    if draft.procedure is None:
        return ()
    return tuple(c for c in request_candidates(draft.procedure, draft.documents) if is_requested(draft, c))


def requested_documents(draft: IntakeDraft) -> tuple[ReceivedDocument, ...]:
    """What a supplement request records (catalogue code, name, counts); empty for other outcomes."""
    if draft.outcome is not DossierStatus.SUPPLEMENT_REQUESTED:
        return ()
    return tuple(ReceivedDocument(c.code, c.document.name, c.document.originals, c.document.certified_copies,
                                  c.document.photocopies) for c in requested_candidates(draft))


def outcome_matches(dossier: Dossier, draft: IntakeDraft) -> bool:
    """Whether ``dossier`` records the outcome the draft now says (status, note, documents asked)."""
    return (dossier.status is draft.outcome and dossier.outcome_note == outcome_note(draft)
            and dossier.requested_documents == requested_documents(draft))


def outcome_note(draft: IntakeDraft) -> str | None:
    """The refusal's reason or the supplement's guidance as it is kept, None for an acceptance
    (or nothing written). A NUL cannot be stored centrally and is never meant."""
    if draft.outcome is DossierStatus.REFUSED:
        text = draft.refusal_reason
    elif draft.outcome is DossierStatus.SUPPLEMENT_REQUESTED:
        text = draft.supplement_note
    else:
        return None
    return text.replace("\x00", "").strip() or None


def build_dossier(
    draft: IntakeDraft,
    *,
    catalogue_version: str,
    user: UserInfo,
    desk_id: str,
    received_at: datetime,
    calendar: WorkingCalendar,
    client_id: str | None = None,
    consent_text: str = "",
) -> tuple[Dossier, dict[str, bytes]]:
    """The dossier to save and the attachment bytes by SHA-256; the store assigns the code."""
    procedure = draft.procedure
    if procedure is None:
        raise ValueError("no procedure chosen")
    outcome = draft.outcome
    if outcome not in DESK_OUTCOMES:
        raise ValueError(f"status {outcome} is not an outcome the desk records")
    refused = outcome is DossierStatus.REFUSED
    citizen = draft.citizen
    blobs: dict[str, bytes] = {}
    attachments: list[AttachmentRef] = []
    if draft.portrait is not None:
        blobs[draft.portrait.sha256] = draft.portrait.jpeg
        attachments.append(
            AttachmentRef(
                sha256=draft.portrait.sha256,
                kind="portrait",
                filename=PORTRAIT_FILENAME,
                media_type="image/jpeg",
                size=len(draft.portrait.jpeg),
            )
        )
    for code, scans in draft.scans.items():
        for number, scan in enumerate(scans, start=1):
            blobs[scan.sha256] = scan.data
            attachments.append(AttachmentRef(
                sha256=scan.sha256,
                kind="scan",
                # The document it belongs to is in the name: "gplx_cu-1.jpg", "don-2.pdf".
                filename=f"{code}-{number}{_EXTENSIONS.get(scan.media_type, '')}",
                media_type=scan.media_type,
                size=scan.size,
            ))
    post = draft.delivery is DeliveryOption.POST
    dossier = Dossier(
        client_id=client_id or new_client_id(),
        procedure_code=procedure.code,
        catalogue_version=catalogue_version,
        applicant=Applicant(
            full_name=citizen.full_name,
            cccd=citizen.cccd or None,
            cmnd=citizen.cmnd or None,
            date_of_birth=citizen.date_of_birth,
            sex=citizen.sex,
            address=citizen.address,
            phone=draft.phone or None,
            email=draft.email or None,
        ),
        received_at=received_at,
        # A refused dossier owes the citizen no result: no appointment, and no fee.
        due_at=received_at if refused else calendar.due_at(received_at, procedure.processing_days),
        officer_username=user.username,
        site_code=user.site_code,
        desk_id=desk_id,
        status=outcome,
        channel=Channel.DIRECT,
        form_values={k: v for k, v in draft.form_values.items() if v},
        documents=tuple(draft.documents),
        attachments=tuple(attachments),
        fees=() if refused else tuple(FeeLine(f.code, f.name, f.amount) for f in procedure.fees),
        delivery=draft.delivery,
        delivery_address=(draft.delivery_address or None) if post else None,
        sets=draft.sets,
        outcome_note=outcome_note(draft),
        requested_documents=requested_documents(draft),
        # Recorded with the words the citizen was shown, at the moment the dossier is taken.
        consent=Consent(received_at, consent_text) if draft.consent and consent_text else None,
        portrait_exception=portrait_exception(draft, user.username),
        validation_overrides=validation_overrides(draft, user.username),
    )
    return dossier, blobs


def portrait_exception(draft: IntakeDraft, username: str) -> PortraitException | None:
    """The exception the officer made for a portrait that fails rules, for the supervisor."""
    if draft.portrait is None or not draft.portrait_failures or not draft.portrait_exception_reason.strip():
        return None
    return PortraitException(tuple(draft.portrait_failures), draft.portrait_exception_reason.strip(), username)


def validation_overrides(draft: IntakeDraft, username: str) -> tuple[ValidationOverride, ...]:
    """The checks the officer passed over, for the supervisor: a dossier accepted although
    some required document was handed in with fewer copies than the procedure asks (the
    review step warns of it; one not handed in at all cannot be accepted)."""
    if draft.outcome is not DossierStatus.ACCEPTED or draft.procedure is None:
        return ()
    short = [c.document.name for c in request_candidates(draft.procedure, draft.documents) if c.missing and c.handed_in]
    if not short:
        return ()
    # Within what the central API keeps: 50 names of at most 300 characters.
    return (ValidationOverride(DOCUMENTS_SHORT, tuple(name[:300] for name in short[:50]), username),)


def receipt_seal_params(dossier: Dossier, signer: ReceiptKey | None = None) -> tuple[tuple[str, str], ...]:
    """The QR's seal parameters for a saved dossier: the seal it was saved with while that
    still signs what the receipt prints, else a fresh one by ``signer`` (a reprint after the
    central system replaced a provisional code, say); none when neither can be had."""
    fields = dossier.seal_fields()
    sealed = dossier.receipt_seal
    if sealed is None or not verify_seal(sealed, fields):
        if signer is None:
            log.info("receipt of %s printed without a seal", dossier.client_id)
            return ()
        sealed = signer.seal(fields)
    return seal_params(sealed, fields)


def build_receipt(dossier: Dossier, procedure: Procedure, user: UserInfo, lookup_url: str, *,
                  signer: ReceiptKey | None = None) -> ReceiptData:
    """Mẫu 01's data for a saved dossier (which has its code)."""
    if not dossier.code:
        raise ValueError("the dossier has no code yet: save it first")
    applicant = dossier.applicant
    return ReceiptData(
        agency_name=procedure.agency_name,
        place=user.place,
        dossier_code=dossier.code,
        code_provisional=dossier.code_provisional,
        procedure_name=procedure.name,
        applicant_name=applicant.full_name,
        applicant_address=applicant.address,
        phone=applicant.phone,
        email=applicant.email,
        documents=tuple((d.name, d.originals, d.certified_copies, d.photocopies) for d in dossier.documents),
        sets=dossier.sets,
        processing_days=procedure.processing_days,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        delivery=dossier.delivery.value,
        delivery_address=dossier.delivery_address,
        fees=tuple((f.name, f.amount) for f in dossier.fees),
        officer_name=user.full_name,
        lookup_url=lookup_url,
        seal_params=receipt_seal_params(dossier, signer),
    )


def _numbered_form_fields(dossier: Dossier, procedure: Procedure, user: UserInfo) -> dict[str, Any]:
    """What Mẫu 02 and Mẫu 03 print alike: the agency, the dossier, the applicant, the officer
    and the reason (the refusal's, or the supplement's guidance)."""
    if not dossier.code:
        raise ValueError("the dossier has no code yet: save it first")
    applicant = dossier.applicant
    return {
        "agency_name": procedure.agency_name,
        "place": user.place,
        "issued_at": dossier.received_at,
        "dossier_code": dossier.code,
        "procedure_name": procedure.name,
        "applicant_name": applicant.full_name,
        "applicant_address": applicant.address,
        "phone": applicant.phone,
        "email": applicant.email,
        "reason": dossier.outcome_note or "",
        "officer_name": user.full_name,
    }


def build_supplement(dossier: Dossier, procedure: Procedure, user: UserInfo) -> SupplementData:
    """Mẫu 02's data for a saved dossier whose supplement was requested."""
    notes = {r.code: r.note for r in procedure.documents}
    return SupplementData(
        **_numbered_form_fields(dossier, procedure, user),
        documents=tuple(RequestedDocument(d.name, d.originals, d.certified_copies, d.photocopies,
                                          notes.get(d.code, "")) for d in dossier.requested_documents),
    )


def build_refusal(dossier: Dossier, procedure: Procedure, user: UserInfo) -> RefusalData:
    """Mẫu 03's data for a saved refused dossier."""
    return RefusalData(**_numbered_form_fields(dossier, procedure, user))


def build_payment(draft: IntakeDraft, dossier: Dossier, *, recorded_at: datetime) -> FeeRecord | None:
    """The payment taken with the dossier, or None when nothing is paid now (or nothing is due).

    Only an accepted dossier is paid for: a refused one owes nothing, and a supplement
    request is paid for once the dossier is complete and accepted."""
    if dossier.status is not DossierStatus.ACCEPTED or not draft.fee_collected or not dossier.fees:
        return None
    return FeeRecord.payment(dossier.client_id, dossier.fees, draft.fee_method,
                             officer_username=dossier.officer_username, recorded_at=recorded_at,
                             receipt_number=draft.fee_receipt_number or None)


DRAFT_FORMAT = 1


def draft_has_content(draft: IntakeDraft) -> bool:
    """Whether anything was typed or chosen: an untouched wizard leaves no draft behind."""
    c = draft.citizen
    return bool(c.full_name or c.cccd or c.cmnd or c.address or c.date_of_birth or draft.procedure
                or draft.loose_text)


def draft_to_json(draft: IntakeDraft, page: int) -> dict:
    """What ``DeskStore.save_draft`` keeps of a draft (the portrait's bytes go beside it)."""
    c = draft.citizen
    return {
        "format": DRAFT_FORMAT,
        "page": page,
        "citizen": {
            "full_name": c.full_name, "cccd": c.cccd, "cmnd": c.cmnd,
            "date_of_birth": c.date_of_birth.isoformat() if c.date_of_birth else None,
            "sex": c.sex.value if c.sex else None, "address": c.address,
        },
        "procedure_code": draft.procedure.code if draft.procedure else None,
        "form_values": dict(draft.form_values),
        "documents": [[d.code, d.name, d.originals, d.certified_copies, d.photocopies] for d in draft.documents],
        "sets": draft.sets, "phone": draft.phone, "email": draft.email,
        "delivery": draft.delivery.value, "delivery_address": draft.delivery_address,
        "consent": draft.consent,
        "fee_collected": draft.fee_collected, "fee_method": draft.fee_method.value,
        "fee_receipt_number": draft.fee_receipt_number,
        "outcome": int(draft.outcome), "refusal_reason": draft.refusal_reason,
        "supplement_note": draft.supplement_note, "request_ticks": dict(draft.request_ticks),
        "loose_text": dict(draft.loose_text),
        "scans": [
            {"code": code, "sha256": scan.sha256, "filename": scan.filename, "media_type": scan.media_type,
             "pages": scan.pages, "size": scan.size}
            for code, scans in draft.scans.items() for scan in scans
        ],
        "portrait": {"sha256": draft.portrait.sha256, "width": draft.portrait.width, "height": draft.portrait.height,
                     "failures": list(draft.portrait_failures), "exception_reason": draft.portrait_exception_reason}
        if draft.portrait else None,
    }


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _optional_text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _count(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100_000 else default


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _enum(kind, value: object, default):  # noqa: ANN001, ANN202 - any str Enum
    try:
        return kind(value)
    except ValueError:
        return default


def draft_from_json(body: dict, procedures: dict[str, Procedure], portrait: bytes | None,
                    attachments: Mapping[str, bytes] | None = None) -> tuple[IntakeDraft, int]:
    """The draft and the page it was on. Anything that no longer reads (a procedure gone from
    the catalogue, a damaged value) is left empty rather than refusing the whole draft: what
    the officer typed elsewhere is worth more than a clean refusal."""
    body = _dict(body)
    draft = IntakeDraft()
    c = _dict(body.get("citizen"))
    try:
        born = date.fromisoformat(c["date_of_birth"]) if isinstance(c.get("date_of_birth"), str) else None
    except ValueError:
        born = None
    draft.citizen = CitizenDetails(_text(c.get("full_name")), _text(c.get("cccd")), _optional_text(c.get("cmnd")),
                                   born, _enum(Sex, c.get("sex"), None), _text(c.get("address")))
    draft.procedure = procedures.get(_text(body.get("procedure_code")))
    draft.form_values = {str(k): v for k, v in _dict(body.get("form_values")).items() if isinstance(v, str)}
    documents = body.get("documents")
    for item in documents if isinstance(documents, list) else ():
        if (isinstance(item, list) and len(item) == 5 and all(isinstance(x, str) for x in item[:2])
                and all(_count(x, -1) >= 0 for x in item[2:])):
            draft.documents.append(ReceivedDocument(item[0], item[1], item[2], item[3], item[4]))
    draft.sets = max(1, _count(body.get("sets"), 1))
    draft.phone, draft.email = _optional_text(body.get("phone")), _optional_text(body.get("email"))
    draft.delivery = _enum(DeliveryOption, body.get("delivery"), DeliveryOption.DESK)
    draft.delivery_address = _optional_text(body.get("delivery_address"))
    draft.consent = body.get("consent") is True
    draft.fee_collected = body.get("fee_collected", True) is not False
    draft.fee_method = _enum(PaymentMethod, body.get("fee_method"), PaymentMethod.CASH)
    draft.fee_receipt_number = _text(body.get("fee_receipt_number"))
    outcome = body.get("outcome")
    if isinstance(outcome, int) and not isinstance(outcome, bool) and outcome in {int(s) for s in DESK_OUTCOMES}:
        draft.outcome = DossierStatus(outcome)
    draft.refusal_reason = _text(body.get("refusal_reason"))
    draft.supplement_note = _text(body.get("supplement_note"))
    draft.request_ticks = {str(k): v for k, v in _dict(body.get("request_ticks")).items() if isinstance(v, bool)}
    draft.loose_text = {str(k): v for k, v in _dict(body.get("loose_text")).items() if isinstance(v, str)}
    scans = body.get("scans")
    for item in scans if isinstance(scans, list) else ():
        item = _dict(item)
        data = (attachments or {}).get(_text(item.get("sha256")))
        if data is None:
            continue  # its bytes are gone: better a page to attach again than a broken draft
        media_type = _text(item.get("media_type"))
        draft.scans.setdefault(_text(item.get("code")), []).append(PreparedScan(
            data=data, media_type=media_type if media_type in _EXTENSIONS else "application/octet-stream",
            filename=_text(item.get("filename")) or "scan", sha256=_text(item.get("sha256")),
            pages=max(1, _count(item.get("pages"), 1)), size=len(data)))
    shape = _dict(body.get("portrait"))
    if portrait and shape:
        draft.portrait = NormalisedPhoto(portrait, _text(shape.get("sha256")), _count(shape.get("width"), 0),
                                         _count(shape.get("height"), 0))
        failures = shape.get("failures")
        draft.portrait_failures = tuple(f for f in failures if isinstance(f, str)) if isinstance(failures, list) else ()
        draft.portrait_exception_reason = _text(shape.get("exception_reason"))
    return draft, _count(body.get("page"), 0)
