"""The receipt seal: a desk's Ed25519 signature in the receipt's QR code, and the desk's key."""

from __future__ import annotations

import json
import logging
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

import keyring
import keyring.errors
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st
from keyring.backend import KeyringBackend

from desk_app.core.dossier import Applicant, Dossier, DossierDataError
from desk_app.core.receipt_seal import (
    MAX_TEXT,
    DeskKey,
    ParsedSeal,
    Seal,
    SealError,
    SealFields,
    SealStatus,
    b64url,
    kid_of,
    message,
    parse_seal,
    public_key_bytes,
    seal,
    seal_params,
    verify,
    verify_seal,
)
from desk_app.core.timeutil import VN_TZ
from desk_app.credentials import TokenVault
from desk_app.signing_key import ReceiptKey, ReceiptKeyCache, ReceiptKeys, load_receipt_key

LOOKUP = "https://motcua.khanhhoa.gov.vn/tra-cuu"
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))  # fixed, so a failure can be replayed
FIELDS = SealFields(
    code="000.00.17.H56-261121-0001",
    procedure_code="DEMO.GPLX.01",
    received_at=datetime(2026, 11, 21, 9, 30, 12, tzinfo=VN_TZ),
    officer_username="canbo01",
)


def qr_text(fields: SealFields = FIELDS, key: Ed25519PrivateKey = KEY, code: str | None = None) -> str:
    """The receipt's QR text as receipt.lookup_link writes it: code parameter, then the seal's."""
    made = seal(fields, key)
    return LOOKUP + "?" + urlencode([("ma_ho_so", code or fields.code), *seal_params(made, fields)])


def known(key: Ed25519PrivateKey = KEY) -> dict[str, bytes]:
    public = public_key_bytes(key)
    return {kid_of(public): public}


# ---------------------------------------------------------------------- signing and checking


def test_a_sealed_receipt_reads_back_and_checks_as_genuine() -> None:
    text = qr_text()
    parsed = parse_seal(text)
    assert parsed.fields == replace(FIELDS, received_at=FIELDS.received_at.astimezone(UTC))
    assert parsed.kid == kid_of(public_key_bytes(KEY)) and len(parsed.kid) == 8
    verdict = verify(parsed, known())
    assert verdict.status is SealStatus.GENUINE and verdict.genuine
    # A phone opens the lookup page: the code parameter comes first, the seal after it.
    assert text.startswith(LOOKUP + "?ma_ho_so=000.00.17.H56-261121-0001&tt=")


def test_the_qr_text_stays_compact() -> None:
    # 64 bytes of signature are most of it; the whole text stays in a small QR version.
    assert len(qr_text()) <= 230


def test_the_signed_message_is_canonical_and_versioned() -> None:
    assert message(FIELDS) == b"v1|000.00.17.H56-261121-0001|DEMO.GPLX.01|2026-11-21T02:30:12Z|canbo01"
    # Whole seconds: a clock's microseconds cannot make the QR and the record disagree.
    assert message(replace(FIELDS, received_at=FIELDS.received_at.replace(microsecond=999))) == message(FIELDS)


def test_a_separator_inside_a_field_cannot_move_text_to_the_next_field() -> None:
    one = replace(FIELDS, procedure_code="A|B", officer_username="C")
    other = replace(FIELDS, procedure_code="A", officer_username="B|C")
    assert message(one) != message(other)
    assert verify(parse_seal(qr_text(one)), known()).genuine


def test_vietnamese_text_typed_two_ways_signs_the_same() -> None:
    composed = replace(FIELDS, officer_username=unicodedata.normalize("NFC", "nguyễn.lan"))
    decomposed = replace(FIELDS, officer_username=unicodedata.normalize("NFD", "nguyễn.lan"))
    assert composed.officer_username != decomposed.officer_username
    assert message(composed) == message(decomposed)


@pytest.mark.parametrize("param, value", [
    ("ma_ho_so", "000.00.17.H56-261121-0002"),
    ("tt", "DEMO.GPLX.02"),
    ("tn", "20261121T023013Z"),
    ("cb", "canbo02"),
])
def test_each_changed_field_fails(param: str, value: str) -> None:
    text = qr_text()
    original = dict(pair.split("=", 1) for pair in text.split("?", 1)[1].split("&"))
    changed = text.replace(f"{param}={original[param]}", f"{param}={quote(value, safe='')}")
    assert changed != text
    verdict = verify(parse_seal(changed), known())
    assert verdict.status is SealStatus.FORGED and not verdict.genuine


