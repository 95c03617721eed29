import copy

import pytest
from hypothesis import given, settings, strategies as st

from desk_app.core.catalogue import Catalogue, CatalogueError, FieldType, UnknownProcedure
from desk_app.core.text import fold

CATALOGUE = {
    "version": "2026.11.1",
    "published_at": "2026-11-01T08:00:00+07:00",
    "procedures": [
        {
            "code": "DEMO.GPLX.01",
            "name": "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
            "abbreviations": ["doi gplx"],
            "sector": "Đường bộ",
            "agency_code": "000.00.17.H56",
            "agency_name": "Sở Xây dựng tỉnh Khánh Hòa",
            "processing_days": 5,
            "documents": [{"code": "don", "name": "Đơn đề nghị đổi giấy phép lái xe", "originals": 1}],
            "fees": [{"code": "le_phi", "name": "Lệ phí", "amount": 135000}],
            "fields": [
                {"key": "licence_number", "label": "Số GPLX", "type": "text", "required": True, "pattern": "^[0-9]{12}$"},
                {"key": "licence_class", "label": "Hạng", "type": "choice", "choices": [{"value": "A1", "label": "Hạng A1"}]},
            ],
            "photo": {"width_mm": 30, "height_mm": 40, "width_px": 600, "height_px": 800, "background": "white", "max_bytes": 500000},
            "delivery_options": ["desk", "post"],
        },
        {
            "code": "DEMO.GPLX.02",
            "name": "Cấp lại giấy phép lái xe bị mất",
            "sector": "Đường bộ",
            "agency_code": "000.00.17.H56",
            "agency_name": "Sở Xây dựng tỉnh Khánh Hòa",
            "processing_days": 10,
        },
        {
            "code": "DEMO.PH.01",
            "name": "Cấp phù hiệu xe ô tô kinh doanh vận tải",
            "sector": "Vận tải",
            "agency_code": "000.00.17.H56",
            "agency_name": "Sở Xây dựng tỉnh Khánh Hòa",
            "processing_days": 2,
            "fully_online": True,
        },
    ],
}


def catalogue() -> Catalogue:
    return Catalogue.from_dict(CATALOGUE)


def test_round_trip_keeps_every_value():
    first = catalogue()
    again = Catalogue.from_dict(first.to_dict())
    assert again == first
    renewal = again.get("DEMO.GPLX.01")
    assert renewal.total_fee == 135000
    assert renewal.field("licence_class").type is FieldType.CHOICE
    assert renewal.photo.height_px == 800


@pytest.mark.parametrize("query", ["doi gplx", "Đổi GPLX", "DOI GIAY PHEP", "gplx doi", "doi   giay"])
def test_search_ignores_diacritics_case_and_order(query):
    assert catalogue().search(query)[0].code == "DEMO.GPLX.01"


def test_initials_find_procedures_not_listing_them():
    codes = [p.code for p in catalogue().search("gplx")]
    assert codes == ["DEMO.GPLX.01", "DEMO.GPLX.02"]


def test_search_by_code_ranks_exact_code_first():
    assert catalogue().search("demo.gplx.02")[0].code == "DEMO.GPLX.02"


def test_empty_search_lists_most_used_first():
    assert catalogue().search("", usage={"DEMO.PH.01": 9})[0].code == "DEMO.PH.01"


def test_search_without_match_is_empty():
    assert catalogue().search("ho chieu") == []


def test_unknown_code_says_which_and_what_to_do():
    with pytest.raises(UnknownProcedure) as caught:
        catalogue().get("XYZ.1")
    assert caught.value.params == {"code": "XYZ.1", "version": "2026.11.1"}


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.pop("version"),
        lambda d: d.__setitem__("procedures", "nope"),
        lambda d: d["procedures"][0].pop("agency_code"),
        lambda d: d["procedures"][0]["fees"][0].__setitem__("amount", -5),
        lambda d: d["procedures"][0]["fields"][0].__setitem__("type", "colour"),
        lambda d: d["procedures"][0]["fields"][0].__setitem__("pattern", "(["),
        lambda d: d["procedures"][0]["fields"][1].__setitem__("choices", []),
        lambda d: d["procedures"][1].__setitem__("code", "DEMO.GPLX.01"),
        lambda d: d["procedures"][0].__setitem__("delivery_options", ["drone"]),
        lambda d: d.__setitem__("published_at", "yesterday"),
    ],
)
def test_damaged_catalogue_is_refused_with_a_catalogue_error(breakage):
    data = copy.deepcopy(CATALOGUE)
    breakage(data)
    with pytest.raises(CatalogueError):
        Catalogue.from_dict(data)


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
                        ["version", "published_at", "procedures", "code", "name", "fields", "type", "key", "label"]), inner, max_size=5),
                    max_leaves=20))
def test_any_json_is_a_catalogue_or_a_catalogue_error(data):
    try:
        Catalogue.from_dict(data)
    except CatalogueError:
        pass


def test_fold_handles_vietnamese_letters():
    assert fold("  Đường   Bộ ") == "duong bo"
    assert fold("Giấy phép LÁI XE") == "giay phep lai xe"


# ---------------------------------------------------------------- the demo catalogue

import json  # noqa: E402
from pathlib import Path  # noqa: E402

from desk_app.core.form_values import address_from_text  # noqa: E402

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "catalogue.json"


def test_the_demo_catalogue_lists_the_34_provincial_units_since_july_2025():
    demo = Catalogue.from_dict(json.loads(DEMO.read_text(encoding="utf-8")))
    assert len(demo.places) == 34
    assert all(len(p.code) == 2 and p.code.isdigit() for p in demo.places)
    assert sum(p.name.startswith("Thành phố ") for p in demo.places) == 6  # the six centrally governed cities
    khanh_hoa = next(p for p in demo.places if p.code == "56")
    assert khanh_hoa.name == "Tỉnh Khánh Hòa" and len(khanh_hoa.wards) >= 12
    assert [p.code for p in demo.places if p.wards] == ["56"]  # the wards are a sample of one province
    # The card of the brief's example reads straight into the pick-lists.
    address = address_from_text("Thôn Phú Lộc, Xã Diên Lạc, Tỉnh Khánh Hòa", demo.places)
    assert (address.street, address.province) == ("Thôn Phú Lộc", "56") and address.ward


def test_the_demo_catalogue_shows_an_address_and_a_group():
    demo = Catalogue.from_dict(json.loads(DEMO.read_text(encoding="utf-8")))
    assert demo.get("DEMO.VT.02").field("business_address").type is FieldType.ADDRESS
    registration = demo.get("DEMO.XMCD.01")
    owner = registration.field("owner_address")
    assert owner.type is FieldType.ADDRESS and owner.prefill == "citizen.address"
    machines = registration.field("machines")
    assert machines.type is FieldType.GROUP and (machines.min_items, machines.max_items) == (1, 5)
    assert [f.key for f in machines.fields] == ["machine_type", "brand", "engine_number", "chassis_number",
                                                "manufacture_year"]
    # Procedures whose plain fields other tests fill in (and whose officer effort is counted) keep them.
    plain = {FieldType.TEXT, FieldType.DATE, FieldType.CHOICE, FieldType.NUMBER, FieldType.PHONE, FieldType.EMAIL}
    for code in ("DEMO.GPLX.01", "DEMO.DT.01"):
        assert {f.type for f in demo.get(code).fields} <= plain
