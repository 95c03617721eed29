"""A draft survives being written down and read back, and a damaged one still gives back
what can be read (hypothesis throws arbitrary JSON at the reader)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.core.catalogue import DeliveryOption
from desk_app.core.dossier import ReceivedDocument
from desk_app.core.fees import PaymentMethod
from desk_app.core.identity import Sex
from desk_app.gui.intake.draft import CitizenDetails, IntakeDraft, draft_from_json, draft_to_json
from desk_app.photo.normalise import NormalisedPhoto


def test_every_field_comes_back(catalogue) -> None:
    procedure = catalogue.procedures[0]
    draft = IntakeDraft(
        citizen=CitizenDetails("Nguyễn Thị Phương Thảo", "056162100001", "225123456", date(1962, 3, 8), Sex.FEMALE,
                               "Thôn Phú Hòa, Xã Diên Phú"),
        procedure=procedure, form_values={"licence_number": "790123456789"},
        documents=[ReceivedDocument("don", "Đơn đề nghị", 1, 0, 0)], sets=2, phone="0905123456",
        email="thao@example.vn", delivery=DeliveryOption.POST, delivery_address="Nha Trang",
        portrait=NormalisedPhoto(b"jpeg", "ab" * 32, 300, 400), consent=True, fee_collected=False,
        fee_method=PaymentMethod.QR, fee_receipt_number="",
    )
    body = draft_to_json(draft, page=4)
    again, page = draft_from_json(body, {p.code: p for p in catalogue.procedures}, b"jpeg")
    assert page == 4 and again == draft


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["citizen", "procedure_code", "form_values", "documents", "sets", "delivery",
                                        "fee_method", "portrait", "page", "consent", "phone"]), json_values))
def test_a_damaged_draft_never_crashes_the_reader(body) -> None:
    try:
        draft, page = draft_from_json(body, {}, None)
    except (TypeError, ValueError, AttributeError) as exc:  # pragma: no cover - the failure hypothesis looks for
        raise AssertionError(f"draft {body!r} crashed the reader: {exc!r}") from exc
    assert isinstance(draft, IntakeDraft) and page >= 0
