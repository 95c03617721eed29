"""The desk version on offer: an administrator publishes it (PUT /v1/admin/desk-release),
every signed-in desk reads it (GET /v1/desk-release)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count
from typing import Any

import pytest
import requests
from sqlalchemy import select

from central_api.db import Database
from central_api.models import DeskRelease
from desk_app.core.timeutil import parse_rfc3339
from tests.central.helpers import sha256_hex
from tests.support.central_server import RunningCentral, start_central

_builds = count(1)


@pytest.fixture(scope="module", params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)])
def central(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCentral]:
    # Its own server: the first test needs one where nothing was published yet.
    with start_central(tmp_path_factory.mktemp(f"desk-release-{request.param}"), request.param) as running:
        yield running


def release(version: str, **changes: Any) -> dict[str, Any]:
    build = next(_builds)
    body = {"version": version, "download_url": f"https://motcua.example.vn/desk/{version}/one-stop-desk-setup.exe",
            "sha256": sha256_hex(f"desk build {build}".encode()), "size_bytes": 48_000_000 + build,
            "notes": "Sửa lỗi in biên nhận; thêm kiểm tra cập nhật."}
    return {**body, **changes}


def publish(central: RunningCentral, body: dict[str, Any], username: str = "quantri") -> requests.Response:
    return requests.put(central.url("/v1/admin/desk-release"), json=body, headers=central.headers(username), timeout=10)


def offered(central: RunningCentral, username: str = "canbo01") -> requests.Response:
    return requests.get(central.url("/v1/desk-release"), headers=central.headers(username), timeout=10)


def test_nothing_is_offered_before_a_publication(central: RunningCentral) -> None:
    answer = offered(central)
    assert answer.status_code == 404 and answer.json()["detail"]["code"] == "no_release"


def test_a_published_version_is_offered_to_every_role(central: RunningCentral) -> None:
    body = release("1.2.0")
    published = publish(central, body)
    assert published.status_code == 201, published.text
    answer = published.json()
    assert {k: answer[k] for k in body} == body
    assert answer["published_at"].endswith("+07:00")
    for username in ("canbo01", "buudien01", "giamsat01", "quantri"):
        assert offered(central, username).json() == answer
    db = Database(central.database_url)
    try:
        with db.reading() as session:
            row = session.scalars(select(DeskRelease).where(DeskRelease.version == "1.2.0")).one()
            assert row.published_by == "quantri"
    finally:
        db.dispose()


def test_the_last_publication_is_on_offer_and_a_version_keeps_its_bytes(central: RunningCentral) -> None:
    first = release("1.3.0")
    assert publish(central, first).status_code == 201
    second = release("1.4.0")
    assert publish(central, second).status_code == 201
    assert offered(central).json()["version"] == "1.4.0"
    other_bytes = publish(central, {**first, "sha256": sha256_hex(b"another build")})
    assert other_bytes.status_code == 409 and other_bytes.json()["detail"]["code"] == "release_conflict"
    other_size = publish(central, {**first, "size_bytes": first["size_bytes"] + 1})
    assert other_size.status_code == 409
    assert offered(central).json()["version"] == "1.4.0"  # a refused publication changes nothing
    # Taking 1.4.0 back: 1.3.0 again, from a mirror, with a word about why.
    again = publish(central, {**first, "download_url": "https://mirror.example.vn/desk-1.3.0.exe",
                              "notes": "Quay lại bản 1.3.0."})
    assert again.status_code == 200
    now = offered(central).json()
    assert (now["version"], now["download_url"], now["notes"]) == (
        "1.3.0", "https://mirror.example.vn/desk-1.3.0.exe", "Quay lại bản 1.3.0.")
    back = publish(central, second)
    assert back.status_code == 200 and offered(central).json() == back.json()
    assert parse_rfc3339(back.json()["published_at"]) >= parse_rfc3339(now["published_at"])


@pytest.mark.parametrize(("change", "reason"), [
    ({"download_url": "http://motcua.example.vn/setup.exe"}, "https"),
    ({"download_url": "ftp://motcua.example.vn/setup.exe"}, "https"),
    ({"download_url": "https://admin:secret@motcua.example.vn/setup.exe"}, "password"),
    ({"version": "v2.0"}, "2.0"),
    ({"version": "2.0.0.dev0+local build"}, "version"),
    ({"sha256": "ABC" * 21 + "D"}, "sha256"),
    ({"size_bytes": 0}, "size_bytes"),
    ({"notes": "x" * 4001}, "notes"),
])
def test_a_publication_that_desks_could_not_use_is_refused(central: RunningCentral, change: dict[str, Any],
                                                           reason: str) -> None:
    refused = publish(central, {**release("5.0.0"), **change})
    assert refused.status_code == 422
    assert reason in refused.json()["detail"]["message"]


def test_plain_http_is_let_through_to_this_machine_only(central: RunningCentral) -> None:
    for url in ("http://127.0.0.1:8765/desk.exe", "http://localhost/desk.exe", "http://[::1]:9/desk.exe"):
        answer = publish(central, release(f"0.9.{next(_builds)}", download_url=url))
        assert answer.status_code == 201, (url, answer.text)


def test_only_an_administrator_publishes(central: RunningCentral) -> None:
    refused = publish(central, release("6.0.0"), username="giamsat01")
    assert refused.status_code == 403 and refused.json()["detail"]["code"] == "forbidden_role"
    assert requests.get(central.url("/v1/desk-release"), timeout=10).status_code == 401
