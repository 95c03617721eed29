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


# ---------------------------------------------------------------- address and group fields

from desk_app.core.catalogue import Province, Ward  # noqa: E402
from desk_app.core.form_values import Address, flatten_address, flatten_group  # noqa: E402
from desk_app.core.validation import validate_address, validate_group, validate_values  # noqa: E402

PLACES = (
    Province("56", "Tỉnh Khánh Hòa", (Ward("56.01", "Phường Nha Trang"), Ward("56.10", "Xã Diên Lạc"))),
    Province("79", "Thành phố Hồ Chí Minh", (Ward("79.01", "Phường Sài Gòn"),)),
)
HOME = FormField("home", "Địa chỉ", FieldType.ADDRESS, required=True, max_length=20)
OFFICE = FormField("office", "Văn phòng", FieldType.ADDRESS)


@pytest.mark.parametrize("field,address,key,english", [
    (HOME, Address(), "home", "Địa chỉ: this field is required."),
    (HOME, Address(street="12 Trần Phú"), "home.province", "Địa chỉ: choose the province or city."),
    (HOME, Address(province="56"), "home.ward", "Địa chỉ: choose the ward or commune."),
    (HOME, Address(ward="79.01", province="56"), "home.ward",
     "Địa chỉ: Phường Sài Gòn is not in Tỉnh Khánh Hòa; choose the ward again."),
    (HOME, Address(ward="56.99", province="56"), "home.ward",
     "Địa chỉ: 56.99 is not in Tỉnh Khánh Hòa; choose the ward again."),
    (HOME, Address(ward="56.01", province="99"), "home.province",
     "Địa chỉ: the province is not in the catalogue's list; choose it again."),
    (HOME, Address(street="x" * 21, ward="56.01", province="56"), "home.street",
     "Địa chỉ: the house number and street may have at most 20 characters."),
    (OFFICE, Address(ward="56.01"), "office.province", "Văn phòng: choose the province or city."),
    (OFFICE, Address(street="y" * 201), "office.street",
     "Văn phòng: the house number and street may have at most 200 characters."),
])
def test_each_address_problem_is_said(field, address, key, english):
    problem = validate_address(field, address, PLACES)
    assert problem.key == key and problem.english() == english


@pytest.mark.parametrize("field,address", [
    (HOME, Address(street="12 Trần Phú", ward="56.01", province="56")),
    (HOME, Address(ward="56.10", province="56")),      # a village address may have no street
    (OFFICE, Address()),                               # not required, left empty
    (OFFICE, Address(street="Thôn Phú Lộc")),          # not required: the officer may leave the places
    (OFFICE, Address(province="79")),
])
def test_good_addresses_pass(field, address):
    assert validate_address(field, address, PLACES) is None


def test_without_places_the_ward_is_not_checked_against_the_province():
    # The central API checks a dossier with what it has; codes must still be there when required.
    assert validate_address(HOME, Address(ward="79.01", province="56")) is None
    assert validate_address(HOME, Address(province="56")).key == "home.ward"


def test_an_address_is_read_from_the_flat_form_values():
    values = flatten_address("home", Address("1 Lê Lợi", "56.01", "56"), PLACES)
    assert validate_form([HOME], values, PLACES) == []
    only_line = validate_form([HOME], {"home": "1 Lê Lợi, Nha Trang"}, PLACES)
    assert [p.english() for p in only_line] == ["Địa chỉ: choose the province or city."]
    assert validate_field(HOME, "").english() == "Địa chỉ: this field is required."


VEHICLES = FormField("vehicles", "Phương tiện", FieldType.GROUP, required=True, min_items=1, max_items=2, fields=(
    FormField("plate", "Biển số", required=True, pattern="[0-9]{2}[A-Z]-[0-9]{3}\\.[0-9]{2}"),
    FormField("year", "Năm sản xuất", FieldType.NUMBER, min_value=1990, max_value=2030),
    FormField("garage", "Nơi để xe", FieldType.ADDRESS),
))


def test_each_entry_is_checked_by_its_sub_fields_rules_and_named():
    values = flatten_group("vehicles", [
        {"plate": "79C-123.45", "year": "2019"},
        {"plate": "", "year": "1980", "garage.ward": "56.01"},
    ])
    problems = validate_group(VEHICLES, values, PLACES)
    assert [(p.key, p.entry, p.english()) for p in problems] == [
        ("vehicles.2.plate", 2, "Entry 2: Biển số: this field is required."),
        ("vehicles.2.year", 2, "Entry 2: Năm sản xuất: must be at least 1990."),
        ("vehicles.2.garage.province", 2, "Entry 2: Nơi để xe: choose the province or city."),
    ]
    # The template stays the sub-field's own, so it is translated like any other.
    assert problems[0].template == "{label}: this field is required."


def test_too_few_and_too_many_entries():
    assert [p.english() for p in validate_group(VEHICLES, {"vehicles.count": "0"})] == [
        "Phương tiện: add at least 1 entry(ies)."]
    assert [p.english() for p in validate_values(VEHICLES, {})] == ["Phương tiện: add at least 1 entry(ies)."]
    three = flatten_group("vehicles", [{"plate": "79C-123.45"}] * 3)
    assert [p.english() for p in validate_group(VEHICLES, three)] == [
        "Phương tiện: at most 2 entry(ies); remove the extra ones."]
    optional = FormField("v", "Xe", FieldType.GROUP, min_items=2, fields=(FormField("p", "Biển số"),))
    assert validate_group(optional, {"v.count": "1"})[0].english() == "Xe: add at least 2 entry(ies)."
    assert validate_group(FormField("v", "Xe", FieldType.GROUP, fields=(FormField("p", "P"),)), {}) == []


def test_a_form_with_a_group_lists_every_problem_in_field_order():
    fields = [FormField("a", "A", required=True), VEHICLES, PHONE]
    values = {"phone": "0905123456", **flatten_group("vehicles", [{"plate": "bad"}])}
    assert [p.key for p in validate_form(fields, values, PLACES)] == ["a", "vehicles.1.plate"]
