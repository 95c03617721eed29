"""Qt tests run without a display: the offscreen platform is chosen before any QApplication."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QTranslator  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desk_app.gui.ops import wait_for_ops  # noqa: E402
from tests.support.store_keys import open_store


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[QTranslator]:
    """The desk's Vietnamese translator installed for one test, removed afterwards."""
    from desk_app.gui.translation import load_desk_translator

    translator = load_desk_translator("vi")
    assert translator is not None, "resources/translations/desk_vi.qm is missing: run scripts/build_translations.py"
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


@pytest.fixture(autouse=True)
def _drain_ops(qapp: QApplication) -> Iterator[None]:
    """No background op may outlive its test and call back into a closed widget."""
    yield
    assert wait_for_ops(10_000), "a background operation did not finish within 10 s"
    QCoreApplication.processEvents()


# ---------------------------------------------------------------------- shared desk parts

from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

from desk_app.core.catalogue import Catalogue  # noqa: E402
from desk_app.core.timeutil import VN_TZ  # noqa: E402
from desk_app.store import DeskStore  # noqa: E402
from desk_app.sync.client import UserInfo  # noqa: E402

from tests.support.central_server import central_server  # noqa: E402,F401 - fixture for these tests

from .catalogue_data import catalogue_json  # noqa: E402

# A Friday morning at the counter: five working days later is the next Friday.
COUNTER_TIME = datetime(2026, 11, 20, 9, 30, tzinfo=VN_TZ)


def counter_clock() -> datetime:
    return COUNTER_TIME


@pytest.fixture
def catalogue() -> Catalogue:
    return Catalogue.from_dict(catalogue_json())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DeskStore]:
    desk_store = open_store(tmp_path / "store")
    desk_store.save_catalogue(catalogue_json(), '"test-etag"')
    yield desk_store
    wait_for_ops(10_000)
    desk_store.close()


@pytest.fixture
def officer() -> UserInfo:
    return UserInfo(
        username="canbo01",
        full_name="Nguyễn Thị Lan",
        role="officer",
        site_code="000.00.17.H56",
        site_name="Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa",
        agency_code="000.00.17.H56",
        place="Khánh Hòa",
    )
