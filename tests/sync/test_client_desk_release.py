"""CentralClient.desk_release against the real central API: nothing on offer, then what an
administrator published."""

from __future__ import annotations

import hashlib

import pytest
import requests

from desk_app.core.timeutil import parse_rfc3339
from desk_app.sync import MalformedAnswer
from desk_app.sync.client import CentralClient, DeskRelease
from tests.support.central_server import DEMO_PASSWORD, start_central

from .scripted_http import json_answer, scripted_server


@pytest.fixture
def central(tmp_path):
    with start_central(tmp_path / "central") as running:
        yield running


def test_nothing_on_offer_is_none_then_the_publication_is_read(central):
    with CentralClient(central.base_url, desk_id="DESK-NT-01") as client:
        client.login("canbo01", DEMO_PASSWORD)
        assert client.desk_release() is None
        body = {"version": "2.1.0", "download_url": "https://motcua.example.vn/desk/2.1.0/setup.exe",
                "sha256": hashlib.sha256(b"desk 2.1.0").hexdigest(), "size_bytes": 51_234_567,
                "notes": "Thêm kiểm tra cập nhật."}
        published = requests.put(central.url("/v1/admin/desk-release"), json=body,
                                 headers=central.headers("quantri"), timeout=10)
        assert published.status_code == 201, published.text
        offered = client.desk_release()
    assert isinstance(offered, DeskRelease)
    assert (offered.version, offered.download_url, offered.sha256, offered.size_bytes, offered.notes) == tuple(
        body[k] for k in ("version", "download_url", "sha256", "size_bytes", "notes"))
    assert offered.published_at == parse_rfc3339(published.json()["published_at"])


@pytest.mark.parametrize(("change", "problem"), [
    ({"sha256": "ABCDEF" * 10 + "ABCD"}, "sha256"),
    ({"size_bytes": 0}, "size_bytes"),
    ({"size_bytes": "51234567"}, "size_bytes"),
    ({"published_at": "2026-11-23 10:00"}, "published_at"),
    ({"version": None}, "version"),
])
def test_an_offer_the_desk_cannot_trust_is_a_malformed_answer(change, problem):
    good = {"version": "2.1.0", "download_url": "https://motcua.example.vn/setup.exe",
            "sha256": hashlib.sha256(b"x").hexdigest(), "size_bytes": 10, "notes": "",
            "published_at": "2026-11-23T10:00:00+07:00"}
    with scripted_server() as server:
        server.answer = lambda request: json_answer(200, {**good, **change})
        with CentralClient(server.base_url, desk_id="DESK-NT-01", access_token="token") as client:
            with pytest.raises(MalformedAnswer) as caught:
                client.desk_release()
    assert problem in caught.value.problem
