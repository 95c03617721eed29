import pytest
from hypothesis import given, settings, strategies as st

from desk_app.core.catalogue import Choice, FieldType, FormField
from desk_app.core.validation import normalise_phone, validate_field, validate_form

PHONE = FormField("phone", "Số điện thoại", FieldType.PHONE, required=True)


@pytest.mark.parametrize("value", ["0905123456", "0905 123 456", "+84905123456", "84 905 123 456", "0258.3822.123"])
def test_vietnamese_phone_numbers_pass(value):
    assert validate_field(PHONE, value) is None


@pytest.mark.parametrize("value", ["12345", "0105123456", "09051234567", "abc"])
def test_bad_phone_numbers_say_the_expected_form(value):
    problem = validate_field(PHONE, value)
    assert problem.key == "phone" and "10 digits" in problem.english()


def test_required_field_left_empty():
    assert validate_field(PHONE, "  ").english() == "Số điện thoại: this field is required."


@pytest.mark.parametrize("field,value,ok", [
    (FormField("d", "Ngày", FieldType.DATE), "05/09/1980", True),
    (FormField("d", "Ngày", FieldType.DATE), "31/02/1980", False),
    (FormField("n", "Số", FieldType.NUMBER, min_value=1, max_value=10), "5", True),
    (FormField("n", "Số", FieldType.NUMBER, min_value=1, max_value=10), "11", False),
    (FormField("n", "Số", FieldType.NUMBER), "năm", False),
    (FormField("e", "Email", FieldType.EMAIL), "a@b.vn", True),
    (FormField("e", "Email", FieldType.EMAIL), "a@b", False),
    (FormField("c", "Hạng", FieldType.CHOICE, choices=(Choice("A1", "A1"),)), "A1", True),
    (FormField("c", "Hạng", FieldType.CHOICE, choices=(Choice("A1", "A1"),)), "B2", False),
    (FormField("t", "Số GPLX", pattern="[0-9]{12}"), "560123456789", True),
    (FormField("t", "Số GPLX", pattern="[0-9]{12}"), "56012345678", False),
    (FormField("t", "Tên", min_length=2, max_length=4), "A", False),
    (FormField("t", "Tên", min_length=2, max_length=4), "ABCDE", False),
    (FormField("t", "Tên", min_length=2, max_length=4), "ABC", True),
])
def test_each_rule(field, value, ok):
    assert (validate_field(field, value) is None) is ok


def test_validate_form_lists_every_problem_in_field_order():
    fields = [FormField("a", "A", required=True), FormField("b", "B"), PHONE]
    assert [p.key for p in validate_form(fields, {"phone": "1"})] == ["a", "phone"]


def test_phone_normalisation():
    assert normalise_phone("+84 (905) 123-456") == "0905123456"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(FieldType)), st.text(max_size=40))
def test_no_input_crashes_a_validator(kind, value):
    field = FormField("k", "Label", kind, choices=(Choice("x", "X"),), pattern="[a-z]*", min_value=0, max_value=5)
    problem = validate_field(field, value)
    assert problem is None or problem.english()
