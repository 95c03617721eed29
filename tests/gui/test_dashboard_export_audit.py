"""Every export of the supervisor's figures is a line of the desk's audit log: who, which
format, which period; written off the UI thread, before the file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from desk_app.core.timeutil import now_vn
from desk_app.credentials import TokenVault
from desk_app.gui.login_window import sign_in
from desk_app.gui.session import DeskServices, DeskSession
from desk_app.gui.supervisor.dashboard_view import DashboardTab
from desk_app.settings import DeskSettings
from desk_app.store import DeskStore
from tests.support.central_server import DEMO_PASSWORD, RunningCentral, start_central
from tests.support.store_keys import open_store


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCentral]:
    with start_central(tmp_path_factory.mktemp("central"), "sqlite") as running:
        yield running


@pytest.fixture
def store(tmp_path) -> Iterator[DeskStore]:
    desk_store = open_store(tmp_path / "store")
    yield desk_store
    desk_store.close()


@pytest.fixture
def tab(qtbot, store: DeskStore, central: RunningCentral) -> Iterator[DashboardTab]:
    vault = TokenVault(service="one-stop-desk-tests", use_keyring=False)
    services = DeskServices(
        settings=DeskSettings(server_url=central.base_url, desk_id="DESK-NT-02", sync_interval_seconds=3600),
        vault=vault, server_url=central.base_url, store=store)
    session: DeskSession = sign_in(central.base_url, "DESK-NT-02", vault, "giamsat01", DEMO_PASSWORD)
    widget = DashboardTab(services, session)
    qtbot.addWidget(widget)
    yield widget
    session.client.close()


def test_each_export_is_audited_with_its_format_and_period(qtbot, tab: DashboardTab, store: DeskStore, tmp_path) -> None:
    last = now_vn().date()
    first = last - timedelta(days=9)
    with qtbot.waitSignal(tab.figures_shown, timeout=20_000):
        tab.set_period(first, last)
    for export, path in ((tab.export_csv, tmp_path / "figures.csv"), (tab.export_xlsx, tmp_path / "figures.xlsx")):
        with qtbot.waitSignal(tab.exported, timeout=10_000):
            export(str(path))
        assert path.stat().st_size > 0
    exports = [e for e in store.audit_entries() if e.action == "export.dashboard"]
    assert [(e.actor, e.subject, e.details) for e in reversed(exports)] == [
        ("giamsat01", "000.00.17.H56", {"format": fmt, "first": first.isoformat(), "last": last.isoformat()})
        for fmt in ("csv", "xlsx")
    ]
    assert store.verify_audit_chain().ok


def test_an_export_that_cannot_be_written_still_leaves_its_attempt(qtbot, tab: DashboardTab, store: DeskStore,
                                                                    tmp_path) -> None:
    with qtbot.waitSignal(tab.figures_shown, timeout=20_000):
        tab.set_period(now_vn().date() - timedelta(days=2), now_vn().date())
    op = tab.export_csv(str(tmp_path / "no such folder" / "figures.csv"))
    assert op is not None
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert "could not be written" in tab.message_label.text()
    assert [e.details["format"] for e in store.audit_entries() if e.action == "export.dashboard"] == ["csv"]
