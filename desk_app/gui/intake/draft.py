"""What the wizard has gathered so far, and how it becomes a dossier and its receipt.

Plain Python, so the assembly rules are tested without widgets: the pages fill an
``IntakeDraft``; ``build_dossier`` turns it into the ``Dossier`` the store saves and
``build_receipt`` into the data of Mẫu 01.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from desk_app.core.calendar import WorkingCalendar
from desk_app.core.catalogue import DeliveryOption, Procedure
from desk_app.core.dossier import (
    Applicant,
    AttachmentRef,
    Channel,
    Dossier,
    DossierStatus,
    FeeLine,
    ReceivedDocument,
    new_client_id,
)
from desk_app.core.identity import Sex
from desk_app.documents.receipt import ReceiptData
from desk_app.photo.normalise import NormalisedPhoto
from desk_app.sync.client import UserInfo

PORTRAIT_FILENAME = "portrait.jpg"


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
    consent: bool = False

    def prefill_value(self, source: str | None) -> str:
        """The citizen attribute a form field's ``prefill`` names, as the field shows it."""
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


def build_dossier(
    draft: IntakeDraft,
    *,
    catalogue_version: str,
    user: UserInfo,
    desk_id: str,
    received_at: datetime,
    calendar: WorkingCalendar,
    client_id: str | None = None,
) -> tuple[Dossier, dict[str, bytes]]:
    """The dossier to save and the attachment bytes by SHA-256; the store assigns the code."""
    procedure = draft.procedure
    if procedure is None:
        raise ValueError("no procedure chosen")
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
        due_at=calendar.due_at(received_at, procedure.processing_days),
        officer_username=user.username,
        site_code=user.site_code,
        desk_id=desk_id,
        status=DossierStatus.ACCEPTED,
        channel=Channel.DIRECT,
        form_values={k: v for k, v in draft.form_values.items() if v},
        documents=tuple(draft.documents),
        attachments=tuple(attachments),
        fees=tuple(FeeLine(f.code, f.name, f.amount) for f in procedure.fees),
        delivery=draft.delivery,
        delivery_address=(draft.delivery_address or None) if post else None,
        sets=draft.sets,
    )
    return dossier, blobs


def build_receipt(dossier: Dossier, procedure: Procedure, user: UserInfo, lookup_url: str) -> ReceiptData:
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
    )
