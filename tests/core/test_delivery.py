"""Which files the central system has confirmed holding, by the desk's own hashes."""

from __future__ import annotations

from desk_app.core.delivery import PortraitDelivery, confirmed_sha256s, portrait_delivery, unconfirmed_sha256s

PORTRAIT, SCAN = "a" * 64, "b" * 64
WIRE = {"attachments": [
    {"sha256": PORTRAIT, "kind": "portrait", "filename": "anh.jpg", "media_type": "image/jpeg", "size": 9},
    {"sha256": SCAN, "kind": "scan", "filename": "don-1.pdf", "media_type": "application/pdf", "size": 9},
]}


def answer(*stored: tuple[str, bool]) -> dict:
    return {"client_id": "x", "code": "c", "attachments": [{"sha256": sha, "stored": ok} for sha, ok in stored]}


def test_only_an_answer_naming_the_portraits_own_hash_as_stored_proves_it_received():
    assert portrait_delivery(WIRE, None) is PortraitDelivery.WAITING
    assert portrait_delivery(WIRE, answer((PORTRAIT, True), (SCAN, True))) is PortraitDelivery.RECEIVED
    assert portrait_delivery(WIRE, answer((PORTRAIT, False), (SCAN, True))) is PortraitDelivery.WAITING
    assert portrait_delivery(WIRE, answer((SCAN, True))) is PortraitDelivery.WAITING
    assert portrait_delivery(WIRE, answer(("c" * 64, True), (SCAN, True))) is PortraitDelivery.WAITING
    assert portrait_delivery({"attachments": []}, None) is PortraitDelivery.NONE


def test_the_files_left_unconfirmed_are_named_once_in_the_dossiers_order():
    assert unconfirmed_sha256s(WIRE, answer((SCAN, True))) == [PORTRAIT]
    assert unconfirmed_sha256s(WIRE, answer((PORTRAIT, "yes"), (SCAN, False))) == [PORTRAIT, SCAN]  # type: ignore[arg-type]
    assert unconfirmed_sha256s(WIRE, answer((PORTRAIT.upper(), True), (SCAN, True))) == []
    assert unconfirmed_sha256s(WIRE, {"attachments": "broken"}) == [PORTRAIT, SCAN]


def test_the_servers_own_record_of_the_dossier_names_what_it_took_it_with():
    record = {**WIRE, "applicant": {"full_name": "x"}, "code": "c"}
    assert confirmed_sha256s(record) == {PORTRAIT, SCAN}
    assert confirmed_sha256s({"attachments": WIRE["attachments"]}) == set()  # an answer must say "stored"
