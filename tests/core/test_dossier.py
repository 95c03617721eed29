import itertools
from datetime import date, datetime

import pytest

from desk_app.core.catalogue import DeliveryOption
from desk_app.core.dossier import (
    TERMINAL, TRANSITIONS, Applicant, AttachmentRef, Channel, Dossier, DossierDataError,
    DossierStatus, FeeLine, IllegalTransition, ReceivedDocument, ValidationOverride, check_transition, new_client_id,
)
from desk_app.core.identity import Sex
from desk_app.core.timeutil import VN_TZ


def make_dossier(**changes) -> Dossier:
    values = dict(
        client_id=new_client_id(),
        procedure_code="DEMO.GPLX.01",
        catalogue_version="2026.11.1",
        applicant=Applicant("Nguyễn Văn Bình", cccd="056085000123", date_of_birth=date(1985, 1, 2), sex=Sex.MALE,
                            address="12 Trần Phú, Nha Trang", phone="0905123456"),
        received_at=datetime(2026, 11, 20, 9, 30, tzinfo=VN_TZ),
        due_at=datetime(2026, 11, 27, 9, 30, tzinfo=VN_TZ),
        officer_username="canbo01",
        site_code="000.00.17.H56",
        desk_id="DESK-01",
        form_values={"licence_number": "560123456789"},
        documents=(ReceivedDocument("don", "Đơn đề nghị", originals=1),),
        attachments=(AttachmentRef("a" * 64, "portrait", "portrait.jpg", "image/jpeg", 4000),),
        fees=(FeeLine("le_phi", "Lệ phí", 135000),),
        delivery=DeliveryOption.POST,
        delivery_address="12 Trần Phú, Nha Trang",
    )
    values.update(changes)
    return Dossier(**values)


def test_wire_round_trip_is_lossless():
    dossier = make_dossier()
    assert Dossier.from_wire(dossier.to_wire()) == dossier
    assert dossier.to_wire()["received_at"] == "2026-11-20T09:30:00+07:00"
    assert dossier.total_fee == 135000


def test_validation_overrides_travel_and_are_left_out_when_none():
    override = ValidationOverride("documents_short", ("Đơn đề nghị", "Ảnh 3x4"), "canbo01")
    dossier = make_dossier(validation_overrides=(override,))
    wire = dossier.to_wire()
    assert wire["validation_overrides"] == [
        {"rule": "documents_short", "documents": ["Đơn đề nghị", "Ảnh 3x4"], "accepted_by": "canbo01"}]
    assert Dossier.from_wire(wire) == dossier
    assert "validation_overrides" not in make_dossier().to_wire()


def test_every_status_and_channel_has_its_national_code():
    assert [s.value for s in DossierStatus] == list(range(1, 11))
    assert [c.value for c in Channel] == [1, 2, 3]


def test_legal_path_from_acceptance_to_hand_over():
    dossier = make_dossier()
    for status in (DossierStatus.PROCESSING, DossierStatus.RESULT_READY, DossierStatus.HANDED_OVER):
        dossier = dossier.moved_to(status)
    assert dossier.status is DossierStatus.HANDED_OVER


@pytest.mark.parametrize("old,new", [(a, b) for a, b in itertools.product(DossierStatus, DossierStatus) if b not in TRANSITIONS[a]])
def test_every_illegal_transition_is_refused(old, new):
    with pytest.raises(IllegalTransition):
        check_transition(old, new)


def test_terminal_statuses():
    assert TERMINAL == {DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED, DossierStatus.HANDED_OVER}


def test_every_status_is_reachable_from_new():
    seen, frontier = {DossierStatus.NEW}, [DossierStatus.NEW]
    while frontier:
        for nxt in TRANSITIONS[frontier.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert seen == set(DossierStatus)


@pytest.mark.parametrize("breakage", [
    lambda w: w.pop("applicant"),
    lambda w: w.__setitem__("status", 42),
    lambda w: w.__setitem__("client_id", "not-a-uuid"),
    lambda w: w.__setitem__("received_at", "2026-11-20T09:30:00"),
    lambda w: w["fees"][0].__setitem__("amount", "a lot"),
    lambda w: w.__setitem__("validation_overrides", [{"rule": "documents_short", "documents": "Đơn"}]),
    lambda w: w.__setitem__("validation_overrides", [{"rule": "documents_short", "documents": "Đơn",
                                                      "accepted_by": "canbo01"}]),
])
def test_malformed_wire_records_raise_dossier_data_error(breakage):
    wire = make_dossier().to_wire()
    breakage(wire)
    with pytest.raises(DossierDataError):
        Dossier.from_wire(wire)