def test_a_signature_by_another_key_under_this_desks_kid_fails() -> None:
    forger = Ed25519PrivateKey.generate()
    forged_sig = b64url(seal(FIELDS, forger).signature)
    genuine = qr_text()
    genuine_sig = b64url(seal(FIELDS, KEY).signature)
    forged = genuine.replace(genuine_sig, forged_sig)
    assert forged != genuine
    assert verify(parse_seal(forged), known()).status is SealStatus.FORGED


def test_a_key_nobody_knows_cannot_be_told() -> None:
    stranger = Ed25519PrivateKey.generate()
    assert verify(parse_seal(qr_text(key=stranger)), known()).status is SealStatus.UNKNOWN_KEY


def test_a_key_filed_under_another_kid_is_not_trusted() -> None:
    # A doctored key list that files the forger's key under this desk's kid.
    forger = Ed25519PrivateKey.generate()
    parsed = parse_seal(qr_text(key=forger))
    lying = {parsed.kid: public_key_bytes(KEY), kid_of(public_key_bytes(KEY)): public_key_bytes(forger)}
    assert verify(parsed, lying).status is SealStatus.UNKNOWN_KEY
    truncated = {parsed.kid: public_key_bytes(forger)[:31]}
    assert verify(parsed, truncated).status is SealStatus.UNKNOWN_KEY


# ---------------------------------------------------------------------- the seal on the dossier


def _dossier(**changes) -> Dossier:
    base = Dossier(
        client_id="2f1c3f0e-8a51-4c7e-9a55-1d2f3a4b5c6d", procedure_code=FIELDS.procedure_code,
        catalogue_version="2026.11.1", applicant=Applicant(full_name="Nguyễn Thị Phương Thảo"),
        received_at=FIELDS.received_at, due_at=FIELDS.received_at, officer_username=FIELDS.officer_username,
        site_code="000.00.17.H56", desk_id="DESK-NT-01", code=FIELDS.code,
    )
    return replace(base, **changes)


def test_the_dossier_carries_its_seal_over_the_wire() -> None:
    dossier = _dossier()
    sealed = ReceiptKey(KEY, persistent=False).seal_dossier(dossier)
    assert sealed.receipt_seal is not None and verify_seal(sealed.receipt_seal, sealed.seal_fields())
    wire = sealed.to_wire()
    assert wire["receipt_seal"] == {"version": 1, "kid": kid_of(public_key_bytes(KEY)),
                                    "public_key": b64url(public_key_bytes(KEY)),
                                    "signature": b64url(sealed.receipt_seal.signature)}
    assert Dossier.from_wire(json.loads(json.dumps(wire))) == sealed
    assert "receipt_seal" not in dossier.to_wire()  # unsealed bodies stay as they were


@pytest.mark.parametrize("damage", [
    {"kid": "AAAAAAAA"},
    {"public_key": "short"},
    {"signature": b64url(b"x" * 63)},
    {"version": "1"},
])
def test_a_damaged_seal_on_the_wire_is_a_dossier_data_error(damage: dict) -> None:
    wire = ReceiptKey(KEY, persistent=False).seal_dossier(_dossier()).to_wire()
    wire["receipt_seal"].update(damage)
    with pytest.raises(DossierDataError):
        Dossier.from_wire(wire)


def test_a_seal_no_longer_fits_once_the_code_changes() -> None:
    sealed = ReceiptKey(KEY, persistent=False).seal_dossier(_dossier(code="000.00.17.H56-261121-TAM.AB12.0001"))
    final = sealed.with_code(FIELDS.code, provisional=False)
    assert sealed.receipt_seal is not None
    assert not verify_seal(sealed.receipt_seal, final.seal_fields())


def test_a_seal_that_cannot_be_made_does_not_stop_the_save(caplog: pytest.LogCaptureFixture) -> None:
    uncoded = _dossier(code=None)
    with caplog.at_level(logging.ERROR):
        assert ReceiptKey(KEY, persistent=False).seal_dossier(uncoded) == uncoded
    assert "without a receipt seal" in caplog.text


