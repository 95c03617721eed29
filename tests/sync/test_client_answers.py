"""CentralClient against answers the real API never gives: dead ports, slow, busy, lying, malformed."""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
import requests
from hypothesis import HealthCheck, given, settings, strategies as st

from desk_app.sync import (
    AuthenticationFailed,
    CentralClient,
    CentralRejected,
    CentralUnavailable,
    HashMismatch,
    MalformedAnswer,
    SyncCancelled,
)
from desk_app.sync.client import _server_reason

from .conftest import closed_port_url
from .scripted_http import SeenRequest, json_answer, scripted_server


@pytest.fixture
def scripted():
    with scripted_server() as server:
        yield server


def test_closed_port_is_unavailable_with_the_offline_message():
    client = CentralClient(closed_port_url(), desk_id="DESK-T-01", timeout=2)
    with pytest.raises(CentralUnavailable) as caught:
        client.health()
    err = caught.value
    assert err.kind == "network" and err.network_down
    assert err.template == CentralUnavailable.UNREACHABLE
    assert err.context == "DeskError"
    assert "saved on this desk" in str(err)


def test_slow_server_times_out(scripted):
    def slow(request: SeenRequest):
        time.sleep(1.0)
        return json_answer(200, {"status": "ok"})

    scripted.answer = slow
    client = CentralClient(scripted.base_url, desk_id="DESK-T-01", timeout=0.2)
    with pytest.raises(CentralUnavailable) as caught:
        client.health()
    assert caught.value.kind == "timeout"
    assert caught.value.template == CentralUnavailable.TIMEOUT


def test_server_fault_is_transient_but_not_a_dead_network(scripted):
    scripted.answer = lambda r: (500, {"Content-Type": "text/plain"}, b"Internal Server Error")
    client = CentralClient(scripted.base_url, desk_id="DESK-T-01")
    with pytest.raises(CentralUnavailable) as caught:
        client.health()
    assert caught.value.kind == "server" and caught.value.status == 500
    assert not caught.value.network_down
    assert "HTTP 500" in str(caught.value)


def test_429_carries_retry_after_seconds(scripted):
    scripted.answer = lambda r: json_answer(429, {"detail": {"code": "slow_down"}}, {"Retry-After": "7"})
    client = CentralClient(scripted.base_url, desk_id="DESK-T-01")
    with pytest.raises(CentralUnavailable) as caught:
        client.health()
    assert caught.value.kind == "busy"
    assert caught.value.retry_after == 7
    assert "7 seconds" in str(caught.value)


def test_503_retry_after_as_http_date(scripted):
    when = datetime.now(timezone.utc) + timedelta(seconds=120)
    scripted.answer = lambda r: (503, {"Retry-After": format_datetime(when, usegmt=True)}, b"")
    client = CentralClient(scripted.base_url, desk_id="DESK-T-01")
    with pytest.raises(CentralUnavailable) as caught:
        client.health()
    assert caught.value.kind == "busy"
    assert 100 <= caught.value.retry_after <= 121


@pytest.mark.parametrize(
    "answer, problem",
    [
        ((200, {"Content-Type": "text/html"}, b"<html>Wi-Fi login</html>"), "not JSON"),
        ((200, {"Content-Type": "application/json"}, b'{"status": "ok"'), "not JSON"),
        (json_answer(200, ["status", "ok"]), "JSON list"),
        (json_answer(200, {"status": 1}), "\"status\""),
        ((302, {"Location": "http://elsewhere/"}, b""), "unexpected HTTP 302"),
    ],
)
def test_malformed_answers_are_refused_clearly(scripted, answer, problem):
    scripted.answer = lambda r: answer
    client = CentralClient(scripted.base_url, desk_id="DESK-T-01")
    with pytest.raises(MalformedAnswer) as caught:
        client.health()
    assert problem in caught.value.problem
    assert "cannot read" in str(caught.value)


def test_login_answer_missing_user_fields_is_malformed_and_keeps_no_token(scripted):
    scripted.answer = lambda r: json_answer(200, {
        "access_token": "a", "refresh_token": "r", "token_type": "bearer", "expires_in": 900,
        "user": {"username": "canbo01", "full_name": "X", "role": "officer"},
    })
    client = CentralClient(scripted.base_url, desk_id="DESK-T-01")
    with pytest.raises(MalformedAnswer):
        client.login("canbo01", "demo1234")
    assert client.access_token is None


def test_headers_and_connection_reuse(scripted):
    scripted.answer = lambda r: json_answer(200, {"status": "ok", "version": "t", "time": "now"})
    client = CentralClient(scripted.base_url, desk_id="DESK-T-01", access_token="tok-123")
    for _ in range(3):
        client.health()
    assert [r.headers["X-Desk-Id"] for r in scripted.seen] == ["DESK-T-01"] * 3
    assert all(r.headers["Authorization"] == "Bearer tok-123" for r in scripted.seen)
    # One pooled connection: every request came from the same client port.
    assert len({r.client_port for r in scripted.seen}) == 1


