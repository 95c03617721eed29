"""python -m desk_app.restore_backup: the site's IT lists the sealed copies and puts one back.

The stores are real (SQLite files under a --data-dir laid out as the desk lays it out) and
their keys are in a keyring, as on a counter PC. The main walk takes a store back to an
older schema, lets this version migrate it (which seals a copy first), adds later work, and
restores the copy: the records come back as they were, photos included, and the records
that were in use are kept aside.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import keyring
import pytest
from alembic import command
from sqlalchemy import create_engine

from desk_app.app import main as desk_main
from desk_app.core.timeutil import now_vn
from desk_app.credentials import SERVICE, TokenVault
from desk_app.paths import DeskPaths
from desk_app.restore_backup import (
    DESK_RUNNING,
    KEY_REFUSED,
    NOT_CONFIRMED,
    NOTHING_TO_RESTORE,
    SET_ASIDE_PREFIX,
    main,
    sealed_copies,
)
from desk_app.store import DeskStore
from desk_app.store.backup import BACKUPS_DIR, back_up
from desk_app.store.blobs import sha256_hex
from desk_app.store.errors import DossierNotFound
from desk_app.store.migrate import alembic_config, head_revision
from desk_app.store.sealing import Sealer
from desk_app.store_key import load_store_key
from tests.store.builders import jpeg, make_dossier
from tests.support.memory_keyring import memory_keyring

OLDER = "0009_audit_chain"


@pytest.fixture
def keyring_in_memory() -> Iterator[None]:
    with memory_keyring():
        yield


def desk_at(root: Path) -> tuple[DeskPaths, bytes]:
    """A desk's folders under ``root`` (as ``--data-dir root``) and its store key, kept in the keyring."""
    paths = DeskPaths.under(root).create()
    return paths, load_store_key(paths.store_dir, TokenVault(), demo=False).key


def take_back_to(store_dir: Path, key: bytes, revision: str, blobs: list[bytes]) -> None:
    """The file as an older desk left it: its schema, and its photos in clear."""
    engine = create_engine(f"sqlite:///{store_dir / 'desk.sqlite3'}")
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection, Sealer(key)), revision)
    finally:
        engine.dispose()
    for data in blobs:
        sha256 = sha256_hex(data)
        (store_dir / "blobs" / sha256[:2] / sha256).write_bytes(data)


def copy_at_head(paths: DeskPaths, key: bytes) -> Path:
    """A sealed copy of the store as it is (the desk makes them before a migration)."""
    with DeskStore(paths.store_dir, key=key) as store:
        store.save_new_dossier(*make_dossier([jpeg(5)]))
    return back_up(paths.store_dir / "desk.sqlite3", paths.store_dir / BACKUPS_DIR, Sealer(key), head_revision(),
                   now_vn())


