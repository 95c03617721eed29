"""The walkthroughs run a real (not demo) desk, which keeps its store key in the OS keyring:
each gets a keyring of its own in memory, as a counter PC has one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.memory_keyring import MemoryKeyring, memory_keyring


@pytest.fixture(autouse=True)
def os_keyring() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend
