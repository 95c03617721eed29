"""The sending queue window against a real store and the real central API.

The outbox is filled the way a desk fills it: a dossier whose code the central system never
leased (refused: held), then the network goes down while an attachment is on its way
(retrying), so the dossier that needs it waits for it, and a later dossier waits for the
network. Every unsent row must say why and when.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta

import pytest
import requests
from PySide6.QtCore import Qt

from desk_app.core.dossier import Applicant, AttachmentRef, Dossier, ReceivedDocument, new_client_id
from desk_app.core.dossier_code import CodeLease
from desk_app.core.timeutil import VN_TZ, now_vn
from desk_app.gui.outbox_model import ENTRY_ID_ROLE, LinkState, OutboxTableModel
from desk_app.gui.outbox_panel import OutboxPanel
from desk_app.store import DeskStore
from desk_app.store.records import OutboxEntry
from desk_app.sync.client import CentralClient, UserInfo
from desk_app.sync.engine import SyncEngine, SyncReport
from tests.support.central_server import DEMO_PASSWORD, SITE_CENTRE, RunningCentral

from .conftest import COUNTER_TIME, counter_clock
from tests.support.store_keys import open_store

DESK = "DESK-NT-01"


def a_dossier(store: DeskStore, *, name: str = "Phạm Thị Hoa", scan: bytes | None = None) -> tuple[Dossier, dict[str, bytes]]:
    """A complete dossier of the demo catalogue's training-vehicle permit, with a scan if given."""
    catalogue = store.load_catalogue()[0]
    procedure = catalogue.get("DEMO.DT.01")
    now = now_vn()
    attachments, blobs = (), {}
    if scan is not None:
        sha = hashlib.sha256(scan).hexdigest()
        attachments = (AttachmentRef(sha, "scan", "giay-to.pdf", "application/pdf", len(scan)),)
        blobs = {sha: scan}
    dossier = Dossier(
        client_id=new_client_id(),
        procedure_code=procedure.code,
        catalogue_version=catalogue.version,
        form_values={
            "training_centre": "Trung tâm đào tạo lái xe Nha Trang",
            "plate_number": "79B-012.34",
            "training_class": "B2",
            "vehicle_count": "3",
            "applicant_name": name,
            "phone": "0905123456",
        },
        documents=tuple(
            ReceivedDocument(d.code, d.name, d.originals, d.certified_copies, d.photocopies) for d in procedure.documents
        ),
        applicant=Applicant(full_name=name, cccd="056162123456", address="Nha Trang"),
        received_at=now,
        due_at=now + timedelta(days=7),
        officer_username="canbo01",
        site_code=SITE_CENTRE,
        desk_id=DESK,
        attachments=attachments,
    )
    return dossier, blobs


def officer(role: str = "officer", username: str = "canbo01") -> UserInfo:
    return UserInfo(username=username, full_name="Nguyễn Thị Lan", role=role, site_code=SITE_CENTRE,
                    site_name="Trung tâm Phục vụ hành chính công", agency_code=SITE_CENTRE, place="Khánh Hòa")


@dataclass
class FilledOutbox:
    store: DeskStore
    report: SyncReport          # the pass that found the network down
    held: OutboxEntry           # dossier A: its code was never leased to the desk
    retrying: OutboxEntry       # the scan of dossier B, cut off by the outage
    blocked: OutboxEntry        # dossier B, which needs that scan first
    waiting: OutboxEntry        # dossier C, no attachments: goes when the network is back
    sent_blob: OutboxEntry      # the scan of dossier A, delivered before the refusal


