from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timezone

import requests

from desk_app.core.dossier import AttachmentRef, Dossier, DossierStatus
from desk_app.core.dossier_code import format_code, parse_code, provisional_code
from desk_app.core.timeutil import VN_TZ
from tests.central.helpers import fresh_day, lease, make_dossier, patch_chunk, portrait_jpeg, put_dossier, sha256_hex
from tests.support.central_server import SITE_CENTRE, SITE_POST, RunningCentral


def _morning(day) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 30, tzinfo=VN_TZ)


def _leased_dossier(central: RunningCentral, headers: dict[str, str], **changes) -> Dossier:
    day = fresh_day()
    block = lease(central, headers, day, 5).json()
    code = format_code(block["agency_code"], day, block["first"], block["width"])
    return make_dossier(code=code, received_at=_morning(day), desk_id=headers["X-Desk-Id"], **changes)


def test_first_put_creates_a_replay_gets_the_same_answer_and_a_change_conflicts(central: RunningCentral) -> None:
    headers = central.headers()
    dossier = _leased_dossier(central, headers)
    created = put_dossier(central, headers, dossier.to_wire())
    assert created.status_code == 201, created.text
    answer = created.json()
    assert answer["client_id"] == dossier.client_id
    assert answer["code"] == dossier.code and answer["code_provisional"] is False
    assert answer["replaced_code"] is None
    assert answer["status"] == int(DossierStatus.ACCEPTED)
    assert answer["server_received_at"].endswith("+07:00")

    replay = put_dossier(central, headers, dossier.to_wire())
    assert replay.status_code == 200
    assert replay.json() == answer

    changed = replace(dossier, sets=2).to_wire()
    conflict = put_dossier(central, headers, changed)
    assert conflict.status_code == 409
    assert conflict.json()["detail"]["code"] == "client_id_conflict"


def test_the_same_instant_written_in_utc_is_still_a_replay(central: RunningCentral) -> None:
    headers = central.headers()
    dossier = _leased_dossier(central, headers)
    answer = put_dossier(central, headers, dossier.to_wire()).json()
    wire = dossier.to_wire()
    wire["received_at"] = dossier.received_at.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    assert wire["received_at"] != dossier.to_wire()["received_at"]
    replay = put_dossier(central, headers, wire)
    assert replay.status_code == 200, replay.text
    assert replay.json() == answer


def test_a_provisional_code_is_replaced_by_a_final_one(central: RunningCentral) -> None:
    headers = central.headers()
    day = fresh_day()
    temporary = provisional_code(SITE_CENTRE, day, headers["X-Desk-Id"], 1)
    dossier = make_dossier(code=temporary, provisional=True, received_at=_morning(day))
    created = put_dossier(central, headers, dossier.to_wire())
    assert created.status_code == 201, created.text
    answer = created.json()
    assert answer["code_provisional"] is False
    assert answer["replaced_code"] == temporary
    assert parse_code(answer["code"]) == (SITE_CENTRE, day, 1)
    # Numbers leased afterwards for that day start after the one the server took.
    assert lease(central, headers, day, 3).json()["first"] == 2
    # The desk may replay the provisional body or, having stored the final code, the final one.
    assert put_dossier(central, headers, dossier.to_wire()).json() == answer
    final = dossier.with_code(answer["code"], provisional=False).to_wire()
    assert put_dossier(central, headers, final).json() == answer


def test_a_dossier_without_a_code_gets_one(central: RunningCentral) -> None:
    headers = central.headers()
    day = fresh_day()
    answer = put_dossier(central, headers, make_dossier(received_at=_morning(day)).to_wire()).json()
    assert parse_code(answer["code"]) == (SITE_CENTRE, day, 1)
    assert answer["replaced_code"] is None


