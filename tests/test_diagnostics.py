"""The diagnostics zip: what the site's IT needs, and nothing about a citizen, an officer or a key.

A real store holds a real citizen's dossier, draft and register answer; the logs were written
through the desk's own logging set-up (with a CCCD and a token in them), and an older log
file beside them was written without it; the settings keep the last officer's username; the
keyring holds the store key and the desk key. Every member of the zip is then read whole.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import uuid
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from desk_app.app import setup_logging
from desk_app.core.dossier import Applicant
from desk_app.core.identity import Sex
from desk_app.core.text import fold
from desk_app.credentials import TokenVault
from desk_app.diagnostics import MANIFEST, Scrubber, build_diagnostics, desk_log_files, settings_part
from desk_app.paths import DeskPaths
from desk_app.settings import DeskSettings, load_settings, save_settings
from desk_app.store import DeskStore
from desk_app.store.migrate import head_revision
from desk_app.store_key import load_store_key
from tests.store.builders import jpeg, make_dossier
from tests.support.citizens import cccd_number
from tests.support.memory_keyring import memory_keyring

NAME = "Nguyễn Thị Phương Thảo"
CCCD = cccd_number("056", date(1962, 3, 8), Sex.FEMALE, 123456)
CMND = "225123456"
PHONE = "0905123456"
USERNAME = "canbo01"
TOKEN = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.Zm9vYmFyYmF6cXV4"
DESK_KEY = "dk-4f1c9a7e52b04d3fa1e8c6b2d90e7f31"
DESK_ID = "DESK-NT-01"


@pytest.fixture
def desk_logging(tmp_path: Path) -> Iterator[Path]:
    """The desk's logging set-up (app.setup_logging) for one test, taken away after it."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    log_dir = tmp_path / "desk" / "logs"
    setup_logging(log_dir)
    yield log_dir
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def forbidden(store_key: bytes) -> list[str]:
    folded = fold(NAME)
    return [CCCD, CMND, PHONE, "090 512 3456", NAME, folded, folded.upper(), "Phương Thảo", fold("Phương Thảo"),
            USERNAME, TOKEN, DESK_KEY, store_key.hex(), base64.b64encode(store_key).decode()]


