"""What the desk setup's tests share (the first-run wizard and the settings dialog): the real
central API on loopback, with its seeded desk, an OS keyring held in memory, and windows shown
as a person has them.

Import the fixtures into a test module by name: ``central`` then serves that module alone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

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


def show_active(qtbot, window: Window) -> Window:
    """Shown and active: the keys the test presses go to it."""
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    return window
