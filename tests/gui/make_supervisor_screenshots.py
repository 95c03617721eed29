"""Screenshots of the supervisor's workspace for the user guide:
python -m tests.gui.make_supervisor_screenshots [OUT_DIR]

A real central API holds a few weeks of a site's dossiers and another desk's health report;
the supervisor's desk mirrors the site with 3 000 more dossiers in its store. Each tab is
shot in Vietnamese at 1366×768 (default folder docs/images).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import uuid
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path

import requests
from PySide6.QtWidgets import QApplication

from desk_app.core.dossier import Channel, DossierStatus
from desk_app.core.timeutil import VN_TZ, now_vn, to_rfc3339
from desk_app.credentials import TokenVault
from desk_app.gui.login_window import sign_in
from desk_app.gui.main_window import MainWindow
from desk_app.gui.supervisor.paged_queue_model import FLAGS_ROLE
from desk_app.gui.session import DeskServices
from desk_app.gui.translation import install_translators
from desk_app.settings import DeskSettings
from desk_app.store import DeskStore
from desk_app.sync.errors import CentralRejected
from tests.central.helpers import form_values, make_dossier, put_dossier
from tests.gui.make_screenshots import REPO, SCREEN, save, settle, wait_until
from tests.support.central_server import DEMO_PASSWORD, RunningCentral, start_central
from tests.support.seed_queue import seed_dossiers
from tests.support.store_keys import open_store

CATALOGUE = json.loads((REPO / "resources/demo/catalogue.json").read_text(encoding="utf-8"))


def filled_form(procedure: dict) -> dict[str, str]:
    """The driving-licence form's values, plus a plain value of the right kind for every other
    required field of ``procedure``: enough for the centre to take it."""
    values = form_values()
    for f in procedure["fields"]:
        if not f["required"] or f["key"] in values:
            continue
        if f["choices"]:
            choice = f["choices"][0]
            values[f["key"]] = choice["value"] if isinstance(choice, dict) else str(choice)
        elif f["type"] == "date":
            values[f["key"]] = "01/06/2020"
        elif f["type"] in ("number", "integer"):
            values[f["key"]] = str(f["min_value"] or 1)
        else:
            values[f["key"]] = "Mẫu minh họa"
    return values


DEMO_FORMS = {p["code"]: filled_form(p) for p in CATALOGUE["procedures"]}
NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Châu", "Phạm Thu Dung", "Võ Minh Giang", "Đặng Thị Hạnh")


def seed_centre(central: RunningCentral, days: int = 20) -> None:
    """About six dossiers a working day from two accounts, by every channel; the back office
    finishes most of them, some on time and some late, and a few are still open past due."""
    rng = random.Random(8)
    today = now_vn().date()
    for back in range(days, -1, -1):
        day = today - timedelta(days=back)
        if day.weekday() >= 5:
            continue
        for n in range(rng.randint(3, 9)):
            username = rng.choice(("canbo01", "giamsat01"))
            headers = central.headers(username)
            received = datetime.combine(day, time(7, 45), VN_TZ) + timedelta(minutes=47 * n)
            due = received + timedelta(days=rng.choice((1, 3, 5, 7)))
            channel = rng.choices(list(Channel), weights=(6, 3, 1))[0]
            procedure = rng.choice(sorted(DEMO_FORMS))
            dossier = make_dossier(desk_id=headers["X-Desk-Id"], officer=username, received_at=received, due_at=due,
                                   channel=channel, procedure_code=procedure, form_values=DEMO_FORMS[procedure])
            dossier = replace(dossier, applicant=replace(dossier.applicant, full_name=rng.choice(NAMES)))
            if put_dossier(central, headers, dossier.to_wire()).status_code != 201:
                continue  # a form this plain filling does not satisfy: the others make the picture
            if due < now_vn() and rng.random() < 0.2:
                continue  # still open: overdue
            moves = (DossierStatus.PROCESSING, DossierStatus.RESULT_READY) if due < now_vn() + timedelta(days=2) else ()
            for status in moves:
                requests.post(central.url(f"/v1/dossiers/{dossier.client_id}/events"),
                              json={"event_id": str(uuid.uuid4()), "to_status": int(status)},
                              headers=central.headers("giamsat01"), timeout=10).raise_for_status()


def report_other_desk(central: RunningCentral) -> None:
    """Desk 02 holds a dossier the centre refused, and has a citizen parked and one in progress."""
    held_at = to_rfc3339(now_vn() - timedelta(minutes=42))
    body = {
        "reported_at": to_rfc3339(now_vn()), "waiting": 3, "retrying": 1, "held": 1,
        "last_sent_at": to_rfc3339(now_vn() - timedelta(minutes=6)),
        "held_entries": [{
            "entry_id": 17, "kind": "dossier", "client_id": str(uuid.uuid4()), "dossier_code": "000.00.17.H56-261121-0031",
            "problem": {"context": "DeskError", "template": CentralRejected.REJECTED,
                        "params": {"reason": "unknown_catalogue_version"}},
            "error": "refused: unknown catalogue version", "held_at": held_at}],
        "drafts": {"parked": 2, "in_progress": 1}, "officer": "canbo01", "done_commands": [],
    }
    requests.put(central.url("/v1/desks/DESK-NT-02/health"), json=body,
                 headers=central.headers("canbo01", desk_id="DESK-NT-02"), timeout=10).raise_for_status()


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    translators = install_translators("vi")  # noqa: F841 - kept alive while shooting
    with tempfile.TemporaryDirectory() as tmp_name, start_central(Path(tmp_name) / "central") as central:
        tmp = Path(tmp_name)
        seed_centre(central)
        report_other_desk(central)
        store = open_store(tmp / "store")
        seed_dossiers(store, 3000, today=now_vn().date(), first_sequence=5001)
        services = DeskServices(
            settings=DeskSettings(server_url=central.base_url, desk_id="DESK-NT-01", sync_interval_seconds=3600),
            vault=TokenVault(service="one-stop-desk-screenshots", use_keyring=False),
            server_url=central.base_url, demo=True, store=store)
        session = sign_in(central.base_url, services.desk_id, services.vault, "giamsat01", DEMO_PASSWORD)
        window = MainWindow(services, session)
        reports: list[object] = []
        window.sync_reported.connect(reports.append)
        window.start()
        wait_until(lambda: bool(reports))
        supervisor = window.open_supervisor()
        supervisor.resize(*SCREEN)

        supervisor.show_tab(0)
        queue = supervisor.queue_tab
        wait_until(lambda: queue.model.rowCount() > 0 and not queue.model.loading)
        save(supervisor, out, "supervisor-queue")

        supervisor.show_tab(1)
        review = supervisor.review_tab
        wait_until(lambda: review.model.rowCount() > 0 and not review.model.loading)
        shown: list[str] = []
        review.detail_shown.connect(shown.append)
        # The dossier with the most flags of the first page: the pane then has the most to say.
        flags = [review.model.data(review.model.index(row, 0), FLAGS_ROLE) or 0 for row in range(min(200, review.model.rowCount()))]
        review.view.selectRow(max(range(len(flags)), key=lambda row: bin(flags[row]).count("1")))
        wait_until(lambda: bool(shown))
        save(supervisor, out, "supervisor-review")

        supervisor.show_tab(2)
        health = supervisor.health_tab
        wait_until(lambda: health.desks_table.rowCount() >= 2)
        health.desks_table.selectRow(1 if "NT-02" in health.desks_table.item(1, 0).text() else 0)
        settle(0.5)
        save(supervisor, out, "supervisor-sync-health")

        supervisor.show_tab(3)
        dashboard = supervisor.dashboard_tab
        wait_until(lambda: dashboard.figures is not None)
        settle(1.0)  # the charts animate nothing, but lay out once shown
        save(supervisor, out, "supervisor-dashboard")

        supervisor.show_tab(4)
        room = supervisor.waiting_tab
        wait_until(lambda: room.table.rowCount() >= 2)
        save(supervisor, out, "supervisor-waiting-room")

        supervisor.close()
        window.sync_worker.stop()
        window.checks_worker.stop()
        window.close()
        session.client.close()
        store.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "images"))
