"""The audit log: who did what, to which dossier, with which details."""

from __future__ import annotations

from datetime import datetime

import pytest

from desk_app.core.dossier_code import CodeLease
from desk_app.core.timeutil import VN_TZ
from desk_app.store import DeskStore

from .builders import AGENCY, DAY, count_rows, jpeg, make_dossier
from tests.support.store_keys import open_store


def test_saving_a_dossier_writes_one_audit_row_by_the_officer(store: DeskStore) -> None:
    store.add_code_lease(CodeLease("L-1", AGENCY, DAY, 1, 5))
    dossier, blobs = make_dossier([jpeg(1), jpeg(2)])
    saved = store.save_new_dossier(dossier, blobs)
    [row] = store.audit_entries(subject=dossier.client_id)
    assert (row.actor, row.action) == ("canbo01", "dossier.saved")
    assert row.details == {
        "code": saved.code,
        "code_provisional": False,
        "procedure_code": "DEMO.GPLX.01",
        "status": 2,
        "attachments": [a.sha256 for a in dossier.attachments],
    }


def test_explicit_audit_rows_come_back_newest_first(tmp_path) -> None:
    moments = iter(datetime(2026, 11, 21, 8, minute, tzinfo=VN_TZ) for minute in range(10))
    with open_store(tmp_path, clock=lambda: next(moments)) as store:
        store.audit("canbo01", "login")
        store.audit("canbo01", "receipt.printed", "c1a2", {"copies": 2, "printer": "Quầy 3"})
        store.audit("giamsat01", "report.opened", details={"report": "late"})
        entries = store.audit_entries()
        assert [(e.actor, e.action, e.subject, e.details) for e in entries] == [
            ("giamsat01", "report.opened", None, {"report": "late"}),
            ("canbo01", "receipt.printed", "c1a2", {"copies": 2, "printer": "Quầy 3"}),
            ("canbo01", "login", None, None),
        ]
        # Times come from the store's clock, one tick per row.
        assert [e.at for e in entries] == sorted({e.at for e in entries}, reverse=True)
        assert all(e.at.tzinfo is not None and e.at.hour == 8 for e in entries)
        assert [e.action for e in store.audit_entries(limit=1)] == ["report.opened"]


def test_details_that_are_not_json_are_refused_before_writing(store: DeskStore) -> None:
    with pytest.raises(TypeError):
        store.audit("canbo01", "odd", details={"when": datetime(2026, 1, 1)})
    assert count_rows(store, "audit_log") == 0
