"""The outcome recorded at the desk on the wire: the refusal's reason or the supplement's
guidance (``outcome_note``) and the documents asked for (``requested_documents``).

Both keys are left out when unset, so an accepted dossier's body, and the hash the central
API compares its replays with, are what they were before the keys existed.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from pydantic import ValidationError

from central_api.dossiers import normalised_body
from central_api.jsonutil import json_digest
from central_api.schemas import DossierWire
from desk_app.core.dossier import (
    DOCUMENTS_SHORT,
    Consent,
    Dossier,
    DossierDataError,
    DossierStatus,
    PortraitException,
    ReceivedDocument,
    ValidationOverride,
)

from .test_dossier import make_dossier

# Every key of an accepted dossier's body as sent before the outcome keys were added.
ACCEPTED_KEYS = {
    "client_id", "code", "code_provisional", "procedure_code", "catalogue_version", "channel", "status",
    "applicant", "form_values", "documents", "attachments", "fees", "delivery", "delivery_address", "sets",
    "received_at", "due_at", "officer_username", "site_code", "desk_id",
}


def supplement_requested(**changes) -> Dossier:
    return make_dossier(
        status=DossierStatus.SUPPLEMENT_REQUESTED,
        outcome_note="Mang bản chính đơn đề nghị.\nBản sao bị mờ: chụp lại.",
        requested_documents=(ReceivedDocument("don", "Đơn đề nghị", originals=1),
                             ReceivedDocument("gplx", "Bản sao giấy phép lái xe", photocopies=1)),
        **changes,
    )


def test_an_accepted_dossier_sends_no_outcome_keys():
    wire = make_dossier().to_wire()
    assert set(wire) == ACCEPTED_KEYS
    # The centre stores (and hashes) the same body, so a replay from an older desk still matches.
    assert normalised_body(DossierWire.model_validate(wire)) == wire
    assert json_digest(normalised_body(DossierWire.model_validate(wire))) == json_digest(wire)


def test_a_validation_override_is_stored_by_the_centre_as_sent():
    dossier = make_dossier(validation_overrides=(
        ValidationOverride(DOCUMENTS_SHORT, ("Đơn đề nghị", "Bản sao giấy phép lái xe"), "canbo01"),))
    wire = dossier.to_wire()
    assert set(wire) == ACCEPTED_KEYS | {"validation_overrides"}
    stored = normalised_body(DossierWire.model_validate(wire))
    assert stored == wire and Dossier.from_wire(stored) == dossier


def test_a_supplement_request_round_trips_with_its_note_and_documents():
    dossier = supplement_requested()
    wire = dossier.to_wire()
    assert wire["outcome_note"] == dossier.outcome_note
    assert wire["requested_documents"] == [
        {"code": "don", "name": "Đơn đề nghị", "originals": 1, "certified_copies": 0, "photocopies": 0},
        {"code": "gplx", "name": "Bản sao giấy phép lái xe", "originals": 0, "certified_copies": 0, "photocopies": 1},
    ]
    assert Dossier.from_wire(wire) == dossier
    stored = normalised_body(DossierWire.model_validate(wire))
    assert stored == wire and Dossier.from_wire(stored) == dossier


def test_a_refusal_sends_its_reason_and_no_documents():
    dossier = make_dossier(status=DossierStatus.REFUSED, outcome_note="Không thuộc thẩm quyền.", fees=())
    wire = dossier.to_wire()
    assert wire["outcome_note"] == "Không thuộc thẩm quyền." and "requested_documents" not in wire
    assert Dossier.from_wire(wire) == dossier


def test_a_server_record_with_explicit_nulls_reads_like_absent_keys():
    accepted = make_dossier()
    wire = {**accepted.to_wire(), "outcome_note": None, "requested_documents": []}
    assert Dossier.from_wire(wire) == accepted
    assert Dossier.from_wire(wire).to_wire() == accepted.to_wire()


@pytest.mark.parametrize("breakage", [
    lambda w: w.__setitem__("outcome_note", 42),
    lambda w: w.__setitem__("requested_documents", [{"name": "no code"}]),
    lambda w: w.__setitem__("requested_documents", [{"code": "don", "name": "Đơn", "originals": "one"}]),
    lambda w: w.__setitem__("requested_documents", ["don"]),
])
def test_malformed_outcome_keys_raise_dossier_data_error(breakage):
    wire = supplement_requested().to_wire()
    breakage(wire)
    with pytest.raises(DossierDataError):
        Dossier.from_wire(wire)


@pytest.mark.parametrize("note", ["", "Lý do\x00", "x" * 2001])
def test_the_central_schema_refuses_an_empty_a_nul_or_an_overlong_note(note):
    wire = {**supplement_requested().to_wire(), "outcome_note": note}
    with pytest.raises(ValidationError):
        DossierWire.model_validate(wire)


def test_the_central_schema_keeps_a_note_of_2000_characters():
    wire = {**supplement_requested().to_wire(), "outcome_note": "x" * 2000}
    assert normalised_body(DossierWire.model_validate(wire))["outcome_note"] == "x" * 2000


def test_consent_travels_with_the_words_and_the_time_and_is_absent_when_not_given() -> None:
    base = make_dossier()
    assert "consent" not in base.to_wire()  # old bodies and their replays are unchanged
    given = replace(base, consent=Consent(base.received_at, "Công dân đồng ý cho xử lý các thông tin trên."))
    wire = given.to_wire()
    assert wire["consent"] == {"given_at": wire["received_at"], "text": "Công dân đồng ý cho xử lý các thông tin trên."}
    assert Dossier.from_wire(wire) == given
    # The centre keeps it in the stored body, one spelling of the instant for replays.
    stored = normalised_body(DossierWire.model_validate(wire))
    assert stored["consent"] == wire["consent"]
    assert "consent" not in normalised_body(DossierWire.model_validate(base.to_wire()))


def test_a_portrait_accepted_against_the_rules_travels_with_the_reason_for_review() -> None:
    base = make_dossier()
    assert "portrait_exception" not in base.to_wire()
    excepted = replace(base, portrait_exception=PortraitException(
        ("background_plain", "eyes"), "Công dân đội khăn theo tôn giáo, không thể tháo.", "canbo01"))
    wire = excepted.to_wire()
    assert wire["portrait_exception"] == {"rules": ["background_plain", "eyes"],
                                         "reason": "Công dân đội khăn theo tôn giáo, không thể tháo.",
                                         "accepted_by": "canbo01"}
    assert Dossier.from_wire(wire) == excepted
    assert normalised_body(DossierWire.model_validate(wire))["portrait_exception"] == wire["portrait_exception"]
    with pytest.raises(ValidationError):  # an exception without a reason is not one
        DossierWire.model_validate({**wire, "portrait_exception": {**wire["portrait_exception"], "reason": ""}})
