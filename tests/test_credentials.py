import keyring
from keyring.backend import KeyringBackend

from desk_app.credentials import TokenVault


class FileLessKeyring(KeyringBackend):
    """An in-process keyring backend standing in for the OS one."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.items = {}

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def get_password(self, service, username):
        return self.items.get((service, username))

    def delete_password(self, service, username):
        self.items.pop((service, username), None)


def test_without_a_keyring_tokens_stay_in_memory_only(tmp_path):
    vault = TokenVault()
    assert not vault.is_persistent and vault.backend_name == "memory"
    vault.store("canbo01", "secret-token")
    assert vault.load("canbo01") == "secret-token"
    vault.clear("canbo01")
    assert vault.load("canbo01") is None


def test_with_a_keyring_tokens_go_there():
    previous = keyring.get_keyring()
    backend = FileLessKeyring()
    keyring.set_keyring(backend)
    try:
        vault = TokenVault()
        assert vault.is_persistent
        vault.store("canbo01", "t1")
        assert backend.items[("one-stop-desk", "canbo01")] == "t1"
        assert TokenVault().load("canbo01") == "t1"
        vault.clear("canbo01")
        assert not backend.items
    finally:
        keyring.set_keyring(previous)


def test_the_desk_key_lives_beside_the_tokens_under_its_own_name():
    previous = keyring.get_keyring()
    backend = FileLessKeyring()
    keyring.set_keyring(backend)
    try:
        vault = TokenVault()
        vault.store_desk_key("DESK-NT-01", "k-123")
        assert vault.load_desk_key("DESK-NT-01") == "k-123"
        assert vault.load("DESK-NT-01") is None  # not readable as a user's token
        assert backend.items[("one-stop-desk", "desk-key:DESK-NT-01")] == "k-123"
    finally:
        keyring.set_keyring(previous)