def test_the_zip_holds_what_it_needs_and_no_personal_data_nor_secret(tmp_path: Path, desk_logging: Path) -> None:
    paths = DeskPaths.under(tmp_path / "desk").create()
    home_file = Path.home() / "desk-ca" / "province-ca.pem"
    save_settings(paths.settings_file, DeskSettings(server_url="https://central.khanhhoa.example.vn", desk_id=DESK_ID,
                                                    last_username=USERNAME, pinned_authority=str(home_file)))
    settings = load_settings(paths.settings_file)
    assert settings.last_username == USERNAME
    with memory_keyring():
        vault = TokenVault()
        vault.store_desk_key(DESK_ID, DESK_KEY)
        vault.store(USERNAME, TOKEN)
        store_key = load_store_key(paths.store_dir, vault, demo=False).key
        store = DeskStore(paths.store_dir, key=store_key)
        try:
            applicant = Applicant(NAME, cccd=CCCD, date_of_birth=date(1962, 3, 8), sex=Sex.FEMALE,
                                  address="Thôn Phú Hòa, Xã Diên Phú, Huyện Diên Khánh, Tỉnh Khánh Hòa", phone=PHONE)
            store.save_new_dossier(*make_dossier([jpeg(3)], applicant=applicant, officer_username=USERNAME))
            store.save_draft(str(uuid.uuid4()), officer_username=USERNAME, citizen_name=NAME,
                             procedure_code="DEMO.GPLX.01", body={"citizen": {"cccd": CCCD}}, parked=True)
            store.save_citizen_lookup(CCCD, {"cccd": CCCD, "full_name": NAME})
            store.audit(USERNAME, "session.signed_in")
            # Through the desk's own logging: its formatter blanks the number and the token.
            log = logging.getLogger("desk_app.sync.client")
            log.warning("register lookup for %s failed: Authorization: Bearer %s", CCCD, TOKEN)
            log.info("renewed session: {'refresh_token': '%s'}", TOKEN)
            # A rotated file an older desk wrote without it: the export's own pass must catch these.
            (desk_logging / "desk.log.1").write_text(
                f"2026-11-20 09:00:01 INFO MainThread desk_app: GET /v1/citizens/{CCCD}?access_token={TOKEN}\n"
                f"2026-11-20 09:00:02 INFO MainThread desk_app: signed in {USERNAME} (CMND {CMND}, phone {PHONE})\n"
                f"2026-11-20 09:00:03 ERROR MainThread desk_app: cannot read {Path.home() / 'OneStopDesk' / 'x.pdf'}\n",
                encoding="utf-8")

            made = build_diagnostics(tmp_path / "out" / "diagnostics.zip", settings=settings, store=store,
                                     log_files=desk_log_files(), ui_versions={"PySide6": "6.11.3", "Qt": "6.11.3"},
                                     keyring_backend=vault.backend_name, usernames=[USERNAME])
        finally:
            store.close()

    assert made.path.is_file() and made.size == made.path.stat().st_size
    assert not list(made.path.parent.glob(".diagnostics-*")), "the temporary file of the atomic write stayed"
    with zipfile.ZipFile(made.path) as archive:
        names = archive.namelist()
        contents = {name: archive.read(name) for name in names}
    assert sorted(names) == sorted(made.members) == sorted(
        ["README.txt", "versions.json", "settings.json", "store.json", "system.json", "logs/desk.log",
         "logs/desk.log.1", MANIFEST])

    # Nothing about the citizen, the officer, or any key, in any member, in any spelling.
    for name, data in contents.items():
        text = data.decode("utf-8")
        for secret in forbidden(store_key):
            assert secret.casefold() not in text.casefold(), f"{secret!r} is in {name}"
            assert fold(secret) not in fold(text), f"{secret!r} (without diacritics) is in {name}"
        assert store_key not in data and str(Path.home()) not in text

    manifest = json.loads(contents[MANIFEST])
    assert {f["name"] for f in manifest["files"]} == set(names) - {MANIFEST}
    for entry in manifest["files"]:
        assert entry["bytes"] == len(contents[entry["name"]])
        assert entry["sha256"] == hashlib.sha256(contents[entry["name"]]).hexdigest()
    assert manifest["desk_id"] == DESK_ID

    # The logs are there, with their placeholders where the values were.
    current, older = contents["logs/desk.log"].decode(), contents["logs/desk.log.1"].decode()
    assert "register lookup for <id-number> failed: Authorization: Bearer <secret>" in current
    assert "GET /v1/citizens/<id-number>?access_token=<secret>" in older
    assert "signed in <username> (CMND <id-number>, phone <phone>)" in older
    assert "cannot read ~" in older

    versions = json.loads(contents["versions.json"])
    assert versions["store_schema_revision"] == head_revision()
    assert versions["ui"]["PySide6"] == "6.11.3"
    assert versions["libraries"]["SQLAlchemy"] not in ("", "not found")
    assert set(versions["libraries"]) >= {"SQLAlchemy", "Alembic", "cryptography", "OpenCV", "zxing-cpp", "reportlab",
                                          "Pillow"}

    shown = json.loads(contents["settings.json"])
    assert "last_username" not in shown["settings"] and shown["left_out"] == ["last_username"]
    assert shown["settings"]["desk_id"] == DESK_ID
    assert shown["settings"]["pinned_authority"] == str(Path("~") / "desk-ca" / "province-ca.pem")

    figures = json.loads(contents["store.json"])
    assert figures["dossiers"] == 1 and figures["drafts_parked"] == 1 and figures["drafts_in_progress"] == 0
    assert figures["outbox"]["waiting"] >= 1
    assert figures["audit_chain"]["ok"] is True and figures["audit_chain"]["entries_checked"] >= 2
    assert figures["blobs"]["files"] == 1 and figures["database_files"]["desk.sqlite3"] > 0
    assert figures["backups"] == [] and figures["folder"].startswith(("~", str(tmp_path)))

    system = json.loads(contents["system.json"])
    assert system["keyring_backend"] == "MemoryKeyring"
    assert system["disk"]["free_bytes"] > 0 and "utc_offset_minutes" in system["time"]


def test_a_server_address_with_credentials_keeps_only_its_host() -> None:
    settings = DeskSettings(server_url="https://desk:pa55w0rd@central.example.vn:8443/api?token=abc", last_username="x")
    shown = settings_part(settings, Scrubber([], Path.home()))["settings"]
    assert shown["server_url"] == "https://central.example.vn:8443/api?token=<secret>"


def test_usernames_are_blanked_as_whole_words_only() -> None:
    scrub = Scrubber(["canbo01"], Path("/nowhere-home"))
    assert scrub.text("canbo01 signed in; CANBO01 again; canbo012 is another") == \
        "<username> signed in; <username> again; canbo012 is another"
