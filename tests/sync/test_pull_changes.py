"""The pull side: changes to the site's dossiers reach every desk of the site, from a cursor."""

from __future__ import annotations

from .conftest import Desk
from .test_engine import engine_for


def held_ids(desk: Desk) -> set[str]:
    return {s.client_id for s in desk.store.list_dossiers()}


def test_a_dossier_taken_at_another_desk_of_the_site_reaches_this_desk(make_desk):
    front, back = make_desk(), make_desk()
    taken = front.save(portraits=1, seed=11)
    assert engine_for(front).run_once().sent == 2
    engine_for(back).run_once()
    assert taken.client_id in held_ids(back)
    pulled = back.store.get_dossier(taken.client_id)
    assert pulled.code == front.store.get_dossier(taken.client_id).code and pulled.desk_id == front.desk_id
    assert back.store.load_cursor("dossiers")


def test_the_next_pass_asks_only_for_what_changed_since_the_cursor(make_desk):
    front, back = make_desk(), make_desk()
    front.save(portraits=0, seed=21)
    engine_for(front).run_once()
    engine = engine_for(back)
    engine.run_once()
    cursor = back.store.load_cursor("dossiers")
    engine.run_once()
    asked = [path for _, path, status, _ in back.wire.calls("GET", "/v1/dossiers") if status == 200]
    assert f"since={cursor}" in asked[-1]


def test_a_long_backlog_is_pulled_in_bounded_pages_over_passes(make_desk):
    front, back = make_desk(), make_desk()
    sent = [front.save(portraits=0, seed=30 + n) for n in range(5)]
    engine_for(front).run_once()
    # Pages of 2, at most 1 page a pass: the backlog drains over several passes.
    engine = engine_for(back, changes_page=2, changes_max_pages=1)
    engine.run_once()
    first = held_ids(back)
    # The shared test server also holds other tests' dossiers of the site: pull until a pass
    # brings nothing new, each pass bringing at most one page.
    passes, known = 1, first
    while True:
        engine.run_once()
        passes += 1
        now_known = held_ids(back)
        assert len(now_known) - len(known) <= 2
        if now_known == known:
            break
        known = now_known
    assert {d.client_id for d in sent} <= held_ids(back)
    assert len(first) <= 2 and passes >= 3