@pytest.fixture
def filled(tmp_path, central_server: RunningCentral) -> Iterator[FilledOutbox]:
    store = open_store(tmp_path / "store")
    client = CentralClient(central_server.base_url, desk_id=DESK, timeout=5)
    client.login("canbo01", DEMO_PASSWORD)
    engine = SyncEngine(store, client, desk_id=DESK, agency_code=SITE_CENTRE)
    try:
        today = now_vn().date()
        # Another desk of the site leases the day's first codes; this desk's block comes after.
        answer = requests.post(central_server.url("/v1/desks/DESK-NT-02/code-leases"),
                               json={"day": today.isoformat(), "count": 5}, headers=central_server.headers("giamsat01"),
                               timeout=10)
        assert answer.status_code == 201, answer.text
        assert engine.run_once().online  # the demo catalogue and this desk's codes
        # A block this desk holds without the centre's word (a copy of the other desk's data,
        # say): its first number is taken before the real block, and the centre refuses it.
        store.add_code_lease(CodeLease("not-leased-to-this-desk", SITE_CENTRE, today, 1, 1))
        dossier_a = store.save_new_dossier(*a_dossier(store, name="Lê Văn An", scan=b"%PDF-1.4 scan A" * 100))
        assert dossier_a.code.endswith("-0001")
        assert engine.run_once().held == 1

        central_server.server.stop()  # the network goes down
        store.save_new_dossier(*a_dossier(store, name="Trần Thị Bình", scan=b"%PDF-1.4 scan B" * 100))
        store.save_new_dossier(*a_dossier(store, name="Võ Văn Cường"))
        report = engine.run_once()
        assert not report.online

        entries = store.outbox_entries()
        by_state = {state: [e for e in entries if e.state == state] for state in ("sent", "held", "retrying", "waiting")}
        [sent_blob] = by_state["sent"]
        [held] = by_state["held"]
        [retrying] = by_state["retrying"]
        blocked, waiting = by_state["waiting"]
        assert blocked.blocked_by == retrying.id and waiting.blocked_by is None
        yield FilledOutbox(store, report, held, retrying, blocked, waiting, sent_blob)
    finally:
        client.close()
        store.close()


def open_panel(qtbot, store: DeskStore, user: UserInfo, report: SyncReport | None = None) -> OutboxPanel:
    panel = OutboxPanel(store, user)
    qtbot.addWidget(panel)
    if report is not None:
        panel.show_report(report)
    with qtbot.waitSignal(panel.reloaded, timeout=10_000):
        panel.show()
    return panel


def row_texts(panel: OutboxPanel, entry_id: int) -> list[str]:
    model = panel.model
    row = model.row_of(entry_id)
    assert row is not None, f"entry {entry_id} is not listed"
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_every_unsent_item_says_why_and_when_in_vietnamese(qtbot, filled, vietnamese):
    panel = open_panel(qtbot, filled.store, officer(), filled.report)
    model = panel.model
    assert model.headers() == ["Mục", "Trạng thái", "Số lần gửi", "Lỗi gần nhất", "Lần gửi tới"]
    # Sent items are left out until asked for.
    assert {model.entry(r).id for r in range(model.rowCount())} == {
        filled.held.id, filled.retrying.id, filled.blocked.id, filled.waiting.id
    }

    what, state, tries, problem, when = row_texts(panel, filled.held.id)
    assert what == f"#{filled.held.id} Hồ sơ · {filled.held.dossier_code}"
    assert state == "Chờ xem xét" and tries == "1"
    assert problem.startswith("Hệ thống trung tâm từ chối yêu cầu này (")
    assert when == "Chờ người kiểm tra"

    what, state, tries, problem, when = row_texts(panel, filled.retrying.id)
    assert what.startswith(f"#{filled.retrying.id} Tệp đính kèm · ")
    assert state == "Sẽ gửi lại" and tries == "1"
    assert problem.startswith("Không kết nối được hệ thống trung tâm.")
    next_try = filled.retrying.next_try_at.astimezone(VN_TZ)
    assert when == f"Lúc {next_try:%H:%M}"

    *_, problem, when = row_texts(panel, filled.blocked.id)
    assert problem == "" and when == f"Chờ mục #{filled.retrying.id}"
    *_, problem, when = row_texts(panel, filled.waiting.id)
    assert problem == "" and when == "Khi có mạng"
    assert all(row_texts(panel, model.entry(r).id)[4] for r in range(model.rowCount()))  # never silent

    assert panel.ui.countsLabel.text() == "Chưa gửi: 4 · chờ xem xét: 1"

    with qtbot.waitSignal(panel.reloaded, timeout=10_000):
        panel.ui.showSentCheck.setChecked(True)
    assert row_texts(panel, filled.sent_blob.id)[1] == "Đã gửi"
    assert row_texts(panel, filled.sent_blob.id)[4].startswith("Đã gửi lúc ")


