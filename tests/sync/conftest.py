"""Real parts for the sync tests: a DeskStore on tmp_path, the central API on loopback,
dossiers built from desk_app.core types with a real JPEG portrait made by Pillow."""

from __future__ import annotations

import hashlib
import io
import itertools
import socket
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Callable, Iterator

import pytest
import requests
from PIL import Image

from desk_app.core.calendar import WorkingCalendar
from desk_app.core.catalogue import Catalogue
from desk_app.core.dossier import Applicant, AttachmentRef, Dossier, FeeLine, ReceivedDocument, new_client_id
from desk_app.core.identity import Sex
from desk_app.core.timeutil import now_vn
from desk_app.core.validation import validate_form
from desk_app.store import DeskStore
from desk_app.sync import CentralClient, LoginResult
from tests.support.central_server import RunningCentral, start_central
from tests.support.citizens import cccd_number
from tests.support.store_keys import open_store

PASSWORD = "demo1234"
_desk_numbers = itertools.count(1)


def closed_port_url() -> str:
    """An address where nothing listens: the desk with its network cable pulled."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def portrait_jpeg(seed: str, size: tuple[int, int] = (120, 160)) -> bytes:
    """A real JPEG; noise keeps it from compressing to a few bytes, so it spans several chunks."""
    noise = hashlib.shake_256(f"portrait-{seed}".encode()).digest(size[0] * size[1] * 3)
    image = Image.frombytes("RGB", size, noise)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def _valid_value(form_field) -> str:
    """A value the demo procedure accepts, chosen by the field's type and rule, not its name."""
    if form_field.choices:
        return form_field.choices[0].value
    kind = form_field.type.value
    if kind == "date":
        return "08/03/1962"
    if kind == "number":
        return str(form_field.min_value if form_field.min_value is not None else 1)
    if kind == "phone":
        return "0905123456"
    if kind == "email":
        return "thao@example.vn"
    if form_field.pattern == "^[0-9]{12}$":
        return "056162100001"
    return "Nguyễn Thị Phương Thảo"


class MutableClock:
    """Vietnam time that stands still until a test moves it, so retry timing never depends on
    how fast the machine runs the test."""

    def __init__(self) -> None:
        self.start = now_vn()
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return self.start + self.offset

    def advance(self, **kwargs: float) -> None:
        self.offset += timedelta(**kwargs)


@dataclass
class Wire:
    """Every HTTP exchange a client made, seen through a requests response hook."""

    exchanges: list[tuple[str, str, int, dict[str, str]]] = field(default_factory=list)

    def __call__(self, response: requests.Response, *args: object, **kwargs: object) -> requests.Response:
        request = response.request
        self.exchanges.append((request.method or "", request.path_url, response.status_code, dict(request.headers)))
        return response

    def calls(self, method: str, path_part: str) -> list[tuple[str, str, int, dict[str, str]]]:
        return [e for e in self.exchanges if e[0] == method and path_part in e[1]]


@dataclass
class Desk:
    """One desk installation in a test: its store, its signed-in client, what went over the wire."""

    desk_id: str
    store: DeskStore
    client: CentralClient
    login: LoginResult
    wire: Wire
    catalogue: dict
    base_url: str

    @property
    def agency_code(self) -> str:
        return self.login.user.agency_code

    def new_client(self, base_url: str | None = None, **kwargs: object) -> CentralClient:
        """Another client for this desk with the same session token (a new connection pool)."""
        client = CentralClient(base_url or self.base_url, desk_id=self.desk_id,
                               access_token=self.login.access_token, **kwargs)
        client.session.hooks["response"].append(self.wire)
        return client

    def dossier(self, *, portraits: int = 1, seed: int = 1, received_at: datetime | None = None) -> tuple[Dossier, dict[str, bytes]]:
        catalogue = Catalogue.from_dict(self.catalogue)
        procedure = catalogue.procedures[0]
        received = received_at or now_vn()
        due = WorkingCalendar().due_at(received, procedure.processing_days)
        blobs: dict[str, bytes] = {}
        attachments = []
        for n in range(portraits):
            # Distinct per desk: the server keeps every blob, and tests share one server.
            data = portrait_jpeg(f"{self.desk_id}-{seed}-{n}")
            sha = hashlib.sha256(data).hexdigest()
            blobs[sha] = data
            attachments.append(AttachmentRef(sha, "portrait" if n == 0 else "scan", f"photo{n}.jpg", "image/jpeg", len(data)))
        form_values = {f.key: _valid_value(f) for f in procedure.fields}
        assert not validate_form(procedure.fields, form_values)
        dossier = Dossier(
            client_id=new_client_id(),
            procedure_code=procedure.code,
            catalogue_version=catalogue.version,
            applicant=Applicant(
                full_name="Nguyễn Thị Phương Thảo",
                cccd=cccd_number("056", date(1962, 3, 8), Sex.FEMALE, 100000 + seed),
                date_of_birth=date(1962, 3, 8),
                sex=Sex.FEMALE,
                address="Thôn Phú Hòa, Xã Diên Phú, Huyện Diên Khánh, Tỉnh Khánh Hòa",
                phone="0905123456",
            ),
            received_at=received,
            due_at=due,
            officer_username=self.login.user.username,
            site_code=self.login.user.site_code,
            desk_id=self.desk_id,
            form_values=form_values,
            documents=tuple(ReceivedDocument(d.code, d.name, d.originals, d.certified_copies, d.photocopies)
                            for d in procedure.documents),
            attachments=tuple(attachments),
            fees=tuple(FeeLine(f.code, f.name, f.amount) for f in procedure.fees),
        )
        return dossier, blobs

    def save(self, **kwargs) -> Dossier:
        dossier, blobs = self.dossier(**kwargs)
        return self.store.save_new_dossier(dossier, blobs)


@pytest.fixture(scope="package")
def sync_central(tmp_path_factory) -> Iterator[RunningCentral]:
    """One seeded central API for the sync tests; tests keep apart by using their own desk ids."""
    with start_central(tmp_path_factory.mktemp("central"), "sqlite") as running:
        yield running


@pytest.fixture
def make_desk(sync_central: RunningCentral, tmp_path) -> Iterator[Callable[..., Desk]]:
    opened: list[Desk] = []

    def make(username: str = "canbo01", **client_kwargs: object) -> Desk:
        # Short like a real desk id ("DESK-NT-01"): the id is part of provisional codes.
        desk_id = f"DESK-SY-{next(_desk_numbers):02d}"
        wire = Wire()
        client = CentralClient(sync_central.base_url, desk_id=desk_id, **client_kwargs)
        client.session.hooks["response"].append(wire)
        login = client.login(username, PASSWORD)
        catalogue, _ = client.get_catalogue(None)
        assert catalogue is not None
        store = open_store(tmp_path / desk_id)
        desk = Desk(desk_id, store, client, login, wire, catalogue, sync_central.base_url)
        opened.append(desk)
        return desk

    yield make
    for desk in opened:
        desk.client.close()
        desk.store.close()