def test_a_final_code_must_come_from_a_block_leased_to_that_desk(central: RunningCentral) -> None:
    headers = central.headers()
    day = fresh_day()
    lease(central, central.headers("giamsat01"), day, 5)  # numbers 1–5 belong to another desk
    stolen = make_dossier(code=format_code(SITE_CENTRE, day, 3), received_at=_morning(day))
    response = put_dossier(central, headers, stolen.to_wire())
    assert response.status_code == 422
    assert response.json()["detail"]["code"] == "code_not_leased"
    wrong_day = make_dossier(code=format_code(SITE_CENTRE, fresh_day(), 1), received_at=_morning(day))
    assert put_dossier(central, headers, wrong_day.to_wire()).json()["detail"]["code"] == "code_mismatch"


def test_two_dossiers_cannot_share_a_code(central: RunningCentral) -> None:
    headers = central.headers()
    first = _leased_dossier(central, headers)
    assert put_dossier(central, headers, first.to_wire()).status_code == 201
    twin = replace(first, client_id=str(uuid.uuid4()))
    response = put_dossier(central, headers, twin.to_wire())
    assert response.status_code == 409
    assert response.json()["detail"]["code"] == "code_taken"


def test_attachments_must_be_stored_before_the_dossier(central: RunningCentral) -> None:
    headers = central.headers()
    photo = portrait_jpeg(100)
    ref = AttachmentRef(sha256_hex(photo), "portrait", "portrait.jpg", "image/jpeg", len(photo))
    dossier = _leased_dossier(central, headers, attachments=(ref,))
    early = put_dossier(central, headers, dossier.to_wire())
    assert early.status_code == 422
    detail = early.json()["detail"]
    assert detail["code"] == "attachments_missing" and detail["missing"] == [ref.sha256]

    half = len(photo) // 2
    assert patch_chunk(central, headers, ref.sha256, 0, len(photo), photo[:half]).status_code == 200
    partial = put_dossier(central, headers, dossier.to_wire())
    assert partial.json()["detail"]["code"] == "attachments_missing"
    assert patch_chunk(central, headers, ref.sha256, half, len(photo), photo[half:]).json()["complete"] is True
    stored = put_dossier(central, headers, dossier.to_wire())
    assert stored.status_code == 201, stored.text
    assert stored.json()["attachments"] == [{"sha256": ref.sha256, "stored": True}]

    wrong_size = _leased_dossier(central, headers, attachments=(replace(ref, size=ref.size + 1),))
    response = put_dossier(central, headers, wrong_size.to_wire())
    assert response.json()["detail"]["code"] == "attachment_size_mismatch"


def test_dossiers_are_checked_against_the_catalogue_and_the_caller(central: RunningCentral) -> None:
    headers = central.headers()
    cases = {
        "unknown_procedure": {"procedure_code": "DEMO.KHONG.CO"},
        "unknown_catalogue_version": {"catalogue_version": "1999.1.1"},
        "form_invalid": {"form_values": {"full_name": "Nguyễn Văn A"}},
        "bad_initial_status": {"status": DossierStatus.HANDED_OVER},
        "unknown_officer": {"officer_username": "buudien01"},
    }
    for code, changes in cases.items():
        response = put_dossier(central, headers, make_dossier(**changes).to_wire())
        assert response.status_code == 422, (code, response.text)
        assert response.json()["detail"]["code"] == code
    foreign = put_dossier(central, headers, make_dossier(site_code=SITE_POST).to_wire())
    assert foreign.status_code == 403 and foreign.json()["detail"]["code"] == "foreign_site"
    other_desk = put_dossier(central, headers, make_dossier(desk_id="DESK-NT-77").to_wire())
    assert other_desk.status_code == 403 and other_desk.json()["detail"]["code"] == "desk_mismatch"
    wire = make_dossier().to_wire()
    mismatch = requests.put(central.url(f"/v1/dossiers/{uuid.uuid4()}"), json=wire, headers=headers, timeout=10)
    assert mismatch.json()["detail"]["code"] == "client_id_mismatch"
    wire["applicant"]["cccd"] = "12345"
    malformed = put_dossier(central, headers, wire)
    assert malformed.status_code == 422 and malformed.json()["detail"]["code"] == "invalid_request"
    assert "applicant.cccd" in malformed.json()["detail"]["message"]


