"""What the desk setup's tests share (the first-run wizard and the settings dialog): the real
central API on loopback, with its seeded desk, an OS keyring held in memory, and windows shown
as a person has them.

Import the fixtures into a test module by name: ``central`` then serves that module alone."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TypeVar

import keyring.errors
import pytest
from PySide6.QtWidgets import QWidget

from tests.support.central_server import RunningCentral, start_central
from tests.support.memory_keyring import MemoryKeyring, memory_keyring

# The desk the central API seeds, and its demo key.
DESK = "DESK-NT-01"
DESK_KEY = "demo-desk-key"

Window = TypeVar("Window", bound=QWidget)


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCentral]:
    """One central API for the module rather than one a test: the tests only test the address,
    check the desk and sign in, which leave it as it was for the next."""
    with start_central(tmp_path_factory.mktemp("central")) as running:
        yield running


@pytest.fixture
def keyring_backend() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


class KeyringDoor:
    """Between the desk and the test's keyring, as a person's session keyring behaves:
    ``locked`` refuses every key; with ``open`` cleared, a key waits (the keyring asking for
    its password) until the test sets it again."""

    def __init__(self, backend: MemoryKeyring) -> None:
        self.locked = False
        self.open = threading.Event()
        self.open.set()
        self.waiting = threading.Event()
        self._keep = backend.set_password

    def set_password(self, service: str, username: str, password: str) -> None:
        if not self.open.is_set():
            self.waiting.set()
            self.open.wait(10)
        if self.locked:
            raise keyring.errors.KeyringLocked("the keyring is locked")
        self._keep(service, username, password)


@pytest.fixture
def keyring_door(keyring_backend: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> Iterator[KeyringDoor]:
    door = KeyringDoor(keyring_backend)
    monkeypatch.setattr(keyring_backend, "set_password", door.set_password)
    yield door
    door.open.set()  # a test that failed half-way lets the desk's worker go


def show_active(qtbot, window: Window) -> Window:
    """Shown and active: the keys the test presses go to it."""
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    return window
