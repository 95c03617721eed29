"""The supervisor's queues: every filter, search and sort against a plain Python reading of
the same rows, and the speed the issue asks for on 100 000 dossiers."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from desk_app.core.dossier import Dossier
from desk_app.core.queue_query import QueueQuery, QueueSort, ReviewScope, text_search
from desk_app.core.review import OPEN_STATUSES, ReviewFlag
from desk_app.core.text import fold
from desk_app.core.timeutil import VN_TZ
from desk_app.store import DeskStore
from tests.support.seed_queue import seed_dossiers

from .builders import make_dossier
from tests.support.store_keys import open_store

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 17, 0, tzinfo=VN_TZ)
UTC_NOW = "2026-11-23 10:00:00.000000"
GDT_PROCEDURE = "1.001234.000.00.00.H56"


@dataclass(frozen=True)
class Listed:
    """A dossier's row as the reference reads it straight from the file."""

    rowid: int
    client_id: str
    code: str
    name_folded: str
    cccd: str | None
    procedure_code: str
    procedure_name: str
    status: int
    channel: int
    officer: str
    received_at: str  # naive UTC text, as stored: it sorts as the times do
    received_day: date
    due_at: str
    review_flags: int
    reviewed_flags: int
    review_action: str | None
    held: bool

    def flags(self) -> int:
        late = self.status in OPEN_STATUSES and self.due_at < UTC_NOW
        return self.review_flags | (ReviewFlag.SYNC_HELD if self.held else 0) | (ReviewFlag.LATE if late else 0)

    def due_day(self) -> date:
        return (datetime.fromisoformat(self.due_at) + timedelta(hours=7)).date()


def listed(store: DeskStore) -> list[Listed]:
    """Straight from the file; the sealed name and CCCD opened with the store's key."""
    sealer = store._sealer
    with closing(sqlite3.connect(store.database_path)) as connection:
        held = {row[0] for row in connection.execute("SELECT client_id FROM outbox WHERE state = 'held'")}
        rows = connection.execute(
            "SELECT rowid, client_id, code, applicant_name, applicant_cccd, procedure_code, procedure_name, "
            "status, channel, officer_username, received_at, received_day, due_at, review_flags, reviewed_flags, "
            "review_action FROM dossiers"
        ).fetchall()
    return [Listed(*row[:3], fold(sealer.open_text(row[3], "dossiers.applicant_name")),
                   sealer.open_text(row[4], "dossiers.applicant_cccd"), *row[5:11], date.fromisoformat(row[11]),
                   *row[12:], held=row[1] in held) for row in rows]


def name_found(typed: str, name_folded: str) -> bool:
    """Each typed word is a word of the name or, from two letters on, the start of one."""
    words = name_folded.split()
    return all(any(w == word or (len(w) >= 2 and word.startswith(w)) for word in words) for w in typed.split())


SORT_KEYS = {
    QueueSort.CODE: lambda r: (r.code,),
    QueueSort.PROCEDURE: lambda r: (r.procedure_name,),
    QueueSort.STATUS: lambda r: (r.status, r.due_at),
    QueueSort.CHANNEL: lambda r: (r.channel,),
    QueueSort.OFFICER: lambda r: (r.officer,),
    QueueSort.RECEIVED: lambda r: (r.received_at,),
    QueueSort.DUE: lambda r: (r.due_at,),
}


def expected(rows: list[Listed], query: QueueQuery) -> list[str]:
    """The client ids the query must list, in order: the rules of QueueQuery in plain Python."""
    search = text_search(query.text)

    def keep(r: Listed) -> bool:
        flags = r.flags()
        found = (
            (search.name_part is not None and name_found(search.name_part, r.name_folded))
            or (search.cccd_prefix is not None and (r.cccd or "").startswith(search.cccd_prefix))
            or (search.code_part is not None and search.code_part.upper() in r.code)
        )
        return all((
            not query.statuses or r.status in query.statuses,
            not query.channels or r.channel in query.channels,
            not query.procedure_codes or r.procedure_code in query.procedure_codes,
            not query.officers or r.officer in query.officers,
            query.received_from is None or r.received_day >= query.received_from,
            query.received_to is None or r.received_day <= query.received_to,
            query.due_from is None or r.due_day() >= query.due_from,
            query.due_to is None or r.due_day() <= query.due_to,
            not query.overdue_only or bool(flags & ReviewFlag.LATE),
            search.empty or found,
            query.review is not ReviewScope.TO_REVIEW or bool(flags & ~r.reviewed_flags),
            query.review is not ReviewScope.ESCALATED or r.review_action == "escalate",
            query.review is not ReviewScope.RETURNED or r.review_action == "return",
            not query.flags or bool(flags & query.flags),
        ))

    key = SORT_KEYS[query.sort]
    chosen = sorted((r for r in rows if keep(r)), key=lambda r: (*key(r), r.rowid), reverse=query.descending)
    return [r.client_id for r in chosen]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DeskStore, list[Listed]]]:
    with open_store(tmp_path_factory.mktemp("site"), clock=lambda: NOW) as store:
        seed_dossiers(store, 3000, seed=3, today=TODAY)
        yield store, listed(store)


