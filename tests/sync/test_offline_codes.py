"""Dossier codes while offline: final codes from leased blocks, provisional ones after the
blocks run out, and never one final code printed twice, even by two desks cut off together."""

from __future__ import annotations

from desk_app.core.dossier_code import desk_tag, is_provisional, parse_code
from desk_app.sync import CentralClient

from .conftest import Desk, closed_port_url
from .test_engine import engine_for, server_copies


def offline_engine(desk: Desk, **kwargs):
    return engine_for(desk, client=CentralClient(closed_port_url(), desk_id=desk.desk_id,
                                                 access_token=desk.login.access_token), **kwargs)


def test_two_desks_offline_on_the_same_day_never_print_the_same_final_code(make_desk):
    desks = [make_desk(), make_desk()]
    for desk in desks:
        engine_for(desk, lease_floor=4).run_once()  # online in the morning: each leases its blocks
    # The network goes for the whole day; each desk takes six dossiers, more than its block.
    taken = {desk.desk_id: [desk.save(portraits=0, seed=50 + n) for n in range(6)] for desk in desks}
    for desk in desks:
        assert not offline_engine(desk).run_once().online
    printed = [d.code for dossiers in taken.values() for d in dossiers]
    finals = [c for c in printed if not is_provisional(c)]
    provisionals = [c for c in printed if is_provisional(c)]
    assert len(finals) == 8 and len(set(finals)) == 8  # 4 from each desk's own block
    assert len(provisionals) == 4 and len(set(provisionals)) == 4
    assert all(parse_code(c)[0] == desks[0].agency_code for c in finals)
    # Each provisional code names its desk, so even those cannot collide between desks.
    for desk in desks:
        own = [d.code for d in taken[desk.desk_id] if is_provisional(d.code)]
        assert len(own) == 2 and all(desk_tag(desk.desk_id) in code for code in own)

    # The network is back: every dossier arrives once; the centre replaces the provisional codes.
    for desk in desks:
        report = engine_for(desk).run_once()
        assert report.online and report.held == 0 and report.waiting == report.retrying == 0
    final_codes = []
    for desk in desks:
        for dossier in taken[desk.desk_id]:
            [copy] = server_copies(desk, dossier.client_id)
            assert not copy["code_provisional"]
            if not is_provisional(dossier.code):
                assert copy["code"] == dossier.code  # a leased code stands as printed
            local = desk.store.get_dossier(dossier.client_id)
            assert local.code == copy["code"] and not local.code_provisional
            final_codes.append(copy["code"])
    assert len(set(final_codes)) == 12