# ---------------------------------------------------------------------- malformed QR texts


@pytest.mark.parametrize("text, template", [
    ("", SealError.NOT_A_RECEIPT),
    ("056162123456|225123456|Nguyễn Văn A|01011990|Nam|Khánh Hòa|01012021", SealError.NOT_A_RECEIPT),
    (LOOKUP, SealError.NOT_A_RECEIPT),
    (LOOKUP + "?tt=DEMO.GPLX.01", SealError.NOT_A_RECEIPT),
    (LOOKUP + "?ma_ho_so=000.00.17.H56-261121-0001", SealError.NO_SEAL),
    (qr_text().replace("ck=1.", "ck=2."), SealError.NEWER),
    (qr_text() + "&tt=DEMO.GPLX.02", SealError.DAMAGED),
    (qr_text().replace("tn=20261121T023012Z", "tn=20261321T023012Z"), SealError.DAMAGED),
    (qr_text().replace("tn=20261121T023012Z", "tn=1732156212"), SealError.DAMAGED),
    (qr_text().replace("&cb=canbo01", ""), SealError.DAMAGED),
    (qr_text().replace("cb=canbo01", "cb=%0A"), SealError.DAMAGED),
    (qr_text().replace("cb=canbo01", "cb=%FF%FE"), SealError.DAMAGED),
    (qr_text()[:-3], SealError.DAMAGED),
    (qr_text().replace("ck=1.", "ck=0."), SealError.DAMAGED),
    (qr_text() + "x" * MAX_TEXT, SealError.DAMAGED),
])
def test_a_malformed_text_is_named_clearly(text: str, template: str) -> None:
    with pytest.raises(SealError) as raised:
        parse_seal(text)
    assert raised.value.template == template
    assert raised.value.english()  # fills in: something to show the officer


def test_a_scanner_s_noise_around_the_text_is_ignored() -> None:
    assert verify(parse_seal("\ufeff" + qr_text() + "\r\n"), known()).genuine


def test_only_the_query_is_enough() -> None:
    assert verify(parse_seal(qr_text().split("?", 1)[1]), known()).genuine


def test_a_lookup_template_with_another_code_parameter_is_read_with_it() -> None:
    made = seal(FIELDS, KEY)
    text = LOOKUP + "?" + urlencode([("code", FIELDS.code), *seal_params(made, FIELDS)])
    with pytest.raises(SealError):
        parse_seal(text)
    assert verify(parse_seal(text, code_param="code"), known()).genuine


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
                 st.none(), st.integers()))
def test_any_text_parses_or_says_why(text: object) -> None:
    try:
        parsed = parse_seal(text)
    except SealError as exc:
        assert exc.english()
    else:
        assert isinstance(parsed, ParsedSeal)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_changed_character_never_passes_as_other_fields(data: st.DataObject) -> None:
    """Change, drop or insert a character anywhere in a genuine QR text: it is refused, or
    it still names exactly the fields that were signed (a change that means nothing, like
    the host's spelling); never a genuine verdict over other fields."""
    text = qr_text()
    position = data.draw(st.integers(0, len(text) - 1))
    replacement = data.draw(st.text(max_size=2))
    changed = text[:position] + replacement + text[position + data.draw(st.integers(0, 2)):]
    try:
        parsed = parse_seal(changed)
    except SealError:
        return
    if verify(parsed, known()).genuine:
        assert parsed.fields == parse_seal(text).fields


# ---------------------------------------------------------------------- the desk's key


class FileLessKeyring(KeyringBackend):
    """An in-process keyring standing in for the OS one (as tests/test_credentials.py)."""

    priority = 1

    def __init__(self, fail_reads: bool = False) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.fail_reads = fail_reads

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        if self.fail_reads:
            raise keyring.errors.KeyringLocked("locked")
        return self.items.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def backend():
    previous = keyring.get_keyring()
    fake = FileLessKeyring()
    keyring.set_keyring(fake)
    yield fake
    keyring.set_keyring(previous)


