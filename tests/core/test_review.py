"""Review by exception: the flags a dossier raises, a supervisor's decision, the queue's
search text."""

from __future__ import annotations

from datetime import datetime

import pytest

from desk_app.core.queue_query import TextSearch, text_search
from desk_app.core.review import (
    REVIEW_NOTE_MAX,
    STORED_FLAGS,
    Review,
    ReviewAction,
    ReviewFlag,
    is_late,
    needs_review,
    new_review,
    stored_flags,
)
from desk_app.core.timeutil import VN_TZ

AT = datetime(2026, 11, 23, 10, 15, tzinfo=VN_TZ)
CLIENT_ID = "6f1c1a53-2f3e-4d8e-9a51-0c3a9b1e2d40"


def test_an_approval_needs_no_note_and_travels_without_its_actor() -> None:
    review = new_review(CLIENT_ID, "approve", "  ", int(ReviewFlag.PHOTO_EXCEPTION | ReviewFlag.LATE), "giamsat01", AT)
    assert (review.action, review.note, review.flags, review.actor) == (ReviewAction.APPROVE, None, 33, "giamsat01")
    assert review.to_wire() == {"review_id": review.review_id, "action": "approve", "note": None, "flags": 33,
                                "at": "2026-11-23T10:15:00+07:00"}
    assert new_review(CLIENT_ID, ReviewAction.APPROVE, None, 0, "giamsat01", AT).review_id != review.review_id


@pytest.mark.parametrize("action", [ReviewAction.RETURN, ReviewAction.ESCALATE])
def test_a_return_or_an_escalation_must_say_why(action: ReviewAction) -> None:
    for note in (None, "", "  ", "ok", " ok \n"):
        with pytest.raises(ValueError):
            new_review(CLIENT_ID, action, note, 1, "giamsat01", AT)
    review = new_review(CLIENT_ID, action, "  Ảnh chưa đạt:\nnền tối ", 1, "giamsat01", AT)
    assert review.note == "Ảnh chưa đạt:\nnền tối"


@pytest.mark.parametrize("changes", [
    {"note": "x" * (REVIEW_NOTE_MAX + 1)},
    {"flags": 64},
    {"flags": -1},
    {"at": datetime(2026, 11, 23, 10, 15)},
    {"actor": ""},
    {"action": "ignore"},
])
def test_a_decision_that_breaks_the_rules_is_refused(changes: dict) -> None:
    values = {"client_id": CLIENT_ID, "action": "approve", "note": None, "flags": 1, "actor": "giamsat01", "at": AT}
    with pytest.raises(ValueError):
        new_review(**{**values, **changes})


def test_a_review_record_from_the_central_api_reads_back() -> None:
    review = new_review(CLIENT_ID, "return", "Thiếu bản sao", 2, "giamsat01", AT)
    record = {**review.to_wire(), "client_id": CLIENT_ID, "actor": "giamsat01", "actor_name": "Lê Thị Giám Sát",
              "recorded_at": "2026-11-23T10:16:02+07:00"}
    assert Review.from_wire(record) == review
    assert Review.from_wire(review.to_wire(), client_id=CLIENT_ID) == Review(
        review.review_id, CLIENT_ID, ReviewAction.RETURN, "Thiếu bản sao", 2, "", AT)
    with pytest.raises((KeyError, ValueError, TypeError)):
        Review.from_wire({**record, "flags": "2"})


def test_a_dossier_body_raises_the_flags_it_carries() -> None:
    assert stored_flags({"code": "X"}) == ReviewFlag(0)
    assert stored_flags({"portrait_exception": {"rules": ["background"]}}) == ReviewFlag.PHOTO_EXCEPTION
    both = {"portrait_exception": {"rules": ["glasses"]}, "validation_overrides": [{"rule": "documents_short"}]}
    assert stored_flags(both) == ReviewFlag.PHOTO_EXCEPTION | ReviewFlag.VALIDATION_OVERRIDE
    assert stored_flags(both) & ~STORED_FLAGS == 0


def test_a_flag_raised_after_a_decision_needs_another() -> None:
    assert not needs_review(0, 0)
    assert needs_review(int(ReviewFlag.REFUND), 0)
    assert not needs_review(int(ReviewFlag.REFUND), int(ReviewFlag.REFUND | ReviewFlag.LATE))
    assert needs_review(int(ReviewFlag.REFUND | ReviewFlag.REPRINT), int(ReviewFlag.REFUND))


def test_only_an_open_dossier_past_its_due_time_is_late() -> None:
    assert is_late(4, datetime(2026, 11, 23, 9, 0, tzinfo=VN_TZ), AT)
    assert not is_late(4, datetime(2026, 11, 23, 11, 0, tzinfo=VN_TZ), AT)
    assert not is_late(10, datetime(2026, 11, 1, 9, 0, tzinfo=VN_TZ), AT)


@pytest.mark.parametrize("text,search", [
    ("", TextSearch()),
    ("   ", TextSearch()),
    ("Nguyễn  Văn", TextSearch(name_part="nguyen van")),
    ("0560", TextSearch(cccd_prefix="0560", code_part="0560")),
    ("056 085 000 123", TextSearch(cccd_prefix="056085000123", code_part="056085000123")),
    ("42", TextSearch(code_part="42")),
    ("0560850001234", TextSearch(code_part="0560850001234")),
    ("261101-0042", TextSearch(code_part="261101-0042")),
    ("tam.desk01", TextSearch(code_part="tam.desk01")),
    ("H56", TextSearch(code_part="H56")),
])
def test_the_search_text_names_a_code_a_cccd_or_a_name(text: str, search: TextSearch) -> None:
    assert text_search(text) == search
    assert text_search(text).empty is (search == TextSearch())
