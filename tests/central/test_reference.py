from __future__ import annotations

import json
from pathlib import Path

import requests

from desk_app.core.calendar import CalendarOverride, WorkingCalendar
from desk_app.core.catalogue import Catalogue
from desk_app.core.timeutil import parse_rfc3339
from tests.support.central_server import RunningCentral

DEMO_CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "demo" / "catalogue.json"


def test_catalogue_is_the_demo_catalogue_and_the_desk_parses_it(central: RunningCentral) -> None:
    response = requests.get(central.url("/v1/catalogue"), headers=central.headers(), timeout=10)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body == json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))
    catalogue = Catalogue.from_dict(body)
    renewal = catalogue.get("DEMO.GPLX.01")
    assert renewal.total_fee == 135000 and renewal.processing_days == 5 and not renewal.demo_values
    assert catalogue.search("idp")[0].code == "DEMO.GPLX.04"
    assert catalogue.search("cap lai gplx")[0].code == "DEMO.GPLX.02"


def test_catalogue_etag_answers_304_while_unchanged(central: RunningCentral) -> None:
    headers = central.headers()
    first = requests.get(central.url("/v1/catalogue"), headers=headers, timeout=10)
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    for if_none_match in (etag, f"W/{etag}", f'"stale", {etag}', "*"):
        again = requests.get(central.url("/v1/catalogue"), headers={**headers, "If-None-Match": if_none_match}, timeout=10)
        assert again.status_code == 304, if_none_match
        assert again.content == b""
        assert again.headers["ETag"] == etag
    stale = requests.get(central.url("/v1/catalogue"), headers={**headers, "If-None-Match": '"stale"'}, timeout=10)
    assert stale.status_code == 200
    assert stale.content == first.content


def test_calendar_2026_carries_the_unconfirmed_24_november(central: RunningCentral) -> None:
    response = requests.get(central.url("/v1/calendar/2026"), headers=central.headers(), timeout=10)
    assert response.status_code == 200
    body = response.json()
    assert body["year"] == 2026
    [day_off] = body["overrides"]
    assert (day_off["day"], day_off["kind"], day_off["confirmed"]) == ("2026-11-24", "off", False)
    assert day_off["note"].startswith("UNCONFIRMED")
    # The desk's calendar, fed with the answer, no longer counts 24/11/2026 (a Tuesday).
    overrides = [CalendarOverride(day=parse_rfc3339(o["day"] + "T00:00:00+07:00").date(), kind=o["kind"], name=o["name"])
                 for o in body["overrides"]]
    assert not WorkingCalendar(overrides).is_working_day(parse_rfc3339("2026-11-24T00:00:00+07:00").date())


def test_calendar_2025_has_the_day_swap(central: RunningCentral) -> None:
    body = requests.get(central.url("/v1/calendar/2025"), headers=central.headers(), timeout=10).json()
    assert [(o["day"], o["kind"]) for o in body["overrides"]] == [("2025-04-26", "work"), ("2025-05-02", "off")]
    assert all(o["confirmed"] for o in body["overrides"])


def test_calendar_of_a_year_without_overrides_is_empty_and_silly_years_are_refused(central: RunningCentral) -> None:
    headers = central.headers()
    assert requests.get(central.url("/v1/calendar/2031"), headers=headers, timeout=10).json() == {"year": 2031, "overrides": []}
    response = requests.get(central.url("/v1/calendar/1066"), headers=headers, timeout=10)
    assert response.status_code == 422
    assert response.json()["detail"]["code"] == "invalid_request"


def test_health_needs_no_token(central: RunningCentral) -> None:
    response = requests.get(central.url("/v1/health"), timeout=10)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["version"]
    assert parse_rfc3339(body["time"]).utcoffset() is not None
    assert body["time"].endswith("+07:00")


def test_unknown_paths_answer_in_the_error_shape(central: RunningCentral) -> None:
    response = requests.get(central.url("/v1/nothing-here"), timeout=10)
    assert response.status_code == 404
    assert response.json() == {"detail": {"code": "not_found", "message": "Not Found"}}