def test_a_refused_dossier_is_kept_without_a_complete_form(central: RunningCentral) -> None:
    headers = central.headers()
    refused = make_dossier(status=DossierStatus.REFUSED, form_values={}, received_at=_morning(fresh_day()))
    response = put_dossier(central, headers, refused.to_wire())
    assert response.status_code == 201, response.text
    assert response.json()["status"] == int(DossierStatus.REFUSED)


def test_concurrent_copies_of_one_dossier_create_it_once(central: RunningCentral) -> None:
    headers = central.headers()
    day = fresh_day()
    wire = make_dossier(received_at=_morning(day)).to_wire()
    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(lambda _: put_dossier(central, headers, wire), range(6)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 200, 200, 200, 200, 201], [r.text for r in responses]
    assert len({r.json()["code"] for r in responses}) == 1
    assert parse_code(responses[0].json()["code"])[2] == 1


def test_listing_shows_only_the_callers_site_and_pages_with_a_cursor(central: RunningCentral) -> None:
    centre = central.headers("canbo01")
    supervisor = central.headers("giamsat01")
    post = central.headers("buudien01")
    day = fresh_day()
    mine = [make_dossier(received_at=_morning(day)) for _ in range(3)]
    for dossier in mine:
        assert put_dossier(central, centre, dossier.to_wire()).status_code == 201
    theirs = make_dossier(site_code=SITE_POST, desk_id=post["X-Desk-Id"], officer="buudien01", received_at=_morning(day))
    assert put_dossier(central, post, theirs.to_wire()).status_code == 201

    seen: list[dict] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"since": cursor} if cursor else {})}
        page = requests.get(central.url("/v1/dossiers"), params=params, headers=supervisor, timeout=10).json()
        seen.extend(page["items"])
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    ids = [item["client_id"] for item in seen]
    assert len(ids) == len(set(ids))
    assert {d.client_id for d in mine} <= set(ids)
    assert theirs.client_id not in ids
    assert {item["site_code"] for item in seen} == {SITE_CENTRE}
    record = next(item for item in seen if item["client_id"] == mine[0].client_id)
    assert record["applicant"]["full_name"] == mine[0].applicant.full_name
    assert record["code_provisional"] is False and parse_code(record["code"])[0] == SITE_CENTRE
    assert record["received_at"] == mine[0].to_wire()["received_at"]
    assert record["server_received_at"].endswith("+07:00")
    # The desk's own parser reads a server record back.
    assert Dossier.from_wire(record).client_id == mine[0].client_id

    after = requests.get(central.url("/v1/dossiers"), params={"since": cursor}, headers=supervisor, timeout=10).json()
    assert after == {"items": [], "cursor": cursor, "has_more": False}
    post_view = requests.get(central.url("/v1/dossiers"), headers=post, timeout=10).json()
    assert [item["client_id"] for item in post_view["items"]] == [theirs.client_id]
    bad = requests.get(central.url("/v1/dossiers"), params={"since": "abc"}, headers=post, timeout=10)
    assert bad.status_code == 422 and bad.json()["detail"]["code"] == "bad_cursor"


def test_a_dossier_refused_at_the_desk_must_carry_its_reason(central: RunningCentral) -> None:
    refused = make_dossier(status=DossierStatus.REFUSED, outcome_note=None)
    answer = put_dossier(central, central.headers(), refused.to_wire())
    assert answer.status_code == 422 and answer.json()["detail"]["code"] == "reason_required"
    with_reason = replace(refused, outcome_note="Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan.")
    assert put_dossier(central, central.headers(), with_reason.to_wire()).status_code == 201