def test_401_outside_login_means_the_session_ended(scripted):
    scripted.answer = lambda r: json_answer(401, {"detail": {"code": "token_expired", "message": "expired"}})
    client = CentralClient(scripted.base_url, desk_id="DESK-T-01", access_token="old")
    with pytest.raises(AuthenticationFailed) as caught:
        client.list_dossiers()
    assert caught.value.template == AuthenticationFailed.SESSION_ENDED
    assert caught.value.server_code == "token_expired"


def test_validation_error_becomes_a_rejection_with_the_field(scripted):
    scripted.answer = lambda r: json_answer(422, {"detail": [
        {"loc": ["body", "applicant", "cccd"], "msg": "String should match pattern", "type": "string_pattern"},
    ]})
    client = CentralClient(scripted.base_url, desk_id="DESK-T-01", access_token="t")
    with pytest.raises(CentralRejected) as caught:
        client.put_dossier({"client_id": "4d1c2c0e-0000-4000-8000-000000000001"})
    assert caught.value.status == 422
    assert caught.value.server_code == "invalid_request"
    assert "applicant.cccd" in caught.value.reason


def _lying_blob_server(scripted, told_hash: str) -> dict[str, bytearray]:
    """Accepts chunks honestly, then echoes ``told_hash`` instead of the hash of what it holds."""
    held: dict[str, bytearray] = {}
    lengths: dict[str, int] = {}

    def answer(request: SeenRequest):
        sha = request.path.rsplit("/", 1)[-1]
        if request.method == "HEAD":
            if sha not in held:
                return 404, {}, b""
            return 200, {"Upload-Offset": str(len(held[sha])), "Upload-Length": str(lengths[sha])}, b""
        buf = held.setdefault(sha, bytearray())
        length = lengths.setdefault(sha, int(request.headers["Upload-Length"]))
        if int(request.headers["Upload-Offset"]) != len(buf):
            return json_answer(409, {"detail": {"code": "offset_mismatch", "offset": len(buf)}},
                               {"Upload-Offset": str(len(buf))})
        buf.extend(request.body)
        complete = len(buf) == length
        return json_answer(200, {"sha256": told_hash if complete else sha, "offset": len(buf),
                                 "length": length, "complete": complete})

    scripted.answer = answer
    return held


def test_upload_raises_hash_mismatch_when_the_echo_differs(scripted):
    data = b"portrait bytes " * 1000
    sha = hashlib.sha256(data).hexdigest()
    held = _lying_blob_server(scripted, told_hash="0" * 64)
    client = CentralClient(scripted.base_url, desk_id="DESK-T-01", access_token="t", chunk_size=4096)
    with pytest.raises(HashMismatch) as caught:
        client.upload_blob(sha, data)
    assert caught.value.expected == sha and caught.value.received == "0" * 64
    assert bytes(held[sha]) == data
    assert "will be sent again" in str(caught.value)


def test_upload_is_cancellable_between_chunks(scripted):
    data = bytes(range(256)) * 100
    sha = hashlib.sha256(data).hexdigest()
    held = _lying_blob_server(scripted, told_hash=sha)
    client = CentralClient(scripted.base_url, desk_id="DESK-T-01", access_token="t", chunk_size=5000)
    cancel = threading.Event()

    def on_bytes(done: int, total: int) -> None:
        if done >= 10000:
            cancel.set()

    with pytest.raises(SyncCancelled):
        client.upload_blob(sha, data, progress=on_bytes, cancel=cancel)
    assert len(held[sha]) == 10000
    # The next attempt continues where the server stopped.
    assert client.upload_blob(sha, data) == sha
    patches = [r for r in scripted.seen if r.method == "PATCH"]
    assert [int(r.headers["Upload-Offset"]) for r in patches] == [0, 5000, 10000, 15000, 20000, 25000]


def test_upload_refuses_bytes_that_are_not_the_named_blob(scripted):
    client = CentralClient(scripted.base_url, desk_id="DESK-T-01", access_token="t")
    with pytest.raises(ValueError):
        client.upload_blob("a" * 64, b"something else")
    assert scripted.seen == []


def _response(status: int, content: bytes) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = content
    return response


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)), status=st.sampled_from([400, 404, 409, 422]))
def test_any_error_body_yields_a_reason_and_any_answer_body_a_dict_or_malformed(content, status):
    code, message, detail = _server_reason(_response(status, content))
    assert isinstance(code, str) and code and isinstance(message, str) and isinstance(detail, dict)
    try:
        body = CentralClient._json(_response(200, content))
    except MalformedAnswer:
        return
    assert isinstance(body, dict)


def test_the_environments_proxy_is_read_once_and_still_used(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.buudien.example:3128")
    monkeypatch.setenv("NO_PROXY", "")
    client = CentralClient("https://central.example.gov.vn", desk_id="DESK-NT-01")
    try:
        assert client.session.proxies.get("https") == "http://proxy.buudien.example:3128"
        assert client.session.trust_env is False  # not read again per request
    finally:
        client.close()