def test_the_desk_key_is_made_once_and_kept_in_the_keyring(backend: FileLessKeyring) -> None:
    first = load_receipt_key("DESK-NT-01", TokenVault())
    assert first.persistent
    stored = backend.items[("one-stop-desk", "receipt-key:DESK-NT-01")]
    assert stored.startswith("ed25519:") and first.kid not in stored
    again = load_receipt_key("DESK-NT-01", TokenVault())
    assert again.kid == first.kid and again.public_key == first.public_key
    assert load_receipt_key("DESK-NT-02", TokenVault()).kid != first.kid  # one key per desk


def test_without_a_keyring_the_key_lives_for_the_session_and_the_log_says_so(caplog: pytest.LogCaptureFixture) -> None:
    # tests/conftest.py sets the failing keyring backend: nothing reaches the user's keyring.
    with caplog.at_level(logging.WARNING):
        key = load_receipt_key("DESK-NT-01", TokenVault())
    assert not key.persistent
    assert "session only" in caplog.text
    assert load_receipt_key("DESK-NT-01", TokenVault()).kid != key.kid


def test_an_unreadable_keyring_is_not_overwritten(backend: FileLessKeyring) -> None:
    kept = load_receipt_key("DESK-NT-01", TokenVault())
    stored = dict(backend.items)
    backend.fail_reads = True
    session_key = load_receipt_key("DESK-NT-01", TokenVault())
    assert not session_key.persistent and session_key.kid != kept.kid
    assert backend.items == stored


def test_a_damaged_stored_key_is_replaced(backend: FileLessKeyring) -> None:
    backend.items[("one-stop-desk", "receipt-key:DESK-NT-01")] = "ed25519:not-a-key"
    key = load_receipt_key("DESK-NT-01", TokenVault())
    assert key.persistent
    assert load_receipt_key("DESK-NT-01", TokenVault()).kid == key.kid


# ---------------------------------------------------------------------- the site's keys, offline


def test_cached_keys_check_a_receipt_offline(tmp_path) -> None:
    other_desk = Ed25519PrivateKey.generate()
    cache = ReceiptKeyCache(tmp_path / "receipt_keys.json")
    fetched = datetime(2026, 11, 21, 8, 0, tzinfo=VN_TZ)
    cache.save([DeskKey(kid_of(public_key_bytes(other_desk)), public_key_bytes(other_desk), "DESK-NT-02")], fetched)
    keys = ReceiptKeys(own=ReceiptKey(KEY, persistent=True), desk_id="DESK-NT-01", cache=cache)
    loaded = cache.load()
    assert loaded.fetched_at == fetched and loaded.desk_of(kid_of(public_key_bytes(other_desk))) == "DESK-NT-02"
    known_here = keys.known_keys()
    assert verify(parse_seal(qr_text(key=other_desk)), known_here).genuine   # a colleague's receipt
    assert verify(parse_seal(qr_text()), known_here).genuine                 # this desk's own
    assert verify(parse_seal(qr_text(key=Ed25519PrivateKey.generate())), known_here).status is SealStatus.UNKNOWN_KEY
    assert [p.name for p in tmp_path.iterdir()] == ["receipt_keys.json"]     # no temporary file left


def test_a_damaged_cache_is_no_keys_and_a_bad_entry_is_dropped(tmp_path) -> None:
    path = tmp_path / "receipt_keys.json"
    cache = ReceiptKeyCache(path)
    assert cache.load().keys == ()                       # never fetched
    path.write_text("{not json", encoding="utf-8")
    assert cache.load().keys == ()
    good = public_key_bytes(KEY)
    path.write_text(json.dumps({"format": 1, "fetched_at": "2026-11-21T08:00:00+07:00", "keys": [
        {"kid": kid_of(good), "public_key": b64url(good), "desk_id": "DESK-NT-01"},
        {"kid": "AAAAAAAA", "public_key": b64url(good), "desk_id": "DESK-NT-02"},   # kid not its key's
        {"kid": kid_of(good)},
        "junk",
    ]}), encoding="utf-8")
    assert [k.desk_id for k in cache.load().keys] == ["DESK-NT-01"]


def test_seal_wire_round_trip_keeps_every_byte() -> None:
    made = seal(FIELDS, KEY)
    assert Seal.from_wire(made.to_wire()) == made
