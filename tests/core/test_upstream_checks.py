"""What an upstream check's answer means for the officer, and when a failed check is asked again."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desk_app.core.catalogue import UpstreamCheck
from desk_app.core.timeutil import VN_TZ
from desk_app.core.upstream_checks import (
    GIVE_UP_AFTER,
    GIVE_UP_FAILURES,
    CheckNotFound,
    CheckState,
    CheckSummary,
    gives_up,
    interpret,
    interpret_health_certificate,
    interpret_traffic_violations,
    next_attempt_at,
    retry_delay,
)

CHECKED_AT = "2026-11-21T09:30:00+07:00"


def certificate(**changes: object) -> dict:
    found = {
        "certificate_number": "DEMO-GKSK-2026-0412",
        "issued_on": "2026-10-12",
        "valid_until": "2027-10-12",
        "licence_class": "B",
        "issuer": "Phòng khám đa khoa Demo Nha Trang",
        "fit_to_drive": True,
        "valid": True,
    }
    found.update(changes)
    return {"checked_at": CHECKED_AT, "certificate": found}


def violation(number: int, fine: int) -> dict:
    return {"violation_id": f"DEMO-VP-{number:04d}", "occurred_on": "2026-03-02", "place": "Nha Trang",
            "description": "Vượt đèn đỏ", "fine": fine, "vehicle_plate": "79A-123.45"}


def fines(*amounts: int) -> dict:
    unpaid = [violation(n, amount) for n, amount in enumerate(amounts, start=1)]
    return {"checked_at": CHECKED_AT, "count": len(unpaid), "total_fine": sum(amounts), "unpaid": unpaid}


# -- health certificate ------------------------------------------------------------------


def test_a_valid_certificate_passes_and_says_until_when():
    outcome = interpret_health_certificate(certificate())
    assert outcome.state is CheckState.PASSED
    assert outcome.summary.english() == "Health certificate DEMO-GKSK-2026-0412 (class B) valid until 12/10/2027."
    assert outcome.summary.context == "DeskError"
    assert outcome.checked_at == datetime(2026, 11, 21, 9, 30, tzinfo=VN_TZ)
    assert outcome.result["certificate"]["issuer"] == "Phòng khám đa khoa Demo Nha Trang"


def test_no_certificate_on_record_needs_attention():
    outcome = interpret_health_certificate({"checked_at": CHECKED_AT, "certificate": None})
    assert outcome.state is CheckState.ATTENTION
    assert outcome.summary.english() == "No driver health certificate is on record for this citizen."


def test_an_expired_certificate_needs_attention_with_its_end_date():
    outcome = interpret_health_certificate(
        certificate(issued_on="2025-10-17", valid_until="2026-10-17", valid=False, certificate_number="DEMO-GKSK-2025-0077")
    )
    assert outcome.state is CheckState.ATTENTION
    assert outcome.summary.english() == (
        "The latest health certificate, DEMO-GKSK-2025-0077, expired on 17/10/2026: a new health examination is needed."
    )


def test_a_holder_not_fit_to_drive_needs_attention_even_within_the_dates():
    outcome = interpret_health_certificate(certificate(fit_to_drive=False, valid=False, issued_on="2026-08-23"))
    assert outcome.state is CheckState.ATTENTION
    assert outcome.summary.english() == (
        "Health certificate DEMO-GKSK-2026-0412 of 23/08/2026 finds the holder not fit to drive."
    )


def test_a_certificate_dated_after_today_needs_attention():
    outcome = interpret_health_certificate(certificate(issued_on="2026-11-25", valid_until="2027-11-25", valid=False))
    assert outcome.state is CheckState.ATTENTION
    assert outcome.summary.english() == (
        "Health certificate DEMO-GKSK-2026-0412 is only valid from 25/11/2026 to 25/11/2027, not today."
    )


def test_the_expiry_is_judged_on_the_vietnam_day_of_the_check():
    # 23:30 UTC on the 20th is already the 21st in Vietnam: a certificate ending on the 20th has expired.
    body = certificate(valid_until="2026-11-20", valid=False)
    body["checked_at"] = "2026-11-20T23:30:00Z"
    assert interpret_health_certificate(body).summary.template.startswith("The latest health certificate")


# -- traffic violations ------------------------------------------------------------------


def test_no_unpaid_fines_passes():
    outcome = interpret_traffic_violations(fines())
    assert outcome.state is CheckState.PASSED
    assert outcome.summary.english() == "No unpaid traffic fines."


def test_one_unpaid_fine_needs_attention_with_the_amount_in_dong():
    outcome = interpret_traffic_violations(fines(4_000_000))
    assert outcome.state is CheckState.ATTENTION
    assert outcome.summary.english() == "1 unpaid traffic violation, 4.000.000 đồng in fines."
    assert outcome.summary.params == {"count": 1, "total": "4.000.000"}


def test_several_unpaid_fines_are_counted_and_added_up():
    outcome = interpret(UpstreamCheck.TRAFFIC_VIOLATIONS, fines(500_000, 300_000))
    assert outcome.state is CheckState.ATTENTION
    assert outcome.summary.english() == "2 unpaid traffic violations, 800.000 đồng in fines."
    assert [v["violation_id"] for v in outcome.result["unpaid"]] == ["DEMO-VP-0001", "DEMO-VP-0002"]


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        (UpstreamCheck.HEALTH_CERTIFICATE, {"certificate": None}),
        (UpstreamCheck.HEALTH_CERTIFICATE, {"checked_at": "yesterday", "certificate": None}),
        (UpstreamCheck.HEALTH_CERTIFICATE, {"checked_at": CHECKED_AT, "certificate": {"valid": True}}),
        (UpstreamCheck.HEALTH_CERTIFICATE, {"checked_at": CHECKED_AT, "certificate": "none"}),
        (UpstreamCheck.TRAFFIC_VIOLATIONS, {"checked_at": CHECKED_AT, "count": "2", "total_fine": 1}),
        (UpstreamCheck.TRAFFIC_VIOLATIONS, {"checked_at": CHECKED_AT, "count": -1, "total_fine": 0}),
    ],
)
def test_an_answer_that_does_not_read_is_a_value_error(kind, body):
    with pytest.raises(ValueError):
        interpret(kind, body)


# -- texts kept in the store -------------------------------------------------------------


def test_a_summary_survives_its_stored_form_and_garbage_reads_as_none():
    summary = interpret_traffic_violations(fines(2_000_000)).summary
    assert CheckSummary.from_json(summary.to_json()) == summary
    assert CheckSummary.from_json(None) is None
    assert CheckSummary.from_json({"params": {}}) is None


def test_a_check_that_is_gone_says_why():
    error = CheckNotFound.of("c0ffee")
    assert str(error) == (
        "This check is no longer on the desk: its intake was cancelled or the citizen's number changed."
    )


# -- the retry schedule ------------------------------------------------------------------


def test_the_wait_starts_at_30_seconds_and_doubles_to_30_minutes():
    assert [retry_delay(n).total_seconds() for n in range(1, 9)] == [30, 60, 120, 240, 480, 960, 1800, 1800]
    assert retry_delay(500) == timedelta(minutes=30)


def test_retry_after_is_a_floor_never_a_shortcut():
    assert retry_delay(1, retry_after=300) == timedelta(seconds=300)
    assert retry_delay(7, retry_after=2) == timedelta(minutes=30)


def test_a_check_gives_up_after_a_day_of_tries():
    waited = sum((retry_delay(n) for n in range(1, GIVE_UP_FAILURES)), timedelta())
    assert GIVE_UP_AFTER <= waited < GIVE_UP_AFTER + retry_delay(GIVE_UP_FAILURES)
    assert GIVE_UP_FAILURES == 54
    now = datetime(2026, 11, 21, 9, 30, tzinfo=VN_TZ)
    assert next_attempt_at(now, GIVE_UP_FAILURES - 1) == now + timedelta(minutes=30)
    assert not gives_up(GIVE_UP_FAILURES - 1)
    assert gives_up(GIVE_UP_FAILURES) and next_attempt_at(now, GIVE_UP_FAILURES) is None
    assert next_attempt_at(now, 1, retry_after=2) == now + timedelta(seconds=30)
