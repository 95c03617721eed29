"""Supervisor statistics over HTTP, checked to the unit against dossiers seeded here."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from itertools import count
from typing import Any

import pytest
import requests

from desk_app.core.calendar import CalendarOverride, WorkingCalendar
from desk_app.core.dossier import Channel, Dossier, DossierStatus
from desk_app.core.timeutil import VN_TZ, now_vn, parse_rfc3339
from tests.central.helpers import make_dossier, put_dossier
from tests.support.central_server import SITE_CENTRE, SITE_POST, RunningCentral

S = DossierStatus
_periods = count(0)


def fresh_period() -> date:
    """The first day of a week in the past that no other test of the module uses."""
    return now_vn().date() - timedelta(days=100 + 10 * next(_periods))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), VN_TZ)


def take(
    central: RunningCentral,
    received: datetime,
    *,
    username: str = "canbo01",
    status: DossierStatus = S.ACCEPTED,
    due: datetime | None = None,
    channel: Channel = Channel.DIRECT,
    procedure: str = "DEMO.GPLX.01",
) -> Dossier:
    headers = central.headers(username)
    dossier = make_dossier(
        desk_id=headers["X-Desk-Id"], officer=username, received_at=received, status=status,
        due_at=due or received + timedelta(days=7), channel=channel, procedure_code=procedure,
        site_code=SITE_POST if username == "buudien01" else SITE_CENTRE,
    )
    response = put_dossier(central, headers, dossier.to_wire())
    assert response.status_code == 201, response.text
    return dossier


def move(central: RunningCentral, dossier: Dossier, *targets: DossierStatus) -> None:
    for to in targets:
        body: dict[str, Any] = {"event_id": str(uuid.uuid4()), "to_status": int(to)}
        if to in (S.WITHDRAWN, S.STOPPED):
            body["reason"] = "Công dân đề nghị"
        response = requests.post(
            central.url(f"/v1/dossiers/{dossier.client_id}/events"), json=body,
            headers=central.headers("giamsat01"), timeout=10,
        )
        assert response.status_code == 201, response.text


def summary(central: RunningCentral, username: str, **params: Any) -> requests.Response:
    return requests.get(central.url("/v1/stats/summary"), params=params, headers=central.headers(username), timeout=10)


def test_summary_counts_exactly_what_the_site_received_in_the_period(central: RunningCentral) -> None:
    d0 = fresh_period()
    future_due = now_vn() + timedelta(days=30)

    def day(n: int, hour: int, minute: int = 0) -> datetime:
        return at(d0 + timedelta(days=n), hour, minute)

    def past_due(received: datetime) -> datetime:
        return received + timedelta(days=1)  # long gone: the period lies 100 days back or more

    a = take(central, day(0, 9), due=future_due)
    b = take(central, day(0, 10), due=past_due(day(0, 10)), channel=Channel.ONLINE)
    take(central, day(1, 8), username="giamsat01", due=past_due(day(1, 8)))  # c: stays accepted, overdue
    d = take(central, day(1, 15), due=future_due, channel=Channel.POSTAL)
    take(central, day(3, 9), status=S.NEW, due=past_due(day(3, 9)), procedure="DEMO.GPLX.04")  # e: overdue
    take(central, day(3, 10), status=S.REFUSED, due=past_due(day(3, 10)), channel=Channel.ONLINE)  # f
    g = take(central, day(6, 7, 30), due=future_due)
    h = take(central, day(6, 23, 30), due=past_due(day(6, 23, 30)))  # the period's last half hour
    # Just outside the period on either side, and at the other site inside it.
    take(central, day(-1, 23, 59))
    take(central, day(7, 0, 10))
    take(central, day(2, 9), username="buudien01")
    move(central, a, S.RESULT_READY)          # on time
    move(central, b, S.RESULT_READY)          # late
    move(central, d, S.PROCESSING)            # open, not due yet
    move(central, g, S.RESULT_READY, S.HANDED_OVER)  # on time, handed over
    move(central, h, S.WITHDRAWN)             # closed without a result

    period = {"from": d0.isoformat(), "to": (d0 + timedelta(days=6)).isoformat()}
    for username in ("giamsat01", "quantri"):
        response = summary(central, username, **period)
        assert response.status_code == 200, response.text
        figures = response.json()
        assert figures["site_code"] == SITE_CENTRE
        assert (figures["from"], figures["to"]) == (period["from"], period["to"])
        assert figures["total"] == 8
        assert figures["by_status"] == [
            {"status": 1, "count": 1}, {"status": 2, "count": 1}, {"status": 3, "count": 1},
            {"status": 4, "count": 1}, {"status": 5, "count": 0}, {"status": 6, "count": 0},
            {"status": 7, "count": 1}, {"status": 8, "count": 0}, {"status": 9, "count": 2},
            {"status": 10, "count": 1},
        ]
        assert figures["by_channel"] == [
            {"channel": 1, "count": 5}, {"channel": 2, "count": 2}, {"channel": 3, "count": 1},
        ]
        # GPLX.01: a, g on time and b late (results); c overdue and d open; f refused, h withdrawn.
        assert figures["by_procedure"] == [
            {"procedure_code": "DEMO.GPLX.01", "procedure_name": "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
             "count": 7, "with_result": 3, "on_time": 2, "open": 2, "overdue": 1},
            {"procedure_code": "DEMO.GPLX.04", "procedure_name": figures["by_procedure"][1]["procedure_name"],
             "count": 1, "with_result": 0, "on_time": 0, "open": 1, "overdue": 1},
        ]
        assert figures["by_procedure"][1]["procedure_name"]
        assert figures["by_officer"] == [
            {"username": "canbo01", "full_name": "Nguyễn Thị Lan",
             "count": 7, "with_result": 3, "on_time": 2, "open": 2, "overdue": 1},
            {"username": "giamsat01", "full_name": "Lê Minh Tuấn",
             "count": 1, "with_result": 0, "on_time": 0, "open": 1, "overdue": 1},
        ]
        # (direct, online, postal) per day: a b | c d | - | e f | - | - | g h
        by_channel = [(1, 1, 0), (1, 0, 1), (0, 0, 0), (1, 1, 0), (0, 0, 0), (0, 0, 0), (2, 0, 0)]
        assert figures["by_day"] == [
            {"day": (d0 + timedelta(days=i)).isoformat(), "count": sum(n), "direct": n[0], "online": n[1], "postal": n[2]}
            for i, n in enumerate(by_channel)
        ]
        assert figures["on_time"] == {"with_result": 3, "on_time": 2, "late": 1, "rate": 0.6667}
        assert figures["overdue"] == {"open": 3, "count": 2, "rate": 0.6667}
        assert figures["online"] == {"count": 2, "share": 0.25}
        assert figures["postal"] == {"count": 1, "share": 0.125}
        assert abs(parse_rfc3339(figures["as_of"]) - now_vn()) < timedelta(minutes=1)


def test_an_empty_period_has_zero_counts_and_no_rates(central: RunningCentral) -> None:
    d0 = fresh_period()
    figures = summary(central, "giamsat01", **{"from": d0.isoformat(), "to": d0.isoformat()}).json()
    assert figures["total"] == 0
    assert all(x["count"] == 0 for x in figures["by_status"] + figures["by_channel"] + figures["by_day"])
    assert figures["by_procedure"] == [] and figures["by_officer"] == []
    assert figures["on_time"] == {"with_result": 0, "on_time": 0, "late": 0, "rate": None}
    assert figures["overdue"] == {"open": 0, "count": 0, "rate": None}
    assert figures["online"] == {"count": 0, "share": None}


def test_who_may_see_which_sites_figures(central: RunningCentral) -> None:
    d0 = fresh_period()
    take(central, at(d0, 9), username="buudien01", channel=Channel.POSTAL)
    take(central, at(d0, 10), username="buudien01", channel=Channel.POSTAL)
    take(central, at(d0, 11), username="buudien01")
    period = {"from": d0.isoformat(), "to": d0.isoformat()}
    post = summary(central, "quantri", site=SITE_POST, **period)
    assert post.status_code == 200, post.text
    figures = post.json()
    assert (figures["site_code"], figures["total"]) == (SITE_POST, 3)
    assert figures["postal"] == {"count": 2, "share": 0.6667}
    assert figures["by_officer"] == [{"username": "buudien01", "full_name": "Trần Văn Hùng", "count": 3,
                                      "with_result": 0, "on_time": 0, "open": 3, "overdue": 3}]
    # The centre's figures for that day do not include the post office's dossiers.
    assert summary(central, "giamsat01", **period).json()["total"] == 0
    # A supervisor sees their own site only; another one is answered as unknown.
    refused = summary(central, "giamsat01", site=SITE_POST, **period)
    assert (refused.status_code, refused.json()["detail"]["code"]) == (404, "site_not_found")
    assert summary(central, "quantri", site="000.99.99.H99", **period).status_code == 404
    assert summary(central, "giamsat01", site=SITE_CENTRE, **period).status_code == 200
    for username in ("canbo01", "buudien01"):
        for path in ("/v1/stats/summary", "/v1/stats/overdue"):
            response = requests.get(central.url(path), headers=central.headers(username), timeout=10)
            assert (response.status_code, response.json()["detail"]["code"]) == (403, "forbidden_role")


def test_bad_periods_are_refused(central: RunningCentral) -> None:
    today = now_vn().date()
    for params in (
        {"from": today.isoformat(), "to": (today - timedelta(days=1)).isoformat()},
        {"from": (today - timedelta(days=400)).isoformat(), "to": today.isoformat()},
        {"from": "2026-13-01"},
        {"from": "0001-01-01", "to": "0001-01-05"},
        {"from": "9999-12-01", "to": "9999-12-31"},
    ):
        response = summary(central, "giamsat01", **params)
        assert response.status_code == 422, params
        assert response.json()["detail"]["code"] in {"bad_period", "invalid_request"}
    # Without dates: this month so far.
    figures = summary(central, "giamsat01").json()
    assert (figures["from"], figures["to"]) == (today.replace(day=1).isoformat(), today.isoformat())


def _calendar(central: RunningCentral, years: range) -> WorkingCalendar:
    overrides = []
    for year in years:
        listed = requests.get(central.url(f"/v1/calendar/{year}"), headers=central.headers("giamsat01"), timeout=10)
        overrides += [
            CalendarOverride(date.fromisoformat(o["day"]), o["kind"], o["name"]) for o in listed.json()["overrides"]
        ]
    return WorkingCalendar(overrides)


def _working_days_between(calendar: WorkingCalendar, due_day: date, today: date) -> int:
    """How many working days lie after ``due_day`` up to ``today``, counted by stepping the calendar."""
    n = 0
    while calendar.add_working_days(due_day, n + 1) <= today:
        n += 1
    return n


def test_overdue_list_names_each_late_dossier_with_its_delay_in_working_days(central_server_any: RunningCentral) -> None:
    central = central_server_any
    now = now_vn()
    received = now - timedelta(days=40)
    oldest = take(central, received, due=received + timedelta(days=5))
    middle = take(central, received + timedelta(days=1), status=S.SUPPLEMENT_REQUESTED, due=now - timedelta(days=10))
    today_late = take(central, now - timedelta(hours=5), due=now - timedelta(minutes=30), channel=Channel.ONLINE)
    resolved = take(central, received, due=received + timedelta(days=5))
    take(central, received, due=now + timedelta(days=2))  # not due yet
    take(central, received, status=S.REFUSED, due=received + timedelta(days=5))  # ended at the desk
    take(central, received, username="buudien01", due=received + timedelta(days=5))  # the other site
    move(central, resolved, S.RESULT_READY)
    move(central, middle, S.PROCESSING)

    response = requests.get(central.url("/v1/stats/overdue"), headers=central.headers("giamsat01"), timeout=10)
    assert response.status_code == 200, response.text
    listed = response.json()
    assert listed["site_code"] == SITE_CENTRE and listed["count"] == 3
    assert [item["client_id"] for item in listed["items"]] == [oldest.client_id, middle.client_id, today_late.client_id]
    calendar = _calendar(central, range(received.year, now.year + 1))
    for item, dossier in zip(listed["items"], (oldest, middle, today_late), strict=True):
        assert item["code"].startswith(SITE_CENTRE + "-")
        assert item["procedure_code"] == "DEMO.GPLX.01"
        assert item["procedure_name"] == "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
        assert item["applicant_name"] == dossier.applicant.full_name
        assert parse_rfc3339(item["due_at"]) == dossier.due_at
        assert item["days_late"] == _working_days_between(calendar, dossier.due_at.date(), now.date())
    assert listed["items"][1]["status"] == int(S.PROCESSING)
    if today_late.due_at.date() == now.date():
        assert listed["items"][2]["days_late"] == 0  # late since earlier today: not a working day late yet
    # 35 calendar days hold at least 15 working days, whatever the holidays.
    assert listed["items"][0]["days_late"] >= 15

    limited = requests.get(central.url("/v1/stats/overdue"), params={"limit": 1},
                           headers=central.headers("quantri"), timeout=10).json()
    assert limited["count"] == 3 and [i["client_id"] for i in limited["items"]] == [oldest.client_id]
    post = requests.get(central.url("/v1/stats/overdue"), params={"site": SITE_POST},
                        headers=central.headers("quantri"), timeout=10).json()
    assert post["site_code"] == SITE_POST and post["count"] == 1


@pytest.mark.parametrize("hour", [0, 23])
def test_days_are_counted_in_vietnam_time(central: RunningCentral, hour: int) -> None:
    d0 = fresh_period()
    take(central, at(d0, hour, 30))
    figures = summary(central, "giamsat01", **{"from": d0.isoformat(), "to": d0.isoformat()}).json()
    assert figures["total"] == 1
    assert figures["by_day"] == [{"day": d0.isoformat(), "count": 1, "direct": 1, "online": 0, "postal": 0}]


def test_due_lists_the_open_dossiers_whose_appointment_falls_on_the_day(central: RunningCentral) -> None:
    due_day = now_vn().date() + timedelta(days=60 + next(_periods))  # a day nothing else of the module is due on
    received = at(now_vn().date() - timedelta(days=1), 9)
    late_morning = take(central, received, due=at(due_day, 10))
    first_thing = take(central, received, due=at(due_day, 0, 10), status=S.NEW)  # still the day before in UTC
    afternoon = take(central, received, due=at(due_day, 16, 30), channel=Channel.POSTAL, procedure="DEMO.GPLX.04")
    take(central, received, due=at(due_day - timedelta(days=1), 23, 59))  # the day before
    take(central, received, due=at(due_day + timedelta(days=1), 0, 0))    # the day after
    move(central, take(central, received, due=at(due_day, 11)), S.RESULT_READY)  # no longer open
    take(central, received, username="buudien01", due=at(due_day, 9))  # the other site

    def due(username: str, **params: Any) -> requests.Response:
        return requests.get(central.url("/v1/stats/due"), params=params, headers=central.headers(username), timeout=10)

    response = due("giamsat01", day=due_day.isoformat())
    assert response.status_code == 200, response.text
    listed = response.json()
    assert (listed["site_code"], listed["day"], listed["count"]) == (SITE_CENTRE, due_day.isoformat(), 3)
    assert [i["client_id"] for i in listed["items"]] == [d.client_id for d in (first_thing, late_morning, afternoon)]
    item = listed["items"][2]
    assert item == {
        "client_id": afternoon.client_id, "code": item["code"], "procedure_code": "DEMO.GPLX.04",
        "procedure_name": item["procedure_name"], "applicant_name": afternoon.applicant.full_name,
        "status": int(S.ACCEPTED), "received_at": received.isoformat(), "due_at": at(due_day, 16, 30).isoformat(),
    }
    assert item["code"].startswith(SITE_CENTRE + "-") and item["procedure_name"]
    assert listed["items"][0]["status"] == int(S.NEW)
    limited = due("quantri", day=due_day.isoformat(), limit=1).json()
    assert limited["count"] == 3 and [i["client_id"] for i in limited["items"]] == [first_thing.client_id]
    post = due("quantri", day=due_day.isoformat(), site=SITE_POST).json()
    assert (post["site_code"], post["count"]) == (SITE_POST, 1)
    assert due("giamsat01", day=due_day.isoformat(), site=SITE_POST).status_code == 404
    assert due("giamsat01").json()["day"] == now_vn().date().isoformat()
    for bad in ("0001-01-01", "2026-02-30"):
        assert due("giamsat01", day=bad).status_code == 422
