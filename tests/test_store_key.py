"""The store key lives in the OS keyring, never in a file; without a keyring only demo mode runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.credentials import TokenVault
from desk_app.store import DeskStore
from desk_app.store_key import SESSION_KEY_MARK, StoreKeyUnavailable, load_store_key

from tests.support.memory_keyring import memory_keyring


@pytest.fixture
def os_keyring():
    with memory_keyring() as backend:
        yield backend


def test_the_key_is_made_once_kept_in_the_keyring_and_found_again(tmp_path: Path, os_keyring) -> None:
    store_dir = tmp_path / "store"
    vault = TokenVault(use_keyring=True)
    first = load_store_key(store_dir, vault, demo=False)
    assert first.persistent and len(first.key) == 32
    assert load_store_key(store_dir, vault, demo=False) == first
    [(service, name)] = os_keyring.items
    assert name.startswith("store-key:")
    # Never on the disk: no file in the folder holds the key, in any form.
    with DeskStore(store_dir, key=first.key):
        pass
    for path in store_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert first.key not in content and os_keyring.items[(service, name)].encode() not in content
    # Another folder, another key.
    assert load_store_key(tmp_path / "other", vault, demo=False).key != first.key


def test_without_a_keyring_a_real_desk_refuses_to_start(tmp_path: Path) -> None:
    with pytest.raises(StoreKeyUnavailable) as refused:
        load_store_key(tmp_path / "store", TokenVault(use_keyring=False), demo=False)
    assert "keyring" in str(refused.value)
    assert not (tmp_path / "store").exists()


def test_without_a_keyring_the_demo_runs_on_a_store_of_one_run(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    vault = TokenVault(use_keyring=False)
    first = load_store_key(store_dir, vault, demo=True)
    assert not first.persistent and (store_dir / SESSION_KEY_MARK).exists()
    with DeskStore(store_dir, key=first.key) as store:
        store.audit("canbo01", "demo.used")
    # The next run cannot read that store (its key is gone): it starts afresh.
    second = load_store_key(store_dir, vault, demo=True)
    assert second.key != first.key
    with DeskStore(store_dir, key=second.key) as store:
        assert [e.action for e in store.audit_entries()] == []


def test_a_store_sealed_with_a_keyring_key_is_never_cleared_for_a_demo(tmp_path: Path, os_keyring) -> None:
    store_dir = tmp_path / "store"
    key = load_store_key(store_dir, TokenVault(use_keyring=True), demo=False)
    with DeskStore(store_dir, key=key.key) as store:
        store.audit("canbo01", "real.work")
    with pytest.raises(StoreKeyUnavailable):
        load_store_key(store_dir, TokenVault(use_keyring=False), demo=True)
    assert (store_dir / "desk.sqlite3").exists()