QUERIES = [
    QueueQuery(),
    QueueQuery(descending=False),
    QueueQuery(statuses=frozenset({4})),
    QueueQuery(statuses=frozenset({10, 9}), sort=QueueSort.CHANNEL),
    QueueQuery(statuses=frozenset({2, 4, 5}), channels=frozenset({2, 3}), sort=QueueSort.DUE, descending=False),
    QueueQuery(procedure_codes=frozenset({GDT_PROCEDURE}), officers=frozenset({"canbo01", "canbo02"})),
    QueueQuery(channels=frozenset({1}), sort=QueueSort.PROCEDURE),
    QueueQuery(received_from=date(2026, 11, 1), received_to=date(2026, 11, 10), sort=QueueSort.CODE),
    QueueQuery(due_from=date(2026, 11, 20), due_to=date(2026, 11, 30), sort=QueueSort.STATUS),
    QueueQuery(overdue_only=True),
    QueueQuery(overdue_only=True, sort=QueueSort.OFFICER, descending=False),
    QueueQuery(text="nguyễn"),
    QueueQuery(text="NGUYEN thi", sort=QueueSort.CODE),
    QueueQuery(text="th", sort=QueueSort.OFFICER, descending=False),
    QueueQuery(text="th", sort=QueueSort.CHANNEL),
    QueueQuery(text="thi nguy"),
    QueueQuery(text="t"),
    QueueQuery(text="079"),
    QueueQuery(text="0", sort=QueueSort.PROCEDURE),
    QueueQuery(text="261101-00"),
    QueueQuery(text="tam.desk0", sort=QueueSort.RECEIVED, descending=False),
    QueueQuery(text="khong co ai ten nay"),
    QueueQuery(text="nguyen", statuses=frozenset({10}), sort=QueueSort.DUE),
    QueueQuery(text="th", statuses=frozenset({9, 10})),
    QueueQuery(review=ReviewScope.TO_REVIEW),
    QueueQuery(review=ReviewScope.TO_REVIEW, sort=QueueSort.PROCEDURE),
    QueueQuery(review=ReviewScope.ESCALATED),
    QueueQuery(review=ReviewScope.RETURNED, sort=QueueSort.CODE),
    QueueQuery(flags=int(ReviewFlag.SYNC_HELD)),
    QueueQuery(flags=int(ReviewFlag.REFUND | ReviewFlag.LATE), statuses=frozenset({4, 5})),
    QueueQuery(flags=int(ReviewFlag.PHOTO_EXCEPTION | ReviewFlag.VALIDATION_OVERRIDE | ReviewFlag.REPRINT)),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: repr(q)[11:80])
def test_a_query_lists_what_its_rules_select_in_its_order(site: tuple[DeskStore, list[Listed]],
                                                          query: QueueQuery) -> None:
    store, rows = site
    want = expected(rows, query)
    store.audit("test", "queue.fresh")  # a write: nothing remembered from the query before
    # The first page before the count, as a view may ask for it too, then the count and more.
    assert [r.client_id for r in store.queue_page(query, 0, 200, NOW)] == want[:200]
    assert store.queue_count(query, NOW) == len(want)
    for offset in (200, max(0, len(want) - 150)):
        page = store.queue_page(query, offset, 200, NOW)
        assert [r.client_id for r in page] == want[offset:offset + 200]


