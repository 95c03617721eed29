"""Receipt seals at the central API: keys learnt from dossiers, receipts checked against them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests

from desk_app.core.dossier import Dossier
from desk_app.core.dossier_code import format_code
from desk_app.core.receipt_seal import SealFields, SealStatus, b64url, seal_params
from desk_app.core.timeutil import VN_TZ
from desk_app.signing_key import ReceiptKey
from desk_app.store import DeskStore
from desk_app.sync.client import CentralClient
from tests.central.helpers import fresh_day, lease, make_dossier, put_dossier
from tests.support.central_server import DEMO_PASSWORD, RunningCentral
from tests.support.store_keys import open_store

LOOKUP = "https://motcua.khanhhoa.gov.vn/tra-cuu"


def qr_text(fields: SealFields, key: ReceiptKey) -> str:
    """What a receipt's QR holds (desk_app.documents.receipt.lookup_link with seal_params)."""
    return LOOKUP + "?" + urlencode([("ma_ho_so", fields.code), *seal_params(key.seal(fields), fields)])


def receipt_of(dossier: Dossier, key: ReceiptKey) -> str:
    return qr_text(dossier.seal_fields(), key)


def verify(central: RunningCentral, headers: dict[str, str], text: str) -> requests.Response:
    return requests.post(central.url("/v1/receipts/verify"), json={"text": text}, headers=headers, timeout=10)


