"""QueueTableModel: today's dossiers as rows, merged live without losing the officer's place."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt

from desk_app.gui.queue_model import CLIENT_ID_ROLE, SORT_ROLE, QueueTableModel
from desk_app.store.records import DossierSummary

from .conftest import COUNTER_TIME, counter_clock


def summary(n: int, **changes) -> DossierSummary:
    base = DossierSummary(
        client_id=f"00000000-0000-4000-8000-00000000000{n}",
        code=f"000.00.17.H56-261120-000{n}",
        code_provisional=False,
        procedure_code="TEST.GPLX.01",
        procedure_name="Đổi giấy phép lái xe",
        applicant_name=f"Công dân {n}",
        status=2,
        received_at=COUNTER_TIME + timedelta(minutes=n),
        due_at=COUNTER_TIME + timedelta(days=7),
        sync_state="waiting",
    )
    return replace(base, **changes)


def test_the_model_passes_qts_model_checks(qtmodeltester):
    model = QueueTableModel(counter_clock)
    model.set_summaries([summary(1), summary(2, code_provisional=True, sync_state="held")])
    qtmodeltester.check(model)


def test_rows_show_what_the_officer_reads():
    model = QueueTableModel(counter_clock)
    model.set_summaries([summary(1)])
    row = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert row == [
        "000.00.17.H56-261120-0001",
        "Công dân 1",
        "Đổi giấy phép lái xe",
        "09:31 20/11/2026",
        "09:30 27/11/2026",
        "Accepted",
        "Waiting to send",
    ]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Dossier code"
    assert model.data(model.index(0, 0), CLIENT_ID_ROLE) == summary(1).client_id
    assert model.data(model.index(0, QueueTableModel.COLUMN_RECEIVED), SORT_ROLE) == summary(1).received_at.timestamp()


def test_rows_are_in_vietnamese_with_the_translator(vietnamese):
    model = QueueTableModel(counter_clock)
    model.set_summaries([summary(1, status=5, sync_state="sent")])
    assert model.data(model.index(0, QueueTableModel.COLUMN_STATUS)) == "Yêu cầu bổ sung giấy tờ"
    assert model.data(model.index(0, QueueTableModel.COLUMN_SYNC)) == "Đã gửi"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Mã hồ sơ"


def test_provisional_codes_overdue_and_held_rows_stand_out():
    model = QueueTableModel(counter_clock)
    model.set_summaries([
        summary(1, code_provisional=True),
        summary(2, due_at=COUNTER_TIME - timedelta(hours=1)),
        summary(3, sync_state="held"),
        summary(4, due_at=COUNTER_TIME - timedelta(hours=1), status=10),  # handed over: not late
    ])
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole).italic()
    assert "Provisional code" in model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(1, QueueTableModel.COLUMN_DUE), Qt.ItemDataRole.ForegroundRole) is not None
    assert "Overdue" in model.data(model.index(1, QueueTableModel.COLUMN_DUE), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(2, QueueTableModel.COLUMN_SYNC), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(3, QueueTableModel.COLUMN_DUE), Qt.ItemDataRole.ForegroundRole) is None


def test_a_refresh_updates_in_place_adds_and_removes(qtbot):
    model = QueueTableModel(counter_clock)
    model.set_summaries([summary(1), summary(2)])
    changed, inserted, removed, resets = [], [], [], []
    model.dataChanged.connect(lambda top, bottom, roles: changed.append((top.row(), bottom.row())))
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    model.rowsRemoved.connect(lambda parent, first, last: removed.append((first, last)))
    model.modelReset.connect(lambda: resets.append(True))
    model.set_summaries([summary(2, sync_state="sent"), summary(3)])
    assert removed == [(0, 0)]
    assert changed == [(0, 0)]
    assert inserted == [(1, 1)]
    assert not resets
    assert [s.client_id for s in model.summaries()] == [summary(2).client_id, summary(3).client_id]
    assert model.data(model.index(0, QueueTableModel.COLUMN_SYNC)) == "Sent"
    assert model.row_of(summary(3).client_id) == 1 and model.row_of(summary(1).client_id) is None


def test_an_identical_refresh_signals_nothing():
    model = QueueTableModel(counter_clock)
    model.set_summaries([summary(1)])
    signals = []
    model.dataChanged.connect(lambda *args: signals.append(args))
    model.layoutChanged.connect(lambda *args: signals.append(args))
    model.set_summaries([summary(1)])
    assert signals == []