def test_a_row_carries_its_flags_as_of_now_and_its_review(site: tuple[DeskStore, list[Listed]]) -> None:
    store, rows = site
    by_id = {r.client_id: r for r in rows}
    page = store.queue_page(QueueQuery(flags=int(ReviewFlag.SYNC_HELD | ReviewFlag.LATE)), 0, 500, NOW)
    assert page and any(r.flags & ReviewFlag.SYNC_HELD for r in page) and any(r.flags & ReviewFlag.LATE for r in page)
    for row in page:
        assert row.flags == by_id[row.client_id].flags()
        assert row.received_at.tzinfo is not None and row.due_at.tzinfo is not None
    held = next(r for r in page if r.flags & ReviewFlag.SYNC_HELD)
    assert held.sync_state == "held" and held.desk_id == "DESK-01"
    # A day later more is late; LATE follows the moment asked, not the moment stored.
    later = store.queue_count(QueueQuery(overdue_only=True), NOW + timedelta(days=1))
    assert later > store.queue_count(QueueQuery(overdue_only=True), NOW)
    reviewed = store.queue_page(QueueQuery(review=ReviewScope.ESCALATED), 0, 1, NOW)[0]
    assert (reviewed.review_action, reviewed.reviewed_by) == ("escalate", "giamsat01")
    assert reviewed.review_note and reviewed.reviewed_at is not None and reviewed.reviewed_flags


def test_seeded_dossiers_read_back_whole(site: tuple[DeskStore, list[Listed]]) -> None:
    store, rows = site
    for row in rows[::500]:
        dossier = store.get_dossier(row.client_id)
        assert isinstance(dossier, Dossier) and dossier.code == row.code
        assert dossier.received_at.astimezone(VN_TZ).date() == row.received_day


def test_facets_name_the_procedures_and_officers_held(site: tuple[DeskStore, list[Listed]]) -> None:
    store, rows = site
    facets = store.queue_facets()
    assert {code for code, _ in facets.procedures} == {r.procedure_code for r in rows}
    assert dict(facets.procedures)[GDT_PROCEDURE] == "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
    assert facets.officers == sorted({r.officer for r in rows})


def test_a_write_forgets_the_remembered_search(tmp_path: Path) -> None:
    with open_store(tmp_path, clock=lambda: NOW) as store:
        seed_dossiers(store, 300, seed=5, today=TODAY)
        query = QueueQuery(text="nguyen van binh")
        before = store.queue_count(query, NOW)
        assert before < 300  # few: the matches are remembered
        saved = store.save_new_dossier(*make_dossier(blobs=[]))  # "Nguyễn Văn Bình"
        assert store.queue_count(query, NOW) == before + 1
        assert saved.client_id in [r.client_id for r in store.queue_page(query, 0, 300, NOW)]


BENCHMARK = {
    "no filter": QueueQuery(),
    "status": QueueQuery(statuses=frozenset({4})),
    "name search": QueueQuery(text="nguyễn văn"),
    "CCCD prefix": QueueQuery(text="0560"),
    "code search": QueueQuery(text="261101-00"),
    "overdue only": QueueQuery(overdue_only=True),
    "sort by procedure": QueueQuery(sort=QueueSort.PROCEDURE, descending=False),
    "to review": QueueQuery(review=ReviewScope.TO_REVIEW),
}


def test_queues_on_100_000_dossiers_answer_within_100_ms(tmp_path: Path) -> None:
    with open_store(tmp_path, clock=lambda: NOW) as store:
        started, cpu = time.perf_counter(), time.process_time()
        seed_dossiers(store, 100_000, today=TODAY)
        # CPU time is judged: the wall clock also counts whatever else the machine runs.
        seeded, seeded_cpu = time.perf_counter() - started, time.process_time() - cpu
        took = {}
        for label, query in BENCHMARK.items():
            best = float("inf")
            for _ in range(3):
                store.audit("benchmark", "queue.timed")  # any write: the search is matched afresh
                started = time.perf_counter()
                count = store.queue_count(query, NOW)
                page = store.queue_page(query, 0, 200, NOW)
                best = min(best, time.perf_counter() - started)
            assert count > 0 and len(page) == min(200, count), label
            took[label] = round(best * 1000, 1)
        print(f"\nseeded 100 000 in {seeded:.1f} s ({seeded_cpu:.1f} s CPU); count + first page, ms: {took}")
        # Seeding seals each row and writes ~18 blind search terms per dossier (1.8 M rows):
        # about 19 s of CPU alone, 32 s seen within the whole suite.
        assert seeded_cpu < 45
        assert max(took.values()) < 100, took
