"""Building blocks for the central API tests: real dossiers, real uploads, over HTTP."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import count
from typing import Any

import requests

from desk_app.core.dossier import Applicant, AttachmentRef, Dossier, DossierStatus, FeeLine, ReceivedDocument
from desk_app.core.identity import Sex
from desk_app.core.timeutil import VN_TZ
from tests.support.central_server import SITE_CENTRE, RunningCentral

CHUNK_TYPE = "application/offset+octet-stream"
_days = count(1)


def fresh_day() -> date:
    """A day no other test in the module has touched, so code counters start at 1."""
    return date.fromordinal(date(2027, 1, 1).toordinal() + next(_days))


def form_values() -> dict[str, str]:
    return {
        "full_name": "Nguyễn Thị Phương Thảo",
        "date_of_birth": "08/03/1962",
        "cccd": "056162123456",
        "address": "Thôn Phú Hòa, Xã Diên Phú, Tỉnh Khánh Hòa",
        "licence_number": "790123456789",
        "licence_class": "B2",
        "licence_issue_date": "15/07/2016",
        "phone": "0905123456",
    }


def make_dossier(
    *,
    code: str | None = None,
    provisional: bool = False,
    site_code: str = SITE_CENTRE,
    desk_id: str = "DESK-NT-01",
    officer: str = "canbo01",
    received_at: datetime | None = None,
    attachments: tuple[AttachmentRef, ...] = (),
    **changes: Any,
) -> Dossier:
    received_at = received_at or datetime(2026, 11, 21, 9, 30, tzinfo=VN_TZ)
    dossier = Dossier(
        client_id=str(uuid.uuid4()),
        procedure_code="DEMO.GPLX.01",
        catalogue_version="2026.11.1",
        applicant=Applicant(
            full_name="Nguyễn Thị Phương Thảo",
            cccd="056162123456",
            cmnd="225123456",
            date_of_birth=date(1962, 3, 8),
            sex=Sex.FEMALE,
            address="Thôn Phú Hòa, Xã Diên Phú, Tỉnh Khánh Hòa",
            phone="0905123456",
        ),
        received_at=received_at,
        due_at=received_at + timedelta(days=7),
        officer_username=officer,
        site_code=site_code,
        desk_id=desk_id,
        status=DossierStatus.ACCEPTED,
        code=code,
        code_provisional=provisional,
        form_values=form_values(),
        documents=(ReceivedDocument("don", "Đơn đề nghị đổi, cấp lại giấy phép lái xe (theo mẫu)", originals=1),),
        attachments=attachments,
        fees=(FeeLine("le_phi", "Lệ phí cấp đổi giấy phép lái xe", 135000),),
    )
    if changes.get("status") == DossierStatus.REFUSED:
        # A refusal at the desk always carries its reason (the centre refuses one without).
        changes.setdefault("outcome_note", "Hồ sơ không đủ điều kiện tiếp nhận.")
    return replace(dossier, **changes) if changes else dossier


def put_dossier(central: RunningCentral, headers: dict[str, str], wire: dict[str, Any]) -> requests.Response:
    return requests.put(central.url(f"/v1/dossiers/{wire['client_id']}"), json=wire, headers=headers, timeout=10)


def lease(central: RunningCentral, headers: dict[str, str], day: date, n: int) -> requests.Response:
    return requests.post(
        central.url(f"/v1/desks/{headers['X-Desk-Id']}/code-leases"),
        json={"day": day.isoformat(), "count": n},
        headers=headers,
        timeout=10,
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def patch_chunk(
    central: RunningCentral, headers: dict[str, str], sha: str, offset: int, total: int, chunk: bytes
) -> requests.Response:
    return requests.patch(
        central.url(f"/v1/blobs/{sha}"),
        data=chunk,
        headers={**headers, "Content-Type": CHUNK_TYPE, "Upload-Offset": str(offset), "Upload-Length": str(total)},
        timeout=10,
    )


def upload(central: RunningCentral, headers: dict[str, str], data: bytes, chunk_size: int = 64 * 1024) -> dict[str, Any]:
    sha = sha256_hex(data)
    answer: dict[str, Any] = {}
    for offset in range(0, len(data), chunk_size):
        response = patch_chunk(central, headers, sha, offset, len(data), data[offset : offset + chunk_size])
        assert response.status_code == 200, response.text
        answer = response.json()
    return answer


def portrait_jpeg(seed: int) -> bytes:
    """A real JPEG made with Pillow; the seed changes the pixels, so each test gets its own hash."""
    from io import BytesIO

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((150 + seed % 50, 150, 450, 550), fill=(200, 160, 130))
    draw.text((10, 10), f"test {seed}", fill=(0, 0, 0))
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()
