"""A portrait counts as received only when the central system names its SHA-256 as stored
(issue 6: "a photo whose hash the server does not echo back is never shown as received").

A fault proxy between the desk and the real central API changes the answers on the way
back: the dossier answer that leaves the portrait out or says it is not stored, and the
upload answer that echoes another hash. The desk must never show "photo received" while
that goes on, send the portrait again, and show it received once a true answer comes.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from desk_app.core.delivery import PortraitDelivery
from desk_app.gui.queue_model import QueueTableModel
from desk_app.store.records import HELD, SENT
from desk_app.sync.errors import AttachmentsNotConfirmed
from tests.sync.conftest import MutableClock

from .conftest import assert_central_holds_exactly, engine_for, open_desk, queue_dossiers
from .drain_process import drain
from .fault_proxy import FaultProxy


def answers_to(method_and_path: bytes) -> Callable[[bytes], bool]:
    return lambda request_line: request_line.startswith(method_and_path)


class Tamper:
    """Rewrites the JSON body of the first ``times`` answers that ``matches`` picks."""

    def __init__(self, matches: Callable[[bytes], bool], change: Callable[[dict], dict], times: int) -> None:
        self.matches, self.change, self.left = matches, change, times

    def __call__(self, request_line: bytes, answer: bytes) -> bytes:
        head, _, body = answer.partition(b"\r\n\r\n")
        if self.left <= 0 or not self.matches(request_line) or not head.startswith(b"HTTP/1.1 20"):
            return answer
        self.left -= 1
        return head + b"\r\n\r\n" + json.dumps(self.change(json.loads(body))).encode()


def each_dossier(change: Callable[[dict], dict]) -> Callable[[dict], dict]:
    """The change applied to a dossier answer, or to every dossier of a page of changes (the
    desk also learns what the server holds by pulling its records)."""
    def apply(answer: dict) -> dict:
        if "items" in answer:
            return {**answer, "items": [change(item) for item in answer["items"]]}
        return change(answer)
    return apply


@each_dossier
def portrait_not_stored(answer: dict) -> dict:
    return {**answer, "attachments": [{**a, "stored": False} for a in answer["attachments"]]}


@each_dossier
def portrait_left_out(answer: dict) -> dict:
    return {**answer, "attachments": answer["attachments"][1:]}


def dossier_answers(request_line: bytes) -> bool:
    return request_line.startswith((b"PUT /v1/dossiers/", b"GET /v1/dossiers?", b"GET /v1/dossiers "))


def another_hash(answer: dict) -> dict:
    return {**answer, "sha256": "0" * 64} if "sha256" in answer else answer


def portrait_state(desk, client_id: str) -> PortraitDelivery:  # noqa: ANN001
    [summary] = [s for s in desk.store.list_dossiers() if s.client_id == client_id]
    return summary.portrait


def test_an_answer_that_does_not_confirm_the_portrait_is_never_shown_as_received(central, tmp_path, qapp):
    desk = open_desk(central.base_url, tmp_path / "desk")
    try:
        queued = queue_dossiers(desk, 1, attachments=2)
        [dossier] = queued.dossiers
        # The first pass's answers: the dossier's, and the page of changes pulled after it.
        tamper = Tamper(dossier_answers, portrait_not_stored, times=2)
        seen: list[PortraitDelivery] = []
        with FaultProxy(central.base_url, seed=1, tamper=tamper) as proxy:
            client = desk.new_client(proxy.base_url, timeout=5)
            clock = MutableClock()
            engine = engine_for(desk, client, clock, 1)
            first = engine.run_once()
            seen.append(portrait_state(desk, dossier.client_id))
            assert isinstance(first.error, AttachmentsNotConfirmed)
            assert proxy.counts["tampered"] >= 1
            drain(engine, desk.store, clock, within=30)
            client.close()
        # While the answer did not confirm it, the desk said "not yet confirmed", and the
        # queue the officer reads said so too.
        assert seen == [PortraitDelivery.WAITING]
        assert portrait_state(desk, dossier.client_id) is PortraitDelivery.RECEIVED
        model = QueueTableModel()
        model.set_summaries(desk.store.list_dossiers())
        assert model.data(model.index(0, QueueTableModel.COLUMN_SYNC)) == "Sent · photo received"

        [portrait_entry] = [e for e in desk.store.outbox_entries() if e.sha256 == dossier.attachments[0].sha256]
        history = [(e.from_state, e.to_state) for e in desk.store.outbox_history(portrait_entry.id)]
        assert history.count(("sent", "waiting")) >= 1, history  # sent again after the bad answer
        actions = [a.action for a in desk.store.audit_entries(subject=dossier.client_id)]
        assert "attachments.resent" in actions
        assert_central_holds_exactly(central, desk.desk_id, queued, desk.store)  # and nothing twice
    finally:
        desk.client.close()
        desk.store.close()


def test_a_server_that_never_confirms_the_portrait_leaves_it_unconfirmed_for_a_supervisor(central, tmp_path, qapp):
    desk = open_desk(central.base_url, tmp_path / "desk")
    try:
        queued = queue_dossiers(desk, 1, attachments=1)
        [dossier] = queued.dossiers
        tamper = Tamper(dossier_answers, portrait_left_out, times=1_000)
        with FaultProxy(central.base_url, seed=2, tamper=tamper) as proxy:
            client = desk.new_client(proxy.base_url, timeout=5)
            clock = MutableClock()
            engine = engine_for(desk, client, clock, 2)
            for _ in range(6):
                engine.run_once()
                assert portrait_state(desk, dossier.client_id) is PortraitDelivery.WAITING
                clock.advance(hours=1)
            client.close()
        [entry] = [e for e in desk.store.outbox_entries() if e.kind == "dossier"]
        assert entry.state == HELD
        assert entry.problem is not None and "did not confirm receiving" in entry.problem["template"]
    finally:
        desk.client.close()
        desk.store.close()


def test_an_upload_answer_with_another_hash_is_not_counted_as_delivered(central, tmp_path, qapp):
    desk = open_desk(central.base_url, tmp_path / "desk")
    try:
        queued = queue_dossiers(desk, 1, attachments=1)
        [dossier] = queued.dossiers
        tamper = Tamper(answers_to(b"PATCH /v1/blobs/"), another_hash, times=2)
        with FaultProxy(central.base_url, seed=3, tamper=tamper) as proxy:
            client = desk.new_client(proxy.base_url, timeout=5)
            clock = MutableClock()
            engine = engine_for(desk, client, clock, 3)
            engine.run_once()
            assert portrait_state(desk, dossier.client_id) is PortraitDelivery.WAITING
            [blob] = [e for e in desk.store.outbox_entries() if e.kind == "blob"]
            assert blob.state != SENT
            drain(engine, desk.store, clock, within=30)
            assert proxy.counts["tampered"] >= 1
            client.close()
        assert portrait_state(desk, dossier.client_id) is PortraitDelivery.RECEIVED
        assert_central_holds_exactly(central, desk.desk_id, queued, desk.store)
    finally:
        desk.client.close()
        desk.store.close()
