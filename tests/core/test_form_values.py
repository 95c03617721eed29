"""Flat form values for address and group fields, and reading the address of a CCCD."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from desk_app.core.catalogue import Choice, FieldType, FormField, Province, Ward
from desk_app.core.form_values import (
    Address,
    address_from_text,
    address_line,
    display_value,
    field_values,
    flatten_address,
    flatten_group,
    place_key,
    unflatten_address,
    unflatten_group,
)
from desk_app.core.text import fold

PLACES = (
    Province("01", "Thành phố Hà Nội", (Ward("01.01", "Phường Hoàn Kiếm"),)),
    Province("56", "Tỉnh Khánh Hòa", (
        Ward("56.01", "Phường Nha Trang"), Ward("56.02", "Phường Bắc Nha Trang"),
        Ward("56.09", "Xã Diên Khánh"), Ward("56.10", "Xã Diên Lạc"),
    )),
    Province("79", "Thành phố Hồ Chí Minh", (Ward("79.01", "Phường Sài Gòn"), Ward("79.02", "Phường Bến Thành"))),
)


# ---------------------------------------------------------------- flatten / unflatten


def test_an_address_is_its_line_and_its_parts():
    address = Address(street="12 Trần Phú", ward="56.01", province="56")
    assert flatten_address("home", address, PLACES) == {
        "home": "12 Trần Phú, Phường Nha Trang, Tỉnh Khánh Hòa",
        "home.street": "12 Trần Phú",
        "home.ward": "56.01",
        "home.province": "56",
    }


def test_the_line_leaves_out_what_is_not_known():
    assert address_line(Address(street="Thôn Phú Lộc", province="56"), PLACES) == "Thôn Phú Lộc, Tỉnh Khánh Hòa"
    assert address_line(Address(ward="79.01", province="56"), PLACES) == "Tỉnh Khánh Hòa"  # ward of another province
    assert address_line(Address(street="  ", ward="x", province="99"), PLACES) == ""


def test_a_group_is_counted_and_numbered_from_one():
    flat = flatten_group("vehicles", [{"plate": "79C-123.45", "kind": "tai"}, {"plate": "51B-678.90"}])
    assert flat == {
        "vehicles.count": "2",
        "vehicles.1.plate": "79C-123.45",
        "vehicles.1.kind": "tai",
        "vehicles.2.plate": "51B-678.90",
    }


def test_a_group_without_its_count_or_with_empty_values_dropped_still_reads():
    # Dossiers drop empty values: entry 1 lost its only value, the count remains.
    assert unflatten_group("v", {"v.count": "2", "v.2.plate": "A"}) == [{}, {"plate": "A"}]
    assert unflatten_group("v", {"v.3.plate": "C", "v.1.plate": "A"}) == [{"plate": "A"}, {}, {"plate": "C"}]
    assert unflatten_group("v", {"v.count": "lots", "vx.1.plate": "A", "v.0.plate": "B"}) == []
    assert len(unflatten_group("v", {"v.count": "1000000"})) == 50


def test_field_values_takes_a_field_and_nothing_of_its_neighbours():
    values = {"home": "x", "home.street": "s", "homework": "no", "vehicles.count": "0"}
    assert field_values(FormField("home", "Địa chỉ", FieldType.ADDRESS), values) == {"home": "x", "home.street": "s"}


def test_display_value_reads_a_group_back_with_choice_labels():
    group = FormField("v", "Xe", FieldType.GROUP, fields=(
        FormField("plate", "Biển số"),
        FormField("kind", "Loại", FieldType.CHOICE, choices=(Choice("tai", "Xe tải"),)),
    ))
    values = flatten_group("v", [{"plate": "79C-123.45", "kind": "tai"}, {"plate": "51B-678.90", "kind": ""}])
    assert display_value(group, values) == "1. 79C-123.45, Xe tải; 2. 51B-678.90"
    home = FormField("home", "Địa chỉ", FieldType.ADDRESS)
    assert display_value(home, {"home.street": "1 Lê Lợi", "home.ward": "56.01", "home.province": "56"}, PLACES) == (
        "1 Lê Lợi, Phường Nha Trang, Tỉnh Khánh Hòa")


_SUB_KEYS = st.from_regex(r"[a-z][a-z0-9_]{0,6}(\.(street|ward|province))?", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(_SUB_KEYS, st.text(max_size=12), max_size=4), max_size=8))
def test_a_group_comes_back_as_it_went(entries):
    flat = flatten_group("vehicles", entries)
    assert all(isinstance(v, str) for v in flat.values())
    assert unflatten_group("vehicles", flat) == entries


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.sampled_from(["", "56.01", "79.02", "zz"]), st.sampled_from(["", "56", "79", "99"]))
def test_an_address_comes_back_as_it_went(street, ward, province):
    address = Address(street, ward, province)
    assert unflatten_address("home", flatten_address("home", address, PLACES)) == address


# ---------------------------------------------------------------- the CCCD's address


def test_a_post_2025_card_address_fills_province_and_ward():
    assert address_from_text("Thôn Phú Lộc, Xã Diên Lạc, Tỉnh Khánh Hòa", PLACES) == Address("Thôn Phú Lộc", "56.10", "56")


def test_names_match_without_diacritics_case_or_unit_word():
    assert address_from_text("12 tran phu, nha trang, KHANH HOA", PLACES) == Address("12 tran phu", "56.01", "56")


def test_an_old_district_between_ward_and_province_is_kept_in_the_street():
    address = address_from_text("Thôn Phú Lộc, Xã Diên Lạc, Huyện Diên Khánh, Tỉnh Khánh Hòa", PLACES)
    assert address == Address("Thôn Phú Lộc, Huyện Diên Khánh", "56.10", "56")


def test_an_old_city_is_not_taken_for_the_ward_of_the_same_name():
    # Before July 2025 "Thành phố Nha Trang" was a city of wards; today's Phường Nha Trang is one ward.
    address = address_from_text("Phường Lộc Thọ, Thành phố Nha Trang, Tỉnh Khánh Hòa", PLACES)
    assert address == Address("Phường Lộc Thọ, Thành phố Nha Trang", "", "56")


def test_a_ward_merged_away_leaves_the_ward_for_the_officer():
    address = address_from_text("Thôn Phú Hòa, Xã Diên Phú, Huyện Diên Khánh, Tỉnh Khánh Hòa", PLACES)
    assert address == Address("Thôn Phú Hòa, Xã Diên Phú, Huyện Diên Khánh", "", "56")


def test_another_unit_word_is_not_the_same_place():
    # "Tỉnh Hồ Chí Minh" names no place listed: the word "Tỉnh" would be lost in the printed line.
    assert address_from_text("1 Lê Lợi, Phường Sài Gòn, Tỉnh Hồ Chí Minh", PLACES) == Address("1 Lê Lợi, Phường Sài Gòn, Tỉnh Hồ Chí Minh")
    assert address_from_text("Xã Nha Trang, Tỉnh Khánh Hòa", PLACES) == Address("Xã Nha Trang", "", "56")


def test_nothing_matching_keeps_everything_in_the_street():
    assert address_from_text("  Số 5,, đường 3/2 ,Quận 10 ", PLACES) == Address("Số 5, đường 3/2, Quận 10")
    assert address_from_text("Thôn Phú Lộc, Tỉnh Khánh Hòa", ()) == Address("Thôn Phú Lộc, Tỉnh Khánh Hòa")
    assert address_from_text("", PLACES) == Address()


def test_place_key_drops_the_unit_word_only():
    assert place_key("Tỉnh Khánh Hòa") == "khanh hoa"
    assert place_key("Đặc khu Trường Sa") == "truong sa"
    assert place_key("Xã Xuân Hương") == "xuan huong"
    assert place_key("Nha Trang") == "nha trang"


_WORDS = re.compile(r"[^\s,]+")


def _words(text: str) -> set[str]:
    return set(_WORDS.findall(fold(text)))


_PLACE_PARTS = st.sampled_from(
    [p.name for p in PLACES] + [w.name for p in PLACES for w in p.wards]
    + ["Huyện Diên Khánh", "Thành phố Nha Trang", "khanh hoa", "TP. Hồ Chí Minh", "Xã Diên Phú", "nha trang"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_PLACE_PARTS, st.text(max_size=15)), max_size=6),
       st.sampled_from([", ", ",", " , ", ",,"]))
def test_reading_an_address_never_raises_and_never_loses_a_word(parts, separator):
    text = separator.join(parts)
    address = address_from_text(text, PLACES)
    province = next((p for p in PLACES if p.code == address.province), None)
    if address.ward:
        assert province is not None and address.ward in {w.code for w in province.wards}
    assert _words(text) <= _words(address_line(address, PLACES)) | _words(address.street)


def test_a_province_without_wards_still_matches():
    places = (Province("56", "Tỉnh Khánh Hòa"), Province("79", "Thành phố Hồ Chí Minh", (Ward("1", "Phường Sài Gòn"),)))
    assert address_from_text("Phường Sài Gòn, Tỉnh Khánh Hòa", places) == Address("Phường Sài Gòn", "", "56")