def site_keys(central: RunningCentral, headers: dict[str, str]) -> list[dict]:
    response = requests.get(central.url("/v1/receipts/keys"), headers=headers, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def sealed_dossier(central: RunningCentral, headers: dict[str, str], key: ReceiptKey, **changes) -> Dossier:
    """A dossier with a leased final code, sealed by ``key`` as the desk's store seals it."""
    day = fresh_day()
    block = lease(central, headers, day, 2).json()
    code = format_code(block["agency_code"], day, block["first"], block["width"])
    dossier = make_dossier(code=code, received_at=datetime(day.year, day.month, day.day, 9, 30, 12, tzinfo=VN_TZ),
                           desk_id=headers["X-Desk-Id"], **changes)
    return key.seal_dossier(dossier)


@pytest.fixture(scope="module")
def desk_key() -> ReceiptKey:
    return ReceiptKey.generate(persistent=True)


def test_a_receipt_of_a_dossier_the_desk_sent_is_genuine(central: RunningCentral, desk_key: ReceiptKey) -> None:
    headers = central.headers()
    dossier = sealed_dossier(central, headers, desk_key)
    assert put_dossier(central, headers, dossier.to_wire()).status_code == 201

    answer = verify(central, headers, receipt_of(dossier, desk_key))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["genuine"] is True and body["seal"] == "genuine" and body["dossier"] == "matches"
    assert body["differences"] == [] and body["kid"] == desk_key.kid and body["desk_id"] == "DESK-NT-01"
    assert body["fields"] == {"code": dossier.code, "procedure_code": "DEMO.GPLX.01",
                              "received_at": dossier.received_at.isoformat(), "officer_username": "canbo01"}
    assert body["dossier_code"] == dossier.code and body["status"] == 2
    # A supervisor of the same site asks too, from another desk.
    assert verify(central, central.headers("giamsat01"), receipt_of(dossier, desk_key)).json()["genuine"] is True

    keys = {k["kid"]: k for k in site_keys(central, headers)}
    assert keys[desk_key.kid]["public_key"] == b64url(desk_key.public_key)
    assert keys[desk_key.kid]["desk_id"] == "DESK-NT-01"


@pytest.mark.parametrize("change", [
    {"code": "changed"}, {"procedure_code": "DEMO.GPLX.02"}, {"received_at": 60}, {"officer_username": "giamsat01"},
])
def test_a_changed_field_is_refused(central: RunningCentral, desk_key: ReceiptKey, change: dict) -> None:
    headers = central.headers()
    dossier = sealed_dossier(central, headers, desk_key)
    assert put_dossier(central, headers, dossier.to_wire()).status_code == 201
    genuine = receipt_of(dossier, desk_key)
    fields = dossier.seal_fields()
    name, value = next(iter(change.items()))
    if name == "code":
        # Another real dossier's code: the forger copies this receipt's seal onto it.
        other = sealed_dossier(central, headers, desk_key)
        assert put_dossier(central, headers, other.to_wire()).status_code == 201
        value = other.code
    elif name == "received_at":
        value = fields.received_utc + timedelta(seconds=1)
    altered_fields = replace(fields, **{name: value})
    altered = genuine
    for (param, old), (_same, new) in zip(seal_params(desk_key.seal(fields), fields)[:3],
                                          seal_params(desk_key.seal(altered_fields), altered_fields)[:3]):
        altered = altered.replace(f"{param}={old}", f"{param}={new}")
    if name == "code":
        altered = altered.replace(f"ma_ho_so={dossier.code}", f"ma_ho_so={value}")
    assert altered != genuine

    body = verify(central, headers, altered).json()
    assert body["seal"] == "forged" and body["genuine"] is False
    if name != "code":
        # The centre names what no longer matches the dossier it holds.
        assert body["dossier"] == "differs" and body["differences"] == [name]


def test_a_genuine_seal_over_a_dossier_the_centre_does_not_hold_is_not_genuine(
        central: RunningCentral, desk_key: ReceiptKey) -> None:
    headers = central.headers()
    dossier = sealed_dossier(central, headers, desk_key)
    assert put_dossier(central, headers, dossier.to_wire()).status_code == 201
    never_sent = sealed_dossier(central, headers, desk_key)
    body = verify(central, headers, receipt_of(never_sent, desk_key)).json()
    assert (body["seal"], body["dossier"], body["genuine"]) == ("genuine", "not_found", False)
    # Signed by the desk's key, but over another officer than the dossier records.
    other_officer = replace(dossier.seal_fields(), officer_username="giamsat01")
    body = verify(central, headers, qr_text(other_officer, desk_key)).json()
    assert (body["seal"], body["dossier"], body["differences"]) == ("genuine", "differs", ["officer_username"])
    assert body["genuine"] is False


def test_a_kid_claimed_by_a_second_desk_is_refused(central: RunningCentral) -> None:
    first_desk, second_desk = central.headers(), central.headers("giamsat01")  # DESK-NT-01, DESK-NT-02
    shared = ReceiptKey.generate(persistent=True)
    assert put_dossier(central, first_desk, sealed_dossier(central, first_desk, shared).to_wire()).status_code == 201

    copied = sealed_dossier(central, second_desk, shared, officer="giamsat01")
    refused = put_dossier(central, second_desk, copied.to_wire())
    assert refused.status_code == 409, refused.text
    assert refused.json()["detail"]["code"] == "receipt_key_conflict"
    # Nothing of the refused dossier was kept: the same id goes through with the desk's own key.
    own = ReceiptKey.generate(persistent=True)
    resent = own.seal_dossier(replace(copied, receipt_seal=None))
    assert put_dossier(central, second_desk, resent.to_wire()).status_code == 201
    keys = {k["kid"]: k["desk_id"] for k in site_keys(central, first_desk)}
    assert keys[shared.kid] == "DESK-NT-01" and keys[own.kid] == "DESK-NT-02"


def test_a_desk_may_seal_with_several_keys_over_time(central: RunningCentral) -> None:
    headers = central.headers()
    old, new = ReceiptKey.generate(persistent=True), ReceiptKey.generate(persistent=True)
    first, second = sealed_dossier(central, headers, old), sealed_dossier(central, headers, new)
    for dossier in (first, second):
        assert put_dossier(central, headers, dossier.to_wire()).status_code == 201
    keys = {k["kid"]: k["desk_id"] for k in site_keys(central, headers)}
    assert keys[old.kid] == keys[new.kid] == "DESK-NT-01"
    assert verify(central, headers, receipt_of(first, old)).json()["genuine"] is True
    assert verify(central, headers, receipt_of(second, new)).json()["genuine"] is True


def test_a_seal_that_does_not_sign_the_dossier_is_refused_at_intake(central: RunningCentral, desk_key: ReceiptKey) -> None:
    headers = central.headers()
    dossier = sealed_dossier(central, headers, desk_key)
    wire = replace(dossier, officer_username="giamsat01").to_wire()  # the seal is over canbo01
    refused = put_dossier(central, headers, wire)
    assert refused.status_code == 422 and refused.json()["detail"]["code"] == "bad_receipt_seal"
    wire = dossier.to_wire()
    wire["receipt_seal"]["kid"] = "AAAAAAAA"  # a kid that is not its key's: the body does not even read
    refused = put_dossier(central, headers, wire)
    assert refused.status_code == 422 and refused.json()["detail"]["code"] == "invalid_dossier"
    assert "receipt seal" in refused.json()["detail"]["message"]


def test_another_sites_keys_and_dossiers_stay_unknown(central: RunningCentral, desk_key: ReceiptKey) -> None:
    headers = central.headers()
    dossier = sealed_dossier(central, headers, desk_key)
    assert put_dossier(central, headers, dossier.to_wire()).status_code == 201
    post_office = central.headers("buudien01")
    body = verify(central, post_office, receipt_of(dossier, desk_key)).json()
    assert (body["seal"], body["dossier"], body["desk_id"], body["status"]) == ("unknown_key", "not_found", None, None)
    assert desk_key.kid not in {k["kid"] for k in site_keys(central, post_office)}


@pytest.mark.parametrize("text", ["not a receipt", LOOKUP + "?ma_ho_so=000.00.17.H56-261121-0001"])
def test_a_text_that_is_not_a_sealed_receipt_is_refused_clearly(central: RunningCentral, text: str) -> None:
    answer = verify(central, central.headers(), text)
    assert answer.status_code == 422
    assert answer.json()["detail"]["code"] == "bad_receipt_text"


def test_the_desks_own_store_seals_and_its_client_gets_the_verdict(central: RunningCentral, tmp_path: Path) -> None:
    """The desk's path end to end: saved offline with a provisional code and sealed in the
    store's transaction, sent, given a final code; the receipt printed with either code checks."""
    key = ReceiptKey.generate(persistent=True)
    store = open_store(tmp_path / "store")
    client = CentralClient(central.base_url, desk_id="DESK-NT-01")
    try:
        client.login("canbo01", DEMO_PASSWORD)
        unsaved = replace(make_dossier(received_at=datetime(2026, 11, 24, 10, 15, tzinfo=VN_TZ)), code=None)
        saved = store.save_new_dossier(unsaved, {}, seal=key.seal_dossier)
        assert saved.code_provisional and saved.receipt_seal is not None and saved.receipt_seal.kid == key.kid
        sent = store.dossier_for_sending(saved.client_id)
        assert sent.receipt_seal == saved.receipt_seal  # stored with the dossier, sent with it
        answer = client.put_dossier(sent.to_wire())
        store.apply_server_record(saved.client_id, answer)
        final = store.get_dossier(saved.client_id)
        assert not final.code_provisional and final.code != saved.code

        printed_offline = receipt_of(saved, key)
        check = client.verify_receipt(printed_offline)
        assert check.genuine and check.seal is SealStatus.GENUINE and check.dossier == "matches"
        assert check.dossier_code == final.code and check.fields.code == saved.code
        reprinted = receipt_of(final, key)  # a reprint signs the final code afresh
        assert client.verify_receipt(reprinted).genuine
        assert key.kid in {k.kid for k in client.receipt_keys()}
    finally:
        client.close()
        store.close()

