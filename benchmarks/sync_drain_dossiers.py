"""Dossiers for the sync drain benchmark, built from the seeded catalogue like the intake wizard does.

Each dossier takes a portrait and two scans (``sync_drain_payloads``); a ``tag`` keeps the
bytes of one set of dossiers apart from another's of the same sizes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from desk_app.core.calendar import WorkingCalendar
from desk_app.core.catalogue import Catalogue, FormField, Procedure
from desk_app.core.dossier import Applicant, AttachmentRef, Dossier, FeeLine, ReceivedDocument, new_client_id
from desk_app.core.identity import Sex, century_and_sex_digit
from desk_app.core.validation import validate_form

from sync_drain_payloads import PORTRAIT_BYTES, SCAN_BYTES, portrait_jpeg, scan_pdf

# The demo catalogue's licence renewal: it asks for a portrait, as most intake does.
PROCEDURE_CODE = "DEMO.GPLX.01"
BIRTH_DAY = date(1984, 9, 2)


@dataclass(frozen=True)
class Counter:
    """Who takes the dossiers: the signed-in account's name and site, and the desk."""

    username: str
    site_code: str
    desk_id: str


def attachment_files(tag: str, index: int) -> list[tuple[str, str, str, bytes]]:
    """(kind, file name, media type, bytes) of one dossier's portrait and two scans."""
    seed = f"{tag}/{index}"
    return [
        ("portrait", "portrait.jpg", "image/jpeg", portrait_jpeg(f"{seed}/portrait", PORTRAIT_BYTES)),
        ("scan", "don-de-nghi.pdf", "application/pdf", scan_pdf(f"{seed}/scan-1", SCAN_BYTES)),
        ("scan", "giay-kham-suc-khoe.pdf", "application/pdf", scan_pdf(f"{seed}/scan-2", SCAN_BYTES)),
    ]


def bytes_per_dossier() -> int:
    return PORTRAIT_BYTES + 2 * SCAN_BYTES


def _value_for(form_field: FormField, index: int) -> str:
    """A value the field's own rule accepts, chosen from its type and pattern."""
    if form_field.choices:
        return form_field.choices[-1].value
    kind = form_field.type.value
    if kind == "date":
        return BIRTH_DAY.strftime("%d/%m/%Y")
    if kind == "number":
        return str(int(form_field.min_value) if form_field.min_value is not None else 1)
    if kind == "phone":
        return "0914" + f"{index % 1_000_000:06d}"
    if kind == "email":
        return f"cong.dan{index}@example.vn"
    if form_field.pattern == "^[0-9]{12}$":
        return f"79{index % 10**10:010d}"
    return "Trần Minh Khoa"


def _procedure(catalogue: Catalogue) -> Procedure:
    return catalogue.get(PROCEDURE_CODE)


def build_dossier(catalogue: Catalogue, counter: Counter, index: int, tag: str,
                  received_at: datetime) -> tuple[Dossier, dict[str, bytes]]:
    """A complete, valid dossier and its attachment bytes by hash; the code is left to the store."""
    procedure = _procedure(catalogue)
    form_values = {f.key: _value_for(f, index) for f in procedure.fields}
    problems = validate_form(procedure.fields, form_values)
    if problems:
        raise ValueError(f"the benchmark's form values no longer pass {procedure.code}: {problems}")
    blobs: dict[str, bytes] = {}
    attachments = []
    for kind, filename, media_type, data in attachment_files(tag, index):
        sha = hashlib.sha256(data).hexdigest()
        blobs[sha] = data
        attachments.append(AttachmentRef(sha, kind, filename, media_type, len(data)))
    serial = index % 1_000_000
    dossier = Dossier(
        client_id=new_client_id(),
        procedure_code=procedure.code,
        catalogue_version=catalogue.version,
        applicant=Applicant(
            full_name="Trần Minh Khoa",
            cccd=f"056{century_and_sex_digit(BIRTH_DAY, Sex.MALE)}{BIRTH_DAY.year % 100:02d}{serial:06d}",
            date_of_birth=BIRTH_DAY,
            sex=Sex.MALE,
            address="Phường Vĩnh Hải, Tỉnh Khánh Hòa",
            phone="0914" + f"{serial:06d}",
        ),
        received_at=received_at,
        due_at=WorkingCalendar().due_at(received_at, procedure.processing_days),
        officer_username=counter.username,
        site_code=counter.site_code,
        desk_id=counter.desk_id,
        form_values=form_values,
        documents=tuple(ReceivedDocument(d.code, d.name, d.originals, d.certified_copies, d.photocopies)
                        for d in procedure.documents),
        attachments=tuple(attachments),
        fees=tuple(FeeLine(f.code, f.name, f.amount) for f in procedure.fees),
    )
    return dossier, blobs
