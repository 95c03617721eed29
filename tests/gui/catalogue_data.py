"""A small catalogue for the GUI tests, in the wire format the central API serves."""

from __future__ import annotations

from typing import Any

VERSION = "2026.11.T1"

LICENCE_RENEWAL = {
    "code": "TEST.GPLX.01",
    "name": "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
    "abbreviations": ["doi gplx"],
    "sector": "Đường bộ",
    "agency_code": "000.00.17.H56",
    "agency_name": "Sở Xây dựng tỉnh Khánh Hòa",
    "processing_days": 5,
    "fully_online": False,
    "demo_values": True,
    "documents": [
        {"code": "don", "name": "Đơn đề nghị đổi giấy phép lái xe", "originals": 1, "certified_copies": 0,
         "photocopies": 0, "required": True, "note": ""},
        {"code": "gplx", "name": "Bản sao giấy phép lái xe", "originals": 0, "certified_copies": 0,
         "photocopies": 1, "required": True, "note": ""},
        {"code": "gksk", "name": "Giấy khám sức khỏe", "originals": 1, "certified_copies": 0,
         "photocopies": 0, "required": False, "note": "Không cần với hạng A1, A2, A3"},
    ],
    "fees": [{"code": "le_phi", "name": "Lệ phí cấp đổi giấy phép lái xe", "amount": 135000, "note": ""}],
    "fields": [
        {"key": "full_name", "label": "Họ và tên", "type": "text", "required": True, "prefill": "citizen.full_name"},
        {"key": "date_of_birth", "label": "Ngày sinh", "type": "date", "required": True, "prefill": "citizen.date_of_birth"},
        {"key": "licence_number", "label": "Số giấy phép lái xe", "type": "text", "required": True,
         "pattern": "^[0-9]{12}$", "help": "12 chữ số"},
        {"key": "licence_class", "label": "Hạng", "type": "choice", "required": True,
         "choices": [{"value": "A1", "label": "Hạng A1"}, {"value": "B", "label": "Hạng B"}]},
        {"key": "phone", "label": "Số điện thoại", "type": "phone", "required": False},
    ],
    "photo": {"width_mm": 30, "height_mm": 40, "width_px": 300, "height_px": 400,
              "background": "white", "max_bytes": 512000},
    "delivery_options": ["desk", "post"],
}

TRANSPORT_BADGE = {
    "code": "TEST.VT.01",
    "name": "Cấp phù hiệu xe ô tô kinh doanh vận tải",
    "abbreviations": [],
    "sector": "Vận tải",
    "agency_code": "000.00.17.H56",
    "agency_name": "Sở Xây dựng tỉnh Khánh Hòa",
    "processing_days": 2,
    "documents": [
        {"code": "giay_de_nghi", "name": "Giấy đề nghị cấp phù hiệu", "originals": 1, "required": True},
    ],
    "fees": [],
    "fields": [
        {"key": "plate_number", "label": "Biển số xe", "type": "text", "required": True},
        {"key": "capacity", "label": "Số chỗ", "type": "number", "required": False, "min_value": 4, "max_value": 60},
    ],
    "photo": None,
    "delivery_options": ["desk"],
}


# An address (prefilled from the card) and a repeatable group of vehicles.
HOUSEHOLD_FLEET = {
    "code": "TEST.HKD.01",
    "name": "Đăng ký phương tiện của hộ kinh doanh vận tải",
    "abbreviations": [],
    "sector": "Vận tải",
    "agency_code": "000.00.17.H56",
    "agency_name": "Sở Xây dựng tỉnh Khánh Hòa",
    "processing_days": 3,
    "documents": [
        {"code": "giay_de_nghi", "name": "Giấy đề nghị đăng ký", "originals": 1, "required": True},
    ],
    "fees": [],
    "fields": [
        {"key": "owner_name", "label": "Chủ hộ", "type": "text", "required": True, "prefill": "citizen.full_name"},
        {"key": "home_address", "label": "Địa chỉ thường trú", "type": "address", "required": True,
         "max_length": 60, "prefill": "citizen.address"},
        {"key": "vehicles", "label": "Phương tiện", "type": "group", "required": True, "min_items": 1, "max_items": 3,
         "fields": [
             {"key": "plate", "label": "Biển số", "type": "text", "required": True,
              "pattern": "^[0-9]{2}[A-Z]{1,2}-[0-9]{3}\\.[0-9]{2}$"},
             {"key": "kind", "label": "Loại xe", "type": "choice", "required": True,
              "choices": [{"value": "tai", "label": "Xe tải"}, {"value": "khach", "label": "Xe khách"}]},
             {"key": "year", "label": "Năm sản xuất", "type": "number", "required": False,
              "min_value": 1990, "max_value": 2030},
         ]},
    ],
    "photo": None,
    "delivery_options": ["desk"],
}

# A few places in the post-July-2025 shape (no districts); the ward codes are this test's own.
PLACES = [
    {"code": "01", "name": "Thành phố Hà Nội", "wards": [{"code": "01.01", "name": "Phường Hoàn Kiếm"}]},
    {"code": "56", "name": "Tỉnh Khánh Hòa", "wards": [
        {"code": "56.01", "name": "Phường Nha Trang"},
        {"code": "56.02", "name": "Phường Bắc Nha Trang"},
        {"code": "56.09", "name": "Xã Diên Khánh"},
        {"code": "56.10", "name": "Xã Diên Lạc"},
    ]},
    {"code": "79", "name": "Thành phố Hồ Chí Minh", "wards": [
        {"code": "79.01", "name": "Phường Sài Gòn"},
        {"code": "79.02", "name": "Phường Bến Thành"},
    ]},
]


def catalogue_json() -> dict[str, Any]:
    return {
        "version": VERSION,
        "published_at": "2026-11-01T08:00:00+07:00",
        "procedures": [LICENCE_RENEWAL, TRANSPORT_BADGE, HOUSEHOLD_FLEET],
        "places": PLACES,
    }