def test_a_copy_taken_before_a_migration_is_listed_and_restored_with_its_photos(
        tmp_path: Path, keyring_in_memory: None, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "desk"
    paths, key = desk_at(root)
    photos = [jpeg(7, size=(120, 160)), jpeg(8, size=(300, 200))]
    with DeskStore(paths.store_dir, key=key) as store:
        first = store.save_new_dossier(*make_dossier(photos))
    take_back_to(paths.store_dir, key, OLDER, photos)
    with DeskStore(paths.store_dir, key=key) as store:  # this version: a sealed copy, then the migration
        later = store.save_new_dossier(*make_dossier([jpeg(9)]))
    [copy] = sealed_copies(paths.store_dir)
    assert copy.revision == OLDER and copy.taken_at is not None and copy.size > 0

    assert main(["--data-dir", str(root), "--list"]) == 0
    listed = capsys.readouterr().out
    assert copy.name in listed and OLDER in listed and copy.taken_at.strftime("%Y-%m-%d %H:%M:%S") in listed

    assert main(["--data-dir", str(root), "--yes"]) == 0
    told = capsys.readouterr().out
    [aside] = paths.store_dir.glob(f"{SET_ASIDE_PREFIX}*.sqlite3")
    assert f"Restored {copy.name}" in told and aside.name in told and "1 dossier(s)" in told
    # Checking the copy before it went in left nothing of it behind (no -wal, no -shm).
    assert not list(paths.store_dir.glob(".restoring-*"))

    with DeskStore(paths.store_dir, key=key) as store:
        assert store.get_dossier(first.client_id) == first
        # The photos were sealed after the copy was taken; their keys came from the records set aside.
        for data in photos:
            assert store.read_blob(sha256_hex(data)) == data
        with pytest.raises(DossierNotFound):
            store.get_dossier(later.client_id)
        assert store.verify_audit_chain().ok
        assert store.figures()["schema_revision"] == head_revision()
    # Nothing deleted: the records in use until the restore are intact beside it.
    with closing(sqlite3.connect(aside)) as kept:
        assert kept.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 2
    # The copy held the citizen in clear; once restored, the desk's records are sealed again.
    for path in paths.store_dir.glob("*.sqlite3*"):
        content = path.read_bytes()
        assert b"056085000123" not in content and "Nguyễn Văn Bình".encode() not in content, path.name


def test_it_refuses_while_the_desk_has_the_records_open(tmp_path: Path, keyring_in_memory: None,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "desk"
    paths, key = desk_at(root)
    copy_at_head(paths, key)
    before = sorted(p.name for p in paths.store_dir.iterdir())
    with DeskStore(paths.store_dir, key=key) as store:
        assert main(["--data-dir", str(root), "--yes"]) == DESK_RUNNING
        assert "The desk is running" in capsys.readouterr().err
        assert store.figures()["dossiers"] == 1
    assert sorted(p.name for p in paths.store_dir.iterdir()) == before


def test_a_copy_another_key_sealed_does_not_restore_and_changes_nothing(
        tmp_path: Path, keyring_in_memory: None, capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere, elsewhere_key = desk_at(tmp_path / "other-pc")
    foreign = copy_at_head(elsewhere, elsewhere_key)
    root = tmp_path / "desk"
    paths, key = desk_at(root)
    with DeskStore(paths.store_dir, key=key) as store:
        store.save_new_dossier(*make_dossier([jpeg(6)]))
    (paths.store_dir / BACKUPS_DIR).mkdir()
    shutil.copy2(foreign, paths.store_dir / BACKUPS_DIR / foreign.name)
    database = paths.store_dir / "desk.sqlite3"
    before = (sorted(p.name for p in paths.store_dir.iterdir()), database.read_bytes())

    assert main(["--data-dir", str(root), "--yes"]) == KEY_REFUSED
    assert "does not open" in capsys.readouterr().err
    assert (sorted(p.name for p in paths.store_dir.iterdir()), database.read_bytes()) == before


def test_a_keyring_that_lost_the_key_is_refused_and_no_new_key_is_left_in_it(
        tmp_path: Path, keyring_in_memory: None, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "desk"
    paths, key = desk_at(root)
    copy_at_head(paths, key)
    name = "store-key:" + (paths.store_dir / "store-id").read_text(encoding="ascii").strip()
    keyring.delete_password(SERVICE, name)

    assert main(["--data-dir", str(root), "--yes"]) == KEY_REFUSED
    said = capsys.readouterr().err
    assert "holds no key for these records" in said and said.count("Nothing was changed") == 1
    assert keyring.get_password(SERVICE, name) is None


def test_nothing_to_restore_an_unknown_name_and_no_confirmation_change_nothing(
        tmp_path: Path, keyring_in_memory: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "desk"
    paths, key = desk_at(root)
    with DeskStore(paths.store_dir, key=key):
        pass
    assert main(["--data-dir", str(root), "--yes"]) == NOTHING_TO_RESTORE
    assert main(["--data-dir", str(root), "--list"]) == 0
    assert "No sealed copy" in capsys.readouterr().out
    copy = copy_at_head(paths, key)
    # An installed desk has no "python -m": the desk's own command runs the tool.
    assert desk_main(["--restore-backup", "--data-dir", str(root), "--list"]) == 0
    assert copy.name in capsys.readouterr().out
    assert main(["--data-dir", str(root), "--backup", "desk-0001_initial-20260101T000000", "--yes"]) == NOTHING_TO_RESTORE
    # Not a terminal and no --yes: a script that forgot it restores nothing.
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    assert main(["--data-dir", str(root), "--backup", copy.name]) == NOT_CONFIRMED
    assert "--yes" in capsys.readouterr().err
    assert not list(paths.store_dir.glob(f"{SET_ASIDE_PREFIX}*"))