def test_the_history_of_the_selected_item_explains_each_move(qtbot, filled, vietnamese):
    panel = open_panel(qtbot, filled.store, officer(), filled.report)
    with qtbot.waitSignal(panel.history_shown, timeout=10_000) as shown:
        assert panel.select_entry(filled.held.id)
    assert shown.args == [filled.held.id]
    table = panel.ui.historyView
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert [r[1] for r in rows] == ["Vào hàng đợi: Chờ gửi", "Chờ gửi → Đang gửi", "Đang gửi → Chờ xem xét"]
    assert rows[-1][2].startswith("Hệ thống trung tâm từ chối yêu cầu này (")


def test_an_officer_sees_why_a_held_item_cannot_be_released(qtbot, filled, vietnamese):
    panel = open_panel(qtbot, filled.store, officer(), filled.report)
    assert not panel.ui.releaseButton.isEnabled()
    panel.select_entry(filled.held.id)
    assert not panel.ui.releaseButton.isEnabled()
    assert panel.ui.releaseHintLabel.isVisibleTo(panel)
    assert panel.ui.releaseHintLabel.text().startswith("Chỉ lãnh đạo bộ phận mới được gửi lại")
    assert panel.release_selected() is None
    assert filled.store.outbox_entries(["held"])[0].id == filled.held.id


def test_a_supervisor_releases_a_held_item_back_to_waiting(qtbot, filled, vietnamese):
    panel = open_panel(qtbot, filled.store, officer("supervisor", "giamsat01"), filled.report)
    panel.select_entry(filled.retrying.id)
    assert not panel.ui.releaseButton.isEnabled()  # only held items are released
    with qtbot.waitSignal(panel.history_shown, timeout=10_000):
        panel.select_entry(filled.held.id)
    assert panel.ui.releaseButton.isEnabled()
    with qtbot.waitSignal(panel.released, timeout=10_000) as released:
        qtbot.mouseClick(panel.ui.releaseButton, Qt.MouseButton.LeftButton)
    assert released.args == [filled.held.id]
    [entry] = [e for e in filled.store.outbox_entries() if e.id == filled.held.id]
    assert entry.state == "waiting"

    qtbot.waitUntil(lambda: row_texts(panel, filled.held.id)[1] == "Chờ gửi", timeout=10_000)
    assert row_texts(panel, filled.held.id)[4] == "Khi có mạng"
    assert panel.ui.releaseHintLabel.text() == f"Mục #{filled.held.id} sẽ được gửi lại."
    assert not panel.ui.releaseButton.isEnabled()
    history = filled.store.outbox_history(filled.held.id)
    assert history[-1].to_state == "waiting" and "giamsat01" in (history[-1].note or "")
    qtbot.waitUntil(lambda: panel.ui.historyView.rowCount() == len(history), timeout=10_000)
    assert panel.ui.historyView.item(len(history) - 1, 2).text() == "giamsat01 cho gửi lại"


# ---------------------------------------------------------------------- the model alone


def entry(number: int, **changes) -> OutboxEntry:
    base = OutboxEntry(
        id=number, kind="dossier", client_id=f"client-{number}", sha256=None, state="waiting", attempts=0,
        next_try_at=None, last_error=None, created_at=COUNTER_TIME, dossier_code=f"000.00.17.H56-261120-000{number}",
    )
    return replace(base, **changes)


def test_the_model_passes_qts_model_checks(qtmodeltester):
    model = OutboxTableModel(counter_clock)
    model.set_entries([entry(1), entry(2, state="held", last_error="refused"), entry(3, blocked_by=2)])
    qtmodeltester.check(model)


