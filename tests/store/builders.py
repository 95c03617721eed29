"""Builders for the store tests: real JPEG bytes, dossiers as intake builds them, a catalogue."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from datetime import date, datetime
from typing import Any

from PIL import Image

from desk_app.core.dossier import Applicant, AttachmentRef, Dossier, ReceivedDocument, new_client_id
from desk_app.core.identity import Sex
from desk_app.core.timeutil import VN_TZ
from desk_app.store import DeskStore
from desk_app.store.blobs import sha256_hex

AGENCY = "000.00.17.H56"
DAY = date(2026, 11, 21)
RECEIVED_AT = datetime(2026, 11, 21, 9, 30, tzinfo=VN_TZ)


def jpeg(seed: int, size: tuple[int, int] = (60, 80)) -> bytes:
    """A real JPEG whose bytes differ with ``seed``."""
    image = Image.new("RGB", size, ((seed * 53) % 256, (seed * 97) % 256, (seed * 31) % 256))
    image.putpixel((seed % size[0], (seed // size[0]) % size[1]), (255 - seed % 256, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def attachment_for(data: bytes, kind: str = "portrait", filename: str = "portrait.jpg") -> AttachmentRef:
    return AttachmentRef(sha256_hex(data), kind, filename, "image/jpeg", len(data))


def make_dossier(blobs: list[bytes] | None = None, **changes: Any) -> tuple[Dossier, dict[str, bytes]]:
    """A dossier as the intake wizard builds it, with the bytes of its attachments."""
    blobs = blobs if blobs is not None else [jpeg(1)]
    kinds = ["portrait"] + ["scan"] * (len(blobs) - 1)
    attachments = tuple(
        attachment_for(data, kind, f"{kind}-{index}.jpg") for index, (kind, data) in enumerate(zip(kinds, blobs))
    )
    values: dict[str, Any] = dict(
        client_id=new_client_id(),
        procedure_code="DEMO.GPLX.01",
        catalogue_version="2026.11.1",
        applicant=Applicant(
            "Nguyễn Văn Bình",
            cccd="056085000123",
            date_of_birth=date(1985, 1, 2),
            sex=Sex.MALE,
            address="12 Trần Phú, Nha Trang",
            phone="0905123456",
        ),
        received_at=RECEIVED_AT,
        due_at=datetime(2026, 11, 28, 9, 30, tzinfo=VN_TZ),
        officer_username="canbo01",
        site_code=AGENCY,
        desk_id="DESK-NT-01",
        form_values={"licence_number": "560123456789"},
        documents=(ReceivedDocument("don", "Đơn đề nghị", originals=1),),
        attachments=attachments,
    )
    values.update(changes)
    return Dossier(**values), {a.sha256: data for a, data in zip(attachments, blobs)}


def catalogue_json(version: str = "2026.11.1", name: str = "Đổi giấy phép lái xe") -> dict[str, Any]:
    return {
        "version": version,
        "published_at": "2026-11-01T08:00:00+07:00",
        "procedures": [
            {
                "code": "DEMO.GPLX.01",
                "name": name,
                "abbreviations": ["doi gplx"],
                "sector": "Đường bộ",
                "agency_code": AGENCY,
                "agency_name": "Sở Xây dựng tỉnh Khánh Hòa",
                "processing_days": 5,
                "fully_online": False,
                "demo_values": True,
                "documents": [
                    {"code": "don", "name": "Đơn đề nghị", "originals": 1, "certified_copies": 0, "photocopies": 0,
                     "required": True, "note": ""}
                ],
                "fees": [{"code": "le_phi", "name": "Lệ phí cấp đổi", "amount": 135000, "note": ""}],
                "fields": [
                    {"key": "licence_number", "label": "Số giấy phép lái xe", "type": "text", "required": True,
                     "pattern": "^[0-9]{12}$", "min_length": None, "max_length": None, "min_value": None,
                     "max_value": None, "choices": [], "prefill": None, "help": ""}
                ],
                "photo": {"width_mm": 30, "height_mm": 40, "width_px": 600, "height_px": 800,
                          "background": "white", "max_bytes": 512000},
                "delivery_options": ["desk", "post"],
            }
        ],
    }


def count_rows(store: DeskStore, table: str) -> int:
    """Counted through a separate plain sqlite3 connection: what is really on disk."""
    with closing(sqlite3.connect(store.database_path)) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