def test_a_reload_keeps_the_order_updates_in_place_and_inserts_where_an_item_belongs(qtbot):
    model = OutboxTableModel(counter_clock)
    model.set_entries([entry(2), entry(5)])
    changed = []
    model.dataChanged.connect(lambda first, last, roles=(): changed.append(first.row()))
    model.set_entries([entry(1, state="sent"), entry(2, state="sending", attempts=1), entry(4), entry(5)])
    assert [model.entry(r).id for r in range(model.rowCount())] == [1, 2, 4, 5]
    assert changed == [1]
    model.set_entries([entry(4), entry(5)])
    assert [model.index(r, 0).data(ENTRY_ID_ROLE) for r in range(model.rowCount())] == [4, 5]


def test_when_texts_follow_the_state_and_the_network(qtbot):
    model = OutboxTableModel(counter_clock)
    later = COUNTER_TIME + timedelta(minutes=12)
    tomorrow = COUNTER_TIME + timedelta(days=1)
    problem = {"context": "DeskError", "template": "The central system is busy. The desk will try again in "
                                                   "{seconds} seconds; nothing is lost.", "params": {"seconds": 30}}
    model.set_entries([
        entry(1, state="retrying", attempts=2, next_try_at=later, problem=problem, last_error="busy"),
        entry(2, state="retrying", attempts=3, next_try_at=tomorrow),
        entry(3),
        entry(4, state="sending"),
    ])
    texts = [model.next_text(model.entry(r)) for r in range(4)]
    assert texts == ["At 09:42", f"At {tomorrow:%H:%M %d/%m/%Y}", "At the next sending", "Now"]
    assert model.index(0, OutboxTableModel.COLUMN_PROBLEM).data() == (
        "The central system is busy. The desk will try again in 30 seconds; nothing is lost."
    )
    model.set_link(LinkState(online=False, next_try_at=later))
    assert model.next_text(model.entry(2)) == "When the network is back (next try at 09:42)"
    model.set_link(LinkState(online=False))
    assert model.next_text(model.entry(2)) == "When the network is back"
    # A retry whose time has passed while offline waits for the network, not for a past time.
    model.set_entries([entry(1, state="retrying", next_try_at=COUNTER_TIME - timedelta(minutes=1))])
    assert model.next_text(model.entry(0)) == "When the network is back"


def test_kinds_are_named_in_vietnamese(qtbot, vietnamese):
    model = OutboxTableModel(counter_clock)
    model.set_entries([entry(1, kind="blob", sha256="ab" * 32), entry(2, kind="event"), entry(3, kind="fee")])
    assert [model.index(r, 0).data().split(" · ")[0] for r in range(3)] == [
        "#1 Tệp đính kèm", "#2 Chuyển trạng thái", "#3 Thu phí, lệ phí"
    ]
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Mục #1 · tệp abababababab…"


def test_while_the_desk_pauses_after_an_outage_an_earlier_retry_waits_for_the_pause(qtbot):
    model = OutboxTableModel(counter_clock)
    soon, paused_until = COUNTER_TIME + timedelta(minutes=1), COUNTER_TIME + timedelta(minutes=5)
    model.set_entries([entry(1, state="retrying", next_try_at=soon),
                       entry(2, state="retrying", next_try_at=COUNTER_TIME + timedelta(minutes=9))])
    model.set_link(LinkState(online=False, next_try_at=paused_until))
    assert model.next_text(model.entry(0)) == "When the network is back (next try at 09:35)"
    assert model.next_text(model.entry(1)) == "At 09:39"
    model.set_link(LinkState(online=False, next_try_at=COUNTER_TIME - timedelta(minutes=1)))  # pause over
    assert model.next_text(model.entry(0)) == "At 09:31"


def test_a_drained_queue_leaves_in_one_step_and_new_items_arrive_in_runs(qtbot):
    model = OutboxTableModel(counter_clock)
    model.set_entries([entry(n) for n in range(1, 301)])
    removed, inserted = [], []
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.set_entries([entry(n) for n in (*range(1, 4), *range(301, 311), 150, *range(290, 301))])
    assert removed == [(150, 288), (3, 148)]
    assert inserted == [(15, 24)]
    assert [model.entry(r).id for r in range(model.rowCount())] == [1, 2, 3, 150, *range(290, 311)]
    model.set_entries([])
    assert model.rowCount() == 0 and removed[-1] == (0, 24)
